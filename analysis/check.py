"""Check the whole data folder and print every problem at once, with the rows to paste.

    python -m analysis.check            # or: make check
    python -m analysis.check --json     # the same, as JSON (for scripts)

The loader (:func:`analysis.load_corpus`) stops at the first problem, which is right for code but slow for a
person adding a transcript. This runs the same checks with a collecting sink (:func:`analysis.corpus.read_corpus`),
so one run lists everything: checksums, unknown labels, text before the first label, exclusions that are not
found, found too often, or would move words between speakers. Where a fix is a row of a data file, it is
printed ready to paste, grouped by file, so that a new transcript needs one file edit per data file.

Unknown labels get a row chosen by these rules (each marked in the output, so it can be checked):
- a label that ends with a known alias ("Federal Chancellor of Germany Angela Merkel" and "Angela Merkel") becomes
  an alias of that speaker;
- a label that names one participant of the transcript's event (``participants`` of events.csv): it ends with
  their whole name ("President of Iran Hassan Rouhani"), or is titles and a run of their name's words ("PRESIDENT
  MACRON", "PRESIDENT YOON" for Yoon Suk Yeol), or misspells their name by a letter or two: an alias of that
  participant, whose new row is named as the event row spells them;
- a label that is a known alias with one word misspelt by one or two letters ("Angela Markel"), or whose last
  word is a known speaker's surname after titles ("PRESIDENT PUTIN"), becomes an alias of that speaker;
- a label made only of titles ("THE PRESIDENT", "PRIME MINISTER") names different people in different
  transcripts, so it gets a ``document_labels.csv`` row: the one participant holding that title when every
  participant's role is known, else ``?`` for you to fill in;
- any other label is a new speaker, named as the label writes it (capitals given a name's shape); labels that
  end with another new label, or misspell it, join its row.
The role is guessed from the words of the label ("Prime Minister" -> head_of_government), else from the words
before a participant's name in the page, else from the turns (questions: a journalist; short turns that give the
floor: a moderator), and marked; ``?`` where nothing tells. A row that names a participant without a row yet
(a speaker card, a filled-in title) comes with that participant's speakers.csv row.

Notes are not errors: lines inside turns that look like page furniture (the same line repeated, a photo caption,
a pull quote, a "See also" box, date and time lines, the site's footer to the end of the page, stage directions
such as "(Laughter.)"). Each comes with a row to paste if you agree. A note never stops a load. A label followed
by nothing but such furniture is an error in the same run, so that pasting everything printed converges.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .corpus import Parsed, event_participants, read_corpus
from .errors import CorpusError, Paste, Problems, corpus_error
from .segments import (NON_VERBAL_KINDS, UNKNOWN, alias_keys, analysed_text, collapse_label, disguised_label,
                       edit_distance, empty_turn_error, fills_its_lines, has_words, line_of, line_pattern, near_alias,
                       snippet_pattern)
from .tables import LINE, csv_row, read_table

TITLE_WORDS = frozenset(
    "the president prime minister chancellor premier secretary spokesperson spokesman spokeswoman press "
    "foreign federal vice deputy state general mr mr. ms ms. mrs mrs. dr dr. his her excellency madam "
    "official joint additional osd".split())
ROLE_WORDS = [  # first match wins: (words that must all be in the label, role)
    ({"prime", "minister"}, "head_of_government"), ({"chancellor"}, "head_of_government"),
    ({"premier"}, "head_of_government"), ({"spokesperson"}, "spokesperson"), ({"spokesman"}, "spokesperson"),
    ({"spokeswoman"}, "spokesperson"), ({"press", "secretary"}, "spokesperson"), ({"minister"}, "minister"),
    ({"secretary"}, "minister"), ({"president"}, "head_of_state"), ({"king"}, "head_of_state"),
    ({"moderator"}, "moderator"), ({"host"}, "moderator"), ({"chair"}, "moderator"),
    ({"interpreter"}, "interpreter"), ({"translator"}, "interpreter"), ({"question"}, "journalist"),
    ({"q"}, "journalist"), ({"reporter"}, "journalist"), ({"journalist"}, "journalist"),
    ({"correspondent"}, "journalist"), ({"audience"}, "journalist"),
]
LABEL_NOTES = frozenset({"inline_label", "unknown_inline_label"})  # what might be a label inside a line
UNDECIDED = "?"  # a role or speaker the check cannot know: the next check refuses it until you fill it in

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
DATE_LINE = re.compile(
    rf"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    rf"(?:\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}}|(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})"
    rf"(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{{2,5}})?)?$", re.IGNORECASE)
TIME_LINE = re.compile(r"^(?:END\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?$")
END_LINE = re.compile(r"^END(?:\s+\d{1,2}:\d{2}.*)?$")
FOOTER_START = re.compile(r"^(?:Geography|Topics|Persons|Tags|Related Articles|Publication status|"
                          r"Published in sections\b.*|Publication date\b.*|Direct link\b.*"
                          r"|Text version\b.*"
                          # a closing note: "(The press availability was concluded at 3:01 p.m.)", "(The meeting ended.)",
                          # "(End of press conference)", "[End of transcript]"
                          r"|\((?:The )?[A-Za-z ,'-]*\b(?:concluded|adjourned|ended)\b[^()]*\)"
                          r"|[(\[](?:[Tt]he )?[Ee]nd of [^()\[\]]*[)\]])$")
RANGE_DATE_LINE = re.compile(rf"^(?:{MONTHS})\.?\s+\d{{1,2}}\s*[-–−]\s*\d{{1,2}},?\s+\d{{4}}$", re.IGNORECASE)
PLACE_LINE = re.compile(r"^[A-Z][\w .'’-]{1,40}$")  # "New Delhi", closing a page above its date line
STAGE_DIRECTION = re.compile(  # "(Laughter.)", "(As interpreted.)", "(Referring to a piece of audio equipment.)":
    r"\((?:[A-Z][a-z]+(?:,?[ -][A-Za-z’']+){0,11})\.\)"  # a bracketed clause with a full stop; without one, a
    r"|\((?=[^()\n]*\s[a-z])(?:[A-Z][a-z]+(?:[ -][A-Za-z’']+){1,11})\)"  # clause of two words or more, one in
    # lower case ("(Speaks in French)"), not a name in brackets ("(Kazakhstan)", "(Collective Security Treaty
    # Organisation)"), or one of the usual words, however written ("(inaudible)", "(as interpreted)")
    r"|\((?i:inaudible|unintelligible|laughter|laughs|applause|cross-?talk|pause|as interpreted|via interpreter"
    r"|off[- ]mic)\)")
EDITORIAL = re.compile(r"\[[^\[\]\n]{1,80}\]")  # "[Rubio]", "[Question in Hindi: Approximate Translation]"
TIMESTAMP_LINE = r"\(\d{1,2}:\d{2}(?::\d{2})?\)"  # rev.com paragraph times "(01:20)", a whole line each
MIN_REPEATED_WORDS = 4


@dataclass
class Report:
    """What one check found: problems (errors), notes, and what the loader made of each transcript."""

    data_dir: Path
    errors: list[CorpusError] = field(default_factory=list)
    notes: list[CorpusError] = field(default_factory=list)
    transcripts: list[dict] = field(default_factory=list)  # per transcript: speakers with turns and words

    @property
    def ok(self) -> bool:
        return not self.errors


def check(data_dir: Path | str | None = None, all_notes: bool = False) -> Report:
    """Run every check on ``data_dir`` (default ``data/``) and return what was found.

    Notes (likely furniture) are given for the transcripts that have a problem in this run, which a transcript
    being added always has (its checksum, at first), so that they come with the first run and do not return
    once it loads; ``all_notes`` gives them for every transcript."""
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    problems = Problems(collect=True)
    parsed: list[Parsed] = []
    extra = unlisted_documents(data_dir, problems)
    corpus = read_corpus(data_dir, problems, inspect=parsed.append, extra_documents=extra)
    report = Report(data_dir, merge_repeated_labels(problems.errors), problems.notes)
    suggest_labels(report, data_dir, turns_by_label(parsed), parsed)
    complete_speaker_rows(report, data_dir, parsed)
    name_cards_of_new_labels(report)
    troubled = {Path(e.path).name for e in report.errors if e.path is not None}
    troubled |= {t.doc["file"] for t in parsed if manifest_line_in(t.doc, report.errors)}
    report.notes = [n for n in report.notes if all_notes or n.details.get("kind") not in LABEL_NOTES
                    or Path(str(n.path)).name in troubled]  # like the notes on furniture: while a transcript is added
    people = Participants.of(data_dir, read_table(data_dir / paths.SPEAKERS_FILE, ["speaker", "aliases"],
                                                  Problems(collect=True)), parsed)
    for transcript in parsed:
        if all_notes or transcript.doc["file"] in troubled:
            notes = furniture_notes(transcript, data_dir / paths.EXCLUSIONS_FILE,
                                    people.listed(transcript.doc["doc_id"]), people.aliases)
            report.errors += furniture_only_turns(transcript, notes, data_dir / paths.EXCLUSIONS_FILE)
            report.notes += notes
    report.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    if corpus is not None:
        for doc_id, turns in corpus.turns.groupby("doc_id", sort=False):
            summary = (turns.groupby("speaker", sort=False)
                       .agg(turns=("turn", "size"), words=("n_words", "sum")).reset_index())
            report.transcripts.append({"doc_id": doc_id, "event": turns["event"].iloc[0],
                                       "sequence": compressed(turns["speaker"].tolist()),
                                       "speakers": summary.to_dict("records")})
    return report


def manifest_line_in(doc: dict, errors: list[CorpusError]) -> bool:
    """Whether an error is about this document's manifest row (a missing checksum, say)."""
    return any(Path(str(e.path)).name == paths.MANIFEST_FILE and e.line == doc.get(LINE) and e.line is not None
               for e in errors) or doc.get(LINE) is None  # a file not listed yet


def compressed(speakers: list[str]) -> str:
    """'Putin, Trump ×2, Putin': the order of speakers with runs of one speaker counted."""
    runs: list[list] = []
    for speaker in speakers:
        if runs and runs[-1][0] == speaker:
            runs[-1][1] += 1
        else:
            runs.append([speaker, 1])
    text = ", ".join(s if n == 1 else f"{s} ×{n}" for s, n in runs[:40])
    return text + (f", ... ({len(runs) - 40} more)" if len(runs) > 40 else "")


# --- files in data/raw/ that the manifest does not list ---------------------------------------------

def unlisted_documents(data_dir: Path, problems: Problems) -> list[dict]:
    """Report raw files the manifest does not list, with a manifest row; return those rows, so the rest of the
    check can already look inside the files."""
    manifest_file = data_dir / paths.MANIFEST_FILE
    raw_dir = data_dir / paths.RAW_DIR_NAME
    if not manifest_file.is_file() or not raw_dir.is_dir():
        return []
    manifest = read_table(manifest_file, ["doc_id", "file"], Problems(collect=True))
    listed = {(raw_dir / f).resolve() for f in manifest["file"]}
    events = read_table(data_dir / paths.EVENTS_FILE, ["event"], Problems(collect=True))
    unused = [e for e in events["event"] if e not in set(read_table(manifest_file, ["event"], Problems(collect=True))["event"])]
    rows = []
    for file in sorted(raw_dir.iterdir()):
        if not file.is_file() or file.name.startswith(".") or file.resolve() in listed:
            continue
        doc_id = re.sub(r"[^a-z0-9_.-]+", "_", file.stem.lower()).strip("_.-") or "document"
        event = unused[0] if len(unused) == 1 else "?"
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        title = next((line.strip() for line in file.read_text(encoding="utf-8", errors="replace").splitlines()
                      if line.strip()), "")[:120]
        row = {"doc_id": doc_id, "event": event, "kind": "transcript", "publisher": "", "title": title,
               "file": file.name, "sha256": digest, "seed_name": "", "notes": ""}
        which = (f"the event {event!r} (the only one in {paths.EVENTS_FILE} without documents)" if event != "?"
                 else "'?': put the event's id there (add the event to events.csv first)")
        problems.report(corpus_error(
            raw_dir / file.name, f"the file is not listed in {paths.MANIFEST_FILE}",
            f"add the row below to {manifest_file} (the event is {which}; set kind to 'news' for a news report, "
            "and fill in publisher and title)", pastes=[Paste(manifest_file, tuple(row.values()))]))
        rows.append({**row, LINE: None})
    return rows


# --- rows for unknown speaker labels -------------------------------------------------------------------

def merge_repeated_labels(errors: list[CorpusError]) -> list[CorpusError]:
    """One problem per unknown label and document, naming every line where it stands."""
    merged: list[CorpusError] = []
    first: dict[tuple[str, str], CorpusError] = {}
    for error in errors:
        if error.details.get("kind") != "unknown_label":
            merged.append(error)
            continue
        key = (error.details["doc_id"], error.details["label"].casefold())
        if key in first:
            first[key].details["lines"].append(error.line)
            continue
        error.details["lines"] = [error.line]
        first[key] = error
        merged.append(error)
    for error in first.values():
        lines = error.details["lines"]
        error.details["occurrences"] = len(lines)
        if len(lines) > 1:
            error.problem += f" (lines {', '.join(map(str, lines[:12]))}{' ...' if len(lines) > 12 else ''})"
    return merged


def turns_by_label(parsed: list[Parsed]) -> dict[str, list[str]]:
    """The analysed text of each turn of an unknown label (case-folded), for guessing who speaks."""
    texts: dict[str, list[str]] = {}
    for transcript in parsed:
        for turn, label in enumerate(transcript.labels):
            if label.speaker != UNKNOWN:
                continue
            end = transcript.labels[turn + 1].start if turn + 1 < len(transcript.labels) else len(transcript.text)
            body = [s for s in transcript.spans if label.end <= s.start < end]
            key = collapse_label(label.text.split(" (")[0]).casefold()
            texts.setdefault(key, []).append(analysed_text(transcript.text, body))
    return texts


def asks_questions(texts: list[str]) -> bool:
    """Whether a label's turns read like a journalist's: most of them ask something (hold a question mark).

    An introduction alone ("Tom Reyes, Capital Wire.") is not enough: a moderator calling the next questioner
    says the same words."""
    return bool(texts) and sum("?" in t for t in texts) * 2 > len(texts)


def suggest_labels(report: Report, data_dir: Path, evidence: dict[str, list[str]] | None = None,
                   parsed: list[Parsed] = ()) -> None:
    """Give every unknown-label error a row to paste (see the module docstring for the rules)."""
    unknown = [e for e in report.errors if e.details.get("kind") == "unknown_label"]
    if not unknown:
        return
    speakers_file = data_dir / paths.SPEAKERS_FILE
    speakers = read_table(speakers_file, ["speaker", "role", "aliases"], Problems(collect=True))
    roles = set(read_table(data_dir / paths.ROLES_FILE, ["role"], Problems(collect=True))["role"])
    people = Participants.of(data_dir, speakers, parsed)
    aliases = people.aliases
    surnames = Counter(s.split()[-1].casefold() for s in speakers["speaker"] if s.split())

    counts = Counter()
    for error in unknown:
        counts[error.details["label"].casefold()] += error.details.get("occurrences", 1)
    added: dict[str, list[str]] = {}  # existing speaker -> new aliases
    new: dict[str, dict] = {}  # key of a new speaker -> {"aliases", "participant", "doc_id"}
    titled: list[tuple[CorpusError, str]] = []  # title-only labels, settled once every new speaker's role is known
    seen_labels: dict[tuple[str, str], str] = {}
    for error in unknown:
        label, doc_id = error.details["label"], error.details["doc_id"]
        key = (people.event_of(doc_id), label.casefold())
        if set(label.casefold().split()) <= TITLE_WORDS:
            key = (doc_id, label.casefold())  # a title names someone in one transcript only
        if key in seen_labels:
            error.fix = seen_labels[key]
            continue
        words = label.casefold().split()
        known = next((a for a in sorted(aliases, key=len, reverse=True)
                      if len(a.split()) < len(words) and words[-len(a.split()):] == a.split()), None)
        participant = people.named_by(label, doc_id)
        typo = near_alias(label, aliases) or truncated_alias(words, aliases)
        surname = [s for s in speakers["speaker"] if s.split() and s.split()[-1].casefold() == words[-1]
                   and surnames[words[-1]] == 1]
        if known:
            speaker, why = aliases[known], f"it ends with {known!r}, an alias of"
        elif participant and participant in set(speakers["speaker"]):
            speaker, why = participant, ("PROBABLY A TYPO (check!): it misspells" if people.misspells(label, participant)
                                         else "it names") + " a participant of the event (events.csv):"
        elif participant:
            speaker = None
        elif typo:
            speaker, why = aliases[typo], f"PROBABLY A TYPO or a cut-off form of {typo!r} (check!), an alias of"
        elif surname and len(words) > 1 and set(words[:-1]) <= TITLE_WORDS:
            speaker, why = surname[0], "its last word is the surname of"
        else:
            speaker = None
        if speaker:
            if label not in added.setdefault(speaker, []):
                added[speaker].append(label)
            seen_labels[key] = f"add it to the aliases of {speaker!r} ({why} {speaker!r}): row below"
        elif participant:
            group = new.setdefault(participant.casefold(), {"aliases": [], "participant": participant,
                                                            "doc_id": doc_id})
            group["aliases"].append(label)
            seen_labels[key] = (("PROBABLY A TYPO (check!): " if people.misspells(label, participant) else "")
                                + f"it names {participant!r}, a participant of the event (events.csv), who has no row "
                                f"in {paths.SPEAKERS_FILE} yet: add the row below (check the role)")
        elif set(words) <= TITLE_WORDS:
            titled.append((error, doc_id))
            seen_labels[key] = ""  # set below
        else:
            group = next((k for k, g in new.items() if not g["participant"] and related(label.casefold(), g["aliases"])),
                         None)
            if group is None:
                group = label.casefold()
                new[group] = {"aliases": [], "participant": "", "doc_id": doc_id}
            new[group]["aliases"].append(label)
            seen_labels[key] = "add a row for a new speaker to speakers.csv (below; check the role, fill it where it is '?')"
            first = first_name_of(label, [e.details["label"] for e in unknown], aliases)
            if first:
                seen_labels[key] += (f"; if {label!r} is {first!r} (the same first name), add it to that speaker's "
                                     "aliases instead: the check does not merge people on a first name alone")
        error.fix = seen_labels[key]

    speaker_rows = speakers.set_index("speaker")
    for speaker, labels in added.items():
        row = speaker_rows.loc[speaker]
        fields = {c: str(row[c]) if c != "speaker" else speaker for c in ["speaker", *speakers.columns] if c != LINE}
        fields["aliases"] = ";".join([a for a in str(row["aliases"]).split(";") if a.strip()] + labels)
        paste = Paste(speakers_file, tuple(fields[c] for c in speakers.columns if c != LINE), int(row[LINE]))
        attach(report, labels, paste)
    new_roles: dict[str, str] = {}
    for group in new.values():
        labels = group["aliases"]
        if group["participant"]:
            name, typos = group["participant"], []
        else:
            name, typos = group_name(labels, counts)
            name = display_name(name)
        spoken = [t for label in labels for t in (evidence or {}).get(label.casefold(), [])]
        role, how = guess_role(labels, roles, asks_questions(spoken)), ""
        if role == UNDECIDED and group["participant"]:
            role = people.role_in_text(name, group["doc_id"], roles)
            how = " (role from how the page names them)" if role != UNDECIDED else ""
        if role == UNDECIDED and runs_the_floor(spoken) and "moderator" in roles:
            role, how = "moderator", " (role guessed from the turns: short, giving the floor; check!)"
        new_roles[name] = role
        for error in unknown:
            if error.details["label"] in typos:
                error.fix = f"PROBABLY A TYPO of {name!r} (check!): " + error.fix
            elif error.details["label"] in labels and how:
                error.fix += how
        fields = {"speaker": name, "role": role, "country": "", "language": "",
                  "aliases": ";".join(dict.fromkeys(labels))}
        columns = [c for c in speakers.columns if c != LINE] or list(fields)
        paste = Paste(speakers_file, tuple(fields.get(c, "") for c in columns))
        attach(report, labels, paste)
    for error, doc_id in titled:
        label = error.details["label"]
        who = people.listed(doc_id)
        holder = people.holder_of(label, doc_id, {**dict(zip(speakers["speaker"], speakers["role"])), **new_roles})
        if holder:
            error.fix = (f"{label!r} is a title, not a name: it is tied to this transcript by a row of "
                         f"{paths.DOCUMENT_LABELS_FILE} (below), as {holder!r}, the only participant of the event "
                         "(events.csv) who holds or could hold that title: check it")
        else:
            error.fix = (f"{label!r} is a title, not a name: say who it is in this transcript with a row of "
                         f"{paths.DOCUMENT_LABELS_FILE} (below; replace '?' by the speaker"
                         + (f"; the event's participants: {'; '.join(who)}" if who else "") + ")")
        error.pastes = (Paste(data_dir / paths.DOCUMENT_LABELS_FILE,
                              (doc_id, label, holder or UNDECIDED, "title used as a label in this transcript")),)


@dataclass
class Participants:
    """Who may speak in each transcript, by its event's row: ``participants`` of events.csv (separated by ';'),
    with the known aliases, for naming the people behind unknown labels."""

    aliases: dict[str, str]  # case-folded alias -> speaker
    by_event: dict[str, list[str]]  # event -> participants, spelled as the event row spells them
    doc_events: dict[str, str]
    texts: dict[str, str]  # doc_id -> the document's text

    @classmethod
    def of(cls, data_dir: Path, speakers: pd.DataFrame, parsed: list[Parsed] = ()) -> "Participants":
        events = read_table(data_dir / paths.EVENTS_FILE, ["event"], Problems(collect=True),
                            optional={"participants": ""})
        manifest = read_table(data_dir / paths.MANIFEST_FILE, ["doc_id", "event"], Problems(collect=True))
        aliases = {}
        for row in speakers.to_dict("records"):
            for alias in [row["speaker"], *row["aliases"].split(";")]:
                if alias.strip():
                    aliases.setdefault(" ".join(alias.split()).casefold(), row["speaker"])
        by_event = event_participants(events)
        doc_events = {**dict(zip(manifest["doc_id"], manifest["event"])),
                      **{t.doc["doc_id"]: t.doc["event"] for t in parsed}}
        return cls(aliases, by_event, doc_events, {t.doc["doc_id"]: t.text for t in parsed})

    def event_of(self, doc_id: str) -> str:
        return self.doc_events.get(doc_id, "")

    def listed(self, doc_id: str) -> list[str]:
        """The participants of the document's event, each as the speaker whose alias their name is, if any."""
        return [self.aliases.get(p.casefold(), p) for p in self.by_event.get(self.event_of(doc_id), [])]

    def named_by(self, label: str, doc_id: str) -> str:
        """The one participant a label names ('' if none, or more than one): the label ends with their whole name
        ("President of Iran Hassan Rouhani"), or is titles followed by a run of their name's words ("PRESIDENT
        MACRON", "PRESIDENT YOON" for Yoon Suk Yeol, "PRESIDENT LÓPEZ OBRADOR")."""
        words = name_words(label)
        rest = words[:]
        while rest and rest[0] in TITLE_WORDS | NAME_LINKS:
            rest = rest[1:]
        found, misspelt = set(), set()
        for person in self.listed(doc_id):
            name = name_words(person)
            if len(name) >= 2 and words[-len(name):] == name:
                found.add(person)
            elif rest and any(len(w) >= 3 for w in rest) and contains_run(name, rest):
                found.add(person)
            elif len(name) >= 2 and same_words(name, words) == "typo":
                misspelt.add(person)
        return found.pop() if len(found) == 1 else misspelt.pop() if not found and len(misspelt) == 1 else ""

    def misspells(self, label: str, person: str) -> bool:
        """Whether ``label`` names ``person`` only with one word misspelt ("Erik Lunt" for "Erik Lund")."""
        name, words = name_words(person), name_words(label)
        return words[-len(name):] != name and same_words(name, words) == "typo"

    def holder_of(self, label: str, doc_id: str, roles: dict[str, str]) -> str:
        """For a label made only of titles ("THE PRESIDENT"), the one participant who could hold the title: whose
        role is the one the title names, or not known yet (they might hold it); '' when none or several could."""
        wanted = guess_role([label], set(roles.values()) | {r for _, r in ROLE_WORDS})
        could = [p for p in self.listed(doc_id) if roles.get(p, UNDECIDED) in (wanted, UNDECIDED)]
        return could[0] if wanted != UNDECIDED and len(could) == 1 else ""

    def role_in_text(self, person: str, doc_id: str, roles: set[str]) -> str:
        """The role that the words just before the person's name say, where the document names them so ("Meeting
        with President of Palestine Mahmoud Abbas"): one role, or ``?``."""
        text = self.texts.get(doc_id, "")
        found = set()
        for match in re.finditer(re.escape(person), text):
            before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - 60):match.start()])[-6:]
            role = guess_role([" ".join(before)], roles)
            if role != UNDECIDED and role not in ("journalist", "moderator", "interpreter"):
                found.add(role)
        return found.pop() if len(found) == 1 else UNDECIDED


NAME_LINKS = frozenset("of the and".split())  # words between titles ("President of the Republic of ...")


def name_words(name: str) -> list[str]:
    """A name's words, case-folded, without accents or punctuation ("LÓPEZ OBRADOR" -> ["lopez", "obrador"])."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return [w for w in re.split(r"[^\w'’-]+", plain.casefold()) if w and w not in ".-"]


def contains_run(name: list[str], run: list[str]) -> bool:
    """Whether ``run`` stands in ``name`` as consecutive words."""
    return any(name[i:i + len(run)] == run for i in range(len(name) - len(run) + 1))


FLOOR_WORDS = re.compile(r"\b(?:questions?|reporters?|conclude[sd]?|floor|next|last|thank you|thanks)\b", re.IGNORECASE)


def runs_the_floor(texts: list[str]) -> bool:
    """Whether a speaker's turns read like those of whoever runs a press conference: every turn short (under 40
    words) and most of them give the floor or close ("next question, please", "This concludes ...")."""
    return bool(texts) and all(len(t.split()) < 40 for t in texts) and sum(
        bool(FLOOR_WORDS.search(t)) for t in texts) * 2 > len(texts)


def complete_speaker_rows(report: Report, data_dir: Path, parsed: list[Parsed]) -> None:
    """A row offered elsewhere may name a participant who has no speakers.csv row yet (a speaker card for
    "Sebastian Kurz." before his first label was listed, a title label filled in as the one participant who holds
    it): the same error then offers that row too, so that pasting everything the check prints is enough."""
    speakers_file = data_dir / paths.SPEAKERS_FILE
    speakers = read_table(speakers_file, ["speaker", "role", "aliases"], Problems(collect=True))
    named = set(speakers["speaker"]) | {p.row[0] for e in report.errors for p in e.pastes
                                       if Path(p.file).name == paths.SPEAKERS_FILE}
    roles = set(read_table(data_dir / paths.ROLES_FILE, ["role"], Problems(collect=True))["role"])
    people = Participants.of(data_dir, speakers, parsed)
    columns = [c for c in speakers.columns if c != LINE] or ["speaker", "role", "country", "language", "aliases"]
    for error in report.errors:
        named_here = [(p.row[0], p.row[1], p.row[2]) for p in error.pastes
                      if Path(p.file).name == paths.DOCUMENT_LABELS_FILE]
        named_here += [(p.row[0], "", p.row[3]) for p in error.pastes
                       if Path(p.file).name == paths.EXCLUSIONS_FILE and p.row[1] == "speaker_card"]
        if error.details.get("kind") == "unlisted_speaker":  # a row pasted before names a participant with no row
            named_here.append((error.details["doc_id"], error.details["label"], error.details["speaker"]))
        for doc_id, label, speaker in named_here:
            role = guess_role([label], roles) if label else UNDECIDED
            if speaker in named or speaker == UNDECIDED or speaker not in people.listed(doc_id):
                continue
            if role == UNDECIDED:
                role = people.role_in_text(speaker, doc_id, roles)
            fields = {"speaker": speaker, "role": role, "country": "", "language": "", "aliases": speaker}
            error.pastes = (*error.pastes, Paste(speakers_file, tuple(fields.get(c, "") for c in columns)))
            error.fix += f"; {speaker!r} has no row in {paths.SPEAKERS_FILE} yet: the row below adds it (check the role)"
            named.add(speaker)


def name_cards_of_new_labels(report: Report) -> None:
    """A label inside a line that is not known yet gets a speaker card whose speaker is ``?`` (segments cannot know
    who it is); once the rows for unknown labels are chosen, the card names the speaker they give the label."""
    given: dict[str, str] = {}
    for error in report.errors:
        for paste in error.pastes:
            if Path(paste.file).name == paths.SPEAKERS_FILE:
                given.update({collapse_label(a).casefold(): paste.row[0] for a in paste.row[-1].split(";") if a})
            elif Path(paste.file).name == paths.DOCUMENT_LABELS_FILE and paste.row[2] != UNDECIDED:
                given[collapse_label(paste.row[1]).casefold()] = paste.row[2]
    for error in report.errors:
        label = error.details.get("label", "")
        if error.details.get("kind") != "inline_label" or error.details.get("speaker") != UNKNOWN:
            continue
        speaker = given.get(collapse_label(label).casefold())
        if speaker:
            error.pastes = tuple(Paste(p.file, (*p.row[:3], speaker, *p.row[4:]), p.replace_line) for p in error.pastes)
            error.problem = error.problem.replace(f"({label})", f"({speaker})", 1)


def truncated_alias(words: list[str], aliases: dict[str, str]) -> str | None:
    """The known alias that a label of three words or more begins, missing only its last word ("President of
    Russia Vladimir" for "President of Russia Vladimir Putin", seen on the Kremlin's site), or None."""
    if len(words) < 3:
        return None
    matches = [a for a in aliases if a.split()[:-1] == words]
    return matches[0] if len({aliases[a] for a in matches}) == 1 else None


def first_name_of(label: str, others: list[str], aliases: dict[str, str]) -> str | None:
    """For a one-word label, the one other label (new or known) whose name starts with that word, or None."""
    if len(label.split()) != 1:
        return None
    word = label.casefold()
    names = {display_name(o) for o in [*others, *aliases] if len(o.split()) > 1}
    found = sorted(n for n in names if n.split()[0].casefold() == word)
    return found[0] if len(found) == 1 else None


def same_words(short: list[str], long_: list[str]) -> str:
    """'exact' if ``short`` is the end of ``long_``; 'typo' if it is, but for one word off by one or two letters;
    '' otherwise. Names of one word only count when they are the whole of ``long_``."""
    if len(short) > len(long_) or (len(short) < 2 and len(short) != len(long_)):
        return ""
    end = long_[len(long_) - len(short):]
    differing = [(a, b) for a, b in zip(short, end) if a != b]
    if not differing:
        return "exact"
    if len(differing) == 1 and min(map(len, differing[0])) >= 4 and edit_distance(*differing[0]) <= 2:
        return "typo"
    return ""


def related(label: str, others: list[str]) -> bool:
    """Whether a new label names the same person as one of ``others``: one ends with the other (two words or
    more), allowing one word misspelt by a letter or two."""
    words = label.split()
    return any(same_words(*sorted([words, other.casefold().split()], key=len)) for other in others)


def group_name(labels: list[str], counts: Counter) -> tuple[str, list[str]]:
    """The speaker name for a group of new labels, and the labels that look like typos of it.

    The name is the shortest run of final words that every label ends with (allowing typos), spelt as in the
    label used most often (then the longest label): "Erik Lund" for "Prime Minister of Nordavia Erik Lund",
    "Erik Lund" and "Erik Lunt". A group of one label keeps the whole label.
    """
    ordered = sorted(labels, key=lambda a: (-counts[a.casefold()], -len(a.split())))
    best = ordered[0].split()
    size = min(len(a.split()) for a in labels)
    while size < len(best) and not all(same_words(best[len(best) - size:], [w.casefold() for w in a.split()])
                                       or same_words([w.casefold() for w in best[len(best) - size:]],
                                                     [w.casefold() for w in a.split()]) for a in labels):
        size += 1
    name = " ".join(best[len(best) - size:]) if len(labels) > 1 else ordered[0]
    tail = [w.casefold() for w in name.split()]
    typos = [a for a in labels if same_words(tail, a.casefold().split()) == "typo"
             or same_words(a.casefold().split(), tail) == "typo"]
    return name, typos


HONORIFICS = frozenset("shri smt. smt mr mr. ms ms. mrs mrs. dr dr. h.e. sir dame".split())


def display_name(label: str) -> str:
    """The speaker name for a new row: the label without a title after a comma ("Shri Ravi Kumar, Official
    Spokesperson" -> "Ravi Kumar") or an honorific before the name, in title case if written in capitals."""
    name = label
    if "," in label:
        before, after = (part.strip() for part in label.split(",", 1))
        titled = [bool({w.casefold() for w in part.split()} & (TITLE_WORDS - HONORIFICS)) for part in (before, after)]
        name = after if titled == [True, False] else before  # "Official Spokesperson, Shri X" / "X, Outlet"
    words = name.split()
    while len(words) > 2 and words[0].casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(name_case(w) if w.isupper() and len(w) > 1 else w for w in words)


def name_case(word: str) -> str:
    """A word written in capitals as a name is written: each part after a hyphen or an apostrophe capitalised too
    ("JEAN-PIERRE" -> "Jean-Pierre", "O'BRIEN" -> "O'Brien"), not only the first ("Jean-pierre")."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def guess_role(labels: list[str], roles: set[str], asks: bool = False) -> str:
    """The role the words of the labels suggest ("Prime Minister" -> head_of_government); a speaker whose turns
    read like questions is a journalist; otherwise ``?``, to be filled in (a name alone says nothing of a role,
    and a wrong default would go unnoticed into every table by role)."""
    words = {w.casefold().strip(",") for label in labels for w in label.split()}
    for needed, role in ROLE_WORDS:
        if needed <= words and role in roles:
            return role
    if asks and "journalist" in roles:
        return "journalist"
    return UNDECIDED


def attach(report: Report, labels: list[str], paste: Paste) -> None:
    """Give the paste to the first error about one of ``labels`` (one row, however many labels it covers)."""
    wanted = {label.casefold() for label in labels}
    for error in report.errors:
        if error.details.get("kind") == "unknown_label" and error.details["label"].casefold() in wanted:
            error.pastes = (paste,)
            return


# --- notes: text inside turns that looks like page furniture -------------------------------------------

def furniture_notes(parsed: Parsed, exclusions_file: Path, participants: list[str] = (),
                    aliases: dict[str, str] | None = None) -> list[CorpusError]:
    """Notes for lines inside turns that look like page furniture, each with an exclusion row if it is safe.

    A row is offered only when every place it counts at fills its own line(s) and lies inside turn text, so that
    pasting it cannot remove a word in the middle of a sentence or touch a label or another exclusion. Text that
    also stands inside a sentence elsewhere (a pull quote, a caption repeating the title) gets ``match``
    'paragraph', so that only its paragraphs of their own are excluded. ``participants``: the names of the event's
    participants, which photo captions name; ``aliases`` (case-folded alias -> speaker): a line that opens with a
    name written as a label without its colon ("Erik Lund. Thank you") is a label the check reports, not furniture.
    """
    text, doc_id = parsed.text, parsed.doc["doc_id"]
    taken = [(s.start, s.end) for s in parsed.spans if s.kind in ("label", "exclusion")]
    in_turns = [(s.start, s.end) for s in parsed.spans if s.kind == "text" and s.turn is not None]
    lines = []  # (start, end, text) of each non-blank line that opens inside a turn's text, spaces trimmed
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group(0)
        start, end = match.start() + len(raw) - len(raw.lstrip()), match.start() + len(raw.rstrip())
        if raw.strip() and any(a <= start < b for a, b in in_turns):
            lines.append((start, end, text[start:end]))
    source = parsed.doc["file"]
    notes: list[CorpusError] = []
    claimed: list[tuple[int, int]] = []

    def offer(start: int, end: int, kind: str, why: str, once: bool = False) -> None:
        """A note with a row for ``text[start:end]``; ``once``: only if it stands as a paragraph once (a pull
        quote that repeats a whole spoken paragraph cannot be told from it by its text)."""
        snippet = text[start:end].replace("\r\n", "\n")
        places = [(m.start(), m.end()) for m in snippet_pattern(snippet).finditer(text)]
        match = ""
        if not all(fills_its_lines(text, s, e) for s, e in places):  # also inside a sentence: its paragraphs only
            places, match = [(s, e) for s, e in places if fills_its_lines(text, s, e)], "paragraph"
        safe = not any(a < e and s < b for s, e in places for a, b in taken + claimed)
        twice = once and len(places) > 1
        where = ", ".join(str(line_of(text, s)) for s, _ in places[:8])
        row = (doc_id, kind, snippet, "", why, str(len(places))) + ((match,) if match else ())
        fix = ("if it is not spoken, exclude it (row below" + (", which takes it only where it is a paragraph of "
               "its own" if match else "") + ")")
        if not safe:
            fix = "if it is not spoken, exclude it with a longer snippet (some occurrence touches another exclusion)"
        elif twice:
            fix = ("it also stands word for word as a paragraph of speech, which a row would take too: leave it, or "
                   "list the one that is not spoken with neighbouring text of its own")
        note = noted(places, kind, corpus_error(
            Path(source), f"inside a turn, {snippet[:70]!r}" + ("..." if len(snippet) > 70 else "")
            + f" looks like {why} (line {where})", fix, line=line_of(text, start),
            pastes=[Paste(exclusions_file, row)] if safe and not twice else []))
        notes.append(note)
        claimed.extend(places)

    def free(line: tuple[int, int, str]) -> bool:
        return not any(a <= line[0] < b for a, b in claimed)

    after_last_label = parsed.labels[-1].end if parsed.labels else 0
    tail = trailing_furniture([l for l in lines if l[0] >= after_last_label])
    for run in runs_between(tail, taken):
        offer(run[0][0], run[-1][1], "footer", "the end-of-transcript line" if len(run) == 1 and (
            END_LINE.match(run[0][2]) or TIME_LINE.match(run[0][2])) else "a site footer closing the page (a 'See also' "
            "box, tags, publication date and link, an end-of-transcript line, a place and date)")
    lines = [l for l in lines if not tail or l[0] < tail[0][0]]
    index = 0
    while index < len(lines):
        start, end, line = lines[index]
        if BOX_HEADING.match(line):
            box = see_also_box(lines[index:])
            offer(start, box[-1][1], "see_also", "a 'See also' box (heading, linked titles, dates)")
            index += len(box)
            continue
        if DATE_LINE.match(line) or TIME_LINE.match(line) or END_LINE.match(line):
            if free(lines[index]):
                offer(start, end, "footer" if END_LINE.match(line) else "header",
                      "a date or time line" if not END_LINE.match(line) else "the end-of-transcript line")
        index += 1
    repeated = Counter(line for _, _, line in lines if len(line.split()) >= MIN_REPEATED_WORDS
                       and not CAPTION_VOICE & set(re.findall(r"[^\W\d_]+", line.casefold())))  # "Thank you very much."
    for line, n in repeated.items():
        if n < 2:
            continue
        first = next(l for l in lines if l[2] == line)
        if free(first):
            offer(first[0], first[1], "caption", f"page furniture repeated word for word ({times(n)} inside turns), "
                  "such as a photo caption")
    header = " ".join(text[s.start:s.end] for s in parsed.spans if s.kind == "exclusion" and s.turn is None
                      and (not parsed.labels or s.start < parsed.labels[0].start))
    elsewhere = word_ngrams(text)
    names = alias_keys({**{p.casefold(): p for p in participants}, **(aliases or {})})
    for entry in lines:
        if not free(entry) or disguised_label(text, entry[0], names) or not paragraph_of_its_own(text, *entry[:2]) \
                or alone_in_its_turn(text, parsed.spans, *entry[:2]) or STAGE_DIRECTION.search(entry[2]):
            continue  # a caption or a pull quote stands between paragraphs of speech, never as all of a turn, and
            # nobody laughs or applauds in one
        if looks_like_caption(entry[2], header, participants):
            offer(entry[0], entry[1], "caption", "a photo caption (it describes the page's event or names a "
                  "participant, and speaks in no one's voice)")
        elif repeats_the_speech(entry[2], elsewhere):
            offer(entry[0], entry[1], "pull_quote", "a pull quote (its words stand in the speech elsewhere on the page)",
                  once=True)
    for marks, kind, what in ((STAGE_DIRECTION, "stage_direction", "a stage direction, not speech"),
                              (EDITORIAL, "editorial", "an editor's insertion in square brackets, not speech")):
        found = Counter(m.group(0) for a, b in in_turns for m in marks.finditer(text, a, b))
        for mark, n in found.items():
            places = [(m.start(), m.end()) for m in re.finditer(re.escape(mark), text)]
            if all(any(a <= s and e <= b for a, b in claimed) for s, e in places):
                continue  # inside text already offered for exclusion above (a footer, a caption): that row covers it
            clash = any(a < e and s < b for s, e in places for a, b in taken + claimed)
            notes.append(noted(places, kind, corpus_error(
                Path(source), f"{mark!r} ({times(len(places))}) looks like {what}",
                "exclude it (row below), or leave it if you count it as text" if not clash else
                "exclude it with a longer snippet (one occurrence touches an exclusion already listed or offered "
                "above)",
                line=line_of(text, places[0][0]),
                pastes=[] if clash else [Paste(exclusions_file, (doc_id, kind, mark, "", what, str(len(places))))])))
    stamps = [(m.start(), m.end()) for m in line_pattern(TIMESTAMP_LINE).finditer(text)]
    if stamps and all(any(a <= s and e <= b for a, b in in_turns) for s, e in stamps):
        notes.append(corpus_error(
            Path(source), f"{times(len(stamps))} a line holds only a time such as {text[stamps[0][0]:stamps[0][1]].strip()!r}: "
            "paragraph timestamps of the page, not speech", "exclude them all with one pattern row (below: "
            "match 'lines', a regular expression that must fill each line it takes)", line=line_of(text, stamps[0][0]),
            pastes=[Paste(exclusions_file, (doc_id, "timestamp", TIMESTAMP_LINE, "", "paragraph timestamps",
                                            str(len(stamps)), "lines"))]))
    return notes


def noted(places: list[tuple[int, int]], kind: str, note: CorpusError) -> CorpusError:
    """A note that remembers where its row would exclude text, and of which kind (for :func:`furniture_only_turns`)."""
    note.details = {"places": places, "kind": kind}
    return note


STRUCTURAL_KINDS = frozenset({"footer", "see_also", "header"})  # furniture told by its form, not by judgement


def furniture_only_turns(parsed: Parsed, notes: list[CorpusError], exclusions_file: Path) -> list[CorpusError]:
    """Turns whose only words are furniture that ``notes`` offer to exclude (a label followed by nothing but the
    site's footer): once the furniture is pasted, the label stands alone, a stray label. So that pasting what the
    check prints converges, such a turn is a problem now, and its error carries the furniture rows with the stray
    label's row (they leave the notes). A turn whose words are only a stage direction is kept: it is non-verbal."""
    text, errors = parsed.text, []
    for turn, label in enumerate(parsed.labels):
        body = [s for s in parsed.spans if s.kind == "text" and s.turn == turn and has_words(text[s.start:s.end])]
        if not body or label.kind != "label":
            continue
        covering = [n for n in notes if n.pastes and any(a < s.end and s.start < b for s in body
                                                         for a, b in n.details.get("places", []))]
        if any(n.details["kind"] not in STRUCTURAL_KINDS | NON_VERBAL_KINDS for n in covering):
            continue  # a caption or a pull quote is a judgement: it never makes a label stray by itself
        left = list(text)
        for note in covering:
            for a, b in note.details["places"]:
                left[a:b] = " " * (b - a)
        if not covering or any(has_words("".join(left[s.start:s.end])) for s in body) or \
                any(n.details["kind"] in NON_VERBAL_KINDS for n in covering):
            continue
        error = empty_turn_error(text, parsed.labels, turn, Path(parsed.doc["file"]), exclusions_file,
                                 parsed.doc["doc_id"])
        moved = [p for n in covering for p in n.pastes]
        error.problem = (f"the label {label.text!r} ({label.speaker}) is followed only by page furniture that the "
                         "notes find: once that is excluded, it is a label with no words, an empty turn")
        error.fix = ("exclude the furniture and the stray label together (the rows below; they are not offered "
                     "again among the notes)")
        error.pastes = (*moved, *error.pastes)
        for note in covering:
            note.pastes = ()
            note.fix = "excluded by the rows of the problem above about a stray label"
        errors.append(error)
    return errors


def paragraph_of_its_own(text: str, start: int, end: int) -> bool:
    """Whether the line that holds ``text[start:end]`` is a paragraph by itself: the lines above and below it are
    blank, or the text ends there. A line of hard-wrapped prose is not, however it reads."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    above = text[:max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
    below = text[line_end + 1:].split("\n", 1)[0] if line_end >= 0 else ""
    return not above.strip() and not below.strip()


def alone_in_its_turn(text: str, spans: list, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds every word of its turn (a short answer that names a participant is speech,
    not a caption under a photo)."""
    turn = next((s.turn for s in spans if s.kind == "text" and s.start <= start < s.end), None)
    if turn is None:
        return False
    return not any(has_words(text[s.start:min(s.end, start)]) or has_words(text[max(s.start, end):s.end])
                   for s in spans if s.kind == "text" and s.turn == turn)


BOX_HEADING = re.compile(r"^(?:see also|additional|related|read also|more on (?:this|the) topic)$", re.IGNORECASE)
MAX_BOX_LINE_WORDS = 14  # a box's linked title; a paragraph of speech is longer or ends like a sentence


def box_line(line: str) -> bool:
    """A line that can stand in a 'See also' box or a page's closing furniture: a heading, a linked title, a date,
    a tag (short, and not ending like a sentence), or a line of the site's footer."""
    return bool(BOX_HEADING.match(line) or DATE_LINE.match(line) or TIME_LINE.match(line) or END_LINE.match(line)
                or FOOTER_START.match(line)
                or (len(line.split()) <= MAX_BOX_LINE_WORDS and not re.search(r"[.?!,;:…\"”]$", line)))


def see_also_box(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The lines of a 'See also' box that opens ``lines``: its heading, then each linked title and date (and a
    further heading such as 'Additional' with its own), up to the first line of speech."""
    box = [lines[0]]
    for line in lines[1:]:
        if not (box_line(line[2]) and not FOOTER_START.match(line[2])):
            break
        box.append(line)
    while len(box) > 1 and not (DATE_LINE.match(box[-1][2]) or RANGE_DATE_LINE.match(box[-1][2])) and \
            any(DATE_LINE.match(l[2]) or RANGE_DATE_LINE.match(l[2]) for l in box[1:]):
        box.pop()  # a box ends with the date of its last linked title; a short line after it is speech
    return box


def trailing_furniture(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The lines at the end of a transcript, after its last label, that close the page: from the first line that
    opens such furniture (a 'See also' heading, a footer line, an end-of-transcript, time or place-and-date line)
    to the end, when every line from there on is furniture-like (:func:`box_line`). Empty if there is none."""
    for index, (_, _, line) in enumerate(lines):
        opens = BOX_HEADING.match(line) or FOOTER_START.match(line) or END_LINE.match(line) or TIME_LINE.match(line) \
            or DATE_LINE.match(line) or (index + 1 < len(lines) and PLACE_LINE.match(line)
                                         and DATE_LINE.match(lines[index + 1][2]))
        if opens and all(box_line(l[2]) for l in lines[index:]):
            return lines[index:]
    return []


def runs_between(lines: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[list[tuple[int, int, str]]]:
    """``lines`` cut into runs that no listed exclusion or label interrupts (one row each)."""
    runs: list[list[tuple[int, int, str]]] = []
    for line in lines:
        if runs and not any(runs[-1][-1][1] <= a < line[0] for a, _ in taken):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


CAPTION_VOICE = frozenset("i we our ours us my me mine you your yours let".split())  # a caption speaks in no one's voice
STOP_WORDS = frozenset("a an the and or of to in on at with for by from as is are was were be this that these those "
                       "its it his her their".split())
MAX_CAPTION_WORDS = 25


def looks_like_caption(line: str, header: str, participants: list[str]) -> bool:
    """A photo caption: a short line in no one's voice (no I, we, you), not a question or an address, with no colon
    and at most two sentences, that names a participant of the event by their full name or repeats the page's header
    (most of its words are the header's title and lead: "At a press statements following Russian-Italian talks.",
    "Press conference following the Russian-Hungarian talks. With Prime Minister of Hungary Viktor Orban.")."""
    words = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", line.casefold())
    if not 3 <= len(words) <= MAX_CAPTION_WORDS or CAPTION_VOICE & set(words) or re.search(r"[,;—–-]$|[?!:]", line) \
            or len(re.findall(r"[.](?:\s|$)", line)) > 2:
        return False  # a question, an exclamation, a label's colon, more than two sentences: not a caption
    plain = " ".join(words)
    if any(len(p.split()) >= 2 and re.search(rf"\b{re.escape(' '.join(p.casefold().split()))}\b", plain)
           for p in participants):
        return True
    content = [w for w in words if w not in STOP_WORDS and len(w) > 2]
    titled = set(re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", header.casefold()))
    return len(content) >= 3 and sum(w in titled for w in content) >= 0.75 * len(content)


def word_ngrams(text: str, n: int = 3) -> Counter:
    """How often each run of ``n`` words (case-folded) stands in ``text``."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.casefold())
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


MIN_PULL_QUOTE_WORDS = 8
PULL_QUOTE_SHARE = 0.85


def repeats_the_speech(line: str, everywhere: Counter, n: int = 3) -> bool:
    """A pull quote: a paragraph of at least ``MIN_PULL_QUOTE_WORDS`` words of which nearly every run of three words
    (``PULL_QUOTE_SHARE``) stands in the page a second time, elsewhere: an excerpt of the speech, set apart by the page
    (it may drop a few words or change a capital, so runs of words are compared, not whole sentences). On the real
    pages tried, pull quotes scored 0.90 to 1.00 and no paragraph of speech more than 0.67."""
    own = word_ngrams(line, n)
    if sum(own.values()) < MIN_PULL_QUOTE_WORDS - n + 1:
        return False
    return sum(count for gram, count in own.items() if everywhere[gram] > count) >= PULL_QUOTE_SHARE * sum(own.values())


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


# --- printing --------------------------------------------------------------------------------------------

def shown(path: Path | str | None, data_dir: Path) -> str:
    """A path as the reader knows it: relative to the project (data/...) when it is inside it."""
    if path is None:
        return ""
    path = Path(path)
    for base in (paths.PROJECT_ROOT, data_dir.parent):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def grouped_pastes(items: list[CorpusError], data_dir: Path) -> dict[str, list[Paste]]:
    """Every paste of ``items``, grouped by file (files in data-folder order), duplicates dropped."""
    grouped: dict[str, list[Paste]] = {}
    for item in items:
        for paste in item.pastes:
            rows = grouped.setdefault(shown(paste.file, data_dir), [])
            if paste not in rows:
                rows.append(paste)
    return grouped


def print_pastes(grouped: dict[str, list[Paste]], out) -> None:
    for file, rows in grouped.items():
        for paste in sorted((p for p in rows if p.replace_line), key=lambda p: p.replace_line):
            print(f"\n{file}: replace line {paste.replace_line} with", file=out)
            print(csv_row(paste.row), file=out)
        appended = [p for p in rows if not p.replace_line]
        if appended:
            print(f"\n{file}: add at the end", file=out)
            for paste in appended:
                print(csv_row(paste.row), file=out)


def print_report(report: Report, out=None) -> None:
    out = out if out is not None else sys.stdout
    data = shown(report.data_dir, report.data_dir) or str(report.data_dir)
    for number, error in enumerate(report.errors, start=1):
        where = shown(error.path, report.data_dir) + (f":{error.line}" if error.line is not None else "")
        print(f"{number}. {where}: {error.problem}\n   Fix: {error.fix}", file=out)
    if report.errors:
        print("\nRows to paste" + "\n-------------", file=out)
        print_pastes(grouped_pastes(report.errors, report.data_dir), out)
    if report.notes:
        print(f"\nNotes: {len(report.notes)} thing(s) to look at (not errors)\n--------------", file=out)
        for error in report.notes:
            where = shown(error.path, report.data_dir) + (f":{error.line}" if error.line is not None else "")
            print(f"- {where}: {error.problem}\n  {error.fix}", file=out)
        suggested = grouped_pastes(report.notes, report.data_dir)
        if suggested:
            print("\nRows for the notes, if you agree", file=out)
            print_pastes(suggested, out)
    if report.transcripts:
        print("\nWho speaks in each transcript (read it: is every turn with the right speaker?)", file=out)
        for transcript in report.transcripts:
            counts = "; ".join(f"{s['speaker']}: {s['turns']} turns, {s['words']:,} words" for s in transcript["speakers"])
            print(f"- {transcript['doc_id']} ({transcript['event']}): {counts}\n  order: {transcript['sequence']}",
                  file=out)
    if report.errors:
        print(f"\n{len(report.errors)} problem(s) in {data}. Paste the rows above (and fill in any '?'), "
              "then run the check again.", file=out)
    else:
        print(f"\nNo problems: {data} loads." + (f" {len(report.notes)} note(s) above." if report.notes else ""),
              file=out)


def as_json(report: Report) -> dict:
    def item(error: CorpusError) -> dict:
        return {"file": shown(error.path, report.data_dir), "line": error.line, "problem": error.problem,
                "fix": error.fix, "details": error.details,
                "pastes": [{"file": shown(p.file, report.data_dir), "replace_line": p.replace_line, "row": list(p.row)}
                           for p in error.pastes]}
    return {"ok": report.ok, "errors": [item(e) for e in report.errors], "notes": [item(n) for n in report.notes],
            "transcripts": report.transcripts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="data folder to check (default: data/)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--notes", action="store_true",
                        help="notes on likely furniture for every transcript (default: those with a problem)")
    args = parser.parse_args(argv)
    report = check(args.data, all_notes=args.notes)
    if args.json:
        print(json.dumps(as_json(report), indent=1, ensure_ascii=False, default=str))
    else:
        print_report(report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
