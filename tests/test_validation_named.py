"""Validation named for what it is (issue 25, finding 4): the accuracy reported is on sentences never seen while
the patterns were written; the history of samples says who coded each (language-model sessions, not people);
codings by people are read from their own folder and reported apart; no text calls the model readers people."""

import json
import re
import shutil

import pandas as pd
import pytest

from analysis import paths
from analysis import topics as t
from analysis.errors import CorpusError

ROOT = paths.DATA_DIR.parent
WORKED = paths.DATA_DIR / "validation" / "class_coding_worked_example.csv"


def marked_measure(corpus):
    """The measure (the stratified sample) joined with the codebook's topics and marked seen / unseen."""
    samples, history = t.read_samples(), t.read_samples_history()
    sentences = t.assign(corpus.sentences)
    coded = t.coded_sample(sentences, t.read_validation(samples[t.measure_sample(history)].file, t.read_codebook()))
    return t.mark_seen(coded, t.seen_sentences(samples, history))


def test_the_measure_is_the_accuracy_on_the_86_sentences_never_seen_while_the_patterns_were_written(corpus):
    history = t.read_samples_history()
    assert t.seen_samples(history) == ["first", "blind"] and t.measure_sample(history) == "stratified"
    coded = marked_measure(corpus)
    measured = t.unseen_accuracy(coded)
    # 54 of the 179 stratified sentences are in `first`, 39 in `blind`: 93 seen, 86 never seen
    assert (measured["sentences"], measured["seen"], measured["unseen"]) == (179, 93, 86)
    assert t.seen_by_sample(coded, t.read_samples(), history) == {"first": 54, "blind": 39}
    assert round(measured["accuracy_unseen"], 2) == 0.78 and round(measured["accuracy_all"], 2) == 0.81
    by_group = t.accuracy_by_group(coded)
    overall = by_group.set_index("group").loc["all"]
    assert overall["unseen_sentences"] == 86 and overall["accuracy_unseen"] == pytest.approx(measured["accuracy_unseen"])
    assert by_group["unseen_sentences"].iloc[:-1].sum() == 86
    # the captions and the aims report the unseen accuracy, not the one on all sentences (0.81 before)
    summary = t.validation_summary(coded, by_group, pd.DataFrame({"accuracy_without_its_patterns": [0.5, 0.6]}))
    assert summary["accuracy"] == pytest.approx(measured["accuracy_unseen"]) and summary["n_unseen"] == 86
    pairs = pd.DataFrame({"first": ["reader A", "reader A"], "second": ["reader B", "codebook"], "alpha": [0.9, 0.7]})
    aims = t.against_aims(by_group, pairs).set_index("measure")
    assert aims.loc["overall accuracy, unseen sentences", "value"] == pytest.approx(measured["accuracy_unseen"])
    with pytest.raises(ValueError, match="mark_seen"):
        t.against_aims(t.accuracy_by_group(coded.drop(columns=["seen"])), pairs)


def test_unseen_accuracy_by_hand():
    coded = pd.DataFrame({"gold_topic": ["a", "a", "b", "b"], "topic": ["a", "b", "b", "b"],
                          "seen": [True, False, False, True]})
    assert t.unseen_accuracy(coded) == {"sentences": 4, "seen": 2, "unseen": 2, "accuracy_unseen": 0.5,
                                        "accuracy_all": 0.75}
    every = t.unseen_accuracy(coded.assign(seen=True))
    assert every["unseen"] == 0 and every["accuracy_unseen"] != every["accuracy_unseen"]  # NaN: nothing unseen
    seen = {("d", 1)}
    marked = t.mark_seen(pd.DataFrame({"doc_id": ["d", "d", "e"], "position": [0, 1, 1]}), seen)
    assert marked["seen"].tolist() == [False, True, False]


def test_the_history_of_samples_agrees_with_samples_csv_and_names_who_coded(tmp_path):
    history, samples = t.read_samples_history(), t.read_samples()
    assert t.history_problems(history, samples) == []
    assert list(history["sample"]) == list(samples)
    # every sample so far was coded by language-model sessions, and its row says so in words
    assert set(history["coder_kind"]) == {"language-model session"}
    assert all("language-model" in text for text in history["coded_by"])
    assert history.set_index("sample").loc["first", "patterns"] == "written"
    assert history.set_index("sample").loc["class", "reported_as"] == "exercise"
    (tmp_path / "validation").mkdir()
    source = paths.data_file(paths.SAMPLES_HISTORY_FILE).read_text(encoding="utf-8")
    path = tmp_path / "validation" / "samples_history.csv"
    broken = [(source.replace("first,language-model session", "first,human reader"), "coder_kind 'human reader'"),
              (source.replace(",none,measure,", ",maybe,measure,"), "patterns 'maybe'"),
              (source + source.splitlines()[1] + "\n", "listed twice")]
    for text, problem in broken:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CorpusError, match=problem):
            t.read_samples_history(tmp_path)
    lines = source.splitlines()
    for text, problem in [("\n".join(lines[:-1]) + "\n", "same samples"),
                          (source.replace(",record,", ",measure,", 1), "2 samples are reported as the measure"),
                          (source.replace(",none,measure,", ",revised,measure,"), "written or revised from")]:
        path.write_text(text, encoding="utf-8")
        assert any(problem in p for p in t.history_problems(t.read_samples_history(tmp_path), samples)), problem


def test_codings_by_people_are_read_from_their_folder_and_reported_apart(tmp_path, corpus):
    sentences, codebook = t.assign(corpus.sentences), t.read_codebook()
    folder = tmp_path / "by_people"
    assert t.read_codings_by_people(folder, codebook) == {}  # no folder: nothing
    folder.mkdir()
    shutil.copy(paths.DATA_DIR / "validation" / "by_people" / "README.md", folder / "README.md")
    assert t.read_codings_by_people(folder, codebook) == {}  # the README is not a coding
    empty = t.people_agreement(sentences, {}, codebook=codebook)
    assert empty.empty and "No coding by people" in t.people_agreement_text(empty)
    assert "says nothing about agreement between people" in t.people_agreement_text(empty)
    shutil.copy(WORKED, folder / "ann.csv")
    other = pd.read_csv(WORKED, dtype=str, keep_default_na=False)
    other.loc[0, "topic"] = "none" if other.loc[0, "topic"] != "none" else "ukraine"
    other.to_csv(folder / "bob.csv", index=False)
    codings = t.read_codings_by_people(folder, codebook)
    assert list(codings) == ["ann", "bob"]
    model = t.coding_by_sentence(marked_measure(corpus))
    table = t.people_agreement(sentences, codings, {"reader A": model}, codebook)
    people = table[table["between"] == "people"].iloc[0]
    assert (people["first"], people["second"], people["sentences"]) == ("ann", "bob", len(other))
    assert people["agreement"] == pytest.approx(1 - 1 / len(other))
    assert table["between"].tolist() == ["people", "person and codebook", "person and language-model reader",
                                         "person and codebook", "person and language-model reader"]
    shared = table[table["between"] == "person and language-model reader"]["sentences"]
    assert (shared > 0).all() and (shared < len(other)).all()  # only the sentences the model reader also coded
    text = t.people_agreement_text(table)
    assert "ann and bob" in text and "agreement between people" in text and f"{people['agreement']:.2f}" in text
    # a person alone: no agreement between people yet
    alone = t.people_agreement(sentences, {"ann": codings["ann"]}, codebook=codebook)
    assert "needs a second person" in t.people_agreement_text(alone)


FORBIDDEN = [r"human[- ](reader|coder)s?", r"\ba person reads", r"hard for people", r"reader who coded",
             r"agree with human", r"second human", r"trained human", r"against hand coding",
             r"hand[- ]coded (sample|sentence|validation|topic|file)s?", r"corpus's sentences by hand",
             r"two readers did"]
"""Phrases that present the validation's language-model readers as people (finding 4 of issue 25)."""


def texts_to_check() -> dict[str, str]:
    """Every text that cites the validation: the notebooks' sources (markdown and code, not outputs), the figure
    captions of the package, the documents and READMEs. Not ``stratified_coding_instructions.md``: it is the
    record of exactly what the readers were given, and is addressed to any coder."""
    texts = {}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        texts[notebook.name] = "\n".join("".join(cell["source"]) for cell in cells)
    for path in [*sorted((ROOT / "analysis" / "figures").glob("*.py")), *sorted((ROOT / "docs").glob("*.md")),
                 ROOT / "README.md", ROOT / "data" / "README.md", ROOT / "data" / "validation" / "README.md",
                 ROOT / "data" / "validation" / "by_people" / "README.md", ROOT / "data" / "validation" / "samples_history.csv"]:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def test_no_notebook_caption_or_document_calls_the_validation_readers_people():
    found = [(name, match.group(0)) for name, text in texts_to_check().items()
             for pattern in FORBIDDEN for match in re.finditer(pattern, " ".join(text.split()), re.IGNORECASE)]
    assert found == []


def test_the_validation_says_who_coded_where_it_is_reported():
    texts = texts_to_check()
    said = "two language-model readers given only the written codebook"
    for name in ("04_topics.ipynb", "docs/glossary.md", "data/validation/README.md", "README.md"):
        flat = " ".join(texts[name].split())
        assert said in flat, name
        assert "says nothing about agreement between people" in flat, name
