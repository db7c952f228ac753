"""Random streams for resampling that do not depend on what else is in the corpus."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd


MIN_TURNS = 5
"""Below this many turns a bootstrap over turns has too few distinct resamples (two turns: three) to be more than a
sketch; figures draw such intervals dotted and say so."""


def rng_for(seed: int, key) -> np.random.Generator:
    """A generator for one group, from the fixed seed and the group's own key.

    Each group (an event, an event and speaker, ...) gets its own stream, so adding a document to one event
    leaves every other event's bootstrap intervals exactly as they were.
    """
    return np.random.default_rng([seed, zlib.crc32(repr(key).encode("utf-8"))])


def cluster_picks(rng: np.random.Generator, units, samples: int) -> list[np.ndarray]:
    """Row indices of ``samples`` bootstrap resamples that draw whole units (clusters) with replacement.

    ``units`` gives each row's unit (for instance the turn it belongs to, so that the sentences of one answer
    are drawn together: they are not independent). Each resample draws as many units as there are, with
    replacement, and takes every row of each drawn unit; resamples therefore differ in length. With every row
    its own unit this is the ordinary bootstrap over rows (but slower than drawing rows directly).
    """
    codes, uniques = pd.factorize(pd.Series(list(units)), sort=False)
    members = [np.flatnonzero(codes == k) for k in range(len(uniques))]
    drawn = rng.integers(0, len(members), size=(samples, len(members)))
    return [np.concatenate([members[k] for k in row]) if len(row) else np.array([], dtype=int) for row in drawn]


def cluster_permutation_labels(rng: np.random.Generator, units, labels) -> np.ndarray:
    """Row labels after shuffling labels between whole units (a permutation test that respects clusters).

    Every row of a unit shares one label (say, the event its answer was given at); the units' labels are
    permuted among the units and handed back to their rows."""
    codes, uniques = pd.factorize(pd.Series(list(units)), sort=False)
    labels = np.asarray(labels)
    unit_labels = np.empty(len(uniques), dtype=labels.dtype)
    unit_labels[codes] = labels
    return rng.permutation(unit_labels)[codes]
