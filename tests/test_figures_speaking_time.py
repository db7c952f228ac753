"""The figures of 02_speaking_time, drawn from the seed corpus and from the corpus with a third event.

The tables are computed with the package as the notebook computes them. Each run writes into a temporary folder,
never into figures/. Writing at all proves the print standard was met (``publish`` refuses a figure that misses
it); the tests then read the files back: the CSV holds what is drawn, the caption is clean.
"""

import re

import pandas as pd
import pytest

import helpers
from analysis import speaking_time as st
from analysis.figures import encoding, style
from analysis.figures import speaking_time as figures
from analysis.files import read_csv

THIRD_EVENT, THIRD_LABEL = "reykjavik-2023", "Reykjavik 2023"


@pytest.fixture(params=["corpus", "third_event_corpus"])
def any_corpus(request):
    return request.getfixturevalue(request.param)




def assert_caption_is_clean(caption, corpus):
    ids = [*corpus.events["event"], *corpus.documents["doc_id"]]
    assert not [i for i in ids if i.casefold() in caption.casefold()], caption
    assert "{" not in caption and "None" not in caption and not re.search(r"\bnan\b", caption), caption
    assert re.match(r"\*\*Figure: [^*]+\.\*\* \S", caption), caption


def drawn(folder, name):
    return " ".join(helpers.drawn_text(folder / f"{name}.svg"))








# --- role shares ----------------------------------------------------------------------------------------

def role_intervals(corpus):
    shares = pd.concat([st.bootstrap_shares(corpus.sentences, group="role").assign(unit="sentences"),
                        st.bootstrap_shares(corpus.turns, group="role").assign(unit="design")], ignore_index=True)
    return st.intervals_by_unit(shares, corpus.events, corpus.roles)


def test_role_shares_are_written_with_one_csv_row_per_marker(any_corpus, tmp_path):
    intervals = role_intervals(any_corpus)
    published = figures.role_shares(intervals, encoding.setup(any_corpus), figures_dir=tmp_path)
    names = helpers.parts_of(published, "speaking_share_by_role")
    helpers.assert_figures_written(published, tmp_path, figures.NOTEBOOK)
    table = helpers.read_parts(tmp_path, names)  # a row per marker, over all parts
    assert list(zip(table["event"], table["role"])) == list(zip(intervals["event"], intervals["role"]))
    none = table["low_design"].isna() & table["high_design"].isna()
    assert (none | ((table["low_design"] <= table["share"]) & (table["share"] <= table["high_design"]))).all()
    for figure in published:
        assert_caption_is_clean(figure.caption, any_corpus)
        assert f"seed {st.BOOTSTRAP_SEED}, {st.BOOTSTRAP_SAMPLES:,}\nresamples" in figure.caption


def test_role_shares_of_the_third_event_are_drawn(third_event_corpus, tmp_path):
    published = figures.role_shares(role_intervals(third_event_corpus), encoding.setup(third_event_corpus),
                                    figures_dir=tmp_path)
    names = helpers.parts_of(published, "speaking_share_by_role")
    i, table = helpers.part_holding(tmp_path, names, THIRD_EVENT)
    assert set(table.loc[table["event"] == THIRD_EVENT, "role"]) == {"head_of_government", "journalist", "moderator"}
    text = drawn(tmp_path, names[i])  # drawn in the part whose CSV holds it
    assert THIRD_LABEL in text and "Moderator" in text
    j, _ = helpers.part_holding(tmp_path, names, "anchorage-2025")
    assert "Anchorage 2025" in published[j].caption  # the one event where a single role speaks


def test_the_role_shares_caption_gives_the_seed_and_resamples_it_is_passed(corpus, tmp_path):
    published = figures.role_shares(role_intervals(corpus), encoding.setup(corpus), seed=7, samples=12345,
                                    figures_dir=tmp_path)
    assert "seed 7, 12,345\nresamples" in published[0].caption


# --- timeline -------------------------------------------------------------------------------------------

def test_the_timeline_has_one_csv_row_per_turn_of_every_transcript(any_corpus, tmp_path):
    turn_timeline = st.timeline(any_corpus.turns, any_corpus.speakers)
    published = figures.timeline(turn_timeline, encoding.setup(any_corpus), any_corpus.events, any_corpus.speakers,
                                 figures_dir=tmp_path)
    names = helpers.parts_of(published, "speaking_timeline_by_event")
    helpers.assert_figures_written(published, tmp_path, figures.NOTEBOOK)
    tables = [read_csv(tmp_path / f"{name}.csv") for name in names]
    table = pd.concat(tables, ignore_index=True)  # a row per turn, over all parts
    assert len(table) == len(any_corpus.turns)
    assert table.groupby("doc_id").size().to_dict() == any_corpus.turns.groupby("doc_id").size().to_dict()
    doc_parts = [doc for t in tables for doc in t["doc_id"].unique()]
    assert len(doc_parts) == len(set(doc_parts))  # a transcript's timeline whole, in one part
    for figure in published:
        assert_caption_is_clean(figure.caption, any_corpus)
    texts = [drawn(tmp_path, name) for name in names]
    for event, label in encoding.setup(any_corpus).event_labels.items():
        holding = [text for t, text in zip(tables, texts) if event in set(t["event"])]
        assert holding and all(label in text for text in holding), event


def test_the_timeline_of_the_third_event_names_its_translated_speaker(third_event_corpus, tmp_path):
    published = figures.timeline(st.timeline(third_event_corpus.turns, third_event_corpus.speakers),
                                 encoding.setup(third_event_corpus), third_event_corpus.events,
                                 third_event_corpus.speakers, figures_dir=tmp_path)
    names = helpers.parts_of(published, "speaking_timeline_by_event")
    i, _ = helpers.part_holding(tmp_path, names, THIRD_EVENT)
    assert THIRD_LABEL in drawn(tmp_path, names[i])
    assert "Lind (German)" in published[i].caption


# --- answer lengths -------------------------------------------------------------------------------------

def answers_of(corpus):
    exchange_table = st.exchanges(corpus.turns)
    return st.answers_with_outlets(st.answer_words_by_speaker(corpus.turns, exchange_table), exchange_table)


def answer_lengths(corpus, folder, look=None, answers=None):
    corpus_look = encoding.setup(corpus)  # the style, always
    return figures.answer_lengths(answers_of(corpus) if answers is None else answers, look or corpus_look,
                                  st.origin_order(corpus.outlets), corpus.speakers, figures_dir=folder)


def expected_answer_figures(answers):
    """(figure name, doc_id, exchanges) of each answer-length figure: one per question-and-answer transcript, named
    after its event (with the transcript's number when its event has several), in parts of MAX_QUESTIONS."""
    docs_of = answers.drop_duplicates("doc_id").groupby("event", sort=False)["doc_id"].agg(list)
    expected = []
    for doc_id, rows in answers.groupby("doc_id", sort=False):
        event = rows["event"].iloc[0]
        name = f"speaking_answer_length_by_question_{event.replace('-', '_')}"
        if len(docs_of[event]) > 1:
            name += f"_transcript{docs_of[event].index(doc_id) + 1}"
        numbers = list(dict.fromkeys(rows["exchange"]))
        chunks = [numbers[i:i + figures.MAX_QUESTIONS] for i in range(0, len(numbers), figures.MAX_QUESTIONS)]
        expected += [(style.part_name(name, part, len(chunks)), doc_id, chunk)
                     for part, chunk in enumerate(chunks, start=1)]
    return expected


def test_answer_lengths_are_one_figure_per_question_and_answer_transcript(any_corpus, tmp_path):
    answers = answers_of(any_corpus)
    published = answer_lengths(any_corpus, tmp_path, answers=answers)
    expected = expected_answer_figures(answers)
    assert [p.name for p in published] == [name for name, _, _ in expected]
    helpers.assert_figures_written(published, tmp_path, figures.NOTEBOOK)
    for figure, (_, doc_id, exchanges) in zip(published, expected):
        table = read_csv(tmp_path / f"{figure.name}.csv")
        assert list(table.columns) == ["event", "exchange", "outlet", "outlet_origin", "speaker", "answer_words"]
        rows = answers[(answers["doc_id"] == doc_id) & answers["exchange"].isin(exchanges)]
        assert set(table["event"]) == set(rows["event"])
        assert len(table) == len(rows)  # a row per answering speaker and question
        assert_caption_is_clean(figure.caption, any_corpus)


def test_the_answer_lengths_of_the_third_event_are_drawn(third_event_corpus, tmp_path):
    published = answer_lengths(third_event_corpus, tmp_path)
    name = "speaking_answer_length_by_question_reykjavik_2023"
    table = read_csv(tmp_path / f"{name}.csv")
    assert table[["outlet", "speaker", "answer_words"]].values.tolist() == [["Nordic Ledger", "Ilse Varga", 21],
                                                                            ["Radio North", "Tomas Lind", 17]]
    text = drawn(tmp_path, name)
    assert f"{THIRD_LABEL}: answer length per question" in text and "1. Nordic Ledger" in text
    caption = next(p.caption for p in published if p.name == name)
    assert "The 2 exchanges shown" in caption and "Lind (German)" in caption


def test_an_event_with_two_question_and_answer_transcripts_gets_one_figure_per_transcript(third_event_corpus,
                                                                                         tmp_path):
    """Exchanges are numbered within a transcript: drawn per event, the two transcripts' first questions would
    stack into one bar."""
    corpus = third_event_corpus
    copy = "reykjavik2023_transcript_copy"
    turns = pd.concat([corpus.turns, corpus.turns[corpus.turns["event"] == THIRD_EVENT].assign(doc_id=copy)],
                      ignore_index=True)
    documents = pd.concat([corpus.documents, corpus.documents[corpus.documents["doc_id"] == "reykjavik2023_transcript"]
                           .assign(doc_id=copy)], ignore_index=True)
    look = encoding.look_for(corpus.events, corpus.speakers, corpus.roles, documents, turns)
    exchange_table = st.exchanges(turns)
    answers = st.answers_with_outlets(st.answer_words_by_speaker(turns, exchange_table), exchange_table)
    published = answer_lengths(corpus, tmp_path, look=look, answers=answers)
    names = [p.name for p in published]
    assert names[-2:] == [f"speaking_answer_length_by_question_reykjavik_2023_transcript{i}" for i in (1, 2)]
    assert any(n.startswith("speaking_answer_length_by_question_geneva_2021") for n in names)
    for name in names[-2:]:
        assert read_csv(tmp_path / f"{name}.csv")["answer_words"].tolist() == [21, 17]  # not summed over both
    titles = [drawn(tmp_path, name) for name in names[-2:]]
    assert "Reykjavik 2023 · Test Publisher transcript 1" in titles[0]
    assert "Reykjavik 2023 · Test Publisher transcript 2" in titles[1]
    for figure in published:
        assert copy not in figure.caption
        assert_caption_is_clean(figure.caption, corpus)


def test_more_questions_than_fit_a_column_are_drawn_in_parts(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "MAX_QUESTIONS", 10)
    answers = answers_of(corpus)
    questions = answers.groupby("doc_id", sort=False)["exchange"].nunique()  # per question-and-answer transcript
    event_of = answers.drop_duplicates("doc_id").set_index("doc_id")["event"]
    transcripts_of = event_of.groupby(event_of, sort=False).apply(lambda docs: list(docs.index))
    expected = []  # (name, part, parts): a transcript of more than 10 questions in parts of 10, else whole
    for doc_id, n in questions.items():
        event = event_of[doc_id]
        name = f"speaking_answer_length_by_question_{event.replace('-', '_')}"
        if len(transcripts_of[event]) > 1:
            name += f"_transcript{transcripts_of[event].index(doc_id) + 1}"
        parts = -(-n // 10)
        expected += [(name if parts == 1 else f"{name}_part{i}", i, parts) for i in range(1, parts + 1)]
    published = answer_lengths(corpus, tmp_path, answers=answers)
    assert len(expected) > len(questions) and [p.name for p in published] == [name for name, _, _ in expected]
    helpers.assert_figures_written(published, tmp_path, figures.NOTEBOOK)
    for figure, (_, part, parts) in zip(published, expected):
        assert (f", part {part} of {parts}.**" in figure.caption) == (parts > 1), figure.caption
        assert len(read_csv(tmp_path / f"{figure.name}.csv")["exchange"].unique()) <= 10


# --- minutes --------------------------------------------------------------------------------------------

def minutes_check(corpus, folder):
    """The steps of the notebook's section 5, then the figure."""
    events, published = corpus.events, st.published_minutes(corpus.events, corpus.durations)
    check_default = st.check_estimates(st.estimate_minutes(corpus.turns, corpus.speakers, events), published)
    calibration = st.calibrate_rates(corpus.turns, corpus.speakers, corpus.durations)
    rates = st.rates_by_language(calibration)
    implied = st.implied_seconds_per_change(st.estimate_minutes(corpus.turns, corpus.speakers, events, rates=rates),
                                            published)
    allowance = st.consistent_seconds_per_change(implied)
    final_check = st.check_estimates(st.estimate_minutes(corpus.turns, corpus.speakers, events, rates=rates,
                                                         seconds_per_change=allowance["middle"]), published)
    out_of_sample = st.leave_one_event_out(corpus.turns, corpus.speakers, events, corpus.durations)
    compared = st.minutes_compared(check_default, out_of_sample, final_check)
    return compared, published, figures.minutes_check(
        compared, encoding.setup(corpus), calibration=calibration, rates=rates, implied=implied, allowance=allowance,
        figures_dir=folder)


def test_the_minutes_check_has_one_csv_row_per_published_range(any_corpus, tmp_path):
    compared, published_ranges, published = minutes_check(any_corpus, tmp_path)
    assert [p.name for p in published] == ["speaking_estimated_vs_published_minutes"]
    helpers.assert_figures_written(published, tmp_path, figures.NOTEBOOK)
    table = read_csv(tmp_path / "speaking_estimated_vs_published_minutes.csv")
    estimates = [f"{name}_{what}" for name in st.ESTIMATES for what in ("minutes", "outside_minutes", "outside_percent")]
    assert list(table.columns) == ["event", "speaker", "published_low", "published_high", *estimates,
                                   "why_no_out_of_sample"]
    assert sorted(zip(table["event"], table["speaker"])) == sorted(zip(published_ranges["event"],
                                                                       published_ranges["speaker"]))
    assert THIRD_EVENT not in set(table["event"])  # no published minutes: nothing to check it against
    assert table[["default_minutes", "fitted_minutes"]].notna().all().all()
    # an out-of-sample estimate exactly where no reason for none is given
    assert (table["out_of_sample_minutes"].isna() == table["why_no_out_of_sample"].fillna("").ne("")).all()
    caption = published[0].caption
    assert_caption_is_clean(caption, any_corpus)
    assert f"default\n{st.DEFAULT_WPM:.0f} words a minute" in caption


def test_the_minutes_caption_states_the_measured_distances_and_no_tolerance(corpus, tmp_path):
    """Finding 5: the caption said '4 of 4 within ±10 %' of ranges that all four out-of-sample estimates miss."""
    compared, _, published = minutes_check(corpus, tmp_path)
    caption = " ".join(published[0].caption.split())
    assert "±" not in caption and "within" not in caption
    default_inside = int((compared["default_outside_minutes"] == 0).sum())
    assert f"{default_inside} of {len(compared)} inside the published range" in caption
    made = compared[compared["out_of_sample_minutes"].notna()]
    assert f"{len(made)} of {len(compared)} published ranges get one" in caption
    for _, row in compared[compared["default_outside_minutes"] != 0].iterrows():
        assert figures.signed(row["default_outside_minutes"], "min", 2) in caption
    for reason in compared.loc[compared["out_of_sample_minutes"].isna(), "why_no_out_of_sample"]:
        assert f"({reason})" in caption


def test_the_figures_name_their_notebook():
    assert figures.NOTEBOOK == "02_speaking_time"
