"""Concordance (keyword in context) on a small hand-made corpus of three events and four speakers."""

from collections import Counter

import pandas as pd
import pytest

from analysis import topics
from analysis.concordance import COLUMNS, as_text, kwic, neighbours, parse_pattern

# doc_id, event, turn, speaker, sentences of the turn (our own text)
TURNS = [
    ("oslo_t", "oslo-2030", 0, "Ana Berg", ["What kind of deal is it?", "It is kind of new."]),
    ("oslo_t", "oslo-2030", 1, "Journalist", ["Kindness matters.", "Is that the kind answer?"]),
    ("oslo_t", "oslo-2030", 2, "Ana Berg", ["Kind of.", "KIND OF, yes!"]),
    ("lima_t", "lima-2031", 0, "Ben Ruiz", ["A kind-hearted man is kind, of course, and kinds differ."]),
    ("lima_t", "lima-2031", 1, "Ana Berg", ["one two three kind four five six"]),
    ("riga_t", "riga-2032", 0, "Cem Oz", ["Very very very good."]),
]


@pytest.fixture
def sentences() -> pd.DataFrame:
    rows = []
    for doc_id, event, turn, speaker, texts in TURNS:
        for sentence, text in enumerate(texts):
            rows.append({"doc_id": doc_id, "event": event, "turn": turn, "sentence": sentence, "speaker": speaker,
                         "role": "x", "text": text})
    return pd.DataFrame(rows)


def test_columns_and_corpus_order(sentences):
    lines = kwic(sentences, "kind", window=2)
    assert list(lines.columns) == COLUMNS
    assert list(zip(lines["doc_id"], lines["turn"], lines["sentence"], lines["position"])) == [
        ("oslo_t", 0, 0, 1), ("oslo_t", 0, 1, 8), ("oslo_t", 1, 1, 5), ("oslo_t", 2, 0, 0), ("oslo_t", 2, 1, 2),
        ("lima_t", 0, 0, 4), ("lima_t", 1, 0, 3)]
    assert list(lines.index) == list(range(7))


def test_whole_words_only(sentences):
    lines = kwic(sentences, "kind", window=0)
    assert "Kindness" not in set(lines["match"]) and "kinds" not in set(lines["match"])
    assert not (lines["doc_id"].eq("lima_t") & lines["turn"].eq(0) & lines["position"].eq(1)).any()  # kind-hearted
    assert set(lines["match"]) == {"kind", "Kind", "KIND"}


def test_the_same_words_as_keyness_counts(sentences):
    counts = topics.word_counts(sentences)
    for word in ("kind", "of", "kind-hearted", "very", "kindness"):
        assert len(kwic(sentences, word, window=0)) == counts[word]


def test_case_is_ignored_in_text_and_pattern(sentences):
    assert len(kwic(sentences, "KIND", window=0)) == len(kwic(sentences, "kind", window=0)) == 7
    upper = kwic(sentences, "Kind Of", window=0)
    assert list(upper["match"]) == ["kind of", "kind of", "Kind of", "KIND OF", "kind, of"]


def test_phrase_matches_across_punctuation_but_not_across_a_sentence_end(sentences):
    lines = kwic(sentences, "kind of", window=1)
    assert list(zip(lines["doc_id"], lines["turn"], lines["position"])) == [
        ("oslo_t", 0, 1), ("oslo_t", 0, 8), ("oslo_t", 2, 0), ("oslo_t", 2, 2), ("lima_t", 0, 4)]
    assert lines["match"].iloc[4] == "kind, of"
    # "Kind of." ends a sentence and "KIND OF" begins the next: no match of "of kind" across that end
    assert kwic(sentences, "of kind", window=0).empty


def test_wildcard_at_the_end(sentences):
    lines = kwic(sentences, "kind*", window=0)
    assert Counter(m.lower() for m in lines["match"]) == Counter(
        {"kind": 7, "kindness": 1, "kind-hearted": 1, "kinds": 1})
    assert list(kwic(sentences, "kind o*", window=0)["match"]) == ["kind of", "kind of", "Kind of", "KIND OF", "kind, of"]


@pytest.mark.parametrize("pattern", ["*kind", "ki*nd", "kind *", "kind-*", "kind**"])
def test_a_wildcard_elsewhere_is_refused(sentences, pattern):
    with pytest.raises(ValueError, match=r"\*"):
        kwic(sentences, pattern)


@pytest.mark.parametrize("pattern", ["", "   ", "*", "**", "— !"])
def test_an_empty_pattern_is_a_clear_error(sentences, pattern):
    with pytest.raises(ValueError, match="has no words"):
        kwic(sentences, pattern)


def test_empty_pattern_message_says_what_to_give(sentences):
    with pytest.raises(ValueError, match="has no words: give a word or a phrase"):
        kwic(sentences, "  ")


def test_window_stops_at_the_turn_edges_and_runs_across_sentences(sentences):
    first = kwic(sentences, "deal", window=3).iloc[0]
    assert (first["left"], first["match"], first["right"]) == ("What kind of", "deal", "is it? It")
    edge = kwic(sentences, "kind", window=3, event="lima-2031", speaker="Ana Berg").iloc[0]
    assert (edge["left"], edge["right"]) == ("one two three", "four five six")
    wide = kwic(sentences, "kind", window=50, event="lima-2031", speaker="Ana Berg").iloc[0]
    assert (wide["left"], wide["right"]) == ("one two three", "four five six")
    start = kwic(sentences, "kind", window=2, speaker="Ana Berg", event="oslo-2030").iloc[2]
    assert (start["left"], start["right"]) == ("", "of. KIND")  # the turn's first word: nothing to the left
    # never into the next turn: the journalist's "Kindness" is not the right context of turn 0
    last = kwic(sentences, "new", window=5).iloc[0]
    assert last["right"] == ""


def test_window_zero_and_bad_windows(sentences):
    line = kwic(sentences, "deal", window=0).iloc[0]
    assert (line["left"], line["right"]) == ("", "")
    for bad in (-1, 2.5, True, "3"):
        with pytest.raises(ValueError, match="window"):
            kwic(sentences, "deal", window=bad)


def test_sorting_by_the_left_and_right_context(sentences):
    left = kwic(sentences, "kind", window=2, sort="left")
    # nearest word first: "" (the turn's first word), then "is" (before it "it", then "man"), "of", "the", ...
    assert list(left["left"]) == ["", "It is", "man is", "Kind of.", "that the", "two three", "What"]
    right = kwic(sentences, "kind", window=2, sort="right")
    # five lines start with "of": the next word orders them (course, deal, kind, new, yes), not corpus order
    assert list(right["right"]) == ["answer", "four five", ", of course", "of deal", "of. KIND", "of new", "OF, yes"]


def test_sort_ties_keep_corpus_order(sentences):
    lines = kwic(sentences, "very", window=0, sort="left")
    assert list(lines["position"]) == [0, 1, 2]


def test_overlapping_matches_all_count(sentences):
    assert list(kwic(sentences, "very very", window=0)["position"]) == [0, 1]


def test_filters_by_speaker_and_event(sentences):
    assert set(kwic(sentences, "kind", speaker="Ana Berg")["speaker"]) == {"Ana Berg"}
    assert len(kwic(sentences, "kind", speaker="Ana Berg")) == 5
    assert len(kwic(sentences, "kind", speaker=["Ana Berg", "Journalist"], event="oslo-2030")) == 5
    assert set(kwic(sentences, "kind", event=["lima-2031"])["speaker"]) == {"Ben Ruiz", "Ana Berg"}
    with pytest.raises(ValueError, match="speaker 'Berg' is not in the table"):
        kwic(sentences, "kind", speaker="Berg")
    with pytest.raises(ValueError, match="event 'oslo' is not in the table"):
        kwic(sentences, "kind", event="oslo")


def test_no_match_gives_an_empty_table_with_the_columns(sentences):
    for lines in (kwic(sentences, "ceasefire"), kwic(sentences, "kind", event="riga-2032", sort="left")):
        assert lines.empty and list(lines.columns) == COLUMNS


def test_turns_table_is_read_whole(sentences):
    turns = (sentences.groupby(["doc_id", "event", "turn", "speaker"], sort=False)["text"].agg("\n".join)
             .reset_index())
    lines = kwic(turns, "kind", window=2)
    assert lines["sentence"].isna().all()
    assert list(lines["position"]) == list(kwic(sentences, "kind", window=2)["position"])
    assert kwic(turns, "deal", window=3)["right"].iloc[0] == "is it? It"  # line breaks read as spaces
    assert len(kwic(turns, "of kind", window=0)) == 1  # without sentences, a phrase may cross a sentence end


def test_a_table_without_text_is_refused(sentences):
    with pytest.raises(ValueError, match="no column text"):
        kwic(sentences.drop(columns=["text"]), "kind")


def test_unknown_sort_is_refused(sentences):
    with pytest.raises(ValueError, match="sort must be one of corpus, left, right"):
        kwic(sentences, "kind", sort="middle")


def test_parse_pattern():
    assert parse_pattern(" Kind of ") == (("kind", "of"), False)
    assert parse_pattern("cyber*") == (("cyber",), True)
    assert parse_pattern("U.S.") == (("u.s",), False)


def test_neighbours(sentences):
    lines = kwic(sentences, "kind", window=2)
    left = neighbours(lines, "left")
    assert list(zip(left["word"], left["lines"])) == [("is", 2), ("", 1), ("of", 1), ("the", 1), ("three", 1),
                                                      ("what", 1)]
    right = neighbours(lines, "right")
    assert right.iloc[0].tolist() == ["of", 5, 5 / 7]
    with pytest.raises(ValueError):
        neighbours(lines, "middle")


def test_on_the_corpus_it_finds_every_use_keyness_counts(corpus):
    """The keyness tables' words, found here as often as keyness counts them (the 40 most frequent words and
    every word with an apostrophe, hyphen or full stop inside, where the word rule matters most), except that a
    word spelt with either apostrophe is found with both, where keyness counts the two spellings apart."""
    counts = topics.word_counts(corpus.sentences)
    both = Counter()
    for word, n in counts.items():
        both[word.replace("’", "'")] += n
    joined = [w for w in counts if any(c in w for c in "'’-.")]
    for word in [w for w, _ in counts.most_common(40)] + joined:
        assert len(kwic(corpus.sentences, word, window=0)) == both[word.replace("’", "'")], word


def test_on_the_corpus_turns_and_sentences_give_the_same_lines(corpus):
    by_sentence = kwic(corpus.sentences, "security", window=3)
    by_turn = kwic(corpus.turns, "security", window=3)
    assert list(by_sentence["position"]) == list(by_turn["position"])
    assert list(by_sentence["left"]) == list(by_turn["left"]) and list(by_sentence["right"]) == list(by_turn["right"])


def test_as_text_aligns_the_matches_and_cuts_long_contexts(sentences):
    lines = kwic(sentences, "kind", window=5)
    text = as_text(lines, width=12).split("\n")
    assert len(text) == len(lines)
    assert [line[14:14 + len(match)] for line, match in zip(text, lines["match"])] == list(lines["match"])
    assert text[:3] == ["        What  kind  of deal is…", "…s it? It is  kind  of new", "…Is that the  kind  answer"]
    assert as_text(lines.iloc[:0]) == ""


def test_the_apostrophes_are_one_character_in_matching_but_kept_in_the_text():
    texts = ["I don’t know.", "You don't say.", "They donʼt care.", "We DON’T.", "Dont ask.", "Don‘t go."]
    table = pd.DataFrame({"doc_id": "d", "event": "e", "turn": range(len(texts)), "sentence": 0, "speaker": "s",
                          "text": texts})
    for pattern in ("don't", "don’t", "donʼt", "don‘t", "DON'T"):
        lines = kwic(table, pattern, window=1)
        # by the word rule ‘ between letters is a quotation mark, not an apostrophe: "Don‘t" is two words there
        assert list(lines["match"]) == ["don’t", "don't", "donʼt", "DON’T"], pattern
        assert list(lines["left"]) == ["I", "You", "They", "We"] and list(lines["right"]) == ["know", "say", "care", ""]
    assert list(kwic(table, "don't*", window=0)["match"]) == ["don’t", "don't", "donʼt", "DON’T"]
    assert topics.word_counts(table)["don't"] == 1  # keyness keeps its own rule: the spellings are counted apart


def test_commonest_neighbour_says_which_word_and_how_often(sentences):
    from analysis.concordance import commonest_neighbour

    lines = kwic(sentences, "kind", window=2)
    assert commonest_neighbour(lines, "right") == "the word after it is most often “of” (5 of 7)"
    assert commonest_neighbour(lines, "left") == "the word before it is most often “is” (2 of 7)"
    assert commonest_neighbour(lines.head(1), "left") == "no word before it occurs twice"


def test_topics_of_counts_the_topics_of_the_sentences_the_lines_are_in(sentences):
    from analysis.concordance import topics_of

    lines = kwic(sentences, "kind", window=2)
    assigned = sentences.assign(topic=["a" if i % 2 else "b" for i in range(len(sentences))])
    labels = {"a": "Alpha", "b": "Beta"}
    expected = lines.merge(assigned, on=["doc_id", "turn", "sentence"])["topic"].value_counts()
    text = topics_of(lines, assigned, labels)
    assert text.split("; ")[0] == f"{labels[expected.index[0]]} ({expected.iloc[0]})" or expected.iloc[0] == expected.iloc[-1]
    assert sum(int(part.rsplit("(", 1)[1].rstrip(")")) for part in text.split("; ")) == len(lines)
