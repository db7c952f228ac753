"""Cutting one document's text into spans: exclusions, speaker labels, analysed text, whitespace.

Every character of a document belongs to exactly one span, so nothing can be dropped unseen:
``tests/test_nothing_lost.py`` rebuilds each source from its spans.

Speaker-label rule (also in ``data/README.md``): a label starts at the beginning of a line and is 1 to
8 words, each capitalised, a number after the first word ("Speaker 2") or a lower-case name particle
("of", "the", "de", ...), possibly broken across single line breaks, optionally followed by a remark in
brackets ("Question (retranslated)"), then a colon. A label must be an alias in ``speakers.csv``; a
line that looks like a label but is not one is an error, unless a known label starts on a later line of
the same candidate (then the earlier line is just text), or the line is listed in ``not_labels.csv``.
A line that starts with a known alias followed by two spaces or a tab but no colon (White House style,
"Q    Thank you") is an error too, so that such labels are never read as text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import corpus_error
from .text import normalise_text

MARK = "\u0300-\u036f"  # combining accents, so that decomposed (NFD) names still form one word
TOKEN = rf"[^\W\d_](?:[^\W_]|[{MARK}])*(?:['’.\-](?:[^\W_]|[{MARK}])+)*\.?"
NUMBER = r"\d+"
SPACE = r"[^\S\r\n]"  # any whitespace but a line break: spaces, tabs, no-break spaces
SEPARATOR = rf"(?:{SPACE}+|{SPACE}*\r?\n{SPACE}*)"
LABEL_CANDIDATE = re.compile(
    rf"{SPACE}*(?P<label>{TOKEN}(?:{SEPARATOR}(?:{TOKEN}|{NUMBER})){{0,7}})"
    rf"(?P<remark>{SPACE}*\([^()\n]{{1,60}}\))?{SPACE}*:(?!:)")
NAME_PARTICLES = frozenset(
    "of the and de da del der den di du la le van von bin ibn al el y".split()
)


@dataclass(frozen=True)
class Exclusion:
    """A listed snippet located in a document. ``speaker`` is set for a speaker card."""

    start: int
    end: int
    kind: str
    speaker: str
    csv_line: int


@dataclass(frozen=True)
class Label:
    """A speaker label in a document; ``end`` is just after its colon."""

    start: int
    end: int
    text: str
    speaker: str
    kind: str  # "label" or "speaker_card"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "label", "exclusion", "text", "whitespace"
    turn: int | None
    detail: str


def line_of(text: str, position: int) -> int:
    """1-based line number of a character position."""
    return text.count("\n", 0, position) + 1


def collapse_label(label: str) -> str:
    """A label as compared with aliases: composed Unicode (NFC), single spaces."""
    return " ".join(unicodedata.normalize("NFC", label).split())


def looks_like_label(label: str) -> bool:
    tokens = label.split()
    return tokens[0][0].isupper() and all(t[0].isupper() or t.isdigit() or t in NAME_PARTICLES for t in tokens)


def alias_problem(alias: str) -> str:
    """Why an alias from speakers.csv could never be recognised as a label, or '' if it can."""
    match = LABEL_CANDIDATE.fullmatch(alias + ":")
    if not match or match["remark"] or not looks_like_label(match["label"]):
        return ("a label must be 1 to 8 words, each capitalised, a number after the first word, or a name "
                "particle such as 'of' or 'de'")
    return ""


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def inside(position: int, intervals: list[Exclusion]) -> bool:
    return any(e.start <= position < e.end for e in intervals)


def overlaps(start: int, end: int, intervals: list[Exclusion]) -> bool:
    return any(e.start < end and start < e.end for e in intervals)


def locate_exclusions(text: str, rows: list[tuple[str, str, str, int]], source: Path,
                      exclusions_file: Path) -> list[Exclusion]:
    """Find each listed snippet ``(kind, snippet, speaker, csv_line)``; each must occur exactly once."""
    found = []
    for kind, snippet, speaker, csv_line in rows:
        count = text.count(snippet)
        if count == 0:
            raise corpus_error(
                exclusions_file, f"the listed exclusion {snippet!r} is not found in {source}",
                "copy the snippet exactly from the raw file (same spaces, quotes and accents), or "
                "delete this row if the text is no longer there", line=csv_line)
        if count > 1:
            raise corpus_error(
                exclusions_file, f"the listed exclusion {snippet!r} occurs {count} times in {source}",
                "lengthen the snippet with its neighbouring words so that it occurs once", line=csv_line)
        start = text.index(snippet)
        found.append(Exclusion(start, start + len(snippet), kind, speaker, csv_line))
    found.sort(key=lambda e: e.start)
    for first, second in zip(found, found[1:]):
        if second.start < first.end:
            raise corpus_error(exclusions_file, f"exclusions on lines {first.csv_line} and "
                               f"{second.csv_line} overlap in {source}", "merge the two rows into one",
                               line=second.csv_line)
    return found


def find_labels(text: str, exclusions: list[Exclusion], aliases: dict[str, str], source: Path,
                speakers_file: Path, not_labels: list[Exclusion] = ()) -> list[Label]:
    """Speaker labels in reading order, speaker cards (listed exclusions) included.

    ``not_labels`` are listed lines that look like labels but are text; they are skipped.
    """
    labels = [Label(e.start, e.end, text[e.start:e.end], e.speaker, "speaker_card")
              for e in exclusions if e.kind == "speaker_card"]
    starts = line_starts(text)
    # text right after an exclusion that opens a line also opens a line ("SHARE|Vladimir Putin:", a BOM)
    starts = sorted(set(starts) | {e.end for e in exclusions if e.start in set(starts) and e.kind != "speaker_card"})
    resume_at = 0
    for index, start in enumerate(starts):
        if start < resume_at or inside(start, exclusions) or inside(start, list(not_labels)):
            continue
        check_label_without_colon(text, start, aliases, source)
        match = LABEL_CANDIDATE.match(text, start)
        if not match or not looks_like_label(match["label"]):
            continue
        if overlaps(match.start("label"), match.end(), exclusions):
            continue
        label = collapse_label(match["label"])
        speaker = aliases.get(label.casefold())
        if speaker is None:
            inner_starts = [s for s in starts[index + 1:] if s < match.end()]
            if any(known_label_at(text, s, aliases) for s in inner_starts):
                continue
            raise corpus_error(
                source, f"the speaker label {label!r} is not in {speakers_file.name}",
                f"if {label!r} is a speaker, add it to the aliases of its speaker in {speakers_file} "
                "(aliases are separated by ';') or add a row for a new speaker; if this line is text "
                f"that only looks like a label (e.g. 'Note: ...'), copy its start into "
                f"{speakers_file.parent / 'not_labels.csv'}", line=line_of(text, start))
        shown = label + (f" {' '.join(match['remark'].split())}" if match["remark"] else "")
        labels.append(Label(match.start("label"), match.end(), shown, speaker, "label"))
        resume_at = match.end()
    labels.sort(key=lambda l: l.start)
    return labels


def check_label_without_colon(text: str, start: int, aliases: dict[str, str], source: Path) -> None:
    """Stop at a line that opens like a label without a colon (White House style: "Q    Thank you",
    "THE PRESIDENT  Thank you"): a known alias, or capitals only, then two spaces or a tab."""
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)]
    match = re.match(rf"{SPACE}*(?P<alias>[^\s:]+(?: [^\s:]+){{0,7}}?)(?:{SPACE}{{2,}}|\t)\S", line)
    if not match:
        return
    alias = collapse_label(match["alias"])
    shouting = any(c.isalpha() for c in alias) and alias.upper() == alias
    if alias.casefold() in aliases or shouting:
        raise corpus_error(
            source, f"the line starts like a speaker label ({match['alias']!r}) but has no colon, so its text "
            "would be read as part of the previous turn",
            "labels must end with a colon ('Name: text'); this transcript's style is not supported. Raw files "
            "are not edited: see README, 'Adding a new transcript', for converting such a transcript",
            line=line_of(text, start))


def known_label_at(text: str, start: int, aliases: dict[str, str]) -> bool:
    match = LABEL_CANDIDATE.match(text, start)
    return bool(match) and collapse_label(match["label"]).casefold() in aliases


def text_spans(text: str, start: int, end: int, exclusions: list[Exclusion], turn: int | None) -> list[Span]:
    """Exclusion and text spans inside ``[start, end)``; whitespace is left for :func:`fill_whitespace`."""
    spans = []
    cursor = start
    for exclusion in exclusions:
        if exclusion.kind == "speaker_card" or exclusion.end <= start or exclusion.start >= end:
            continue
        spans += stripped_text_span(text, cursor, exclusion.start, turn)
        spans.append(Span(exclusion.start, exclusion.end, "exclusion", turn, exclusion.kind))
        cursor = exclusion.end
    spans += stripped_text_span(text, cursor, end, turn)
    return spans


def stripped_text_span(text: str, start: int, end: int, turn: int | None) -> list[Span]:
    piece = text[start:end]
    if not piece.strip():
        return []
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return [Span(start + lead, end - trail, "text", turn, "")]


def fill_whitespace(text: str, spans: list[Span], source: Path) -> list[Span]:
    """Add whitespace spans between the others, so that the spans tile the whole text."""
    spans = sorted(spans, key=lambda s: s.start)
    tiled, cursor = [], 0
    for span in spans + [Span(len(text), len(text), "end", None, "")]:
        if span.start < cursor:
            raise AssertionError(f"{source}: overlapping spans at {span.start}")  # a bug, not bad input
        if span.start > cursor:
            gap = text[cursor:span.start]
            if gap.strip():
                raise AssertionError(f"{source}: unaccounted text {gap!r}")
            tiled.append(Span(cursor, span.start, "whitespace", None, ""))
        if span.kind != "end":
            tiled.append(span)
        cursor = span.end
    return tiled


def analysed_text(text: str, spans: list[Span]) -> str:
    """The analysed text of a run of spans: text spans kept, exclusions read as a space."""
    pieces = [text[s.start:s.end] if s.kind in ("text", "whitespace") else " " for s in spans]
    return normalise_text("".join(pieces))


def segment_transcript(text: str, exclusions: list[Exclusion], aliases: dict[str, str], source: Path,
                       speakers_file: Path, exclusions_file: Path,
                       not_labels: list[Exclusion] = ()) -> tuple[list[Label], list[Span]]:
    """Labels and the tiling spans of a transcript. Turn ``i`` runs from label ``i`` to label ``i + 1``."""
    labels = find_labels(text, exclusions, aliases, source, speakers_file, not_labels)
    if not labels:
        raise corpus_error(
            source, "this transcript has no speaker label at all",
            f"each turn must start on a new line with 'Name:' where Name is an alias in {speakers_file}; "
            f"or, if the document is not a transcript, set its kind to 'news' in the manifest")
    before = text_spans(text, 0, labels[0].start, exclusions, None)
    stray = [s for s in before if s.kind == "text"]
    if stray:
        first = stray[0]
        raise corpus_error(
            source, f"text before the first speaker label: {text[first.start:first.end][:60]!r}",
            f"list it in {exclusions_file} (page furniture or a title) or give it a speaker label",
            line=line_of(text, first.start))
    spans = list(before)
    for turn, label in enumerate(labels):
        end = labels[turn + 1].start if turn + 1 < len(labels) else len(text)
        kind = "label" if label.kind == "label" else "exclusion"
        spans.append(Span(label.start, label.end, kind, turn, label.kind))
        spans += text_spans(text, label.end, end, exclusions, turn)
    return labels, fill_whitespace(text, spans, source)


def segment_news(text: str, exclusions: list[Exclusion], source: Path) -> list[Span]:
    """Tiling spans of a news report: its whole text is one body, minus listed exclusions."""
    return fill_whitespace(text, text_spans(text, 0, len(text), exclusions, None), source)
