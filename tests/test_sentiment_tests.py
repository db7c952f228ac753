"""What a permutation test between two sides can say with its units: the smallest p-value any shuffle of the
labels gives, the difference it would need for p < 5 %, and those numbers in words; the comparison of the
scorings (full lexicon, topic words masked) that replaced the empty 'the verdict is the same'."""

import math

import numpy as np
import pytest

from analysis import annotation
from analysis import sentiment as s


def one_against(others: int, value: float = 1.0):
    """One unit of five sentences at ``value`` against ``others`` units of one sentence at 0."""
    return s.permutation_test([value] * 5, [0.0] * others, samples=20000, first_units=["a"] * 5,
                              second_units=list(range(others)))


def test_one_unit_against_25_can_reach_p_below_5_percent_only_as_the_most_extreme_of_26():
    test = one_against(25)
    assert test["smallest_p"] == pytest.approx(1 / 26) and 1 / 26 == pytest.approx(0.0385, abs=1e-4)
    assert s.can_reject(test)  # 0.038 < 0.05: possible, barely
    assert test["p_value"] == pytest.approx(1 / 26, abs=0.005)  # and here the one unit is the most extreme
    assert "a p-value below 0.05 is possible" in s.rejection_in_words(test)


def test_one_unit_against_18_cannot_reject_whatever_the_values():
    test = one_against(18, value=100.0)
    assert test["smallest_p"] == pytest.approx(1 / 19) and not s.can_reject(test)
    assert test["p_value"] >= 0.05
    assert s.rejection_in_words(test).startswith("with 1 and 18 turns this test cannot reject at 5 %")


def test_equal_sides_count_the_mirror_labelling_and_p_never_beats_the_bound():
    assert s.smallest_attainable_p(2, 2) == pytest.approx(2 / 6)
    assert s.smallest_attainable_p(3, 25) == pytest.approx(1 / math.comb(28, 3))
    rng = np.random.default_rng(1)
    for k, m in [(1, 4), (2, 3), (3, 3), (1, 25)]:
        values = rng.normal(size=k + m)
        test = s.permutation_test(values[:k], values[k:], samples=4000, first_units=list(range(k)),
                                  second_units=list(range(k, k + m)))
        assert test["p_value"] >= test["smallest_p"] - 0.01  # a Monte Carlo p, within its error


def test_the_difference_needed_is_what_reaches_p_below_5_percent():
    rng = np.random.default_rng(2)
    first, second = rng.normal(size=12), rng.normal(size=30)
    test = s.permutation_test(first, second, samples=4000, first_units=list(range(12)),
                              second_units=list(range(12, 42)))
    needed = test["difference_needed"]
    shifted = s.permutation_test(first + needed * 1.5, second, samples=4000, first_units=list(range(12)),
                                 second_units=list(range(12, 42)))
    assert abs(test["difference"]) < needed and test["p_value"] > 0.05
    assert abs(shifted["difference"]) > shifted["difference_needed"] and shifted["p_value"] < 0.05


def test_on_the_corpus_the_compared_speaker_at_two_events_rests_on_25_and_3_turns(corpus):
    scored = annotation.annotate(corpus).sentences
    test = s.between_sides(scored, corpus.comparison)
    assert (test["units_first"], test["units_second"]) == (25, 3)
    assert test["smallest_p"] == pytest.approx(1 / 3276) and s.can_reject(test)
    # possible, but only for a difference far larger than the one observed
    assert test["difference_needed"] > 2 * abs(test["difference"]) and test["p_value"] > 0.05
    words = s.rejection_in_words(test)
    assert "with 25 and 3 turns" in words and f"±{test['difference_needed']:.3f}" in words


def test_no_sentiment_output_or_prose_calls_a_comparison_paired():
    """The comparisons set the compared speaker (or role) at two events against each other: nothing is paired
    (issue 25, finding 7). The sentiment notebook, its solutions, its HTML edition, the files it writes and the
    code that names them say so."""
    from analysis import paths
    root = paths.PROJECT_ROOT
    named = [p for folder in (root / "figures", root / "data" / "processed") for p in folder.iterdir()
             if p.name.startswith("sentiment") and "paired" in p.name]
    assert not named, named
    for relative in ("notebooks/03_sentiment.ipynb", "notebooks/90_solutions.ipynb", "html/03_sentiment.html",
                     "html/90_solutions.html", "analysis/sentiment.py", "analysis/figures/sentiment.py"):
        text = (root / relative).read_text(encoding="utf-8").lower()
        assert "paired" not in text, relative


def test_the_scorings_compared_say_what_survives_masking_and_whether_the_test_could_reject():
    full = {"difference": -0.08, "p_value": 0.43, "units_first": 25, "units_second": 3, "smallest_p": 1 / 3276,
            "difference_needed": 0.22}
    table = s.scorings_compared({"full lexicon": full, "masked": {**full, "difference": -0.04, "p_value": 0.6}})
    assert table["share_of_full_difference"].tolist() == [1.0, 0.5] and not table["significant"].any()
    words = s.scorings_in_words(table)
    assert "the same in every scoring" in words and "masked: -0.040 (50 % of it)" in words
    assert "the test rejects at 5 % in 0 of 2 scorings" in words and "verdict" not in words
    few = s.scorings_compared({"full lexicon": {**full, "units_first": 1, "units_second": 18, "smallest_p": 1 / 19},
                               "masked": {**full, "difference": 0.01, "units_first": 1, "units_second": 18,
                                          "smallest_p": 1 / 19}})
    words = s.scorings_in_words(few)
    assert "not the same in every scoring" in words and "cannot reject at 5 %" in words
    assert "whether a scoring changes the verdict is not a check here" in words
