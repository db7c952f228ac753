"""The figure of the corpus overview (``01_corpus_overview``): words spoken per speaker in each transcript.

It is drawn in parts of whole events (:func:`~analysis.figures.style.split_rows`) once the corpus has more rows
than fit one column; each part is saved with its CSV and caption and returned for the notebook to display.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import encoding, style
from .encoding import Look
from .publish import Published, publish

NOTEBOOK = "01_corpus_overview"

MAX_ROWS = 12  # bars per figure: more do not fit one column with their two-line labels


def words_per_speaker(summary: pd.DataFrame, look: Look, speakers: pd.DataFrame,
                      figures_dir: Path | None = None) -> list[Published]:
    """Words per speaker and event (``overview.speakers_summary``), one figure per part of whole events.

    ``speakers`` is ``corpus.speakers``: the caption says whose words are those of a translation.
    """
    parts = style.split_rows(summary[["event", "speaker", "words", "share_of_words", "turns"]], max_rows=MAX_ROWS)
    return [publish(draw_words_per_speaker(rows, look), style.part_name("corpus_words_per_speaker_by_event", part, len(parts)),
                    rows, caption=words_per_speaker_caption(rows, look, speakers, part, len(parts)), notebook=NOTEBOOK,
                    figures_dir=figures_dir)
            for part, rows in enumerate(parts, start=1)]


def draw_words_per_speaker(summary: pd.DataFrame, look: Look) -> plt.Figure:
    """Horizontal bars: words per speaker, grouped by event; colour = speaker, hatch = event."""
    rows = summary.iloc[::-1].reset_index(drop=True)
    fig, ax = style.column_figure(style.plot_height(len(rows), per_row=0.24))
    ax.barh(range(len(rows)), rows["words"], color=[look.speaker_colours[s] for s in rows["speaker"]],
            hatch=[look.event_hatches[e] for e in rows["event"]], edgecolor="white", linewidth=0.5)
    ax.set_yticks(range(len(rows)), [look.label(e, s) for e, s in zip(rows["event"], rows["speaker"])])
    for y, (words, share, turns) in enumerate(zip(rows["words"], rows["share_of_words"], rows["turns"])):
        ax.text(words, y, f" {words:,} ({share:.0%})\n {turns} turn{'s' if turns != 1 else ''}", va="center", linespacing=1.0)
    ax.set_xlim(0, rows["words"].max() * 1.5)
    ax.xaxis.set_major_locator(plt.MaxNLocator(4))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("words (English text)")
    style.add_titles(fig, "Words spoken per speaker in each transcript", look.formats_of(rows["event"]),
                     source=look.source_of(rows["event"]))
    style.room_for_annotations(ax)
    return fig


def words_per_speaker_caption(rows: pd.DataFrame, look: Look, speakers: pd.DataFrame, part: int, parts: int) -> str:
    formats = "; ".join(f"{look.label(e)}: {look.event_formats[e]}" for e in dict.fromkeys(rows["event"]))
    translated = encoding.translation_note(speakers, rows["speaker"], look.speaker_names)
    several = look.several_transcripts(rows["event"])
    of_what = ("that event's words" if not several else "the words of the transcripts they speak in at that event ("
               + " and ".join(several) + (" has" if len(several) == 1 else " have") + " several, one per news conference)")
    return f"""**Figure: words spoken per speaker in each transcript{style.part_note(part, parts)}.** Bars are
the English words of each speaker in the transcript of each event (colour: the speaker; hatching: the event). Beside
each bar: the count, the speaker's share of {of_what}, and the number of turns (stretches of speech between
two speaker labels) the words come in. {translated} The shares describe these transcripts; they compare formats as
much as speakers, and the events' formats differ: {formats}."""
