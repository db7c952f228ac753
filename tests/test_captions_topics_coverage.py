"""The figures of the topics and coverage notebooks (04, 05) can be pasted into a report as they are.

A caption stands alone: it names no internal id (a doc_id of ``corpus.csv``, an event of ``events.csv``), points
at nothing in the notebook ("above", "below") and asks no question outside a quotation (questions for a class
go in the notebook, beside the figure). The text drawn in the figures (titles, labels, legends) names no id either.
"""

import html
import json
import re

import pytest

from analysis import paths
from analysis.files import read_csv

NOTEBOOKS = ("04_topics", "05_coverage")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
FILE_NAME = re.compile(r"[\w/.-]+\.(?:csv|json|png|svg|pdf|ipynb|md)\b")
ID_LIKE = re.compile(r"\b[^\W_]+_\w+")  # news_report_a, kremlin_transcript: a part of an id, as a label once showed


def entries() -> list[dict]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(paths.FIGURES_DIR.glob("*.caption.json"))]
    return [e for e in found if e["notebook"] in NOTEBOOKS]


def internal_ids() -> list[str]:
    documents = read_csv(paths.DATA_DIR / paths.MANIFEST_FILE)
    events = read_csv(paths.DATA_DIR / paths.EVENTS_FILE)
    return sorted(set(documents["doc_id"]) | set(events["event"]), key=len, reverse=True)


def drawn_text(name: str) -> str:
    """The text of a saved figure (titles, labels, legends): its SVG keeps text as text."""
    svg = (paths.FIGURES_DIR / f"{name}.svg").read_text(encoding="utf-8")
    pieces = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", piece)) for piece in pieces)


def outside_quotes(text: str) -> str:
    return QUOTED.sub(" ", text)


def id_like(text: str) -> list[str]:
    """Words joined by underscores, as internal ids are written (file names, which a caption may cite, aside)."""
    return ID_LIKE.findall(FILE_NAME.sub(" ", text))


def test_each_notebook_has_captioned_figures():
    assert {e["notebook"] for e in entries()} == set(NOTEBOOKS)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["figure"])
def test_caption_names_no_internal_id(entry):
    caption = entry["caption"].casefold()
    assert not [i for i in internal_ids() if i.casefold() in caption]
    assert not id_like(entry["caption"])


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["figure"])
def test_caption_points_at_nothing_in_the_notebook(entry):
    assert not re.search(r"\b(above|below)\b", entry["caption"], flags=re.IGNORECASE)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["figure"])
def test_caption_asks_no_question(entry):
    assert "?" not in outside_quotes(entry["caption"])
    assert "for discussion" not in entry["caption"].casefold()


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["figure"])
def test_figure_text_names_no_internal_id(entry):
    text = drawn_text(entry["figure"]).casefold()
    assert text.strip(), "no text found in the SVG"
    assert not [i for i in internal_ids() if i.casefold() in text]
    assert not id_like(drawn_text(entry["figure"]))


@pytest.mark.parametrize("caption, bad", [
    ("**Figure: x.** As the table above shows.", "place"),
    ("**Figure: x.** Each bar is a sentence of anchorage2025_kremlin_transcript.", "id"),
    ("**Figure: x.** Geneva-2021 only.", "id"),
    ("**Figure: x.** Why did the reports quote it?", "question"),
    ("**Figure: x.** He said “why not?” and left.", None),
    ("**Figure: x.** Shares, with the audit below it.", "place"),
    ("**Figure: x.** Quotes in news_report_a.", "id"),
    ("**Figure: x.** Every word is in data/processed/topics_keyness_geneva_vs_anchorage.csv.", None),
])
def test_the_checks_catch_what_they_should(caption, bad):
    ids = [i.casefold() for i in internal_ids()]
    found = {"place": bool(re.search(r"\b(above|below)\b", caption, flags=re.IGNORECASE)),
             "id": any(i in caption.casefold() for i in ids) or bool(id_like(caption)),
             "question": "?" in outside_quotes(caption)}
    assert {k for k, v in found.items() if v} == ({bad} if bad else set())


def test_keyness_csv_holds_the_drawn_words_only():
    table = read_csv(paths.FIGURES_DIR / "topics_keyness_geneva_vs_anchorage.csv")
    drawn = set(drawn_text("topics_keyness_geneva_vs_anchorage").split())
    assert set(table["word"]) <= drawn
    assert table.groupby("panel").size().max() <= 20  # the ten of each side per panel, not every word tested


def test_fidelity_csv_holds_the_plotted_quotes_only():
    table = read_csv(paths.FIGURES_DIR / "coverage_fidelity_by_report.csv")
    assert "kind" not in table.columns  # phrases (fewer than four words) are not drawn, so not in the CSV
    assert (table[["verbatim", "close", "not found", "other occasion"]].sum(axis=1) > 0).all()
