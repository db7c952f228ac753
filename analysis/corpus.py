"""Loading the corpus: validated data files in, tidy pandas tables out.

The tables and their columns are documented in ``data/README.md``. Comparisons select rows of
these tables (``Corpus.select``); nothing copies the corpus.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .errors import corpus_error
from .journalists import attribute_journalists
from .segments import (Exclusion, Span, alias_problem, analysed_text, collapse_label, line_of,
                       locate_exclusions, segment_news, segment_transcript)
from .tables import LINE, read_table
from .text import count_words, load_abbreviations, split_sentences

MANIFEST_COLUMNS = ["doc_id", "event", "kind", "publisher", "title", "file", "sha256", "seed_name", "notes"]
EVENT_COLUMNS = ["event", "date", "city", "format", "description"]
SPEAKER_COLUMNS = ["speaker", "role", "country", "aliases"]
OUTLET_COLUMNS = ["outlet", "country", "origin", "aliases"]
DURATION_COLUMNS = ["event", "speaker", "minutes_low", "minutes_high", "source"]
EVENT_NUMBER_COLUMNS = ["press_minutes_low", "press_minutes_high", "talks_minutes"]
EXCLUSION_COLUMNS = ["doc_id", "kind", "text", "speaker", "reason"]
KINDS = ("transcript", "news")
EXCLUSION_KINDS = ("title", "furniture", "layout_debris", "speaker_card")
NOT_LABEL_COLUMNS = ["doc_id", "text", "reason"]
ROLES = ("head_of_state", "journalist", "moderator")
FOLLOW_UP_LABELS = frozenset({"remark", "follow-up"})
BOM = "\ufeff"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")

TURN_COLUMNS = ["doc_id", "event", "turn", "speaker", "role", "country", "label", "journalist", "outlet",
                "outlet_country", "outlet_origin", "journalist_source", "text", "n_words", "n_sentences", "start_char", "end_char",
                "label_start", "label_end"]
SENTENCE_COLUMNS = ["doc_id", "event", "turn", "sentence", "position", "speaker", "role", "label",
                    "journalist", "outlet", "text", "n_words"]
SPAN_COLUMNS = ["doc_id", "start_char", "end_char", "kind", "turn", "detail"]
EXCLUSION_REPORT_COLUMNS = ["doc_id", "kind", "text", "speaker", "start_char", "end_char", "n_chars",
                            "source_line", "csv_line"]


@dataclass(frozen=True)
class Corpus:
    """The corpus as tables. ``spans`` tiles every source character; see ``data/README.md``."""

    documents: pd.DataFrame
    turns: pd.DataFrame
    sentences: pd.DataFrame
    spans: pd.DataFrame
    exclusions: pd.DataFrame
    events: pd.DataFrame
    speakers: pd.DataFrame
    outlets: pd.DataFrame
    durations: pd.DataFrame
    data_dir: Path

    def raw_text(self, doc_id: str) -> str:
        """The decoded source text of a document, exactly as in ``data/raw/``."""
        file = self.documents.loc[self.documents["doc_id"] == doc_id, "file"].item()
        return (self.data_dir / paths.RAW_DIR_NAME / file).read_bytes().decode("utf-8")

    def select(self, table: str = "sentences", **criteria) -> pd.DataFrame:
        """Rows of one table where each column equals a value or is in a list of values.

        ``corpus.select("turns", event="geneva-2021", role=["head_of_state"])``
        """
        frame = getattr(self, table)
        mask = pd.Series(True, index=frame.index)
        for column, wanted in criteria.items():
            if column not in frame.columns:
                raise KeyError(f"{table} has no column {column!r}; columns: {', '.join(frame.columns)}")
            values = wanted if isinstance(wanted, (list, tuple, set, frozenset)) else [wanted]
            mask &= frame[column].isin(list(values))
        return frame[mask]


def load_corpus(data_dir: Path | str | None = None, timings: dict | None = None) -> Corpus:
    """Load and validate the corpus described by the CSV files in ``data_dir`` (default ``data/``).

    Raises :class:`analysis.CorpusError` naming file, line and fix for any bad input. If ``timings`` is a
    dict, the seconds spent splitting sentences are added under ``"sentence_splitting"`` (for the benchmark).
    """
    timings = timings if timings is not None else {}
    timings.setdefault("sentence_splitting", 0.0)
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    events = read_events(data_dir / paths.EVENTS_FILE)
    speakers, aliases = read_speakers(data_dir / paths.SPEAKERS_FILE)
    outlets = read_outlets(data_dir / paths.OUTLETS_FILE)
    durations = read_durations(data_dir / paths.DURATIONS_FILE, set(events["event"]), set(speakers["speaker"]))
    manifest = read_manifest(data_dir / paths.MANIFEST_FILE, set(events["event"]))
    exclusion_rows = read_exclusions(data_dir / paths.EXCLUSIONS_FILE, set(manifest["doc_id"]),
                                     set(speakers["speaker"]))
    not_label_rows = read_not_labels(data_dir / paths.NOT_LABELS_FILE, set(manifest["doc_id"]))
    abbreviations = load_abbreviations(data_dir / paths.ABBREVIATIONS_FILE)
    speaker_info = speakers.set_index("speaker")

    documents, turns, sentences, spans, exclusions = [], [], [], [], []
    for doc in manifest.to_dict("records"):
        source = data_dir / paths.RAW_DIR_NAME / doc["file"]
        text = read_source(source, doc, data_dir / paths.MANIFEST_FILE)
        rows = exclusion_rows.get(doc["doc_id"], [])
        if text.startswith(BOM):
            rows = [("byte_order_mark", BOM, "", 0)] + rows  # invisible mark some editors put first
        located = locate_exclusions(text, rows, source, data_dir / paths.EXCLUSIONS_FILE)
        not_labels = locate_exclusions(text, not_label_rows.get(doc["doc_id"], []), source,
                                       data_dir / paths.NOT_LABELS_FILE)
        if doc["kind"] == "transcript":
            doc_turns, doc_spans = parse_transcript(text, doc, located, aliases, speaker_info, source,
                                                    data_dir, abbreviations, not_labels, timings)
            attribute_outlets(doc_turns, outlets)
        else:
            doc_turns, doc_spans = [], segment_news(text, located, source)
        body = "\n".join(t["text"] for t in doc_turns) if doc_turns else analysed_text(text, doc_spans)
        if not body.strip():
            raise corpus_error(source, "the document has no text to analyse (it is empty, or every "
                               "character is excluded or a label)",
                               "put the text into the file, or remove its row from the manifest",
                               line=None)
        doc_sentences = sentence_rows(doc, doc_turns)
        documents.append(document_row(doc, text, body, doc_spans, doc_turns, doc_sentences))
        turns += doc_turns
        sentences += doc_sentences
        spans += [span_row(doc["doc_id"], s) for s in doc_spans]
        exclusions += [exclusion_row(doc["doc_id"], text, e, rows) for e in located]

    documents = pd.DataFrame(documents).merge(events.drop(columns=[LINE]), on="event", how="left",
                                              validate="many_to_one")
    return Corpus(
        documents=documents,
        turns=pd.DataFrame([{c: t[c] for c in TURN_COLUMNS} for t in turns], columns=TURN_COLUMNS)
        .astype({"turn": "int64", "n_words": "int64"}),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        spans=pd.DataFrame(spans, columns=SPAN_COLUMNS).astype({"turn": "Int64"}),
        exclusions=pd.DataFrame(exclusions, columns=EXCLUSION_REPORT_COLUMNS),
        events=events.drop(columns=[LINE]),
        speakers=speakers.drop(columns=[LINE]),
        outlets=outlets.drop(columns=[LINE]),
        durations=durations.drop(columns=[LINE]),
        data_dir=data_dir,
    )


# --- data files -----------------------------------------------------------------------------------

def read_events(path: Path) -> pd.DataFrame:
    events = read_table(path, EVENT_COLUMNS)
    seen = set()
    for row in events.to_dict("records"):
        event = row["event"].strip()
        if not ID_PATTERN.match(event):
            raise corpus_error(path, f"event id {event!r} is empty or has characters other than "
                               "lower-case letters, digits, '-', '_' and '.'",
                               "use an id such as 'geneva-2021'", line=row[LINE])
        if event in seen:
            raise corpus_error(path, f"event {event!r} is listed twice", "keep one row per event",
                               line=row[LINE])
        seen.add(event)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"].strip()):
            raise corpus_error(path, f"date {row['date']!r} of event {event!r} is not YYYY-MM-DD",
                               "write the date as e.g. 2021-06-16", line=row[LINE])
    events["event"] = events["event"].str.strip()
    for column in EVENT_NUMBER_COLUMNS:
        if column in events.columns:
            events[column] = numbers(events, column, path)
    return events


def numbers(table: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """A column of non-negative numbers (empty = unknown), or an error naming the line."""
    values = pd.to_numeric(table[column].str.strip().replace("", None), errors="coerce")
    bad = table[(values.isna() & table[column].str.strip().ne("")) | (values < 0)]
    if len(bad):
        row = bad.iloc[0]
        raise corpus_error(path, f"{column} is {row[column]!r}, not a number of minutes",
                           "write a number such as 8.5, or leave the field empty if unknown", line=row[LINE])
    return values.astype("float64")


def read_outlets(path: Path) -> pd.DataFrame:
    """Media outlets with their country and origin; ``aliases`` are the names journalists give."""
    outlets = read_table(path, OUTLET_COLUMNS)
    seen: dict[str, str] = {}
    for row in outlets.to_dict("records"):
        if not row["outlet"].strip() or not row["origin"].strip():
            raise corpus_error(path, "an outlet row has no 'outlet' or no 'origin'",
                               "fill both (origin is e.g. 'russian' or 'foreign')", line=row[LINE])
        for alias in [row["outlet"]] + row["aliases"].split(";"):
            alias = " ".join(alias.split()).casefold()
            if alias and seen.setdefault(alias, row["outlet"]) != row["outlet"]:
                raise corpus_error(path, f"name {alias!r} is given for two outlets",
                                   "keep each alias on one outlet only", line=row[LINE])
    return outlets


def read_durations(path: Path, events: set[str], speakers: set[str]) -> pd.DataFrame:
    """Published speaking times per event and speaker, as a range of minutes with its source."""
    durations = read_table(path, DURATION_COLUMNS)
    for row in durations.to_dict("records"):
        if row["event"] not in events:
            raise corpus_error(path, f"unknown event {row['event']!r}", f"use an event id from {paths.EVENTS_FILE}",
                               line=row[LINE])
        if row["speaker"] not in speakers:
            raise corpus_error(path, f"unknown speaker {row['speaker']!r}",
                               f"use a speaker from {paths.SPEAKERS_FILE}", line=row[LINE])
    for column in ("minutes_low", "minutes_high"):
        durations[column] = numbers(durations, column, path)
    wrong = durations[durations["minutes_low"] > durations["minutes_high"]]
    if len(wrong):
        raise corpus_error(path, "minutes_low is larger than minutes_high", "swap the two values",
                           line=wrong.iloc[0][LINE])
    return durations


def read_speakers(path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """The speakers table and a map from each alias (case-folded, single-spaced) to its speaker."""
    speakers = read_table(path, SPEAKER_COLUMNS)
    aliases: dict[str, str] = {}
    for row in speakers.to_dict("records"):
        if not row["speaker"].strip():
            raise corpus_error(path, "a speaker has no name", "fill the 'speaker' column", line=row[LINE])
        if row["role"] not in ROLES:
            raise corpus_error(path, f"role {row['role']!r} of {row['speaker']!r} is not one of "
                               f"{', '.join(ROLES)}", "use one of those roles", line=row[LINE])
        for alias in (collapse_label(a) for a in row["aliases"].split(";")):
            if not alias:
                continue
            problem = alias_problem(alias)
            if problem:
                raise corpus_error(path, f"alias {alias!r} of {row['speaker']!r} can never be recognised as a "
                                   f"speaker label: {problem}", "write the alias as it appears before the colon "
                                   "in the transcript, or leave it out", line=row[LINE])
            other = aliases.setdefault(alias.casefold(), row["speaker"])
            if other != row["speaker"]:
                raise corpus_error(path, f"alias {alias!r} belongs to both {other!r} and {row['speaker']!r}",
                                   "keep the alias on one speaker only", line=row[LINE])
    if speakers["speaker"].duplicated().any():
        dup = speakers[speakers["speaker"].duplicated()].iloc[0]
        raise corpus_error(path, f"speaker {dup['speaker']!r} is listed twice",
                           "merge the rows and join their aliases with ';'", line=dup[LINE])
    return speakers, aliases


def read_manifest(path: Path, events: set[str]) -> pd.DataFrame:
    manifest = read_table(path, MANIFEST_COLUMNS)
    raw_dir = (path.parent / paths.RAW_DIR_NAME).resolve()
    seen = set()
    for row in manifest.to_dict("records"):
        line, doc_id = row[LINE], row["doc_id"]
        if not ID_PATTERN.match(doc_id):
            raise corpus_error(path, f"doc_id {doc_id!r} is empty or has characters other than lower-case "
                               "letters, digits, '-', '_' and '.'", "use an id such as "
                               "'geneva2021_kremlin_transcript'", line=line)
        if doc_id in seen:
            raise corpus_error(path, f"doc_id {doc_id!r} is listed twice", "give each document its own id",
                               line=line)
        seen.add(doc_id)
        if row["event"] not in events:
            raise corpus_error(path, f"unknown event {row['event']!r} for {doc_id!r} (known: "
                               f"{', '.join(sorted(events))})",
                               f"add a row for the event to {paths.EVENTS_FILE} or correct the id",
                               line=line)
        if row["kind"] not in KINDS:
            raise corpus_error(path, f"kind {row['kind']!r} of {doc_id!r} is not one of {', '.join(KINDS)}",
                               "use 'transcript' for speaker-labelled text, 'news' for a report", line=line)
        file = (raw_dir / row["file"]).resolve()
        if not row["file"] or Path(row["file"]).is_absolute() or raw_dir not in file.parents:
            raise corpus_error(path, f"file {row['file']!r} of {doc_id!r} is not inside {raw_dir}",
                               "copy the file into data/raw/ and give its name relative to data/raw/",
                               line=line)
        if not file.is_file():
            raise corpus_error(path, f"file {row['file']!r} of {doc_id!r} is missing from {raw_dir}",
                               "copy the file into data/raw/ or correct its name", line=line)
    return manifest


def read_snippet_rows(path: Path, columns: list[str], doc_ids: set[str], empty_fix: str) -> list[dict]:
    """Rows of a file that lists exact text per document (exclusions, not-labels): known doc_id, text given."""
    rows = read_table(path, columns).to_dict("records")
    for row in rows:
        if row["doc_id"] not in doc_ids:
            raise corpus_error(path, f"doc_id {row['doc_id']!r} is not in {paths.MANIFEST_FILE}",
                               "correct the id or delete the row", line=row[LINE])
        if not row["text"].strip():
            raise corpus_error(path, "the text is empty", empty_fix, line=row[LINE])
    return rows


def read_exclusions(path: Path, doc_ids: set[str], speakers: set[str]) -> dict[str, list]:
    """Listed exclusions per document as ``(kind, text, speaker, csv_line)`` tuples."""
    per_doc: dict[str, list] = {}
    for row in read_snippet_rows(path, EXCLUSION_COLUMNS, doc_ids, "copy the exact snippet into 'text'"):
        if row["kind"] not in EXCLUSION_KINDS:
            raise corpus_error(path, f"kind {row['kind']!r} is not one of {', '.join(EXCLUSION_KINDS)}",
                               "use one of those kinds (see data/README.md)", line=row[LINE])
        if row["kind"] == "speaker_card" and row["speaker"] not in speakers:
            raise corpus_error(path, f"speaker card names speaker {row['speaker']!r}, who is not in "
                               f"{paths.SPEAKERS_FILE}", "put a speaker from speakers.csv in 'speaker'",
                               line=row[LINE])
        per_doc.setdefault(row["doc_id"], []).append((row["kind"], row["text"], row["speaker"], row[LINE]))
    return per_doc


def read_not_labels(path: Path, doc_ids: set[str]) -> dict[str, list]:
    """Lines that look like speaker labels but are text, per document, as exclusion-like tuples."""
    per_doc: dict[str, list] = {}
    for row in read_snippet_rows(path, NOT_LABEL_COLUMNS, doc_ids,
                                 "copy the start of the line, up to and including its colon, into 'text'"):
        per_doc.setdefault(row["doc_id"], []).append(("not_a_label", row["text"], "", row[LINE]))
    return per_doc


def read_source(source: Path, doc: dict, manifest: Path) -> str:
    """The decoded text of a raw file, after checking its checksum and encoding."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not doc["sha256"].strip():
        raise corpus_error(manifest, f"no sha256 is recorded for {doc['doc_id']!r}",
                           f"put {digest} (the checksum of {source.name} as it is now) in its 'sha256' column",
                           line=doc[LINE])
    if digest != doc["sha256"].strip().lower():
        raise corpus_error(
            source, f"sha256 is {digest}, but {manifest.name} line {doc[LINE]} records {doc['sha256']!r}: "
            "the raw file was changed", "raw files are never edited: restore it (git checkout -- "
            f"{source.name}); list unwanted text in exclusions.csv instead. For a new file, put its "
            "sha256 (sha256sum FILE) in the manifest")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise corpus_error(source, f"bytes that are not UTF-8 ({exc.reason}, byte {exc.start}: "
                           f"{data[exc.start:exc.start + 4]!r})",
                           "re-save the file as UTF-8 in an editor, then update its sha256", line=line) from exc
    if not text.strip():
        raise corpus_error(source, "the document is empty", "put the text into the file, or remove its "
                           f"row from {manifest.name}")
    return text


# --- one document ---------------------------------------------------------------------------------

def parse_transcript(text: str, doc: dict, exclusions: list[Exclusion], aliases: dict[str, str],
                     speaker_info: pd.DataFrame, source: Path, data_dir: Path,
                     abbreviations: frozenset[str], not_labels: list[Exclusion] = (),
                     timings: dict | None = None) -> tuple[list[dict], list[Span]]:
    labels, spans = segment_transcript(text, exclusions, aliases, source, data_dir / paths.SPEAKERS_FILE,
                                       data_dir / paths.EXCLUSIONS_FILE, not_labels)
    turns = []
    for turn, label in enumerate(labels):
        own = [s for s in spans if s.turn == turn and s.kind in ("text", "exclusion") and s.start >= label.end]
        body_end = labels[turn + 1].start if turn + 1 < len(labels) else len(text)
        body_spans = [s for s in spans if label.end <= s.start < body_end]
        turn_text = analysed_text(text, body_spans)
        texts = [s for s in own if s.kind == "text"]
        turns.append({
            "doc_id": doc["doc_id"], "event": doc["event"], "turn": turn, "speaker": label.speaker,
            "role": speaker_info.at[label.speaker, "role"], "country": speaker_info.at[label.speaker, "country"],
            "label": label.text if label.kind == "label" else "(speaker card)",
            "text": turn_text,
            "sentences": timed(timings, "sentence_splitting", split_sentences, turn_text, abbreviations),
            "start_char": texts[0].start if texts else label.end,
            "end_char": texts[-1].end if texts else label.end,
            "label_start": label.start, "label_end": label.end,
        })
    for turn in turns:  # a sentence split falls on whitespace, so sentence counts add up to the turn's
        turn["sentence_words"] = [count_words(sentence) for sentence in turn["sentences"]]
        turn["n_words"] = sum(turn["sentence_words"])
        turn["n_sentences"] = len(turn["sentences"])
    attribute_journalists(turns, FOLLOW_UP_LABELS)
    return turns, spans


def attribute_outlets(turns: list[dict], outlets: pd.DataFrame) -> None:
    """Replace the outlet as named by its entry in outlets.csv, with country and origin.

    An outlet that is named but not listed keeps its name, with country and origin ``unknown``, so
    that it shows up in every table rather than disappearing.
    """
    by_alias = {}
    for row in outlets.to_dict("records"):
        for alias in [row["outlet"]] + row["aliases"].split(";"):
            by_alias[" ".join(alias.split()).casefold()] = row
    for turn in turns:
        named = turn["outlet"]
        listed = by_alias.get(" ".join(named.split()).casefold()) if named else None
        turn["outlet"] = listed["outlet"] if listed else named
        turn["outlet_country"] = listed["country"] if listed else ("unknown" if named else "")
        turn["outlet_origin"] = listed["origin"] if listed else ("unknown" if named else "")


def timed(timings: dict | None, key: str, function, *args):
    """Call ``function(*args)``, adding the seconds it took to ``timings[key]`` when timings is a dict."""
    if timings is None:
        return function(*args)
    started = time.perf_counter()
    result = function(*args)
    timings[key] = timings.get(key, 0.0) + time.perf_counter() - started
    return result


def sentence_rows(doc: dict, turns: list[dict]) -> list[dict]:
    rows, position = [], 0
    for turn in turns:
        for index, sentence in enumerate(turn["sentences"]):
            rows.append({
                "doc_id": doc["doc_id"], "event": doc["event"], "turn": turn["turn"], "sentence": index,
                "position": position, "speaker": turn["speaker"], "role": turn["role"],
                "label": turn["label"], "journalist": turn["journalist"], "outlet": turn["outlet"],
                "text": sentence, "n_words": turn["sentence_words"][index],
            })
            position += 1
    return rows


def document_row(doc: dict, text: str, body: str, spans: list[Span], turns: list[dict],
                 sentences: list[dict]) -> dict:
    def chars(kind: str) -> int:
        return sum(s.end - s.start for s in spans if s.kind == kind)

    row = {c: doc[c] for c in MANIFEST_COLUMNS}
    row.update(
        n_chars=len(text), n_text_chars=chars("text"), n_excluded_chars=chars("exclusion"),
        n_label_chars=chars("label"), n_whitespace_chars=chars("whitespace"),
        n_exclusions=sum(1 for s in spans if s.kind == "exclusion"),
        n_turns=len(turns), n_sentences=len(sentences),
        n_words=sum(t["n_words"] for t in turns) if turns else count_words(body), text=body,
    )
    return row


def span_row(doc_id: str, span: Span) -> dict:
    return {"doc_id": doc_id, "start_char": span.start, "end_char": span.end, "kind": span.kind,
            "turn": span.turn, "detail": span.detail}


def exclusion_row(doc_id: str, text: str, exclusion: Exclusion, rows: list) -> dict:
    kind, snippet, speaker, csv_line = next(r for r in rows if r[3] == exclusion.csv_line)
    return {"doc_id": doc_id, "kind": kind, "text": snippet, "speaker": speaker,
            "start_char": exclusion.start, "end_char": exclusion.end,
            "n_chars": exclusion.end - exclusion.start, "source_line": line_of(text, exclusion.start),
            "csv_line": csv_line}
