"""The whole suite with the Geneva 2021 event completed: Biden's own news conference added as a second transcript
of the event, by the README's steps, and the comparison of the US president at the two events added as a row.

    python3 tests/suite_with_geneva_completed.py            # the page from the trial folder, if there is one
    python3 tests/suite_with_geneva_completed.py --keep     # keep the clone to look at its figures and tables

The page is not part of the project (its text is never copied here): it is read from the trial folder
(``$TRIAL_PAGES``, ``../shared/trial_pages`` or ``/work/shared/trial_pages``), and without it this says so and
passes. The trial folder's ``add_by_readme.py`` clones the committed repository and adds the page as the README
says (copy, manifest row, check, paste what it offers, fill the one '?'); this script then adds the README's
comparison row and runs ``make report`` and ``make test`` in that clone. Run by ``.ci/run``.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trial_pages import trial_folder  # a script beside this one (its folder is the first place Python looks)

ROOT = Path(__file__).resolve().parent.parent

PAGE = "white_house/geneva2021_white_house_biden.txt"
COMPARISON = ["us_president", "geneva-2021", "Joe Biden", "anchorage-2025", "Donald Trump",
              "The US president at both events: Biden's own news conference at Geneva against Trump's part of the "
              "joint appearance at Anchorage; the office is held constant, not the person"]


def run(command: list[str], cwd: Path) -> None:
    print(f"$ {' '.join(command)}   (in {cwd})", flush=True)
    subprocess.run(command, cwd=cwd, check=True)


def check_outputs(clone: Path) -> list[str]:
    """What the README promises once the page and the row are added, read from the clone's outputs: the role
    comparison's figures and rows, Biden's turns, the journalists' turns and the exchanges as the README gives them, and no
    sentence that calls Biden a participant without a turn."""
    failures = []
    for name in ("topics_share_change_comparison", "topics_keyness_comparison",
                 "sentiment_word_shift_comparison"):
        if not (clone / "figures" / f"{name}_us_president.csv").is_file():
            failures.append(f"figures/{name}_us_president.csv was not written")
    with (clone / "data" / "processed" / "speaking_comparisons.csv").open(encoding="utf-8") as handle:
        sides = [(r["event"], r["speaker"]) for r in csv.DictReader(handle) if r["comparison"] == "us_president"]
    if sides != [("geneva-2021", "Joe Biden"), ("anchorage-2025", "Donald Trump")]:
        failures.append(f"speaking_comparisons.csv has the us_president sides {sides}")
    with (clone / "data" / "processed" / "turns.csv").open(encoding="utf-8") as handle:
        turns = [r for r in csv.DictReader(handle) if r["doc_id"] == "geneva2021_white_house_biden"]
    with (clone / "data" / "processed" / "speaking_exchanges.csv").open(encoding="utf-8") as handle:
        exchanges = sum(r["doc_id"] == "geneva2021_white_house_biden" for r in csv.DictReader(handle))
    counted = (sum(r["speaker"] == "Joe Biden" for r in turns), sum(r["role"] == "journalist" for r in turns), exchanges)
    said = re.search(r"Biden's (\d+) turns and the journalists' (\d+) turns in \*Who speaks\* \((\d+) exchanges",
                     " ".join((ROOT / "README.md").read_text("utf-8").split()))
    if said is None or tuple(map(int, said.groups())) != counted:
        failures.append(f"README's counts of Biden's turns, the journalists' turns and the exchanges are not {counted}")
    for page in sorted((clone / "html").glob("*.html")):
        if "Joe Biden took part in Geneva 2021 but has no turn" in page.read_text("utf-8"):
            failures.append(f"html/{page.name} still says Biden has no turn")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args(argv)
    folder = trial_folder([])
    if folder is None or not (folder / PAGE).is_file():
        print(f"suite with Geneva completed: no trial folder with {PAGE} found: skipped")
        return 0
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="suite-geneva-completed-"))
    clone = workdir / "suite"
    try:
        run([str(ROOT / ".venv" / "bin" / "python"), str(folder / "add_by_readme.py"), str(folder / PAGE),
             "--keep", str(clone)], ROOT)
        with (clone / "data" / "comparison.csv").open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerow(COMPARISON)
        print(f"added to data/comparison.csv: {','.join(COMPARISON[:5])},...", flush=True)
        run(["make", "report"], clone)
        failures = check_outputs(clone)
        if failures:
            print("\nFAILED, in the clone's outputs (kept in " + str(clone) + "):\n  " + "\n  ".join(failures))
            return 1
        print("the role comparison's figures and rows are written; Biden's turns, the journalists' and the exchanges are as the README says")
        run(["make", "test"], clone)
    except subprocess.CalledProcessError as error:
        print(f"\nFAILED: {' '.join(error.cmd)} (exit {error.returncode}); the clone is kept in {clone}")
        return 1
    print(f"\nThe suite is green with both Geneva news conferences and two comparisons "
          f"({time.perf_counter() - started:.0f} s).")
    if args.keep:
        print(f"The clone is in {clone}")
    else:
        shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
