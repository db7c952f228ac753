"""Random streams for resampling that do not depend on what else is in the corpus."""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, key) -> np.random.Generator:
    """A generator for one group, from the fixed seed and the group's own key.

    Each group (an event, an event and speaker, ...) gets its own stream, so adding a document to one event
    leaves every other event's bootstrap intervals exactly as they were.
    """
    return np.random.default_rng([seed, zlib.crc32(repr(key).encode("utf-8"))])
