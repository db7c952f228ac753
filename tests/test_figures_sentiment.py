"""The figures of 03_sentiment (analysis/figures/sentiment.py) on the real corpus and with a third event, and the
registry of sentiment methods (sentiment.METHODS): one more entry reaches the scores, the agreement table and the
agreement figure."""

import json

import numpy as np
import pandas as pd
import pytest

import helpers
from analysis import annotation, sentiment, sentiment_scoring
from analysis.figures import encoding
from analysis.figures import sentiment as figures
from analysis.files import read_csv

THIRD = "reykjavik-2023"
THIRD_LABEL = "Reykjavik 2023"


@pytest.fixture(scope="module", params=["corpus", "third_event_corpus"])
def case(request):
    """A corpus with its Look and the tables the notebook computes for the figures."""
    corpus = request.getfixturevalue(request.param)
    scored = annotation.annotate(corpus).sentences
    by_speaker = sentiment.aggregate(scored, ["event", "speaker", "role"], samples=200)
    from analysis.outputs import in_data_order
    return {"corpus": corpus, "look": encoding.setup(corpus), "scored": scored,
            "by_speaker": in_data_order(by_speaker, corpus.events, corpus.speakers), "third": request.param != "corpus"}


def written(folder, name):
    """The saved files of one figure: each exists, then the CSV and the caption."""
    for ext in ("png", "svg", "pdf", "csv", "caption.json"):
        assert (folder / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext}"
    caption = json.loads((folder / f"{name}.caption.json").read_text(encoding="utf-8"))
    assert caption["notebook"] == figures.NOTEBOOK and caption["figure"] == name
    return read_csv(folder / f"{name}.csv"), caption["caption"]


def check_caption(caption, corpus):
    assert "{" not in caption and "None" not in caption and "nan" not in caption.split()
    assert THIRD not in caption
    assert not [d for d in corpus.documents["doc_id"] if d in caption]


def drawn(folder, name):
    return " ".join(helpers.drawn_text(folder / f"{name}.svg"))


def test_mean_by_speaker_and_event(case, tmp_path):
    shown = figures.mean_by_speaker_and_event(case["by_speaker"], case["look"], case["corpus"].speakers,
                                              samples=200, figures_dir=tmp_path)
    names = [p.name for p in shown]
    assert len(names) == len(set(names)) and all(n.startswith("sentiment_mean_by_speaker_and_event") for n in names)
    tables = []
    for published in shown:
        table, caption = written(tmp_path, published.name)
        check_caption(caption, case["corpus"])
        assert "200 resamples" in caption
        tables.append(table)
    plotted = pd.concat(tables, ignore_index=True)
    assert plotted[["event", "speaker"]].values.tolist() == case["by_speaker"][["event", "speaker"]].values.tolist()
    assert np.allclose(plotted["mean"], case["by_speaker"]["mean"])
    if case["third"]:
        assert THIRD in set(plotted["event"])
        assert any(THIRD_LABEL in drawn(tmp_path, n) for n in names)
        assert any("Lind (German)" in p.caption for p in shown)  # the interpreted speaker's scores are a translation


def test_distribution_by_speaker_and_event(case, tmp_path):
    shown = figures.distribution_by_speaker_and_event(case["scored"], case["by_speaker"], case["look"],
                                                      case["corpus"].events, case["corpus"].speakers,
                                                      figures_dir=tmp_path)
    tables = []
    for published in shown:
        table, caption = written(tmp_path, published.name)
        check_caption(caption, case["corpus"])
        tables.append(table)
    plotted = pd.concat(tables, ignore_index=True)
    assert len(plotted) == len(case["scored"])  # every sentence is in a box
    boxes = plotted.groupby(["event", "speaker"], sort=False).size()
    assert boxes.tolist() == case["by_speaker"]["sentences"].tolist()
    if case["third"]:
        assert any(THIRD_LABEL in drawn(tmp_path, p.name) for p in shown)


def test_arcs(case, tmp_path):
    arc = sentiment.arc(case["scored"], window=7)
    shown = figures.arcs(arc, case["look"], 7, case["corpus"].events, case["corpus"].speakers, figures_dir=tmp_path)
    transcripts = case["corpus"].sentences["doc_id"].unique()
    assert sorted(p.name for p in shown) == sorted(f"sentiment_arc_{d}" for d in transcripts)
    events = [case["corpus"].sentences.loc[case["corpus"].sentences["doc_id"] == p.name.removeprefix("sentiment_arc_"),
                                           "event"].iloc[0] for p in shown]
    order = list(case["corpus"].events["event"])
    assert [order.index(e) for e in events] == sorted(order.index(e) for e in events)  # in date order
    for published in shown:
        table, caption = written(tmp_path, published.name)
        check_caption(caption, case["corpus"])
        assert "over 7 sentences" in caption
        doc_id = published.name.removeprefix("sentiment_arc_")
        assert len(table) == (case["scored"]["doc_id"] == doc_id).sum()
    if case["third"]:
        assert THIRD_LABEL in drawn(tmp_path, "sentiment_arc_reykjavik2023_transcript")


def test_method_agreement(case, tmp_path):
    parts = figures.method_agreement(case["scored"], case["look"], case["corpus"].events,
                                     case["corpus"].speakers, figures_dir=tmp_path)
    tables, texts = [], []
    for published in parts:
        table, caption = written(tmp_path, published.name)
        check_caption(caption, case["corpus"])
        assert list(table.columns[4:]) == [m.score for m in sentiment.METHODS]
        assert "(left)" in caption and "(right)" in caption and f"Over all {len(case['scored']):,} sentences" in caption
        text = drawn(tmp_path, published.name)
        assert all(m.axis_label in text for m in sentiment.METHODS)
        tables.append(table)
        texts.append(text)
    every = pd.concat(tables)
    assert len(every) == len(case["scored"])  # every sentence in exactly one part
    assert all(set(t["event"]).isdisjoint(set(u["event"])) for i, t in enumerate(tables) for u in tables[i + 1:])
    if case["third"]:
        assert THIRD in set(every["event"]) and any(THIRD_LABEL in text for text in texts)


def test_legend_groups_hold_whole_events_within_the_limit():
    rows = pd.DataFrame({"event": ["a"] * 3 + ["b"] * 2 + ["c"] * 9 + ["d"],
                         "speaker": ["p", "q", "r", "p", "s"] + [f"x{i}" for i in range(9)] + ["p"]})
    assert figures.legend_groups(rows, max_entries=6) == [["a", "b"], ["c"], ["d"]]  # c alone is over the limit
    assert figures.legend_groups(rows, max_entries=100) == [["a", "b", "c", "d"]]


def test_word_shift(case, tmp_path):
    corpus, scored = case["corpus"], case["scored"]
    pair = corpus.comparison
    own = scored[scored["speaker"] == pair.speaker]
    shift = sentiment.word_shift(own[own["event"] == pair.second], own[own["event"] == pair.first])
    shift["masked"] = shift["word"].isin(set(sentiment.read_masked_words(corpus.data_dir)["word"]))
    published = figures.word_shift(shift, scored, case["look"], pair, corpus.speakers, top=12, figures_dir=tmp_path)
    table, caption = written(tmp_path, published.name)
    check_caption(caption, corpus)
    assert table["word"].tolist() == shift["word"].head(12).tolist()  # one row per bar
    assert {f"count_{pair.first}", f"count_{pair.second}"} <= set(table.columns)
    assert "The 12 words" in caption
    assert set(table["word"]) <= set(drawn(tmp_path, published.name).replace("(", " ").split())


# --- one registry of methods ------------------------------------------------------------------------------------

def contrarian(sentences):
    """A toy lexicon method that says the opposite of reference VADER."""
    return -sentiment.vader(sentences)["compound"]


TOY = sentiment.Method("Contrarian", "contrarian score", "contrarian_score", "contrarian_class", contrarian,
                       "the reference's compound with its sign turned (a test method)")


@pytest.fixture
def with_toy_method(monkeypatch):
    monkeypatch.setattr(sentiment_scoring, "METHODS", (*sentiment_scoring.METHODS, TOY))


def test_score_all_reads_the_registry(corpus, with_toy_method):
    scored = sentiment.score_all(corpus.sentences)
    added = list(scored.columns[len(corpus.sentences.columns):])
    assert added == sentiment.score_columns()
    assert added[added.index("textblob_polarity") + 1] == "contrarian_score" and added[-1] == "contrarian_class"
    assert np.allclose(scored["contrarian_score"], -scored["compound"])
    assert (scored.loc[scored["compound"] > sentiment.THRESHOLD, "contrarian_class"] == "negative").all()


def test_the_seed_registry_gives_the_columns_of_the_saved_table(corpus):
    assert sentiment.score_columns() == ["compound", "pos", "neu", "neg", "nltk_compound", "textblob_polarity",
                                         "vader_class", "nltk_class", "textblob_class"]
    assert [m.name for m in sentiment.METHODS] == ["reference VADER", "NLTK VADER", "TextBlob"]


def test_method_agreement_reads_the_registry(corpus, with_toy_method):
    agreement = sentiment.method_agreement(sentiment.score_all(corpus.sentences))
    assert list(dict.fromkeys(agreement["method"])) == ["NLTK VADER", "TextBlob", "Contrarian"]
    toy = agreement[agreement["method"] == "Contrarian"]
    assert len(toy) == corpus.sentences["event"].nunique()
    assert np.allclose(toy["pearson"], -1) and np.allclose(toy["spearman"], -1)
    assert (toy["opposite_sign"] > 0.3).all() and (toy["class_agreement"] < 0.7).all()


def test_the_agreement_figure_draws_a_panel_per_method(corpus, with_toy_method, tmp_path):
    scored = sentiment.score_all(corpus.sentences)
    published = figures.method_agreement(scored, encoding.setup(corpus), corpus.events, corpus.speakers,
                                         figures_dir=tmp_path)[0]  # every part has the panels
    table, caption = written(tmp_path, published.name)
    assert "contrarian_score" in table.columns and np.allclose(table["contrarian_score"], -table["compound"])
    assert "contrarian score" in drawn(tmp_path, published.name)
    assert "(middle)" in caption and "contrarian score (right)" in caption and "% under Contrarian" in caption
    assert caption.count(", ") >= 2 and "{" not in caption


def test_panel_places_and_lists():
    assert figures.panel_places(1) == [""]
    assert figures.panel_places(2) == ["left", "right"]
    assert figures.panel_places(4) == ["top left", "top middle", "top right", "bottom left"]
    assert figures.joined(["a"]) == "a" and figures.joined(["a", "b", "c"]) == "a, b and c"
    assert figures.methods_in_words() == "three methods"
