"""``python -m analysis check | report | test | lab | html``: every command of the suite, on every system.

The Makefile calls these; on Windows (no make) run them with the virtual environment's Python,
``.venv\\Scripts\\python -m analysis report``. Each runs with the interpreter that runs it, from the repository
root, whatever the current folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import paths

BROWSER_SCRIPT = paths.BROWSER_CHECK
BROWSER_SKIPPED = 3  # the exit code of BROWSER_SCRIPT when no Chromium is installed
START_NOTEBOOK = paths.START_NOTEBOOK.relative_to(paths.PROJECT_ROOT).as_posix()  # relative to the server's root
REQUIRE_BROWSER = "ANALYSIS_REQUIRE_BROWSER"  # set (as .ci/run does) to fail rather than skip without Chromium


def run(*args: str) -> int:
    """Run ``python args...`` from the repository root; return its exit code.

    Ctrl-C reaches the child too, and the child is left to finish its own way (JupyterLab asks to confirm and
    then shuts its kernels down; the browser check stops JupyterLab and Chromium and removes its temporary
    folders): killing it at once, as ``subprocess.call`` does, would leave those behind. A third Ctrl-C asks it
    to stop (SIGTERM), and only then is it killed.
    """
    child = subprocess.Popen([sys.executable, *args], cwd=paths.PROJECT_ROOT)
    if hasattr(signal, "SIGTERM"):  # stopped by a process manager: pass it on, so the child is not left running
        signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
    interrupts = 0
    while True:
        try:
            code = child.wait(timeout=10) if interrupts >= 3 else child.wait()
            return 130 if interrupts else code
        except KeyboardInterrupt:
            interrupts += 1
            if interrupts == 3:
                child.terminate()
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            return 130


def check(extra: list[str]) -> int:
    from . import check as data_check

    return data_check.main(extra)


STOPPED = "\nmake report stopped: fix the problems above first (python -m analysis check)."


def report(extra: list[str]) -> int:
    """Check the data, run the notebooks, write the figure catalogue and the HTML edition: each step only when
    something it reads changed since it last succeeded (:mod:`analysis.report_graph`, the same rules ``make report``
    follows). Named notebooks rerun whatever changed; ``--all`` reruns everything."""
    from . import report_graph

    parser = argparse.ArgumentParser(prog="python -m analysis report", description=(
        "Check the data, run the notebooks, write figures/README.md and the HTML edition: each step only when "
        "something it reads changed since it last succeeded (the rules of make report, from the stamps in .report/)."))
    parser.add_argument("notebooks", nargs="*", help="rerun these notebooks whatever changed (and not the others), "
                        "then the catalogue and the edition")
    parser.add_argument("--all", action="store_true", help="rerun every step (as make -B report, or deleting .report/)")
    parser.add_argument("--step", help="run this one step whatever changed and touch its stamp: check, "
                        "notebooks/NAME.ipynb, catalogue or html (what make report runs for each step out of date)")
    args = parser.parse_args(extra)
    steps = report_graph.steps()
    if args.step:
        step = next((s for s in steps if s.name == args.step), None)
        if step is None:
            parser.error(f"--step {args.step}: not a step (the steps: {', '.join(s.name for s in steps)})")
        return run_step(step, log=True)
    named = {named_notebook(parser, name, steps).name for name in args.notebooks}
    report_graph.record_inputs(steps)
    for step in steps:
        is_notebook = step.name.startswith("notebooks/")
        if args.all or step.name in named or not (named and is_notebook) and report_graph.out_of_date(step):
            code = run_step(step)
            if code != 0:
                return code
        elif report_graph.out_of_date(step):
            print(f"{step.label}: out of date, not rerun (not named)")
        else:
            print(f"{step.label}: up to date")
    return 0


def named_notebook(parser: argparse.ArgumentParser, name: str, steps: list):
    """The notebook step of a name given on the command line: a path (``notebooks/04_topics.ipynb``, from the
    current folder) or a file name (``04_topics.ipynb``, ``04_topics``)."""
    notebooks = [s for s in steps if s.name.startswith("notebooks/")]
    for step in notebooks:
        if Path(name).resolve() == (paths.PROJECT_ROOT / step.name).resolve() or name in (step.label, Path(step.label).stem):
            return step
    parser.error(f"{name}: not a notebook of notebooks/ ({', '.join(s.label for s in notebooks)})")


def run_step(step, log: bool = False) -> int:
    """Run one step of the report whatever changed; on success touch its stamp (with ``log``, noted for the summary
    ``make report`` prints). The check stops the report on any problem."""
    from . import catalogue, html_edition, report_graph, run_notebooks

    started = time.perf_counter()
    if step.name == "check":
        code = check([])
        if code != 0:
            print(STOPPED, file=sys.stderr)
            return 1
    elif step.name.startswith("notebooks/"):
        return run_notebooks.run([paths.PROJECT_ROOT / step.name],
                                 on_done=lambda path, seconds: report_graph.mark_done(step, seconds, log=log))
    else:
        code = {"catalogue": catalogue.main, "html": html_edition.main}[step.name]()
        if code != 0:
            return code
    report_graph.mark_done(step, time.perf_counter() - started, log=log)
    return 0


def test(extra: list[str]) -> int:
    """Unit tests, strict nbval over the notebooks, then the browser check of every figure in JupyterLab."""
    parser = argparse.ArgumentParser(prog="python -m analysis test")
    parser.add_argument("part", nargs="?", choices=("unit", "notebooks", "browser"), help="run one part only")
    part = parser.parse_args(extra).part
    steps = {"unit": ("-m", "pytest", "tests"),
             "notebooks": ("-m", "pytest", "--nbval", "--nbval-current-env", "notebooks"),
             "browser": (str(BROWSER_SCRIPT),)}
    for name, args in steps.items():
        if part not in (None, name):
            continue
        print(f"\n== {name}: python {' '.join(args)}", flush=True)
        code = run(*args)
        if name == "browser" and code == BROWSER_SKIPPED and os.environ.get(REQUIRE_BROWSER):
            print(f"FAILED: Chromium is not installed and {REQUIRE_BROWSER} is set (as .ci/run sets it).")
            return 1
        if name == "browser" and code == BROWSER_SKIPPED:
            print("SKIPPED the browser check: Chromium is not installed, so nothing checked that JupyterLab shows "
                  "every figure. Install it (Debian/Ubuntu: apt-get install chromium) to run it; .ci/run does.")
            continue
        if code != 0:
            return code
    return 0


def lab(extra: list[str]) -> int:
    print(f"JupyterLab opens on {START_NOTEBOOK}; with --no-browser, open the printed address with "
          f"/lab/tree/{START_NOTEBOOK} in place of /lab.", flush=True)
    return run(*lab_arguments(), *extra)


def lab_arguments() -> list[str]:
    """JupyterLab at the repository root (so links to docs/, data/ and figures/ work), open on notebook 00."""
    arguments = ["-m", "jupyterlab", f"--ServerApp.root_dir={paths.PROJECT_ROOT}", START_NOTEBOOK]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--allow-root")  # containers and Codespaces run as root; JupyterLab refuses otherwise
    return arguments


def html(extra: list[str]) -> int:
    from . import html_edition

    return html_edition.main()


COMMANDS = {"check": check, "report": report, "test": test, "lab": lab, "html": html}
HELP = {"check": "check every data file and transcript; print every problem at once, with the rows to paste",
        "report": "check the data, run the notebooks, write figures/README.md and the HTML edition: each only if "
                  "something it reads changed (or the notebooks named; --all: everything)",
        "test": "unit tests, strict nbval over the notebooks, the browser check of the figures (part: unit, "
                "notebooks, browser)",
        "lab": "open JupyterLab at the repository root on notebooks/00_start_here.ipynb",
        "html": "write the HTML edition (html/index.html) from the executed notebooks"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=COMMANDS, help="; ".join(f"{k}: {v}" for k, v in HELP.items()))
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="passed on (e.g. notebooks to rerun, check --notes)")
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args.rest)


if __name__ == "__main__":
    sys.exit(main())
