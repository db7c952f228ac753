"""Who asked: the journalist's name and outlet, when the turn opens with them.

Rule (also in ``data/README.md``): one of the first three sentences of a journalist's turn is an
introduction: an optional greeting ("Hi,", "Good evening,", "Sir,"), an optional "I am" / "My name is",
a name of two or three capitalised words, then ", Outlet." or " from Outlet." or " with Outlet." (a
"the" before the outlet is not part of it) where the outlet is at most six words starting with a capital
("Steve Rosenberg, BBC News.", "Hi, Matthew Chance from CNN.", "I am Tamara Alteresco from Radio Canada in
Moscow.", the State Department's "Laura Kessel with the Meridian Post."; a trailing "in City" is not part of
the outlet). A journalist turn without an introduction takes the name and outlet of the previous
journalist turn when it is a follow-up ("Remark"), or when the exchange is still open: no turn of
another role longer than ``MAX_INTERJECTION_WORDS`` words ("Great, congratulations.") stands between
them. Otherwise both stay empty.
"""

from __future__ import annotations

import re

NAME_WORD = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
INTRODUCTION = re.compile(
    rf"^(?:(?:Hi|Hello|Good (?:morning|afternoon|evening)|Sir|Ma'am|Madam)[,.!]?\s+)?"
    rf"(?:I am |I'm |I’m |My name is |This is )?"
    rf"(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,2}})"
    rf"(?:, | from (?:the )?| with (?:the )?)(?P<outlet>[^\W\d_][^.,;:?!]*?)(?: in [^\W\d_]+)?\.$"
)
NOT_NAMES = ("Mr ", "Mr. ", "Mrs ", "Ms ", "President ", "Thank ", "Good ", "Dear ")
MAX_OUTLET_WORDS = 6
SENTENCES_SEARCHED = 3
MAX_INTERJECTION_WORDS = 10


def introduction(sentences: list[str]) -> tuple[str, str]:
    """``(name, outlet)`` from the first sentences of a turn, or ``("", "")``."""
    for sentence in sentences[:SENTENCES_SEARCHED]:
        match = INTRODUCTION.match(sentence.strip())
        if not match:
            continue
        name, outlet = match["name"], match["outlet"].strip()
        if name.startswith(NOT_NAMES) or not all(w[0].isupper() for w in name.split()):
            continue
        if not outlet[0].isupper() or len(outlet.split()) > MAX_OUTLET_WORDS:
            continue
        return name, outlet
    return "", ""


def attribute_journalists(turns: list[dict], follow_up_labels: frozenset[str]) -> None:
    """Fill ``journalist``, ``outlet`` and ``journalist_source`` in place for one document's turns.

    ``turns`` are dicts in document order with ``role_group`` (journalists are the ``press`` group),
    ``label``, ``n_words`` and ``sentences``.
    """
    previous: dict | None = None  # the last journalist turn
    exchange_open = False
    for turn in turns:
        turn["journalist"], turn["outlet"], turn["journalist_source"] = "", "", ""
        if turn["role_group"] != "press":
            exchange_open = exchange_open and turn["n_words"] <= MAX_INTERJECTION_WORDS
            continue
        name, outlet = introduction(turn["sentences"])
        if name:
            turn.update(journalist=name, outlet=outlet, journalist_source="introduction")
        elif previous and (turn["label"].casefold() in follow_up_labels or exchange_open):
            turn.update(journalist=previous["journalist"], outlet=previous["outlet"],
                        journalist_source="earlier turn" if previous["journalist"] else "")
        previous, exchange_open = turn, True
