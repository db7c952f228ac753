"""Helpers for tests: paste the rows that ``python -m analysis.check --json`` prints, as a user would; edit CSV rows."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pandas as pd

from analysis.files import read_csv


def csv_line(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue()


def apply_pastes(report: dict, root: Path, notes: bool = False, fill: dict[str, str] | None = None) -> int:
    """Paste every row of ``report`` (the JSON report) into its file under ``root`` (the folder that holds
    ``data/``); with ``notes``, the rows suggested for notes too. ``fill`` replaces '?' fields (the speaker of
    a document label) by value of the label. Replacements are applied per file from the bottom up, so that line
    numbers stay right. Returns the number of files edited (the user's edits)."""
    items = report["errors"] + (report["notes"] if notes else [])
    per_file: dict[str, list[dict]] = {}
    for item in items:
        for paste in item["pastes"]:
            rows = per_file.setdefault(paste["file"], [])
            if paste not in rows:
                rows.append(paste)
    for file, pastes in per_file.items():
        path = root / file
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        physical = []  # CSV rows may span lines: map a row's first line to its physical lines
        for paste in sorted((p for p in pastes if p["replace_line"]), key=lambda p: -p["replace_line"]):
            start = paste["replace_line"] - 1
            end = start + 1
            while end <= len(lines) and not complete("".join(lines[start:end])):
                end += 1
            lines[start:end] = [csv_line(paste["row"])]
            physical.append(start)
        text = "".join(lines)
        if text and not text.endswith("\n"):
            text += "\n"
        for paste in (p for p in pastes if not p["replace_line"]):
            row = [fill.get(row_label(paste["row"]), v) if v == "?" and fill else v for v in paste["row"]]
            text += csv_line(row)
        path.write_text(text, encoding="utf-8")
    return len(per_file)


def row_label(row: list[str]) -> str:
    return row[1] if len(row) > 1 else ""


def complete(text: str) -> bool:
    """Whether ``text`` holds whole CSV rows (no quoted field left open)."""
    return text.count('"') % 2 == 0


def first_event(data_dir: Path) -> str:
    """The id of the first event in a data folder's events.csv (for synthetic documents in tests, so that no test
    names a seed event)."""
    with (data_dir / "events.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["event"]


def set_field(path: Path, key_column: str, key: str, column: str, value: str) -> int:
    """Set one field of the CSV row whose ``key_column`` is ``key``; return that row's line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    line = 1
    for row in rows[1:]:
        line += 1
        if row[header.index(key_column)] == key:
            row[header.index(column)] = value
            break
    else:
        raise AssertionError(f"test setup: no row with {key_column}={key!r} in {path}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return line


PER_DOCUMENT = {"corpus.csv": "doc_id,event,kind,publisher,title,file,sha256,seed_name,notes",
                "exclusions.csv": "doc_id,kind,text,speaker,reason,count,match",
                "not_labels.csv": "doc_id,text,reason", "document_labels.csv": "doc_id,label,speaker,reason",
                "comparison.csv": "comparison,first_event,first_speaker,second_event,second_speaker,why"}
"""The data files that name documents (or, for the comparison, events with transcripts): a synthetic corpus
writes its own, so that a user's rows in the real files never leak into it."""


def write_one_document_corpus(folder: Path, content: str, exclusions: list[list[str]], source: Path) -> None:
    """A data folder under ``folder`` holding one transcript ``t`` (``content``) at the first event of the data
    folder ``source``, with its corpus-wide tables (events, speakers, roles ...) and ``exclusions`` rows
    (fields after ``doc_id``)."""
    import hashlib
    import shutil

    for table in source.glob("*.csv"):
        if table.name not in PER_DOCUMENT:
            shutil.copy(table, folder / table.name)
    for name, header in PER_DOCUMENT.items():
        (folder / name).write_text(header + "\n", encoding="utf-8")
    (folder / "raw").mkdir()
    data = content.encode("utf-8")
    (folder / "raw" / "t.txt").write_bytes(data)
    with (folder / "corpus.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["t", first_event(source), "transcript", "", "", "t.txt", hashlib.sha256(data).hexdigest(), "", ""])
    with (folder / "exclusions.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(["t", *row] for row in exclusions)


def drawn_text(svg_file: Path) -> list[str]:
    """Every piece of text drawn in a saved figure (title, labels, legend, annotations): its SVG keeps text as text."""
    svg = Path(svg_file).read_text(encoding="utf-8")
    pieces = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", " ", piece)) for piece in pieces]


# --- figures drawn in parts ------------------------------------------------------------------------------

def assert_figures_written(published: list, folder: Path, notebook: str) -> None:
    """Every file of every figure in ``published`` is in ``folder`` (written means the print standard was met),
    and its catalogue entry names ``notebook`` and holds the caption."""
    assert published
    for figure in published:
        for ext in ("png", "svg", "pdf", "csv", "caption.json"):
            assert (folder / f"{figure.name}.{ext}").stat().st_size > 0, f"{figure.name}.{ext}"
        entry = json.loads((folder / f"{figure.name}.caption.json").read_text(encoding="utf-8"))
        assert entry["notebook"] == notebook
        assert entry["caption"] == " ".join(figure.caption.split())


def parts_of(published: list, name: str) -> list[str]:
    """The names of ``published``: ``name`` for a figure drawn whole, else ``name_part1`` ... ``name_partN``, in
    order, each caption saying which part it is. A corpus with more events than fit one column is drawn in parts."""
    names = [p.name for p in published]
    if names != [name]:
        assert len(names) > 1 and names == [f"{name}_part{i}" for i in range(1, len(names) + 1)], names
        for i, figure in enumerate(published, start=1):
            assert f", part {i} of {len(names)}.**" in figure.caption, figure.caption
    return names


def read_parts(folder: Path, names: list[str]) -> pd.DataFrame:
    """The CSVs of every part, in order, as one table (what all parts draw, together)."""
    return pd.concat([read_csv(folder / f"{name}.csv") for name in names], ignore_index=True)


def part_holding(folder: Path, names: list[str], event: str) -> tuple[int, pd.DataFrame]:
    """The index of the one part whose CSV holds ``event``, and that CSV."""
    tables = [read_csv(folder / f"{name}.csv") for name in names]
    holding = [i for i, table in enumerate(tables) if event in set(table["event"])]
    assert len(holding) == 1, holding  # an event is drawn whole, in one part
    return holding[0], tables[holding[0]]
