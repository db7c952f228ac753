"""Transcripts in layouts the suite was not written for, added the README's way: copy the file, add the event
and manifest rows, run the check once, paste what it prints. Then every turn must have the speaker a reader
gives it, and start and end with the words a reader sees there.

The fixtures in ``tests/fixtures/layouts/`` are written for these tests, in the layouts of real pages (see
``LAYOUTS.md`` there); each ``<name>.txt`` has ``<name>.expected.json``, coded by hand: the speakers with their
labels and roles, the furniture and stage directions, and every turn's first and last words. The user's steps
are in ``layout_steps.py``.
"""

from pathlib import Path

import pytest

from analysis import check, load_corpus
from analysis.text import words
from helpers import apply_pastes
from layout_steps import CASES, add_like_a_user, agreed, expected, pastes_for

MAX_EDITS = 5  # the promise: at most five data edits (files) for a new transcript


@pytest.mark.skipif(not CASES, reason="no layout fixtures")
@pytest.mark.parametrize("name", CASES)
def test_a_new_layout_goes_in_with_one_check_and_at_most_five_edits(data_copy, name):
    hand = expected(name)
    doc_id, edited = add_like_a_user(data_copy, name, suffix="_layout_test")
    first = check.as_json(check.check(data_copy))
    assert not first["ok"]  # at least the checksum is missing
    pastes, corrections, by_hand = pastes_for(first, data_copy, name, doc_id)
    _, wanted = agreed(first, hand)
    apply_pastes({"errors": [{"pastes": [p]} for p in pastes], "notes": []}, data_copy.parent)
    edited |= {Path(p["file"]).name for p in pastes}
    assert len(edited) <= MAX_EDITS, sorted(edited)
    assert len(corrections) <= 1, corrections  # a role guessed wrongly, corrected while pasting
    assert len(by_hand) <= 1, by_hand  # furniture no note offered, listed by the reader

    second = check.as_json(check.check(data_copy))
    assert second["ok"], [e["problem"] for e in second["errors"]]

    turns = load_corpus(data_copy).select("turns", doc_id=doc_id).reset_index(drop=True)
    wanted_turns = hand["turns"]
    assert len(turns) == len(wanted_turns), list(zip(turns["label"], turns["text"].str[:40]))
    # every one of our speakers is one hand-coded person: words never go to someone else. A person may be split
    # in two (the check does not merge on a first name alone; its message says so)
    people: dict[str, set[str]] = {}
    for ours, theirs in zip(turns["speaker"], (t["speaker"] for t in wanted_turns)):
        people.setdefault(ours, set()).add(theirs)
    assert all(len(who) == 1 for who in people.values()), people
    for row, turn in zip(turns.itertuples(), wanted_turns):
        got = words(row.text)
        assert got[:len(words(turn["first_words"]))] == words(turn["first_words"]), (row.turn, row.text[:80])
        assert got[len(got) - len(words(turn["last_words"])):] == words(turn["last_words"]), (row.turn, row.text[-80:])
    spoken = " ".join(" ".join(turns["text"]).split())
    for furniture in wanted:  # no furniture or stage direction left in anyone's words
        assert " ".join(furniture.split()) not in spoken, furniture
