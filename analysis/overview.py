"""Summary tables of the corpus: what the overview notebook shows and ``data/processed/`` keeps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .corpus import Corpus
from .files import write_csv
from .outputs import in_data_order


def documents_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per document: provenance and how its characters were accounted for."""
    columns = ["doc_id", "event", "kind", "publisher", "n_chars", "n_text_chars", "n_label_chars",
               "n_excluded_chars", "n_whitespace_chars", "n_exclusions", "n_turns", "n_sentences", "n_words"]
    return corpus.documents[columns].sort_values(["event", "doc_id"], kind="stable").reset_index(drop=True)


def exclusions_summary(corpus: Corpus) -> pd.DataFrame:
    """Characters excluded per document and kind of exclusion (labels are counted separately)."""
    table = (corpus.exclusions.groupby(["doc_id", "kind"], sort=True)
             .agg(snippets=("n_chars", "size"), chars=("n_chars", "sum")).reset_index())
    return table


def speakers_summary(corpus: Corpus) -> pd.DataFrame:
    """Per event and speaker: turns, sentences, words and the share of the event's transcript words.

    Events and speakers follow the order of ``events.csv`` and ``speakers.csv``.
    """
    turns = corpus.turns
    table = (turns.groupby(["event", "speaker", "role"], sort=False)
             .agg(turns=("turn", "size"), sentences=("n_sentences", "sum"), words=("n_words", "sum"))
             .reset_index())
    table["share_of_words"] = table["words"] / table.groupby("event")["words"].transform("sum")
    return in_data_order(table, corpus.events, corpus.speakers)


def formats_summary(corpus: Corpus) -> pd.DataFrame:
    """Per event: the format and the shape of the exchange (how many turns, how long, who spoke)."""
    turns = corpus.turns
    table = (turns.groupby("event", sort=False)
             .agg(turns=("turn", "size"), speakers=("speaker", "nunique"),
                  journalist_turns=("role_group", lambda r: int((r == "press").sum())),
                  words=("n_words", "sum"), mean_words_per_turn=("n_words", "mean"),
                  median_words_per_turn=("n_words", "median"), longest_turn_words=("n_words", "max"))
             .reset_index())
    table = corpus.events[["event", "format"]].merge(table, on="event", how="inner")
    return table


def write_processed_tables(corpus: Corpus, out_dir: Path | None = None) -> list[Path]:
    """Write the corpus tables to ``data/processed/`` as CSV; return the paths written."""
    out_dir = Path(out_dir) if out_dir is not None else paths.PROCESSED_DIR
    tables = {
        "documents": corpus.documents.drop(columns=["text"]),
        "turns": corpus.turns,
        "sentences": corpus.sentences,
        "spans": corpus.spans,
        "exclusions": corpus.exclusions,
        "speakers_summary": speakers_summary(corpus),
    }
    written = []
    for name, table in tables.items():
        path = out_dir / f"{name}.csv"
        write_csv(table, path)
        written.append(path)
    return written
