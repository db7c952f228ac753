"""The real trial pages, added the README's way: ``add_by_readme.py`` over every page of the trial folder.

    python3 tests/trial_pages.py                 # the folder from $TRIAL_PAGES, ../shared/trial_pages or /work/shared/trial_pages
    python3 tests/trial_pages.py FOLDER

The pages and the script that adds them are not part of the project (their text is never copied here): when no
folder is found this says so and passes. The script clones the committed repository, adds every page in one clone
(so the pages must also live together), runs the check as a student would (pasting what it offers, filling each
'?') and compares each page with its independent count. It prints ``ok`` or ``FAIL`` per page; this passes when
every page is ``ok``, or fails only by the script's test for furniture left inside a turn, and that only where
the furniture's text is also spoken on the page (a pull quote repeats a sentence of the speech word for word: the
script finds the spoken sentence in a turn and counts it as left furniture). Such a page is accepted only when the
turns hold each such text exactly as often as the page has it outside its furniture, which this checks by loading
the clone's corpus. Anything else fails. Run by ``.ci/run`` (``make`` must have built ``.venv``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^(ok  |FAIL) (\S+): (\d+) check runs, (\d+) hand edits, (clean|NOT clean); worst share error "
                     r"([\d.]+) pt; furniture words left (\d+)$")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")  # the trial pages' own word rule (their README)


def trial_folder(argv: list[str]) -> Path | None:
    candidates = argv[:1] or [os.environ.get("TRIAL_PAGES", ""), str(ROOT.parent / "shared" / "trial_pages"),
                              "/work/shared/trial_pages"]
    return next((Path(c) for c in candidates if c and (Path(c) / "add_by_readme.py").is_file()), None)


def clone_turns(clone: Path, python: str) -> dict[str, list[dict]]:
    """Every turn of the clone's corpus (speaker, role, analysed text), per document."""
    code = ("import json, analysis\nc = analysis.load_corpus()\n"
            "print(json.dumps({d: t[['speaker', 'role', 'text']].to_dict('records') "
            "for d, t in c.turns.groupby('doc_id')}))")
    out = subprocess.run([python, "-c", code], cwd=clone, env=dict(os.environ, PYTHONPATH=str(clone)),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def against_the_count(page: Path, turns: list[dict]) -> str:
    """Words and turns per speaker against the page's independent count, by its own word rule, exactly."""
    meta = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    words, counted = {}, {}
    for turn in turns:
        who = "Question" if turn["role"] == "journalist" else turn["speaker"]
        words[who] = words.get(who, 0) + len(WORD.findall(turn["text"]))
        counted[who] = counted.get(who, 0) + 1
    off = {k: words.get(k, 0) - v for k, v in meta["words_per_speaker"].items() if words.get(k, 0) != v}
    turns_off = {k: (counted.get(k, 0), v) for k, v in meta["turns_per_speaker"].items() if counted.get(k, 0) != v}
    return (f"words per speaker {'exact' if not off else off}, turns per speaker "
            f"{'exact' if not turns_off else turns_off}")


def furniture_also_spoken(page: Path, turns: list[str]) -> tuple[bool, list[str]]:
    """Whether every furniture line (of three words or more) found inside this page's turns stands there exactly
    as often as the page has it outside its furniture: spoken words kept, no furniture left."""
    meta = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    raw = page.read_text(encoding="utf-8")
    furniture = [p.strip() for p in meta.get("furniture_lines", [])]
    found, fine = [], True
    for piece in sorted({p for p in furniture if len(WORD.findall(p)) >= 3}):
        in_turns = sum(t.count(piece) for t in turns)
        if not in_turns:
            continue
        spoken = raw.count(piece) - furniture.count(piece)
        found.append(f"{piece[:70]!r}: {in_turns} in the turns, {spoken} spoken on the page")
        fine &= in_turns == spoken
    return fine, found


def main(argv: list[str]) -> int:
    folder = trial_folder(argv)
    if folder is None:
        print("trial pages: no folder with add_by_readme.py found ($TRIAL_PAGES, ../shared/trial_pages): skipped")
        return 0
    pages = sorted(folder.glob("*/*.txt"))
    python = str(ROOT / ".venv" / "bin" / "python")
    clone = Path(tempfile.mkdtemp(prefix="trial-pages-")) / "clone"
    started = time.perf_counter()
    print(f"+ add_by_readme.py over {len(pages)} pages of {folder} (one clone: {clone})", flush=True)
    run = subprocess.run([python, str(folder / "add_by_readme.py"), *map(str, pages), "--keep", str(clone)],
                         cwd=ROOT, capture_output=True, text=True)
    print(run.stdout + run.stderr, flush=True)
    results, details = {}, {}
    for line in run.stdout.splitlines():
        match = SUMMARY.match(line)
        if match:
            results[match[2]], details[match[2]] = match, []
        elif line.startswith("     ") and results:
            details[list(results)[-1]].append(line.strip())
    if len(results) != len(pages):
        print(f"trial pages: {len(results)} results for {len(pages)} pages: FAILED")
        return 1
    failed, turns = [], clone_turns(clone, python)
    print("Against each page's independent count (a stricter test than the script's, for the record):")
    for page in pages:
        print(f"  {page.stem}: {against_the_count(page, turns.get(page.stem, []))}")
    for page in pages:
        m = results[page.stem]
        if m[1] == "ok  ":
            continue
        others = [d for d in details[page.stem] if not d.startswith("furniture inside a turn")]
        if int(m[3]) <= 2 and int(m[4]) <= 1 and m[5] == "clean" and float(m[6]) <= 1.0 and not others:
            fine, found = furniture_also_spoken(page, [t["text"] for t in turns.get(page.stem, [])])
            if fine:
                print(f"{page.stem}: FAIL above ACCEPTED: add_by_readme.py counts the furniture's text wherever it stands "
                      "in a turn, and this text is also spoken on the page; the turns hold it exactly as often as it "
                      "is spoken:\n  " + "\n  ".join(found))
                continue
        failed.append(page.stem)
    print(f"trial pages: {len(pages) - len(failed)} of {len(pages)} added as the README promises "
          f"({time.perf_counter() - started:.0f} s)" + (f"; FAILED: {', '.join(failed)} (clone kept: {clone})"
                                                       if failed else ""))
    if not failed:
        shutil.rmtree(clone.parent)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
