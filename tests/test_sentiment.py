"""Sentiment: the reference VADER offline, NLTK's port beside it, TextBlob, aggregates and the lexicon audit."""

import nltk
import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

from analysis import paths
from analysis import sentiment as s

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
    scored = pd.DataFrame({"group": ["a"] * 4 + ["b"] * 2, "compound": [1.0, -1.0, 0.0, 0.5, 0.2, 0.2]})
    table = s.aggregate(scored, ["group"])
    again = s.aggregate(scored, ["group"])
    pd.testing.assert_frame_equal(table, again)
    a, b = table.to_dict("records")
    assert (a["mean"], a["positive"], a["negative"], a["neutral"], a["sentences"]) == (0.125, 0.5, 0.25, 0.25, 4)
    assert a["mean_low"] <= a["mean"] <= a["mean_high"] and -1 <= a["mean_low"] and a["mean_high"] <= 1
    assert (b["mean_low"], b["mean_high"], b["positive_low"]) == (pytest.approx(0.2), pytest.approx(0.2), 1.0)


def test_permutation_test_separates_what_differs_and_not_what_does_not():
    same = s.permutation_test([0.1, 0.2, 0.3] * 10, [0.1, 0.2, 0.3] * 10, samples=2000)
    assert same["difference"] == pytest.approx(0) and same["p_value"] > 0.9
    apart = s.permutation_test([0.5] * 20, [-0.5] * 20, samples=2000)
    assert apart["difference"] == 1.0 and apart["p_value"] == pytest.approx(1 / 2001)
    assert s.permutation_test([0.5, 0.1, 0.3], [0.0, 0.2], samples=500) == s.permutation_test(
        [0.5, 0.1, 0.3], [0.0, 0.2], samples=500)


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
    masked = s.read_masked_words(paths.DATA_DIR / "sentiment_masked_words.csv")
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
