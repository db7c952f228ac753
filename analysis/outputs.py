"""Writing result tables to ``data/processed/`` the same way from every notebook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .files import write_csv


def save_table(table: pd.DataFrame, name: str, processed_dir: Path | None = None) -> str:
    """Write ``name.csv`` to ``data/processed/`` and return its path relative to the project (for printing)."""
    processed_dir = Path(processed_dir) if processed_dir is not None else paths.PROCESSED_DIR
    path = processed_dir / f"{name}.csv"
    write_csv(table, path)
    try:
        return path.relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:  # a folder outside the project (tests)
        return path.as_posix()
