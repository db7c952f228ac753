"""Word counting, whitespace normalisation and sentence splitting: one rule each, used everywhere.

The rules are written out for readers in ``data/README.md``; keep the two in step.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .tables import read_table

# A word is a run of letters or digits; an apostrophe, hyphen or full stop *between* two such runs
# joins them ("don't", "lend-lease", "U.S", "20.5" are one word each). Dashes (– —), slashes and all
# other punctuation separate words and are not words themselves.
WORD_PATTERN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def count_words(text: str) -> int:
    """Number of words in ``text`` by the project's one counting rule (see ``WORD_PATTERN``)."""
    if len(text) < 100_000:
        return len(WORD_PATTERN.findall(text))
    return sum(1 for _ in WORD_PATTERN.finditer(text))  # a long text: no list of every word, memory stays flat


def words(text: str) -> list[str]:
    """The words of ``text`` by the same rule as :func:`count_words`."""
    return WORD_PATTERN.findall(text)


def normalise_text(raw: str) -> str:
    """Turn raw source text into analysed text.

    A blank line separates paragraphs; inside a paragraph every run of whitespace (hard-wrapped line
    breaks included) becomes one space. Paragraphs are joined with a single newline.
    """
    paragraphs = (single_spaced(p) for p in PARAGRAPH_BREAK.split(raw))
    return "\n".join(p for p in paragraphs if p)


SPACES_AS_ONE = {c: " " for c in range(0x3001) if chr(c).isspace()}  # U+3000 is the last whitespace character


SHORT_PARAGRAPH = 100_000  # characters: below this the list of words is small, and splitting is the fastest way


def single_spaced(text: str) -> str:
    """``text`` with every run of whitespace as one space, stripped: ``" ".join(text.split())`` (``str.split`` splits
    at exactly the characters of ``SPACES_AS_ONE``). A long text is done without a list of every word: a paragraph
    of a million words costs two copies of itself, not forty."""
    if len(text) < SHORT_PARAGRAPH:
        return " ".join(text.split())
    text = text.translate(SPACES_AS_ONE)
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def load_abbreviations(path: Path) -> frozenset[str]:
    """Abbreviations (lower case, without the final full stop) after which Punkt must not split."""
    table = read_table(path, ["abbreviation"])
    return frozenset(a.strip().lower().rstrip(".") for a in table["abbreviation"] if a.strip())


@lru_cache(maxsize=8)
def sentence_tokenizer(abbreviations: frozenset[str]) -> PunktSentenceTokenizer:
    """A Punkt tokenizer built from parameters alone: no training text and no download needed."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[str]:
    """Split analysed text into sentences: every paragraph break ends a sentence, then Punkt."""
    tokenizer = sentence_tokenizer(abbreviations)
    return [s for paragraph in text.split("\n") for s in tokenizer.tokenize(paragraph) if s.strip()]
