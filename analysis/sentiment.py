"""Sentence-level sentiment: aggregates with intervals, tests, arcs, and an audit of the lexicon.

The scores come from :mod:`analysis.sentiment_scoring` (the methods, :data:`METHODS`, and why sentences are
scored), which the annotation step applies once per corpus; its names (``vader``, ``score_all``, ``METHODS``,
``THRESHOLD``...) are re-exported here. Code that must see a changed registry reads ``sentiment_scoring.METHODS``.

Sentences are scored, but intervals and tests resample whole turns (see "aggregates and tests" below).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths, resampling, sentiment_scoring, topics
from .resampling import check_unit, cluster_permutation_labels, group_resamples, turn_units
from .errors import corpus_error
from .tables import LINE, read_table
from .text import words

# The scoring names, re-exported: `sentiment.vader`, `sentiment.METHODS`, ... as before.
from .sentiment_scoring import (  # noqa: F401
    METHODS,
    NLTK_VADER,
    REFERENCE_VADER,
    TEXTBLOB,
    THRESHOLD,
    VADER_LEXICON_DIR,
    VADER_LEXICON_FILE,
    Method,
    classify,
    masked_analyzer,
    nltk_analyzer,
    nltk_vader,
    reference_analyzer,
    reference_vader,
    score_all,
    score_columns,
    textblob_polarity,
    vader,
)

SEED = 20250815
SAMPLES = 2000

# --- aggregates and tests ------------------------------------------------------------------------------
#
# The unit of resampling is the turn: the sentences of one answer share its subject, its mood and its
# speaker's phrasing, so they are not independent draws. Bootstrapping or shuffling sentences one by one
# pretends there is more information than there is (intervals too narrow, p-values too small). Every
# interval and test here therefore resamples whole turns by default; ``unit="sentence"`` gives the old,
# sentence-by-sentence figures, kept so that the two can be shown side by side.

MIN_TURNS = resampling.MIN_TURNS
"""Fewer turns than this and a turn-level interval says little: a bootstrap over k turns has only
C(2k - 1, k) different resamples (3 for two turns, 10 for three, 35 for four, 126 for five), so its
percentiles are a few values apart, and it cannot show variation the few turns happen not to have (it may
even come out narrower than the interval over sentences)."""


def resampled_statistics(values: np.ndarray, picks: list[np.ndarray], threshold: float) -> dict[str, np.ndarray]:
    """Mean and the shares positive / negative / neutral of every resample (resamples may differ in length).

    All resamples are read in one pass (``np.add.reduceat`` over their concatenation) instead of a Python
    loop over 2,000 of them.
    """
    lengths = np.array([len(p) for p in picks])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    drawn = values[np.concatenate(picks)]

    def share(flags: np.ndarray) -> np.ndarray:
        return np.add.reduceat(flags.astype(float), starts) / lengths

    return {"mean": np.add.reduceat(drawn, starts) / lengths, "positive": share(drawn > threshold),
            "negative": share(drawn < -threshold), "neutral": share(np.abs(drawn) <= threshold)}


def aggregate(scored: pd.DataFrame, by: list[str], value: str = "compound", samples: int = SAMPLES,
              seed: int = SEED, threshold: float = THRESHOLD, unit: str = "turn") -> pd.DataFrame:
    """Mean score and shares of positive / negative / neutral sentences per group, each with a 95 %
    percentile bootstrap interval (seeded). Groups keep their order of appearance.

    The bootstrap draws whole turns (``unit="turn"``, needs ``doc_id`` and ``turn``): a resample takes as
    many of the group's turns as it has, with replacement, with all their sentences. ``unit="sentence"``
    draws sentences one by one, which treats the sentences of one answer as independent (narrower
    intervals than the data support; kept to show the difference). Each group has its own random stream
    (:func:`~analysis.resampling.rng_for`), so adding a turn to one group leaves the others' intervals as
    they were. ``units`` says how many turns (or sentences) the interval rests on. A group of one unit has
    no interval (NaN): every resample is that one unit again, and an interval of zero width would claim a
    certainty the data cannot give. Read intervals over fewer than :data:`MIN_TURNS` turns as sketches.
    """
    check_unit(unit)
    rows = []
    for key, part, picks in group_resamples(scored, by, samples, seed, unit):
        values = part[value].to_numpy(dtype=float)
        row = dict(zip(by, key if isinstance(key, tuple) else (key,)))
        row.update({"sentences": len(values), "unit": unit,
                    "units": len(set(turn_units(part))) if unit == "turn" else len(values)})
        points = {"mean": values.mean(), "positive": (values > threshold).mean(),
                  "negative": (values < -threshold).mean(), "neutral": (np.abs(values) <= threshold).mean()}
        for name, resampled in resampled_statistics(values, picks, threshold).items():
            low, high = np.quantile(resampled, [0.025, 0.975]) if row["units"] > 1 else (np.nan, np.nan)
            row.update({name: points[name], f"{name}_low": low, f"{name}_high": high})
        rows.append(row)
    return pd.DataFrame(rows)


def permutation_test(first: Iterable[float], second: Iterable[float], samples: int = 10000,
                     seed: int = SEED, first_units: Iterable | None = None,
                     second_units: Iterable | None = None) -> dict[str, float]:
    """Two-sided permutation test of the difference in means (first minus second).

    The p-value counts the shuffles whose absolute difference is at least the observed one, with the
    observed labelling included (so it is never 0). Without units every value is shuffled on its own. With
    ``first_units`` and ``second_units`` (one unit per value, say its turn) the group labels are shuffled
    between whole units (:func:`~analysis.resampling.cluster_permutation_labels`): the values of one unit
    always move together, as the sentences of one answer were said together. A unit may not be in both
    groups. :func:`permutation_test_of_rows` finds the turns for you.
    """
    first, second = np.asarray(list(first), dtype=float), np.asarray(list(second), dtype=float)
    pooled = np.concatenate([first, second])
    observed = first.mean() - second.mean()
    rng = np.random.default_rng(seed)
    if (first_units is None) != (second_units is None):
        raise ValueError("give the units of both groups or of neither")
    if first_units is None:
        differences = sentence_shuffles(rng, pooled, len(first), samples)
        counts = (len(first), len(second))
    else:
        codes, counts = unit_codes(first_units, second_units, len(first), len(second))
        differences = unit_shuffles(rng, pooled, codes, len(first), samples)
    hits = int(np.sum(np.abs(differences) >= abs(observed) - 1e-12))
    return {"difference": float(observed), "p_value": float((hits + 1) / (samples + 1)), "samples": samples,
            "n_first": len(first), "n_second": len(second), "units_first": counts[0], "units_second": counts[1]}


def sentence_shuffles(rng: np.random.Generator, pooled: np.ndarray, n_first: int, samples: int) -> np.ndarray:
    """Differences in means after shuffling single values (the draws of the original sentence-level test)."""
    differences = np.empty(samples)
    for i in range(samples):
        shuffled = rng.permutation(pooled)
        differences[i] = shuffled[:n_first].mean() - shuffled[n_first:].mean()
    return differences


def unit_codes(first_units: Iterable, second_units: Iterable, n_first: int,
               n_second: int) -> tuple[np.ndarray, tuple[int, int]]:
    """Integer codes of the units of the pooled values and how many units each group has.

    A unit found in both groups is refused: shuffling labels between units needs each unit to carry one
    label (it would otherwise be silently given the label of its last row).
    """
    first_units, second_units = list(first_units), list(second_units)
    if (len(first_units), len(second_units)) != (n_first, n_second):
        raise ValueError("give one unit per value")
    shared = set(first_units) & set(second_units)
    if shared:
        raise ValueError(f"{len(shared)} unit(s) in both groups, e.g. {sorted(shared, key=repr)[0]!r}: a turn "
                         f"must belong to one group only")
    codes, _ = pd.factorize(pd.Series(first_units + second_units, dtype=object), sort=False)
    return codes, (len(set(first_units)), len(set(second_units)))


def unit_shuffles(rng: np.random.Generator, pooled: np.ndarray, codes: np.ndarray, n_first: int,
                  samples: int) -> np.ndarray:
    """Differences in means (of values, not of units) after shuffling group labels between whole units."""
    is_first = np.arange(len(pooled)) < n_first
    differences = np.empty(samples)
    for i in range(samples):
        labels = cluster_permutation_labels(rng, codes, is_first)
        differences[i] = pooled[labels].mean() - pooled[~labels].mean()
    return differences


def permutation_test_of_rows(first: pd.DataFrame, second: pd.DataFrame, column: str = "compound",
                             unit: str = "turn", samples: int = 10000, seed: int = SEED) -> dict[str, float]:
    """:func:`permutation_test` of ``column`` between two sets of sentence rows, shuffling whole turns
    (``unit="turn"``, needs ``doc_id`` and ``turn``) or single sentences (``unit="sentence"``)."""
    check_unit(unit)
    units = (turn_units(first), turn_units(second)) if unit == "turn" else (None, None)
    result = permutation_test(first[column], second[column], samples=samples, seed=seed, first_units=units[0],
                              second_units=units[1])
    return {**result, "unit": unit}


def speaker_between_events(scored: pd.DataFrame, speaker: str, first: str, second: str,
                           column: str = "compound", unit: str = "turn", samples: int = 10000,
                           seed: int = SEED) -> dict[str, float]:
    """:func:`permutation_test_of_rows` of one speaker's sentence scores at ``first`` against ``second``
    (first minus second): the comparison that holds the speaker constant (``corpus.comparison``). The event
    labels are shuffled between the speaker's whole turns by default."""
    own = scored[scored["speaker"] == speaker]
    return permutation_test_of_rows(own[own["event"] == first], own[own["event"] == second], column, unit,
                                    samples, seed)


def between_sides(scored: pd.DataFrame, pair, column: str = "compound", unit: str = "turn", samples: int = 10000,
                  seed: int = SEED) -> dict[str, float]:
    """:func:`permutation_test_of_rows` of a comparison's two sides (``corpus.comparisons``: a speaker at one event
    against the same speaker, or a speaker of the same role, at another; first minus second), the labels shuffled
    between whole turns by default."""
    return permutation_test_of_rows(pair.side(scored, pair.first), pair.side(scored, pair.second), column, unit,
                                    samples, seed)


def units_side_by_side(by_sentence: pd.DataFrame, by_turn: pd.DataFrame, keys: list[str],
                       test_by_sentence: dict, test_by_turn: dict, label: str) -> pd.DataFrame:
    """The same figures resampled over sentences and over turns, one row per figure, to show what
    treating sentences as independent does: the width of each group's 95 % interval of the mean, then
    the p-value of one permutation test (``label`` names it). ``by_sentence`` and ``by_turn`` are
    :func:`aggregate` tables of the same groups; rows follow ``by_turn``.
    """
    merged = by_turn.merge(by_sentence, on=keys, how="left", suffixes=("", "_s"), validate="one_to_one")
    rows = [{"figure": "width of the 95 % interval of the mean", "group": " · ".join(str(row[k]) for k in keys),
             "sentences": row["sentences"], "turns": row["units"],
             "by_sentences": row["mean_high_s"] - row["mean_low_s"], "by_turns": row["mean_high"] - row["mean_low"]}
            for _, row in merged.iterrows()]
    rows.append({"figure": "two-sided permutation p-value", "group": label,
                 "sentences": test_by_turn["n_first"] + test_by_turn["n_second"],
                 "turns": test_by_turn["units_first"] + test_by_turn["units_second"],
                 "by_sentences": test_by_sentence["p_value"], "by_turns": test_by_turn["p_value"]})
    table = pd.DataFrame(rows)
    return table.assign(ratio=table["by_turns"] / table["by_sentences"])


def method_agreement(scored: pd.DataFrame, by: str = "event") -> pd.DataFrame:
    """Per group and method of :data:`METHODS` after the first (the reference): Pearson and Spearman correlation
    of the method's score with the reference's, the share of sentences whose class (positive / neutral / negative
    at ±THRESHOLD) agrees, and the share whose classes are of opposite sign."""
    reference, *others = sentiment_scoring.METHODS  # the registry as it is now (a test adds a method)
    rows = []
    for key, part in scored.groupby(by, sort=False):
        for method in others:
            ours, theirs = part[reference.class_column], part[method.class_column]
            rows.append({by: key, "method": method.name, "sentences": len(part),
                         "pearson": part[reference.score].corr(part[method.score]),
                         "spearman": part[reference.score].rank().corr(part[method.score].rank()),
                         "class_agreement": (ours == theirs).mean(),
                         "opposite_sign": ((ours != "neutral") & (theirs != "neutral") & (ours != theirs)).mean()})
    return pd.DataFrame(rows)


def implementation_disagreements(scored: pd.DataFrame, tolerance: float = 0.05, port: Method = NLTK_VADER,
                                 reference: Method = REFERENCE_VADER) -> pd.DataFrame:
    """Sentences where ``port`` (NLTK's port of VADER) and ``reference`` differ by more than ``tolerance`` or in
    class: where two implementations of one method part."""
    differs = ((scored[reference.score] - scored[port.score]).abs() > tolerance) | (
        scored[reference.class_column] != scored[port.class_column])
    columns = ["event", "speaker", "position", "text", reference.score, port.score, reference.class_column,
               port.class_column]
    return scored.loc[differs, columns].assign(
        has_negation=scored.loc[differs, "text"].str.contains(NEGATION_PATTERN, case=False, regex=True))


NEGATION_PATTERN = r"\b(?:no|not|never|none|nothing|nobody|neither|nor|without|n't|cannot)\b|n’t"


# --- lexicon audit -------------------------------------------------------------------------------------

def read_masked_words(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The words to mask in the lexicon audit: ``word, kind, reason`` (see data/README.md)."""
    table = read_table(paths.data_file(paths.MASKED_WORDS_FILE, data_dir), ["word", "kind", "reason"])
    return table.drop(columns=[LINE]).assign(word=lambda t: t["word"].str.strip().str.lower())


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


# --- tone coded by hand: the sample, the sheet, and each method measured against the coders ---------------

TONE_SAMPLE = "tone"
"""The sample of ``data/validation/samples.csv`` whose sentences are coded for tone (seeded, stratified by
speaker group as the topic sample ``stratified`` is; its ``file`` is the blank coding sheet)."""
TONES = ("negative", "neutral", "positive")
TONE_SHEET_COLUMNS = [c if c != "topic" else "tone" for c in topics.SHEET_COLUMNS]


def tone_sample(sentences: pd.DataFrame, samples: dict | None = None) -> pd.DataFrame:
    """The sentences of the tone sample (:data:`TONE_SAMPLE`), drawn as ``samples.csv`` records it
    (:func:`analysis.topics.validation_sample`): seeded, per speaker group, in document order."""
    return topics.validation_sample(sentences, TONE_SAMPLE, samples)


def tone_coding_sheet(sentences: pd.DataFrame, drawn: pd.DataFrame) -> pd.DataFrame:
    """A sheet for coding the ``drawn`` sentences' tone by hand: the context of a topic coding sheet
    (:func:`analysis.topics.coding_sheet`: the previous turn, the turn's start, two sentences before, one after)
    with empty ``tone`` and ``note`` columns. Nothing on it comes from a sentiment method."""
    return topics.coding_sheet(sentences, drawn).rename(columns={"topic": "tone"})[TONE_SHEET_COLUMNS]


def read_tone_coding(path: Path | str) -> pd.DataFrame:
    """A filled tone sheet: ``doc_id``, ``position`` (int), ``text``, ``tone`` (one of :data:`TONES`, any case,
    spaces around it forgiven) and ``note``. A blank or unknown tone is refused with its line."""
    path = Path(path)
    table = read_table(path, ["doc_id", "position", "text", "tone"], optional={"note": ""})
    table["tone"] = table["tone"].str.strip().str.lower()
    bad = table[~table["tone"].isin(TONES)]
    if len(bad):
        row = bad.iloc[0]
        raise corpus_error(path, f"tone {row['tone']!r} of sentence {row['doc_id']}:{row['position']} is not one of "
                           f"{', '.join(TONES)}", "give every sentence one tone (tone_coding_instructions.md)",
                           line=row[LINE])
    return table.drop(columns=[LINE]).astype({"position": "int64"})[["doc_id", "position", "text", "tone", "note"]]
