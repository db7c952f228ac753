"""Several transcripts per event and comparisons as rows (issue 24): what a second transcript of an event and a
comparison of one role (two speakers, one office) do to the tables, figures, captions and sentences about the
corpus. The second transcript is written for the tests (``conftest.SECOND_TRANSCRIPT``), never a real page."""

import re

import pandas as pd

from analysis import annotation, comparisons, overview, units
from analysis import sentiment, topics
from analysis import speaking_time as st
from analysis.figures import encoding
from analysis.figures import sentiment as sentiment_figures
from analysis.figures import speaking_time as speaking_figures
from analysis.figures import topics as topic_figures

import helpers


def role_comparison(corpus):
    return next(c for c in corpus.comparisons if c.id == "fixture_role")


def test_a_comparison_of_one_role_names_its_two_people_and_what_else_differs(second_transcript_corpus):
    corpus = second_transcript_corpus
    pair = role_comparison(corpus)
    said = comparisons.caveats(pair, corpus.events, corpus.speakers)
    assert said[0].startswith("Two people, not one: Mark Hale at ")
    formats = dict(zip(corpus.events["event"], corpus.events["format"]))
    assert any(s.startswith("The formats differ") for s in said) == (formats[pair.first] != formats[pair.second])
    languages = dict(zip(corpus.speakers["speaker"], corpus.speakers["language"]))
    translated = [s for _, s in pair.sides if languages.get(s) not in ("", "en", None)]
    assert any("Translation on one side only" in s for s in said) == (len(translated) == 1)
    assert comparisons.held_constant(pair, corpus.speakers, corpus.roles).endswith("constant, not the person")
    assert not pair.primary and pair.named("x") == "x_fixture_role"


def test_the_same_speaker_at_two_events_is_not_called_two_people(corpus):
    for pair in (c for c in corpus.comparisons if c.same_speaker):
        assert not any(s.startswith("Two people") for s in comparisons.caveats(pair, corpus.events, corpus.speakers))
        assert comparisons.held_constant(pair, corpus.speakers).startswith(f"holds the speaker ({pair.first_speaker})")


def test_the_figures_of_a_comparison_of_one_role_carry_its_caveats(second_transcript_corpus, tmp_path):
    corpus = second_transcript_corpus
    pair, look = role_comparison(corpus), encoding.setup(corpus)
    annotated = annotation.annotate(corpus).sentences
    scored = annotated
    caveats = comparisons.caveats_text(pair, corpus.events, corpus.speakers, formats=False)
    by_speaker = topics.topic_shares(annotated, ["event", "speaker"], topics.read_codebook().topics)
    shares = topics.comparison_shares(by_speaker, annotated, pair, topics.read_codebook().topics)
    assert set(zip(shares["event"], shares["speaker"])) == set(pair.sides)
    one, two = topics.comparison_keyness(annotated, pair, topics.word_counts(annotated))
    later, earlier = pair.side(scored, pair.second), pair.side(scored, pair.first)
    published = [topic_figures.share_change(shares, pair, look, topics.read_codebook().labels, caveats=caveats,
                                            figures_dir=tmp_path),
                 topic_figures.keyness(one, two, pair, look, ["a.csv", "b.csv"], caveats=caveats, figures_dir=tmp_path),
                 sentiment_figures.word_shift(sentiment.word_shift(later, earlier).assign(masked=False), scored, look,
                                              pair, corpus.speakers, caveats=caveats, figures_dir=tmp_path)]
    assert [p.name for p in published] == ["topics_share_change_comparison_fixture_role",
                                           "topics_keyness_comparison_fixture_role",
                                           "sentiment_word_shift_comparison_fixture_role"]
    for figure in published:
        assert "Two people, not one" in figure.caption and "Hale" in figure.caption, figure.name
        text = " ".join(helpers.drawn_text(tmp_path / f"{figure.name}.svg"))
        assert "Hale" in text, figure.name


def test_the_timeline_names_each_transcript_of_an_event_by_its_leader(second_transcript_corpus, tmp_path):
    corpus = second_transcript_corpus
    look = encoding.setup(corpus)
    first = corpus.events["event"].iloc[0]
    docs = corpus.turns.loc[corpus.turns["event"] == first, "doc_id"].unique()
    labels = {look.transcript(d) for d in docs}
    assert len(docs) >= 2 and len(labels) == len(docs) and all(l.startswith(look.label(first) + " · ") for l in labels)
    assert look.transcript("second_conference") == f"{look.label(first)} · {look.speaker_names['Mark Hale']}"  # a surname, unless shared
    published = speaking_figures.timeline(st.timeline(corpus.turns, corpus.speakers), look, corpus.events,
                                          corpus.speakers, figures_dir=tmp_path)
    drawn = " ".join(t for p in published for t in helpers.drawn_text(tmp_path / f"{p.name}.svg"))
    assert all(part in drawn for label in labels for part in label.split(" · "))  # event, then leaders, a line each


def test_sentences_about_the_corpus_say_what_it_holds(corpus, second_transcript_corpus):
    for holding in (corpus, second_transcript_corpus):
        facts = overview.corpus_facts(holding)
        names = encoding.event_labels(holding.events)
        for event, listed in zip(holding.events["event"], holding.events["participants"]):
            for person in [p.strip() for p in str(listed).split(";") if p.strip()]:
                spoke = ((holding.turns["event"] == event) & (holding.turns["speaker"] == person)).any()
                absent = f"{person} took part in {names[event]} but has no turn"
                assert any(f.startswith(absent) for f in facts) == (not spoke), (person, event)
        several = holding.turns.drop_duplicates("doc_id").groupby("event").size()
        for event, n in several[several > 1].items():
            assert any(f.startswith(f"{names[event]} has {n} transcripts") for f in facts)
    assert any(re.match(r".* has \d transcripts: .*Mark Hale", f) for f in overview.corpus_facts(second_transcript_corpus))


def test_the_sides_table_counts_each_side_in_the_transcripts_it_speaks_in(second_transcript_corpus):
    corpus = second_transcript_corpus
    pair = role_comparison(corpus)
    table = comparisons.sides_table(pair, corpus.turns, corpus.events)
    hale = table[table["speaker"] == "Mark Hale"].iloc[0]
    own = corpus.turns[corpus.turns["doc_id"] == "second_conference"]
    assert hale["turns"] == (own["speaker"] == "Mark Hale").sum()
    assert hale["transcript_words"] == own["n_words"].sum()  # his conference only, not the other transcript's words


def test_an_event_with_many_long_transcripts_keeps_the_timeline_to_the_print_standard(corpus, tmp_path):
    """Eight transcripts of one event, 150 turns each, and long leaders' names: every part is published (so the
    print standard held), each transcript is drawn whole in one part, and each is labelled by its leader."""
    import pandas as pd

    event = corpus.events["event"].iloc[0]
    leaders = [f"Alexandrina Wolkenstein-Hohenberg {i}" for i in range(8)]
    rows = [{"event": event, "doc_id": f"conference_{i}", "turn": t, "speaker": leaders[i] if t % 2 else "Journalist",
             "role": "head_of_state" if t % 2 else "journalist", "n_words": 40 + t % 7}
            for i in range(8) for t in range(150)]
    turns = pd.DataFrame(rows)
    speakers = pd.DataFrame({"speaker": [*leaders, "Journalist"], "role": ["head_of_state"] * 8 + ["journalist"],
                             "country": "", "language": "en", "aliases": ""})
    documents = pd.DataFrame({"doc_id": [f"conference_{i}" for i in range(8)], "event": event, "kind": "transcript",
                              "publisher": "Test Publisher"})
    look = encoding.look_for(corpus.events, speakers, corpus.roles, documents, turns)
    timeline = st.timeline(turns, speakers)
    published = speaking_figures.timeline(timeline, look, corpus.events, speakers, figures_dir=tmp_path)
    helpers.assert_figures_written(published, tmp_path, speaking_figures.NOTEBOOK)
    drawn = [set(pd.read_csv(tmp_path / f"{p.name}.csv")["doc_id"]) for p in published]
    assert sorted(d for part in drawn for d in part) == sorted(documents["doc_id"])  # each transcript in one part
    assert len({look.transcript(d) for d in documents["doc_id"]}) == 8


# --- an event with two news conferences: each speaker's share is of their own conference -----------------------

def test_a_share_of_words_is_of_the_transcripts_the_speaker_speaks_in(corpus, second_transcript_corpus):
    """Adding a second news conference to an event changes no share of the first conference's speakers, gives the
    new speaker a share of their own conference, and keeps every bootstrap point inside its interval."""
    two = second_transcript_corpus
    first = two.events["event"].iloc[0]
    words = two.turns.groupby("doc_id")["n_words"].sum()
    table = st.speaker_table(two.turns, two.events, two.speakers).set_index(["event", "speaker"])
    hale = two.turns[two.turns["speaker"] == "Mark Hale"]
    assert table.loc[(first, "Mark Hale"), "share_of_words"] == hale["n_words"].sum() / words["second_conference"]
    before = st.speaker_table(corpus.turns, corpus.events, corpus.speakers).set_index(["event", "speaker"])
    leader = corpus.turns[(corpus.turns["event"] == first) & (corpus.turns["role"] == "head_of_state")]["speaker"].iloc[0]
    assert table.loc[(first, leader), "share_of_words"] == before.loc[(first, leader), "share_of_words"]
    shares = st.bootstrap_shares(two.turns, group="speaker", samples=300).set_index(["event", "speaker"])
    for (event, speaker), row in shares.iterrows():
        assert (pd.isna(row["low"]) and row["interval_note"] == units.TOO_FEW) or row["low"] <= row["share"] <= row["high"], (event, speaker)
        assert row["share"] == table.loc[(event, speaker), "share_of_words"]
    own = two.turns[two.turns["doc_id"] == "second_conference"]
    assert shares.loc[(first, "Mark Hale"), "turns"] == len(own)  # the turns of his conference, not of the event


def test_the_whole_appearance_of_an_event_is_its_first_transcripts(corpus, second_transcript_corpus):
    """events.csv publishes one length per event, of its first transcript: the whole-appearance estimate and the
    out-of-sample check stay those of the first conference when a second is added."""
    two = second_transcript_corpus
    first = two.events["event"].iloc[0]
    before = st.estimate_minutes(corpus.turns, corpus.speakers, corpus.events).set_index(["event", "speaker"])
    after = st.estimate_minutes(two.turns, two.speakers, two.events).set_index(["event", "speaker"])
    assert after.loc[(first, st.WHOLE), "words"] == before.loc[(first, st.WHOLE), "words"]
    assert after.loc[(first, st.WHOLE), "minutes"] == before.loc[(first, st.WHOLE), "minutes"]
    assert (first, "Mark Hale") in after.index  # the second conference's speakers keep their own rows


def test_the_corpus_overview_and_the_role_figure_say_how_an_event_of_two_conferences_is_counted(
        second_transcript_corpus, tmp_path):
    two = second_transcript_corpus
    first = two.events["event"].iloc[0]
    summary = overview.speakers_summary(two).set_index(["event", "speaker"])
    own = two.turns[two.turns["doc_id"] == "second_conference"]
    assert summary.loc[(first, "Mark Hale"), "share_of_words"] == own.loc[own["speaker"] == "Mark Hale", "n_words"].sum() / own["n_words"].sum()
    look = encoding.setup(two)
    assert look.several_transcripts(two.events["event"]) == [look.label(first)]
    shares = st.intervals_by_unit(
        pd.concat([st.bootstrap_shares(two.sentences, samples=200).assign(unit="sentences"),
                   st.bootstrap_shares(two.turns, samples=200).assign(unit="design")], ignore_index=True),
        two.events, two.roles)
    captions = " ".join(p.caption for p in speaking_figures.role_shares(shares, look, figures_dir=tmp_path))
    assert f"{look.label(first)} has several transcripts" in captions


def test_figures_of_groups_per_event_say_who_is_pooled_over_two_conferences(corpus, second_transcript_corpus, tmp_path):
    for holding in (corpus, second_transcript_corpus):
        pooled = bool(holding.turns.groupby("event")["doc_id"].nunique().max() > 1)  # the corpus may hold two already
        look = encoding.setup(holding)
        scored = annotation.annotate(holding).sentences
        by_speaker = sentiment.aggregate(scored, ["event", "speaker", "role"], samples=200)
        captions = [p.caption for p in sentiment_figures.mean_by_speaker_and_event(by_speaker, look, holding.speakers,
                                                                                   samples=200, figures_dir=tmp_path)]
        assert any("several transcripts (one per news conference)" in c for c in captions) == pooled


def test_an_interjection_before_any_answer_is_a_follow_up_not_an_exchange():
    """White House transcripts label every question 'Q': two questions before an answer are one exchange, so no
    exchange is left with no answer; a journalist who introduces themself still opens their own."""
    def turn(n, group, words, source="", label="Q"):
        return {"doc_id": "d", "event": "e", "turn": n, "role_group": group, "journalist_source": source,
                "label": label, "journalist": "", "outlet": "", "outlet_country": "", "outlet_origin": "",
                "n_words": words}
    turns = pd.DataFrame([turn(0, "principal", 100, label="THE PRESIDENT"), turn(1, "press", 12),
                          turn(2, "press", 3), turn(3, "principal", 80, label="THE PRESIDENT"),
                          turn(4, "press", 9, source="introduction"), turn(5, "press", 7, source="introduction"),
                          turn(6, "principal", 40, label="THE PRESIDENT")])
    table = st.exchanges(turns)
    assert table["first_turn"].tolist() == [1, 4, 5]
    assert table["follow_ups"].tolist() == [1, 0, 0] and table["question_words"].tolist() == [15, 9, 7]
    assert table["answer_words"].tolist() == [80, 0, 40]  # a named journalist cut off still asked their own


def test_captions_say_the_formats_differ_only_when_they_do(corpus, tmp_path):
    """A comparison of two events of one format (the formats made equal here) gets no 'formats differ' sentence."""
    import dataclasses

    pair = corpus.comparison
    look = encoding.setup(corpus)
    same = dataclasses.replace(look, event_formats={e: "joint news conference, questions" for e in look.event_formats})
    annotated = annotation.annotate(corpus).sentences
    codebook = topics.read_codebook()
    by_speaker = topics.topic_shares(annotated, ["event", "speaker"], codebook.topics)
    shares = topics.comparison_shares(by_speaker, annotated, pair, codebook.topics)
    one, two = topics.comparison_keyness(annotated, pair, topics.word_counts(annotated))
    for shown, differ in ((look, True), (same, False)):
        captions = [topic_figures.share_change(shares, pair, shown, codebook.labels, figures_dir=tmp_path).caption,
                    topic_figures.keyness(one, two, pair, shown, ["a.csv", "b.csv"], figures_dir=tmp_path).caption]
        assert ["not the same format" in captions[0], "formats differ" in captions[1]] == [differ, differ]
    assert comparisons.caveats(dataclasses.replace(pair), corpus.events.assign(format="one format"), corpus.speakers,
                               translation=False) == []
