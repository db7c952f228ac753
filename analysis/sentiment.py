"""Sentence-level sentiment: reference VADER, NLTK's port of it, TextBlob, and an audit of the lexicon.

Everything works offline. The reference VADER (package ``vaderSentiment``) ships its lexicon; NLTK's port
is pointed at that same lexicon file by adding the package's folder to ``nltk.data.path`` (NLTK refuses
a plain file path, and NLTK's downloader is never called). TextBlob's default analyzer ships its own
lexicon (from the Pattern library), built independently of VADER.

VADER's compound score saturates on long texts, so sentences are scored, never whole turns. A sentence is
positive when its score is above ``THRESHOLD``, negative below ``-THRESHOLD``, neutral otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import nltk
import numpy as np
import pandas as pd
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkAnalyzer
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as ReferenceAnalyzer

from .resampling import rng_for
from .tables import read_table
from .text import words

THRESHOLD = 0.05
SEED = 20250815
SAMPLES = 2000
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
    """The rows of ``sentences`` with the reference VADER scores ``compound, pos, neu, neg`` added."""
    analyzer = analyzer or reference_analyzer()
    scores = pd.DataFrame([analyzer.polarity_scores(text) for text in sentences["text"]],
                          index=sentences.index, columns=["compound", "pos", "neu", "neg"])
    return sentences.assign(**{c: scores[c].astype(float) for c in scores.columns})


def nltk_vader(sentences: pd.DataFrame) -> pd.Series:
    """NLTK's VADER compound score per sentence."""
    analyzer = nltk_analyzer()
    return pd.Series([analyzer.polarity_scores(t)["compound"] for t in sentences["text"]],
                     index=sentences.index, name="nltk_compound", dtype=float)


def textblob_polarity(sentences: pd.DataFrame) -> pd.Series:
    """TextBlob's polarity (-1 to 1) per sentence, from the Pattern lexicon that TextBlob ships."""
    return pd.Series([TextBlob(t).sentiment.polarity for t in sentences["text"]], index=sentences.index,
                     name="textblob_polarity", dtype=float)


def score_all(sentences: pd.DataFrame) -> pd.DataFrame:
    """Reference VADER columns, NLTK's compound and TextBlob's polarity, with their classes."""
    scored = vader(sentences)
    scored["nltk_compound"] = nltk_vader(sentences)
    scored["textblob_polarity"] = textblob_polarity(sentences)
    scored["vader_class"] = classify(scored["compound"])
    scored["nltk_class"] = classify(scored["nltk_compound"])
    scored["textblob_class"] = classify(scored["textblob_polarity"])
    return scored


def classify(scores: pd.Series, threshold: float = THRESHOLD) -> pd.Series:
    """``positive`` above ``threshold``, ``negative`` below ``-threshold``, else ``neutral``."""
    return pd.Series(np.select([scores > threshold, scores < -threshold], ["positive", "negative"], "neutral"),
                     index=scores.index, name="class")


# --- aggregates and tests ------------------------------------------------------------------------------

def aggregate(scored: pd.DataFrame, by: list[str], value: str = "compound", samples: int = SAMPLES,
              seed: int = SEED, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Mean score and shares of positive / negative / neutral sentences per group, each with a 95 %
    percentile bootstrap interval over sentences (seeded). Groups keep their order of appearance."""
    rows = []
    for key, part in scored.groupby(by, sort=False):
        rng = rng_for(seed, key)
        values = part[value].to_numpy(dtype=float)
        picks = values[rng.integers(0, len(values), size=(samples, len(values)))]
        row = dict(zip(by, key if isinstance(key, tuple) else (key,)))
        row["sentences"] = len(values)
        statistics = {"mean": (values.mean(), picks.mean(axis=1)),
                      "positive": ((values > threshold).mean(), (picks > threshold).mean(axis=1)),
                      "negative": ((values < -threshold).mean(), (picks < -threshold).mean(axis=1)),
                      "neutral": ((np.abs(values) <= threshold).mean(), (np.abs(picks) <= threshold).mean(axis=1))}
        for name, (point, resampled) in statistics.items():
            low, high = np.quantile(resampled, [0.025, 0.975])
            row.update({name: point, f"{name}_low": low, f"{name}_high": high})
        rows.append(row)
    return pd.DataFrame(rows)


def permutation_test(first: Iterable[float], second: Iterable[float], samples: int = 10000,
                     seed: int = SEED) -> dict[str, float]:
    """Two-sided permutation test of the difference in means (first minus second).

    The p-value counts the shuffles whose absolute difference is at least the observed one, with the
    observed labelling included (so it is never 0).
    """
    first, second = np.asarray(list(first), dtype=float), np.asarray(list(second), dtype=float)
    pooled = np.concatenate([first, second])
    observed = first.mean() - second.mean()
    rng = np.random.default_rng(seed)
    hits = 0
    for _ in range(samples):
        shuffled = rng.permutation(pooled)
        difference = shuffled[:len(first)].mean() - shuffled[len(first):].mean()
        hits += abs(difference) >= abs(observed) - 1e-12
    return {"difference": float(observed), "p_value": float((hits + 1) / (samples + 1)), "samples": samples,
            "n_first": len(first), "n_second": len(second)}


def speaker_between_events(scored: pd.DataFrame, speaker: str, first: str, second: str,
                           column: str = "compound") -> dict[str, float]:
    """:func:`permutation_test` of one speaker's sentence scores at ``first`` against ``second`` (first minus
    second): the comparison that holds the speaker constant (``corpus.comparison``)."""
    own = scored[scored["speaker"] == speaker]
    return permutation_test(own.loc[own["event"] == first, column], own.loc[own["event"] == second, column])


def method_agreement(scored: pd.DataFrame, by: str = "event") -> pd.DataFrame:
    """Per group: Pearson and Spearman correlation of the methods with reference VADER, and the share
    of sentences whose class (positive / neutral / negative at ±THRESHOLD) agrees."""
    rows = []
    for key, part in scored.groupby(by, sort=False):
        for method, column, classes in (("NLTK VADER", "nltk_compound", "nltk_class"),
                                        ("TextBlob", "textblob_polarity", "textblob_class")):
            rows.append({by: key, "method": method, "sentences": len(part),
                         "pearson": part["compound"].corr(part[column]),
                         "spearman": part["compound"].rank().corr(part[column].rank()),
                         "class_agreement": (part["vader_class"] == part[classes]).mean(),
                         "opposite_sign": ((part["vader_class"] != "neutral") & (part[classes] != "neutral")
                                           & (part["vader_class"] != part[classes])).mean()})
    return pd.DataFrame(rows)


def implementation_disagreements(scored: pd.DataFrame, tolerance: float = 0.05) -> pd.DataFrame:
    """Sentences where NLTK's port and the reference differ by more than ``tolerance`` or in class."""
    differs = ((scored["compound"] - scored["nltk_compound"]).abs() > tolerance) | (
        scored["vader_class"] != scored["nltk_class"])
    columns = ["event", "speaker", "position", "text", "compound", "nltk_compound", "vader_class", "nltk_class"]
    return scored.loc[differs, columns].assign(
        has_negation=scored.loc[differs, "text"].str.contains(NEGATION_PATTERN, case=False, regex=True))


NEGATION_PATTERN = r"\b(?:no|not|never|none|nothing|nobody|neither|nor|without|n't|cannot)\b|n’t"


# --- lexicon audit -------------------------------------------------------------------------------------

def read_masked_words(path: Path) -> pd.DataFrame:
    """The words to mask in the lexicon audit: ``word, kind, reason`` (see data/README.md)."""
    table = read_table(path, ["word", "kind", "reason"])
    return table.drop(columns=["_line"]).assign(word=lambda t: t["word"].str.strip().str.lower())


def word_shift(first: pd.DataFrame, second: pd.DataFrame, lexicon: dict[str, float] | None = None) -> pd.DataFrame:
    """How each lexicon word moves the mean valence per word from ``second`` to ``first``.

    For word w with VADER valence v(w) and relative frequency p(w) among all words of each set of
    sentences: contribution(w) = v(w) * (p_first(w) - p_second(w)). The contributions add up exactly to
    the difference in mean lexicon valence per word. This is a word-level view: it ignores VADER's rules
    (negation, intensifiers, "but"), multi-word entries and the compound normalisation.
    """
    lexicon = lexicon if lexicon is not None else reference_analyzer().lexicon
    counts, totals = [], []
    for frame in (first, second):
        tokens = [w.lower() for text in frame["text"] for w in words(text)]
        counts.append(Counter(t for t in tokens if t in lexicon))
        totals.append(len(tokens))
    vocabulary = sorted(set(counts[0]) | set(counts[1]))
    table = pd.DataFrame({"word": vocabulary, "valence": [lexicon[w] for w in vocabulary],
                          "count_first": [counts[0][w] for w in vocabulary],
                          "count_second": [counts[1][w] for w in vocabulary]})
    table["freq_first"] = table["count_first"] / totals[0]
    table["freq_second"] = table["count_second"] / totals[1]
    table["contribution"] = table["valence"] * (table["freq_first"] - table["freq_second"])
    order = table["contribution"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def mean_valence_per_word(frame: pd.DataFrame, lexicon: dict[str, float] | None = None) -> float:
    """Sum of lexicon valences of all words over the number of words (the quantity word_shift splits)."""
    lexicon = lexicon if lexicon is not None else reference_analyzer().lexicon
    tokens = [w.lower() for text in frame["text"] for w in words(text)]
    return sum(lexicon.get(t, 0.0) for t in tokens) / len(tokens)


def arc(scored: pd.DataFrame, window: int = 15, value: str = "compound") -> pd.DataFrame:
    """Sentiment through each transcript: every sentence in order with a centred moving mean.

    The moving mean covers ``window`` sentences (fewer at the ends); it smooths single sentences so the
    shape of a conference can be seen.
    """
    table = scored[["event", "doc_id", "position", "turn", "speaker", "role", value]].sort_values(
        ["doc_id", "position"], kind="stable")
    table["moving_mean"] = (table.groupby("doc_id", sort=False)[value]
                            .transform(lambda v: v.rolling(window, center=True, min_periods=1).mean()))
    return table.reset_index(drop=True)
