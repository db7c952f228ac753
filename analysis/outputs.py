"""Result tables: in the corpus's order (:func:`in_data_order`), written to ``data/processed/`` the same way from
every notebook (:func:`save_table`).

These are outputs for readers (each notebook's numbers as CSV); no code reads them back.
"""

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


def in_data_order(table: pd.DataFrame, events: pd.DataFrame, speakers: pd.DataFrame | None = None,
                  roles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sort by the order of ``events`` (date order in a loaded corpus), then speakers.csv, then roles.csv,
    stably; unknown values go last."""
    ranks = {"event": {e: i for i, e in enumerate(events["event"])}}
    if speakers is not None and "speaker" in table.columns:
        ranks["speaker"] = {s: i for i, s in enumerate(speakers["speaker"])}
    if roles is not None and "role" in table.columns:
        ranks["role"] = {r: i for i, r in enumerate(roles["role"])}
    keys = {f"_{c}": table[c].map(rank).fillna(len(rank)) for c, rank in ranks.items()}
    ordered = table.assign(**keys).sort_values(list(keys), kind="stable")
    return ordered.drop(columns=list(keys)).reset_index(drop=True)
