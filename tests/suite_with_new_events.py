"""The whole suite with new events: clone the repository, add each layout fixture as an event of its own the
README's way, then ``make report`` and ``make test`` in the clone.

    python3 tests/suite_with_new_events.py            # all fixtures in tests/fixtures/layouts/
    python3 tests/suite_with_new_events.py --keep     # keep the clone to look at its figures and tables

It proves what a unit test cannot: that every notebook runs, every figure keeps to the print standard and nbval
passes with more events than the two the suite was built on, in layouts it was not written for. It takes a few
minutes (a virtual environment of its own, every notebook twice), so it runs in ``.ci/run``, not in ``make test``.
The clone is a fresh ``git clone`` of the repository's committed state: uncommitted changes are not in it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path) -> None:
    print(f"$ {' '.join(command)}   (in {cwd})", flush=True)
    subprocess.run(command, cwd=cwd, check=True)


def add_events(data: Path, names: list[str]) -> int:
    """Inside the clone's environment: add each fixture as a user would, with one check and one paste each."""
    sys.path.insert(0, str(ROOT / "tests"))
    from analysis import check, load_corpus
    from helpers import apply_pastes
    from layout_steps import CASES, add_like_a_user, pastes_for

    for name in names or CASES:
        doc_id, edited = add_like_a_user(data, name)
        report = check.as_json(check.check(data))
        pastes, corrections, by_hand = pastes_for(report, data, name, doc_id)
        apply_pastes({"errors": [{"pastes": [p]} for p in pastes], "notes": []}, data.parent)
        edited |= {Path(p["file"]).name for p in pastes}
        print(f"{name}: one check, {len(report['errors'])} problems, {len(report['notes'])} notes; "
              f"{len(edited)} files edited ({', '.join(sorted(edited))}); role corrections: {corrections or 'none'}; "
              f"furniture listed by hand: {len(by_hand)}", flush=True)
    final = check.check(data)
    check.print_report(final)
    if not final.ok:
        return 1
    corpus = load_corpus(data)
    print(f"\n{len(corpus.events)} events, {(corpus.documents['kind'] == 'transcript').sum()} transcripts, "
          f"{len(corpus.turns)} turns, {len(corpus.speakers)} speakers", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fixtures", nargs="*", help="fixture names (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    parser.add_argument("--add", type=Path, help=argparse.SUPPRESS)  # inside the clone: the data folder
    args = parser.parse_args(argv)
    if args.add:
        return add_events(args.add, args.fixtures)

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="suite-with-new-events-"))
    clone = workdir / "suite"
    try:
        run(["git", "clone", "--quiet", str(ROOT), str(clone)], workdir)
        run(["make", ".venv/.installed"], clone)
        run([str(clone / ".venv" / "bin" / "python"), "tests/suite_with_new_events.py", "--add", "data",
             *args.fixtures], clone)
        run(["make", "report"], clone)
        run(["make", "test"], clone)
    except subprocess.CalledProcessError as error:
        print(f"\nFAILED: {' '.join(error.cmd)} (exit {error.returncode}); the clone is kept in {clone}")
        return 1
    print(f"\nThe suite is green with the new events ({time.perf_counter() - started:.0f} s).")
    if args.keep:
        print(f"The clone is in {clone}")
    else:
        shutil.rmtree(workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
