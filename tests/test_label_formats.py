"""Label formats a student's transcript may use: each is read correctly or stopped with a clear error."""

import hashlib
import unicodedata
from pathlib import Path

import pytest

from analysis import CorpusError, load_corpus
from helpers import first_event


def add_transcript(data: Path, content: str, speakers: str = "", not_labels: str = "", encoding_prefix: bytes = b"") -> None:
    raw = encoding_prefix + content.encode("utf-8")
    (data / "raw" / "student.txt").write_bytes(raw)
    with (data / "corpus.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(f"student,{first_event(data)},transcript,test,Test,student.txt,{hashlib.sha256(raw).hexdigest()},,\n")
    if speakers:
        with (data / "speakers.csv").open("a", encoding="utf-8") as handle:
            handle.write(speakers)
    if not_labels:
        with (data / "not_labels.csv").open("a", encoding="utf-8") as handle:
            handle.write(not_labels)


def student_turns(data: Path):
    corpus = load_corpus(data)
    return corpus.select("turns", doc_id="student")


def test_no_break_space_and_no_space_after_the_colon(data_copy):
    add_transcript(data_copy, "Donald\u00a0Trump: Hello.\nVladimir Putin:Thank you.\n")
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == ["Donald Trump", "Vladimir Putin"]
    assert list(turns["text"]) == ["Hello.", "Thank you."]


def test_remark_in_brackets_after_the_label(data_copy):
    add_transcript(data_copy, "Question (retranslated): Is it so?\nVladimir Putin: Yes.\n")
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == ["Journalist", "Vladimir Putin"]
    assert turns.iloc[0]["label"] == "Question (retranslated)" and turns.iloc[0]["text"] == "Is it so?"


def test_numbered_speakers(data_copy):
    add_transcript(data_copy, "Speaker 97: Good evening.\nVladimir Putin: Good evening.\n",
                   speakers="Speaker Ninety-Seven,moderator,,en,Speaker 97\n")
    assert list(student_turns(data_copy)["speaker"]) == ["Speaker Ninety-Seven", "Vladimir Putin"]


def test_decomposed_accents_in_a_name(data_copy):
    name = "José María Álvarez-Núñez"
    add_transcript(data_copy, unicodedata.normalize("NFD", name) + ": Buenas tardes.\nVladimir Putin: Good afternoon.\n",
                   speakers=f"{name},moderator,Spain,es,{name}\n")
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == [name, "Vladimir Putin"]
    assert turns.iloc[0]["text"] == "Buenas tardes."


def test_byte_order_mark_at_the_start_is_accounted_for(data_copy):
    add_transcript(data_copy, "Vladimir Putin: Good afternoon.\n", encoding_prefix="\ufeff".encode("utf-8"))
    corpus = load_corpus(data_copy)
    assert corpus.select("turns", doc_id="student")["text"].tolist() == ["Good afternoon."]
    mark = corpus.select("spans", doc_id="student", kind="normalised")
    assert mark[["start_char", "end_char"]].values.tolist() == [[0, 1]]
    assert mark["detail"].item() == "U+FEFF ZERO WIDTH NO-BREAK SPACE removed"
    assert corpus.documents.set_index("doc_id").loc["student", "n_normalised_chars"] == 1


def test_a_text_line_that_looks_like_a_label_can_be_declared_text(data_copy):
    content = "Vladimir Putin: We met.\nNote: the President then switched to Russian.\nThank you.\n"
    with pytest.raises(CorpusError) as caught:
        add_transcript(data_copy, content)
        load_corpus(data_copy)
    assert "student.txt:2:" in str(caught.value) and "not_labels.csv" in str(caught.value)
    with (data_copy / "not_labels.csv").open("a", encoding="utf-8") as handle:
        handle.write("student,Note:,editor's note inside Putin's turn\n")
    turns = student_turns(data_copy)
    assert turns["text"].tolist() == ["We met. Note: the President then switched to Russian. Thank you."]


def test_white_house_style_question_labels_without_colon_are_read(data_copy):
    add_transcript(data_copy, "THE PRESIDENT: Thank you all.\nQ    Mr. President, a question.\n"
                              "THE PRESIDENT: An answer.\nQ Another question?\nQ: And a third?\n",
                   speakers="White House President,head_of_state,United States,en,THE PRESIDENT\n")
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == ["White House President", "Journalist", "White House President",
                                      "Journalist", "Journalist"]
    assert list(turns["text"]) == ["Thank you all.", "Mr. President, a question.", "An answer.",
                                   "Another question?", "And a third?"]


def test_an_unknown_label_in_capitals_without_colon_is_stopped(data_copy):
    add_transcript(data_copy, "Vladimir Putin: Thank you all.\nPRESIDENT MACRON    Thank you.\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(data_copy)
    assert "student.txt:2:" in str(caught.value) and "'PRESIDENT MACRON'" in str(caught.value)
    assert "without a colon" in str(caught.value)


def next_line(path: Path) -> int:
    """The line number a row appended to ``path`` will have (students may have added rows before)."""
    return len(path.read_text(encoding="utf-8").splitlines()) + 1


def test_an_alias_that_can_never_match_is_refused(data_copy):
    line = next_line(data_copy / "speakers.csv")
    with (data_copy / "speakers.csv").open("a", encoding="utf-8") as handle:
        handle.write("Someone,moderator,,en,2nd speaker\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(data_copy)
    assert f"speakers.csv:{line}:" in str(caught.value) and "'2nd speaker'" in str(caught.value)


def test_a_typo_in_an_exclusion_kind_is_refused(data_copy):
    path = data_copy / "exclusions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",speaker_card,", ",speakercard,"), encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(data_copy)
    assert "exclusions.csv:3:" in str(caught.value) and "speaker_card" in str(caught.value)


def test_a_csv_saved_with_a_byte_order_mark_reads(data_copy):
    path = data_copy / "speakers.csv"
    path.write_bytes("\ufeff".encode("utf-8") + path.read_bytes())
    assert "Vladimir Putin" in set(load_corpus(data_copy).speakers["speaker"])


def test_a_short_row_says_how_many_fields_it_needs(data_copy):
    line = next_line(data_copy / "events.csv")
    with (data_copy / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("helsinki-2018,2018-07-16,Helsinki\n")  # optional columns may be left out, required ones not
    with pytest.raises(CorpusError) as caught:
        load_corpus(data_copy)
    message = str(caught.value)
    assert f"events.csv:{line}:" in message and "3 fields where the header has 12" in message and "(,,)" in message


def test_a_new_file_without_a_checksum_gets_its_checksum_in_the_message(data_copy):
    (data_copy / "raw" / "student.txt").write_text("Vladimir Putin: Hello.\n", encoding="utf-8")
    with (data_copy / "corpus.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(f"student,{first_event(data_copy)},transcript,test,Test,student.txt,,,\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(data_copy)
    digest = hashlib.sha256(b"Vladimir Putin: Hello.\n").hexdigest()
    assert "no sha256 is recorded" in str(caught.value) and digest in str(caught.value)


def test_a_label_with_a_comma_and_named_questioners(data_copy):
    """India's MEA briefings: "Shri Name, Official Spokesperson:", journalists labelled by their own names."""
    add_transcript(data_copy, "Shri Ravi Kumar, Official Spokesperson: Good afternoon.\n"
                              "Asha Rao: Asha Rao from Daily Post. A question?\n"
                              "Shri Ravi Kumar, Official Spokesperson: An answer. However, Sir: no label here.\n",
                   speakers="Ravi Kumar,spokesperson,India,en,\"Shri Ravi Kumar, Official Spokesperson\"\n"
                            "Asha Rao,journalist,,en,Asha Rao\n")
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == ["Ravi Kumar", "Asha Rao", "Ravi Kumar"]
    assert turns.iloc[0]["label"] == "Shri Ravi Kumar, Official Spokesperson"
    assert turns.iloc[2]["text"] == "An answer. However, Sir: no label here."
