"""The figures of 04_topics (analysis/figures/topics.py), drawn for the real corpus and for the corpus with a third
event, into a temporary folder: files written (so the print standard was met), CSVs that hold what is drawn,
captions without internal ids, and the third event drawn wherever every event is."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import helpers
from analysis import annotation, topics
from analysis.figures import encoding
from analysis.figures import topics as figures
from analysis.figures.publish import FIGURE_FILES, Published
from analysis.files import read_csv
from analysis.outputs import in_data_order

THIRD_EVENT, THIRD_LABEL = "reykjavik-2023", "Reykjavik 2023"


@dataclass
class Tables:
    """What notebook 04 computes for its figures, for one corpus."""

    corpus: object
    look: encoding.Look
    sentences: pd.DataFrame
    codebook: topics.Codebook
    validation: dict
    by_speaker: pd.DataFrame
    by_role: pd.DataFrame
    keyness_speaker: pd.DataFrame
    keyness_all: pd.DataFrame
    alignment: pd.DataFrame
    weights: np.ndarray

    @property
    def has_third_event(self) -> bool:
        return THIRD_EVENT in set(self.corpus.events["event"])


def topic_tables(corpus) -> Tables:
    """The tables of notebook 04, computed with the package as the notebook computes them."""
    look = encoding.setup(corpus)
    annotated = annotation.annotate(corpus)
    sentences, codebook = annotated.sentences, annotated.codebook
    stratified = topics.read_samples(corpus.data_dir)["stratified"]
    coded = topics.coded_sample(sentences, topics.read_validation(stratified.file, codebook))
    coded = topics.mark_seen(coded, topics.seen_sentences(topics.read_samples(corpus.data_dir),
                                                          topics.read_samples_history(corpus.data_dir)))
    moved = topics.transfer(corpus.sentences, codebook, coded)
    validation = topics.validation_summary(coded, topics.accuracy_by_group(coded), moved)
    by_speaker = in_data_order(topics.topic_shares(sentences, ["event", "speaker"], codebook.topics,
                                                   misclassification=coded), corpus.events, corpus.speakers)
    by_role = in_data_order(topics.topic_shares(sentences, ["event", "role"], codebook.topics,
                                                misclassification=coded), corpus.events, roles=corpus.roles)
    pair = corpus.comparison
    prior = topics.word_counts(sentences)
    of = lambda speaker, event: sentences[(sentences["event"] == event)
                                          & ((sentences["speaker"] == speaker) if speaker else True)]
    keyness_speaker, keyness_all = (
        topics.log_odds_dirichlet(topics.word_counts(of(who, pair.first)), topics.word_counts(of(who, pair.second)),
                                  prior, exclude=topics.STOP_WORDS) for who in (pair.speaker, None))
    _, _, weights = topics.nmf_fit(sentences["text"], len(codebook.content_topics))
    alignment = topics.nmf_alignment(sentences, weights, codebook.topics)
    return Tables(corpus, look, sentences, codebook, validation, by_speaker, by_role, keyness_speaker, keyness_all,
                  alignment, weights)


@pytest.fixture(scope="module", params=["corpus", "third_event_corpus"])
def tables(request) -> Tables:
    return topic_tables(request.getfixturevalue(request.param))


def written(shown: Published, folder: Path) -> pd.DataFrame:
    """Check that every file of a published figure is in ``folder`` (publish writes only figures that pass the
    print standard) and that its caption is fit to print; return its CSV."""
    for ext in FIGURE_FILES:
        assert (folder / f"{shown.name}.{ext}").is_file(), f"{shown.name}.{ext} not written"
    assert shown.caption.startswith("**Figure: ")
    assert "{" not in shown.caption and "None" not in shown.caption and "nan" not in shown.caption.split()
    assert "reykjavik-2023" not in shown.caption
    return read_csv(folder / f"{shown.name}.csv")


def ids_in(caption: str, corpus) -> list[str]:
    """The internal ids (events, documents) a caption names."""
    return [i for i in [*corpus.events["event"], *corpus.documents["doc_id"]] if i in caption]


def flat(caption: str) -> str:
    """The caption as one line (the catalogue's form): its line breaks fall anywhere."""
    return " ".join(caption.split())


def drawn(shown: Published, folder: Path) -> str:
    return " ".join(helpers.drawn_text(folder / f"{shown.name}.svg"))


@pytest.mark.parametrize("key", ["speaker", "role"])
def test_topic_shares_draw_every_group_once_in_parts_that_fit_a_column(tables, tmp_path, key):
    draw = figures.shares_by_speaker if key == "speaker" else figures.shares_by_role
    shares = tables.by_speaker if key == "speaker" else tables.by_role
    shown = draw(shares, tables.look, tables.codebook.labels, tables.validation, figures_dir=tmp_path)
    plotted = []
    for part in shown:
        table = written(part, tmp_path)
        assert not ids_in(part.caption, tables.corpus)
        groups = table[["event", key]].drop_duplicates()
        assert len(groups) <= figures.MAX_GROUPS
        assert len(table) == len(groups) * table["topic"].nunique()  # one marker per group and topic
        assert list(table.columns)[:len(figures.SHARE_COLUMNS) + 3] == ["event", key, "topic", *figures.SHARE_COLUMNS]
        labels = drawn(part, tmp_path)
        assert all(tables.codebook.labels[t] in labels for t in table["topic"])
        assert all(tables.look.label(e) in labels for e in groups["event"])
        assert (f"{tables.validation['n_coded']} of the delivered corpus's sentences coded by two language-model "
                "readers") in flat(part.caption)
        assert f"the {tables.validation['n_unseen']} of them never seen" in flat(part.caption)
        plotted.append(table)
    every = pd.concat(plotted)
    expected = shares[["event", key]].drop_duplicates()
    assert sorted(map(tuple, every[["event", key]].drop_duplicates().to_numpy())) == sorted(map(tuple, expected.to_numpy()))
    if len(shown) > 1:
        assert [p.name for p in shown][1].endswith("_part2") and ", part 1 of" in shown[0].caption
    if tables.has_third_event:
        assert THIRD_EVENT in set(every["event"])
        assert any(THIRD_LABEL in drawn(part, tmp_path) for part in shown)


def test_the_share_change_draws_the_compared_speaker_at_the_two_events(tables, tmp_path):
    pair = tables.corpus.comparison
    table = topics.comparison_shares(tables.by_speaker, tables.sentences, pair, tables.codebook.topics)
    shown = figures.share_change(table, pair, tables.look, tables.codebook.labels, figures_dir=tmp_path)
    saved = written(shown, tmp_path)
    assert not ids_in(shown.caption, tables.corpus)
    assert shown.name == "topics_share_change_comparison"
    assert saved["event"].tolist()[:2] == pair.events and set(saved["event"]) == set(pair.events)
    assert len(saved) == 2 * saved["topic"].nunique()  # two markers per topic row
    labels = drawn(shown, tmp_path)
    assert all(tables.codebook.labels[t] in labels for t in saved["topic"])
    assert all(tables.look.label(e) in labels for e in pair.events)
    for event in pair.events:  # the caption's counts are the speaker's words and turns at each event
        spoken = tables.sentences[(tables.sentences["speaker"] == pair.speaker) & (tables.sentences["event"] == event)]
        assert f"{spoken['n_words'].sum():,} words in {spoken['turn'].nunique()} turns" in flat(shown.caption)


def test_keyness_draws_the_top_words_of_each_side_and_panel(tables, tmp_path):
    pair = tables.corpus.comparison
    saved_as = ["tables/speaker.csv", "tables/all.csv"]
    shown = figures.keyness(tables.keyness_speaker, tables.keyness_all, pair, tables.look, saved_as,
                            figures_dir=tmp_path)
    saved = written(shown, tmp_path)
    assert not ids_in(shown.caption, tables.corpus)
    assert all(name in shown.caption for name in saved_as)
    for panel, table in zip(saved["panel"].unique(), (tables.keyness_speaker, tables.keyness_all)):
        rows = saved[saved["panel"] == panel]
        assert rows["word"].tolist() == topics.keyness_rows(table, figures.KEYNESS_TOP)["word"].tolist()[::-1]
        assert (rows["z"] > 0).sum() <= figures.KEYNESS_TOP and (rows["z"] < 0).sum() <= figures.KEYNESS_TOP
    assert set(saved["typical_of"]) == {tables.look.label(e) for e in pair.events}
    words = set(drawn(shown, tmp_path).split())
    assert set(saved["word"]) <= words
    passing = [topics.keyness_summary(t)["after_control"] for t in (tables.keyness_speaker, tables.keyness_all)]
    assert f"{passing[0]} of {len(tables.keyness_speaker)} (left)" in flat(shown.caption)


def test_nmf_figure_holds_every_component_and_topic(tables, tmp_path):
    shown = figures.nmf_vs_codebook(tables.alignment, tables.weights, tables.sentences, tables.look,
                                    tables.codebook.labels, figures_dir=tmp_path)
    saved = written(shown, tmp_path)
    assert not ids_in(shown.caption, tables.corpus)
    assert saved["component"].tolist() == tables.alignment.index.tolist()  # one column of cells per component
    assert list(saved.columns)[1:] == list(tables.alignment.columns)       # one row of cells per topic
    assert np.allclose(saved.drop(columns="component").sum(axis=1), 1)
    labels = drawn(shown, tmp_path)
    assert all(tables.codebook.labels[t] in labels for t in tables.alignment.columns)
    assert f"{len(tables.sentences):,} transcript sentences" in flat(shown.caption)
    assert f"with {tables.weights.shape[1]} components" in flat(shown.caption)


def test_a_figure_writes_its_files_and_nothing_else_into_the_folder_given(tables, tmp_path):
    pair = tables.corpus.comparison
    table = topics.comparison_shares(tables.by_speaker, tables.sentences, pair, tables.codebook.topics)
    figures.share_change(table, pair, tables.look, tables.codebook.labels, figures_dir=tmp_path / "here")
    assert sorted(p.name for p in (tmp_path / "here").iterdir()) == sorted(
        f"topics_share_change_comparison.{ext}" for ext in FIGURE_FILES)
