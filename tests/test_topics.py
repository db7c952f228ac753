"""Topics: the codebook rule, the context rule, validation, NMF and keyness (worked example by hand)."""

import math
from collections import Counter

import pandas as pd
import pytest

from analysis import paths
from analysis import topics as t


def sentences(*rows):
    """rows: (turn, speaker, role, text[, journalist])."""
    out = []
    for position, row in enumerate(rows):
        turn, speaker, role, text, *rest = row
        out.append({"doc_id": "d", "event": "e", "turn": turn, "sentence": position, "position": position,
                    "speaker": speaker, "role": role, "journalist": rest[0] if rest else "", "text": text,
                    "n_words": len(text.split())})
    return pd.DataFrame(out)


def test_patterns_match_on_word_boundaries_with_endings_and_prefixes():
    assert t.compile_pattern("sanction").search("new sanctions were imposed")
    assert t.compile_pattern("cyber*").search("cyberattacks from US cyberspace")
    assert t.compile_pattern("new start").search("extend New\\nSTART".replace("\\n", " "))
    assert not t.compile_pattern("war").search("we were aware of it")
    assert not t.compile_pattern("nato").search("senator")
    assert t.compile_pattern("minsk").search("the Minsk Agreements")


def test_codebook_has_exactly_the_twelve_topics():
    codebook = t.read_codebook()
    assert codebook.topics == list(t.TOPIC_IDS)


def test_context_rule_by_hand():
    frame = sentences(
        (0, "J", "journalist", "Ann Simmons, Daily News.", "Ann Simmons"),
        (0, "J", "journalist", "What about the Minsk agreements?", "Ann Simmons"),
        (1, "P", "head_of_state", "This completely contradicts the Minsk Agreements."),
        (1, "P", "head_of_state", "Therefore, what kind of additional obligations can Russia assume?"),
        (1, "P", "head_of_state", "Trade is up and sanctions hurt business."),
        (2, "J", "journalist", "Thank you."),
        (3, "P", "head_of_state", "I think the answer is clear."),
    )
    assigned = t.assign(frame)
    # the introduction is none; the unmatched answer sentence takes the earlier topic of its turn; the
    # thanks is none; the last turn has no match and takes the main topic of the last topical turn
    assert list(assigned["topic"]) == ["none", "ukraine", "ukraine", "ukraine", "economy", "none", "ukraine"]
    assert assigned.loc[4, "topics"] == "economy"
    opening = sentences((0, "P", "head_of_state", "I think the answer is clear."))
    assert t.assign(opening)["topic"].tolist() == ["none"]


def test_ties_go_to_the_topic_of_the_turn():
    frame = sentences((0, "P", "head_of_state", "Cyber security is important."),
                      (0, "P", "head_of_state", "We discussed cyberattacks and the Arctic."))
    assert t.assign(frame)["topic"].tolist() == ["cyber", "cyber"]
    assert t.assign(frame)["topics"].tolist()[1] == "cyber;arctic"


def test_validation_file_is_the_documented_seeded_sample(corpus):
    validation = t.read_validation()
    sample = t.validation_sample(corpus.sentences)
    assert len(validation) >= 100
    assert list(zip(validation["doc_id"], validation["position"])) == list(zip(sample["doc_id"], sample["position"]))
    assert validation["text"].tolist() == sample["text"].tolist()
    assert {"head_of_state", "journalist"} == set(validation["role"])
    assert {"geneva-2021", "anchorage-2025"} == set(validation["event"])


def test_evaluate_by_hand():
    assigned = pd.DataFrame({"doc_id": ["d"] * 4, "position": [0, 1, 2, 3], "topic": ["a", "a", "b", "b"]})
    validation = pd.DataFrame({"doc_id": ["d"] * 4, "position": [0, 1, 2, 3], "text": list("wxyz"),
                               "gold_topic": ["a", "b", "b", "b"], "note": [""] * 4})
    result = t.evaluate(assigned, validation)
    assert result["accuracy"] == 0.75
    per = result["per_topic"]
    assert per.empty  # 'a' and 'b' are not codebook ids, so no per-topic rows
    validation["gold_topic"] = ["ukraine", "cyber", "cyber", "cyber"]
    assigned["topic"] = ["ukraine", "ukraine", "cyber", "cyber"]
    per = t.evaluate(assigned, validation)["per_topic"].set_index("topic")
    assert per.loc["ukraine", "precision"] == 0.5 and per.loc["ukraine", "recall"] == 1.0
    assert per.loc["cyber", "precision"] == 1.0 and per.loc["cyber", "recall"] == pytest.approx(2 / 3)


def test_blind_validation_file_is_a_second_seeded_sample_disjoint_from_the_first(corpus):
    first = t.validation_sample(corpus.sentences)
    blind = t.read_validation(paths.DATA_DIR / "validation" / "topics_validation_blind.csv")
    expected = t.validation_sample(corpus.sentences.drop(index=first.index), t.BLIND_QUOTAS, seed=t.BLIND_SEED)
    assert list(zip(blind["doc_id"], blind["position"])) == list(zip(expected["doc_id"], expected["position"]))
    assert not set(zip(blind["doc_id"], blind["position"])) & set(zip(first["doc_id"], first["position"]))
    assert len(blind) == 100


def test_accuracy_does_not_fall_below_what_was_measured(corpus):
    """Regression guards at the measured values (0.833 on the first set, 0.73 on the blind one): a change to
    the codebook or the rule that loses accuracy fails here. The issue's aim (0.8) is met only on the first,
    optimistic set; see data/validation/README.md."""
    assigned = t.assign(corpus.sentences)
    first = t.evaluate(assigned, t.read_validation())
    blind = t.evaluate(assigned, t.read_validation(paths.DATA_DIR / "validation" / "topics_validation_blind.csv"))
    assert first["n"] == 120 and first["accuracy"] >= 0.83
    assert blind["n"] == 100 and blind["accuracy"] >= 0.73


def test_log_odds_worked_example_computed_by_hand():
    a, b = Counter({"war": 3, "peace": 1}), Counter({"war": 1, "peace": 3})
    table = t.log_odds_dirichlet(a, b, Counter({"war": 4, "peace": 4}), prior_scale=0.5, min_count=1).set_index("word")
    # a_w = 2, a_0 = 4, n_a = n_b = 4: delta = log(5/3) - log(3/5); variance = 1/5 + 1/3
    delta = math.log(5 / 3) - math.log(3 / 5)
    assert table.loc["war", "delta"] == pytest.approx(delta)
    assert table.loc["war", "z"] == pytest.approx(delta / math.sqrt(1 / 5 + 1 / 3))
    assert table.loc["peace", "z"] == pytest.approx(-table.loc["war", "z"])
    assert list(table.index) == ["war", "peace"]


def test_log_odds_minimum_count_keeps_rare_words_off_the_list():
    a, b = Counter({"once": 1, "often": 10}), Counter({"often": 2})
    table = t.log_odds_dirichlet(a, b, a + b, min_count=5)
    assert list(table["word"]) == ["often"]


def test_topic_shares_sum_to_one_and_nmf_is_deterministic(corpus):
    assigned = t.assign(corpus.sentences)
    shares = t.topic_shares(assigned, ["event", "speaker"])
    sums = shares.groupby(["event", "speaker"])["share"].sum()
    assert sums.tolist() == pytest.approx([1.0] * len(sums)) and len(sums) >= 4
    assert ((shares["low"] <= shares["share"] + 1e-12) & (shares["share"] <= shares["high"] + 1e-12)).all()
    _, first_model, _ = t.nmf_fit(assigned["text"], 5)
    _, second_model, _ = t.nmf_fit(assigned["text"], 5)
    assert (first_model.components_ == second_model.components_).all()


def test_the_fast_matcher_counts_exactly_what_the_regular_expressions_count(corpus):
    codebook = t.read_codebook()
    for text in corpus.sentences["text"]:
        by_regex = Counter({topic: n for topic, compiled in codebook.patterns.items()
                            if (n := sum(len(p.findall(text)) for p in compiled))})
        assert t.matches(text, codebook) == by_regex, text
