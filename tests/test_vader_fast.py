"""analysis.vader_fast computes reference VADER's scores: every score equal (``==``) to vaderSentiment's."""

import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as reference
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

from analysis import sentiment, vader_fast

REFERENCE = Reference()
SCORE = vader_fast.scorer(REFERENCE)


def assert_same(text: str, analyzer: Reference = REFERENCE, score=SCORE) -> None:
    expected, got = analyzer.polarity_scores(text), score(text)
    assert got == expected and list(got) == list(expected), text
    for key in expected:  # same types too (an int 0 stays an int, a float stays a float)
        assert type(got[key]) is type(expected[key]), (text, key)


def test_every_sentence_of_the_corpus_scores_as_the_reference(corpus):
    for text in corpus.sentences["text"]:
        assert_same(text)


def test_vader_of_the_corpus_equals_the_reference_table(corpus):
    scored = sentiment.vader(corpus.sentences)
    expected = pd.DataFrame([REFERENCE.polarity_scores(t) for t in corpus.sentences["text"]],
                            index=corpus.sentences.index)
    for column in ("compound", "pos", "neu", "neg"):
        assert scored[column].tolist() == expected[column].tolist()
        assert scored[column].dtype == float
    assert scored.index.equals(corpus.sentences.index)


LEXICON_WORDS = random.Random(20250815).sample(sorted(REFERENCE.lexicon), 300)
NEGATIONS = reference.NEGATE + ["isn't", "don't", "Don't", "WON'T", "NOT", "Never", "no", "No", "NO", "nor", "or"]
BOOSTERS = list(reference.BOOSTER_DICT) + ["EXTREMELY", "Very", "kind", "of", "sort", "KIND OF"]
IDIOM_WORDS = [w for phrase in list(reference.SPECIAL_CASES) + list(reference.SENTIMENT_LADEN_IDIOMS) for w in phrase.split()]
RULE_WORDS = ["but", "But", "BUT", "least", "at", "very", "never", "so", "this", "without", "doubt", "kind", "of"]
FILLER = ["the", "we", "Putin", "said", "talks", "U.S.", "20.5", "co-operation", "I", "A", "OK", "", "-", "'s"]
EMOJI = ["😀", "😢", "👍", "❤", "☺️", "👶🏻", "🙂", "😡", "x😀", "😀😀"]
PUNCTUATION = ["!", "!!", "!!!!", "?", "??", "?!", ".", ",", "...", ":)", ":(", ";)", ":-D", "'", '"', "(", ")"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", "", "\u00a0"]


def upper_sometimes(word: str, how: str) -> str:
    return {"as is": word, "upper": word.upper(), "title": word.title(), "lower": word.lower()}[how]


@st.composite
def vader_sentences(draw):
    """Sentences made of what VADER's rules look at, in any order, case and spacing."""
    source = st.one_of(st.sampled_from(LEXICON_WORDS), st.sampled_from(LEXICON_WORDS), st.sampled_from(NEGATIONS),
                       st.sampled_from(BOOSTERS), st.sampled_from(IDIOM_WORDS), st.sampled_from(RULE_WORDS),
                       st.sampled_from(FILLER), st.sampled_from(EMOJI), st.sampled_from(PUNCTUATION),
                       st.sampled_from(list(reference.SPECIAL_CASES) + list(reference.SENTIMENT_LADEN_IDIOMS)))
    words = draw(st.lists(st.tuples(source, st.sampled_from(["as is", "as is", "upper", "title", "lower"]),
                                    st.sampled_from(SEPARATORS), st.sampled_from(["", "", "", "!", "?", ",", "."])),
                          max_size=14))
    return "".join(upper_sometimes(w, how) + end + sep for w, how, sep, end in words)


@settings(max_examples=3000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=vader_sentences())
@example(text="It was not good at all.")
@example(text="It isn't bad, but it is not GREAT!!!")
@example(text="no good no bad")
@example(text="No, no problem.")
@example(text="at least good, very least good, least good")
@example(text="It was kind of good. It was sort of bad.")
@example(text="never so good, never this bad, without doubt great")
@example(text="That is the bomb, yeah right, kiss of death, to die for")
@example(text="I am VERY HAPPY and you are sad")
@example(text="GOOD GREAT")
@example(text="😀 😀😀 x😀 ☺️ great")
@example(text="What?! Really?? Wonderful!!!!")
@example(text="")
@example(text="   ")
@example(text=":) :( ;) :-D")
@example(text="(great) 'no' !!good!! ok!? a. I'm ...bad -- 's GOOD!!! (NOT) \"Terrible\"")
def test_generated_sentences_score_as_the_reference(text):
    assert_same(text)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs", "Cc", "So"]), max_size=40))
def test_any_unicode_text_scores_as_the_reference(text):
    assert_same(text)


def test_a_masked_lexicon_scores_as_the_reference_with_the_same_mask():
    masked = sentiment.masked_analyzer(["good", "great", "no", "war"])
    score = vader_fast.scorer(masked)
    for text in ["It was good, no great, no war.", "NO GOOD war", "not bad but great", "very good war"]:
        assert_same(text, masked, score)


def test_anything_but_a_plain_reference_analyzer_uses_its_own_method():
    class Custom(Reference):
        def polarity_scores(self, text):
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.5}

    custom = Custom()
    assert vader_fast.scorer(custom)("terrible") == {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.5}


@pytest.mark.parametrize("value", [None, 3, 2.5])
def test_text_that_is_not_a_string_is_refused_as_the_reference_refuses_it(value):
    with pytest.raises(TypeError):
        REFERENCE.polarity_scores(value)
    with pytest.raises(TypeError):
        SCORE(value)
