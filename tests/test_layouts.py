"""Transcripts in layouts the suite was not written for, added the README's way: copy the file, add the event
and manifest rows, run the check once, paste what it prints. Then every turn must have the speaker a reader
gives it, and start and end with the words a reader sees there.

The fixtures in ``tests/fixtures/layouts/`` are written for these tests, in the layouts of real pages (see
``LAYOUTS.md`` there); each ``<name>.txt`` has ``<name>.expected.json``, coded by hand: the speakers with their
labels and roles, the furniture and stage directions, and every turn's first and last words.
"""

import json
import re
from pathlib import Path

import pytest

from analysis import check, load_corpus
from analysis.text import words
from helpers import apply_pastes

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt") if (FIXTURES / f"{p.stem}.expected.json").is_file())
MAX_EDITS = 5  # the promise: at most five data edits for a new transcript


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def add_like_a_user(data: Path, name: str) -> tuple[str, int]:
    """Steps 1-3 of the README for one fixture: the raw file, an event row, a manifest row without checksum.
    Returns the doc_id and the number of data files edited."""
    doc_id = re.sub(r"[^a-z0-9_]+", "_", name.lower())
    event = f"{doc_id.replace('_', '-')}-test"
    (data / "raw" / f"{name}.txt").write_bytes((FIXTURES / f"{name}.txt").read_bytes())
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'{event},{expected(name).get("date", "2019-01-01")},Testville,"news conference, questions",'
                     f"Layout test.,Hall,,,,,,\n")
    with (data / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{doc_id},{event},transcript,test,Layout test,{name}.txt,,,\n")
    return doc_id, 2


def agreed_notes(report: dict, hand: dict) -> dict:
    """The notes a reader agrees with: those whose row excludes text the hand coding calls furniture or a stage
    direction (a reader pastes these and leaves the rest)."""
    furniture = [" ".join(f.split()) for f in hand.get("furniture", [])]
    directions = {d["text"] if isinstance(d, dict) else d for d in hand.get("stage_directions", [])}
    keep = []
    for note in report["notes"]:
        rows = [p["row"] for p in note["pastes"]]
        if rows and all(" ".join(r[2].split()) in furniture or r[2] in directions
                        or any(" ".join(r[2].split()) in f for f in furniture) for r in rows):
            keep.append(note)
    return {"errors": report["errors"] + keep, "notes": []}


def labels_to_speakers(hand: dict) -> dict[str, str]:
    return {" ".join(label.split()).casefold(): s["speaker"] for s in hand["speakers"] for label in s["labels"]}


@pytest.mark.skipif(not CASES, reason="no layout fixtures")
@pytest.mark.parametrize("name", CASES)
def test_a_new_layout_goes_in_with_one_check_and_at_most_five_edits(data_copy, name):
    hand = expected(name)
    doc_id, edits = add_like_a_user(data_copy, name)
    first = check.as_json(check.check(data_copy))
    assert not first["ok"]  # at least the checksum is missing
    titles = {label: speaker for label, speaker in labels_to_speakers(hand).items()}
    fill = {e["pastes"][0]["row"][1]: titles[e["pastes"][0]["row"][1].casefold()]
            for e in first["errors"] if e["pastes"] and e["pastes"][0]["row"][2:3] == ["?"]}
    edits += apply_pastes(agreed_notes(first, hand), data_copy.parent, fill=fill)
    assert edits <= MAX_EDITS

    second = check.as_json(check.check(data_copy))
    assert second["ok"], [e["problem"] for e in second["errors"]]

    turns = load_corpus(data_copy).select("turns", doc_id=doc_id).reset_index(drop=True)
    wanted = hand["turns"]
    assert len(turns) == len(wanted), list(zip(turns["label"], turns["text"].str[:40]))
    # the same partition of turns into speakers as the hand coding (names may differ: the check names new
    # speakers from their labels), and no turn of one hand-coded speaker given to another
    pairs = set(zip(turns["speaker"], (t["speaker"] for t in wanted)))
    ours = [s for s, _ in pairs]
    theirs = [h for _, h in pairs]
    assert len(set(ours)) == len(ours) and len(set(theirs)) == len(theirs), sorted(pairs)
    roles = {s["speaker"]: s.get("role") for s in hand["speakers"]}
    speakers = load_corpus(data_copy).speakers.set_index("speaker")["role"]
    for ours_name, theirs_name in pairs:
        assert speakers[ours_name] == roles[theirs_name], (ours_name, theirs_name)
    for row, turn in zip(turns.itertuples(), wanted):
        got = words(row.text)
        assert got[:len(words(turn["first_words"]))] == words(turn["first_words"]), (row.turn, row.text[:80])
        assert got[len(got) - len(words(turn["last_words"])):] == words(turn["last_words"]), (row.turn, row.text[-80:])
    for furniture in hand.get("furniture", []):  # no furniture left in anyone's words
        assert " ".join(furniture.split()) not in " ".join(" ".join(turns["text"]).split())

