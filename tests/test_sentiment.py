"""Sentiment: the reference VADER offline, NLTK's port beside it, TextBlob, aggregates and the lexicon audit."""

import nltk
import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

from analysis import resampling
from analysis import sentiment as s
from analysis import units

NEGATION = "I believe there was no hostility at all."


def frame(*texts):
    return pd.DataFrame({"text": list(texts)})


def test_scores_equal_the_reference_implementation_on_every_sentence(corpus):
    scored = s.vader(corpus.sentences)
    reference = Reference()
    expected = pd.DataFrame([reference.polarity_scores(t) for t in corpus.sentences["text"]], index=corpus.sentences.index)
    for column in ("compound", "pos", "neu", "neg"):
        assert scored[column].tolist() == expected[column].tolist()
    assert list(scored.columns[:len(corpus.sentences.columns)]) == list(corpus.sentences.columns)


def test_nltk_port_loads_offline_and_differs_on_negation(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download must not be called")

    monkeypatch.setattr(nltk, "download", no_download)
    s.nltk_analyzer.cache_clear()
    nltk_score = s.nltk_vader(frame(NEGATION)).iloc[0]
    reference_score = s.vader(frame(NEGATION))["compound"].iloc[0]
    # the measured pair from ../shared/CONTEXT.md
    assert nltk_score == pytest.approx(-0.6908, abs=1e-4) and reference_score == pytest.approx(0.431, abs=1e-3)


def test_textblob_runs_offline_and_scores_opinion_words():
    scores = s.textblob_polarity(frame("This is a wonderful result.", "This is a terrible result.", "The table is here."))
    assert scores.iloc[0] > 0.5 and scores.iloc[1] < -0.5 and scores.iloc[2] == 0


def test_classify_uses_the_usual_thresholds():
    assert s.classify(pd.Series([0.06, 0.05, -0.05, -0.051, 0.0])).tolist() == [
        "positive", "neutral", "neutral", "negative", "neutral"]


def test_aggregate_by_hand_and_seeded():
    scored = pd.DataFrame({"group": ["a"] * 5 + ["b"] * 2, "compound": [1.0, -1.0, 0.0, 0.5, 0.0, 0.2, 0.2]})
    table = s.aggregate(scored, ["group"], unit="sentence")
    again = s.aggregate(scored, ["group"], unit="sentence")
    pd.testing.assert_frame_equal(table, again)
    a, b = table.to_dict("records")
    assert (a["mean"], a["positive"], a["negative"], a["neutral"], a["sentences"]) == (0.1, 0.4, 0.2, 0.4, 5)
    assert (a["unit"], a["units"], a["interval_note"]) == ("sentence", 5, "")
    assert a["mean_low"] <= a["mean"] <= a["mean_high"] and -1 <= a["mean_low"] and a["mean_high"] <= 1
    # two units are fewer than the minimum: the point, and no interval
    assert b["mean"] == pytest.approx(0.2) and np.isnan(b["mean_low"]) and b["interval_note"] == units.TOO_FEW


def test_permutation_test_separates_what_differs_and_not_what_does_not():
    same = s.permutation_test([0.1, 0.2, 0.3] * 10, [0.1, 0.2, 0.3] * 10, samples=2000)
    assert same["difference"] == pytest.approx(0) and same["p_value"] > 0.9
    apart = s.permutation_test([0.5] * 20, [-0.5] * 20, samples=2000)
    assert apart["difference"] == 1.0 and apart["p_value"] == pytest.approx(1 / 2001)
    assert s.permutation_test([0.5, 0.1, 0.3], [0.0, 0.2], samples=500) == s.permutation_test(
        [0.5, 0.1, 0.3], [0.0, 0.2], samples=500)


def sentences_in_turns(*turns, group="a", doc_id="d1", first_turn=1, event="e1", speaker="S"):
    """Sentence rows: one turn per list of scores, numbered from ``first_turn`` in document ``doc_id``."""
    rows = [{"doc_id": doc_id, "turn": first_turn + t, "group": group, "event": event, "speaker": speaker,
             "compound": float(value), "design_unit": f"{doc_id}#turn{first_turn + t}", "unit_kind": "turn"}
            for t, values in enumerate(turns) for value in values]
    return pd.DataFrame(rows)


def width(row, name="mean"):
    return row[f"{name}_high"] - row[f"{name}_low"]


def test_a_turn_of_many_identical_sentences_widens_the_turn_interval():
    # one long answer of 6 identical positive sentences and twelve one-sentence answers at 0: by sentences there seem
    # to be 18 observations, by turns there are 13, and whether the long answer is drawn dominates
    scored = sentences_in_turns([1.0] * 6, *[[0.0]] * 12)
    by_sentence = s.aggregate(scored, ["group"], unit="sentence").iloc[0]
    by_turn = s.aggregate(scored, ["group"]).iloc[0]
    assert by_turn["mean"] == by_sentence["mean"] == pytest.approx(1 / 3) and by_turn["positive"] == pytest.approx(1 / 3)
    assert (by_turn["unit"], by_turn["units"], by_turn["sentences"]) == ("design", 13, 18)
    assert (by_sentence["unit"], by_sentence["units"]) == ("sentence", 18)
    assert by_turn["effective_units"] == pytest.approx(18 ** 2 / (36 + 12), abs=0.01)
    assert width(by_turn) > width(by_sentence) and width(by_turn, "positive") > width(by_sentence, "positive")
    assert by_turn["mean_low"] == 0.0  # a resample without the long answer exists and is in the 2.5 %


def test_one_turn_carrying_most_sentences_leaves_too_few_effective_units_for_an_interval():
    # 20 sentences in one answer and five one-sentence answers: six turns, but about 1.5 effective ones
    table = s.aggregate(sentences_in_turns([1.0] * 20, [0.0], [0.0], [0.0], [0.0], [0.0]), ["group"]).iloc[0]
    assert table["units"] == 6 and table["effective_units"] < units.MIN_UNITS
    assert np.isnan(table["mean_low"]) and table["interval_note"] == units.TOO_FEW


def test_turn_bootstrap_draws_whole_turns():
    # every resample holds each drawn turn with all its sentences: per turn, a multiple of the turn's size
    scored = sentences_in_turns([0.0] * 2, [1.0], [0.0] * 3, [1.0], [0.5] * 2, [1.0])
    sizes = scored.groupby("design_unit").size()
    picks = resampling.bootstrap_picks(resampling.rng_for(1, "a"), scored, 200, "design")
    for pick in picks:
        drawn = scored.iloc[pick].groupby("design_unit").size()
        assert (drawn % sizes[drawn.index] == 0).all() and drawn.sum() == sum(sizes[u] * (drawn[u] // sizes[u])
                                                                             for u in drawn.index)
    assert len({tuple(sorted(p)) for p in picks}) > 1


def test_a_group_of_fewer_units_than_the_minimum_has_no_interval():
    # however many sentences it has: one turn is one draw, and four turns have only 35 different resamples
    table = s.aggregate(pd.concat([sentences_in_turns([0.2, -0.4, 0.9] * 5),
                                   sentences_in_turns([0.3], group="b", doc_id="d2"),
                                   sentences_in_turns(*[[0.1 * k, -0.2] for k in range(units.MIN_UNITS - 1)],
                                                      group="c", doc_id="d3"),
                                   sentences_in_turns(*[[0.1 * k, -0.2] for k in range(units.MIN_UNITS)],
                                                      group="d", doc_id="d4")]), ["group"])
    assert table["units"].tolist() == [1, 1, units.MIN_UNITS - 1, units.MIN_UNITS]
    assert table["mean"].tolist()[:2] == pytest.approx([0.7 / 3, 0.3])
    assert table.iloc[:3].filter(regex="_(low|high)$").isna().all().all()
    assert (table.iloc[:3]["interval_note"] == units.TOO_FEW).all()
    assert table.iloc[3]["mean_low"] <= table.iloc[3]["mean"] <= table.iloc[3]["mean_high"]
    by_sentence = s.aggregate(sentences_in_turns([0.2, -0.4, 0.9] * 5), ["group"], unit="sentence").iloc[0]
    assert by_sentence["mean_low"] < by_sentence["mean"] < by_sentence["mean_high"]


def test_turns_are_told_apart_by_document():
    scored = pd.concat([sentences_in_turns([0.5, 0.5], [0.1], doc_id="d1"),
                        sentences_in_turns([0.3], doc_id="d2")])  # turn 1 of d2 is not turn 1 of d1
    assert s.aggregate(scored, ["group"]).iloc[0]["units"] == 3


def test_sentence_unit_is_the_turn_bootstrap_with_every_sentence_its_own_turn():
    values = [0.9, -0.2, 0.0, 0.4, 0.4, -0.7, 0.1]
    scored = sentences_in_turns(*[[v] for v in values])
    by_sentence = s.aggregate(scored, ["group"], unit="sentence").drop(columns=["unit", "unit_description"])
    as_turns = s.aggregate(scored, ["group"]).drop(columns=["unit", "unit_description"])
    pd.testing.assert_frame_equal(by_sentence, as_turns)


def test_turn_intervals_are_seeded_and_each_group_keeps_its_own():
    scored = pd.concat([sentences_in_turns([0.5, 0.2], [-0.1], [0.3, 0.3, 0.0], [0.7], [-0.6, 0.1], [0.05] * 4,
                                           [0.8, -0.2], [0.4], group="a"),
                        sentences_in_turns([0.1], [-0.4, 0.2], [0.3, 0.6], [0.2], [-0.3, 0.5], group="b",
                                           doc_id="d2")])
    table = s.aggregate(scored, ["group"], samples=300)
    pd.testing.assert_frame_equal(table, s.aggregate(scored, ["group"], samples=300))
    assert table.loc[0, "mean_low"] != s.aggregate(scored, ["group"], samples=300, seed=1).loc[0, "mean_low"]
    more = pd.concat([scored, sentences_in_turns([0.9, 0.9, -0.9], group="b", doc_id="d3")])
    grown = s.aggregate(more, ["group"], samples=300)
    pd.testing.assert_series_equal(grown.iloc[0], table.iloc[0])  # group a untouched by b's new turn
    assert grown.loc[1, "units"] == 6 and grown.loc[1, "mean_high"] != table.loc[1, "mean_high"]


def test_turn_resampling_needs_doc_and_turn_and_a_known_unit():
    with pytest.raises(ValueError, match="design_unit column.*with_design_units"):
        s.aggregate(pd.DataFrame({"group": ["a"], "compound": [0.1]}), ["group"])
    with pytest.raises(ValueError, match="doc_id and turn.*unit='sentence'"):
        s.aggregate(pd.DataFrame({"group": ["a"], "compound": [0.1]}), ["group"], unit="turn")
    with pytest.raises(ValueError, match="unit must be one of"):
        s.aggregate(sentences_in_turns([0.1]), ["group"], unit="turns")


def two_events(first_turns, second_turns):
    return pd.concat([sentences_in_turns(*first_turns, event="e1", doc_id="d1"),
                      sentences_in_turns(*second_turns, event="e2", doc_id="d2")], ignore_index=True)


def test_permutation_keeps_the_sentences_of_a_turn_together():
    # two long answers at each event, far apart: 40 sentences look like overwhelming evidence, but there
    # are only 4 answers, and 2 of the 6 ways to split them into two pairs give a difference this large
    scored = two_events([[0.5] * 10, [0.4] * 10], [[-0.5] * 10, [-0.4] * 10])
    by_sentence = s.speaker_between_events(scored, "S", "e1", "e2", unit="sentence", samples=3000)
    by_turn = s.speaker_between_events(scored, "S", "e1", "e2", samples=3000)
    assert by_sentence["difference"] == by_turn["difference"] == pytest.approx(0.9)
    assert by_sentence["p_value"] == pytest.approx(1 / 3001)
    assert by_turn["p_value"] == pytest.approx(1 / 3, abs=0.03)
    assert (by_turn["unit"], by_turn["units_first"], by_turn["units_second"]) == ("turn", 2, 2)
    assert (by_turn["n_first"], by_turn["n_second"]) == (20, 20)
    assert (by_sentence["units_first"], by_sentence["units_second"]) == (20, 20)


def test_turn_permutation_weighs_sentences_and_is_seeded():
    scored = two_events([[0.5, 0.1, 0.2], [0.0], [-0.3, 0.4]], [[0.2], [-0.5, -0.1, 0.0, 0.3], [0.6]])
    test = s.speaker_between_events(scored, "S", "e1", "e2", samples=500)
    own = scored.groupby("event")["compound"].mean()
    assert test["difference"] == pytest.approx(own["e1"] - own["e2"])  # a mean of sentences, not of turn means
    assert test == s.speaker_between_events(scored, "S", "e1", "e2", samples=500)
    assert test != s.speaker_between_events(scored, "S", "e1", "e2", samples=500, seed=7)
    assert 1 / 501 <= test["p_value"] <= 1


def test_sentence_level_permutation_is_the_original_test():
    first, second = [0.5, 0.1, 0.3, -0.2], [0.0, 0.2, -0.4]
    rows = two_events([[v] for v in first], [[v] for v in second])
    by_rows = s.permutation_test_of_rows(rows[rows["event"] == "e1"], rows[rows["event"] == "e2"],
                                         unit="sentence", samples=800)
    assert by_rows == {**s.permutation_test(first, second, samples=800), "unit": "sentence"}


def test_a_turn_in_both_groups_is_refused():
    with pytest.raises(ValueError, match="both groups"):
        s.permutation_test([0.1, 0.2], [0.3], first_units=["t1", "t2"], second_units=["t2"])
    with pytest.raises(ValueError, match="both groups or of neither"):
        s.permutation_test([0.1, 0.2], [0.3], first_units=["t1", "t2"])


def test_units_side_by_side_by_hand():
    scored = pd.concat([sentences_in_turns([1.0] * 3, [0.0], [0.0], [0.0], [0.0], [0.0], [0.0], event="e1", doc_id="d1"),
                        sentences_in_turns([0.2, 0.3], [0.0], [-0.1, 0.1], [0.4], [-0.2], [0.3], event="e2",
                                           doc_id="d2")],
                       ignore_index=True)
    by = ["event", "speaker"]
    tests = [s.speaker_between_events(scored, "S", "e1", "e2", unit=u, samples=200) for u in ("sentence", "turn")]
    table = s.units_side_by_side(s.aggregate(scored, by, unit="sentence"), s.aggregate(scored, by), by, *tests,
                                 label="S: e1 minus e2")
    assert table["group"].tolist() == ["e1 · S", "e2 · S", "S: e1 minus e2"]
    assert table["sentences"].tolist() == [9, 8, 17] and table["turns"].tolist() == [7, 6, 13]
    assert table.loc[2, "by_sentences"] == tests[0]["p_value"] and table.loc[2, "by_turns"] == tests[1]["p_value"]
    assert table.loc[0, "ratio"] == pytest.approx(table.loc[0, "by_turns"] / table.loc[0, "by_sentences"])
    assert table.loc[0, "ratio"] > 1 and table.loc[2, "ratio"] > 1


def test_word_shift_by_hand():
    lexicon = {"good": 2.0, "bad": -2.0}
    first, second = frame("good good bad"), frame("bad day")
    table = s.word_shift(first, second, lexicon).set_index("word")
    assert table.loc["good", "contribution"] == pytest.approx(4 / 3)
    assert table.loc["bad", "contribution"] == pytest.approx(1 / 3)
    difference = s.mean_valence_per_word(first, lexicon) - s.mean_valence_per_word(second, lexicon)
    assert table["contribution"].sum() == pytest.approx(difference) == pytest.approx(5 / 3)


def test_masking_removes_valence_from_listed_words_only():
    masked = s.masked_analyzer(["war"])
    assert masked.polarity_scores("The war ended.")["compound"] == 0
    assert masked.polarity_scores("What a wonderful day.")["compound"] > 0
    assert "war" in s.reference_analyzer().lexicon  # the shared analyzer is untouched


def test_every_masked_word_is_in_the_lexicon():
    masked = s.read_masked_words()
    lexicon = s.reference_analyzer().lexicon
    assert len(masked) > 10 and masked["word"].is_unique
    assert [w for w in masked["word"] if w not in lexicon] == []
    assert set(masked["kind"]) <= {"name", "topic"}


def test_method_agreement_and_disagreements_on_the_corpus(corpus):
    scored = s.score_all(corpus.sentences)
    agreement = s.method_agreement(scored).set_index(["event", "method"])
    with_sentences = set(corpus.sentences["event"])
    assert set(agreement.index.get_level_values("event")) == with_sentences  # every event with sentences
    assert (agreement.loc[(slice(None), "NLTK VADER"), "class_agreement"] > 0.9).all()
    disagreements = s.implementation_disagreements(scored)
    assert NEGATION in set(disagreements["text"])
    assert disagreements["has_negation"].mean() > 0.5
    assert np.isfinite(agreement["pearson"]).all()
