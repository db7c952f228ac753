"""Concordance (keyword in context): every place a word or phrase is used, with the words around it.

In the spirit of quanteda's ``kwic``. ``kwic(sentences, "kind")`` returns one row per match: where it is
(``doc_id``, ``event``, ``speaker``, ``turn``, ``sentence``, ``position``) and what it reads (``left``,
``match``, ``right``). It is how a keyness list is read: a word that sets two texts apart may do so in one
fixed phrase ("kind of") or in many senses, and only its contexts tell which.

Words. Text and pattern are read as words by the project's one rule (``analysis.text.words``: a run of letters
or digits; an apostrophe, hyphen or full stop between two runs joins them, so "lend-lease" and "U.S" are one
word each) and lower-cased, as keyness counts them (``topics.word_counts``): the "kind" of a keyness table is
the "kind" found here (apostrophes aside: see below). Matching is of whole words, so "kind" does not find
"kindness" or "kind-hearted" (one word by the rule); case is ignored.

Apostrophes. The corpus writes ’ (U+2019) and, here and there, ' (and a pasted pattern may hold ‘ or ʼ): in
matching they are one character, so "don't" finds "don’t" and "don't" alike, while ``left``, ``match`` and
``right`` keep the text as written. Only matching is folded: the word rule is not, so keyness counts the two
spellings of a word apart ("let’s" and "let's"), and a concordance of either finds the uses of both. By the word
rule ‘ between letters is a quotation mark, not an apostrophe: "don‘t" in a text is two words (in a pattern it
is read as "don’t").

Patterns. A word ("kind"), or a phrase of consecutive words ("kind of"), which then matches across punctuation
inside a sentence ("kind, of" too) but never across the end of a sentence. A ``*`` at the very end makes the
last word a prefix (``kind*``: kind, kinds, kindness), as in the codebook; ``*`` anywhere else is refused.
Overlapping matches all count ("very very" is found twice in "very very very").

Windows. ``window`` words each side, taken from the match's own turn (a speaker's uninterrupted words): the
sentences of a turn are joined, so a window runs on into the neighbouring sentences of the same turn but never
into another speaker's turn. ``left`` and ``right`` are the source text between the window's edges and the
match, so punctuation inside them is kept (a comma after the match, a full stop before it); the punctuation
beyond the last word of the window is not. Given the turns table instead (no ``sentence`` column), a turn is
one text: ``sentence`` is then empty and a phrase may run across a sentence end.

Order. By default, corpus order: the order of the rows given (documents, turns and sentences as the corpus
lists them), then position in the turn. ``sort="left"`` orders by the words to the left, nearest first (the
word just before the match, then the one before that, ...), ``sort="right"`` by the words to the right, nearest
first; words compare lower-cased, and ties keep corpus order. ``position`` is the match's first word counted
from 0 in its turn.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .text import WORD_PATTERN

COLUMNS = ["doc_id", "event", "speaker", "turn", "sentence", "position", "left", "match", "right"]
"""The columns of a concordance, in this order."""
SORTS = ("corpus", "left", "right")
NEEDED = ("doc_id", "event", "turn", "speaker", "text")


APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
"""The apostrophes that matching reads as one: ’ (U+2019, the corpus's), ‘ (U+2018) and ʼ (U+02BC) as '."""


def folded(word: str) -> str:
    """A word as matching compares it: lower-cased, every apostrophe as '."""
    return word.lower().translate(APOSTROPHES)


def parse_pattern(pattern: str) -> tuple[tuple[str, ...], bool]:
    """A pattern as its words as matching compares them (the project's word rule, :func:`folded`) and whether its
    last word is a prefix. A ‘ between letters is read as an apostrophe here ("don‘t" as "don’t").

    Raises ``ValueError`` for a pattern with no words ("", "  ", "*", "—") and for a ``*`` anywhere but right
    after the last word ("*kind", "kind *", "ki*nd")."""
    if not isinstance(pattern, str):
        raise ValueError(f"the pattern must be text, not {type(pattern).__name__}")
    text = pattern.strip()
    is_prefix = text.endswith("*")
    body = text[:-1] if is_prefix else text
    tokens = tuple(folded(w) for w in WORD_PATTERN.findall(body.replace("‘", "’")))
    if not tokens:
        raise ValueError(f"pattern {pattern!r} has no words: give a word or a phrase, e.g. 'kind' or 'kind of'")
    if "*" in body or (is_prefix and not WORD_PATTERN.search(body[-1])):
        raise ValueError(f"pattern {pattern!r}: a * may only end the last word (as in 'kind*')")
    return tokens, is_prefix


def kwic(table: pd.DataFrame, pattern: str, window: int = 5, speaker: str | list[str] | None = None,
         event: str | list[str] | None = None, sort: str = "corpus") -> pd.DataFrame:
    """Every match of ``pattern`` in ``table`` (the corpus's sentences, or its turns) with ``window`` words each side.

    ``speaker`` and ``event`` keep only those rows (a name or a list of names; a name not in the table is an
    error, so that a misspelt name does not pass for "never said"). ``sort`` is ``"corpus"`` (the default),
    ``"left"`` or ``"right"`` (see the module docstring). Returns a DataFrame with ``COLUMNS``, one row per
    match, indexed from 0; no match gives an empty one with the same columns.
    """
    tokens, is_prefix = parse_pattern(pattern)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise ValueError(f"window must be a whole number of words, 0 or more, not {window!r}")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    missing = [c for c in NEEDED if c not in table.columns]
    if missing:
        raise ValueError(f"the table has no column {', '.join(missing)}: give the corpus's sentences or turns")
    rows = table
    for column, wanted in (("speaker", speaker), ("event", event)):
        if wanted is None:
            continue
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        unknown = [n for n in names if n not in set(table[column])]
        if unknown:
            known = ", ".join(sorted(set(table[column])))
            raise ValueError(f"{column} {', '.join(map(repr, unknown))} is not in the table (it has: {known})")
        rows = rows[rows[column].isin(names)]

    has_sentences = "sentence" in rows.columns
    columns = [*NEEDED, *(["sentence"] if has_sentences else [])]
    found = []
    for _, turn in rows[columns].groupby(["doc_id", "turn"], sort=False):  # turns in the order the table lists them
        if has_sentences:
            turn = turn.sort_values("sentence", kind="stable")
        found.extend(matches_in_turn(turn.to_dict("records"), tokens, is_prefix, window, has_sentences))
    if sort != "corpus":
        found.sort(key=lambda line: line[f"_{sort}_words"])  # stable: ties keep corpus order
    lines = pd.DataFrame(found, columns=[*COLUMNS, "_left_words", "_right_words"])[COLUMNS]
    return lines.astype({"turn": "int64", "position": "int64", "sentence": "Int64"})


def matches_in_turn(rows: list[dict], tokens: tuple[str, ...], is_prefix: bool, window: int,
                    has_sentences: bool) -> list[dict]:
    """The concordance lines of one turn (its rows in order: sentences, or the turn itself)."""
    text = " ".join(r["text"] for r in rows)  # sentences of a turn joined by one space (they are single-spaced)
    spans, sentence_of = [], []
    offset = 0
    for r in rows:
        for m in WORD_PATTERN.finditer(r["text"]):
            spans.append((offset + m.start(), offset + m.end()))
            sentence_of.append(r["sentence"] if has_sentences else None)
        offset += len(r["text"]) + 1
    words = [folded(text[a:b]) for a, b in spans]  # as compared; the lines show the text as written
    n, size = len(words), len(tokens)
    first = rows[0]
    lines = []
    for i in range(n - size + 1):
        if words[i:i + size - 1] != list(tokens[:-1]):
            continue
        last = words[i + size - 1]
        if not (last.startswith(tokens[-1]) if is_prefix else last == tokens[-1]):
            continue
        if has_sentences and sentence_of[i] != sentence_of[i + size - 1]:
            continue  # a phrase does not run across the end of a sentence
        j = i + size  # first word after the match
        lo, hi = max(0, i - window), min(n, j + window)
        start, end = spans[i][0], spans[j - 1][1]
        left = " ".join(text[spans[lo][0]:start].split()) if lo < i else ""  # a turn's line breaks as spaces
        right = " ".join(text[end:spans[hi - 1][1]].split()) if hi > j else ""
        lines.append({"doc_id": first["doc_id"], "event": first["event"], "speaker": first["speaker"],
                      "turn": first["turn"], "sentence": sentence_of[i], "position": i, "left": left,
                      "match": " ".join(text[start:end].split()), "right": right,
                      "_left_words": tuple(reversed(words[lo:i])), "_right_words": tuple(words[j:hi])})
    return lines


def neighbours(lines: pd.DataFrame, side: str = "left") -> pd.DataFrame:
    """How often each word stands right next to the matches (``side`` "left": the word just before; "right":
    just after), most frequent first (ties alphabetical). Words lower-cased; a match at the edge of its turn
    has no neighbour on that side and is counted as ``""``. Columns: ``word``, ``lines``, ``share`` (of all lines)."""
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    counts: Counter = Counter()
    for context in lines[side]:
        found = [w.lower() for w in WORD_PATTERN.findall(context)]
        counts[(found[-1] if side == "left" else found[0]) if found else ""] += 1
    table = pd.DataFrame(sorted(counts.items(), key=lambda item: (-item[1], item[0])), columns=["word", "lines"])
    table["share"] = table["lines"] / max(len(lines), 1)
    return table


def commonest_neighbour(lines: pd.DataFrame, side: str) -> str:
    """The word most often next to the matches on ``side``, in words for a summary: 'the word before it is most
    often “i” (15 of 19)', ties joined by 'or', or 'no word before it occurs twice'."""
    table = neighbours(lines, side)
    where = "before" if side == "left" else "after"
    most = int(table["lines"].iloc[0]) if len(table) else 0
    if most <= 1:
        return f"no word {where} it occurs twice"
    edge = "start" if side == "left" else "end"
    tied = [f"“{w}”" if w else f"nothing (the {edge} of a turn)" for w in table.loc[table["lines"] == most, "word"]]
    return (f"the word {where} it is most often {' or '.join(tied)} "
            f"({most} of {len(lines)}{' each' if len(tied) > 1 else ''})")


def topics_of(lines: pd.DataFrame, assigned: pd.DataFrame, topic_labels: dict[str, str]) -> str:
    """The topics (``assigned``: the sentences with a ``topic`` column, as ``topics.assign`` gives them; labelled by
    ``topic_labels``) of the sentences the lines are in, most frequent first: 'Human rights (9); Arctic (3)'."""
    found = lines.merge(assigned[["doc_id", "turn", "sentence", "topic"]], on=["doc_id", "turn", "sentence"])["topic"]
    counts = found.value_counts(sort=False).sort_values(ascending=False, kind="stable")
    return "; ".join(f"{topic_labels[t]} ({n})" for t, n in counts.items())


def as_text(lines: pd.DataFrame, width: int = 40) -> str:
    """The lines as a reader scans them: left context right-aligned in ``width`` characters, the match, the right
    context; a context longer than ``width`` is cut at its far end and marked "…". One line per match."""
    def cut_left(text: str) -> str:
        return text if len(text) <= width else "…" + text[len(text) - width + 1:].lstrip()

    def cut_right(text: str) -> str:
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"

    return "\n".join(f"{cut_left(left):>{width}}  {match}  {cut_right(right)}".rstrip()
                     for left, match, right in zip(lines["left"], lines["match"], lines["right"]))
