"""Characters that are not plain text: read as plain text before anything is matched, or refused.

Text pasted from web pages and word processors carries characters that are invisible or look like others. One
of them before or inside a speaker label would make the label unrecognisable and hand a whole answer to the
previous speaker, so the loader reads every source through :func:`normalise_characters` first:

- **removed**: Unicode format characters (category Cf: zero-width spaces and joiners, byte order marks
  anywhere in the file, soft hyphens, left-to-right and right-to-left marks and overrides, word joiners);
- **read as a line break**: a carriage return on its own (old Mac line ends), the line and paragraph separators
  U+2028 and U+2029, NEL (U+0085), vertical tab, form feed (a page break) and the information separators
  U+001C-U+001E, which Python's ``str.splitlines`` also counts as line ends;
- **read as their ASCII twin**: fullwidth forms U+FF01-U+FF5E (the fullwidth colon ``：``, brackets, letters)
  and the colon look-alikes U+FE13, U+FE55, U+A789 and U+2236;
- **refused**: every other control character (U+0000-U+0008, U+000E-U+001B, U+001F, U+007F-U+009F but NEL):
  a NUL or a terminal colour code is not text, and no reading of it is safe.

Every removed or replaced character keeps a span of its own (kind ``normalised``, with what was done in
``detail``), so nothing is lost: the spans still tile the raw file. Line numbers in messages count the line
breaks above, as an editor that shows them does.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

LINE_BREAK_CHARACTERS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
COLON_LIKE = "\ufe13\ufe55\ua789\u2236"
FULLWIDTH = range(0xFF01, 0xFF5F)
REFUSED_RANGES = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"


@dataclass(frozen=True)
class Edit:
    """One character of the raw text that was removed or replaced (``replacement`` is '' when removed)."""

    position: int
    character: str
    replacement: str

    @property
    def description(self) -> str:
        what = "removed" if not self.replacement else f"read as {self.replacement!r}"
        return f"U+{ord(self.character):04X} {character_name(self.character)} {what}"


def character_name(character: str) -> str:
    names = {"\r": "CARRIAGE RETURN", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x85": "NEXT LINE (NEL)",
             "\x1b": "ESCAPE", "\x00": "NULL"}
    return names.get(character) or unicodedata.name(character, "control character")


@lru_cache(maxsize=1)
def format_characters() -> str:
    """Every Unicode format character (category Cf), as a regular-expression class body of ranges (a class of
    single characters is several times slower to search)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Cf":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


@lru_cache(maxsize=1)
def special() -> re.Pattern:
    """Any character this module does something with; most files have none, and are returned as they are."""
    return re.compile(rf"[{format_characters()}{re.escape(LINE_BREAK_CHARACTERS + COLON_LIKE)}"
                      rf"\uff01-\uff5e{REFUSED_RANGES}]|\r(?!\n)")


@lru_cache(maxsize=1)
def special_class() -> re.Pattern:
    """The characters of :func:`special` but the lone carriage return: one class, which a search runs through
    faster than the alternation (the carriage return is looked for on its own, and most files have
    none)."""
    return re.compile(rf"[{format_characters()}{re.escape(LINE_BREAK_CHARACTERS + COLON_LIKE)}"
                      rf"\uff01-\uff5e{REFUSED_RANGES}]")


LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def has_special(raw: str) -> bool:
    """Whether :func:`special` matches anywhere in ``raw``."""
    return bool(special_class().search(raw)) or ("\r" in raw and bool(LONE_CARRIAGE_RETURN.search(raw)))


def is_refused(character: str) -> bool:
    return bool(re.fullmatch(f"[{REFUSED_RANGES}]", character))


def replacement_for(character: str) -> str:
    if character == "\r" or character in LINE_BREAK_CHARACTERS:
        return "\n"
    if character in COLON_LIKE:
        return ":"
    if ord(character) in FULLWIDTH:
        return chr(ord(character) - 0xFEE0)
    return ""  # a format character, or a refused one (reported; read as removed so the rest can be checked)


@dataclass(frozen=True)
class Normalised:
    """The text labels and exclusions are matched in, and how its positions map back to the raw file.

    Replacements are one character for one, so only removed characters shift positions.
    """

    raw: str
    text: str
    edits: tuple[Edit, ...]
    removed: tuple[int, ...]  # raw positions of the removed characters, ascending

    @property
    def refused(self) -> list[Edit]:
        return [e for e in self.edits if is_refused(e.character)]

    def raw_index(self, index: int) -> int:
        """The raw position of the character at ``index`` of :attr:`text`: the smallest raw position up to
        which ``index + 1`` characters are kept."""
        if not self.removed:
            return index
        low, high = index, index + len(self.removed)
        while low < high:
            middle = (low + high) // 2
            if middle + 1 - bisect.bisect_right(self.removed, middle) >= index + 1:
                high = middle
            else:
                low = middle + 1
        return low

    def text_position(self, raw_position: int) -> int:
        """The position in :attr:`text` of a raw position (a removed character: where it would stand)."""
        return raw_position - bisect.bisect_left(self.removed, raw_position)

    def raw_position(self, position: int) -> int:
        """The raw position of a boundary between characters of :attr:`text`. Removed characters go with the
        span before them (at the very start, with the first span)."""
        if not self.removed or position <= 0:
            return position
        if position >= len(self.text):
            return len(self.raw)
        return self.raw_index(position - 1) + 1


def normalise_characters(raw: str) -> Normalised:
    """Read ``raw`` as described in the module's docstring; returns ``raw`` itself when nothing applies."""
    pattern = special()
    if not has_special(raw):
        return Normalised(raw, raw, (), ())
    edits = tuple(Edit(m.start(), m.group(), replacement_for(m.group())) for m in pattern.finditer(raw))
    text = pattern.sub(lambda m: replacement_for(m.group()), raw)
    return Normalised(raw, text, edits, tuple(e.position for e in edits if not e.replacement))
