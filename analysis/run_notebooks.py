"""Execute every notebook in order, in place, so that the stored outputs are exactly what the code makes.

``python -m analysis.run_notebooks`` (what ``make report`` runs). Outputs are made deterministic:
no execution timings in the cell metadata, execution counts from 1, and no interpreter version in the
notebook metadata. Prints each notebook and the seconds it took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import paths, plotting

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
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - started
    notebook.metadata.get("language_info", {}).pop("version", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                       "name": KERNEL}
    nbformat.write(notebook, path)
    for name in plotting.remove_stale_figures(path.stem, since=started_at):
        print(f"(removed figure {name}: {path.name} no longer makes it)", end=" ", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    chosen = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or notebooks()
    total = 0.0
    for path in chosen:
        print(f"running {path.name} ...", end=" ", flush=True)
        try:
            seconds = execute(path)
        except CellExecutionError as error:  # show the error itself, not a page of coloured traceback
            print(f"failed\n\n{error.ename}: {error.evalue}\n\n(the notebook file was left unchanged; open it "
                  f"with 'make lab' to see the whole traceback)", file=sys.stderr)
            return 1
        total += seconds
        print(f"{seconds:.1f} s", flush=True)
    print(f"{len(chosen)} notebook(s) in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
