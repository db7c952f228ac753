"""Loading the corpus: validated data files in, tidy pandas tables out.

The tables and their columns are documented in ``data/README.md``. Comparisons select rows of
these tables (``Corpus.select``); nothing copies the corpus.

Every check reports to a :class:`~analysis.errors.Problems` sink. :func:`load_corpus` raises the first
problem as a :class:`CorpusError`; ``python -m analysis.check`` collects them all (:func:`read_corpus` with a
collecting sink), because the loader carries on with whatever it can still check.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .characters import Normalised, character_name, normalise_characters
from .errors import Paste, Problems, corpus_error
from .journalists import attribute_journalists
from .segments import (UNKNOWN, Exclusion, Label, Span, alias_problem, analysed_text, collapse_label, guard_labels,
                       label_spans, line_of, line_pattern, locate_exclusions, segment_news, segment_transcript)
from .schema import SCHEMAS, read_declared
from .tables import LINE
from .text import count_words, load_abbreviations, split_sentences

MANIFEST_COLUMNS = ["doc_id", "event", "kind", "publisher", "title", "file", "sha256", "seed_name", "notes"]
EVENT_NUMBER_COLUMNS = ["press_minutes_low", "press_minutes_high", "talks_minutes"]
KINDS = ("transcript", "news")
EXCLUSION_KINDS = SCHEMAS[paths.EXCLUSIONS_FILE].columns[1].choices
ROLE_GROUPS = ("principal", "press", "staff")
"""What a role does at a press appearance, which is all the code knows about roles (``data/roles.csv`` has the
roles themselves): ``principal`` speaks for a government and answers (heads of state and government,
ministers, spokespersons: news quotes are matched to them), ``press`` asks the questions (an exchange opens
with them), ``staff`` runs the event or relays it (moderators, interpreters)."""
FOLLOW_UP_LABELS = frozenset({"remark", "follow-up"})


TURN_COLUMNS = ["doc_id", "event", "turn", "speaker", "role", "role_group", "country", "label", "journalist",
                "outlet", "outlet_country", "outlet_origin", "journalist_source", "text", "n_words", "n_sentences",
                "start_char", "end_char", "label_start", "label_end"]
SENTENCE_COLUMNS = ["doc_id", "event", "turn", "sentence", "position", "speaker", "role", "role_group", "label",
                    "journalist", "outlet", "text", "n_words"]
SPAN_COLUMNS = ["doc_id", "start_char", "end_char", "kind", "turn", "detail"]
EXCLUSION_REPORT_COLUMNS = ["doc_id", "kind", "text", "speaker", "start_char", "end_char", "n_chars",
                            "source_line", "csv_line"]


@dataclass(frozen=True)
class Comparison:
    """One comparison of ``data/comparison.csv``: a speaker at one event against a speaker at another. The same
    speaker at both (the speaker held constant: Putin at Geneva and at Anchorage), or two speakers in the same role
    (the office held constant, not the person: the US president, Biden at Geneva and Trump at Anchorage)."""

    first: str
    second: str
    first_speaker: str
    second_speaker: str
    why: str = ""
    id: str = ""
    primary: bool = True  # the file's first row: its outputs keep the suite's names ("..._comparison")

    @property
    def events(self) -> list[str]:
        return [self.first, self.second]

    @property
    def same_speaker(self) -> bool:
        return self.first_speaker == self.second_speaker

    @property
    def speaker(self) -> str:
        """The compared speaker of a comparison of one speaker; a comparison of two speakers has none (use
        :meth:`speaker_at`)."""
        if not self.same_speaker:
            raise ValueError(f"comparison {self.id!r} compares two speakers: use speaker_at(event)")
        return self.first_speaker

    @property
    def sides(self) -> list[tuple[str, str]]:
        """``[(first event, its speaker), (second event, its speaker)]``."""
        return [(self.first, self.first_speaker), (self.second, self.second_speaker)]

    def speaker_at(self, event: str) -> str:
        return self.first_speaker if event == self.first else self.second_speaker

    def side(self, frame: pd.DataFrame, event: str) -> pd.DataFrame:
        """The rows of a turns or sentences table that the comparison compares at ``event``: its speaker's there."""
        return frame[(frame["event"] == event) & (frame["speaker"] == self.speaker_at(event))]

    def both_sides(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of both sides, in the table's order."""
        return frame[((frame["event"] == self.first) & (frame["speaker"] == self.first_speaker))
                     | ((frame["event"] == self.second) & (frame["speaker"] == self.second_speaker))]

    def named(self, base: str) -> str:
        """The name of an output of this comparison: ``base`` for the first row of the file, ``base_<id>`` for the
        others, so that adding a comparison renames nothing already written."""
        return base if self.primary else f"{base}_{self.id}"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a loaded corpus is one object
class Corpus:
    """The corpus as tables. ``spans`` tiles every source character; see ``data/README.md``."""

    documents: pd.DataFrame
    turns: pd.DataFrame
    sentences: pd.DataFrame
    spans: pd.DataFrame
    exclusions: pd.DataFrame
    events: pd.DataFrame  # in date order (then events.csv order): every table and figure follows it
    speakers: pd.DataFrame
    roles: pd.DataFrame
    outlets: pd.DataFrame
    durations: pd.DataFrame
    comparison: Comparison | None  # the first row of comparison.csv (the suite's own comparison), or None
    data_dir: Path
    comparisons: tuple[Comparison, ...] = ()  # every row of comparison.csv, in file order

    def raw_text(self, doc_id: str) -> str:
        """The decoded source text of a document, exactly as in ``data/raw/``."""
        file = self.documents.loc[self.documents["doc_id"] == doc_id, "file"].item()
        return (self.data_dir / paths.RAW_DIR_NAME / file).read_bytes().decode("utf-8")

    def speakers_in(self, group: str) -> list[str]:
        """The speakers whose role is in a role group (``principal``, ``press`` or ``staff``), in speakers.csv order."""
        groups = self.speakers["role"].map(self.roles.set_index("role")["group"])
        return self.speakers.loc[groups == group, "speaker"].tolist()

    def select(self, table: str = "sentences", **criteria) -> pd.DataFrame:
        """Rows of one table where each column equals a value or is in a list of values.

        ``corpus.select("turns", event=corpus.events["event"].iloc[0], role_group="press")``
        """
        frame = getattr(self, table)
        mask = pd.Series(True, index=frame.index)
        for column, wanted in criteria.items():
            if column not in frame.columns:
                raise KeyError(f"{table} has no column {column!r}; columns: {', '.join(frame.columns)}")
            values = wanted if isinstance(wanted, (list, tuple, set, frozenset)) else [wanted]
            mask &= frame[column].isin(list(values))
        return frame[mask]


@dataclass(frozen=True)
class Parsed:
    """One transcript as the loader cut it, for tools that look further (``analysis.check``)."""

    doc: dict
    text: str
    labels: list[Label]
    spans: list[Span]


def load_corpus(data_dir: Path | str | None = None) -> Corpus:
    """Load and validate the corpus described by the CSV files in ``data_dir`` (default ``data/``).

    Raises :class:`analysis.CorpusError` naming file, line and fix for the first bad input found
    (``python -m analysis.check`` lists them all).
    """
    return read_corpus(data_dir, Problems())


def read_corpus(data_dir: Path | str | None, problems: Problems,
                inspect: Callable[[Parsed], None] | None = None, extra_documents: list[dict] = ()) -> Corpus | None:
    """Check every data file and document, reporting each problem to ``problems``; build the corpus.

    Returns None if a problem was found (only possible when ``problems`` collects). ``inspect`` is called
    with each transcript that could be cut into turns. ``extra_documents`` are manifest rows not (yet) in the
    manifest, read as if they were (the check looks inside a raw file before its row is pasted).
    """
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    events = read_events(data_dir / paths.EVENTS_FILE, problems)
    roles = read_roles(data_dir / paths.ROLES_FILE, problems)
    speakers, aliases = read_speakers(data_dir / paths.SPEAKERS_FILE, set(roles["role"]), problems)
    outlets = read_outlets(data_dir / paths.OUTLETS_FILE, problems)
    durations = read_durations(data_dir / paths.DURATIONS_FILE, set(events["event"]), set(speakers["speaker"]),
                               problems)
    manifest = read_manifest(data_dir / paths.MANIFEST_FILE, set(events["event"]), problems)
    documents_to_read = manifest.to_dict("records") + list(extra_documents)
    doc_ids = {doc["doc_id"] for doc in documents_to_read}
    document_labels = read_document_labels(data_dir / paths.DOCUMENT_LABELS_FILE, doc_ids,
                                           set(speakers["speaker"]), problems)
    exclusion_rows = read_exclusions(data_dir / paths.EXCLUSIONS_FILE, doc_ids, set(speakers["speaker"]), problems)
    not_label_rows = read_not_labels(data_dir / paths.NOT_LABELS_FILE, doc_ids, problems)
    comparisons = read_comparisons(data_dir / paths.COMPARISON_FILE, set(events["event"]),
                                   dict(zip(speakers["speaker"], speakers["role"])), problems)
    abbreviations = load_abbreviations(data_dir / paths.ABBREVIATIONS_FILE)
    speaker_info = (speakers.assign(role_group=speakers["role"].map(roles.set_index("role")["group"]))
                    .drop_duplicates("speaker").set_index("speaker")[["role", "role_group", "country"]]
                    .to_dict("index"))

    outlet_names = outlet_aliases(outlets)
    names_by_event = participant_names(events, aliases)
    documents, turns, exclusions = [], [], []
    spans: dict[str, list] = {column: [] for column in SPAN_COLUMNS}
    sentences: dict[str, list] = {column: [] for column in SENTENCE_COLUMNS}
    for doc in documents_to_read:
        source = data_dir / paths.RAW_DIR_NAME / doc["file"]
        raw = read_source(source, doc, data_dir / paths.MANIFEST_FILE, problems)
        if raw is None:
            continue
        view = normalise_characters(raw)
        report_refused_characters(view, source, problems)
        text = view.text  # labels, exclusions and line numbers are read here; spans are mapped back to raw
        rows = normalised_snippets(exclusion_rows.get(doc["doc_id"], []))
        located = locate_exclusions(text, rows, source, data_dir / paths.EXCLUSIONS_FILE, problems)
        not_labels = locate_exclusions(text, normalised_snippets(not_label_rows.get(doc["doc_id"], [])), source,
                                       data_dir / paths.NOT_LABELS_FILE, problems)
        if doc["kind"] == "transcript":
            doc_aliases = {**aliases, **document_labels.get(doc["doc_id"], {})}
            cut = cut_transcript(text, doc, located, not_labels, doc_aliases, source, data_dir, problems,
                                 names_by_event.get(doc["event"], {}))
            if cut is None:
                continue
            labels, doc_spans = cut
            if inspect is not None:
                inspect(Parsed(doc, text, labels, doc_spans))
            if any(label.speaker == UNKNOWN for label in labels):
                continue  # reported; the turns of an unknown speaker cannot be built
            doc_turns = build_turns(text, doc, labels, doc_spans, speaker_info, abbreviations)
            attribute_outlets(doc_turns, outlet_names)
        elif doc["kind"] == "news":
            doc_aliases = {**aliases, **document_labels.get(doc["doc_id"], {})}
            check_news_has_no_labels(text, doc, located + not_labels, doc_aliases, source,
                                     data_dir / paths.MANIFEST_FILE, problems)
            doc_turns, doc_spans = [], segment_news(text, located, source)
        else:
            continue  # an unknown kind is reported with the manifest
        body = "\n".join(t["text"] for t in doc_turns) if doc_turns else analysed_text(text, doc_spans)
        if not body.strip():
            problems.report(corpus_error(source, "the document has no text to analyse (it is empty, or every "
                                         "character is excluded or a label)",
                                         "put the text into the file, or remove its row from the manifest"))
            continue
        doc_sentences = sentence_columns(doc, doc_turns)
        raw_spans = spans_in_raw(view, doc_spans)
        documents.append(document_row(doc, raw, body, raw_spans, doc_turns, doc_sentences))
        turns += [turn_in_raw(view, t) for t in doc_turns]
        for column in SENTENCE_COLUMNS:  # by column: a dict per sentence would cost more than the text itself
            sentences[column] += doc_sentences[column]
        for column, values in span_columns(doc["doc_id"], raw_spans).items():
            spans[column] += values
        exclusions += [exclusion_row(doc["doc_id"], view, e) for e in located]

    if not problems.errors:  # (documents with errors have no turns yet)
        for line, comparison in enumerate(comparisons, start=2):
            check_comparison_speakers(comparison, turns, data_dir / paths.COMPARISON_FILE, line, problems)
    if problems.errors:
        return None
    events = events.drop(columns=[LINE])
    documents = pd.DataFrame(documents).merge(events, on="event", how="left", validate="many_to_one")
    return Corpus(
        documents=documents,
        turns=pd.DataFrame({c: [t[c] for t in turns] for c in TURN_COLUMNS}, columns=TURN_COLUMNS)
        .astype({"turn": "int64", "n_words": "int64"}),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),  # (empty lists: an empty table)
        spans=pd.DataFrame(spans, columns=SPAN_COLUMNS).astype({"turn": "Int64"}),
        exclusions=pd.DataFrame(exclusions, columns=EXCLUSION_REPORT_COLUMNS),
        events=events,
        speakers=speakers.drop(columns=[LINE]),
        roles=roles.drop(columns=[LINE]),
        outlets=outlets.drop(columns=[LINE]),
        durations=durations.drop(columns=[LINE]),
        comparison=comparisons[0] if comparisons else None,
        comparisons=tuple(comparisons),
        data_dir=data_dir,
    )


# --- data files -----------------------------------------------------------------------------------

def read_events(path: Path, problems: Problems) -> pd.DataFrame:
    """The events, in date order (stable: events.csv order within a day)."""
    events = read_declared(path, problems)
    events["event"] = events["event"].str.strip()
    events["date"] = events["date"].str.strip()
    for column in EVENT_NUMBER_COLUMNS:
        events[column] = numbers(events, column)
    return events.sort_values("date", kind="stable").reset_index(drop=True)


def numbers(table: pd.DataFrame, column: str) -> pd.Series:
    """A ``minutes`` column as numbers, NaN where empty (unknown). The schema has checked and emptied bad values."""
    return pd.to_numeric(table[column].str.strip().replace("", None), errors="coerce").astype("float64")


def read_roles(path: Path, problems: Problems) -> pd.DataFrame:
    """Speaker roles (``data/roles.csv``), each with its label for figures and its group (:data:`ROLE_GROUPS`)."""
    roles = read_declared(path, problems)
    roles = roles[roles["group"].isin(ROLE_GROUPS)].reset_index(drop=True)  # (a bad group is reported)
    roles["label"] = roles["label"].where(roles["label"].str.strip().ne(""), roles["role"].str.replace("_", " "))
    return roles


def read_outlets(path: Path, problems: Problems) -> pd.DataFrame:
    """Media outlets with their country and origin; ``aliases`` are the names journalists give."""
    outlets = read_declared(path, problems)
    seen: dict[str, str] = {}
    for row in outlets.to_dict("records"):
        for alias in [row["outlet"]] + row["aliases"].split(";"):
            alias = " ".join(alias.split()).casefold()
            if alias and seen.setdefault(alias, row["outlet"]) != row["outlet"]:
                problems.report(corpus_error(path, f"name {alias!r} is given for two outlets",
                                             "keep each alias on one outlet only", line=row[LINE]))
    return outlets


def read_durations(path: Path, events: set[str], speakers: set[str], problems: Problems) -> pd.DataFrame:
    """Published speaking times per event and speaker, as a range of minutes with its source."""
    durations = read_declared(path, problems)
    keep = []
    for index, row in zip(durations.index, durations.to_dict("records")):
        if row["event"] not in events:
            problems.report(corpus_error(path, f"unknown event {row['event']!r}",
                                         f"use an event id from {paths.EVENTS_FILE}", line=row[LINE]))
        elif row["speaker"] not in speakers:
            problems.report(corpus_error(path, f"unknown speaker {row['speaker']!r}",
                                         f"use a speaker from {paths.SPEAKERS_FILE}", line=row[LINE]))
        else:
            keep.append(index)
    durations = durations.loc[keep].reset_index(drop=True)
    for column in ("minutes_low", "minutes_high"):
        durations[column] = numbers(durations, column)
    for row in durations[durations["minutes_low"] > durations["minutes_high"]].to_dict("records"):
        problems.report(corpus_error(path, "minutes_low is larger than minutes_high", "swap the two values",
                                     line=row[LINE]))
    return durations


def read_speakers(path: Path, roles: set[str], problems: Problems) -> tuple[pd.DataFrame, dict[str, str]]:
    """The speakers table and a map from each alias (case-folded, single-spaced) to its speaker."""
    speakers = read_declared(path, problems)
    aliases: dict[str, str] = {}
    for row in speakers.to_dict("records"):
        if not row["speaker"].strip():
            continue  # reported with the schema
        if row["role"] not in roles:
            problems.report(corpus_error(path, f"role {row['role']!r} of {row['speaker']!r} is not one of "
                                         f"{', '.join(sorted(roles))} (data/roles.csv)",
                                         f"use one of those roles, or add a row for a new role to {paths.ROLES_FILE}",
                                         line=row[LINE]))
        for alias in (collapse_label(a) for a in row["aliases"].split(";")):
            if not alias:
                continue
            problem = alias_problem(alias)
            if problem:
                problems.report(corpus_error(
                    path, f"alias {alias!r} of {row['speaker']!r} can never be recognised as a speaker label: "
                    f"{problem}", "write the alias as it appears before the colon in the transcript, or leave it "
                    "out", line=row[LINE]))
                continue
            other = aliases.setdefault(alias.casefold(), row["speaker"])
            if other != row["speaker"]:
                problems.report(corpus_error(path, f"alias {alias!r} belongs to both {other!r} and "
                                             f"{row['speaker']!r}", "keep the alias on one speaker only (a label "
                                             "that means different people in different transcripts goes into "
                                             f"{paths.DOCUMENT_LABELS_FILE})", line=row[LINE]))
    return speakers, aliases


def read_document_labels(path: Path, doc_ids: set[str], speakers: set[str],
                         problems: Problems) -> dict[str, dict[str, str]]:
    """Labels that name a speaker in one document only ("THE PRESIDENT" in a White House transcript), per
    document, as a map from the case-folded label to the speaker. They take precedence over aliases."""
    per_doc: dict[str, dict[str, str]] = {}
    for row in read_declared(path, problems).to_dict("records"):
        label = collapse_label(row["label"])
        if row["doc_id"] not in doc_ids:
            problems.report(corpus_error(path, f"doc_id {row['doc_id']!r} is not in {paths.MANIFEST_FILE}",
                                         "correct the id or delete the row", line=row[LINE]))
        elif row["speaker"] not in speakers:
            error = corpus_error(path, f"speaker {row['speaker']!r} is not in {paths.SPEAKERS_FILE}",
                                 f"put the speaker's name as written in {paths.SPEAKERS_FILE} (add a row there for a "
                                 "new speaker)", line=row[LINE])
            error.details = {"kind": "unlisted_speaker", "doc_id": row["doc_id"], "speaker": row["speaker"],
                             "label": label}
            problems.report(error)
            per_doc.setdefault(row["doc_id"], {})[label.casefold()] = UNKNOWN  # reported: not unknown a second time
        elif alias_problem(label):
            problems.report(corpus_error(path, f"label {label!r} can never be recognised as a speaker label: "
                                         f"{alias_problem(label)}", "write the label as it appears before the "
                                         "colon in the transcript", line=row[LINE]))
        elif per_doc.setdefault(row["doc_id"], {}).setdefault(label.casefold(), row["speaker"]) != row["speaker"]:
            problems.report(corpus_error(path, f"label {label!r} is given two speakers in {row['doc_id']!r}",
                                         "keep one row per label and document", line=row[LINE]))
    return per_doc


def read_manifest(path: Path, events: set[str], problems: Problems) -> pd.DataFrame:
    """The manifest; rows that name no readable file are reported and left out."""
    manifest = read_declared(path, problems)
    raw_dir = (path.parent / paths.RAW_DIR_NAME).resolve()
    keep, files = [], {}  # files: resolved path, (device, inode) and sha256 -> doc_id
    for index, row in zip(manifest.index, manifest.to_dict("records")):
        line, doc_id = row[LINE], row["doc_id"]
        if row["event"] not in events:
            problems.report(corpus_error(path, f"unknown event {row['event']!r} for {doc_id!r} (known: "
                                         f"{', '.join(sorted(events))})",
                                         f"add a row for the event to {paths.EVENTS_FILE} or correct the id",
                                         line=line))
        if row["kind"] not in KINDS:
            continue  # reported with the schema
        file = (raw_dir / row["file"]).resolve()
        if not row["file"] or Path(row["file"]).is_absolute() or raw_dir not in file.parents:
            problems.report(corpus_error(path, f"file {row['file']!r} of {doc_id!r} is not inside {raw_dir}",
                                         "copy the file into data/raw/ and give its name relative to data/raw/",
                                         line=line))
            continue
        if not file.is_file():
            problems.report(corpus_error(path, f"file {row['file']!r} of {doc_id!r} is missing from {raw_dir}",
                                         "copy the file into data/raw/ or correct its name", line=line))
            continue
        identity = (file.stat().st_dev, file.stat().st_ino)  # one file under two names (a hard link) too
        digest = row["sha256"].strip().lower()
        twin = files.get(file) or files.get(identity) or (files.get(digest) if digest else None)
        if twin:
            problems.report(corpus_error(path, f"file {row['file']!r} of {doc_id!r} is the same file as that of "
                                         f"{twin!r} (by its path, a link, or its sha256): it would be counted twice",
                                         "keep one row per document", line=line))
            continue
        files.update({file: doc_id, identity: doc_id, **({digest: doc_id} if digest else {})})
        keep.append(index)
    return manifest.loc[keep].reset_index(drop=True)


def read_comparisons(path: Path, events: set[str], roles: dict[str, str], problems: Problems) -> list[Comparison]:
    """The comparisons of ``comparison.csv``, in file order: each a known speaker at a known event against a known
    speaker at another, the same speaker or two speakers of the same role (an empty file: none; a corpus without
    the seed events need not have one)."""
    table = read_declared(path, problems)
    found, seen = [], set()
    for index, row in enumerate(table.to_dict("records")):
        first, second = row["first_speaker"], row["second_speaker"]
        fix = None
        if row["comparison"] in seen:
            continue  # reported by the schema check (the id is the file's key)
        if first not in roles or second not in roles:
            fix = f"speaker {(first if first not in roles else second)!r} is not in {paths.SPEAKERS_FILE}"
        elif row["first_event"] not in events or row["second_event"] not in events:
            fix = f"event {row['first_event']!r} or {row['second_event']!r} is not in {paths.EVENTS_FILE}"
        elif row["first_event"] == row["second_event"]:
            fix = "the two events are the same"
        elif roles[first] != roles[second]:
            fix = (f"{first} ({roles[first]}) and {second} ({roles[second]}) differ in role: a comparison holds the "
                   "speaker or the role constant")
        if fix:
            problems.report(corpus_error(path, fix, "give the comparison an id of its own, two different events from "
                                         "events.csv and, for each, a speaker from speakers.csv who speaks there: the "
                                         "same speaker, or two speakers of the same role", line=int(row[LINE])))
            continue
        seen.add(row["comparison"])
        found.append(Comparison(row["first_event"], row["second_event"], first, second, row["why"], row["comparison"],
                                primary=index == 0))
    return found


def check_comparison_speakers(comparison: Comparison, turns: list[dict], path: Path, line: int,
                              problems: Problems) -> None:
    """Each compared speaker must speak at the event the comparison names for them."""
    missing = [f"{speaker} has no turn at {event}" for event, speaker in comparison.sides
               if not any(t["event"] == event and t["speaker"] == speaker for t in turns)]
    if missing:
        problems.report(corpus_error(path, "; ".join(missing), "choose speakers who speak at the events named (a "
                                     "transcript of each must be in the manifest)", line=line))


def read_snippet_rows(path: Path, doc_ids: set[str], problems: Problems) -> list[dict]:
    """Rows of a file that lists exact text per document (exclusions, not-labels): known doc_id, text given,
    ``count`` (optional column, default 1) a whole number of at least 1."""
    table = read_declared(path, problems)
    if "match" not in table.columns:
        table["match"] = ""
    rows = []
    for row in table.to_dict("records"):
        if row["doc_id"] not in doc_ids:
            problems.report(corpus_error(path, f"doc_id {row['doc_id']!r} is not in {paths.MANIFEST_FILE}",
                                         "correct the id or delete the row", line=row[LINE]))
            continue
        if not row["text"].strip():
            continue  # reported with the schema
        count = row["count"].strip() or "1"
        rows.append({**row, "count": int(count), "_columns": [c for c in table.columns if c != LINE]})
    return rows


def read_exclusions(path: Path, doc_ids: set[str], speakers: set[str], problems: Problems) -> dict[str, list[dict]]:
    """Listed exclusions per document (rows with ``kind``, ``text``, ``speaker``, ``count``, ``_line``)."""
    per_doc: dict[str, list[dict]] = {}
    for row in read_snippet_rows(path, doc_ids, problems):
        if row["kind"] not in EXCLUSION_KINDS:
            continue  # reported with the schema
        if row["match"].strip() == "lines":
            try:
                line_pattern(row["text"])
            except re.error as exc:
                problems.report(corpus_error(path, f"the pattern {row['text']!r} is not a regular expression "
                                             f"({exc})", "correct it, or write the exact text and empty 'match'",
                                             line=row[LINE]))
                continue
        row["match"] = row["match"].strip()
        if row["kind"] == "speaker_card" and row["speaker"] not in speakers:
            error = corpus_error(path, f"speaker card names speaker {row['speaker']!r}, who is not in "
                                 f"{paths.SPEAKERS_FILE}", "put a speaker from speakers.csv in 'speaker'",
                                 line=row[LINE])
            error.details = {"kind": "unlisted_speaker", "doc_id": row["doc_id"], "speaker": row["speaker"], "label": ""}
            problems.report(error)
            continue
        if row["kind"] != "speaker_card" and row["speaker"].strip():
            problems.report(corpus_error(path, f"a {row['kind']!r} row names the speaker {row['speaker']!r}; only a "
                                         "speaker_card starts a turn", "empty the 'speaker' field, or make the row "
                                         "a speaker_card if the text stands where a speaker's label belongs",
                                         line=row[LINE]))
            continue
        per_doc.setdefault(row["doc_id"], []).append(row)
    return per_doc


def read_not_labels(path: Path, doc_ids: set[str], problems: Problems) -> dict[str, list[dict]]:
    """Lines that look like speaker labels but are text, per document, as exclusion-like rows."""
    per_doc: dict[str, list[dict]] = {}
    for row in read_snippet_rows(path, doc_ids, problems):
        per_doc.setdefault(row["doc_id"], []).append({**row, "kind": "not_a_label", "speaker": ""})
    return per_doc


def read_source(source: Path, doc: dict, manifest: Path, problems: Problems) -> str | None:
    """The decoded text of a raw file, after checking its checksum and encoding (None if it cannot be read)."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    fixed = Paste(manifest, tuple(str(v) for k, v in {**doc, "sha256": digest}.items() if k != LINE), doc[LINE])
    if not doc["sha256"].strip():
        problems.report(corpus_error(manifest, f"no sha256 is recorded for {doc['doc_id']!r}",
                                     f"put {digest} (the checksum of {source.name} as it is now) in its 'sha256' "
                                     "column", line=doc[LINE], pastes=[fixed]))
    elif digest != doc["sha256"].strip().lower():
        problems.report(corpus_error(
            source, f"sha256 is {digest}, but {manifest.name} line {doc[LINE]} records {doc['sha256']!r}: "
            "the raw file was changed", "raw files are never edited: restore it (git checkout -- "
            f"{source.name}); list unwanted text in exclusions.csv instead. For a file you have just added, put "
            "its sha256 in the manifest", pastes=[] if doc["seed_name"].strip() else [fixed]))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.report(corpus_error(source, f"bytes that are not UTF-8 ({exc.reason}, byte {exc.start}: "
                                     f"{data[exc.start:exc.start + 4]!r})",
                                     "re-save the file as UTF-8 in an editor, then update its sha256", line=line))
        return None
    if not text.strip():
        problems.report(corpus_error(source, "the document is empty", "put the text into the file, or remove its "
                                     f"row from {manifest.name}"))
        return None
    return text


# --- one document ---------------------------------------------------------------------------------

def event_participants(events: pd.DataFrame) -> dict[str, list[str]]:
    """Per event, its participants as the event row spells them (``participants`` of events.csv, ';'-separated)."""
    if "participants" not in events.columns:
        return {}
    return {event: [" ".join(p.split()) for p in str(listed).split(";") if p.strip()]
            for event, listed in zip(events["event"], events["participants"])}


def participant_names(events: pd.DataFrame, aliases: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per event, its participants' names as the label search reads names (case-folded, spaces single) -> who they
    are: the speaker whose alias the name is, else the name as the event row spells it (a participant not in
    speakers.csv yet, whose row the check suggests)."""
    return {event: {p.casefold(): aliases.get(p.casefold(), p) for p in people}
            for event, people in event_participants(events).items()}


def cut_transcript(text: str, doc: dict, exclusions: list[Exclusion], not_labels: list[Exclusion],
                   aliases: dict[str, str], source: Path, data_dir: Path,
                   problems: Problems, names: dict[str, str] | None = None) -> tuple[list[Label], list[Span]] | None:
    """A transcript's labels and spans, after checking that no listed text hides a speaker label.

    Listed text that hides a label is reported before what it causes (an unknown half-label, a missing
    turn), so that the first error :func:`load_corpus` raises names the cause.
    """
    found = Problems(collect=True)
    cut = segment_transcript(text, exclusions, aliases, source, data_dir / paths.SPEAKERS_FILE,
                             data_dir / paths.EXCLUSIONS_FILE, not_labels, found, doc["doc_id"], names)
    guarded = Problems(collect=True)
    labels = cut[0] if cut else []
    guard_labels(text, exclusions, labels, aliases, source, data_dir / paths.EXCLUSIONS_FILE, guarded)
    guard_labels(text, not_labels, labels, aliases, source, data_dir / paths.NOT_LABELS_FILE, guarded)
    for error in guarded.errors + found.errors:
        problems.report(error)
    for note in found.notes:
        problems.note(note)
    return cut


NEWS_LABEL_LIMIT = 2  # this many lines opening with a speaker label make a "news report" a transcript


def check_news_has_no_labels(text: str, doc: dict, listed: list[Exclusion], aliases: dict[str, str], source: Path,
                             manifest: Path, problems: Problems) -> None:
    """A transcript declared as news would be read as one text, its labels counted as words and every turn
    credited to nobody. Two or more lines that open with a known speaker's label are an error; one is a note."""
    found = [(start, label, speaker) for start, _, label, speaker in label_spans(text, aliases, None)
             if not any(x.start <= start < x.end for x in listed)]
    if not found:
        return
    start, label, speaker = found[0]
    fields = {**doc, "kind": "transcript"}
    error = corpus_error(
        source, f"{len(found)} line(s) of this news report open with a speaker label, the first {label!r} "
        f"({speaker}): a transcript declared as news is read as one text, its labels counted as words",
        f"if it is a transcript, set its kind to 'transcript' in {manifest.name} (the row below); if the lines "
        f"quote a speaker inside a report, copy the start of each into not_labels.csv",
        line=line_of(text, start),
        pastes=[Paste(manifest, tuple(str(v) for k, v in fields.items() if k != LINE), doc[LINE])])
    if len(found) >= NEWS_LABEL_LIMIT:
        problems.report(error)
    else:
        problems.note(error)


def build_turns(text: str, doc: dict, labels: list[Label], spans: list[Span], speaker_info: dict[str, dict],
                abbreviations: frozenset[str]) -> list[dict]:
    """One dict per turn of a cut transcript: its speaker, analysed text, sentences and word counts."""
    turns = []
    text_spans: dict[int, list[Span]] = {}  # each turn's text spans, in the order of ``spans``: one pass, not one per turn
    for s in spans:
        if s.kind == "text":
            text_spans.setdefault(s.turn, []).append(s)
    starts = [s.start for s in spans]
    in_order = all(a <= b for a, b in itertools.pairwise(starts))  # (spans tile the text: always, but not assumed)
    for turn, label in enumerate(labels):
        own = [s for s in text_spans.get(turn, ()) if s.start >= label.end]
        body_end = labels[turn + 1].start if turn + 1 < len(labels) else len(text)
        if in_order:
            body_spans = spans[bisect.bisect_left(starts, label.end):bisect.bisect_left(starts, body_end)]
        else:
            body_spans = [s for s in spans if label.end <= s.start < body_end]
        turn_text = analysed_text(text, body_spans)
        info = speaker_info[label.speaker]
        turns.append({
            "doc_id": doc["doc_id"], "event": doc["event"], "turn": turn, "speaker": label.speaker,
            "role": info["role"], "role_group": info["role_group"], "country": info["country"],
            "label": label.text if label.kind == "label" else "(speaker card)",
            "text": turn_text,
            "sentences": split_sentences(turn_text, abbreviations),
            "start_char": own[0].start if own else label.end,
            "end_char": own[-1].end if own else label.end,
            "label_start": label.start, "label_end": label.end,
        })
    for turn in turns:  # a sentence split falls on whitespace, so sentence counts add up to the turn's
        turn["sentence_words"] = [count_words(sentence) for sentence in turn["sentences"]]
        turn["n_words"] = sum(turn["sentence_words"])
        turn["n_sentences"] = len(turn["sentences"])
    attribute_journalists(turns, FOLLOW_UP_LABELS)
    return turns


def outlet_aliases(outlets: pd.DataFrame) -> dict[str, dict]:
    """Each name of an outlet in outlets.csv (its id and its aliases, spaced and cased as compared) -> its row."""
    by_alias = {}
    for row in outlets.to_dict("records"):
        for alias in [row["outlet"]] + row["aliases"].split(";"):
            by_alias[" ".join(alias.split()).casefold()] = row
    return by_alias


def attribute_outlets(turns: list[dict], by_alias: dict[str, dict]) -> None:
    """Replace the outlet as named by its entry in outlets.csv (``by_alias``: :func:`outlet_aliases`), with
    country and origin.

    An outlet that is named but not listed keeps its name, with country and origin ``unknown``, so
    that it shows up in every table rather than disappearing.
    """
    for turn in turns:
        named = turn["outlet"]
        listed = by_alias.get(" ".join(named.split()).casefold()) if named else None
        turn["outlet"] = listed["outlet"] if listed else named
        turn["outlet_country"] = listed["country"] if listed else ("unknown" if named else "")
        turn["outlet_origin"] = listed["origin"] if listed else ("unknown" if named else "")


def sentence_columns(doc: dict, turns: list[dict]) -> dict[str, list]:
    """The sentence table's columns (``SENTENCE_COLUMNS``) for one document's turns, built as lists: one row
    per sentence of each turn in order, ``position`` counting through the document."""
    columns: dict[str, list] = {column: [] for column in SENTENCE_COLUMNS}
    for turn in turns:
        n = len(turn["sentences"])
        for column in ("turn", "speaker", "role", "role_group", "label", "journalist", "outlet"):
            columns[column] += [turn[column]] * n
        columns["sentence"] += range(n)
        columns["text"] += turn["sentences"]
        columns["n_words"] += turn["sentence_words"]
    total = len(columns["text"])
    columns["doc_id"] = [doc["doc_id"]] * total
    columns["event"] = [doc["event"]] * total
    columns["position"] = list(range(total))
    return columns


def document_row(doc: dict, text: str, body: str, spans: list[Span], turns: list[dict],
                 sentences: dict[str, list]) -> dict:
    def chars(kind: str) -> int:
        return sum(s.end - s.start for s in spans if s.kind == kind)

    row = {c: doc[c] for c in MANIFEST_COLUMNS}
    row.update(
        n_chars=len(text), n_text_chars=chars("text"), n_excluded_chars=chars("exclusion"),
        n_label_chars=chars("label"), n_whitespace_chars=chars("whitespace"), n_normalised_chars=chars("normalised"),
        n_exclusions=sum(1 for s in spans if s.kind == "exclusion"),
        n_turns=len(turns), n_sentences=len(sentences["text"]),
        n_words=sum(t["n_words"] for t in turns) if turns else count_words(body), text=body,
    )
    return row


def span_columns(doc_id: str, spans: list[Span]) -> dict[str, list]:
    return {"doc_id": [doc_id] * len(spans), "start_char": [s.start for s in spans], "end_char": [s.end for s in spans],
            "kind": [s.kind for s in spans], "turn": [s.turn for s in spans], "detail": [s.detail for s in spans]}


def exclusion_row(doc_id: str, view: Normalised, exclusion: Exclusion) -> dict:
    start, end = view.raw_position(exclusion.start), view.raw_position(exclusion.end)
    return {"doc_id": doc_id, "kind": exclusion.kind, "text": view.raw[start:end],
            "speaker": exclusion.speaker, "start_char": start, "end_char": end,
            "n_chars": end - start, "source_line": line_of(view.text, exclusion.start),
            "csv_line": exclusion.csv_line}


# --- characters that are not plain text (analysis.characters) ----------------------------------------

def report_refused_characters(view: Normalised, source: Path, problems: Problems) -> None:
    """One error per kind of control character in a source, with its first line and column and its count."""
    first: dict[str, list] = {}
    for edit in view.refused:
        first.setdefault(edit.character, [edit, 0])[1] += 1
    for character, (edit, count) in first.items():
        at = view.text_position(edit.position)
        line_start = view.text.rfind("\n", 0, at) + 1
        problems.report(corpus_error(
            source, f"{count} control character(s) U+{ord(character):04X} {character_name(character)}, the first "
            f"at column {at - line_start + 1}: they are not text (a NUL comes from a broken save, an ESCAPE starts a "
            "terminal's colour code) and no reading of them is safe",
            "copy the transcript again as plain text, or delete these characters in an editor (they are part of no "
            "word); then put the file's new sha256 in the manifest and say what you removed in its notes",
            line=line_of(view.text, at)))


def normalised_snippets(rows: list[dict]) -> list[dict]:
    """Listed snippets read like the sources they are matched in (a snippet copied with a zero-width space
    still matches); patterns (``match=lines``) are left as written."""
    return [row if row.get("match") == "lines" else {**row, "text": normalise_characters(row["text"]).text}
            for row in rows]


def spans_in_raw(view: Normalised, spans: list[Span]) -> list[Span]:
    """Spans of the normalised text as spans of the raw file; each removed or replaced character is cut out as a
    span of its own (kind ``normalised``), so the spans still tile the raw file."""
    if not view.edits:
        return spans
    edits = list(view.edits)
    mapped, index = [], 0
    for span in spans:
        start, end = view.raw_position(span.start), view.raw_position(span.end)
        while index < len(edits) and edits[index].position < end:
            edit = edits[index]
            if edit.position > start:
                mapped.append(Span(start, edit.position, span.kind, span.turn, span.detail))
            mapped.append(Span(edit.position, edit.position + 1, "normalised", span.turn, edit.description))
            start = edit.position + 1
            index += 1
        if end > start:
            mapped.append(Span(start, end, span.kind, span.turn, span.detail))
    return mapped


def turn_in_raw(view: Normalised, turn: dict) -> dict:
    if not view.edits:
        return turn
    return {**turn, **{key: view.raw_position(turn[key])
                       for key in ("start_char", "end_char", "label_start", "label_end")}}
