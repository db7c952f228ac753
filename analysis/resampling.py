"""Resampling, one way for every analysis: seeded per group, drawing whole turns or single rows.

:func:`group_resamples` is what speaking time, topic share and sentiment bootstrap with: each group of a table
(an event, an event and speaker, ...) gets its own random stream (:func:`rng_for`), so adding a document to one
event leaves every other event's intervals exactly as they were, and a resample draws whole turns (the sentences
of one answer are not independent) or rows one by one, by argument.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import numpy as np
import pandas as pd


MIN_TURNS = 5
"""The fewest units an interval may rest on (:data:`analysis.units.MIN_UNITS`, which says why; kept under this
name for code written before exchanges became a unit)."""


DESIGN = "design"
"""Draw the design's units (:mod:`analysis.units`): whole exchanges at a news conference with questions, whole
turns for statements. The rows must carry a ``design_unit`` column (``analysis.units.with_design_units``)."""

UNITS = (DESIGN, "turn", "sentence")
"""What a bootstrap or permutation draws: the design's units (the default of the analyses), whole turns, or
single sentences (shown beside, once, to see why not)."""


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


ROW = "row"
"""Draw each row on its own, whatever the table's rows are (turns of a turn table): the unit for tables that are not
sentences. For a sentence table it draws exactly what ``"sentence"`` draws."""


def check_unit(unit: str) -> None:
    """Refuse an unknown resampling unit by name (a typo would otherwise silently mean something else)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(map(repr, UNITS))}, not {unit!r}")


def turn_units(rows: pd.DataFrame) -> list[tuple]:
    """Each sentence row's turn, as ``(doc_id, turn)``: turn numbers restart in every transcript, so the
    document is part of the turn's identity."""
    missing = [c for c in ("doc_id", "turn") if c not in rows.columns]
    if missing:
        raise ValueError(f"resampling whole turns needs the columns doc_id and turn (missing: {', '.join(missing)}); "
                         f"pass unit='sentence' to resample sentences one by one")
    return list(zip(rows["doc_id"], rows["turn"]))


def bootstrap_picks(rng: np.random.Generator, rows: pd.DataFrame, samples: int, unit: str) -> list[np.ndarray]:
    """Row positions of each bootstrap resample of ``rows``: whole turns, or single sentences.

    For sentences the draws are made directly (one call to ``rng.integers``); they are the draws
    :func:`~analysis.resampling.cluster_picks` would make with every sentence its own unit, only faster,
    and they reproduce the sentence-level intervals published before turns became the unit.
    """
    if unit != ROW:
        check_unit(unit)
    if unit == DESIGN:
        if "design_unit" not in rows.columns:
            raise ValueError("resampling the design's units needs a design_unit column: "
                             "pass the rows through analysis.units.with_design_units(rows, corpus.turns)")
        return cluster_picks(rng, rows["design_unit"], samples)
    if unit == "turn":
        return cluster_picks(rng, turn_units(rows), samples)
    return list(rng.integers(0, len(rows), size=(samples, len(rows))))


def group_resamples(table: pd.DataFrame, by, samples: int, seed: int,
                    unit: str) -> Iterator[tuple[object, pd.DataFrame, list[np.ndarray]]]:
    """Each group of ``table`` by ``by`` (in order of appearance) with the row positions of its ``samples`` bootstrap
    resamples, drawn from the group's own stream: ``(key, rows, picks)``.

    ``unit`` is ``"turn"`` (whole turns of a sentence table, with all their sentences), ``"sentence"`` (sentences
    one by one) or :data:`ROW` (rows one by one, for a table of turns).
    """
    for key, rows in table.groupby(by, sort=False):
        yield key, rows, bootstrap_picks(rng_for(seed, key), rows, samples, unit)
