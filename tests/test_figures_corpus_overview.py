"""The figure of 01_corpus_overview, drawn from the seed corpus and from the corpus with a third event.

Each run writes into a temporary folder, never into figures/. Writing at all proves the print standard was met
(``publish`` refuses a figure that misses it); the tests then read the files back.
"""

import re

import pytest

import helpers
from analysis import overview
from analysis.figures import corpus_overview, encoding
from analysis.files import read_csv

THIRD_EVENT, THIRD_LABEL = "reykjavik-2023", "Reykjavik 2023"


@pytest.fixture(params=["corpus", "third_event_corpus"])
def any_corpus(request):
    return request.getfixturevalue(request.param)


def draw(corpus, folder):
    summary = overview.speakers_summary(corpus)
    return summary, corpus_overview.words_per_speaker(summary, encoding.setup(corpus), corpus.speakers,
                                                      figures_dir=folder)








def drawn_in(folder, names):
    return [" ".join(helpers.drawn_text(folder / f"{name}.svg")) for name in names]


def assert_caption_is_clean(caption, corpus):
    ids = [*corpus.events["event"], *corpus.documents["doc_id"]]
    assert not [i for i in ids if i.casefold() in caption.casefold()], caption
    assert "{" not in caption and "None" not in caption and not re.search(r"\bnan\b", caption), caption
    assert re.match(r"\*\*Figure: [^*]+\.\*\* \S", caption), caption


def test_words_per_speaker_is_written_with_one_csv_row_per_bar(any_corpus, tmp_path):
    summary, published = draw(any_corpus, tmp_path)
    names = helpers.parts_of(published, "corpus_words_per_speaker_by_event")
    helpers.assert_figures_written(published, tmp_path, corpus_overview.NOTEBOOK)
    for name in names:
        assert list(read_csv(tmp_path / f"{name}.csv").columns) == ["event", "speaker", "words", "share_of_words",
                                                                    "turns"]
    table = helpers.read_parts(tmp_path, names)  # a row per bar, over all parts
    assert list(zip(table["event"], table["speaker"])) == list(zip(summary["event"], summary["speaker"]))
    assert table["words"].tolist() == summary["words"].tolist()
    for figure in published:
        assert_caption_is_clean(figure.caption, any_corpus)


def test_the_third_event_is_drawn_and_described(third_event_corpus, tmp_path):
    _, published = draw(third_event_corpus, tmp_path)
    names = helpers.parts_of(published, "corpus_words_per_speaker_by_event")
    tables = [read_csv(tmp_path / f"{name}.csv") for name in names]
    holding = [i for i, table in enumerate(tables) if THIRD_EVENT in set(table["event"])]
    assert len(holding) == 1  # drawn whole, in one part
    [i] = holding
    table = tables[i]
    assert set(table.loc[table["event"] == THIRD_EVENT, "speaker"]) == {"Kari Holm", "Ilse Varga", "Tomas Lind",
                                                                         "Journalist"}
    drawn = drawn_in(tmp_path, names)
    assert f"{THIRD_LABEL} · Lind" in drawn[i]  # in the part whose CSV holds it
    assert "Geneva 2021 · Putin" in " ".join(drawn)
    caption = published[i].caption
    assert f"{THIRD_LABEL}: joint press availability, two questions" in caption  # its format, from events.csv
    assert "Lind (German)" in caption  # his words are those of a translation


def test_a_corpus_too_big_for_one_column_is_drawn_in_parts_of_whole_events(third_event_corpus, tmp_path,
                                                                           monkeypatch):
    sizes = overview.speakers_summary(third_event_corpus).groupby("event", sort=False).size()
    limit = max(4, sizes.max())  # every event fits a part whole; the corpus, with two or more events, does not
    assert sizes.sum() > limit
    monkeypatch.setattr(corpus_overview, "MAX_ROWS", limit)
    summary, published = draw(third_event_corpus, tmp_path)
    expected = [[]]  # whole events, in order, as many to a part as fit
    for event, size in sizes.items():
        if sum(sizes[e] for e in expected[-1]) + size > limit:
            expected.append([])
        expected[-1].append(event)
    names = [p.name for p in published]
    assert len(expected) > 1 and names == [f"corpus_words_per_speaker_by_event_part{i}"
                                           for i in range(1, len(expected) + 1)]
    helpers.assert_figures_written(published, tmp_path, corpus_overview.NOTEBOOK)
    parts = [read_csv(tmp_path / f"{name}.csv") for name in names]
    assert all(len(p) <= limit for p in parts)
    assert [list(dict.fromkeys(p["event"])) for p in parts] == expected  # each event whole, in exactly one part
    for part in parts:
        assert part.groupby("event", sort=False).size().to_dict() == {e: sizes[e] for e in part["event"].unique()}
    assert sum(len(p) for p in parts) == len(summary)
    assert all(f", part {i} of {len(expected)}.**" in p.caption for i, p in enumerate(published, start=1))
    assert not (tmp_path / "corpus_words_per_speaker_by_event.csv").exists()


def test_the_figures_name_their_notebook():
    assert corpus_overview.NOTEBOOK == "01_corpus_overview"
