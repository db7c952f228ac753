"""Sentiment scoring: every sentence scored by each method of :data:`METHODS` (reference VADER, NLTK's port of
it, TextBlob).

Part of the annotation step (:mod:`analysis.annotation` applies it once per corpus); the aggregates, tests and
the audit of the lexicon are in :mod:`analysis.sentiment`, which re-exports this module's names.

Everything works offline. The reference VADER (package ``vaderSentiment``) ships its lexicon; NLTK's port
is pointed at that same lexicon file by adding the package's folder to ``nltk.data.path`` (NLTK refuses
a plain file path, and NLTK's downloader is never called). TextBlob's default analyzer ships its own
lexicon (from the Pattern library), built independently of VADER.

VADER's compound score saturates on long texts, so sentences are scored, never whole turns. A sentence is
positive when its score is above ``THRESHOLD``, negative below ``-THRESHOLD``, neutral otherwise.

"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nltk
import numpy as np
import pandas as pd
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkAnalyzer
from textblob import TextBlob
from vaderSentiment.vaderSentiment import (
    SentimentIntensityAnalyzer as ReferenceAnalyzer,
)

from . import vader_fast

THRESHOLD = 0.05
VADER_LEXICON_DIR = Path(vaderSentiment.__file__).parent
VADER_LEXICON_FILE = "vader_lexicon.txt"


# --- scorers -----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def reference_analyzer() -> ReferenceAnalyzer:
    """The reference VADER implementation with its own lexicon."""
    return ReferenceAnalyzer()


@lru_cache(maxsize=1)
def nltk_analyzer() -> NltkAnalyzer:
    """NLTK's port of VADER, reading the reference lexicon file: no download needed."""
    folder = str(VADER_LEXICON_DIR)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return NltkAnalyzer(lexicon_file=VADER_LEXICON_FILE)


def masked_analyzer(masked: Iterable[str]) -> ReferenceAnalyzer:
    """A reference analyzer whose lexicon lacks the given words (they then carry no valence)."""
    analyzer = ReferenceAnalyzer()
    for word in masked:
        analyzer.lexicon.pop(word.lower(), None)
    return analyzer


def vader(sentences: pd.DataFrame, analyzer: ReferenceAnalyzer | None = None) -> pd.DataFrame:
    """The rows of ``sentences`` with the reference VADER scores ``compound, pos, neu, neg`` added.

    Scored by :func:`analysis.vader_fast.scorer`: the reference's numbers, without its repeated work; the
    columns are built from the scores directly (a table of one dict per sentence costs more than it holds)."""
    score = vader_fast.scorer(analyzer or reference_analyzer())
    scores = [score(text) for text in sentences["text"].tolist()]  # (a list: no pandas look-up per sentence)
    return sentences.assign(**{column: pd.Series([s[column] for s in scores], index=sentences.index, dtype=float)
                               for column in ("compound", "pos", "neu", "neg")})


def nltk_vader(sentences: pd.DataFrame) -> pd.Series:
    """NLTK's VADER compound score per sentence."""
    analyzer = nltk_analyzer()
    return pd.Series([analyzer.polarity_scores(t)["compound"] for t in sentences["text"]],
                     index=sentences.index, name="nltk_compound", dtype=float)


def textblob_polarity(sentences: pd.DataFrame) -> pd.Series:
    """TextBlob's polarity (-1 to 1) per sentence, from the Pattern lexicon that TextBlob ships."""
    return pd.Series([TextBlob(t).sentiment.polarity for t in sentences["text"]], index=sentences.index,
                     name="textblob_polarity", dtype=float)


@dataclass(frozen=True)
class Method:
    """One sentiment method: how it is named, the columns it adds to the sentences and how it scores them.

    ``scorer`` takes the sentences (a ``text`` column) and returns one score per sentence, -1 to 1, in their
    index: a Series, or a DataFrame holding ``score`` and the ``extra_columns`` it also gives (reference
    VADER's ``pos``, ``neu``, ``neg``).
    """

    name: str  # in tables (the ``method`` column of method_agreement) and captions: 'NLTK VADER'
    axis_label: str  # on the axis of a figure that plots the score: 'TextBlob polarity'
    score: str  # the score column: 'nltk_compound'
    class_column: str  # positive / neutral / negative at +-THRESHOLD: 'nltk_class'
    scorer: Callable[[pd.DataFrame], pd.Series | pd.DataFrame]
    description: str  # one line: what it is and whose lexicon
    extra_columns: tuple[str, ...] = ()
    in_caption: str = ""  # what a caption calls the score ('the score of NLTK's port of VADER'); default from axis_label
    short_name: str = ""  # what a caption calls the method in passing ('NLTK's port'); default: name

    @property
    def score_in_words(self) -> str:
        """The score as a caption names it: ``in_caption``, or 'the <axis label>'."""
        return self.in_caption or f"the {self.axis_label}"

    @property
    def called(self) -> str:
        """The method as a caption names it in passing: ``short_name``, or its ``name``."""
        return self.short_name or self.name

    def scores(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """The score (and extra) columns of ``sentences``, as floats, in their index."""
        scores = self.scorer(sentences)
        if isinstance(scores, pd.Series):
            scores = scores.rename(self.score).to_frame()
        return scores[[self.score, *self.extra_columns]].astype(float)


def reference_vader(sentences: pd.DataFrame) -> pd.DataFrame:
    """Reference VADER's ``compound``, ``pos``, ``neu``, ``neg`` per sentence (:func:`vader` without the sentences)."""
    return vader(sentences)[["compound", "pos", "neu", "neg"]]


REFERENCE_VADER = Method("reference VADER", "reference VADER", "compound", "vader_class", reference_vader,
                         "VADER (Hutto and Gilbert 2014), the reference implementation (vaderSentiment) and its lexicon",
                         extra_columns=("pos", "neu", "neg"))
NLTK_VADER = Method("NLTK VADER", "NLTK VADER", "nltk_compound", "nltk_class", nltk_vader,
                    "NLTK's port of VADER: its own code, reading the reference lexicon file",
                    in_caption="the score of NLTK's port of VADER", short_name="NLTK's port")
TEXTBLOB = Method("TextBlob", "TextBlob polarity", "textblob_polarity", "textblob_class", textblob_polarity,
                  "TextBlob's polarity, from the lexicon of the Pattern library (adjectives scored by hand)",
                  in_caption="TextBlob's polarity")

METHODS: tuple[Method, ...] = (REFERENCE_VADER, NLTK_VADER, TEXTBLOB)
"""Every sentiment method, the reference first: :func:`score_all`, :func:`method_agreement`, the notebook's
tables and the figures of ``analysis.figures.sentiment`` go over this tuple, so a new lexicon is one more entry
(a :class:`Method`). Every method after the first is compared with the first."""


def score_columns(methods: Iterable[Method] | None = None) -> list[str]:
    """The columns :func:`score_all` adds, in its order: every method's score (and extra) columns, then the classes."""
    methods = list(METHODS if methods is None else methods)
    return [c for m in methods for c in (m.score, *m.extra_columns)] + [m.class_column for m in methods]


def score_all(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences with every method's score of :data:`METHODS` (reference VADER's ``compound, pos, neu, neg``
    first), then each method's class (:func:`classify`), in the order of :func:`score_columns`."""
    scored = sentences.copy()
    for method in METHODS:
        scores = method.scores(sentences)
        for column in scores.columns:
            scored[column] = scores[column]
    for method in METHODS:
        scored[method.class_column] = classify(scored[method.score])
    return scored


def classify(scores: pd.Series, threshold: float = THRESHOLD) -> pd.Series:
    """``positive`` above ``threshold``, ``negative`` below ``-threshold``, else ``neutral``."""
    return pd.Series(np.select([scores > threshold, scores < -threshold], ["positive", "negative"], "neutral"),
                     index=scores.index, name="class")


