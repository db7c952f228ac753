"""Sentence-level sentiment: aggregates with intervals, tests, arcs, and an audit of the lexicon.

The scores come from :mod:`analysis.sentiment_scoring` (the methods, :data:`METHODS`, and why sentences are
scored), which the annotation step applies once per corpus; its names (``vader``, ``score_all``, ``METHODS``,
``THRESHOLD``...) are re-exported here. Code that must see a changed registry reads ``sentiment_scoring.METHODS``.

Sentences are scored, but intervals and tests resample whole turns (see "aggregates and tests" below).
"""

from __future__ import annotations

import math
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
from .units import percentile_interval, unit_counts, units_for_minimum

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
              seed: int = SEED, threshold: float = THRESHOLD, unit: str = "design") -> pd.DataFrame:
    """Mean score and shares of positive / negative / neutral sentences per group, each with a 95 %
    percentile bootstrap interval (seeded) at the design's unit. Groups keep their order of appearance.

    ``unit="design"`` (needs ``design_unit``, which the annotation step adds) draws the design's units
    (:mod:`analysis.units`): whole exchanges at a news conference with questions, whole turns for statements,
    with all their sentences. ``"turn"`` draws turns and ``"sentence"`` sentences one by one (which treats the
    sentences of one answer as independent: narrower intervals than the data support; kept to show why not).
    Each group has its own random stream (:func:`~analysis.resampling.rng_for`). ``units`` says how many units
    the interval rests on and ``unit_description`` which; with fewer than :data:`analysis.units.MIN_UNITS` the
    group gets its point estimate and no interval (``interval_note``), and a point is never outside its interval
    (:func:`analysis.units.percentile_interval`).
    """
    check_unit(unit)
    rows = []
    for key, part, picks in group_resamples(scored, by, samples, seed, unit):
        values = part[value].to_numpy(dtype=float)
        row = dict(zip(by, key if isinstance(key, tuple) else (key,)))
        n_units, described = described_units(part, unit)
        ids = (part["design_unit"] if unit == "design" else turn_units(part) if unit == "turn" else range(len(part)))
        checked = min(n_units, units_for_minimum(np.ones(len(part)), ids))  # a mean of sentences: sentences weigh
        row.update({"sentences": len(values), "unit": unit, "units": n_units, "effective_units": round(checked, 2),
                    "unit_description": described})
        points = {"mean": values.mean(), "positive": (values > threshold).mean(),
                  "negative": (values < -threshold).mean(), "neutral": (np.abs(values) <= threshold).mean()}
        notes = []
        for name, resampled in resampled_statistics(values, picks, threshold).items():
            low, high, note = percentile_interval(resampled, points[name], checked)
            row.update({name: points[name], f"{name}_low": low, f"{name}_high": high})
            notes.append(note)
        row["interval_note"] = next((n for n in notes if n), "")
        rows.append(row)
    return pd.DataFrame(rows)


def described_units(part: pd.DataFrame, unit: str) -> tuple[int, str]:
    """How many units of ``unit`` a group has, and which ('19 exchanges and 1 statement turn', '3 turns')."""
    if unit == "design":
        return unit_counts(part)
    n = len(set(turn_units(part))) if unit == "turn" else len(part)
    kind = "turn" if unit == "turn" else "sentence"
    return n, f"{n} {kind}{'s' if n != 1 else ''}"


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
            "n_first": len(first), "n_second": len(second), "units_first": counts[0], "units_second": counts[1],
            "smallest_p": smallest_attainable_p(*counts), "difference_needed": difference_needed(differences)}


LEVEL = 0.05
"""The level at which the notebooks call a difference significant (two-sided p below it)."""


def smallest_attainable_p(units_first: int, units_second: int) -> float:
    """The smallest two-sided p-value a permutation test can give when it shuffles the labels of
    ``units_first`` and ``units_second`` whole units, whatever their values.

    There are C(n, k) ways to give k of n units the first label, and the observed one is among them; at best it
    is the only one as extreme, so p >= 1 / C(n, k) (2 / C(n, k) when both sides have as many units: swapping
    the labels gives the same absolute difference). With 1 unit against 25 that is 1/26 = 0.038: a 5 % test
    can reject only if that one unit is more extreme than every one of the 25 others. Below 5 % needs
    C(n, k) above 20 (or 40): 1 against 18 (19 ways) cannot reject at all."""
    ways = math.comb(units_first + units_second, units_first)
    return (2 if units_first == units_second else 1) / ways


def difference_needed(differences: np.ndarray, level: float = LEVEL) -> float:
    """The absolute difference a permutation test would need to reach p < ``level``: the (1 - level) quantile
    of the absolute shuffled differences. Beside the observed difference it says what the test could detect
    with these units: a side made of one long turn against short ones moves the shuffled means a lot, and
    only a large difference would stand out."""
    return float(np.quantile(np.abs(differences), 1 - level, method="higher"))


def can_reject(test: dict, level: float = LEVEL) -> bool:
    """Whether any labelling of the test's units could give p < ``level`` (:func:`smallest_attainable_p`)."""
    return test["smallest_p"] < level


def rejection_in_words(test: dict, unit: str = "turns", level: float = LEVEL) -> str:
    """What a :func:`permutation_test` could say with its units, for the prose beside it: that it cannot reject
    at ``level`` at all, or how large a difference it would need (against the one observed)."""
    counts = f"with {test['units_first']} and {test['units_second']} {unit}"
    percent = f"{level:.0%}".replace("%", " %")
    if not can_reject(test, level):
        return (f"{counts} this test cannot reject at {percent}: no shuffle of the labels gives a p-value below "
                f"{test['smallest_p']:.3f}")
    return (f"{counts} a p-value below {level} is possible (the smallest any shuffle gives is "
            f"{test['smallest_p']:.2g}), but only for a difference beyond ±{test['difference_needed']:.3f} "
            f"(observed {test['difference']:+.3f})")


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


def scorings_compared(tests: dict[str, dict], level: float = LEVEL) -> pd.DataFrame:
    """One comparison's test under several scorings (``tests``: scoring -> :func:`between_sides`, the full
    lexicon first), one row each, with ``share_of_full_difference`` (the difference over the first scoring's:
    how much of it survives masking the topic words) and ``significant`` at ``level``."""
    table = pd.DataFrame([{"scoring": name, **test} for name, test in tests.items()])
    full = table["difference"].iloc[0]
    table["share_of_full_difference"] = table["difference"] / full if full else math.nan
    table["significant"] = table["p_value"] < level
    return table


def scorings_in_words(table: pd.DataFrame, unit: str = "turns", level: float = LEVEL) -> str:
    """What :func:`scorings_compared` shows, for the line under it: whether the direction holds, how much of the
    full-lexicon difference each masked scoring keeps, and what the test could say with its units (the same
    units in every scoring). Whether the verdict "changes between scorings" is said only when the test could
    reject: when no shuffle can reach ``level``, a verdict that never changes is no check at all."""
    full = table.iloc[0]
    direction = ("the same in every scoring" if (np.sign(table["difference"]) == np.sign(full["difference"])).all()
                 else "not the same in every scoring")
    kept = "; ".join(f"{row.scoring}: {row.difference:+.3f} ({row.share_of_full_difference * 100:.0f} % of it)"
                     for row in table.iloc[1:].itertuples())
    lines = [f"direction of the difference {direction}; full lexicon {full['difference']:+.3f}; {kept}",
             rejection_in_words(full.to_dict(), unit, level)]
    if can_reject(full.to_dict(), level):
        significant = int(table["significant"].sum())
        lines.append(f"the test rejects at {level:.0%} in {significant} of {len(table)} scorings".replace("%", " %"))
    else:
        lines.append("so whether a scoring changes the verdict is not a check here")
    return f"{lines[0][0].upper()}{lines[0][1:]}.\n{lines[1][0].upper()}{lines[1][1:]}; {lines[2]}."


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
    at ±THRESHOLD) agrees, Krippendorff's alpha of the two classes (nominal: the agreement beyond what chance
    gives, :func:`analysis.topics.alpha`), and the share whose classes are of opposite sign."""
    reference, *others = sentiment_scoring.METHODS  # the registry as it is now (a test adds a method)
    rows = []
    for key, part in scored.groupby(by, sort=False):
        for method in others:
            ours, theirs = part[reference.class_column], part[method.class_column]
            rows.append({by: key, "method": method.name, "sentences": len(part),
                         "pearson": part[reference.score].corr(part[method.score]),
                         "spearman": part[reference.score].rank().corr(part[method.score].rank()),
                         "class_agreement": (ours == theirs).mean(),
                         "alpha": topics.alpha(ours, theirs),
                         "opposite_sign": ((ours != "neutral") & (theirs != "neutral") & (ours != theirs)).mean()})
    return pd.DataFrame(rows)


RELIABILITY_BARS = ((0.8, "reliable"), (2 / 3, "only for tentative conclusions"), (0.0, "unreliable"),
                    (-math.inf, "worse than chance"))
"""Krippendorff's (2004) bars for alpha: at least 0.8 to rely on a coding, 0.667 for tentative conclusions;
below that the codings should not be relied on; below 0 they agree less than chance would."""


def reliability_in_words(alpha_value: float) -> str:
    """What Krippendorff's bars (:data:`RELIABILITY_BARS`) say of an alpha: 'reliable', 'unreliable', ..."""
    if alpha_value != alpha_value:
        return "undefined"
    return next(words for bar, words in RELIABILITY_BARS if alpha_value >= bar)


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


def coded_tones(scored: pd.DataFrame, codings: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The scored sentences (:func:`score_all` columns) that the readers coded, in the first coding's order, each
    reader's tone in a column named after the reader (``codings``: name -> :func:`read_tone_coding`).

    Every coding must hold the same sentences, each found in ``scored`` with the same text: a coding of another
    sample, or of another version of the corpus, is refused rather than joined in part."""
    keys = ["doc_id", "position"]
    names = list(codings)
    first = codings[names[0]]
    for name, coding in codings.items():
        if sorted(zip(coding["doc_id"], coding["position"])) != sorted(zip(first["doc_id"], first["position"])):
            raise ValueError(f"{name}'s coding does not hold the same sentences as {names[0]}'s: code the same sheet")
    coded = first[keys + ["text"]].merge(scored, on=keys, how="left", suffixes=("_coded", ""), validate="one_to_one",
                                         indicator=True)
    missing = coded[(coded["_merge"] != "both") | (coded["text_coded"] != coded["text"])]
    if len(missing):
        row = missing.iloc[0]
        raise ValueError(f"sentence {row['doc_id']}:{row['position']} of the coding is not in the corpus as coded "
                         f"({len(missing)} such): draw the sheet again from this corpus and code it")
    coded = coded.drop(columns=["_merge", "text_coded"])
    for name, coding in codings.items():
        coded = coded.merge(coding[keys + ["tone"]].rename(columns={"tone": name}), on=keys, how="left",
                            validate="one_to_one")
    return coded


def tone_agreement(coded: pd.DataFrame, readers: list[str], methods: Iterable[Method] | None = None) -> pd.DataFrame:
    """Each method's class (:data:`METHODS`, at ±THRESHOLD) against each reader's tone, against the sentences
    both readers coded alike (``both readers``), and the readers against each other: ``coder``, ``against``,
    ``sentences``, ``accuracy`` (the share coded alike), Krippendorff's ``alpha`` (nominal, :func:`topics.alpha`)
    and what Krippendorff's bars say of it (``reliability``). ``coded`` is :func:`coded_tones`.

    Last, the baseline a method has to beat: every sentence given the readers' most common tone
    (:func:`most_common_tone`, coder ``every sentence <tone>``): an accuracy below it is no better than not
    reading the sentences at all (its alpha is 0 or below: it carries no information)."""
    methods = list(sentiment_scoring.METHODS if methods is None else methods)
    agreed = coded[coded[readers].nunique(axis=1) == 1] if readers else coded.iloc[:0]
    codings = {reader: coded[reader] for reader in readers} | {m.name: coded[m.class_column] for m in methods}
    if readers:
        baseline = most_common_tone(coded[readers])
        codings[f"every sentence {baseline}"] = pd.Series(baseline, index=coded.index)
    pairs = [(readers[i], readers[j], coded, readers[j]) for i in range(len(readers)) for j in range(i + 1, len(readers))]
    for coder in list(codings)[len(readers):]:
        pairs += [(coder, reader, coded, reader) for reader in readers]
        if len(readers) > 1:
            pairs.append((coder, "both readers", agreed, readers[0]))
    rows = []
    for coder, against, frame, column in pairs:
        ours = codings[coder].loc[frame.index]
        value = topics.alpha(ours, frame[column])
        rows.append({"coder": coder, "against": against, "sentences": len(frame),
                     "accuracy": float((ours.to_numpy() == frame[column].to_numpy()).mean()) if len(frame) else math.nan,
                     "alpha": value, "reliability": reliability_in_words(value)})
    return pd.DataFrame(rows, columns=["coder", "against", "sentences", "accuracy", "alpha", "reliability"])


def most_common_tone(tones: pd.DataFrame) -> str:
    """The tone the readers (columns) gave most often over all their codes; a tie goes to the first of :data:`TONES`."""
    counts = pd.Series(tones.to_numpy().ravel()).value_counts()
    return max(TONES, key=lambda tone: (counts.get(tone, 0), -TONES.index(tone)))


def tone_accuracy_by_group(coded: pd.DataFrame, reader: str, methods: Iterable[Method] | None = None) -> pd.DataFrame:
    """Each method's accuracy against ``reader`` per speaker group (:func:`analysis.topics.validation_group`)
    and over all (``all``), one column per method, with the number of sentences."""
    methods = list(sentiment_scoring.METHODS if methods is None else methods)
    groups = topics.validation_group(coded)
    table = pd.DataFrame({m.name: (coded[m.class_column] == coded[reader]).astype(float) for m in methods})
    by_group = table.groupby(groups, sort=True).mean()
    by_group.loc["all"] = table.mean()
    counts = groups.value_counts()
    by_group.insert(0, "sentences", [int(counts.get(g, len(coded))) for g in by_group.index])
    return by_group.rename_axis("group").reset_index()


def tone_confusion(coded: pd.DataFrame, reader: str, method: Method) -> pd.DataFrame:
    """Sentences by the reader's tone (rows) and the method's class (columns), in the order of :data:`TONES`."""
    return (pd.crosstab(pd.Categorical(coded[reader], TONES), pd.Categorical(coded[method.class_column], TONES),
                        dropna=False).rename_axis(index=reader, columns=method.name))


TONE_READERS = {"reader A": "tone_validation_A.csv", "reader B": "tone_validation_B.csv"}
"""The tone codings filed in ``data/validation/``: reader -> file (each the tone sheet with ``tone`` filled)."""
TONE_READERS_IN_WORDS = "two language-model readers given only the written tone codebook"
"""Who coded the tone: two separate language-model sessions that saw only the sheet and
``tone_coding_instructions.md`` (not people; see data/validation/README.md)."""


def read_tone_codings(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every filed tone coding of :data:`TONE_READERS` (:func:`read_tone_coding`), reader -> coding; the readers
    whose file is not there are left out (none filed: an empty dict)."""
    folder = paths.data_file(paths.SAMPLES_FILE, data_dir).parent
    return {reader: read_tone_coding(folder / name) for reader, name in TONE_READERS.items()
            if (folder / name).is_file()}


def tone_validation_in_words(table: pd.DataFrame, readers: list[str]) -> str:
    """What :func:`tone_agreement` shows, for the prose: who coded, how far the readers agree (and what that
    agreement can and cannot say), how often each method's class matches each reader and the sentences both coded
    alike, and the baseline of giving every sentence the most common tone."""
    rows = table.set_index(["coder", "against"])

    def measured(coder: str, against: str) -> str:
        row = rows.loc[(coder, against)]
        return f"{row['accuracy'] * 100:.0f} % (alpha {row['alpha']:.2f}, {row['reliability']})"

    lines = [f"Coded by {TONE_READERS_IN_WORDS}: {int(table['sentences'].iloc[0])} sentences."]
    if len(readers) > 1:
        lines.append(f"The two readers code {measured(readers[0], readers[1])} of the sentences alike: two "
                     "language-model sessions applying one written codebook consistently, which says nothing about "
                     "how far people would agree.")
    for method in sentiment_scoring.METHODS:
        if method.name in set(table["coder"]):
            lines.append(f"The class of {method.name} matches {matches(rows, method.name, readers, measured)}.")
    baseline = next((c for c in dict.fromkeys(table["coder"]) if c.startswith("every sentence ")), None)
    if baseline:
        methods = [m.name for m in sentiment_scoring.METHODS if m.name in set(table["coder"])]
        margins = {reader: max(rows.loc[(m, reader), "accuracy"] for m in methods) - rows.loc[(baseline, reader), "accuracy"]
                   for reader in readers}
        verdict = ("no method does better than that against any reader" if max(margins.values()) <= 0 else
                   "the best method does better than that by " + " and ".join(
                       f"{margin * 100:+.0f} points against {reader}" for reader, margin in margins.items()))
        def share(coder: str, against: str) -> str:
            return f"{rows.loc[(coder, against), 'accuracy'] * 100:.0f} %"

        lines.append(f"Calling every sentence {baseline.removeprefix('every sentence ')}, without reading it, "
                     f"matches {matches(rows, baseline, readers, share)}: {verdict}.")
    return "\n".join(lines)


def matches(rows: pd.DataFrame, coder: str, readers: list[str], measured) -> str:
    """'reader A 48 % (...); reader B 49 % (...); on the 115 sentences both readers coded alike, 49 %'."""
    text = "; ".join(f"{reader} {measured(coder, reader)}" for reader in readers)
    if len(readers) > 1:
        agreed = rows.loc[(coder, "both readers")]
        text += f"; on the {int(agreed['sentences'])} sentences both readers coded alike, {agreed['accuracy'] * 100:.0f} %"
    return text
