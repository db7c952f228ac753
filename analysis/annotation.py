"""The annotation step: every sentence of a corpus with its topic and its sentiment scores, computed once.

Topic assignment (:func:`analysis.topic_coding.assign`, with the codebook in the corpus's own ``data_dir``) and the
sentiment scores of every method in :data:`analysis.sentiment_scoring.METHODS` are the two annotations that the analyses
share: speaking time needs neither, sentiment reads topics (sentiment by topic), topics and coverage read both.
:func:`annotate` computes them once per loaded corpus and hands the same table to every caller in that process
(a notebook calls it once and passes the result on).

They are not cached on disk: for the seed corpus both take about 0.2 s, less than reading and checking a cached
table would cost, and a cache under ``data/`` would be one more file to keep in step with the codebook. The
columns are documented in ``data/README.md`` ("Annotated sentences").
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pandas as pd

from . import sentiment_scoring, topic_coding, units
from .corpus import Corpus


@dataclass(frozen=True)
class Annotated:
    """One corpus's sentences with their annotations, and the codebook that assigned the topics."""

    sentences: pd.DataFrame  # corpus.sentences + topic, topics + each sentiment method's score and class + design unit
    codebook: topic_coding.Codebook


_annotated: "weakref.WeakKeyDictionary[Corpus, Annotated]" = weakref.WeakKeyDictionary()


def annotate(corpus: Corpus) -> Annotated:
    """The corpus's sentences with ``topic`` and ``topics`` (:func:`analysis.topic_coding.assign`) and the sentiment
    columns of :func:`analysis.sentiment_scoring.score_all`, in the rows and order of ``corpus.sentences``.

    Computed on the first call for a corpus and reused on later calls with the same corpus object (a corpus is
    immutable); load the corpus again to see edited data files.
    """
    cached = _annotated.get(corpus)
    if cached is None:
        codebook = topic_coding.read_codebook(corpus.data_dir)
        scored = sentiment_scoring.score_all(corpus.sentences)
        assigned = topic_coding.assign(corpus.sentences, codebook)
        sentences = units.with_design_units(scored.assign(topic=assigned["topic"], topics=assigned["topics"]),
                                            corpus.turns)
        cached = _annotated[corpus] = Annotated(sentences, codebook)
    return cached
