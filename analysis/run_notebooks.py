"""Execute every notebook in order, in place, so that the stored outputs are exactly what the code makes.

``python -m analysis.run_notebooks [NOTEBOOK...]`` runs them all (or those named) whatever changed; ``make report``
and ``python -m analysis report`` run here only those out of date (see :mod:`analysis.report_graph`). Outputs are
made deterministic: no execution timings in the cell metadata, execution counts from 1, and no interpreter version
in the notebook metadata. Prints each notebook and the seconds it took.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from . import paths
from .figures import publish as publishing
from .files import remove_partial_files, written_whole

KERNEL = "python3"
TIMEOUT_SECONDS = 600


def notebooks(folder: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks to run, in the order of their names (they are numbered)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def execute(path: Path) -> float:
    """Run one notebook in its own folder and write it back; return the seconds it took.

    Afterwards, figures the notebook made on an earlier run but not on this one are removed.
    """
    started_at = time.time()
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    started = time.perf_counter()
    NotebookClient(notebook, kernel_name=KERNEL, timeout=TIMEOUT_SECONDS, record_timing=False,
                   extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no TCP notice in the log
                   resources={"metadata": {"path": str(path.parent)}},
                   on_notebook_start=lambda **_: stop_quietly_on_interrupt(path)).execute()
    seconds = time.perf_counter() - started
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = joined_streams(cell.outputs)
    notebook.metadata.get("language_info", {}).pop("version", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                       "name": KERNEL}
    with written_whole(path) as partial:
        nbformat.write(notebook, partial)
    for name in publishing.remove_stale_figures(path.stem, since=started_at):
        print(f"(removed figure {name}: {path.name} no longer makes it)", end=" ", flush=True)
    return seconds


def joined_streams(outputs: list) -> list:
    """Consecutive printed outputs of one stream joined into one output.

    How the kernel cuts a cell's printing into messages depends on timing, so the same prints can be stored as one
    output on one run and two on the next; joined, the stored notebook is the same on every run (nbval compares
    the joined text too).
    """
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


INTERRUPTED = ("\nInterrupted while running {name}: the notebook file is unchanged, and no figure or table is "
               "half-written (each is the new one or the old one). Run 'make report' again.")


def stop_quietly_on_interrupt(path: Path) -> None:
    """On Ctrl-C, say in one line what was interrupted and stop, instead of a page of asyncio traceback.

    Nothing is left half-written: the notebook file is written only after it has run, and every figure and
    table through :mod:`analysis.files` (a half-written temporary file is removed by the next run). The
    kernel stops by itself when this process is gone.
    """
    def stop(signum, frame):
        print(INTERRUPTED.format(name=path.name), file=sys.stderr, flush=True)
        os._exit(130)

    try:  # nbclient's own handler shuts the kernel down mid-cell and ends in a page of tracebacks
        asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
    except RuntimeError:
        pass  # no running loop: before or between notebooks
    signal.signal(signal.SIGINT, stop)


def interrupted(error: BaseException) -> bool:
    """Whether an exception comes from Ctrl-C (directly, or through the kernel nbclient shut down on it)."""
    while error is not None:
        if isinstance(error, (KeyboardInterrupt, asyncio.CancelledError, DeadKernelError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def main(argv: list[str] | None = None) -> int:
    """Run the notebooks named (all, in order, when none is), whatever changed; ``python -m analysis report`` and
    ``make report`` run only those out of date (:mod:`analysis.report_graph`)."""
    return run([Path(a) for a in (argv if argv is not None else sys.argv[1:])] or notebooks())


def run(chosen: list[Path], on_done: Callable[[Path, float], None] | None = None) -> int:
    """Run ``chosen`` in that order; after each one that succeeds, call ``on_done(path, seconds)`` (which touches
    its stamp). Stops at the first that fails: 1 for an error in a cell, 130 on Ctrl-C."""
    for leftover in remove_partial_files(paths.FIGURES_DIR, paths.PROCESSED_DIR, paths.NOTEBOOKS_DIR):
        print(f"(removed {leftover.name}, left half-written by an interrupted run)")
    total = 0.0
    for path in chosen:
        stop_quietly_on_interrupt(path)
        print(f"running {path.name} ...", end=" ", flush=True)
        try:
            seconds = execute(path)
        except CellExecutionError as error:  # show the error itself, not a page of coloured traceback
            print(f"failed\n\n{error.ename}: {error.evalue}\n\n(the notebook file was left unchanged; open it "
                  f"with 'make lab' to see the whole traceback)", file=sys.stderr)
            return 1
        except BaseException as error:  # Ctrl-C while nbclient held the signal (starting or stopping a kernel)
            if not interrupted(error):
                raise
            print(INTERRUPTED.format(name=path.name), file=sys.stderr)
            return 130
        total += seconds
        print(f"{seconds:.1f} s", flush=True)
        if on_done is not None:
            on_done(path, seconds)
    if len(chosen) > 1:
        print(f"{len(chosen)} notebook(s) in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
