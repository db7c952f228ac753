"""The figure of 01_corpus_overview, drawn from the seed corpus and from the corpus with a third event.

Each run writes into a temporary folder, never into figures/. Writing at all proves the print standard was met
(``publish`` refuses a figure that misses it); the tests then read the files back.
"""

import json
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


def assert_written(published, folder):
    for figure in published:
        for ext in ("png", "svg", "pdf", "csv", "caption.json"):
            assert (folder / f"{figure.name}.{ext}").stat().st_size > 0, f"{figure.name}.{ext}"
        entry = json.loads((folder / f"{figure.name}.caption.json").read_text(encoding="utf-8"))
        assert entry["notebook"] == corpus_overview.NOTEBOOK == "01_corpus_overview"
        assert entry["caption"] == " ".join(figure.caption.split())


def assert_caption_is_clean(caption, corpus):
    ids = [*corpus.events["event"], *corpus.documents["doc_id"]]
    assert not [i for i in ids if i.casefold() in caption.casefold()], caption
    assert "{" not in caption and "None" not in caption and not re.search(r"\bnan\b", caption), caption
    assert re.match(r"\*\*Figure: [^*]+\.\*\* \S", caption), caption


def test_words_per_speaker_is_written_with_one_csv_row_per_bar(any_corpus, tmp_path):
    summary, published = draw(any_corpus, tmp_path)
    assert [p.name for p in published] == ["corpus_words_per_speaker_by_event"]
    assert_written(published, tmp_path)
    table = read_csv(tmp_path / "corpus_words_per_speaker_by_event.csv")
    assert list(table.columns) == ["event", "speaker", "words", "share_of_words", "turns"]
    assert list(zip(table["event"], table["speaker"])) == list(zip(summary["event"], summary["speaker"]))
    assert table["words"].tolist() == summary["words"].tolist()
    assert_caption_is_clean(published[0].caption, any_corpus)


def test_the_third_event_is_drawn_and_described(third_event_corpus, tmp_path):
    _, published = draw(third_event_corpus, tmp_path)
    table = read_csv(tmp_path / "corpus_words_per_speaker_by_event.csv")
    assert set(table.loc[table["event"] == THIRD_EVENT, "speaker"]) == {"Kari Holm", "Ilse Varga", "Tomas Lind",
                                                                         "Journalist"}
    drawn = " ".join(helpers.drawn_text(tmp_path / "corpus_words_per_speaker_by_event.svg"))
    assert f"{THIRD_LABEL} · Lind" in drawn and "Geneva 2021 · Putin" in drawn
    caption = published[0].caption
    assert f"{THIRD_LABEL}: joint press availability, two questions" in caption  # its format, from events.csv
    assert "Lind (German)" in caption  # his words are those of a translation


def test_a_corpus_too_big_for_one_column_is_drawn_in_parts_of_whole_events(third_event_corpus, tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(corpus_overview, "MAX_ROWS", 4)
    summary, published = draw(third_event_corpus, tmp_path)
    names = [p.name for p in published]
    assert names == [f"corpus_words_per_speaker_by_event_part{i}" for i in (1, 2, 3)]
    assert_written(published, tmp_path)
    parts = [read_csv(tmp_path / f"{name}.csv") for name in names]
    assert [p["event"].nunique() for p in parts] == [1, 1, 1]  # each event whole, in its own part
    assert sum(len(p) for p in parts) == len(summary)
    assert all(f", part {i} of 3.**" in p.caption for i, p in enumerate(published, start=1))
    assert not (tmp_path / "corpus_words_per_speaker_by_event.csv").exists()
