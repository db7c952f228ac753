"""Coverage: quotes found in the news reports, attributed, and aligned to the transcript."""

import pandas as pd
import pytest

from analysis import coverage as cv

B = "anchorage2025_news_report_b"
SHAFAQ = "anchorage2025_shafaq_news"


@pytest.fixture(scope="module")
def aligned(corpus):
    return cv.align(cv.quotes(corpus), corpus.sentences)


def quote(aligned, doc_id, starts):
    rows = aligned[(aligned["doc_id"] == doc_id) & aligned["text"].str.startswith(starts)]
    assert len(rows) == 1, f"{starts!r}: {len(rows)} rows"
    return rows.iloc[0]


def test_offsets_point_at_the_quoted_text(corpus, aligned):
    for row in aligned.itertuples():
        assert corpus.raw_text(row.doc_id)[row.start_char:row.end_char] == row.text
    assert set(aligned["doc_id"]) == {"anchorage2025_news_report_a", B, SHAFAQ}


def test_the_three_kinds_of_quotation_marks(aligned):
    assert quote(aligned, B, "Ukraine’s security must be ensured")["text"] == "Ukraine’s security must be ensured"  # ‘…’ with an apostrophe inside
    assert quote(aligned, B, "I'm going to start")["speaker"] == "Donald Trump"  # straight quotes, "he told reporters"
    tass = quote(aligned, B, "I agree with President Trump that")
    assert (tass["speaker"], tass["attribution"]) == ("Vladimir Putin", "Putin told a press conference in Anchorage")


def test_attribution_by_pronoun_paragraph_and_other_speakers(aligned):
    assert quote(aligned, SHAFAQ, "That’s an interesting one")["speaker"] == "Donald Trump"  # "he said" after "Trump, ..."
    assert quote(aligned, "anchorage2025_news_report_a", "I’m sure this foundation")["speaker"] == "Vladimir Putin"
    assert quote(aligned, "anchorage2025_news_report_a", "The situation in Ukraine is tied")["speaker"] == "Vladimir Putin"
    reporters = quote(aligned, B, "stop killing civilians")
    assert reporters["speaker"] == "" and reporters["attribution"].startswith("reporters asked")
    assert quote(aligned, B, "I would like to thank Trump")["source"] == "TASS"


def test_fidelity_classes_on_examples_read_by_hand(aligned):
    assert quote(aligned, "anchorage2025_news_report_a", "There were many, many points")["fidelity"] == "verbatim"
    assert quote(aligned, B, "I agree with President Trump that")["fidelity"] == "close"  # TASS's translation
    assert quote(aligned, SHAFAQ, "We expect that Kyiv")["fidelity"] == "close"  # another translation
    assert quote(aligned, B, "I wouldn’t be thrilled")["fidelity"] == "not found"  # said to Fox News, not here
    assert quote(aligned, B, "roots")["kind"] == "phrase"


def test_normalisation_for_matching():
    assert cv.normalise_for_matching("I’m sure that’s it — they won't!") == "i am sure that is it they will not"


def test_coverage_map_by_hand():
    sentences = pd.DataFrame({"doc_id": ["t"] * 3, "event": ["e"] * 3, "turn": [0, 0, 0], "position": [0, 1, 2],
                              "speaker": ["P"] * 3, "role": ["head_of_state"] * 3, "n_words": [3, 3, 3],
                              "text": ["a", "b", "c"]})
    aligned = pd.DataFrame({"doc_id": ["n1", "n2", "n2", "n3", "n3", "n3"], "event": ["e"] * 6,
                            "fidelity": ["verbatim", "close", "close", "not found", "verbatim", "close"],
                            "kind": ["quote"] * 4 + ["phrase", "quote"], "speaker": ["P"] * 5 + [""],
                            "match_doc": ["t"] * 6, "match_first": [0, 0, 1, 2, 2, 2], "match_last": [1, 0, 1, 2, 2, 2]})
    covered = cv.coverage_map(aligned, sentences)
    # sentence 2: the not-found quote, the phrase and the quote with no speaker do not count
    assert covered["quotes"].tolist() == [2, 2, 0] and covered["reports"].tolist() == [2, 2, 0]


def test_attribution_stops_at_the_end_of_a_sentence():
    text = "Putin called the talks “very constructive and useful for both sides”. Trump said the meeting was a ten."
    start = text.index("“") + 1
    end = text.index("”")
    mentions = [(0, 5, "Vladimir Putin"), (text.index("Trump"), text.index("Trump") + 5, "Donald Trump")]
    assert cv.attribute(text, start, end, mentions)[0] == "Vladimir Putin"


def test_a_quote_is_credited_to_the_sentences_it_renders(aligned):
    foundation = quote(aligned, "anchorage2025_news_report_a", "I’m sure this foundation")
    assert (foundation["match_first"], foundation["match_last"]) == (20, 20)


def test_topic_emphasis_shares_sum_to_one(corpus, aligned):
    from analysis import topics
    emphasis = cv.topic_emphasis(aligned, topics.assign(corpus.sentences))
    for _, part in emphasis.groupby("speaker"):
        assert part["record_share"].sum() == pytest.approx(1) and part["coverage_share"].sum() == pytest.approx(1)
