"""Bad input: a CorpusError that names the file, the line where there is one, the problem and the fix."""

import hashlib
import re
from pathlib import Path

import pytest

from analysis import CorpusError, load_corpus
from helpers import set_field

GENEVA_FILE = "geneva2021_kremlin_transcript.txt"


def edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def replace_raw(data: Path, name: str, content: bytes) -> None:
    """Write new content to a raw file and record its true checksum, so only the content is wrong."""
    old_digest = hashlib.sha256((data / "raw" / name).read_bytes()).hexdigest()
    (data / "raw" / name).write_bytes(content)
    edit_csv(data / "corpus.csv", old_digest, hashlib.sha256(content).hexdigest())


def error_of(data: Path) -> str:
    with pytest.raises(CorpusError) as caught:
        load_corpus(data)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "Fix:" in message
    return message


def test_manifest_missing(data_copy):
    (data_copy / "corpus.csv").unlink()
    message = error_of(data_copy)
    assert "corpus.csv" in message and "missing" in message


def test_manifest_column_missing(data_copy):
    edit_csv(data_copy / "corpus.csv", "doc_id,event,kind,publisher,title,file,sha256,", "doc_id,event,kind,publisher,title,file,checksum,")
    message = error_of(data_copy)
    assert "corpus.csv:1:" in message and "sha256" in message


def test_unknown_event(data_copy):
    line = set_field(data_copy / "corpus.csv", "doc_id", "geneva2021_kremlin_transcript", "event", "geneva-2012")
    message = error_of(data_copy)
    assert re.search(rf"corpus\.csv:{line}: unknown event 'geneva-2012'", message)
    assert "events.csv" in message


def test_file_outside_raw(data_copy):
    edit_csv(data_copy / "corpus.csv", f",{GENEVA_FILE},", f",../{GENEVA_FILE},")
    message = error_of(data_copy)
    assert "corpus.csv:6:" in message and "not inside" in message


def test_file_missing(data_copy):
    (data_copy / "raw" / GENEVA_FILE).unlink()
    message = error_of(data_copy)
    assert "corpus.csv:6:" in message and "missing" in message and GENEVA_FILE in message


def test_raw_file_edited(data_copy):
    raw = data_copy / "raw" / GENEVA_FILE
    raw.write_bytes(raw.read_bytes().replace(b"Good afternoon", b"Good morning", 1))
    message = error_of(data_copy)
    assert GENEVA_FILE in message and "sha256" in message and "line 6" in message and "never edited" in message


def test_bytes_that_are_not_utf8(data_copy):
    content = (data_copy / "raw" / GENEVA_FILE).read_bytes().replace("Urmărește".encode(), "Urm\xe3re\xbate".encode("latin-1"))
    replace_raw(data_copy, GENEVA_FILE, content)
    message = error_of(data_copy)
    assert f"{GENEVA_FILE}:330:" in message and "not UTF-8" in message


def test_empty_document(data_copy):
    replace_raw(data_copy, "anchorage2025_shafaq_news.txt", b"\n  \n")
    message = error_of(data_copy)
    assert "anchorage2025_shafaq_news.txt" in message and "empty" in message


def test_document_whose_every_character_is_excluded(data_copy):
    replace_raw(data_copy, "anchorage2025_news_report_b.txt", b"text_fields\n")
    message = error_of(data_copy)
    assert "anchorage2025_news_report_b.txt" in message and "no text to analyse" in message


def test_unknown_speaker_label(data_copy):
    content = (data_copy / "raw" / GENEVA_FILE).read_bytes().replace(b"Remark: What score?", b"Dmitry Peskov: What score?")
    replace_raw(data_copy, GENEVA_FILE, content)
    message = error_of(data_copy)
    assert f"{GENEVA_FILE}:275:" in message and "'Dmitry Peskov'" in message and "speakers.csv" in message


def test_listed_exclusion_not_found(data_copy):
    edit_csv(data_copy / "exclusions.csv", "Share this article!", "Share this article now!")
    message = error_of(data_copy)
    assert "exclusions.csv:12:" in message and "Share this article now!" in message and "not found" in message


def test_listed_exclusion_found_twice(data_copy):
    edit_csv(data_copy / "exclusions.csv", ",text_fields,", ",the,")
    message = error_of(data_copy)
    assert "exclusions.csv:4:" in message and "times" in message


def test_transcript_without_any_speaker_label(data_copy):
    set_field(data_copy / "corpus.csv", "doc_id", "anchorage2025_news_report_a", "kind", "transcript")
    message = error_of(data_copy)
    assert "anchorage2025_news_report_a.txt" in message and "no speaker label" in message


def test_text_before_the_first_label_must_be_listed(data_copy):
    path = data_copy / "exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [l for l in lines if not l.startswith("geneva2021_kremlin_transcript,title,News conference following")]
    assert len(kept) == len(lines) - 1, "test setup: the title row of the Geneva transcript"
    path.write_text("".join(kept), encoding="utf-8")
    message = error_of(data_copy)
    assert f"{GENEVA_FILE}:3:" in message and "before the first speaker label" in message


def test_unknown_role(data_copy):
    edit_csv(data_copy / "speakers.csv", "Journalist,journalist,", "Journalist,reporter,")
    message = error_of(data_copy)
    assert "speakers.csv:5:" in message and "'reporter'" in message


def test_a_comparison_must_name_speakers_present_at_its_events_and_of_one_role(data_copy):
    path = data_copy / "comparison.csv"
    header, row = path.read_text(encoding="utf-8").splitlines()[:2]
    first, second = row.split(",")[1], row.split(",")[3]

    def rows(*lines):
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        return error_of(data_copy)

    message = rows(f"trump,{first},Donald Trump,{second},Donald Trump,test")
    assert "comparison.csv:2:" in message and f"Donald Trump has no turn at {first}" in message
    assert "the two events are the same" in rows(f"same,{first},Vladimir Putin,{first},Vladimir Putin,test")
    assert "'nowhere-1999'" in rows(f"gone,{first},Vladimir Putin,nowhere-1999,Vladimir Putin,test")
    assert "differ in role" in rows(f"mixed,{first},Vladimir Putin,{second},Journalist,test")
    message = rows(f"a,{first},Vladimir Putin,{second},Vladimir Putin,test", f"a,{second},Vladimir Putin,{first},Vladimir Putin,x")
    assert "comparison.csv:3:" in message and "'a' is listed twice" in message


def test_every_row_of_comparison_csv_is_a_comparison_and_the_first_keeps_the_plain_names(data_copy):
    path = data_copy / "comparison.csv"
    header, row = path.read_text(encoding="utf-8").splitlines()[:2]
    first, second = row.split(",")[1], row.split(",")[3]
    path.write_text(f"{header}\n{row}\nback,{second},Vladimir Putin,{first},Vladimir Putin,the other way round\n",
                    encoding="utf-8")
    corpus = load_corpus(data_copy)
    assert [c.id for c in corpus.comparisons] == [row.split(",")[0], "back"] and corpus.comparison is corpus.comparisons[0]
    assert [c.named("x") for c in corpus.comparisons] == ["x", "x_back"]
    assert corpus.comparisons[1].events == [second, first] and corpus.comparisons[1].same_speaker


def test_a_corpus_without_a_comparison_loads_with_none(data_copy):
    path = data_copy / "comparison.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert load_corpus(data_copy).comparison is None
