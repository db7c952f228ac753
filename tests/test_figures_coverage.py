"""The figures of the coverage notebook (``analysis.figures.coverage``), drawn from the real corpus and from the real
corpus with a third event in another layout, into a temporary folder: files written (so the print standard was
met), CSVs that hold what is drawn, captions a reader can paste, and the third event drawn where every event is."""

import json

import pandas as pd
import pytest

import helpers
from analysis import annotation, coverage
from analysis.figures import coverage as figures
from analysis.figures import encoding
from analysis.figures.publish import FIGURE_FILES, Published

THIRD_EVENT, THIRD_LABEL = "reykjavik-2023", "Reykjavik 2023"
THIRD_REPORT, THIRD_TRANSCRIPT = "reykjavik2023_report", "reykjavik2023_transcript"


class Tables:
    """What the notebook computes with the package before drawing, for one corpus."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.look = encoding.setup(corpus)
        self.annotated = annotation.annotate(corpus)
        self.aligned = coverage.align(coverage.quotes(corpus), corpus.sentences)
        self.fidelity = coverage.fidelity_counts(self.aligned)
        self.covered = coverage.coverage_map(self.aligned, corpus.sentences)
        self.emphasis = coverage.topic_emphasis(self.aligned, self.annotated.sentences)


@pytest.fixture(scope="module", params=["corpus", "third_event_corpus"])
def tables(request):
    return Tables(request.getfixturevalue(request.param))


def has_third_event(tables: Tables) -> bool:
    return THIRD_EVENT in set(tables.corpus.events["event"])


def saved(published: Published, folder) -> tuple[pd.DataFrame, str, list[str]]:
    """The CSV, the caption and the drawn text of a published figure, after checking every file was written."""
    for ext in FIGURE_FILES:
        assert (folder / f"{published.name}.{ext}").stat().st_size > 0, f"{published.name}.{ext} not written"
    entry = json.loads((folder / f"{published.name}.caption.json").read_text(encoding="utf-8"))
    assert entry["notebook"] == figures.NOTEBOOK and entry["caption"] == " ".join(published.caption.split())
    assert published.png.startswith(b"\x89PNG")
    table = pd.read_csv(folder / f"{published.name}.csv", keep_default_na=False)
    return table, published.caption, helpers.drawn_text(folder / f"{published.name}.svg")


def assert_readable(caption: str, corpus) -> None:
    """A caption names no internal id (events, documents) and shows no unfilled template or missing value."""
    assert caption.startswith("**Figure: ")
    for internal in [*corpus.events["event"], *corpus.documents["doc_id"]]:
        assert internal not in caption, f"caption names {internal!r}"
    assert "{" not in caption and "}" not in caption and "None" not in caption and "nan" not in caption.split()


def test_fidelity_by_report_draws_a_bar_per_report_with_quotes(tables, tmp_path):
    published = figures.fidelity_by_report(tables.fidelity, tables.aligned, tables.look, figures_dir=tmp_path)
    table, caption, drawn = saved(published, tmp_path)
    quotes = tables.aligned[tables.aligned["kind"] == "quote"]
    assert table["doc_id"].tolist() == list(dict.fromkeys(sorted(quotes["doc_id"])))  # one row per plotted bar
    counts = pd.crosstab(quotes["doc_id"], quotes["fidelity"]).reindex(columns=coverage.FIDELITY_CLASSES, fill_value=0)
    assert table.set_index("doc_id")[coverage.FIDELITY_CLASSES].equals(counts.rename_axis(index="doc_id", columns=None))
    assert set(table["report"]) <= {text.strip() for text in drawn}  # each bar labelled with its report
    assert f"The {len(quotes)} quotes" in caption and f"the {len(table)} news reports" in caption
    assert_readable(caption, tables.corpus)
    if has_third_event(tables):
        assert THIRD_REPORT in set(table["doc_id"]) and THIRD_EVENT in set(table["event"])
        assert any(THIRD_LABEL in text for text in drawn)  # the subtitle names every event quoted


def test_fidelity_by_report_refuses_a_class_it_has_no_style_for(tables, tmp_path):
    aligned = tables.aligned.assign(fidelity=tables.aligned["fidelity"].replace("close", "paraphrase"))
    with pytest.raises(ValueError, match="paraphrase"):
        figures.fidelity_by_report(coverage.fidelity_counts(aligned), aligned, tables.look, figures_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_quote_density_draws_one_figure_per_quoted_transcript(tables, tmp_path):
    shown = figures.quote_density(tables.covered, tables.corpus.documents, tables.look, figures_dir=tmp_path)
    transcripts = list(dict.fromkeys(tables.covered["doc_id"]))
    assert [p.name for p in shown] == [f"coverage_quote_density_{d}" for d in transcripts]
    reports = coverage.news_reports_per_event(tables.corpus.documents)
    for doc_id, published in zip(transcripts, shown):
        table, caption, drawn = saved(published, tmp_path)
        rows = tables.covered[tables.covered["doc_id"] == doc_id]
        assert table["position"].tolist() == rows["position"].tolist()  # one bar per sentence, in order
        assert table["reports"].tolist() == rows["reports"].tolist()
        event = rows["event"].iloc[0]
        assert table["reports"].max() <= reports[event]
        assert f"event's {reports[event]} news reports" in caption
        assert_readable(caption, tables.corpus)
        assert any(tables.look.label(event) in text for text in drawn)  # the title names the transcript's event
    if has_third_event(tables):
        third = tables.covered[tables.covered["doc_id"] == THIRD_TRANSCRIPT]
        assert THIRD_TRANSCRIPT in transcripts and third["reports"].max() == 1  # the report quotes its transcript
        assert any(THIRD_LABEL in text for text in saved(shown[transcripts.index(THIRD_TRANSCRIPT)], tmp_path)[2])


def test_topic_emphasis_draws_every_topic_for_every_quoted_leader(tables, tmp_path):
    published = figures.topic_emphasis(tables.emphasis, tables.aligned, tables.annotated.sentences,
                                       tables.annotated.codebook, tables.look, figures_dir=tmp_path)
    table, caption, drawn = saved(published, tmp_path)
    leaders = list(dict.fromkeys(tables.emphasis["speaker"]))
    drawn_topics = [t for t in tables.annotated.codebook.topics if t in set(tables.emphasis["topic"])]
    assert len(table) == len(leaders) * len(drawn_topics)  # a row per leader and topic drawn, 0 where none
    assert table["speaker"].tolist() == [s for s in leaders for _ in drawn_topics]
    for share in ("record_share", "coverage_share"):
        assert table.groupby("speaker")[share].sum().tolist() == pytest.approx([1.0] * len(leaders), abs=1e-4)  # CSV rounds
    totals = coverage.quoted_totals(tables.aligned, tables.annotated.sentences)
    assert table.groupby("speaker", sort=False)["quoted_words"].sum().to_dict() == totals["quoted_words"].to_dict()
    for speaker in leaders:
        assert any(tables.look.speaker_names[speaker] in text for text in drawn)  # a panel per leader
    assert_readable(caption, tables.corpus)
    if has_third_event(tables):
        third = coverage.leader_quotes_found(tables.aligned).query("event == @THIRD_EVENT")
        assert "Tomas Lind" in set(third["speaker"]) and set(third["speaker"]) <= set(leaders)  # his verbatim quote
        assert any(THIRD_LABEL in text for text in drawn)
