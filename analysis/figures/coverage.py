"""The figures of ``05_coverage.ipynb``: media coverage against the record.

- :func:`fidelity_by_report`: per news report, its quotes that are verbatim, close, not found in the record, or
  from another occasion (stacked bars);
- :func:`quote_density`: per quoted transcript, how many reports quote each of its sentences (one figure each);
- :func:`topic_emphasis`: per quoted leader, the topic shares of his words in the record against those of the
  words quoted from him.

Each draws its figure, writes its caption from the tables it is given, saves both with :func:`publish` and
returns what the notebook displays. The numbers come from :mod:`analysis.coverage`.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import coverage
from ..topics import Codebook
from . import style
from .encoding import Look
from .publish import Published, publish

NOTEBOOK = "05_coverage"

FIDELITY_STYLES = dict(zip(coverage.FIDELITY_CLASSES, [{"facecolor": style.GREYS[0], "hatch": "", "hatchcolor": "white"},
                                                       {"facecolor": style.GREYS[1], "hatch": "..", "hatchcolor": "white"},
                                                       {"facecolor": style.GREYS[2], "hatch": "//", "hatchcolor": "black"},
                                                       {"facecolor": "white", "hatch": "xx", "hatchcolor": "black"}]))
"""Greys and hatches per fidelity class, darkest for the most faithful: colour means a speaker in every figure of
the suite."""

RECORD_GREY = "#999999"
"""The record's bars in the topic-emphasis figure (the quotes take their leader's colour)."""


# --- fidelity per report -----------------------------------------------------------------------------

def fidelity_by_report(fidelity: pd.DataFrame, aligned: pd.DataFrame, look: Look,
                       figures_dir: Path | None = None) -> Published:
    """The fidelity figure: ``fidelity`` counts quotes per ``doc_id``, ``kind`` and class (a column per class of
    ``coverage.FIDELITY_CLASSES``); ``aligned`` is :func:`analysis.coverage.align`'s table, for the transcripts
    matched and the events' source line. Quotes are plotted; phrases are counted in the caption only."""
    unknown = set(aligned["fidelity"]) - set(FIDELITY_STYLES)
    if unknown:
        raise ValueError(f"fidelity classes without a style in the figure: {sorted(unknown)}")
    plotted = fidelity_plotted(fidelity, aligned, look)
    quotes_n, phrases_n = (int(fidelity.loc[fidelity["kind"] == kind, coverage.FIDELITY_CLASSES].to_numpy().sum())
                           for kind in ("quote", "phrase"))
    empty = [c for c in coverage.FIDELITY_CLASSES if plotted[c].sum() == 0]
    transcripts = ", ".join(look.document(d, with_event=True)
                            for d in dict.fromkeys(aligned.loc[aligned["match_doc"] != "", "match_doc"]))
    caption = f"""**Figure: fidelity of quotes per report.** The {quotes_n} quotes of {coverage.MIN_QUOTE_WORDS} words or more in
the {len(plotted)} news reports, per report, by how they compare with the transcript of their event
({transcripts}); each segment is labelled with its number of quotes. Verbatim: a fuzzy-match score of {coverage.VERBATIM:g} or more (0–100) against the best passage of
the quoted leader's turns; close: the same passage in other words or another translation (a score of {coverage.CLOSE:g}
or more, or, for a quote of at least {coverage.MIN_CONTENT_WORDS} content words, {coverage.OVERLAP * 100:.0f} % of them
found there); not found: neither; other
occasion: not found, and placed elsewhere by the report's own words (an interview, a post).
{'No quote was classed ' + ' or '.join(f'“{c}”' for c in empty) + '. ' if empty else ''}The {phrases_n} quoted phrases of fewer than
{coverage.MIN_QUOTE_WORDS} words are left out, because a word or two is found somewhere by chance. The classes rest on
thresholds chosen by reading these quotes; a report with few quotes says little about its habits. The CSV holds the
plotted counts per report."""
    fig = draw_fidelity(plotted, look, FIDELITY_STYLES, look.source_of(aligned["event"], reports=True))
    return publish(fig, "coverage_fidelity_by_report", plotted, caption=caption, notebook=NOTEBOOK,
                   figures_dir=figures_dir)


def fidelity_plotted(fidelity: pd.DataFrame, aligned: pd.DataFrame, look: Look) -> pd.DataFrame:
    """The quotes' rows of ``fidelity`` with the ``event`` and the ``report`` name drawn: with several events a
    report's name carries its event ('Unnamed report A' restarts per event)."""
    several_events = aligned["event"].nunique() > 1
    plotted = fidelity[fidelity["kind"] == "quote"].drop(columns="kind").rename_axis(columns=None)
    plotted.insert(1, "event", [look.document_events[d] for d in plotted["doc_id"]])
    plotted.insert(2, "report", [look.document(d, with_event=several_events) for d in plotted["doc_id"]])
    return plotted


def draw_fidelity(table: pd.DataFrame, look: Look, styles: dict[str, dict], source: str) -> plt.Figure:
    """Stacked bars per report: its quotes that are verbatim, close, not found in the transcript, or from another
    occasion, each segment labelled with its number of quotes."""
    classes = list(styles)
    fig, ax = style.column_figure(style.plot_height(len(table), per_row=0.25, fixed=0.45))
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for column in classes:
        counts = table[column].to_numpy()
        ax.barh(y, counts, left=left, edgecolor="black", linewidth=0.4, label=column, **styles[column])
        for row, (start, count) in enumerate(zip(left, counts)):
            if count:  # the count in the middle of its segment, on a white box so hatching does not hide it
                ax.text(start + count / 2, row, str(count), ha="center", va="center", fontsize=style.MIN_TEXT_PT,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        left += counts
    ax.set_axisbelow(True)  # grid lines behind the bars
    ax.set_yticks(y, table["report"])
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel(f"quotes of {coverage.MIN_QUOTE_WORDS} words or more")
    events = list(dict.fromkeys(table["event"]))
    style.add_titles(fig, "How faithfully each report quotes the record",
                     ("Event: " if len(events) == 1 else "Events: ") + ", ".join(look.label(e) for e in events),
                     source=source, legend=ax.get_legend_handles_labels())
    return fig


# --- quote density along each transcript ---------------------------------------------------------------

def quote_density(covered: pd.DataFrame, documents: pd.DataFrame, look: Look,
                  figures_dir: Path | None = None) -> list[Published]:
    """One figure per quoted transcript of ``covered`` (:func:`analysis.coverage.coverage_map`), in its order:
    a bar per sentence, as high as the number of the event's news reports (counted in ``documents``) quoting it."""
    reports_per_event = coverage.news_reports_per_event(documents)
    shown = []
    for doc_id, rows in covered.groupby("doc_id", sort=False):
        event = rows["event"].iloc[0]
        n_reports, quoted = int(reports_per_event.get(event, 0)), rows[rows["reports"] > 0]
        speakers = ", ".join(look.speaker_names[s] for s in dict.fromkeys(rows["speaker"]))
        caption = f"""**Figure: quote density along the transcript, {look.document(doc_id, with_event=True)}.** Each bar is one
of the transcript's {len(rows)} sentences, in order, coloured by speaker ({speakers}); its height is the number of the
event's {n_reports} news reports in the corpus that quote it, verbatim or close, in a quote of {coverage.MIN_QUOTE_WORDS}
words or more attributed to a leader (a report quoting a sentence twice counts once). Of the sentences, {len(quoted)} are
quoted at least once; a sentence without a bar is quoted by none. With {n_reports} reports, the heights show what these reports
chose, not what the press at large picked up. The CSV holds each sentence's position, speaker and number of reports."""
        plotted = rows[["doc_id", "event", "position", "speaker", "reports"]]
        shown.append(publish(draw_statement_map(rows, look, n_reports), f"coverage_quote_density_{doc_id}", plotted,
                             caption=caption, notebook=NOTEBOOK, figures_dir=figures_dir))
    return shown


def draw_statement_map(rows: pd.DataFrame, look: Look, n_reports: int) -> plt.Figure:
    """One transcript: a bar per sentence, in order, as high as the number of reports quoting it (of ``n_reports``)."""
    fig, ax = style.column_figure(1.5)
    ax.bar(rows["position"], rows["reports"], width=0.9, color=[look.speaker_colours[s] for s in rows["speaker"]])
    ax.set_xlim(-1, rows["position"].max() + 1)
    ax.set_ylim(0, max(1, n_reports) + 0.5)
    ax.set_yticks(range(0, max(1, n_reports) + 1))
    ax.set_ylabel(f"reports quoting\n(of {n_reports})")
    ax.set_xlabel("sentence of the transcript, in order")
    ax.grid(axis="y")
    present = list(dict.fromkeys(rows["speaker"]))
    handles = [plt.Rectangle((0, 0), 1, 1, color=look.speaker_colours[s]) for s in present]
    event, doc_id = rows["event"].iloc[0], rows["doc_id"].iloc[0]
    style.add_titles(fig, f"Which sentences the news reports quoted, {look.label(event)}", look.document(doc_id),
                     source=look.source_of([event], reports=True),
                     legend=(handles, [look.speaker_names[s] for s in present]))
    return fig


# --- topic emphasis ------------------------------------------------------------------------------------

def topic_emphasis(emphasis: pd.DataFrame, aligned: pd.DataFrame, sentences: pd.DataFrame, codebook: Codebook,
                   look: Look, figures_dir: Path | None = None) -> Published:
    """The topic-emphasis figure: ``emphasis`` is :func:`analysis.coverage.topic_emphasis`'s table, ``aligned``
    the quotes it was computed from and ``sentences`` the record with its topics (for what the shares rest on)."""
    totals = coverage.quoted_totals(aligned, sentences)
    covered_events = list(dict.fromkeys(coverage.leader_quotes_found(aligned)["event"]))
    topic_note = coverage.topic_source_note(sentences, totals.index, covered_events)
    bases = "; ".join(f"{look.speaker_names[s]}: {row.quotes} quotes, {row.quoted_words:,} words, against {row.record_words:,} words "
                      f"in the record" for s, row in totals.iterrows())
    caption = f"""**Figure: topic emphasis, record against coverage.** For each leader the news reports quote
({', '.join(look.label(e) for e in covered_events)}): grey, the share of the leader's words in the transcript that falls
in sentences of each topic; coloured and hatched, the share of the words the reports quote from that leader, each
quote counted under the topic of the first transcript sentence it renders (quotes of {coverage.MIN_QUOTE_WORDS} words or
more, verbatim or close). The number at the end of each quote bar is the quoted words it rests on (0: none quoted;
{bases}), so a share of the quotes can rest on a few sentences. {topic_note} The reports chose what to quote; with this few quotes the figure describes these reports, not news
coverage in general. The CSV holds the plotted shares and quoted words per leader and topic, a row for every topic drawn."""
    plotted = every_topic_drawn(emphasis, [t for t in codebook.topics if t in set(emphasis["topic"])])
    topic_labels = dict(zip(codebook.table["topic"], codebook.table["label"]))
    fig = draw_emphasis(plotted, look, topic_labels, covered_events, totals)
    return publish(fig, "coverage_topic_emphasis", plotted, caption=caption, notebook=NOTEBOOK, figures_dir=figures_dir)


def every_topic_drawn(emphasis: pd.DataFrame, topic_order: list[str]) -> pd.DataFrame:
    """``emphasis`` with a row for every leader and every topic drawn (0 where the leader has no words in it), as
    the panels show them: the figure's CSV."""
    grid = pd.MultiIndex.from_product([list(dict.fromkeys(emphasis["speaker"])), topic_order], names=["speaker", "topic"])
    return (grid.to_frame(index=False).merge(emphasis, on=["speaker", "topic"], how="left")
            .fillna({"record_share": 0.0, "coverage_share": 0.0, "quoted_words": 0})
            .astype({"quoted_words": "int64"}))


def draw_emphasis(table: pd.DataFrame, look: Look, topic_labels: dict[str, str], events: list[str],
                  totals: pd.DataFrame) -> plt.Figure:
    """One panel per leader: share of words per topic in the record (grey) and in the quotes (his colour, hatched),
    each quote bar labelled with its number of quoted words, so that a share resting on few words shows as such."""
    speakers = list(dict.fromkeys(table["speaker"]))
    order = [t for t in topic_labels if t in set(table["topic"])]  # codebook order
    fig, axes = style.column_figure(style.plot_height(len(order), per_row=0.2, fixed=0.4), 1, len(speakers),
                                    sharex=True, sharey=True, squeeze=False)
    y = np.arange(len(order))
    for ax, speaker in zip(axes[0], speakers):
        part = table[table["speaker"] == speaker].set_index("topic").reindex(order)
        ax.barh(y - 0.2, part["record_share"], height=0.4, color=RECORD_GREY, label="the record")
        ax.barh(y + 0.2, part["coverage_share"], height=0.4, color=look.speaker_colours[speaker], hatch="//",
                edgecolor="white", linewidth=0.3, label="the quotes")
        for row, (share, words) in enumerate(zip(part["coverage_share"], part["quoted_words"])):
            ax.text(share, row + 0.2, f" {int(words)}", ha="left", va="center", fontsize=style.MIN_TEXT_PT)
        ax.set_title(f"{look.speaker_names[speaker]}: {totals.at[speaker, 'quotes']} quotes,\n"
                     f"{totals.at[speaker, 'quoted_words']:,} words")
        ax.set_xlim(0, None)
        style.zero_in_view(ax)
        ax.xaxis.set_major_locator(plt.MaxNLocator(3))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
        ax.set_xlabel("share of words")
    for ax in axes[0]:
        style.room_for_annotations(ax)
    axes[0, 0].set_yticks(y, [topic_labels[t] for t in order])
    axes[0, 0].set_ylim(len(order) - 0.5, -0.5)
    handles = [plt.Rectangle((0, 0), 1, 1, color=RECORD_GREY),
               *[plt.Rectangle((0, 0), 1, 1, facecolor=look.speaker_colours[s], hatch="//", edgecolor="white")
                 for s in speakers]]
    labels = ["the record", *[f"quoted from {look.speaker_names[s]}" for s in speakers]]
    style.add_titles(fig, "Topic emphasis: what they said against what was quoted",
                     f"{', '.join(look.label(e) for e in events)}. At the end of a quote bar: the words quoted",
                     source=look.source_of(events, reports=True), legend=(handles, labels))
    return fig
