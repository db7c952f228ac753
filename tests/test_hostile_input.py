"""Odd and hostile input: each case is read right, or refused with the file, the line and the fix. Never accepted
silently and wrongly (data/README.md, "Characters" and "What the loader refuses")."""

import csv
import hashlib
import os
from pathlib import Path

import pytest

from analysis import CorpusError, load_corpus
from helpers import csv_line, first_event

STUDENT = "Question: Will you meet again?\n{before}Vladimir Putin{colon} We will meet in Moscow, I hope.\n"


def add_transcript(data: Path, content: str | bytes, doc_id: str = "student", kind: str = "transcript") -> Path:
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    path = data / "raw" / f"{doc_id}.txt"
    path.write_bytes(raw)
    with (data / "corpus.csv").open("a", encoding="utf-8", newline="") as manifest:
        manifest.write(csv_line([doc_id, first_event(data), kind, "test", "Test", path.name,
                                 hashlib.sha256(raw).hexdigest(), "", ""]))
    return path


def append(data: Path, name: str, row: list[str]) -> None:
    with (data / name).open("a", encoding="utf-8", newline="") as handle:
        handle.write(csv_line(row))


def student_turns(data: Path):
    return load_corpus(data).select("turns", doc_id="student")


def refused(data: Path) -> CorpusError:
    with pytest.raises(CorpusError) as caught:
        load_corpus(data)
    return caught.value


@pytest.mark.parametrize("before", ["\u200b", "\ufeff", "\u202e", "\u200e", "\u2060", "\u00ad"])
def test_an_invisible_character_before_a_label_is_removed_and_listed(data_copy, before):
    add_transcript(data_copy, STUDENT.format(before=before, colon=":"))
    corpus = load_corpus(data_copy)
    turns = corpus.select("turns", doc_id="student")
    assert list(turns["speaker"]) == ["Journalist", "Vladimir Putin"]
    assert turns.iloc[1]["text"] == "We will meet in Moscow, I hope."
    mark = corpus.select("spans", doc_id="student", kind="normalised")
    assert len(mark) == 1 and mark["detail"].item().startswith(f"U+{ord(before):04X}")


def test_an_invisible_character_inside_a_label_is_removed(data_copy):
    add_transcript(data_copy, "Question: Yes?\nVla\u200bdimir Pu\u200dtin: No.\n")
    assert list(student_turns(data_copy)["speaker"]) == ["Journalist", "Vladimir Putin"]


@pytest.mark.parametrize("line_end", ["\u2028", "\u2029", "\x85", "\x0c", "\r", "\x0b"])
def test_odd_line_ends_end_a_line(data_copy, line_end):
    add_transcript(data_copy, f"Question: Will you meet again?{line_end}Vladimir Putin: Yes.{line_end}")
    turns = student_turns(data_copy)
    assert list(zip(turns["speaker"], turns["text"])) == [("Journalist", "Will you meet again?"),
                                                          ("Vladimir Putin", "Yes.")]


def test_a_file_with_old_mac_line_ends_reads_with_its_lines(data_copy):
    add_transcript(data_copy, "Title of the page\rQuestion: Why?\rVladimir Putin: Because.\r")
    error = refused(data_copy)
    assert "text before the first speaker label: 'Title of the page'" in str(error) and error.line == 1
    append(data_copy, "exclusions.csv", ["student", "title", "Title of the page", "", "page title"])
    assert list(student_turns(data_copy)["speaker"]) == ["Journalist", "Vladimir Putin"]


@pytest.mark.parametrize("colon", ["\uff1a", "\ufe55", "\u2236"])
def test_a_fullwidth_or_look_alike_colon_ends_a_label(data_copy, colon):
    add_transcript(data_copy, STUDENT.format(before="", colon=colon))
    assert list(student_turns(data_copy)["speaker"]) == ["Journalist", "Vladimir Putin"]


@pytest.mark.parametrize("written", ["Vladimir Putin -", "Vladimir Putin –", "Vladimir Putin —", "Vladimir Putin;",
                                     "Vladi mir Putin:", ">> VLADIMIR PUTIN:", "VLADIMIR PUTIN"])
def test_a_name_that_is_not_written_as_a_label_is_refused_with_a_speaker_card_to_paste(data_copy, written):
    content = f"Question: Will you meet again?\n{written}\nWe will meet in Moscow.\n"
    add_transcript(data_copy, content)
    error = refused(data_copy)
    assert error.line == 2 and "opens with Vladimir Putin's name" in error.problem
    (paste,) = error.pastes
    alone = written[-1].isalpha()  # a name alone on its line is listed with its line break (never a "Name:" label)
    assert paste.file.name == "exclusions.csv" and \
        paste.row[1:4] == ("speaker_card", written + "\n" * alone, "Vladimir Putin")
    append(data_copy, "exclusions.csv", list(paste.row))
    turns = student_turns(data_copy)
    assert list(zip(turns["speaker"], turns["text"])) == [("Journalist", "Will you meet again?"),
                                                          ("Vladimir Putin", "We will meet in Moscow.")]


def test_a_name_opening_a_sentence_is_text(data_copy):
    add_transcript(data_copy, "Question: Why?\nVladimir Putin said it first.\nVladimir Putin: Yes.\n")
    assert list(student_turns(data_copy)["speaker"]) == ["Journalist", "Vladimir Putin"]


@pytest.mark.parametrize("character, name", [("\x00", "NULL"), ("\x1b", "ESCAPE"), ("\x07", "control character"),
                                             ("\x9b", "control character")])
def test_control_characters_are_refused_with_line_and_column(data_copy, character, name):
    add_transcript(data_copy, f"Question: Why?\nVladimir Putin: Be{character}cause.\n")
    error = refused(data_copy)
    assert error.line == 2 and f"U+{ord(character):04X} {name}" in error.problem and "column 19" in error.problem
    assert str(error).startswith(str(data_copy / "raw" / "student.txt"))


def test_an_empty_question_before_the_next_label_is_refused_and_can_be_listed_as_stray(data_copy):
    add_transcript(data_copy, "Question: Will you meet again?\nVladimir Putin: Yes.\nQuestion:\n"
                              "Question: And when?\nVladimir Putin: Soon.\n")
    error = refused(data_copy)
    assert error.line == 3 and "has no words before the next label" in error.problem
    (paste,) = error.pastes  # 'Question:' occurs 3 times: the row lists the stray one with its line break
    assert paste.row[1:3] == ("stray_label", "Question:\n") and paste.row[5] == "1"
    append(data_copy, "exclusions.csv", list(paste.row))
    turns = student_turns(data_copy)
    assert list(turns["speaker"]) == ["Journalist", "Vladimir Putin", "Journalist", "Vladimir Putin"]
    assert turns.iloc[2]["text"] == "And when?"


def test_a_stray_label_row_may_not_hide_a_label_that_has_words(data_copy):
    add_transcript(data_copy, "Question: Will you meet again?\nVladimir Putin: Yes.\n")
    append(data_copy, "exclusions.csv", ["student", "stray_label", "Vladimir Putin:", "", "wrong", "1"])
    assert "covers the speaker label 'Vladimir Putin'" in refused(data_copy).problem


def test_a_not_label_row_that_is_a_real_label_is_refused(data_copy):
    add_transcript(data_copy, "Question: Will you meet again?\nVladimir Putin: Yes.\n")
    append(data_copy, "not_labels.csv", ["student", "Vladimir Putin:", "wrong"])
    error = refused(data_copy)
    assert error.path.name == "not_labels.csv" and "delete this row" in error.fix


def test_a_transcript_declared_as_news_is_refused(data_copy):
    add_transcript(data_copy, "Question: Why?\nVladimir Putin: Because.\nQuestion: When?\n", kind="news")
    error = refused(data_copy)
    assert "3 line(s) of this news report open with a speaker label" in error.problem and error.line == 1
    (paste,) = error.pastes
    assert paste.file.name == "corpus.csv" and paste.row[2] == "transcript"


def test_a_news_report_quoting_one_label_line_loads(data_copy):
    add_transcript(data_copy, "Moscow, 16 June.\nThe talks ended late.\nVladimir Putin: it went well, he said.\n",
                   kind="news")
    assert "student" in set(load_corpus(data_copy).documents["doc_id"])


def test_one_file_under_two_ids_is_refused(data_copy):
    path = add_transcript(data_copy, "Question: Why?\nVladimir Putin: Because.\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    append(data_copy, "corpus.csv", ["twice", first_event(data_copy), "transcript", "t", "T", path.name, digest, "", ""])
    assert "is the same file as that of 'student'" in refused(data_copy).problem


@pytest.mark.parametrize("how", ["symlink", "hardlink", "copy"])
def test_one_file_under_two_names_is_refused(data_copy, how):
    path = add_transcript(data_copy, "Question: Why?\nVladimir Putin: Because.\n")
    twin = path.with_name("twin.txt")
    {"symlink": lambda: twin.symlink_to(path.name), "hardlink": lambda: os.link(path, twin),
     "copy": lambda: twin.write_bytes(path.read_bytes())}[how]()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    append(data_copy, "corpus.csv", ["twin", first_event(data_copy), "transcript", "t", "T", twin.name, digest, "", ""])
    error = refused(data_copy)
    assert "is the same file as that of 'student'" in error.problem and error.path.name == "corpus.csv"


def rewrite_events(data: Path, change) -> None:
    with (data / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows, columns = change(rows)
    with (data / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("date", ["2021-13-45", "2021-02-30", "16.06.2021", ""])
def test_an_impossible_date_is_refused(data_copy, date):
    rewrite_events(data_copy, lambda rows: ([{**rows[0], "date": date}, *rows[1:]], list(rows[0])))
    error = refused(data_copy)
    assert error.line == 2 and ("is not a date" in error.problem or "is empty" in error.problem)


@pytest.mark.parametrize("minutes", ["inf", "-5", "nan", "ten", "1e999"])
def test_minutes_must_be_finite_and_not_negative(data_copy, minutes):
    rewrite_events(data_copy, lambda rows: ([{**rows[0], "press_minutes_high": minutes}, *rows[1:]], list(rows[0])))
    error = refused(data_copy)
    assert error.line == 2 and "not a number of minutes" in error.problem


def test_events_with_only_the_required_columns_load_with_the_others_empty(data_copy):
    required = ["event", "date", "city", "format", "description"]
    rewrite_events(data_copy, lambda rows: (rows, required))
    events = load_corpus(data_copy).events
    assert events["press_minutes_low"].isna().all() and (events["participants"] == "").all()


def test_every_data_file_the_loader_reads_is_declared_and_its_header_matches():
    from analysis import paths
    from analysis.schema import SCHEMAS
    for name, schema in SCHEMAS.items():
        with (paths.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert set(schema.required) <= set(header) <= {c.name for c in schema.columns}, name
    named = {getattr(paths, n) for n in dir(paths) if n.endswith("_FILE")}
    assert named - set(paths.ANALYSIS_FILES) <= set(SCHEMAS), named - set(paths.ANALYSIS_FILES) - set(SCHEMAS)
    assert all(paths.data_file(name).is_file() for name in named), [n for n in named if not paths.data_file(n).is_file()]


@pytest.mark.parametrize("file, row, problem", [
    ("durations.csv", None, "is listed twice"),  # the first row again: (event, speaker) is the key
    ("outlets.csv", None, "is listed twice"),
    ("corpus.csv", "sha", "is not a sha256"),
    ("roles.csv", ["minister", "Minister", "cabinet", "x"], "is not one of principal, press, staff"),
])
def test_declared_keys_and_types_are_checked(data_copy, file, row, problem):
    with (data_copy / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if row == "sha":
        rows[1][rows[0].index("sha256")] = "not-a-checksum"
        with (data_copy / file).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    else:
        append(data_copy, file, row or rows[1])
    assert problem in refused(data_copy).problem
