"""Summary tables of the corpus: what the overview notebook shows and ``data/processed/`` keeps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import comparisons, paths
from .corpus import Corpus
from .files import write_csv
from .outputs import in_data_order
from .speaking_time import own_transcript_words


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
    """Per event and speaker: turns, sentences, words and the share of the words of the transcripts the speaker
    speaks in at that event (:func:`analysis.speaking_time.own_transcript_words`: the event's words when it has one).

    Events and speakers follow the order of ``events.csv`` and ``speakers.csv``.
    """
    turns = corpus.turns
    table = (turns.groupby(["event", "speaker", "role"], sort=False)
             .agg(turns=("turn", "size"), sentences=("n_sentences", "sum"), words=("n_words", "sum"))
             .reset_index())
    table["share_of_words"] = table["words"] / own_transcript_words(turns, ["event", "speaker", "role"])
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


def corpus_facts(corpus: Corpus) -> list[str]:
    """Sentences about what the corpus holds, computed so that they stay true as transcripts and events are added:
    which leaders are present at more than one event (the comparisons that can hold the speaker constant), which
    participants of an event (``events.csv``) have no turn in the corpus (their own press conference is missing),
    and which events have several transcripts."""
    names = comparisons.event_names(corpus.events)
    principals = set(corpus.speakers_in("principal"))
    spoken = corpus.turns[corpus.turns["speaker"].isin(principals)]
    order = list(corpus.events["event"])  # date order
    present = spoken.groupby("speaker", sort=False)["event"].unique()
    several = [(s, sorted(e, key=order.index)) for s, e in present.items() if len(e) > 1]
    listed = " and ".join(f"{s} ({', '.join(names[e] for e in ev)})" for s, ev in several)
    if not several:
        facts = ["No leader is present at more than one event: every comparison of two events compares two people."]
    elif len(several) == 1:
        facts = [f"{listed} is the only leader present at more than one event."]
    else:
        facts = [f"{listed} are present at more than one event."]
    aliases = {a.strip().casefold(): row.speaker for row in corpus.speakers.itertuples()
               for a in [row.speaker, *str(row.aliases).split(";")] if a.strip()}
    for event in corpus.events["event"]:
        people = corpus.events.set_index("event")["participants"].get(event, "") if "participants" in corpus.events else ""
        for person in [p.strip() for p in str(people).split(";") if p.strip()]:
            speaker = aliases.get(person.casefold(), person)
            if not ((corpus.turns["event"] == event) & (corpus.turns["speaker"] == speaker)).any():
                facts.append(f"{person} took part in {names[event]} but has no turn in the corpus: a transcript of their "
                             "own words at that event (a press conference of their own) is not in it.")
    transcripts = corpus.turns.drop_duplicates("doc_id")
    for event, docs in transcripts.groupby("event", sort=False)["doc_id"]:
        if len(docs) > 1:
            leaders = [", ".join(dict.fromkeys(spoken.loc[spoken["doc_id"] == d, "speaker"])) or d for d in docs]
            facts.append(f"{names[event]} has {len(docs)} transcripts: " + "; ".join(leaders) + " (one each).")
    return facts


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
