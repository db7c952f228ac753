"""Cutting one document's text into spans: exclusions, speaker labels, analysed text, whitespace.

Every character of a document belongs to exactly one span, so nothing can be dropped unseen:
``tests/test_nothing_lost.py`` rebuilds each source from its spans.

Speaker-label rule (also in ``data/README.md``): a label starts at the beginning of a line and is one or more
words, each capitalised, a number after the first word ("Speaker 2") or a lower-case name particle ("of", "the",
"de", ...), possibly broken across single line breaks, with at most one comma between two words ("Shri Arindam
Bagchi, Official Spokesperson"), optionally followed by a remark in brackets ("Question (retranslated)"), then a
colon. There is no limit on the number of words ("President of the Republic of Turkey Recep Tayyip Erdogan" has
nine): a label is recognised by what it is, within ``MAX_LABEL_CHARS`` of its line's start. A label must be an
alias in ``speakers.csv`` (or a label of that document in ``document_labels.csv``); a line that looks like a label
but is not one is an error, unless a known label starts on a later line of the same candidate (then the earlier
line is just text), or the line is listed in ``not_labels.csv``. White House style: a known alias followed by a
tab or two or more spaces and no colon ("Q    Thank you") is a label too, and so is a one-letter alias followed by
one space and a capital ("Q Thank you"). A line in capitals followed by such a gap ("THE PRESIDENT    Thank you")
that is not a known alias is an unknown label, so that its text is never read as part of the previous turn;
words in capitals that end a sentence ("PBS.  Ms. Lopez.") are not.

Labels that are not written as labels are reported, never read silently as text (each with the row that fixes
it): a line that opens with a known speaker's or an event participant's name followed by a full stop, a dash or
nothing ("Sebastian Kurz. Thank you"), and a known label standing inside a line after the end of a sentence
("... two dozen? Vladimir Putin: With regard to ...", a lost paragraph break).

Exclusions (``exclusions.csv``) are found by exact text, as often as their ``count`` says. An exclusion may
never cover any part of a speaker label (that would hand the label's turn to the previous speaker) unless it
is a ``speaker_card`` naming that very speaker.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from . import paths
from .errors import Paste, Problems, corpus_error
from .tables import LINE
from .text import normalise_text

MARK = "\u0300-\u036f"  # combining accents, so that decomposed (NFD) names still form one word
TOKEN = rf"[^\W\d_](?:[^\W_]|[{MARK}])*(?:['’.\-](?:[^\W_]|[{MARK}])+)*\.?"
NUMBER = r"\d+"
SPACE = r"[^\S\r\n]"  # any whitespace but a line break: spaces, tabs, no-break spaces
SEPARATOR = rf"(?:{SPACE}+|{SPACE}*\r?\n{SPACE}*)"
COMMA = rf",{SPACE}+"  # "Shri Arindam Bagchi, Official Spokesperson:" (India's MEA): one comma inside a label
LABEL_CANDIDATE = re.compile(
    rf"{SPACE}*(?P<label>{TOKEN}(?:(?:{SEPARATOR}|{COMMA})(?:{TOKEN}|{NUMBER}))*)"
    rf"(?P<remark>{SPACE}*\([^()\n]{{1,60}}\))?{SPACE}*:(?![:\d])")  # "END 7:53 P.M." is a time, not a label
GAP_LABEL = re.compile(  # White House style: the label, then a tab or two or more spaces, then the text
    rf"{SPACE}*(?P<label>{TOKEN}(?: {TOKEN})*?)(?:\t|{SPACE}{{2,}})(?=\S)")
ANY_GAP = re.compile(rf"\t|{SPACE}{{2}}")
LETTER_LABEL = re.compile(rf"{SPACE}*(?P<label>[A-Z])\.?{SPACE}(?=[A-Z0-9\"“‘'(])")  # "Q Thank you", "Q. Sir"
NAME_PARTICLES = frozenset(
    "of the and de da del der den di du la le van von bin ibn al el y".split()
)
MAX_LABEL_CHARS = 400  # labels are looked for within this many characters of a line start (the longest real
# label seen, "Federal Chancellor of the Republic of Austria Sebastian Kurz (retranslated):", has 78)
WORD_OF_LABEL = re.compile(TOKEN)
ABBREVIATED_TITLES = frozenset("mr ms mrs dr jr sr st messrs mme mlle".split())  # "MS.  " is a title, not a sentence end
UNKNOWN = "?"  # the speaker of a label nobody is known by (only while checking; a loaded corpus has none)


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
    """A speaker label in a document; ``end`` is just after its colon (or its gap, White House style)."""

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
    return (tokens[0][0].isupper() and label.count(",") <= 1
            and all(t[0].isupper() or t.isdigit() or t in NAME_PARTICLES for t in tokens))


def shouting(label: str) -> bool:
    """A label written in capitals ("THE PRESIDENT"), as White House transcripts write them."""
    return any(c.isalpha() for c in label) and label.upper() == label


def alias_problem(alias: str) -> str:
    """Why an alias from speakers.csv could never be recognised as a label, or '' if it can."""
    match = LABEL_CANDIDATE.fullmatch(alias + ":")
    if not match or match["remark"] or not looks_like_label(match["label"]):
        return ("a label must be words, each capitalised, a number after the first word, or a name particle "
                "such as 'of' or 'de'")
    return ""


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def inside(position: int, intervals: list[Exclusion]) -> bool:
    return any(e.start <= position < e.end for e in intervals)


def covering(intervals: list[Exclusion]) -> Callable[[int], bool]:
    """:func:`inside` for many positions: sorted by start once, then whether any interval starting at or before a
    position ends after it is one look-up (the greatest end so far of the intervals in start order)."""
    ordered = sorted(intervals, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    reach = list(itertools.accumulate((e.end for e in ordered), max))

    def covered(position: int) -> bool:
        k = bisect.bisect_right(starts, position)
        return k > 0 and reach[k - 1] > position

    return covered


def overlaps(start: int, end: int, intervals: list[Exclusion]) -> bool:
    return any(e.start < end and start < e.end for e in intervals)


def snippet_pattern(snippet: str) -> re.Pattern:
    """The exact text of a snippet; a line break in it matches a line break of either style (\\n or \\r\\n)."""
    lines = snippet.replace("\r\n", "\n").split("\n")
    return re.compile(r"\r?\n".join(re.escape(line) for line in lines))


def line_pattern(pattern: str) -> re.Pattern:
    """A ``match=lines`` row: a regular expression that must match a whole line (spaces around it allowed)."""
    return re.compile(rf"(?m)^[^\S\r\n]*(?:{pattern})[^\S\r\n]*(?=\r?$)")


def fills_its_lines(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has nothing but whitespace beside it on its first and last line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:line_end if line_end >= 0 else len(text)].strip()


def locate_exclusions(text: str, rows: list[dict], source: Path, listing: Path,
                      problems: Problems | None = None) -> list[Exclusion]:
    """Find each listed snippet (a row with ``kind``, ``text``, ``speaker``, ``count``, ``_line``).

    A snippet must occur exactly ``count`` times (1 unless the row says otherwise); each occurrence is one
    :class:`Exclusion`. Occurrences of different rows may not overlap.
    """
    problems = problems if problems is not None else Problems()
    found = []
    for row in rows:
        snippet, csv_line, wanted = row["text"], row[LINE], row["count"]
        match = row.get("match", "")
        pattern = line_pattern(snippet) if match == "lines" else snippet_pattern(snippet)
        places = [(m.start(), m.end()) for m in pattern.finditer(text)
                  if m.end() > m.start() and stands_as_listed(text, m.start(), m.end(), match, row["kind"])]
        if not places:
            lines = match == "lines"
            problems.report(corpus_error(
                listing, f"the listed {'pattern' if lines else 'text'} {snippet!r} "
                + ("matches no whole line" if lines else "is not found" + WHERE_MATCHED.get(match, "")) + f" in {source}",
                "correct the pattern (it must match a whole line; spaces around it are allowed), or delete the row"
                if lines else "copy the snippet exactly from the raw file (same spaces, quotes and accents), or "
                "delete this row if the text is no longer there", line=csv_line))
            continue
        if len(places) != wanted:
            problems.report(count_error(text, snippet, places, row, source, listing))
        found += [Exclusion(start, end, row["kind"], row["speaker"], csv_line) for start, end in places]
    found.sort(key=lambda e: e.start)
    kept: list[Exclusion] = []
    for exclusion in found:
        if kept and exclusion.start < kept[-1].end:
            problems.report(corpus_error(
                listing, f"the rows on lines {kept[-1].csv_line} and {exclusion.csv_line} overlap in {source} "
                f"(line {line_of(text, exclusion.start)})", "merge the two rows into one, or shorten one of them",
                line=exclusion.csv_line))
            continue
        kept.append(exclusion)
    return kept


SENTENCE_END = "[.?!…\"”’)\\]]"  # what ends a sentence, a quotation or a bracket: a label may follow it in a line
ENDS_A_SENTENCE = re.compile(rf"{SENTENCE_END}{SPACE}+$")
WHERE_MATCHED = {  # the ``match`` column of exclusions.csv: where the exact text counts (besides 'lines', a pattern)
    "paragraph": " as a paragraph of its own (alone on its line or lines)",
    "line_start": " at the start of a line",
    "mid_line": " inside a line, after the end of a sentence",
}


def stands_as_listed(text: str, start: int, end: int, match: str, kind: str = "") -> bool:
    """Whether an occurrence of a listed text stands where its row's ``match`` says it counts: anywhere (''),
    as a paragraph of its own ('paragraph': a pull quote whose sentences also stand in the speech), at a line's
    start ('line_start': a label written without its colon; a speaker card alone on its line counts only where
    speech follows it, not in a list of tags), or inside a line after the end of a sentence, not after a title such as "Mr." ('mid_line': a
    label whose paragraph break was lost). 'lines' patterns match whole lines by themselves."""
    if match in ("", "text", "lines"):
        return True
    if match == "paragraph":
        return fills_its_lines(text, start, end)
    before = text[text.rfind("\n", 0, start) + 1:start]
    if match == "line_start":
        alone = kind == "speaker_card" and text[start:end][-1:] == "\n"  # a name alone on its line
        return not before.strip() and (not alone or speech_follows(text, end - 1))
    return bool(before.strip()) and bool(ENDS_A_SENTENCE.search(before)) and not ends_in_abbreviation(text, start)


def count_error(text: str, snippet: str, places: list[tuple[int, int]], row: dict, source: Path, listing: Path):
    """The error for a snippet found a different number of times than its row's ``count`` says."""
    lines = ", ".join(str(line_of(text, start)) for start, _ in places[:12]) + (" ..." if len(places) > 12 else "")
    said = "once" if row["count"] == 1 else f"{row['count']} times"
    problem = f"the listed text {snippet!r} occurs {len(places)} times in {source} (lines {lines}), but the row says {said}"
    if all(fills_its_lines(text, start, end) for start, end in places):
        fields = dict(row, count=str(len(places)))
        return corpus_error(listing, problem, f"every occurrence fills its own line(s), as repeated page furniture "
                            f"does: if each one is furniture, set count to {len(places)} (row below); otherwise "
                            "list the occurrences that are furniture by longer snippets", line=row[LINE],
                            pastes=[Paste(listing, tuple(fields[c] for c in row["_columns"]), row[LINE])])
    return corpus_error(listing, problem, "lengthen the snippet with neighbouring words on the same line so that it "
                        "occurs only where it is furniture (never into a speaker label), or, if every occurrence "
                        f"is furniture, set count to {len(places)}", line=row[LINE])


def label_at(text: str, start: int, aliases: dict[str, str]) -> tuple[re.Match | None, str, str | None]:
    """The label that opens the line at ``start``: ``(match, label, speaker)``.

    ``speaker`` is None for a label-like line that no alias matches; ``match`` is None when the line does
    not open like a label at all. A known alias wins: a colon label first, then the White House styles
    ("Q    Mr. President: ..." is the question label "Q", not a label "Q Mr. President").
    """
    unknown = None
    reach = min(len(text), start + MAX_LABEL_CHARS)  # bounded: a regex over a megabyte-long line costs gigabytes
    # every style opens with a letter after spaces (a blank line, a number or a quotation mark opens none):
    # one look at that character rules such lines out before any pattern is tried
    first = start
    while first < reach and text[first] not in "\r\n" and text[first].isspace():
        first += 1
    if first == reach or not text[first].isalnum():
        return None, "", None
    # a colon label ends in a colon before ``reach``: without one (most lines) the pattern is not tried
    colon = text.find(":", first, reach)
    match = LABEL_CANDIDATE.match(text, start, reach) if colon >= 0 and could_end_at(text, first, colon) else None
    if match and looks_like_label(match["label"]):
        label = collapse_label(match["label"])
        speaker = aliases.get(label.casefold())
        if speaker is not None:
            return match, label, speaker
        unknown = (match, label)
    line_end = text.find("\n", first, reach)
    line = text[first:line_end if line_end >= 0 else reach]  # (from the first letter: only spaces stand before it)
    for style in (GAP_LABEL, LETTER_LABEL):
        if style is GAP_LABEL and not gap_after_label_words(line):
            continue  # no gap right after the line's first capitalised words (most lines): skip the longer pattern
        if style is LETTER_LABEL and not (len(line) > 2 and (line[1].isspace() or line[1] == ".")):
            continue
        gap = style.match(text, start, reach)
        if gap:
            label = collapse_label(gap["label"])
            speaker = aliases.get(label.casefold())
            broken = label_broken_by_gap(text, gap, label, aliases)
            if broken:  # "Q<tab>uestion: we" is the label "Question" with a tab inside, not "Q" saying "uestion"
                return gap, broken, None
            if speaker is not None:
                return gap, label, speaker
            if (unknown is None and style is GAP_LABEL and shouting(label) and looks_like_label(label)
                    and not ends_sentence(label)  # "PBS.  Ms. Lopez.": a sentence, then White House double spacing
                    and not text[gap.end():gap.end() + 1].isdigit()):  # "END      2:58 P.M. EDT" is a time line
                unknown = (gap, label)
    return (unknown[0], unknown[1], None) if unknown else (None, "", None)


def label_broken_by_gap(text: str, gap: re.Match, label: str, aliases: dict[str, str]) -> str:
    """The label as written when a White House gap cuts a known alias in two ("Q<tab>uestion:" is "Question" with a
    tab inside): the gap's label joined to the letters right after the gap, if that is an alias; else "". Such a
    line is reported as a label to fix, so that the rest of the word is never read as speech."""
    rest = re.match(r"[^\W\d_]+", text[gap.end():gap.end() + MAX_LABEL_CHARS])
    if not rest or not rest.group(0)[0].islower():
        return ""
    joined = label + rest.group(0)
    return text[gap.start():gap.end() + rest.end()].strip() if joined.casefold() in aliases else ""


def gap_after_label_words(line: str) -> bool:
    """Whether ``line`` (which opens with a letter) has a White House gap (a tab, or two spaces) right after words
    that could make a label: each a capitalised word, separated by single spaces. A gap after any other word (a
    tab inside a sentence, two spaces after a full stop in running text) cannot end a label."""
    gap = ANY_GAP.search(line)
    return bool(gap) and all(WORD_OF_LABEL.fullmatch(word) for word in line[:gap.start()].split(" "))


def ends_sentence(label: str) -> bool:
    """Whether a label-like run of capitals ends with a full stop that closes a sentence ("PBS.", "OK."), not one
    that shortens a title ("MS.")."""
    last = label.split()[-1]
    return last.endswith(".") and last.rstrip(".").casefold() not in ABBREVIATED_TITLES


def could_end_at(text: str, first: int, colon: int) -> bool:
    """Whether a colon label opening at ``first`` could end at the line's first ``colon``, or later: a label holds
    no colon except inside its remark (in brackets), so with no bracket before the colon it must end there, and
    then every word before the colon must be a word a label is made of (capitalised, a number, a name particle):
    a sentence that mentions a colon ("We agreed on three points: ...") is ruled out by its first lower-case word,
    however many words it has. No count of words is involved, so no label is missed for being long."""
    before = text[first:colon]
    return "(" in before or (bool(before.strip()) and looks_like_label(before))


def label_spans(text: str, aliases: dict[str, str], near: list[Exclusion] = ()) -> list[tuple[int, int, str, str]]:
    """The labels at line starts of the raw text that name a speaker: ``(start, end, label, speaker)``.

    Known aliases, and label-like lines that look like a misspelling of one (as that alias's speaker).
    Exclusions are ignored here on purpose: this is what :func:`guard_labels` checks them against. Only the
    line starts from which a label could reach one of ``near`` (within ``MAX_LABEL_CHARS``) are read (every line
    when ``near`` is None).
    """
    starts = line_starts(text)
    if near is not None:
        wanted = set()
        for listed in near:
            first = bisect.bisect_left(starts, listed.start - MAX_LABEL_CHARS)
            last = bisect.bisect_right(starts, listed.end)
            wanted.update(range(first, last))
        starts = [starts[i] for i in sorted(wanted)]
    spans = []
    for start in starts:
        match, label, speaker = label_at(text, start, aliases)
        if match and speaker is None:
            alias = near_alias(label, aliases)
            speaker = aliases[alias] if alias else None
        if match and speaker is not None:
            spans.append((match.start("label"), match.end(), label, speaker))
    return spans


def near_alias(label: str, aliases: dict[str, str]) -> str | None:
    """The known alias that ``label`` looks like a misspelling of: same words but one, which differs by one or
    two letters ("Angela Markel" for "Angela Merkel"), or None."""
    words = label.casefold().split()
    for alias in aliases:
        other = alias.split()
        if len(other) != len(words) or alias == label.casefold():
            continue
        differing = [(a, b) for a, b in zip(words, other) if a != b]
        if len(differing) == 1:
            a, b = differing[0]
            if min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.75 and edit_distance(a, b) <= 2:
                return alias
    return None


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def guard_labels(text: str, listed: list[Exclusion], labels: list[Label], aliases: dict[str, str], source: Path,
                 listing: Path, problems: Problems) -> None:
    """Report listed text (exclusions, not-labels) that would move words between speakers.

    Every label in the raw text (known aliases, and label-like lines that look like a misspelling of one)
    that listed text touches must still be found, for the same speaker and ending at the same colon, among
    the ``labels`` the transcript was cut by; otherwise the listed text hides it and the label's turn would
    go to the previous speaker. A ``speaker_card`` may cover labels of the speaker it names (it replaces a
    garbled label). So excluding a title line that forms one label candidate with the label below it is fine,
    while a caption snippet that swallows the next speaker's label is refused.
    """
    if not listed:
        return
    found = {(label.end, label.speaker) for label in labels}
    starts = sorted(label.start for label in labels)
    for start, end, label, speaker in label_spans(text, aliases, listed):
        covering = [x for x in listed if x.start < end and start < x.end]
        if not covering or (end, speaker) in found:
            continue
        if any(x.kind == "speaker_card" and x.speaker == speaker for x in covering):
            continue
        if all(x.kind == "stray_label" and not has_words(text[end:x.end]) for x in covering) and \
                not words_before_next_label(text, end, starts, listed):
            continue  # a stray label with no words after it: excluding it moves no word
        culprit = covering[0]
        listed_as_text = culprit.kind == "not_a_label"
        problems.report(corpus_error(
            listing, f"the text listed here (line {line_of(text, culprit.start)} of {source}) covers the speaker "
            f"label {label!r} ({speaker}) at line {line_of(text, start)}: "
            + ("skipping" if listed_as_text else "excluding") + f" it would give {speaker}'s words to the "
            "previous speaker",
            f"delete this row: that line is {speaker}'s label" if listed_as_text else
            "shorten the snippet so that it ends before the label's line (repeated furniture needs no "
            "neighbouring words: give the row a count instead)", line=culprit.csv_line))


DECORATION = re.compile(rf"{SPACE}*(?:[^\w\s(]{{1,3}}{SPACE}*)?")  # "- ", ">> ", "* " before a name
AFTER_NAME = re.compile(  # a dash or semicolon instead of the colon; nothing (the name alone on its line); or a full
    # stop followed by more words on the line ("Sebastian Kurz. Thank you": a full stop typed for the colon). A name
    # and a full stop alone on a line ("President of Turkey Recep Tayyip Erdogan.") is a photo caption, not a label.
    rf"{SPACE}*(?:\([^()\n]{{0,60}}\){SPACE}*)?(?:[:;|>\-–—]+(?=\s|$)|\.(?={SPACE}+[^\s])|(?P<alone>(?=\r?\n|$)))")
LABEL_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")  # a word of a label-like run at a line's start ("President", "of")



def compact(name: str) -> str:
    """A name's letters and digits only, case-folded: what is left of a label once spaces and marks are gone."""
    return "".join(c for c in unicodedata.normalize("NFC", name).casefold() if c.isalnum())


def alias_keys(aliases: dict[str, str]) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Compact aliases -> speaker, the first one to three letters of each (a quick test for each line), and every
    beginning of each (once a line's letters begin no alias, more letters cannot make one)."""
    keys = {compact(alias): speaker for alias, speaker in aliases.items() if compact(alias)}
    return (keys, frozenset(key[:n] for key in keys for n in (1, 2, 3)),
            frozenset(key[:n] for key in keys for n in range(1, len(key) + 1)))


def disguised_label(text: str, start: int,
                    keys: tuple[dict[str, str], frozenset[str], frozenset[str]]) -> tuple[int, str] | None:
    """A line that opens a paragraph with a known alias or a participant's name (once spaces inside it are ignored,
    or after titles: ``President of Valmara Ostan Kaya``), followed by something other than a colon (a dash, a
    semicolon, a full stop and more words) or by nothing (the name alone on its line, with a paragraph of speech
    after it): ``Vladi mir Putin: ...``, ``Vladimir Putin - ...``, ``Sebastian Kurz. Thank you``, ``PUTIN`` above
    his words. Returns ``(end of the disguised label, speaker)`` or None. Such a line was not read as a label;
    reading it as text would give the speaker's words to the previous speaker, so it is reported instead. A line
    that continues a sentence of the line above (hard-wrapped text: "... the Prime Minister of Nordavia,\nErik
    Lund. We agreed") is not a label, nor is a name among a page's tags (no speech after it)."""
    known, openings, beginnings = keys
    if start >= len(text) or text[start] in "\r\n":
        return None  # a blank line (the commonest line after a paragraph) names nobody
    position = DECORATION.match(text, start).end()
    if position < len(text) and text[position].islower():
        return None  # a label is written with a capital: "question" alone on a line is a wrapped sentence
    candidates = itertools.chain(named_at(text, position, keys), lazily(titled_name_at, text, position, known))
    for name_end, speaker in candidates:
        after = AFTER_NAME.match(text, name_end)  # not followed by more words ("Vladimir Putin said")
        if not after:
            continue
        sentence_like = after["alone"] is not None or after.group(0).rstrip().endswith(".")
        if sentence_like and not opens_paragraph(text, start):
            continue  # a full stop or nothing after a name continues a hard-wrapped sentence of the line above
        if after["alone"] is None or speech_follows(text, after.end()):
            return after.end(), speaker
    return None


def named_at(text: str, position: int, keys: tuple[dict[str, str], frozenset[str], frozenset[str]]) -> list[tuple[int, str]]:
    """Where a known name that opens the text at ``position`` ends, read letter by letter with spaces and marks
    ignored (``Vladi mir Putin``), longest first: ``(end, speaker)``."""
    known, openings, beginnings = keys
    letters, ends, read = [], [], ""
    for index in range(position, min(len(text), position + MAX_LABEL_CHARS)):
        character = text[index]
        if character.isalnum():
            folded = character.casefold()
            letters.append(folded)
            ends.append(index + 1)
            read += folded
            if len(letters) <= 3 and "".join(letters) not in openings and not any(
                    "".join(letters[:n]) in known for n in range(1, len(letters))):
                return []  # most lines: no alias starts like this one
            if read not in beginnings:
                break  # no alias begins with the letters read so far: reading on cannot make one
        elif character in "\r\n" or not (character.isspace() or character in ".'’-"):
            break
    return [(ends[size - 1], known["".join(letters[:size])]) for size in range(len(letters), 0, -1)
            if "".join(letters[:size]) in known]


def lazily(function, *arguments):
    """The items of ``function(*arguments)``, computed only if they are asked for."""
    yield from function(*arguments)


def titled_name_at(text: str, position: int, known: dict[str, str]) -> list[tuple[int, str]]:
    """A known name of two words or more that ends a run of label words opening the text at ``position``, after
    titles (``President of Valmara Ostan Kaya``): ``(end of the name, speaker)``, longest run first."""
    second = text.find(" ", position, position + 40) + 1
    if not second or not (text[second:second + 1].isupper()
                          or text[second:text.find(" ", second, second + 8)] in NAME_PARTICLES):
        return []  # most lines: a capital, then a word in lower case ("We discussed"): no run of label words
    line_end = text.find("\n", position)
    words = []
    for match in LABEL_WORD.finditer(text, position, line_end if line_end >= 0 else len(text)):
        if words and text[words[-1].end():match.start()].strip():
            break  # punctuation between the words: the run has ended
        word = match.group(0).rstrip(".")
        if not (word[0].isupper() or word in NAME_PARTICLES):
            break
        words.append(match)
        if match.group(0).endswith("."):
            break  # "Ostan Kaya." : the full stop ends the run
    found = []
    for last in range(len(words), 1, -1):
        for first in range(1, last - 1):
            name = compact("".join(w.group(0).rstrip(".") for w in words[first:last]))
            if name in known:
                found.append((words[last - 1].start() + len(words[last - 1].group(0).rstrip(".")), known[name]))
    return found


def opens_paragraph(text: str, start: int) -> bool:
    """Whether the line at ``start`` opens a paragraph: the text's first line, or one after a blank line or after a
    line that ends a sentence, a label's colon or a bracket."""
    if start == 0:
        return True
    previous = text[text.rfind("\n", 0, start - 1) + 1:start].strip()
    return not previous or previous[-1] in ".?!…\"”’):]"


def speech_follows(text: str, end: int) -> bool:
    """Whether a paragraph of speech (five words or more, or a sentence's end) follows the line that ends at ``end``
    (numbers and times are not words here: "Publication date: March 3, 2024, 15:00" is not speech):
    what sets a name alone on its line above its speaker's words apart from a name in a page's list of tags."""
    for line in text[end:end + 2 * MAX_LABEL_CHARS].splitlines()[1:]:
        if line.strip():
            worded = [w for w in line.split() if any(c.isalpha() for c in w)]
            said = re.sub(r"(?:\s*\([^()]*\))+$", "", line.strip())  # "Thank you. (Laughter.)"
            return len(worded) >= 5 or (len(worded) >= 1 and said[-1:] in tuple(".?!…\"”"))
    return False


def words_before_next_label(text: str, end: int, label_starts: list[int], listed: list[Exclusion]) -> bool:
    """Whether any word stands outside listed text between ``end`` and the next label that was found."""
    following = bisect.bisect_left(label_starts, end)
    stop = label_starts[following] if following < len(label_starts) else len(text)
    cursor = end
    for exclusion in sorted(listed, key=lambda x: x.start):
        if exclusion.end <= cursor or exclusion.start >= stop:
            continue
        if has_words(text[cursor:exclusion.start]):
            return True
        cursor = max(cursor, exclusion.end)
    return has_words(text[cursor:stop])


def find_labels(text: str, exclusions: list[Exclusion], aliases: dict[str, str], source: Path,
                speakers_file: Path, not_labels: list[Exclusion] = (), problems: Problems | None = None,
                doc_id: str = "", names: dict[str, str] | None = None) -> list[Label]:
    """Speaker labels in reading order, speaker cards (listed exclusions) included.

    ``not_labels`` are listed lines that look like labels but are text; they are skipped. A label-like line
    that no alias matches is reported; when problems are collected it still counts as a label (of
    :data:`UNKNOWN`), so that the rest of the document can be checked as it will be once the label is known.
    ``names`` (case-folded name -> speaker) are people who may speak in this document without an alias yet: the
    participants of its event. A line that opens with one of their names or an alias not written as a label, and
    a known label inside a line, are reported (:func:`disguised_label`, :func:`labels_inside_lines`).
    """
    problems = problems if problems is not None else Problems()
    labels = [Label(e.start, e.end, text[e.start:e.end], e.speaker, "speaker_card")
              for e in exclusions if e.kind == "speaker_card"]
    starts = line_starts(text)
    opening = set(starts)
    # text right after an exclusion that opens a line also opens a line ("SHARE|Vladimir Putin:", a BOM)
    starts = sorted(opening | {e.end for e in exclusions if e.start in opening and e.kind != "speaker_card"})
    named = {**(names or {}), **aliases}
    keys = alias_keys(named)
    resume_at = 0
    excluded, not_label = covering(exclusions), covering(list(not_labels))
    for index, start in enumerate(starts):
        if start < resume_at or excluded(start) or not_label(start):
            continue
        match, label, speaker = label_at(text, start, aliases)
        if not match:
            disguised = disguised_label(text, start, keys)
            if disguised and not overlaps(start, disguised[0], exclusions):
                problems.report(disguised_label_error(text, start, disguised, source, speakers_file, doc_id))
                written = text[start:disguised[0]]
                labels.append(provisional(text, start + len(written) - len(written.lstrip()), disguised[0],
                                          disguised[1], aliases))
            continue
        if overlaps(match.start("label"), match.end(), exclusions):
            continue
        if speaker is None:
            inner_starts = [s for s in starts[index + 1:] if s < match.end()]
            if any(label_at(text, s, aliases)[2] is not None for s in inner_starts):
                continue
            problems.report(unknown_label_error(text, start, label, match, source, speakers_file, doc_id))
            speaker = UNKNOWN
        remark = match.groupdict().get("remark")
        shown = label + (f" {' '.join(remark.split())}" if remark else "")
        labels.append(Label(match.start("label"), match.end(), shown, speaker, "label"))
        resume_at = match.end()
    unknown = {collapse_label(l.text.split(" (")[0]).casefold(): UNKNOWN for l in labels if l.speaker == UNKNOWN}
    for found in labels_inside_lines(text, {**unknown, **named}, labels):
        if excluded(found.start("label")) or not_label(found.start("label")):
            continue
        problem = inline_label_problem(text, found, {**unknown, **named}, source, speakers_file, doc_id)
        if found["gap"] is None and len(found["label"].split()) == 1:
            problems.note(problem)  # "... is simple. Question: who pays?": a role word with a colon may be speech
            continue
        problems.report(problem)
        end = found.end() if found["gap"] is None else found.start("gap")
        labels.append(provisional(text, found.start("label"), end, problem.details["speaker"], aliases))
    for found in UNKNOWN_INSIDE_LINE.finditer(text):
        at = found.start("label")
        if not (excluded(at) or not_label(at) or any(l.start <= at < l.end for l in labels)) and \
                collapse_label(found["label"]).casefold() not in named and not ends_in_abbreviation(text, found.start()):
            problems.note(unknown_inline_note(text, found, source, speakers_file, doc_id))
    labels.sort(key=lambda l: l.start)
    return labels


UNKNOWN_INSIDE_LINE = re.compile(  # two capitalised words or more and a colon, right after a sentence, inside a line
    rf"(?<={SENTENCE_END}){SPACE}+(?P<label>[A-Z][\w'’\-]*(?:{SPACE}+(?:[A-Z][\w'’.\-]*|{'|'.join(sorted(NAME_PARTICLES))}))+)"
    rf"(?:{SPACE}*\([^()\n]{{1,60}}\))?{SPACE}*:(?![:\d])")


def unknown_inline_note(text: str, found: re.Match, source: Path, speakers_file: Path, doc_id: str):
    """A note for words that look like an unknown speaker's label inside a line ("... for coming. Moderator Ilse
    Brandt: Thank you"): a lost paragraph break would leave that speaker's words with the previous one."""
    label = collapse_label(found["label"])
    note = corpus_error(
        source, f"{label + ':'!r} inside a line, after the end of a sentence, looks like a speaker label whose "
        "paragraph break was lost: as it stands, its words go to the previous speaker",
        f"if it is a label, add {label!r} to {speakers_file.name} (a new speaker or an alias) and list "
        f"{label + ':'!r} as a speaker_card in {paths.EXCLUSIONS_FILE} with match mid_line; if it is text, leave it",
        line=line_of(text, found.start("label")))
    note.details = {"kind": "unknown_inline_label", "label": label, "doc_id": doc_id}
    return note


def ends_in_abbreviation(text: str, position: int) -> bool:
    """Whether the text of the line before ``position`` ends with a title or initials and their full stop."""
    words = text[text.rfind("\n", 0, position) + 1:position].split()
    return bool(words) and words[-1].endswith(".") and abbreviation(words[-1])


def provisional(text: str, start: int, end: int, speaker: str, aliases: dict[str, str]) -> Label:
    """A label that was reported (written without its colon, or inside a line) but that the check reads as the
    label its row will make it, so that the rest of the document (the header above it, empty turns, the notes on
    furniture) is checked as it will be once the row is pasted. The loader never gets here: it stops at the report.
    A speaker with no row yet counts as :data:`UNKNOWN`, whose turns are not built."""
    return Label(start, end, text[start:end], speaker if speaker in aliases.values() else UNKNOWN, "label")


@functools.lru_cache(maxsize=32)
def inline_label_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """A label standing inside a line right after the end of a sentence: titles (capitalised words, name particles),
    a known name (an alias or a participant's name, any case), an optional remark, then a colon or a White House gap
    (a tab or two spaces, then the text): "... two dozen? Vladimir Putin: With ...", "... today. President of
    Valmara Ostan Kaya (retranslated): Thank you ...", "... next year.  Q    And the gas price ..."."""
    if not names:
        return None
    names = tuple(sorted(names, key=len, reverse=True))
    alternation = "|".join(rf"{SPACE}+".join(re.escape(word) for word in name.split()) for name in names)
    titles = rf"(?:(?:[A-Z][\w'’.\-]*|{'|'.join(sorted(NAME_PARTICLES))}){SPACE}+)*?"
    return re.compile(rf"(?<={SENTENCE_END}){SPACE}+(?P<label>{titles}(?i:{alternation}))"
                      rf"(?P<remark>{SPACE}*\([^()\n]{{1,60}}\))?(?:{SPACE}*:(?![:\d])|(?P<gap>\t|{SPACE}{{2,}})(?=\S))")


def labels_inside_lines(text: str, names: dict[str, str], labels: list[Label]) -> list[re.Match]:
    """Every label that stands inside a line after the end of a sentence (not after a title such as "Mr." and
    not inside a label found at a line's start), as a lost paragraph break leaves it; written with a capital, as
    labels are. ``names``: case-folded name -> speaker (aliases, participants, unknown labels of this document)."""
    pattern = inline_label_pattern(tuple(sorted(names)))
    if pattern is None:
        return []
    taken = [(label.start, label.end) for label in labels]
    found = []
    for match in pattern.finditer(text):
        if not match["label"][0].isupper() or any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if ends_in_abbreviation(text, match.start()):
            continue  # "Mr. Ostan Kaya:", "H.E. Ostan Kaya:": a title, not the end of a sentence
        found.append(match)
    return found


def abbreviation(word: str) -> bool:
    """A word whose full stop shortens it, not one that ends a sentence: a title ("Mr.", "Dr.") or initials
    ("H.E.", "J.")."""
    bare = word.rstrip(".")
    return bare.casefold() in ABBREVIATED_TITLES or bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", bare))


def inline_label_problem(text: str, found: re.Match, names: dict[str, str], source: Path, speakers_file: Path,
                         doc_id: str):
    """The report for a label inside a line: read as text, its speaker's words would stay with the previous
    speaker. The fix is a speaker card that counts only where a label stands inside a line (``match`` mid_line);
    for a label not known yet the card's speaker is ``?`` until the check names who it is."""
    label = collapse_label(found["label"])
    speaker = names.get(label.casefold()) or next(
        (v for k, v in sorted(names.items(), key=lambda kv: -len(kv[0])) if label.casefold().endswith(k)), UNKNOWN)
    written = text[found.start("label"):found.end()].rstrip()
    exclusions_file = speakers_file.parent / paths.EXCLUSIONS_FILE
    count = sum(1 for m in snippet_pattern(written).finditer(text)
                if stands_as_listed(text, m.start(), m.end(), "mid_line"))
    before = text[text.rfind("\n", 0, found.start()) + 1:found.start()].strip()
    row = (doc_id, "speaker_card", written, speaker, "a speaker label inside a line (its paragraph break was lost)",
           str(count), "mid_line")
    who = speaker if speaker != UNKNOWN else label
    error = corpus_error(
        source, f"the speaker label {label!r} ({who}) stands inside a line, after "
        f"{('...' + before[-40:]) if len(before) > 40 else before!r}: read as text, its words go to the previous "
        "speaker",
        f"if a paragraph break was lost there, list the label as a speaker card standing inside a line (the row "
        f"below, match mid_line; count is how often {written!r} stands so in the file); if it is text, copy the "
        f"words around it into {speakers_file.parent / paths.NOT_LABELS_FILE}", line=line_of(text, found.start("label")),
        pastes=[Paste(exclusions_file, row)])
    error.details = {"kind": "inline_label", "label": label, "speaker": speaker, "doc_id": doc_id}
    return error


def disguised_label_error(text: str, start: int, disguised: tuple[int, str], source: Path, speakers_file: Path,
                          doc_id: str):
    """The error for a line that opens with a speaker's name but not as a label (see :func:`disguised_label`)."""
    end, speaker = disguised
    written = text[start:end].strip()
    if end < len(text) and text[end] in "\r\n" and written[-1] not in ":;|>-–—.":
        written += "\n"  # the name alone on its line: the row takes it with its line break, never a "Name:" label
    exclusions_file = speakers_file.parent / paths.EXCLUSIONS_FILE
    count = sum(1 for m in snippet_pattern(written).finditer(text)
                if stands_as_listed(text, m.start(), m.end(), "line_start", "speaker_card"))
    row = (doc_id, "speaker_card", written, speaker, "label written without a colon", str(count), "line_start")
    error = corpus_error(
        source, f"the line opens with {speaker}'s name, {written!r}, but not as a speaker label 'Name:': read as "
        f"text, {speaker}'s words would go to the previous speaker",
        f"if it is {speaker}'s label, list it as a speaker_card in {exclusions_file.name} (the row below; count is "
        f"how often a line opens with {written!r}); if the line is text, copy its start into "
        f"{speakers_file.parent / paths.NOT_LABELS_FILE}", line=line_of(text, start),
        pastes=[Paste(exclusions_file, row)])
    error.details = {"kind": "disguised_label", "label": written, "speaker": speaker, "doc_id": doc_id}
    return error


def unknown_label_error(text: str, start: int, label: str, match: re.Match, source: Path, speakers_file: Path,
                        doc_id: str):
    colon = ":" in match.group(0)
    error = corpus_error(
        source, f"the speaker label {label!r} is not in {speakers_file.name}"
        + ("" if colon else " (a label without a colon, White House style)"),
        f"if {label!r} is a speaker, add it to the aliases of its speaker in {speakers_file} "
        "(aliases are separated by ';') or add a row for a new speaker (python -m analysis.check prints the "
        f"row); if this line is text that only looks like a label (e.g. 'Note: ...'), copy its start into "
        f"{speakers_file.parent / paths.NOT_LABELS_FILE}", line=line_of(text, start))
    error.details = {"kind": "unknown_label", "label": label, "doc_id": doc_id}
    return error


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


LAST_LINE_BREAK = re.compile(r"\n[^\S\n]*$")


def analysed_text(text: str, spans: list[Span]) -> str:
    """The analysed text of a run of spans: text spans kept, exclusions left out.

    An exclusion that fills its own line(s) (a photo caption, a "See also" box, a date line) is removed
    together with its line, so the lines around it join as if it had never been there: a caption inside a
    hard-wrapped paragraph does not split the paragraph. An exclusion inside a line reads as a space.
    """
    pieces: list[str] = []
    for span in spans:
        if span.kind in ("text", "whitespace"):
            pieces.append(text[span.start:span.end])
        elif fills_its_lines(text, span.start, span.end):
            joined = "".join(pieces)
            pieces = [LAST_LINE_BREAK.sub("", joined)]
        else:
            pieces.append(" ")
    return normalise_text("".join(pieces))


def segment_transcript(text: str, exclusions: list[Exclusion], aliases: dict[str, str], source: Path,
                       speakers_file: Path, exclusions_file: Path, not_labels: list[Exclusion] = (),
                       problems: Problems | None = None, doc_id: str = "",
                       names: dict[str, str] | None = None) -> tuple[list[Label], list[Span]] | None:
    """Labels and the tiling spans of a transcript. Turn ``i`` runs from label ``i`` to label ``i + 1``.

    Returns None when the transcript cannot be cut at all (no label), after reporting why. ``names``: see
    :func:`find_labels`.
    """
    problems = problems if problems is not None else Problems()
    labels = find_labels(text, exclusions, aliases, source, speakers_file, not_labels, problems, doc_id, names)
    if not labels:
        problems.report(corpus_error(
            source, "this transcript has no speaker label at all",
            f"each turn must start on a new line with 'Name:' where Name is an alias in {speakers_file}; "
            f"or, if the document is not a transcript, set its kind to 'news' in the manifest"))
        return None
    before = text_spans(text, 0, labels[0].start, exclusions, None)
    stray = [s for s in before if s.kind == "text"]
    if stray:
        rows = [(doc_id, "header", text[s.start:s.end], "", "page header above the first speaker label", "1")
                for s in stray]  # one row per piece: listed exclusions may stand between them
        problems.report(corpus_error(
            source, f"text before the first speaker label: {text[stray[0].start:stray[0].end][:60]!r}"
            + (f" and {len(stray) - 1} more piece(s)" if len(stray) > 1 else ""),
            f"list it in {exclusions_file} (page furniture, a title or a header: python -m analysis.check prints "
            "the row, with the exact text) or give it a speaker label", line=line_of(text, stray[0].start),
            pastes=[Paste(exclusions_file, row) for row in rows]))
        exclusions = sorted([*exclusions, *(Exclusion(s.start, s.end, "header", "", 0) for s in stray)],
                            key=lambda e: e.start)
        before = text_spans(text, 0, labels[0].start, exclusions, None)
    spans, empty = list(before), []
    for turn, label in enumerate(labels):
        end = labels[turn + 1].start if turn + 1 < len(labels) else len(text)
        kind = "label" if label.kind == "label" else "exclusion"
        spans.append(Span(label.start, label.end, kind, turn, label.kind))
        body = text_spans(text, label.end, end, exclusions, turn)
        if not any(s.kind == "text" and has_words(text[s.start:s.end]) for s in body) and not non_verbal(body):
            empty.append(turn)
        spans += body
    strays = frozenset(labels[turn].start for turn in empty)
    for turn in empty:
        problems.report(empty_turn_error(text, labels, turn, source, exclusions_file, doc_id, strays))
    return labels, fill_whitespace(text, spans, source)


NON_VERBAL_KINDS = frozenset({"stage_direction"})


def non_verbal(body: list[Span]) -> bool:
    """Whether a turn without words holds a stage direction ("Q  (Laughs.)", "PRESIDENT BIDEN:  (Laughs.)"): the
    speaker took the floor and laughed, so the turn is real and has no words, unlike a label followed by nothing,
    which is stray. Transcripts count such turns, and so does the loader (with zero words)."""
    return any(s.kind == "exclusion" and s.detail in NON_VERBAL_KINDS for s in body)


def has_words(piece: str) -> bool:
    return any(c.isalnum() for c in piece)


def empty_turn_error(text: str, labels: list[Label], turn: int, source: Path, exclusions_file: Path, doc_id: str,
                     strays: frozenset[int] = frozenset()):
    """An empty turn (a label with no words before the next label) would count as a question or an answer of
    nothing: a phantom exchange, and the real question's answer credited to nobody. ``strays``: the starts of every
    stray label of the document, so that the row offered (the label, or the label with its line break) counts
    exactly the stray ones, however many there are, and no label with words after it."""
    label = labels[turn]
    following = (f"the next label ({labels[turn + 1].text!r}, line {line_of(text, labels[turn + 1].start)})"
                 if turn + 1 < len(labels) else "the end of the file")
    written = text[label.start:label.end]
    fix = (f"if the label is stray (a question nobody asked, page debris), list it in {exclusions_file.name} as a "
           "stray_label (the row below: the one kind of row that may cover a label, and only one that no words "
           "follow); if its words were excluded by mistake, shorten that exclusion")
    pastes = []
    if label.kind == "label":
        strays = strays | {label.start}
        line_end = text.find("\n", label.end)
        with_break = text[label.start:line_end].rstrip("\r") + "\n" if line_end >= 0 else ""
        candidates = [written] + ([with_break] if with_break else [])  # with its line break: not "Q:  a question"
        places = {c: [m.start() for m in snippet_pattern(c).finditer(text)
                      if stands_as_listed(text, m.start(), m.end(), "line_start")] for c in candidates}
        written = next((c for c in candidates if set(places[c]) <= strays), candidates[-1])
        count = len(places[written])
        pastes = [Paste(exclusions_file, (doc_id, "stray_label", written, "", "a label with no words after it",
                                          str(count), "line_start"))]
    else:
        fix = "the speaker card is followed by no words: delete its row, or shorten the exclusion that took them"
    return corpus_error(source, f"the label {label.text!r} ({label.speaker}) has no words before {following}: an "
                        "empty turn would count as a question or an answer of nothing", fix,
                        line=line_of(text, label.start), pastes=pastes)


def segment_news(text: str, exclusions: list[Exclusion], source: Path) -> list[Span]:
    """Tiling spans of a news report: its whole text is one body, minus listed exclusions."""
    return fill_whitespace(text, text_spans(text, 0, len(text), exclusions, None), source)
