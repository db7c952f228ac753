"""What a user does to add a transcript the README's way, for tests and for the whole-suite run with new events
(``tests/suite_with_new_events.py``): copy the file, add the event and manifest rows, run the check, paste the rows
it prints, filling each '?' and correcting a wrong role from the hand coding, and list what is still furniture."""

import json
import re
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt") if (FIXTURES / f"{p.stem}.expected.json").is_file())


CITIES = {"kremlin": "Moscow", "white_house": "Washington", "mea_india": "New Delhi", "rev_transcript": "Washington DC",
          "elysee": "Paris"}


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def add_like_a_user(data: Path, name: str, suffix: str = "") -> tuple[str, set[str]]:
    """Steps 1-3 of the README for one fixture: the raw file, an event row, a manifest row without checksum.
    Returns the doc_id and the data files edited. ``suffix`` keeps the ids apart from a corpus that already
    holds the fixture (a test run in a clone where the fixtures were added as events)."""
    doc_id = re.sub(r"[^a-z0-9_]+", "_", name.lower()) + suffix
    event = f"{doc_id.replace('_', '-')}-test"
    content = (FIXTURES / f"{name}.txt").read_bytes()
    # with a suffix, one more line break at the end: the loader refuses the same content under two ids
    (data / "raw" / f"{doc_id}.txt").write_bytes(content + b"\n" if suffix else content)
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'{event},{expected(name).get("date", "2019-01-01")},{CITIES.get(expected(name).get("layout"), name)},'
                     f'"news conference, questions",Layout test.,Hall,,,,,,\n')
    with (data / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{doc_id},{event},transcript,test,Layout test,{doc_id}.txt,,,\n")
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


def pastes_for(report: dict, data: Path, name: str, doc_id: str) -> tuple[list[dict], list[str], list[str]]:
    """Every row the user pastes after one check: the check's rows (errors, agreed notes) as reviewed, speakers
    named by a filled-in title label, and furniture no note offered. Returns them with the role corrections
    made and the furniture listed by hand."""
    hand = expected(name)
    pastes, _ = agreed(report, hand)
    pastes, corrections = review(pastes, hand)
    pastes += missing_speakers(data, pastes, hand)
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    offered = [p["row"] for p in pastes if p["file"].endswith("exclusions.csv")]
    by_hand = [w for w in hand.get("furniture", [])
               if not any(re.fullmatch(o[2], w.strip()) if o[-1] == "lines" else
                          same(w, o[2]) or " ".join(o[2].split()) in " ".join(w.split()) for o in offered)]
    for furniture in by_hand:  # what the reader still sees and lists (no note offered it)
        pastes.append({"file": "data/exclusions.csv", "replace_line": None,
                       "row": [doc_id, "footer", furniture, "", "seen by the reader", str(raw.count(furniture))]})
    return pastes, corrections, by_hand
