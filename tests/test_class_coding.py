"""The class coding exercise: a coding sheet drawn from the seeded ``class`` sample, read back filled in, and
compared with the codebook (agreement, Krippendorff's alpha, confusions)."""

import numpy as np
import pandas as pd
import pytest

from analysis import paths
from analysis import topics as t
from analysis.errors import CorpusError

FOLDER = paths.DATA_DIR / "validation"
SHEET = FOLDER / "class_coding_sheet.csv"
WORKED = FOLDER / "class_coding_worked_example.csv"


def sentences():
    """Two turns of one document and one turn of another: (doc_id, turn, speaker, text)."""
    rows = [("d", 0, "Journalist", "Q one."), ("d", 0, "Journalist", "Q two about Ukraine?"),
            ("d", 1, "Leader", "A one."), ("d", 1, "Leader", "A two."), ("d", 1, "Leader", "A three."),
            ("d", 1, "Leader", "A four."), ("d", 1, "Leader", "A five."), ("e", 0, "Leader", "Only one.")]
    out = []
    for position, (doc_id, turn, speaker, text) in enumerate(rows):
        out.append({"doc_id": doc_id, "event": "x", "turn": turn, "position": position if doc_id == "d" else 0,
                    "speaker": speaker, "role": "r", "text": text})
    return pd.DataFrame(out)


def test_the_sheet_gives_each_sentence_its_context_and_empty_topic_and_note():
    frame = sentences()
    sheet = t.coding_sheet(frame, frame.iloc[[5, 2, 7]], previous_turn_words=2).set_index("number")
    assert list(sheet.columns) == t.SHEET_COLUMNS[1:] and sheet.index.tolist() == [1, 2, 3]
    later = sheet.loc[1]  # the fourth sentence of its turn: turn start, two before, one after, the question clipped
    assert (later["text"], later["turn_start"], later["before"], later["after"]) == ("A four.", "A one.", "A two. A three.", "A five.")
    assert later["previous_turn"] == "Journalist: Q one. …"
    first = sheet.loc[2]  # the first sentence of its turn: nothing before it in the turn
    assert (first["turn_start"], first["before"], first["after"]) == ("", "", "A two.")
    alone = sheet.loc[3]  # the first turn of another document: no previous turn (never the other document's)
    assert (alone["previous_turn"], alone["before"], alone["after"]) == ("", "", "")
    assert (sheet["topic"] == "").all() and (sheet["note"] == "").all()


def test_committed_sheet_is_the_seeded_class_sample_five_per_group(corpus):
    samples = t.read_samples()
    committed = pd.read_csv(samples["class"].file, dtype=str, keep_default_na=False)
    # drawn from the transcripts it was drawn from: a transcript a user adds later does not change a committed sheet
    sentences = corpus.sentences[corpus.sentences["doc_id"].isin(set(committed["doc_id"]))]
    drawn = t.validation_sample(sentences, "class", samples)
    expected = t.coding_sheet(sentences, drawn)
    assert samples["class"].file == SHEET
    pd.testing.assert_frame_equal(committed, expected.astype(str))
    coded = t.coded_sample(t.assign(sentences), drawn[["doc_id", "position", "text"]])
    assert len(drawn) == 20 and (t.validation_group(coded).value_counts() == 5).all()


def test_worked_example_codes_every_sentence_of_the_sheet_and_says_what_it_is(corpus):
    sheet = pd.read_csv(SHEET, dtype=str, keep_default_na=False)
    worked = t.read_coding_sheet(WORKED)
    assert list(zip(worked["doc_id"], worked["position"].astype(str))) == list(zip(sheet["doc_id"], sheet["position"]))
    assert worked["coder"].str.contains("not a gold standard").all()
    assert (worked["note"] != "").all()
    result = t.compare_coding(t.assign(corpus.sentences), worked, coder="worked example")
    assert result["agreement"]["sentences"].item() == 20


def write(path, rows, header="doc_id,position,text,topic,note"):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_reading_a_filled_sheet_forgives_case_and_spaces_but_not_blanks_or_unknown_ids(tmp_path):
    table = t.read_coding_sheet(write(tmp_path / "ok.csv", ["d,0,Hello.,  None ,", "d,1,Kiev.,UKRAINE,named"]))
    assert table["gold_topic"].tolist() == ["none", "ukraine"] and table["position"].tolist() == [0, 1]
    with pytest.raises(CorpusError, match=r"blank.csv:3: no topic given \(sentence d:1\)"):
        t.read_coding_sheet(write(tmp_path / "blank.csv", ["d,0,Hello.,none,", "d,1,Kiev.,,"]))
    with pytest.raises(CorpusError, match=r"odd.csv:2: topic 'weather' is not a topic id"):
        t.read_coding_sheet(write(tmp_path / "odd.csv", ["d,0,Hello.,weather,"]))
    with pytest.raises(CorpusError, match="column"):
        t.read_coding_sheet(write(tmp_path / "no_topic.csv", ["d,0,Hello."], header="doc_id,position,text"))


def test_compare_counts_agreement_alpha_and_confusions_by_hand(tmp_path):
    assigned = sentences().assign(role_group="principal", topic=["none", "ukraine", "ukraine", "ukraine", "rapport",
                                                                 "rapport", "diplomacy", "diplomacy"])
    rows = [f"{d},{p},{x},{topic}," for (d, p, x), topic in
            zip(assigned[["doc_id", "position", "text"]].itertuples(index=False),
                ["none", "ukraine", "ukraine", "diplomacy", "rapport", "rapport", "diplomacy", "diplomacy"])]
    coding = t.read_coding_sheet(write(tmp_path / "filled.csv", rows))
    result = t.compare_coding(assigned, coding, coder="student")
    agreement = result["agreement"].iloc[0]
    assert (agreement["first"], agreement["second"], agreement["sentences"]) == ("student", "codebook", 8)
    assert agreement["agreement"] == pytest.approx(7 / 8)
    assert agreement["alpha"] == pytest.approx(t.alpha(coding["gold_topic"], assigned["topic"]))
    assert result["confusion"].loc["diplomacy", "ukraine"] == 1 and result["confusion"].loc["ukraine", "ukraine"] == 2
    assert result["disagreements"][["position", "gold_topic", "topic"]].values.tolist() == [[3, "diplomacy", "ukraine"]]
    assert result["by_group"].set_index("group").loc["all", "accuracy"] == pytest.approx(7 / 8)


def test_a_position_a_spreadsheet_wrote_as_a_decimal_is_read_as_the_whole_number_it_is(tmp_path):
    table = t.read_coding_sheet(write(tmp_path / "reformatted.csv", ["d,0.0,Q one.,none,", "d,3.0,A two.,none,"]))
    assert table["position"].tolist() == [0, 3] and table["position"].dtype == "int64"
    for bad in ("x", "3.5", "-1", "", "nan"):
        with pytest.raises(CorpusError, match=rf"bad.csv:3: position {bad!r} of sentence d is not a whole number"
                                              r"[\s\S]*Fix: .*position"):
            t.read_coding_sheet(write(tmp_path / "bad.csv", ["d,0,Q one.,none,", f"d,{bad},A two.,none,"]))


def test_a_sentence_listed_twice_is_refused_with_both_lines(tmp_path):
    rows = ["d,0,Q one.,none,", "d,3,A two.,none,", "d,3.0,A two.,ukraine,"]
    with pytest.raises(CorpusError, match=r"twice.csv:4: sentence d:3 is listed twice, on lines 3 and 4"
                                          r"[\s\S]*Fix: keep one row"):
        t.read_coding_sheet(write(tmp_path / "twice.csv", rows))


def test_a_sheet_with_no_sentences_is_refused(tmp_path):
    with pytest.raises(CorpusError, match=r"header_only.csv:2: the sheet has no sentences[\s\S]*Fix: "):
        t.read_coding_sheet(write(tmp_path / "header_only.csv", []))
    assigned = sentences().assign(role_group="principal", topic="none")
    empty = t.read_coding_sheet(write(tmp_path / "one.csv", ["d,0,Q one.,none,"])).iloc[:0]
    with pytest.raises(ValueError, match="no sentences"):
        t.compare_coding(assigned, empty)


def test_alpha_is_undefined_without_variation_or_without_two_sentences():
    assert np.isnan(t.alpha(pd.Series(["a", "a", "a"]), pd.Series(["a", "a", "a"])))  # no variation: not "perfect"
    assert np.isnan(t.alpha(pd.Series(["a"]), pd.Series(["b"])))  # one sentence
    assert np.isnan(t.alpha(pd.Series([], dtype=str), pd.Series([], dtype=str)))
    table = t.agreement({"x": pd.Series([], dtype=str), "y": pd.Series([], dtype=str)})
    assert table["sentences"].item() == 0 and np.isnan(table["agreement"].item()) and np.isnan(table["alpha"].item())
    assert t.alpha(pd.Series(["a", "b"]), pd.Series(["a", "b"])) == 1.0  # two sentences that vary: defined


def test_a_one_topic_coding_reports_its_agreement_and_no_alpha(tmp_path):
    assigned = sentences().assign(role_group="principal", topic="none")
    coding = t.read_coding_sheet(write(tmp_path / "all_none.csv", ["d,0,Q one.,none,", "d,2,A one.,none,"]))
    row = t.compare_coding(assigned, coding)["agreement"].iloc[0]
    assert row["agreement"] == 1.0 and np.isnan(row["alpha"])


def test_a_sentence_whose_text_differs_names_the_sheet_line_causes_and_fix(tmp_path):
    assigned = sentences().assign(role_group="principal", topic="none")
    changed = t.read_coding_sheet(write(tmp_path / "changed.csv", ["d,1,Q two about Ukraine?,none,",
                                                                   "d,0,Q one (edited).,none,"]))
    with pytest.raises(CorpusError, match=r"changed.csv:3: sentence d:0 has another text in the corpus "
                                          r"\(sheet: 'Q one \(edited\).'; corpus: 'Q one.'\): the text was edited "
                                          r"in the sheet, or the sheet was drawn from another version of the corpus"
                                          r"[\s\S]*Fix: .*restore.*coding_sheet"):
        t.compare_coding(assigned, changed)
    missing = t.read_coding_sheet(write(tmp_path / "missing.csv", ["d,0,Q one.,none,", "d,99,Gone.,none,"]))
    with pytest.raises(CorpusError, match=r"missing.csv:3: sentence d:99 is not in the corpus[\s\S]*Fix: .*coding_sheet"):
        t.compare_coding(assigned, missing)
