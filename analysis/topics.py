"""Topic share: shares with intervals, validation against hand coding, NMF and keyness.

Topics are assigned by :mod:`analysis.topic_coding` (the codebook, the matching rule and the assignment rule are
documented there), which the annotation step applies once per corpus; its names (``assign``, ``read_codebook``,
``Codebook``, ``NONE``...) are re-exported here, so ``topics.assign`` still reads as it always did.
"""

from __future__ import annotations

import inspect
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import nnls
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from . import paths
from .errors import corpus_error
from .resampling import check_unit, group_resamples, rng_for
from .units import percentile_interval, unit_counts, units_for_minimum
from .tables import LINE, read_table
from .text import words

# The topic-coding names, re-exported: `topics.assign`, `topics.read_codebook`, `topics.Codebook`, ... as before.
from .topic_coding import (  # noqa: F401
    NONE,
    TOKEN,
    VARIANTS,
    Codebook,
    Matcher,
    assign,
    build_codebook,
    build_matcher,
    carry,
    compile_pattern,
    context_matches,
    count_at,
    count_matches,
    document_turns,
    matches,
    pattern_source,
    pattern_tokens,
    primary_topic,
    read_codebook,
    regex_matches,
    split_patterns,
    text_tokens,
    token_text,
    topical,
    turn_topics,
    with_context,
    word_plan,
)

# --- shares ------------------------------------------------------------------------------------------

MIN_ROW = 5
"""The fewest coded sentences a codebook topic needs in a speaker's own sample for its own row of the calibration;
a thinner row is taken from the sample pooled over every coded sentence."""

MIN_CODED = 40
"""The fewest hand-coded sentences of a group for its own misclassification matrix (the stratified sample's
minimum per speaker group); a group with fewer is corrected with the matrix pooled over every coded sentence."""


def topic_shares(assigned: pd.DataFrame, by: list[str], topic_order: list[str] | None = None, samples: int = 2000,
                 seed: int = 2025, unit: str = "design", misclassification: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of words per topic within each group, with a 95 % bootstrap interval at the design's unit.

    ``share`` is the codebook's own share of the group's words (``low``/``high`` its interval). ``unit="design"``
    resamples the design's units (:mod:`analysis.units`: whole exchanges at a news conference with questions,
    whole turns for statements; the rows need a ``design_unit`` column, which the annotation step adds);
    ``"turn"`` and ``"sentence"`` are kept to show why not. A group of fewer than
    :data:`analysis.units.MIN_UNITS` units, or effective units, gets its point estimate and no interval
    (``interval_note`` says so); a point is never outside its interval (:func:`analysis.units.percentile_interval`).

    With ``misclassification`` (coded sentences joined with the codebook's topics: ``gold_topic``, reader A's, and
    ``topic``, see :func:`coded_sample`) each group also gets ``estimate`` with ``estimate_low``/``estimate_high``
    and ``estimate_from``, which says how it was made, speaker by speaker (:func:`corrected_shares`,
    :func:`speaker_estimate`):

    * every sentence of the speaker coded: reader A's codes are the estimate (reader B's beside them as
      ``second_reader_share`` when the sample has a ``second_topic``);
    * otherwise a coded sentence counts under reader A's topic, and the uncoded ones under the codebook's,
      calibrated with the speaker's own P(reader's topic | codebook's topic) when at least :data:`MIN_CODED` of
      the speaker's sentences are coded (a row of fewer than :data:`MIN_ROW` from the pooled sample), or else
      corrected by inverting the pooled P(codebook's topic | reader's topic), constrained to proportions.

    The estimate's interval resamples the group's units and the coded sentences together, so it carries both the
    sampling of exchanges or turns and the uncertainty of the measured errors. Without ``misclassification``
    ``estimate`` is the codebook's share. Every topic that occurs anywhere gets a row in every group (share 0 when
    absent), in ``topic_order`` (default: sorted).
    """
    check_unit(unit)
    present = set(assigned["topic"]) | (set(misclassification["gold_topic"]) if misclassification is not None else set())
    topics = [t for t in (topic_order or sorted(present)) if t in present]
    index = {t: k for k, t in enumerate(topics)}
    coded = coded_words(misclassification, assigned, index) if misclassification is not None else None
    rows = []
    for key, part, picks in group_resamples(assigned, by, samples, seed, unit):
        words = part["n_words"].to_numpy(dtype=float)
        labels = np.array([index[t] for t in part["topic"]])
        counted = np.stack([np.bincount(labels[pick], weights=words[pick], minlength=len(topics)) for pick in picks])
        draws = proportions(counted)
        own = np.bincount(labels, weights=words, minlength=len(topics))
        point = own / own.sum() if own.sum() > 0 else np.zeros(len(topics))
        n_units, described = group_units(part, unit)
        checked = min(n_units, units_for_minimum(part["n_words"], unit_ids(part, unit)))
        estimate = (corrected_shares(part, own, counted, picks, coded, index, key, seed) if coded is not None
                    else {"estimate": point, "draws": draws, "from": "codebook"})
        group = dict(zip(by, key if isinstance(key, tuple) else (key,)))
        for k, topic in enumerate(topics):
            low, high, note = percentile_interval(draws[:, k], point[k], checked)
            e_low, e_high, e_note = percentile_interval(estimate["draws"][:, k], estimate["estimate"][k], checked)
            row = {**group, "topic": topic, "words": float(own[k]), "share": point[k], "low": low, "high": high,
                   "estimate": float(estimate["estimate"][k]), "estimate_low": e_low, "estimate_high": e_high,
                   "estimate_from": estimate["from"], "interval_note": e_note or note,
                   "units": n_units, "effective_units": round(checked, 2),
                   "unit_description": described,
                   "sentences": len(part), "turns": part[["doc_id", "turn"]].drop_duplicates().shape[0]}
            if "hand" in estimate:
                row["hand_share"] = float(estimate["hand"][k])
            if "second" in estimate:
                row["second_reader_share"] = float(estimate["second"][k])
            rows.append(row)
    return pd.DataFrame(rows)


def unit_ids(part: pd.DataFrame, unit: str) -> list:
    """Each row's resampling unit under ``unit`` (the design's unit, its turn, or itself)."""
    if unit == "design":
        return list(part["design_unit"])
    if unit == "turn":
        return list(zip(part["doc_id"], part["turn"]))
    return list(range(len(part)))


def group_units(part: pd.DataFrame, unit: str) -> tuple[int, str]:
    """How many units a group's interval rests on, and which: ``(19, "19 exchanges")``."""
    if unit == "design":
        return unit_counts(part)
    if unit == "turn":
        n = part[["doc_id", "turn"]].drop_duplicates().shape[0]
        return n, f"{n} turn{'s' if n != 1 else ''}"
    return len(part), f"{len(part)} sentence{'s' if len(part) != 1 else ''}"


def proportions(counted: np.ndarray) -> np.ndarray:
    """Rows of word counts as proportions (a row of no words stays 0)."""
    totals = counted.sum(axis=-1, keepdims=True)
    return np.divide(counted, totals, out=np.zeros_like(counted, dtype=float), where=totals > 0)


def coded_words(coded: pd.DataFrame, assigned: pd.DataFrame, index: dict[str, int]) -> pd.DataFrame:
    """The hand-coded sentences with their words (from ``assigned``) and topic indices ``a`` (codebook) and
    ``g`` (reader)."""
    joined = coded.drop(columns=[c for c in ("n_words",) if c in coded.columns]).merge(
        assigned[["doc_id", "position", "n_words"]], on=["doc_id", "position"], how="left", validate="one_to_one")
    joined = joined.assign(a=[index[t] for t in joined["topic"]], g=[index[t] for t in joined["gold_topic"]])
    if "second_topic" in joined.columns and joined["second_topic"].isin(index).all():
        joined = joined.assign(s=[index[t] for t in joined["second_topic"]])
    return joined


def group_coded(coded: pd.DataFrame, part: pd.DataFrame) -> pd.DataFrame:
    """The coded sentences that belong to a group's rows (by document and position)."""
    keys = pd.MultiIndex.from_frame(part[["doc_id", "position"]])
    return coded[pd.MultiIndex.from_frame(coded[["doc_id", "position"]]).isin(keys)]


def word_matrix(a: np.ndarray, g: np.ndarray, words: np.ndarray, size: int) -> np.ndarray:
    """Words of coded sentences, codebook's topic (rows) against the reader's (columns)."""
    counts = np.zeros((size, size))
    np.add.at(counts, (a, g), words)
    return counts


def calibrated(observed: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The codebook's word shares moved by P(reader's topic | codebook's topic) (rows of ``counts``).

    Valid when the coded sentences are a random sample of the same group (two-phase sampling): each codebook
    topic's words are split as the coded sentences of that topic were. A codebook topic no coded sentence has is
    left as it is (taken as right: nothing measured says otherwise)."""
    totals = counts.sum(axis=1, keepdims=True)
    moved = np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.eye(len(counts)))
    result = observed @ moved
    return result / result.sum() if result.sum() > 0 else result


def inverted(observed: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """True shares ``p`` whose expected codebook shares ``p @ M`` come closest to ``observed`` (least squares,
    ``p`` non-negative and summing to 1), where ``M`` is P(codebook's topic | reader's topic) from ``counts``.

    P(codebook | reader) does not depend on how common each topic is, so it transfers to a group the coded
    sample does not represent (Hopkins and King 2010's assumption); a reader's topic absent from the sample
    is taken as coded right."""
    totals = counts.sum(axis=0, keepdims=True)  # per reader's topic (columns of counts)
    m = np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.eye(len(counts))).T  # rows: reader
    weight = 1e3
    design = np.vstack([m.T, weight * np.ones(len(m))])
    target = np.concatenate([observed, [weight]])
    solved, _ = nnls(design, target)
    return solved / solved.sum() if solved.sum() > 0 else solved


def corrected_shares(part: pd.DataFrame, own: np.ndarray, counted: np.ndarray, picks: list[np.ndarray],
                     coded: pd.DataFrame, index: dict[str, int], key, seed: int) -> dict:
    """One group's estimate and its resampled draws (see :func:`topic_shares`).

    A group of several speakers (a role) is corrected speaker by speaker, each with what its own coded sentences
    allow (:func:`speaker_estimate`), and the speakers' estimates are added up by their words: the coded sample
    is stratified by speaker, so it is not a random sample of the role."""
    labels = np.array([index_of for index_of in part["topic"].map(index)])
    words = part["n_words"].to_numpy(dtype=float)
    speakers = part["speaker"].to_numpy() if "speaker" in part.columns else np.zeros(len(part))
    estimate, draws, sources, hand = np.zeros(len(index)), np.zeros_like(counted, dtype=float), [], []
    second = np.zeros(len(index))
    for speaker in dict.fromkeys(speakers):
        mine = speakers == speaker
        positions = np.flatnonzero(mine)
        sub_picks = [pick[mine[pick]] for pick in picks]
        sub_counted = np.stack([np.bincount(labels[p], weights=words[p], minlength=len(index)) for p in sub_picks])
        sub = speaker_estimate(part.iloc[positions], sub_counted, sub_picks, positions, coded, index,
                               rng_for(seed, ("misclassification", key, speaker)))
        estimate += sub["estimate"] * words[mine].sum()
        draws += sub["draws"] * sub_counted.sum(axis=1, keepdims=True)
        sources.append(sub["from"] if len(set(speakers)) == 1 else f"{speaker}: {sub['from']}")
        hand.append("hand" in sub)
        second = second + sub["second"] * words[mine].sum() if "second" in sub and second is not None else None
    result = {"estimate": proportions(estimate), "draws": proportions(draws), "from": "; ".join(sources)}
    if all(hand):
        result["hand"] = result["estimate"]
        if second is not None:
            result["second"] = proportions(second)
    return result


def speaker_estimate(part: pd.DataFrame, counted: np.ndarray, picks: list[np.ndarray], positions: np.ndarray,
                     coded: pd.DataFrame, index: dict[str, int], rng: np.random.Generator) -> dict:
    """One speaker's corrected shares in a group and their draws (see :func:`topic_shares`). ``picks`` index the
    group's rows; ``positions`` are this speaker's rows among them.

    Two-phase: a coded sentence counts under reader A's topic; the speaker's uncoded sentences are counted under
    the codebook's topics corrected with the speaker's own coded sentences (calibration, when there are at least
    :data:`MIN_CODED`) or with the pooled matrix (inversion). Every sentence coded: reader A's codes, with reader
    B's beside them when the sample has a second coding."""
    size = len(index)
    mine = group_coded(coded, part)
    rows = positions.max() + 1 if len(positions) else 0
    gold, labels, words = np.full(rows, -1), np.zeros(rows, dtype=int), np.zeros(rows)
    gold_of = dict(zip(zip(mine["doc_id"], mine["position"]), mine["g"]))
    gold[positions] = [gold_of.get(k, -1) for k in zip(part["doc_id"], part["position"])]
    labels[positions] = part["topic"].map(index).to_numpy(dtype=int)
    words[positions] = part["n_words"].to_numpy(dtype=float)
    known_rows = gold >= 0

    def known_and_rest(pick: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        known = pick[known_rows[pick]]
        rest = pick[~known_rows[pick]]
        return (np.bincount(gold[known], weights=words[known], minlength=size),
                np.bincount(labels[rest], weights=words[rest], minlength=size))

    if len(mine) == len(part) and len(part) > 0:
        hand = proportions(known_and_rest(positions)[0])
        draws = proportions(np.stack([known_and_rest(p)[0] for p in picks]))
        result = {"estimate": hand, "draws": draws, "hand": hand,
                  "from": f"reader A's codes of all {len(part)} sentences"}
        if "s" in mine.columns:
            result["second"] = proportions(np.bincount(mine["s"], weights=mine["n_words"], minlength=size))
            result["from"] += " (reader B's beside them)"
        return result
    own_sample = len(mine) >= MIN_CODED
    sample = mine if own_sample else coded
    a, g, w = sample["a"].to_numpy(), sample["g"].to_numpy(), sample["n_words"].to_numpy(dtype=float)
    pa, pg, pw = coded["a"].to_numpy(), coded["g"].to_numpy(), coded["n_words"].to_numpy(dtype=float)

    def matrix(drawn: np.ndarray, pooled: np.ndarray) -> np.ndarray:
        """The speaker's own P(reader | codebook) counts, a row of fewer than MIN_ROW coded sentences taken from
        the pooled sample instead (a row of two or three sentences would otherwise move a whole topic); for the
        inversion, the pooled counts."""
        pooled_counts = word_matrix(pa[pooled], pg[pooled], pw[pooled], size)
        if not own_sample:
            return pooled_counts
        own_counts = word_matrix(a[drawn], g[drawn], w[drawn], size)
        thin = np.bincount(a[drawn], minlength=size) < MIN_ROW
        own_counts[thin] = pooled_counts[thin]
        return own_counts

    correct = calibrated if own_sample else inverted

    def combined(known: np.ndarray, rest: np.ndarray, counts: np.ndarray) -> np.ndarray:
        return proportions(known + correct(proportions(rest), counts) * rest.sum())

    everything = np.arange(len(coded))
    estimate = combined(*known_and_rest(positions), matrix(np.arange(len(sample)), everything))
    draws = np.empty_like(counted, dtype=float)
    for b, pick in enumerate(picks):
        drawn = rng.integers(0, len(sample), size=len(sample))
        pooled = drawn if not own_sample else rng.integers(0, len(coded), size=len(coded))
        draws[b] = combined(*known_and_rest(pick), matrix(drawn, pooled))
    rest_note = (f"the other {len(part) - len(mine)} by the codebook calibrated with those {len(mine)} (rows of fewer "
                 f"than {MIN_ROW} from all {len(coded)})" if own_sample
                 else f"the other {len(part) - len(mine)} by the codebook corrected with the pooled matrix of "
                      f"{len(coded)} coded sentences")
    source = f"reader A's codes of its {len(mine)} coded sentences, {rest_note}" if len(mine) else (
        f"the codebook corrected with the pooled matrix of {len(coded)} coded sentences")
    return {"estimate": estimate, "draws": draws, "from": source}


def counted_of(part: pd.DataFrame, index: dict[str, int]) -> np.ndarray:
    """Words per codebook topic of ``part``."""
    return np.bincount(part["topic"].map(index).to_numpy(dtype=int), weights=part["n_words"].to_numpy(dtype=float),
                       minlength=len(index))


def with_reader_topics(assigned: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """``assigned`` with each coded sentence's ``topic`` replaced by reader A's (``gold_topic`` of ``coded``) and a
    ``topic_source`` column ("reader A" or "codebook"): the best topic a sentence has, for analyses that count
    sentences one by one (the coverage's topic emphasis) and cannot take the corrected shares of
    :func:`topic_shares`. Where every sentence of a speaker is coded (Trump at Anchorage), this is reader A's
    coding; elsewhere the uncoded sentences keep the codebook's topic, uncorrected."""
    gold = dict(zip(zip(coded["doc_id"], coded["position"]), coded["gold_topic"]))
    keys = list(zip(assigned["doc_id"], assigned["position"]))
    return assigned.assign(topic=[gold.get(k, t) for k, t in zip(keys, assigned["topic"])],
                           topic_source=["reader A" if k in gold else "codebook" for k in keys])


def share_resampling() -> dict[str, int]:
    """The resamples and seed behind every interval of :func:`topic_shares` called with its defaults (as the
    notebooks call it), for captions: ``{"samples": 2000, "seed": 2025}``, read from its signature."""
    defaults = inspect.signature(topic_shares).parameters
    return {"samples": defaults["samples"].default, "seed": defaults["seed"].default}


# --- validation --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sample:
    """How one hand-coded validation sample was drawn (rows of ``data/validation/samples.csv``)."""

    name: str
    file: Path                               # the coded sentences (``read_validation``)
    seed: int
    excluding: str                           # drawn from the sentences not in this earlier sample ("": all)
    quotas: dict[tuple[str, str, str], int]  # (event, role, speaker or "") -> sentences drawn, in file order
    lines: dict[tuple[str, str, str], int]   # the same stratum -> its line in the samples file
    source: Path                             # the samples file


def read_samples(data_dir: Path | str | None = None) -> dict[str, Sample]:
    """Read and check ``data/validation/samples.csv``: one row per sample and stratum (an event and role, and
    optionally one speaker of that role: an empty ``speaker`` stands for every speaker of the role)."""
    path = paths.data_file(paths.SAMPLES_FILE, data_dir)
    table = read_table(path, ["sample", "file", "seed", "excluding", "event", "role", "sentences"],
                       optional={"speaker": ""})
    samples: dict[str, Sample] = {}
    for row in table.to_dict("records"):
        name, line = row["sample"].strip(), row[LINE]
        for column in ("seed", "sentences"):
            if not re.fullmatch(r"[0-9]+", row[column].strip()) or (column == "sentences" and int(row[column]) == 0):
                raise corpus_error(path, f"{column} {row[column]!r} is not a positive whole number",
                                   f"write the {column} as digits", line=line)
        seed, excluding = int(row["seed"]), row["excluding"].strip()
        sample = samples.get(name)
        if sample is None:
            if excluding and excluding not in samples:
                raise corpus_error(path, f"sample {name!r} excludes {excluding!r}, which is not an earlier sample",
                                   "name a sample listed on earlier rows, or leave 'excluding' empty", line=line)
            sample = samples[name] = Sample(name, path.parent / row["file"].strip(), seed, excluding, {}, {}, path)
        elif (sample.file.name, sample.seed, sample.excluding) != (row["file"].strip(), seed, excluding):
            raise corpus_error(path, f"sample {name!r} has another file, seed or 'excluding' than on line "
                               f"{min(sample.lines.values())}", "give every row of a sample the same three",
                               line=line)
        stratum = (row["event"].strip(), row["role"].strip(), row["speaker"].strip())
        if stratum in sample.quotas:
            raise corpus_error(path, f"sample {name!r} lists {' / '.join(filter(None, stratum))} twice",
                               "keep one row per sample and stratum", line=line)
        sample.quotas[stratum], sample.lines[stratum] = int(row["sentences"]), line
    return samples


def in_stratum(sentences: pd.DataFrame, stratum: tuple[str, str, str]) -> pd.Series:
    """Which sentences belong to a stratum (event, role, and one speaker unless the speaker is empty)."""
    event, role, speaker = stratum
    inside = (sentences["event"] == event) & (sentences["role"] == role)
    return inside & (sentences["speaker"] == speaker) if speaker else inside


def stratified_sample(sentences: pd.DataFrame, quotas: dict[tuple[str, str, str], int], seed: int) -> pd.DataFrame:
    """A seeded random sample per stratum of ``quotas`` (pandas ``sample``), in document order."""
    parts = [sentences[in_stratum(sentences, stratum)].sample(n=n, random_state=seed)
             for stratum, n in quotas.items()]
    return pd.concat(parts).sort_values(["doc_id", "position"], kind="stable")


def validation_sample(sentences: pd.DataFrame, name: str = "first",
                      samples: dict[str, Sample] | None = None) -> pd.DataFrame:
    """The sentences of the validation sample ``name`` as ``data/validation/samples.csv`` records its draw: a
    seeded random sample per event and role, in document order; a sample drawn ``excluding`` an earlier one
    is drawn from the sentences not in that one (recomputed from the same sentences)."""
    samples = samples if samples is not None else read_samples()
    sample = samples[name]
    pool = sentences
    if sample.excluding:
        pool = sentences.drop(index=validation_sample(sentences, sample.excluding, samples).index)
    for stratum, n in sample.quotas.items():
        available = int(in_stratum(pool, stratum).sum())
        if available < n:
            raise corpus_error(sample.source, f"sample {name!r} draws {n} sentences of "
                               f"{' / '.join(filter(None, stratum))}, but the corpus has {available} to draw from",
                               "the corpus has changed since the sample was drawn: draw and code a new sample "
                               "(see data/validation/README.md)", line=sample.lines[stratum])
    return stratified_sample(pool, sample.quotas, sample.seed)


def read_validation(path: Path, codebook: Codebook, column: str = "gold_topic") -> pd.DataFrame:
    """A hand-coded file (a sample's ``file`` from :func:`read_samples`, or its second coding): each sentence
    (``doc_id``, ``position``) with the topic a reader gave it in ``column`` (checked against the codebook's ids)."""
    path = Path(path)
    table = read_table(path, ["doc_id", "position", "text", column, "note"])
    bad = table[~table[column].isin(codebook.topics)]
    if len(bad):
        raise corpus_error(path, f"{column} {bad.iloc[0][column]!r} is not a topic id of the codebook",
                           f"use one of {', '.join(codebook.topics)}", line=bad.iloc[0][LINE])
    return table.drop(columns=[LINE]).astype({"position": "int64"})


def second_coding_path(sample: Sample) -> Path:
    """Where a sample's second, independent coding is kept: ``<file>_second.csv`` beside the first."""
    return sample.file.with_name(f"{sample.file.stem}_second{sample.file.suffix}")


def with_second_coding(coded: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """The coded sample with the second reader's topic as ``second_topic``; both files must hold the same
    sentences (a second coding of another sample is an error, not a silent partial join)."""
    keys = ["doc_id", "position"]
    if sorted(zip(coded["doc_id"], coded["position"])) != sorted(zip(second["doc_id"], second["position"])):
        raise ValueError("the second coding does not hold the same sentences as the first: code the same sample")
    return coded.merge(second[keys + ["gold_topic"]].rename(columns={"gold_topic": "second_topic"}), on=keys,
                       how="left", validate="one_to_one")


def interval_widths(tables: dict[str, pd.DataFrame], by: list[str]) -> pd.DataFrame:
    """Mean width of the 95 % intervals per group under each way of resampling (one column per table)."""
    widths = {name: table.assign(width=table["high"] - table["low"]).groupby(by, sort=False)["width"].mean()
              for name, table in tables.items()}
    return pd.DataFrame(widths).reset_index()


def coded_sample(assigned: pd.DataFrame, validation: pd.DataFrame) -> pd.DataFrame:
    """The hand-coded sentences joined with the codebook's ``topic`` (and the sentence columns for grouping)."""
    extra = [c for c in ("event", "speaker", "role", "role_group", "turn", "topic")
             if c in assigned.columns and c not in validation.columns]
    return validation.merge(assigned[["doc_id", "position", *extra]], on=["doc_id", "position"], how="left",
                            validate="one_to_one")


def evaluate(assigned: pd.DataFrame, validation: pd.DataFrame,
             topic_order: list[str] | None = None) -> dict[str, pd.DataFrame | float]:
    """Accuracy, precision / recall / F1 per topic, and the confusion table of gold against assigned."""
    return scores(coded_sample(assigned, validation), topic_order)


def scores(joined: pd.DataFrame, topic_order: list[str] | None = None) -> dict[str, pd.DataFrame | float]:
    """:func:`evaluate` of a hand-coded sample already joined with the codebook's topics (:func:`coded_sample`)."""
    gold, predicted = joined["gold_topic"], joined["topic"]
    rows = []
    present = set(gold) | set(predicted)
    for topic in [t for t in (topic_order or sorted(present)) if t in present]:
        tp = int(((gold == topic) & (predicted == topic)).sum())
        fp = int(((gold != topic) & (predicted == topic)).sum())
        fn = int(((gold == topic) & (predicted != topic)).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        rows.append({"topic": topic, "gold": tp + fn, "assigned": tp + fp, "correct": tp,
                     "precision": precision, "recall": recall, "f1": f1})
    confusion = pd.crosstab(gold.rename("gold"), predicted.rename("assigned"))
    errors = joined[gold != predicted][["doc_id", "position", "text", "gold_topic", "topic", "note"]]
    return {"accuracy": float((gold == predicted).mean()), "per_topic": pd.DataFrame(rows),
            "confusion": confusion, "errors": errors.reset_index(drop=True), "n": len(joined)}


# --- the history of samples: who coded each, and what it may be reported as -------------------------------

CODER_KINDS = ("language-model session", "person")
"""Who coded a sample (``coder_kind`` of ``samples_history.csv``): a language-model session is not a person."""
PATTERN_USES = ("written", "revised", "none")
"""Whether the codebook's patterns were written from a sample's codings, revised from them, or neither."""
REPORTED_AS = ("measure", "record", "exercise", "tone measure")
"""What a sample may be reported as: the measure (one sample), a record of an earlier round, or a class exercise."""
SAMPLES_HISTORY_COLUMNS = ["sample", "coder_kind", "coded_by", "patterns", "reported_as", "note"]


def read_samples_history(data_dir: Path | str | None = None) -> pd.DataFrame:
    """``data/validation/samples_history.csv``: one row per sample of ``samples.csv``, saying who coded it
    (``coder_kind``: a language-model session or a person; ``coded_by`` in words), whether the codebook's
    patterns were ``written`` or ``revised`` from its codings (or ``none``), and what it may be reported as
    (``measure``, ``record``, ``exercise``). Checked value by value, with the line of a wrong one."""
    path = paths.data_file(paths.SAMPLES_HISTORY_FILE, data_dir)
    table = read_table(path, SAMPLES_HISTORY_COLUMNS[:5], optional={"note": ""})
    for column, allowed in (("coder_kind", CODER_KINDS), ("patterns", PATTERN_USES), ("reported_as", REPORTED_AS)):
        table[column] = table[column].str.strip()
        bad = table[~table[column].isin(allowed)]
        if len(bad):
            raise corpus_error(path, f"{column} {bad.iloc[0][column]!r} is not one of {', '.join(allowed)}",
                               f"write one of {', '.join(allowed)}", line=bad.iloc[0][LINE])
    table["sample"] = table["sample"].str.strip()
    repeated = table[table["sample"].duplicated()]
    if len(repeated):
        raise corpus_error(path, f"sample {repeated.iloc[0]['sample']!r} is listed twice",
                           "keep one row per sample", line=repeated.iloc[0][LINE])
    return table.drop(columns=[LINE]).reset_index(drop=True)[SAMPLES_HISTORY_COLUMNS]


def history_problems(history: pd.DataFrame, samples: dict[str, Sample]) -> list[str]:
    """What keeps the history of samples (:func:`read_samples_history`) from agreeing with ``samples.csv``
    (:func:`read_samples`): a sample in one and not the other, other than one sample reported as the measure, a
    measure whose codings the patterns were written or revised from. Empty when they agree."""
    problems = []
    listed, drawn = list(history["sample"]), list(samples)
    if listed != drawn:
        problems.append(f"the history lists the samples {listed}, samples.csv {drawn} (same samples, same order)")
    measures = history.loc[history["reported_as"] == "measure", "sample"].tolist()
    if len(measures) != 1:
        problems.append(f"{len(measures)} samples are reported as the measure ({measures}): name exactly one")
    tuned = history[(history["reported_as"] == "measure") & (history["patterns"] != "none")]["sample"].tolist()
    if tuned:
        problems.append(f"the measure {tuned[0]!r} is a sample the patterns were written or revised from")
    return problems


def measure_sample(history: pd.DataFrame) -> str:
    """The one sample reported as the measure (``reported_as`` = ``measure``)."""
    return str(history.loc[history["reported_as"] == "measure", "sample"].iloc[0])


def seen_samples(history: pd.DataFrame) -> list[str]:
    """The samples whose codings were read while the patterns were written or revised, in the history's order."""
    return history.loc[history["patterns"].isin(["written", "revised"]), "sample"].tolist()


def seen_sentences(samples: dict[str, Sample], history: pd.DataFrame) -> set[tuple[str, int]]:
    """The sentences (``doc_id``, ``position``) of the coded files of :func:`seen_samples`: the sentences whose
    codings were read while the codebook's patterns were written or revised. Read from the files themselves,
    which are what was read."""
    return set().union(*(coded_sentences(samples[name]) for name in seen_samples(history)))


def coded_sentences(sample: Sample) -> set[tuple[str, int]]:
    """The sentences (``doc_id``, ``position``) of a sample's coded file."""
    table = read_table(sample.file, ["doc_id", "position"])
    return {(doc_id, int(position)) for doc_id, position in zip(table["doc_id"], table["position"])}


def mark_seen(coded: pd.DataFrame, seen: set[tuple[str, int]]) -> pd.DataFrame:
    """The coded sample with ``seen``: True for a sentence whose coding was read while the patterns were written
    or revised (:func:`seen_sentences`); the accuracy the suite reports is on the others."""
    return coded.assign(seen=[(d, int(p)) in seen for d, p in zip(coded["doc_id"], coded["position"])])


def unseen_accuracy(coded: pd.DataFrame, gold: str = "gold_topic", predicted: str = "topic") -> dict[str, float]:
    """The codebook's accuracy on the sentences never seen while its patterns were written (the measure), and
    on all (a coded sample marked by :func:`mark_seen`): ``sentences``, ``seen``, ``unseen``, ``accuracy_unseen``
    (NaN with no unseen sentence) and ``accuracy_all``."""
    right, unseen = coded[gold] == coded[predicted], ~coded["seen"].astype(bool)
    return {"sentences": len(coded), "seen": int((~unseen).sum()), "unseen": int(unseen.sum()),
            "accuracy_unseen": float(right[unseen].mean()) if unseen.any() else float("nan"),
            "accuracy_all": float(right.mean()) if len(right) else float("nan")}


def seen_by_sample(coded: pd.DataFrame, samples: dict[str, Sample], history: pd.DataFrame) -> dict[str, int]:
    """How many sentences of a coded sample each of :func:`seen_samples` holds (a sentence in two counts twice)."""
    keys = set(zip(coded["doc_id"], coded["position"].astype("int64")))
    return {name: len(keys & coded_sentences(samples[name])) for name in seen_samples(history)}


def measure_text(measured: dict[str, float], by_sample: dict[str, int], name: str) -> str:
    """The sentence that states the accuracy the suite reports (from :func:`unseen_accuracy` and
    :func:`seen_by_sample` of the measure ``name``), naming who coded it."""
    seen = ", ".join(f"{n} in `{sample}`" for sample, n in by_sample.items())
    return (f"**The measure.** Of the {measured['sentences']} sentences of the `{name}` sample, {measured['unseen']} "
            f"were never seen while the codebook's patterns were written or revised ({measured['seen']} were: {seen}). "
            f"On those {measured['unseen']}, the codebook agrees with reader A on **{measured['accuracy_unseen']:.2f}** "
            f"of them: the accuracy this suite reports. On all {measured['sentences']}, seen ones included, it is "
            f"{measured['accuracy_all']:.2f}. Reader A is one of two language-model readers given only the written "
            "codebook: this is agreement with a model reader, and it says nothing about agreement between people.")


# --- agreement, accuracy per group, transfer ----------------------------------------------------------

def validation_group(frame: pd.DataFrame) -> pd.Series:
    """The group each coded sentence is reported in: a principal (a leader) per event ("Erik Lund,
    nordavia-2024"), everyone else by role across events ("journalist"): the groups the codebook must serve."""
    principal = frame["role_group"] == "principal"
    return pd.Series(np.where(principal, frame["speaker"] + ", " + frame["event"], frame["role"]), index=frame.index,
                     name="group")


def alpha(first: pd.Series, second: pd.Series) -> float:
    """Krippendorff's alpha (nominal) between two codings of the same sentences (the ``krippendorff`` package).

    NaN where alpha is undefined: fewer than two sentences, or one topic for every sentence in both codings
    (no variation: agreement then cannot be told from chance, so it is not "perfect")."""
    import krippendorff  # imported here: only the validation needs it
    values = {v: k for k, v in enumerate(sorted(set(first) | set(second)))}
    if len(first) < 2 or len(values) < 2:
        return float("nan")
    data = np.array([[values[v] for v in first], [values[v] for v in second]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(codings: dict[str, pd.Series]) -> pd.DataFrame:
    """Every pair of codings (same sentences, same order): sentences, share coded alike, Krippendorff's alpha
    (:func:`alpha`: NaN where it is undefined). With no sentences the share is NaN too."""
    names = list(codings)
    sizes = {name: len(coding) for name, coding in codings.items()}
    if len(set(sizes.values())) > 1:
        raise ValueError(f"the codings hold different numbers of sentences ({sizes}): give codings of the same "
                         "sentences, in the same order")
    rows = [{"first": a, "second": b, "sentences": len(codings[a]),
             "agreement": float((codings[a].to_numpy() == codings[b].to_numpy()).mean()) if len(codings[a])
             else float("nan"),
             "alpha": alpha(codings[a], codings[b])}
            for i, a in enumerate(names) for b in names[i + 1:]]
    return pd.DataFrame(rows, columns=["first", "second", "sentences", "agreement", "alpha"])


def accuracy_by_group(coded: pd.DataFrame, gold: str = "gold_topic", predicted: str = "topic") -> pd.DataFrame:
    """Accuracy of ``predicted`` against ``gold`` per :func:`validation_group`, and over all (last row). A sample
    marked by :func:`mark_seen` also gets ``unseen_sentences`` and ``accuracy_unseen``: the same on the sentences
    never seen while the patterns were written (NaN for a group with none), the accuracy to report."""
    right = (coded[gold] == coded[predicted]).rename("correct")
    groups = validation_group(coded)
    table = right.groupby(groups, sort=True).agg(["size", "mean"]).rename(columns={"size": "sentences",
                                                                                   "mean": "accuracy"})
    table.loc["all"] = [len(right), right.mean()]
    if "seen" in coded.columns:
        unseen = ~coded["seen"].astype(bool)
        on_unseen = right[unseen].groupby(groups[unseen], sort=True).agg(["size", "mean"])
        on_unseen.loc["all"] = [int(unseen.sum()), right[unseen].mean() if unseen.any() else float("nan")]
        table["unseen_sentences"] = on_unseen["size"].reindex(table.index).fillna(0)
        table["accuracy_unseen"] = on_unseen["mean"].reindex(table.index)
        table = table.astype({"unseen_sentences": "int64"})
    return table.reset_index().rename(columns={"index": "group"}).astype({"sentences": "int64"})


VALIDATION_AIMS = {"overall accuracy, unseen sentences": 0.85, "lowest group accuracy, all sentences": 0.75,
                   "alpha, reader A and reader B": 0.8, "alpha, reader A and the codebook": 0.8}
"""What a reviewer accepts: the bars the codebook is measured against (the validation section of notebook 04).
The overall accuracy is on the sentences never seen while the patterns were written; per group, where a group has
few such sentences, on all the group's sentences (so named). Readers A and B are language-model readers: their
alpha is the agreement of two model readers, not of people."""


def against_aims(by_group: pd.DataFrame, agreement_table: pd.DataFrame,
                 aims: dict[str, float] = VALIDATION_AIMS) -> pd.DataFrame:
    """Each aim with the value measured (from :func:`accuracy_by_group` of a sample marked by :func:`mark_seen`,
    against reader A, and :func:`agreement` of reader A, reader B and the codebook, in that order), whether it is
    met, and by how much it is missed. A group table without ``accuracy_unseen`` is refused: the overall accuracy
    must not silently fall back to sentences the patterns were written from."""
    if "accuracy_unseen" not in by_group.columns:
        raise ValueError("the group table has no accuracy_unseen: mark the coded sample with topics.mark_seen "
                         "before topics.accuracy_by_group")
    pairs = agreement_table.set_index(["first", "second"])["alpha"]
    measured = {"overall accuracy, unseen sentences": by_group.set_index("group").loc["all", "accuracy_unseen"],
                "lowest group accuracy, all sentences": by_group.loc[by_group["group"] != "all", "accuracy"].min(),
                "alpha, reader A and reader B": pairs.iloc[0],
                "alpha, reader A and the codebook": pairs.iloc[1]}
    rows = [{"measure": name, "value": float(measured[name]), "aim": aim, "met": bool(measured[name] >= aim),
             "short_by": max(0.0, aim - float(measured[name])) if measured[name] == measured[name] else float("nan")}
            for name, aim in aims.items()]  # (an undefined measure, NaN, is not met and is short by an unknown amount)
    return pd.DataFrame(rows)


# --- a coding sheet for a class: code by hand, then compare with the codebook ---------------------------

SHEET_COLUMNS = ["number", "doc_id", "position", "event", "speaker", "previous_turn", "turn_start", "before",
                 "text", "after", "topic", "note"]
PREVIOUS_TURN_WORDS = 60
"""The previous turn is shown on a coding sheet up to this many words (then "…"). Not to be confused with the
codebook's ``context_patterns``: this is only how much of the previous turn a coder sees."""


def coding_sheet(sentences: pd.DataFrame, drawn: pd.DataFrame,
                 previous_turn_words: int = PREVIOUS_TURN_WORDS) -> pd.DataFrame:
    """A sheet for coding the ``drawn`` sentences (rows of ``sentences``, such as a :func:`validation_sample`)
    by hand, in their order, each with the context the coding rules ask for
    (``data/validation/stratified_coding_instructions.md``, rule 1): ``previous_turn`` (its speaker and first
    words; for an answer, the question), ``turn_start`` (the turn's first sentence, when it is not already in
    ``before``), ``before`` (up to two sentences before it in its turn) and ``after`` (the next one); ``topic``
    and ``note`` are empty, for the coder; ``previous_turn`` shows up to ``previous_turn_words`` words. Nothing
    on the sheet comes from the codebook's patterns or topics."""
    by_turn = {key: part.sort_values("position", kind="stable")
               for key, part in sentences.groupby(["doc_id", "turn"], sort=False)}

    def clipped(text: str) -> str:
        words_ = text.split()
        return " ".join(words_[:previous_turn_words]) + (" …" if len(words_) > previous_turn_words else "")

    rows = []
    for number, row in enumerate(drawn.itertuples(), start=1):
        turn = by_turn[(row.doc_id, row.turn)]
        texts, positions = turn["text"].tolist(), turn["position"].tolist()
        at = positions.index(row.position)
        earlier = [t for d, t in by_turn if d == row.doc_id and t < row.turn]
        previous = by_turn[(row.doc_id, max(earlier))] if earlier else None
        rows.append({"number": number, "doc_id": row.doc_id, "position": int(row.position), "event": row.event,
                     "speaker": row.speaker,
                     "previous_turn": "" if previous is None else
                     f"{previous['speaker'].iloc[0]}: {clipped(' '.join(previous['text']))}",
                     "turn_start": texts[0] if at > 2 else "", "before": " ".join(texts[max(0, at - 2):at]),
                     "text": row.text, "after": texts[at + 1] if at + 1 < len(texts) else "", "topic": "", "note": ""})
    return pd.DataFrame(rows, columns=SHEET_COLUMNS)


def sheet_position(value: str) -> int | None:
    """A coding sheet's ``position`` as a whole number: digits, or a whole number a spreadsheet has rewritten as
    a decimal ("3.0"); ``None`` for anything else (text, a fraction, a negative or an empty cell)."""
    value = value.strip()
    if re.fullmatch(r"[0-9]+", value):
        return int(value)
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() and number >= 0 else None


def read_coding_sheet(path: Path, codebook: Codebook | None = None) -> pd.DataFrame:
    """A filled :func:`coding_sheet` as a hand-coded table (``doc_id``, ``position``, ``text``, the coder's
    topic as ``gold_topic``, ``note`` and any other column of the sheet), ready for :func:`compare_coding`.
    Topic ids may be typed in any case and with spaces around them, and a position a spreadsheet rewrote as a
    decimal ("3.0") is read as the whole number it is. Refused, with the line: a sentence left without a topic
    or given an id the codebook does not have, a position that is not a whole number, a sentence listed twice,
    and a sheet with no sentences. The table remembers the file and each sentence's line (``attrs``), so that
    :func:`compare_coding` can point at the line of a sentence the corpus does not match."""
    path = Path(path)
    codebook = codebook or read_codebook()
    table = read_table(path, ["doc_id", "position", "text", "topic"], optional={"note": ""})
    if table.empty:
        raise corpus_error(path, "the sheet has no sentences, only its header",
                           "code the sheet drawn for you (one row per sentence, as topics.coding_sheet writes it), "
                           "or give the file that holds your coding", line=2)
    table["doc_id"] = table["doc_id"].str.strip()
    table["topic"] = table["topic"].str.strip().str.lower()
    positions, lines = [], {}
    for row in table.to_dict("records"):
        position, line = sheet_position(row["position"]), int(row[LINE])
        if position is None:
            raise corpus_error(path, f"position {row['position']!r} of sentence {row['doc_id']} is not a whole number",
                               "copy the position back from the sheet as drawn (a whole number, such as 3): it says "
                               "which sentence of the transcript this row is", line=line)
        key = (row["doc_id"], position)
        if key in lines:
            raise corpus_error(path, f"sentence {row['doc_id']}:{position} is listed twice, on lines {lines[key]} "
                               f"and {line}", f"keep one row for it: delete line {line} or line {lines[key]}",
                               line=line)
        if row["topic"] not in codebook.topics:
            problem = ("no topic given" if not row["topic"] else
                       f"topic {row['topic']!r} is not a topic id of the codebook")
            raise corpus_error(path, f"{problem} (sentence {row['doc_id']}:{position})",
                               f"give every sentence one of {', '.join(codebook.topics)} "
                               "(data/validation/stratified_coding_instructions.md)", line=line)
        positions.append(position)
        lines[key] = line
    table["position"] = pd.array(positions, dtype="int64")
    table = table.drop(columns=[LINE]).rename(columns={"topic": "gold_topic"}).reset_index(drop=True)
    table.attrs.update(sheet=path, sheet_lines=lines)
    return table


def compare_coding(assigned: pd.DataFrame, coding: pd.DataFrame, codebook: Codebook | None = None,
                   coder: str = "coder") -> dict[str, pd.DataFrame]:
    """A hand coding (:func:`read_coding_sheet`) against the codebook's topics (``assigned``): ``agreement``
    (:func:`agreement`: the share coded alike and Krippendorff's alpha, the coder named ``coder``),
    ``by_group`` (:func:`accuracy_by_group`), ``confusion`` (the coder's topic in rows, the codebook's in
    columns) and ``disagreements`` (:func:`evaluate`), and ``coded`` (the sentences joined).

    Refused with the sheet's file and line (a ``CorpusError``): a sentence the corpus does not have, or whose
    text differs from the corpus's. Either the sheet was edited (the text, the doc_id or the position) or it
    was drawn from another version of the corpus; the fix is to restore what was edited, or to draw a new
    sheet with :func:`coding_sheet` and code it. A coding with no sentences, or with a sentence twice, is
    refused too (:func:`read_coding_sheet` already refuses both)."""
    codebook = codebook or read_codebook()
    keys = list(zip(coding["doc_id"], coding["position"]))
    if not keys:
        raise ValueError("the coding has no sentences: code the sheet (topics.coding_sheet) and read it with "
                         "topics.read_coding_sheet")
    repeated = sorted(key for key, n in Counter(keys).items() if n > 1)
    if repeated:
        raise ValueError(f"the coding lists sentence {repeated[0][0]}:{repeated[0][1]} twice: keep one row for it")
    sheet, lines = coding.attrs.get("sheet", "the coding"), coding.attrs.get("sheet_lines", {})
    texts = assigned.set_index(["doc_id", "position"])["text"]
    for (doc_id, position), text in zip(keys, coding["text"]):
        if texts.get((doc_id, position)) == text:
            continue
        if (doc_id, position) not in texts.index:
            problem = (f"sentence {doc_id}:{position} is not in the corpus: its doc_id or position was edited in "
                       "the sheet, or the sheet was drawn from another version of the corpus")
            fix = ("copy the doc_id and position back from the sheet as drawn; if the corpus has changed since, "
                   "draw a new sheet with topics.coding_sheet and code it")
        else:
            problem = (f"sentence {doc_id}:{position} has another text in the corpus (sheet: {text!r}; corpus: "
                       f"{texts[(doc_id, position)]!r}): the text was edited in the sheet, or the sheet was drawn "
                       "from another version of the corpus")
            fix = ("restore the sentence's text as the corpus has it (the text is not for the coder to change); "
                   "if the corpus has changed since, draw a new sheet with topics.coding_sheet and code it")
        raise corpus_error(sheet, problem, fix, line=lines.get((doc_id, position)))
    coded = coded_sample(assigned, coding)
    result = scores(coded, codebook.topics)
    return {"agreement": agreement({coder: coded["gold_topic"], "codebook": coded["topic"]}),
            "by_group": accuracy_by_group(coded), "confusion": result["confusion"],
            "disagreements": result["errors"], "coded": coded}


# --- codings by people: agreement between people, apart from the language-model readers -----------------------

def read_codings_by_people(folder: Path | str | None = None, codebook: Codebook | None = None,
                           data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every coding sheet filled by a person in ``folder`` (``data/validation/by_people/`` unless given): each
    ``.csv`` file read by :func:`read_coding_sheet`, named by its file name without ``.csv``, in name order.
    Empty when the folder holds none (or does not exist)."""
    folder = Path(folder) if folder is not None else paths.data_file(paths.BY_PEOPLE_DIR, data_dir)
    if not folder.is_dir():
        return {}
    codebook = codebook or read_codebook()
    return {path.stem: read_coding_sheet(path, codebook) for path in sorted(folder.glob("*.csv"))}


def coding_by_sentence(coding: pd.DataFrame, column: str = "gold_topic") -> pd.Series:
    """A coding's topics indexed by sentence (``doc_id``, ``position``), for joining codings of other sentences."""
    return pd.Series(coding[column].to_numpy(), index=pd.MultiIndex.from_arrays(
        [coding["doc_id"].to_numpy(), coding["position"].astype("int64").to_numpy()]), name=column)


def readers_by_group(coded: pd.DataFrame, first: str = "gold_topic", second: str = "second_topic") -> pd.DataFrame:
    """Agreement of the two readers per :func:`validation_group`: sentences, share coded alike, alpha. Two
    sessions of one language model that agree on nearly every sentence apply the codebook alike; that says nothing
    about whether the coding is right, and the groups where they differ are where the estimate is least sure."""
    rows = []
    for group, part in coded.groupby(validation_group(coded), sort=True):
        rows.append({"group": group, "sentences": len(part),
                     "alike": int((part[first] == part[second]).sum()),
                     "alpha": alpha(part[first], part[second])})
    return pd.DataFrame(rows)


def readers_in_words(table: pd.DataFrame) -> str:
    """:func:`readers_by_group` as a sentence: which groups the readers code identically, and where they differ."""
    same = table[table["alike"] == table["sentences"]]
    differ = table[table["alike"] < table["sentences"]]
    parts = []
    if len(same):
        parts.append(f"readers A and B code all {int(same['sentences'].sum())} sentences of "
                     f"{' / '.join(same['group'])} alike")
    for row in differ.itertuples():
        parts.append(f"on {row.group} they agree on {row.alike} of {row.sentences} (alpha {row.alpha:.2f})")
    return ("By speaker group, " + "; ".join(parts) + ". The readers' overall alpha says they apply one written "
            "codebook alike, not that their coding is right or that people would agree.") if parts else ""


def agreement_on_shared(kind: str, first: tuple[str, pd.Series], second: tuple[str, pd.Series]) -> dict:
    """:func:`agreement` of two codings (:func:`coding_by_sentence`) on the sentences both coded, as one row
    (``between`` says what kind of pair it is); with no shared sentence, 0 sentences and NaN."""
    (a, codes_a), (b, codes_b) = first, second
    shared = codes_a.index.intersection(codes_b.index, sort=False)
    row = agreement({a: codes_a.loc[shared].reset_index(drop=True),
                     b: codes_b.loc[shared].reset_index(drop=True)}).iloc[0].to_dict()
    return {"between": kind, **row}


def people_agreement(assigned: pd.DataFrame, codings: dict[str, pd.DataFrame],
                     model_readers: dict[str, pd.Series] | None = None,
                     codebook: Codebook | None = None) -> pd.DataFrame:
    """Agreement of codings by people (:func:`read_codings_by_people`): every pair of people on the sentences
    both coded (``between`` = "people": agreement between people, the figure content analysis reports), each
    person with the codebook (``assigned``; each sheet checked against the corpus by :func:`compare_coding`),
    and each person with each language-model reader on the sentences the reader also coded (``model_readers``:
    name -> :func:`coding_by_sentence`). Columns ``between``, ``first``, ``second``, ``sentences``,
    ``agreement``, ``alpha``; no rows when no person has coded."""
    codebook = codebook or read_codebook()
    people = {name: coding_by_sentence(coding) for name, coding in codings.items()}
    names = list(people)
    rows = [agreement_on_shared("people", (a, people[a]), (b, people[b]))
            for i, a in enumerate(names) for b in names[i + 1:]]
    for name, coding in codings.items():
        codebook_topics = coding_by_sentence(compare_coding(assigned, coding, codebook, coder=name)["coded"], "topic")
        rows.append(agreement_on_shared("person and codebook", (name, people[name]), ("codebook", codebook_topics)))
        for reader, codes in (model_readers or {}).items():
            rows.append(agreement_on_shared("person and language-model reader", (name, people[name]), (reader, codes)))
    return pd.DataFrame(rows, columns=["between", "first", "second", "sentences", "agreement", "alpha"])


def people_agreement_text(table: pd.DataFrame, folder: str = paths.BY_PEOPLE_DIR) -> str:
    """One sentence on the codings by people (:func:`people_agreement`), computed from the table: how many
    people coded and their agreement with each other, or that no coding by people is in the folder yet."""
    if table.empty:
        return (f"No coding by people is in data/{folder}/ yet: every agreement above is between the codebook and "
                "two language-model readers, and says nothing about agreement between people "
                f"(data/{folder}/README.md says what to drop there).")
    coders = table.loc[table["between"] == "person and codebook", "first"].tolist()
    between = table[table["between"] == "people"]
    if between.empty:
        return (f"One person's coding is in data/{folder}/ ({coders[0]}): agreement between people needs a "
                "second person's coding of the same sentences.")
    if len(between) == 1:
        row = between.iloc[0]
        return (f"Two people's codings are in data/{folder}/ ({row['first']} and {row['second']}); on the "
                f"{row['sentences']} sentences both coded, they agree on {row['agreement']:.2f} of them, "
                f"Krippendorff's alpha {row['alpha']:.2f}: agreement between people.")
    return (f"{len(coders)} people's codings are in data/{folder}/; between people, on the sentences each of the "
            f"{len(between)} pairs shares, agreement ranges from {between['agreement'].min():.2f} to "
            f"{between['agreement'].max():.2f} and Krippendorff's alpha from {between['alpha'].min():.2f} to "
            f"{between['alpha'].max():.2f}.")


def patterns_seen_only_in(codebook: Codebook, sentences: pd.DataFrame, event: str) -> dict[str, list[str]]:
    """Per topic, the patterns (anchors and context) that match a sentence of ``event`` and no sentence of any
    other event: the patterns a codebook author could only have written by reading that event."""
    inside = [token_text(x) for x in sentences.loc[sentences["event"] == event, "text"]]
    outside = [token_text(x) for x in sentences.loc[sentences["event"] != event, "text"]]
    seen: dict[str, list[str]] = {}
    for row in codebook.table.to_dict("records"):
        for pattern in split_patterns(row["patterns"]) + split_patterns(row["context_patterns"]):
            compiled = compile_pattern(pattern)
            if any(compiled.search(x) for x in inside) and not any(compiled.search(x) for x in outside):
                seen.setdefault(row["topic"], []).append(pattern)
    return seen


def without_patterns(codebook: Codebook, dropped: dict[str, list[str]]) -> Codebook:
    """The codebook with the ``dropped`` patterns of each topic taken out (a topic keeps at least nothing)."""
    table = codebook.table.copy()
    for column in ("patterns", "context_patterns"):
        table[column] = [";".join(p for p in split_patterns(value) if p not in dropped.get(topic, []))
                         for topic, value in zip(table["topic"], table[column])]
    return build_codebook(table)


def transfer(sentences: pd.DataFrame, codebook: Codebook, coded: pd.DataFrame) -> pd.DataFrame:
    """How the codebook does on an event it was not written from: per event, accuracy on that event's coded
    sentences with the full codebook and with the patterns seen only in that event removed (as if the event
    had been added after the codebook was written)."""
    rows = []
    for event in sorted(set(coded["event"])):
        dropped = patterns_seen_only_in(codebook, sentences, event)
        held_out = assign(sentences, without_patterns(codebook, dropped))
        mine = coded[coded["event"] == event]
        again = mine.drop(columns=["topic"]).merge(held_out[["doc_id", "position", "topic"]],
                                                   on=["doc_id", "position"], how="left")
        rows.append({"event": event, "sentences": len(mine),
                     "patterns_dropped": sum(len(p) for p in dropped.values()),
                     "accuracy_full": float((mine["gold_topic"] == mine["topic"]).mean()),
                     "accuracy_without_its_patterns": float((again["gold_topic"] == again["topic"]).mean())})
    return pd.DataFrame(rows)


def validation_summary(coded: pd.DataFrame, by_group: pd.DataFrame, moved: pd.DataFrame) -> dict[str, float]:
    """What a caption of topic shares says about the codebook's errors: the sentences of the measure
    (:func:`coded_sample`, coded by the language-model readers), how many of them were never seen while the
    patterns were written and the accuracy on those (the ``all`` row of :func:`accuracy_by_group` of a sample
    marked by :func:`mark_seen`), and the lowest and highest accuracy per event without that event's own
    patterns (:func:`transfer`)."""
    if "accuracy_unseen" not in by_group.columns:
        raise ValueError("the group table has no accuracy_unseen: mark the coded sample with topics.mark_seen "
                         "before topics.accuracy_by_group")
    held_out, overall = moved["accuracy_without_its_patterns"], by_group.set_index("group").loc["all"]
    return {"n_coded": len(coded), "n_unseen": int(overall["unseen_sentences"]),
            "accuracy": float(overall["accuracy_unseen"]),
            "transfer_low": float(held_out.min()), "transfer_high": float(held_out.max())}


def comparison_shares(by_speaker: pd.DataFrame, assigned: pd.DataFrame, pair, topic_order: list[str]) -> pd.DataFrame:
    """A comparison's topic shares (``pair``, one of ``corpus.comparisons``): per topic in ``topic_order``, the
    first side's row (its speaker at the first event) then the second's: ``share`` is the estimate of
    :func:`topic_shares` (corrected for the measured errors, or the hand codes), ``codebook_share`` the codebook's
    own share; each row with that ``speaker``, their
    ``words`` and ``turns`` at that event (from the annotated sentences ``assigned``; a turn is one turn of one
    transcript)."""
    own = pair.both_sides(by_speaker)
    order = [t for t in topic_order if t in set(own["topic"])]
    sides = pair.both_sides(assigned)
    spoken = (sides.assign(unit=sides["doc_id"] + "#" + sides["turn"].astype(str)).groupby("event")
              .agg(words=("n_words", "sum"), turns=("unit", "nunique")))
    own = own.rename(columns={"share": "codebook_share"}).assign(
        share=own["estimate"] if "estimate" in own.columns else own["share"])
    return (own[["topic", "event", "speaker", "share", "codebook_share"]]
            .assign(order=lambda t: t["topic"].map(order.index), first=lambda t: t["event"] != pair.first)
            .sort_values(["order", "first"], kind="stable").drop(columns=["order", "first"])
            .merge(spoken, left_on="event", right_index=True).reset_index(drop=True))


# --- keyness -----------------------------------------------------------------------------------------

def comparison_keyness(sentences: pd.DataFrame, pair, prior: Counter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The keyness tables of a comparison (``pair``, one of ``corpus.comparisons``): its two sides' words (each
    side's speaker at its event), and every speaker's words at the two events, each by :func:`log_odds_dirichlet`
    with ``prior`` (the corpus's word counts) and stop words left out."""
    def keyness_of(one: pd.DataFrame, two: pd.DataFrame) -> pd.DataFrame:
        return log_odds_dirichlet(word_counts(one), word_counts(two), prior, exclude=STOP_WORDS)

    return (keyness_of(pair.side(sentences, pair.first), pair.side(sentences, pair.second)),
            keyness_of(sentences[sentences["event"] == pair.first], sentences[sentences["event"] == pair.second]))


KEYNESS_PRIOR_SCALE = 0.1
"""The prior is the whole corpus's word counts times this: about 850 pseudo-words for this corpus, enough
to damp rare words without swamping the two groups being compared (both are subsets of the corpus)."""

KEYNESS_MIN_COUNT = 5
"""Words used fewer times than this in the two sets together are not tested (a word said once cannot top a list)."""

KEYNESS_LEVEL = 0.05
"""The level of :func:`keyness_summary`: unadjusted p and Benjamini–Hochberg q below it pass."""


def log_odds_dirichlet(counts_a: Counter, counts_b: Counter, prior: Counter,
                       prior_scale: float = KEYNESS_PRIOR_SCALE, min_count: int = KEYNESS_MIN_COUNT,
                       exclude: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).

    For word w with counts y_a, y_b (totals n_a, n_b) and prior pseudo-counts alpha_w (total alpha_0):
    delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w)),
    variance = 1 / (y_a + a_w) + 1 / (y_b + a_w), z = delta / sqrt(variance), where a_w is
    ``prior_scale`` times the word's count in ``prior`` (typically the whole corpus) and a_0 their sum.
    Words with fewer than ``min_count`` uses in a and b together are left out, so that a word said once
    cannot top the list; words in ``exclude`` (e.g. stop words) are left out of the table but still count
    in the totals. Positive z: characteristic of a; negative: of b.
    """
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    alpha = {w: c * prior_scale for w, c in prior.items()}
    alpha_0 = sum(alpha.values())
    rows = []
    for word in sorted(set(counts_a) | set(counts_b)):
        y_a, y_b = counts_a.get(word, 0), counts_b.get(word, 0)
        if y_a + y_b < min_count or word not in alpha or word in exclude:
            continue
        a_w = alpha[word]
        delta = (np.log((y_a + a_w) / (n_a + alpha_0 - y_a - a_w))
                 - np.log((y_b + a_w) / (n_b + alpha_0 - y_b - a_w)))
        variance = 1 / (y_a + a_w) + 1 / (y_b + a_w)
        rows.append({"word": word, "count_a": y_a, "count_b": y_b, "delta": delta, "variance": variance,
                     "z": delta / np.sqrt(variance)})
    table = pd.DataFrame(rows, columns=["word", "count_a", "count_b", "delta", "variance", "z"])
    table["p"] = [math.erfc(abs(z) / math.sqrt(2)) for z in table["z"]]
    table["q"] = benjamini_hochberg(table["p"].to_numpy())
    return table.sort_values(["z", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q): a word with q below 0.05 passes with a false discovery rate
    of 5 % over all the words tested. Testing a hundred words at |z| > 1.96 lets about five pass by chance."""
    n = len(p)
    if n == 0:
        return np.array([])
    order = np.argsort(p, kind="stable")
    scaled = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1].clip(max=1.0)
    q = np.empty(n)
    q[order] = adjusted
    return q


def keyness_summary(table: pd.DataFrame, level: float = KEYNESS_LEVEL) -> dict[str, float]:
    """How many words were tested, how many pass |z| > 1.96 unadjusted, how many would pass by chance alone
    (``level`` times the words tested), and how many pass after the Benjamini–Hochberg control."""
    return {"tested": len(table), "unadjusted": int((table["p"] < level).sum()),
            "expected_by_chance": level * len(table), "after_control": int((table["q"] < level).sum())}


def keyness_rows(table: pd.DataFrame, top: int) -> pd.DataFrame:
    """The words a keyness chart draws: the ``top`` with the highest z and the ``top`` with the lowest (fewer when
    the table is short, each word once), by z, lowest first."""
    return pd.concat([table.head(top), table.tail(top)]).drop_duplicates("word").sort_values("z", kind="stable")


def word_counts(frame: pd.DataFrame) -> Counter:
    """Lower-cased word counts of a set of sentences, by the project's one word rule."""
    return Counter(w.lower() for text in frame["text"] for w in words(text))


# --- unsupervised cross-check ------------------------------------------------------------------------

NMF_SEED = 0
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"mr", "that’s", "it’s", "don’t", "let’s", "i’m", "we’re", "there’s"}


def tfidf_matrix(texts: pd.Series, min_df: int = 2):
    """TF-IDF of the sentences (English stop words removed, words by the project's rule)."""
    vectorizer = TfidfVectorizer(lowercase=True, stop_words=sorted(STOP_WORDS), min_df=min_df,
                                 token_pattern=None, tokenizer=lambda t: [w.lower() for w in words(t)])
    return vectorizer, vectorizer.fit_transform(texts)


def nmf_fit(texts: pd.Series, n_components: int, seed: int = NMF_SEED):
    """Fit NMF (NNDSVD start, so the result does not depend on chance; ``seed`` fixes the rest)."""
    vectorizer, matrix = tfidf_matrix(texts)
    model = NMF(n_components=n_components, init="nndsvd", random_state=seed, max_iter=1000)
    weights = model.fit_transform(matrix)
    return vectorizer, model, weights


def nmf_reconstruction(texts: pd.Series, ks: list[int], seed: int = NMF_SEED) -> pd.DataFrame:
    """Reconstruction error of NMF for each number of components: the curve that the choice of k reads."""
    _, matrix = tfidf_matrix(texts)
    rows = []
    for k in ks:
        model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=1000).fit(matrix)
        rows.append({"components": k, "reconstruction_error": float(model.reconstruction_err_)})
    return pd.DataFrame(rows)


def nmf_top_words(vectorizer, model, n: int = 8) -> pd.DataFrame:
    """The ``n`` heaviest words of each component."""
    vocabulary = np.array(vectorizer.get_feature_names_out())
    rows = []
    for component, weights in enumerate(model.components_):
        top = np.argsort(-weights, kind="stable")[:n]
        rows.append({"component": component, "top_words": ", ".join(vocabulary[top])})
    return pd.DataFrame(rows)


def heaviest_component(weights: np.ndarray) -> np.ndarray:
    """Each sentence's heaviest NMF component, ``-1`` for a sentence with no weight in any."""
    return np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)


def nmf_component_words(assigned: pd.DataFrame, weights: np.ndarray) -> pd.Series:
    """Words per NMF component (``-1``: no weight), each sentence counted in its heaviest component."""
    return assigned["n_words"].groupby(heaviest_component(weights)).sum()


def nmf_alignment(assigned: pd.DataFrame, weights: np.ndarray, topic_order: list[str] | None = None) -> pd.DataFrame:
    """Words per NMF component (each sentence to its heaviest component; sentences with no weight to
    ``-1``) and codebook topic, as shares of each component's words."""
    component = heaviest_component(weights)
    table = pd.crosstab(pd.Series(component, index=assigned.index, name="component"), assigned["topic"],
                        values=assigned["n_words"], aggfunc="sum").fillna(0)
    table = table[[t for t in (topic_order or sorted(table.columns)) if t in table.columns]]
    return table.div(table.sum(axis=1), axis=0)
