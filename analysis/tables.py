"""Reading the project's CSV data files with line numbers, so errors can point at a line."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .errors import Problems, corpus_error

LINE = "_line"  # column holding the 1-based line in the CSV file where a row starts


def read_table(path: Path, required: list[str], problems: Problems | None = None,
               optional: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a UTF-8 CSV file as strings, check its columns, and record each row's line number.

    ``optional`` columns may be missing from the header (they are then added with the default given), and a row
    may leave out optional columns at its end.
    With a collecting ``problems``, a file that cannot be read gives an empty table and a row with the wrong
    number of fields is reported and left out, so that the rest can still be checked.
    """
    problems = problems if problems is not None else Problems()
    optional = optional or {}
    empty = pd.DataFrame({c: pd.Series(dtype=str) for c in [*required, *optional]}).assign(
        **{LINE: pd.array([], dtype="Int64")})
    if not path.is_file():
        problems.report(corpus_error(
            path, "the file is missing",
            f"restore {path.name} from git (git checkout -- {path.name}) or create it with the "
            f"columns {', '.join(required)}; see data/README.md"))
        return empty
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # a spreadsheet's "CSV UTF-8" has a BOM
            reader = csv.reader(handle)
            header = next(reader, None)
            rows, lines = [], []
            start = reader.line_num + 1
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append(row)
                    lines.append(start)
                start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        problems.report(corpus_error(path, f"the file is not UTF-8 ({exc.reason} at byte {exc.start})",
                                     "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')"))
        return empty
    if header is None:
        problems.report(corpus_error(path, "the file is empty", f"write the header line: {','.join(required)}",
                                     line=1))
        return empty
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        problems.report(corpus_error(path, f"column(s) missing: {', '.join(missing)} (found: {', '.join(header)})",
                                     f"the header line must name the columns {', '.join(required)}", line=1))
        return empty
    kept_rows, kept_lines = [], []
    for row, line in zip(rows, lines):
        missing = header[len(row):]
        if missing and all(c in optional for c in missing):  # optional columns at the end may be left out
            row = row + [optional[c] for c in missing]
        if len(row) != len(header):
            problems.report(corpus_error(
                path, f"{len(row)} fields where the header has {len(header)} ({', '.join(header)})",
                f"give every row {len(header)} fields: leave a field empty with two commas in a row (,,) and put "
                "double quotes around a field that contains a comma", line=line))
            continue
        kept_rows.append(row)
        kept_lines.append(line)
    table = pd.DataFrame(kept_rows, columns=header, dtype=str)
    for column, default in optional.items():
        if column not in table.columns:
            table[column] = default
    table[LINE] = pd.array(kept_lines, dtype="Int64")
    return table


def csv_row(fields: list[str] | tuple[str, ...]) -> str:
    """One CSV line as the data files write it (quotes only where needed), without the line end."""
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(list(fields))  # (a field with a line break is quoted)
    return buffer.getvalue().removesuffix("\n")


def raw_lines(path: Path) -> list[str]:
    """The physical lines of a CSV file (for a fix that replaces one row with another)."""
    return path.read_text(encoding="utf-8-sig").splitlines()
