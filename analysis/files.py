"""Writing output files: whole or not at all, and tables that are safe to open in a spreadsheet.

Every figure, table, caption, catalogue and notebook the project writes goes through :func:`written_whole`: the
content is written to a temporary file beside the target (``NAME.partial-PID``) and renamed over the target
only when it is complete, so a run that is killed or interrupted leaves each file either as it was or as it
should be, never half-written. A killed run may leave ``*.partial-*`` files behind; they are never read, git
ignores them, and :func:`remove_partial_files` (run at the start of ``make report``) deletes them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

PARTIAL = ".partial-"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that begins with one of these as a formula (or runs it: ``=cmd|' /C calc'!A0``)."""


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s content to; on success it replaces ``path`` in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}{PARTIAL}{os.getpid()}")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    with written_whole(path) as partial:
        partial.write_text(text, encoding="utf-8")


def remove_partial_files(*folders: Path) -> list[Path]:
    """Delete what an interrupted run left half-written in ``folders`` (and their subfolders)."""
    removed = []
    for folder in folders:
        for path in sorted(Path(folder).rglob(f"*{PARTIAL}*")):
            if path.is_file():
                path.unlink()
                removed.append(path)
    return removed


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would read as a formula prefixed by an apostrophe.

    ``=SUM(A1)`` is written ``'=SUM(A1)``: a spreadsheet shows the cell as the text ``=SUM(A1)`` and runs
    nothing. Numbers are never changed (``-0.5`` in a number column stays a number), and nothing in ``data/``
    or in the corpus tables in memory is changed: only what is written. :func:`read_csv` takes the apostrophe
    off again, so a program reading an output gets the exact text back.
    """
    safe = table.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            risky = values.map(looks_like_formula)
            if risky.any():
                safe[column] = values.where(~risky, "'" + values.astype(str))
    return safe


def looks_like_formula(value) -> bool:
    """A text cell that begins, after any apostrophes, with a formula character. Cells that already begin with
    apostrophes before one get one more, so that :func:`read_csv` can take exactly one off."""
    return isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS)


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write a table the same way every time: no index, '\\n' line ends, floats to 6 significant digits, safe
    to open in a spreadsheet (:func:`spreadsheet_safe`), whole or not at all."""
    with written_whole(path) as partial:
        spreadsheet_safe(table).to_csv(partial, index=False, lineterminator="\n", float_format="%.6g")


def read_csv(path: Path) -> pd.DataFrame:
    """Read a table written by :func:`write_csv`, with the apostrophes of :func:`spreadsheet_safe` taken off."""
    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in table.columns:
        values = table[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            quoted = values.map(lambda v: looks_like_formula(v) and v.startswith("'"))
            if quoted.any():
                table[column] = values.where(~quoted, values.astype(str).str[1:])
    return table
