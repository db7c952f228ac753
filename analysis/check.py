"""Check the whole data folder and print every problem at once, with the rows to paste.

    python -m analysis.check            # or: make check
    python -m analysis.check --json     # the same, as JSON (for scripts)

The loader (:func:`analysis.load_corpus`) stops at the first problem, which is right for code but slow for a
person adding a transcript. This runs the same checks with a collecting sink (:func:`analysis.corpus.read_corpus`),
so one run lists everything: checksums, unknown labels, text before the first label, exclusions that are not
found, found too often, or would move words between speakers. Where a fix is a row of a data file, it is
printed ready to paste, grouped by file, so that a new transcript needs one file edit per data file.

Unknown labels get a row chosen by these rules (each marked in the output, so it can be checked):
- a label that ends with a known alias ("Federal Chancellor of Germany Angela Merkel" and "Angela Merkel"), or
  whose last word is a known speaker's surname ("PRESIDENT PUTIN"), becomes an alias of that speaker;
- a label that is a known alias with one word misspelt by one or two letters ("Angela Markel") becomes an alias
  of that speaker, marked as a probable typo;
- a label made only of titles ("THE PRESIDENT", "PRIME MINISTER") names different people in different
  transcripts, so it gets a ``document_labels.csv`` row whose speaker you fill in (``?`` until you do);
- any other label is a new speaker; labels that end with another new label, or misspell it, join its row.
  The role is guessed from the words of the label ("Prime Minister" -> head_of_government) and marked.

Notes are not errors: lines inside turns that look like page furniture (the same line repeated, a "See also"
box, date and time lines, a site footer, stage directions such as "(Laughter.)"). Each comes with a row to
paste if you agree. A note never stops a load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .corpus import Parsed, read_corpus
from .errors import CorpusError, Paste, Problems, corpus_error
from .segments import (UNKNOWN, analysed_text, collapse_label, edit_distance, fills_its_lines, line_of, line_pattern,
                       near_alias, snippet_pattern)
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
FOOTER_START = re.compile(r"^(?:Geography|Topics|Persons|Tags|Related Articles|Publication date\b.*|Direct link\b.*"
                          r"|Text version\b.*"
                          # a closing note: "(The press availability was concluded at 3:01 p.m.)", "(The meeting ended.)",
                          # "(End of press conference)", "[End of transcript]"
                          r"|\((?:The )?[A-Za-z ,'-]*\b(?:concluded|adjourned|ended)\b[^()]*\)"
                          r"|[(\[](?:[Tt]he )?[Ee]nd of [^()\[\]]*[)\]])$")
SEE_ALSO = re.compile(r"^see also$", re.IGNORECASE)
STAGE_DIRECTION = re.compile(  # "(Laughter.)", "(As interpreted.)", "(Cross-talk.)"; without a full stop only the
    r"\((?:[A-Z][a-z]+(?:[ -][a-z]+){0,3})\.\)"  # usual words: "(inaudible)", "(Applause)"
    r"|\((?:[Ii]naudible|[Uu]nintelligible|[Ll]aughter|[Ll]aughs|[Aa]pplause|[Cc]ross-?talk|[Pp]ause)\)")
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
    suggest_labels(report, data_dir, turns_by_label(parsed))
    report.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    troubled = {Path(e.path).name for e in report.errors if e.path is not None}
    for transcript in parsed:
        if all_notes or transcript.doc["file"] in troubled or manifest_line_in(transcript.doc, report.errors):
            report.notes += furniture_notes(transcript, data_dir / paths.EXCLUSIONS_FILE)
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


def suggest_labels(report: Report, data_dir: Path, evidence: dict[str, list[str]] | None = None) -> None:
    """Give every unknown-label error a row to paste (see the module docstring for the rules)."""
    unknown = [e for e in report.errors if e.details.get("kind") == "unknown_label"]
    if not unknown:
        return
    speakers_file = data_dir / paths.SPEAKERS_FILE
    speakers = read_table(speakers_file, ["speaker", "role", "aliases"], Problems(collect=True))
    roles = set(read_table(data_dir / paths.ROLES_FILE, ["role"], Problems(collect=True))["role"])
    events = read_table(data_dir / paths.EVENTS_FILE, ["event"], Problems(collect=True), optional={"participants": ""})
    manifest = read_table(data_dir / paths.MANIFEST_FILE, ["doc_id", "event"], Problems(collect=True))
    participants = dict(zip(events["event"], events["participants"]))
    doc_events = dict(zip(manifest["doc_id"], manifest["event"]))
    aliases = {}
    for row in speakers.to_dict("records"):
        for alias in row["aliases"].split(";"):
            if alias.strip():
                aliases.setdefault(" ".join(alias.split()).casefold(), row["speaker"])
    surnames = Counter(s.split()[-1].casefold() for s in speakers["speaker"] if s.split())

    counts = Counter()
    for error in unknown:
        counts[error.details["label"].casefold()] += error.details.get("occurrences", 1)
    added: dict[str, list[str]] = {}  # existing speaker -> new aliases
    new: dict[str, dict] = {}  # key of a new speaker -> {"speaker", "aliases", "roles"}
    seen_labels: dict[str, str] = {}
    for error in unknown:
        label, doc_id = error.details["label"], error.details["doc_id"]
        key = label.casefold()
        if key in seen_labels:
            error.fix = seen_labels[key]
            continue
        words = key.split()
        known = next((a for a in sorted(aliases, key=len, reverse=True)
                      if len(a.split()) < len(words) and words[-len(a.split()):] == a.split()), None)
        typo = near_alias(label, aliases) or truncated_alias(words, aliases)
        surname = [s for s in speakers["speaker"] if s.split() and s.split()[-1].casefold() == words[-1]
                   and surnames[words[-1]] == 1]
        if known:
            speaker, why = aliases[known], f"it ends with {known!r}, an alias of"
        elif typo:
            speaker, why = aliases[typo], f"PROBABLY A TYPO or a cut-off form of {typo!r} (check!), an alias of"
        elif surname and len(words) > 1 and set(words[:-1]) <= TITLE_WORDS:
            speaker, why = surname[0], "its last word is the surname of"
        else:
            speaker = None
        if speaker:
            added.setdefault(speaker, []).append(label)
            seen_labels[key] = f"add it to the aliases of {speaker!r} ({why} {speaker!r}): row below"
        elif set(words) <= TITLE_WORDS:
            who = participants.get(doc_events.get(doc_id, ""), "")
            seen_labels[key] = (f"{label!r} is a title, not a name: say who it is in this transcript with a row of "
                                f"{paths.DOCUMENT_LABELS_FILE} (below; replace '?' by the speaker"
                                + (f"; the event's participants: {who}" if who else "") + ")")
            error.pastes = (Paste(data_dir / paths.DOCUMENT_LABELS_FILE,
                                  (doc_id, label, "?", "title used as a label in this transcript")),)
        else:
            group = next((k for k, g in new.items() if related(key, g["aliases"])), None)
            if group is None:
                group = key
                new[group] = {"aliases": [], "roles": []}
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
    for group in new.values():
        labels = group["aliases"]
        name, typos = group_name(labels, counts)
        spoken = [t for label in labels for t in (evidence or {}).get(label.casefold(), [])]
        name, role = display_name(name), guess_role(labels, roles, asks_questions(spoken))
        for error in unknown:
            if error.details["label"] in typos:
                error.fix = f"PROBABLY A TYPO of {name!r} (check!): " + error.fix
        fields = {"speaker": name, "role": role, "country": "", "language": "",
                  "aliases": ";".join(dict.fromkeys(labels))}
        columns = [c for c in speakers.columns if c != LINE] or list(fields)
        paste = Paste(speakers_file, tuple(fields.get(c, "") for c in columns))
        attach(report, labels, paste)


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
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)


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

def furniture_notes(parsed: Parsed, exclusions_file: Path) -> list[CorpusError]:
    """Notes for lines inside turns that look like page furniture, each with an exclusion row if it is safe.

    A row is offered only when every occurrence of its text fills its own line(s) and lies inside turn text,
    so that pasting it cannot remove a word in the middle of a sentence or touch a label or another exclusion.
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

    def offer(start: int, end: int, kind: str, why: str) -> None:
        snippet = text[start:end].replace("\r\n", "\n")
        places = [(m.start(), m.end()) for m in snippet_pattern(snippet).finditer(text)]
        safe = all(fills_its_lines(text, s, e) and not any(a < e and s < b for a, b in taken + claimed)
                   for s, e in places)
        where = ", ".join(str(line_of(text, s)) for s, _ in places[:8])
        note = corpus_error(
            Path(source), f"inside a turn, {snippet[:70]!r}" + ("..." if len(snippet) > 70 else "")
            + f" looks like {why} (line {where})",
            "if it is not spoken, exclude it (row below)" if safe else
            "if it is not spoken, exclude it with a longer snippet (some occurrence shares its line with other "
            "text or touches another exclusion)", line=line_of(text, start),
            pastes=[Paste(exclusions_file, (doc_id, kind, snippet, "", why, str(len(places))))] if safe else [])
        notes.append(note)
        claimed.extend(places)

    after_last_label = parsed.labels[-1].end if parsed.labels else 0
    footer = next((l for l in lines if l[0] >= after_last_label and FOOTER_START.match(l[2])), None)
    if footer:
        offer(footer[0], lines[-1][1], "footer", "a site footer (tags, publication date, link) at the end")
        lines = [l for l in lines if l[0] < footer[0]]
    tail = [l for l in lines if l[0] >= after_last_label][-3:]
    dated = next((i for i, l in enumerate(tail) if DATE_LINE.match(l[2])), None)
    if dated is not None and dated == len(tail) - 1:  # "New Delhi / May 14, 2025" closing the page
        first = dated - 1 if dated and len(tail[dated - 1][2].split()) <= 4 and not re.search(r"[.?!]$", tail[dated - 1][2]) else dated
        offer(tail[first][0], tail[-1][1], "footer", "a place and date line closing the page")
        lines = [l for l in lines if l[0] < tail[first][0]]
    index = 0
    while index < len(lines):
        start, end, line = lines[index]
        if SEE_ALSO.match(line):
            box = lines[index:index + 3]
            close = next((i for i, l in enumerate(box) if i and DATE_LINE.match(l[2])), min(1, len(box) - 1))
            offer(start, box[close][1], "see_also", "a 'See also' box (heading, linked title, date)")
            index += close + 1
            continue
        if DATE_LINE.match(line) or TIME_LINE.match(line) or END_LINE.match(line):
            if not any(a <= start < b for a, b in claimed):
                offer(start, end, "footer" if END_LINE.match(line) else "header",
                      "a date or time line" if not END_LINE.match(line) else "the end-of-transcript line")
        index += 1
    repeated = Counter(line for _, _, line in lines if len(line.split()) >= MIN_REPEATED_WORDS)
    for line, n in repeated.items():
        if n < 2:
            continue
        first = next((s, e) for s, e, l in lines if l == line)
        if not any(a <= first[0] < b for a, b in claimed):
            offer(first[0], first[1], "caption", f"page furniture repeated word for word ({times(n)} inside turns), "
                  "such as a photo caption")
    for marks, kind, what in ((STAGE_DIRECTION, "stage_direction", "a stage direction, not speech"),
                              (EDITORIAL, "editorial", "an editor's insertion in square brackets, not speech")):
        found = Counter(m.group(0) for a, b in in_turns for m in marks.finditer(text, a, b))
        for mark, n in found.items():
            places = [(m.start(), m.end()) for m in re.finditer(re.escape(mark), text)]
            if all(any(a <= s and e <= b for a, b in claimed) for s, e in places):
                continue  # inside text already offered for exclusion above (a footer, a caption): that row covers it
            clash = any(a < e and s < b for s, e in places for a, b in taken + claimed)
            notes.append(corpus_error(
                Path(source), f"{mark!r} ({times(len(places))}) looks like {what}",
                "exclude it (row below), or leave it if you count it as text" if not clash else
                "exclude it with a longer snippet (one occurrence touches an exclusion already listed or offered "
                "above)",
                line=line_of(text, places[0][0]),
                pastes=[] if clash else [Paste(exclusions_file, (doc_id, kind, mark, "", what, str(len(places))))]))
    stamps = [(m.start(), m.end()) for m in line_pattern(TIMESTAMP_LINE).finditer(text)]
    if stamps and all(any(a <= s and e <= b for a, b in in_turns) for s, e in stamps):
        notes.append(corpus_error(
            Path(source), f"{times(len(stamps))} a line holds only a time such as {text[stamps[0][0]:stamps[0][1]].strip()!r}: "
            "paragraph timestamps of the page, not speech", "exclude them all with one pattern row (below: "
            "match 'lines', a regular expression that must fill each line it takes)", line=line_of(text, stamps[0][0]),
            pastes=[Paste(exclusions_file, (doc_id, "timestamp", TIMESTAMP_LINE, "", "paragraph timestamps",
                                            str(len(stamps)), "lines"))]))
    return notes


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
