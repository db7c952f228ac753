"""The declared schema of every data file: its columns, their types and allowed values, and its key.

:func:`check_table` applies a declaration to a table read by :func:`analysis.tables.read_table` and reports each
violation with the file, the line and the fix. Rules that need another file (a role must be in ``roles.csv``, a
``doc_id`` in the manifest) or the text itself (a label must be readable as a label) stay with the loader that
reads that file; everything a single table can say about itself is declared here, and ``data/README.md`` shows
the same declarations as tables for readers.

Why not a library: Frictionless and pandera both express these rules, but report a *row position* (a CSV field
with a line break, as multi-line exclusions have, shifts every later row off its line) and give no fix, and they
would add many dependencies to check a few hundred rows. The types here are few and each has one message.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .errors import Problems, corpus_error
from .tables import LINE, read_table

ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass(frozen=True)
class Column:
    """One column. ``kind``: ``text`` (anything), ``id`` (lower-case letters, digits, ``-_.``; never empty),
    ``date`` (a real ``YYYY-MM-DD`` day), ``minutes`` (a finite number of at least 0, or empty: unknown),
    ``count`` (a whole number of at least 1, or empty: 1), ``sha256`` (64 hexadigits, or empty: not yet known),
    ``choice`` (one of ``choices``). ``filled``: may not be empty. ``optional``: the header may leave it out."""

    name: str
    kind: str = "text"
    filled: bool = False
    optional: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # no two rows may share these values

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if not c.optional]

    @property
    def optional(self) -> dict[str, str]:
        return {c.name: "" for c in self.columns if c.optional}


def text(name: str, **kw) -> Column:
    return Column(name, "text", **kw)


SCHEMAS: dict[str, Schema] = {
    paths.MANIFEST_FILE: Schema((Column("doc_id", "id"), Column("event", "id"),
                          Column("kind", "choice", choices=("transcript", "news")),
                          text("publisher"), text("title"), text("file", filled=True), Column("sha256", "sha256"),
                          text("seed_name"), text("notes")), key=("doc_id",)),
    paths.EVENTS_FILE: Schema((Column("event", "id"), Column("date", "date", filled=True), text("city", filled=True),
                          text("format", filled=True), text("description"), text("venue", optional=True),
                          text("participants", optional=True),
                          Column("press_minutes_low", "minutes", optional=True),
                          Column("press_minutes_high", "minutes", optional=True),
                          text("press_minutes_source", optional=True), Column("talks_minutes", "minutes", optional=True),
                          text("talks_minutes_source", optional=True)), key=("event",)),
    paths.ROLES_FILE: Schema((Column("role", "id"), text("label"),
                         Column("group", "choice", choices=("principal", "press", "staff")), text("description")),
                        key=("role",)),
    paths.SPEAKERS_FILE: Schema((text("speaker", filled=True), Column("role", "id"), text("country"),
                            text("language", optional=True), text("aliases")), key=("speaker",)),
    paths.DOCUMENT_LABELS_FILE: Schema((Column("doc_id", "id"), text("label", filled=True), text("speaker", filled=True),
                                   text("reason")), key=("doc_id", "label")),
    paths.COMPARISON_FILE: Schema((Column("comparison", "id"), Column("first_event", "id"),
                              text("first_speaker", filled=True), Column("second_event", "id"),
                              text("second_speaker", filled=True), text("why")), key=("comparison",)),
    paths.OUTLETS_FILE: Schema((text("outlet", filled=True), text("country"), text("origin", filled=True), text("aliases")),
                          key=("outlet",)),
    paths.DURATIONS_FILE: Schema((Column("event", "id"), text("speaker", filled=True),
                             Column("minutes_low", "minutes"), Column("minutes_high", "minutes"),
                             text("source", filled=True)), key=("event", "speaker")),
    paths.EXCLUSIONS_FILE: Schema((Column("doc_id", "id"), Column("kind", "choice", choices=(
        "title", "header", "footer", "furniture", "caption", "pull_quote", "see_also", "stage_direction", "editorial",
        "timestamp", "layout_debris", "speaker_card", "stray_label")), text("text", filled=True), text("speaker"),
        text("reason"), Column("count", "count", optional=True),
        Column("match", "choice", optional=True, choices=("", "text", "lines", "paragraph", "line_start", "mid_line")))),
    paths.TOPICS_FILE: Schema((Column("topic", "id"), text("label", filled=True), Column("rank", "count", optional=True),
                          text("description", filled=True), text("patterns", filled=True),
                          text("context_patterns", optional=True)), key=("topic",)),
    paths.OCCASION_CUES_FILE: Schema((text("phrase", filled=True), text("occasion", filled=True), text("example")),
                                key=("phrase",)),
    paths.NOT_LABELS_FILE: Schema((Column("doc_id", "id"), text("text", filled=True), text("reason"),
                              Column("count", "count", optional=True))),
    paths.ABBREVIATIONS_FILE: Schema((text("abbreviation", filled=True), text("example", optional=True)),
                                key=("abbreviation",)),
}
"""The files the corpus loader reads, by name (relative to the data folder)."""


def problem_with(value: str, column: Column) -> str:
    """What is wrong with one value of a column ('' if nothing)."""
    value = value.strip()
    if not value:
        return "is empty" if column.filled or column.kind == "id" else ""
    if column.kind == "id" and not ID.match(value):
        return "has characters other than lower-case letters, digits, '-', '_' and '.'"
    if column.kind == "date" and not is_date(value):
        return "is not a date written YYYY-MM-DD (a real day)"
    if column.kind == "minutes" and not is_minutes(value):
        return "is not a number of minutes (a finite number of at least 0)"
    if column.kind == "count" and not (value.isdigit() and int(value) >= 1):
        return "is not a whole number of at least 1"
    if column.kind == "sha256" and not SHA256.match(value):
        return "is not a sha256 (64 hexadecimal digits)"
    if column.kind == "choice" and value not in column.choices:
        return f"is not one of {', '.join(c for c in column.choices if c)}"
    return ""


FIXES = {
    "id": "use an id such as 'helsinki-2018' (for a document: 'helsinki2018_kremlin_transcript')",
    "date": "write the date as e.g. 2018-07-16",
    "minutes": "write a number such as 8.5, or leave the field empty if unknown",
    "count": "give the number of times the text occurs in the document, or leave it empty for once",
    "sha256": "put the output of 'sha256sum data/raw/FILE' (python -m analysis.check prints it), or leave it empty",
    "choice": "use one of those values (see data/README.md)",
    "text": "fill it in (see data/README.md)",
}


def is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_minutes(value: str) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    return math.isfinite(number) and number >= 0


def check_table(table: pd.DataFrame, schema: Schema, path: Path, problems: Problems) -> pd.DataFrame:
    """Report every value that breaks ``schema`` and every repeated key. Returns the table with bad values
    emptied (so later steps treat them as unknown, and report nothing twice) and without rows whose key is bad
    or repeated (an id that is empty, malformed or listed twice cannot be used)."""
    table = table.copy()
    drop = set()
    for column in schema.columns:
        for index, value in zip(table.index, table[column.name]):
            problem = problem_with(value, column)
            if problem:
                problems.report(corpus_error(path, f"{column.name} {value.strip()!r} {problem}", FIXES[column.kind],
                                             line=int(table.at[index, LINE])))
                table.at[index, column.name] = ""
                if column.name in schema.key:
                    drop.add(index)
    if schema.key:
        keys = pd.Series([tuple(v.strip() for v in values) for values in zip(*(table[c] for c in schema.key))],
                         index=table.index, dtype=object)  # (one tuple per row, built without a Series per row)
        for index in table.index[keys.duplicated() & ~table.index.isin(drop)]:
            shown = ", ".join(f"{c} {table.at[index, c].strip()!r}" for c in schema.key)
            problems.report(corpus_error(path, f"{shown} is listed twice", "keep one row for it (merge the two)",
                                         line=int(table.at[index, LINE])))
            drop.add(index)
    return table.drop(index=sorted(drop)).reset_index(drop=True)


def read_declared(path: Path, problems: Problems) -> pd.DataFrame:
    """A data file read and checked against its declared schema (:data:`SCHEMAS`, by the file's name)."""
    schema = SCHEMAS[path.name]
    return check_table(read_table(path, schema.required, problems, optional=schema.optional), schema, path, problems)
