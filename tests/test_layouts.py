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


def add_like_a_user(data: Path, name: str) -> tuple[str, set[str]]:
    """Steps 1-3 of the README for one fixture: the raw file, an event row, a manifest row without checksum.
    Returns the doc_id and the data files edited."""
    doc_id = re.sub(r"[^a-z0-9_]+", "_", name.lower())
    event = f"{doc_id.replace('_', '-')}-test"
    (data / "raw" / f"{name}.txt").write_bytes((FIXTURES / f"{name}.txt").read_bytes())
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'{event},{expected(name).get("date", "2019-01-01")},Testville,"news conference, questions",'
                     f"Layout test.,Hall,,,,,,\n")
    with (data / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{doc_id},{event},transcript,test,Layout test,{name}.txt,,,\n")
    return doc_id, {"events.csv", "corpus.csv"}


def same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def agreed(report: dict, hand: dict) -> tuple[list[dict], list[dict]]:
    """The pastes a reader takes: every error's rows, and the notes' rows that exclude what the hand coding calls
    furniture, a stage direction or an editorial insertion (the rest of the notes a reader leaves)."""
    wanted = [*hand.get("furniture", []), *(d["text"] if isinstance(d, dict) else d for d in hand.get("stage_directions", []))]
    pastes = [p for e in report["errors"] for p in e["pastes"]]
    for note in report["notes"]:
        for paste in note["pastes"]:
            row = paste["row"]
            if row[-1] == "lines" or any(same(row[2], w) or " ".join(row[2].split()) in " ".join(w.split()) for w in wanted):
                pastes.append(paste)
    return pastes, wanted


def key(label: str) -> str:
    """A label as aliases hold it: without a remark in brackets at the end, spaces single, case folded."""
    return " ".join(re.sub(r"\s*\([^()]*\)$", "", label).split()).casefold()


def review(pastes: list[dict], hand: dict) -> tuple[list[dict], list[str]]:
    """What a reader does while pasting: fill each '?' (the speaker of a title label, a role the check could not
    guess) and correct a wrongly guessed role, from the hand coding. Returns the rows and the corrections made."""
    by_label = {key(label): s for s in hand["speakers"] for label in s["labels"]}
    corrections, reviewed = [], []
    for paste in pastes:
        row = list(paste["row"])
        if paste["file"].endswith("document_labels.csv") and row[2] == "?":
            row[2] = by_label[key(row[1])]["speaker"]
        if paste["file"].endswith("speakers.csv"):
            label = row[-1].split(";")[0]
            truth = by_label[key(label)]["role"]
            if row[1] != truth:
                if row[1] != "?":
                    corrections.append(f"{row[0]}: {row[1]} -> {truth}")
                row[1] = truth
        reviewed.append({**paste, "row": row})
    return reviewed, corrections


def missing_speakers(data: Path, pastes: list[dict], hand: dict) -> list[dict]:
    """Rows for speakers that a filled-in document label names but no speakers.csv row has yet."""
    known = set(load_speakers(data)) | {p["row"][0] for p in pastes if p["file"].endswith("speakers.csv")}
    roles = {s["speaker"]: s["role"] for s in hand["speakers"]}
    return [{"file": "data/speakers.csv", "replace_line": None, "row": [p["row"][2], roles[p["row"][2]], "", "", ""]}
            for p in pastes if p["file"].endswith("document_labels.csv") and p["row"][2] not in known]


def load_speakers(data: Path) -> list[str]:
    return [line.split(",")[0] for line in (data / "speakers.csv").read_text(encoding="utf-8").splitlines()[1:]]


@pytest.mark.skipif(not CASES, reason="no layout fixtures")
@pytest.mark.parametrize("name", CASES)
def test_a_new_layout_goes_in_with_one_check_and_at_most_five_edits(data_copy, name):
    hand = expected(name)
    doc_id, edited = add_like_a_user(data_copy, name)
    first = check.as_json(check.check(data_copy))
    assert not first["ok"]  # at least the checksum is missing
    pastes, wanted = agreed(first, hand)
    pastes, corrections = review(pastes, hand)
    pastes += missing_speakers(data_copy, pastes, hand)
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    offered = [p["row"] for p in pastes if p["file"].endswith("exclusions.csv")]
    by_hand = [w for w in hand.get("furniture", [])
               if not any(re.fullmatch(o[2], w.strip()) if o[-1] == "lines" else
                          same(w, o[2]) or " ".join(o[2].split()) in " ".join(w.split()) for o in offered)]
    for furniture in by_hand:  # what the reader still sees and lists (no note offered it)
        pastes.append({"file": "data/exclusions.csv", "replace_line": None,
                       "row": [doc_id, "footer", furniture, "", "seen by the reader", str(raw.count(furniture))]})
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
