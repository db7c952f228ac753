"""Reading the project's CSV data files with line numbers, so errors can point at a line."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .errors import corpus_error

LINE = "_line"  # column holding the 1-based line in the CSV file where a row starts


def read_table(path: Path, required: list[str]) -> pd.DataFrame:
    """Read a UTF-8 CSV file as strings, check its columns, and record each row's line number."""
    if not path.is_file():
        raise corpus_error(
            path, "the file is missing",
            f"restore {path.name} from git (git checkout -- {path.name}) or create it with the "
            f"columns {', '.join(required)}; see data/README.md",
        )
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # a spreadsheet's "CSV UTF-8" has a BOM
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise corpus_error(path, "the file is empty", f"write the header line: {','.join(required)}", line=1)
            rows, lines = [], []
            start = reader.line_num + 1
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append(row)
                    lines.append(start)
                start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise corpus_error(path, f"the file is not UTF-8 ({exc.reason} at byte {exc.start})",
                           "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')") from exc
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise corpus_error(path, f"column(s) missing: {', '.join(missing)} (found: {', '.join(header)})",
                           f"the header line must name the columns {', '.join(required)}", line=1)
    for row, line in zip(rows, lines):
        if len(row) != len(header):
            raise corpus_error(path, f"{len(row)} fields where the header has {len(header)} "
                               f"({', '.join(header)})",
                               f"give every row {len(header)} fields: leave a field empty with two commas in a "
                               "row (,,) and put double quotes around a field that contains a comma", line=line)
    table = pd.DataFrame(rows, columns=header, dtype=str)
    table[LINE] = pd.array(lines, dtype="Int64")
    return table
