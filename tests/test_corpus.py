"""The loader on the real corpus: expectations read off the raw files by eye, not off the code."""

import re

from analysis import count_words
from analysis.text import normalise_text

ANCHORAGE = "anchorage2025_kremlin_transcript"
GENEVA = "geneva2021_kremlin_transcript"


def turns_of(corpus, doc_id):
    return corpus.turns[corpus.turns["doc_id"] == doc_id].reset_index(drop=True)


def test_documents_are_the_manifest_joined_with_events(corpus):
    docs = corpus.documents.set_index("doc_id")
    seeds = {ANCHORAGE, GENEVA, "anchorage2025_news_report_a", "anchorage2025_news_report_b", "anchorage2025_shafaq_news"}
    assert seeds <= set(docs.index)  # a student's added documents may come on top
    assert set(docs.loc[list(seeds), "kind"]) == {"transcript", "news"}
    assert docs.loc[GENEVA, "city"] == "Geneva" and docs.loc[GENEVA, "date"] == "2021-06-16"
    assert docs.loc[ANCHORAGE, "format"] == "joint statements, no questions"
    assert (docs.loc[list(seeds - {ANCHORAGE, GENEVA}), "n_words"] > 300).all()  # news loads and counts too


def test_anchorage_turns_follow_the_statement_order(corpus):
    turns = turns_of(corpus, ANCHORAGE)
    assert list(turns["speaker"]) == ["Vladimir Putin", "Donald Trump", "Vladimir Putin", "Donald Trump",
                                      "Vladimir Putin"]
    assert turns.loc[0, "text"].startswith("Mr President, ladies and gentlemen, We held our talks")
    assert turns.loc[0, "text"].endswith("Thank you for the attention.")
    # the garbled speaker card starts Trump's statement and is not part of it
    assert turns.loc[1, "label"] == "(speaker card)"
    assert turns.loc[1, "text"].startswith("Thank you very much, Mr President. That was very profound")
    # labels broken across lines ("Vladimir\nPutin:")
    assert turns.loc[2, "text"] == "Next time in Moscow."
    assert turns.loc[4, "text"] == "Thank you so much."
    assert "President of Russia" not in turns.loc[0, "text"]


def test_geneva_has_every_labelled_turn(corpus):
    turns = turns_of(corpus, GENEVA)
    assert len(turns) == 49  # 25 Putin labels, 19 "Question:", 5 "Remark:" (grep of the raw file)
    assert (turns["speaker"] == "Vladimir Putin").sum() == 25
    assert list(turns["label"]).count("Question") == 19 and list(turns["label"]).count("Remark") == 5
    assert (turns.loc[turns["label"].isin(["Question", "Remark"]), "role"] == "journalist").all()
    assert turns.loc[0, "text"].startswith("Friends, ladies and gentlemen,")
    assert turns.iloc[-1]["text"].endswith("Thank you for your attention. All the best!")
    assert "Share this article" not in turns.iloc[-1]["text"]


def test_journalists_are_named_with_their_outlet_when_they_introduce_themselves(corpus):
    turns = turns_of(corpus, GENEVA)
    introduced = turns[turns["journalist_source"] == "introduction"]
    assert list(zip(introduced["journalist"], introduced["outlet"])) == [
        ("Matthew Chance", "CNN"), ("Pavel Zarubin", "VGTRK"), ("Murad Gazdiev", "RT"),
        ("Dmitry Laru", "Izvestia"), ("Mikhail Antonov", "Rossiya-1"),
        ("Ann Simmons", "The Wall Street Journal"), ("Andrei Kolesnikov", "Kommersant"),
        ("Pavel Remnev", "Zvezda"), ("Galina Polonskaya", "Euronews"),
        ("Ivan Blagoi", "Channel One"), ("Alexander Gamov", "Komsomolskaya Pravda"),
        ("Steve Rosenberg", "BBC News"), ("Ilya Arkhipov", "Bloomberg News"),
        ("Tamara Alteresco", "Radio Canada"),
    ]
    # Chance's follow-up "Remark:" is his; the question opening "Good afternoon, Mr President." names nobody
    follow_up = turns[turns["text"].str.startswith("That’s correct and thank you very much")].iloc[0]
    assert (follow_up["journalist"], follow_up["journalist_source"]) == ("Matthew Chance", "earlier turn")
    anonymous = turns[turns["text"].str.startswith("Good afternoon, Mr President.")].iloc[0]
    assert anonymous["journalist"] == "" and anonymous["outlet"] == ""


def test_turn_offsets_point_into_the_raw_text(corpus):
    exclusions = corpus.exclusions
    editorial = {d: list(exclusions.loc[(exclusions["doc_id"] == d) & (exclusions["kind"] == "editorial"), "text"])
                 for d in (ANCHORAGE, GENEVA)}
    assert all(editorial.values())  # both transcripts have editors' insertions in square brackets
    for doc_id in (ANCHORAGE, GENEVA):
        raw = corpus.raw_text(doc_id)
        for turn in turns_of(corpus, doc_id).itertuples():
            piece = raw[turn.start_char:turn.end_char]
            assert piece == piece.strip() and piece
            for inserted in editorial[doc_id]:  # an insertion inside a line reads as a single space
                piece = piece.replace(inserted, " ")
            if doc_id == ANCHORAGE or turn.turn < 48:  # the last Geneva turn has the site footer inside
                assert normalise_text(piece) == turn.text
            assert raw[turn.label_end:turn.start_char].strip() == ""


def test_one_word_count_everywhere(corpus):
    per_turn = corpus.sentences.groupby(["doc_id", "turn"])["n_words"].sum()
    turns = corpus.turns.set_index(["doc_id", "turn"])["n_words"]
    assert per_turn.equals(turns.loc[per_turn.index])
    assert (corpus.turns["n_words"] == corpus.turns["text"].map(count_words)).all()


def test_turn_words_match_an_independent_count_of_the_raw_file(corpus):
    """Count the raw file's words, minus the listed exclusions, minus the label words."""
    raw = corpus.raw_text(ANCHORAGE)
    for snippet in corpus.exclusions.loc[corpus.exclusions["doc_id"] == ANCHORAGE, "text"]:
        raw = raw.replace(snippet, " ")
    label_words = len(re.findall(r"^(?:Vladimir\s+Putin|Donald Trump):", raw, flags=re.M)) * 2
    assert label_words == 8
    assert turns_of(corpus, ANCHORAGE)["n_words"].sum() == count_words(raw) - label_words


def test_sentences_are_numbered_in_order(corpus):
    sentences = corpus.sentences
    for _, doc in sentences.groupby("doc_id"):
        assert list(doc["position"]) == list(range(len(doc)))
    assert not sentences["text"].str.strip().eq("").any()
    first = sentences[sentences["doc_id"] == ANCHORAGE].iloc[0]
    assert first["text"].startswith("Mr President, ladies and gentlemen")


def test_select_is_a_view_over_one_corpus(corpus):
    putin = corpus.select("turns", speaker="Vladimir Putin", doc_id=[ANCHORAGE, GENEVA])
    assert set(putin["doc_id"]) == {ANCHORAGE, GENEVA}
    assert len(putin) == 28
    journalists = corpus.select("sentences", role="journalist", doc_id=[ANCHORAGE, GENEVA])
    assert journalists["doc_id"].unique().tolist() == [GENEVA]


def test_covering_answers_as_inside_for_every_position():
    import random

    from analysis.segments import Exclusion, covering, inside

    rng = random.Random(3)
    for _ in range(300):
        intervals = [Exclusion(a, a + rng.randint(0, 8), "x", "", 0) for a in
                     (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        covered = covering(intervals)
        assert [covered(p) for p in range(-2, 52)] == [inside(p, intervals) for p in range(-2, 52)]
