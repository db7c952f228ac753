"""The figures of ``04_topics``: topic shares per speaker and per role (split into parts for big corpora), the
compared speaker's shares at two events, the keyness of the two events, and NMF components against the codebook.

Each public function draws one figure (or its parts), writes its caption from the numbers it is given, and
returns what the notebook displays. The numbers behind the figures come from :mod:`analysis.topics`.
"""

from __future__ import annotations

from pathlib import Path
from statistics import NormalDist

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import topics, units
from . import encoding, style
from .encoding import Look
from .publish import Published, publish

NOTEBOOK = "04_topics"

MAX_GROUPS = 4
"""Markers per topic row, and legend entries, that one column holds: more groups are drawn in parts."""

SHARE_COLUMNS = ["estimate", "estimate_low", "estimate_high", "estimate_from", "share", "low", "high", "units",
                 "unit_description", "interval_note", "turns"]
"""What a topic-share figure's CSV holds after its group columns and the topic: the plotted estimate (corrected for
the measured errors, or the hand codes where every sentence is coded) with its interval and how it was made, then
the codebook's own share and interval, and the units the intervals rest on."""

KEYNESS_TOP = 10
"""Words per side and panel of the keyness figure."""

NMF_SHOWN_FROM = 0.2
"""Cells of the NMF figure with at least this share get their percentage written."""


# --- topic shares per speaker or role --------------------------------------------------------------------

def shares_by_speaker(by_speaker: pd.DataFrame, look: Look, topic_labels: dict[str, str], validation: dict,
                      figures_dir: Path | None = None) -> list[Published]:
    """Topic share per speaker and event (``topics.topic_shares`` by event and speaker, with the classification
    error), in as many parts as the groups need; ``validation`` is :func:`analysis.topics.validation_summary`."""
    return share_parts(by_speaker, "speaker", look, topic_labels, validation, "topics_share_by_speaker_and_event",
                       who="speaker", colour_note="the speaker", figures_dir=figures_dir)


def shares_by_role(by_role: pd.DataFrame, look: Look, topic_labels: dict[str, str], validation: dict,
                   figures_dir: Path | None = None) -> list[Published]:
    """Topic share per speaker role and event, every speaker of a role pooled, drawn in the colour of the role's
    first speaker; in parts as :func:`shares_by_speaker`."""
    colours = {r: look.role_colours[r] for r in by_role["role"]}
    return share_parts(by_role, "role", look, topic_labels, validation, "topics_share_by_role_and_event",
                       who="speaker role", colour_note="the role, in the colour of its first speaker, with every "
                       "speaker of the role pooled", colours=colours, title="Topic share per speaker role and event",
                       figures_dir=figures_dir)


def share_parts(shares: pd.DataFrame, key: str, look: Look, topic_labels: dict[str, str], validation: dict,
                name: str, who: str, colour_note: str, colours: dict[str, str] | None = None,
                title: str = "Topic share per speaker and event", figures_dir: Path | None = None) -> list[Published]:
    """One figure per part of the (event, ``key``) groups, at most :data:`MAX_GROUPS` each."""
    parts = style.split_rows(shares[["event", key]].drop_duplicates(), max_rows=MAX_GROUPS)
    shown = []
    for part, chosen in enumerate(parts, start=1):
        groups = list(zip(chosen["event"], chosen[key]))
        beside = [c for c in ("second_reader_share",) if c in shares.columns]  # reader B, where all is coded
        plotted = shares.merge(chosen, on=["event", key])[["event", key, "topic", *SHARE_COLUMNS, *beside]]
        caption = (shares_caption(who, colour_note, style.part_note(part, len(parts)), **validation,
                                  **topics.share_resampling()) + second_reader_note(plotted, key, look, topic_labels)
                   + look.pooled_note(chosen["event"]))
        fig = draw_shares(plotted, groups, look, topic_labels, key=key, colours=colours, title=title)
        shown.append(publish(fig, style.part_name(name, part, len(parts)), plotted, caption=caption,
                             notebook=NOTEBOOK, figures_dir=figures_dir))
    return shown


def second_reader_note(plotted: pd.DataFrame, key: str, look: Look, topic_labels: dict[str, str]) -> str:
    """For each group whose every sentence was coded by both readers (its marker is reader A's coding), how far
    reader B's coding differs: the topic of the largest difference, with both shares. Empty when there is none."""
    if "second_reader_share" not in plotted.columns:
        return ""
    notes = []
    for (event, group), rows in plotted.dropna(subset=["second_reader_share"]).groupby(["event", key], sort=False):
        gap = (rows["second_reader_share"] - rows["estimate"]).abs()
        worst = rows.loc[gap.idxmax()]
        name = look.speaker_names.get(group, group) if key == "speaker" else look.role(group)
        notes.append(f"{name} at {look.label(event)}: reader B's coding differs most on {topic_labels[worst['topic']]} "
                     f"({100 * worst['second_reader_share']:.0f} % against reader A's {100 * worst['estimate']:.0f} %)")
    if not notes:
        return ""
    return (" Where every sentence was coded, the marker is reader A's coding, and the two readers' codings of the same "
            "sentences differ: " + "; ".join(notes) + " (reader B's shares are in the CSV).")


def draw_shares(shares: pd.DataFrame, groups: list[tuple[str, str]], look: Look, topic_labels: dict[str, str],
                key: str = "speaker", colours: dict[str, str] | None = None,
                title: str = "Topic share per speaker and event") -> plt.Figure:
    """Dot plot: one row per topic, one marker per group (event · speaker or role): the estimate (corrected for the
    measured errors) with its 95% interval, none for a group of too few units."""
    colours = colours or look.speaker_colours
    names = look.speaker_names if key == "speaker" else {g: look.role(g) for _, g in groups}
    topic_order = [t for t in topic_labels if t in set(shares["topic"])]
    fig, ax = style.column_figure(style.plot_height(len(topic_order), per_row=0.16, fixed=0.45))
    step = 0.7 / max(len(groups), 1)
    event_index = {e: i for i, e in enumerate(look.event_labels)}
    for g, (event, group) in enumerate(groups):
        part = shares[(shares["event"] == event) & (shares[key] == group)].set_index("topic").reindex(topic_order)
        y = np.arange(len(topic_order)) - 0.35 + step * (g + 0.5)
        colour = colours[group]
        drawn = part["estimate_low"].notna()
        ax.hlines(y[drawn.to_numpy()], part.loc[drawn, "estimate_low"], part.loc[drawn, "estimate_high"],
                  color=colour, linewidth=1.0)
        open_marker = event_index[event] % 2 == 0  # shape and fill tell the events apart, colour the speaker
        n = int(part["units"].iloc[0])
        few = part["interval_note"].iloc[0] == units.TOO_FEW
        ax.plot(part["estimate"], y, look.event_markers[event], color=colour,
                markerfacecolor="white" if open_marker else colour, markersize=3.5, markeredgewidth=0.9,
                label=f"{look.label(event)} · {names[group]} ({n} unit{'s' if n != 1 else ''}{', no interval' if few else ''})")
    ax.set_yticks(range(len(topic_order)), [topic_labels[t] for t in topic_order])
    ax.set_ylim(len(topic_order) - 0.5, -0.5)
    ax.set_xlim(0, None)
    style.zero_in_view(ax)  # a share of 0 stands clear of the axis line
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.set_xlabel(f"share of the {key}'s words, estimated (95% interval)", loc="right")
    style.add_titles(fig, title, look.formats_of([e for e, _ in groups]),
                     source=look.source_of([e for e, _ in groups]), legend=ax.get_legend_handles_labels())
    return fig


def shares_caption(who: str, colour_note: str, part_note: str, n_coded: int, n_unseen: int, accuracy: float,
                   transfer_low: float, transfer_high: float, samples: int, seed: int,
                   min_units: int = units.MIN_UNITS) -> str:
    """The caption of a topic-share figure (per speaker or per role): what is fitted, what is tested, what may be read."""
    return f"""**Figure: topic share per {who} and event{part_note}.** Each marker is the estimated share of one {who}'s
words at one event that falls in sentences of the topic (marker shape and fill: the event; colour: {colour_note}; the
legend gives the units each rests on). Where every sentence of a {who} was coded by reader A, the marker is that
reader's coding; elsewhere it is the codebook's share corrected for the errors measured on {n_coded} of the delivered
corpus's sentences coded by two language-model readers given only the written codebook, not by people (the
codebook's accuracy against reader A on the {n_unseen} of them never seen while its patterns were written:
{accuracy:.2f}), with the {who}'s own coded sentences where there are enough and a pooled matrix otherwise (the CSV
says which, per group). Lines are 95 % intervals from {samples:,} resamples (seed {seed}) that draw the design's
units (whole exchanges at a news conference, whole turns of statements) and the coded sentences together; a {who} of
fewer than {min_units} units, or of fewer than {min_units} effective units (one or two carrying nearly all the words),
has no interval. The codebook's own share and interval are in the CSV beside it. Left
without the patterns that only one event uses, the codebook's accuracy on each event's coded sentences was
{transfer_low:.2f} to {transfer_high:.2f}, so shares for a new event are less certain than these intervals say. Where
journalists ask questions they choose many of the topics; where speakers make statements, the speakers choose them,
so differences between formats are not differences of agenda alone."""


# --- one speaker at two events -----------------------------------------------------------------------------

def formats_named(events, look: Look) -> str:
    """Each event's format after its name: "Geneva 2021: news conference, questions; Anchorage 2025: ..."."""
    return "; ".join(f"{look.label(e)}: {look.event_formats[e]}" for e in events)


def share_change(table: pd.DataFrame, pair, look: Look, topic_labels: dict[str, str], caveats: str = "",
                 figures_dir: Path | None = None) -> Published:
    """A comparison's topic shares (``pair``, one of ``corpus.comparisons``): each side's speaker at its event;
    ``table`` is :func:`analysis.topics.comparison_shares`, which is also the CSV. ``caveats`` is
    :func:`analysis.comparisons.caveats_text`: what differs between the sides besides the event."""
    first, second = (table[table["event"] == e].iloc[0] for e in pair.events)
    one, two = encoding.side_label(pair, look, pair.first), encoding.side_label(pair, look, pair.second)
    held = ("The same speaker at both events" if pair.same_speaker else
            f"Two speakers of one role ({look.speaker_names[pair.first_speaker]} and "
            f"{look.speaker_names[pair.second_speaker]})")
    named = (f"{pair.first_speaker}'s topic shares, {one} → {two}" if pair.same_speaker
             else f"topic shares, {encoding.pair_title(pair, look)}")
    whose = "the speaker's" if pair.same_speaker else "each side's speaker's"
    if look.event_formats[pair.first] != look.event_formats[pair.second]:
        format_note = (f"{held}, but not the same format ({formats_named(pair.events, look)}): where journalists asked "
                       "the questions, they chose much of the agenda, so a change in share is not a change of "
                       f"{whose} own priorities alone, and a share")
    else:
        format_note = f"{held}, and the same format ({look.event_formats[pair.first]}); a share"
    caption = f"""**Figure: {named}.** For each topic, the share of {whose} words at {one} (open marker;
{first['words']:,} words in {first['turns']} turns) and at {two} (filled; {second['words']:,} words in
{second['turns']} turns) that falls in sentences of the topic, as estimated in the figure “Topic share per speaker
and event” (the codebook corrected for its measured errors, or the validation reader's codes where every sentence was
coded; the CSV has the codebook's own share beside), without the intervals, which that figure shows.
{format_note} resting on few turns can move with a single answer or statement.{' ' + caveats if caveats else ''}"""
    return publish(draw_share_change(table, pair, look, topic_labels), pair.named("topics_share_change_comparison"),
                   table, caption=caption, notebook=NOTEBOOK, figures_dir=figures_dir)


def draw_share_change(table: pd.DataFrame, pair, look: Look, topic_labels: dict[str, str]) -> plt.Figure:
    """One row per topic: the share at the first side (open marker) and the second (filled), each in its speaker's
    colour."""
    first, second = pair.first, pair.second
    wide = table.pivot_table(index="topic", columns="event", values="share", sort=False)[[first, second]]
    fig, ax = style.column_figure(style.plot_height(len(wide), per_row=0.17, fixed=0.45))
    y = np.arange(len(wide))
    ax.hlines(y, wide[first], wide[second], color="#999999", linewidth=1.2)
    for event, filled in ((first, False), (second, True)):
        base = table[table["event"] == event].iloc[0]
        colour = look.speaker_colours[pair.speaker_at(event)]
        ax.plot(wide[event], y, look.event_markers[event], color=colour, markerfacecolor=colour if filled else "white",
                markeredgewidth=1.3, markersize=4.5,
                label=f"{encoding.side_label(pair, look, event)} ({base['words']:,} words, {base['turns']} turns)")
    ax.set_yticks(y, [topic_labels[t] for t in wide.index])
    ax.set_ylim(len(wide) - 0.5, -0.5)
    ax.set_xlim(0, None)
    style.zero_in_view(ax)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.set_xlabel(f"share of {look.speaker_names[pair.first_speaker]}'s words" if pair.same_speaker
                  else "share of each speaker's words")
    title = (f"{look.speaker_names[pair.first_speaker]}'s topics, {look.label(first)} → {look.label(second)}"
             if pair.same_speaker else f"Topics, {encoding.pair_title(pair, look)}")
    style.add_titles(fig, title, look.formats_of(pair.events),
                     source=look.source_of(pair.events), legend=ax.get_legend_handles_labels())
    return fig


# --- keyness -------------------------------------------------------------------------------------------------

def keyness(speaker_table: pd.DataFrame, all_table: pd.DataFrame, pair, look: Look, saved_as: list[str],
            top: int = KEYNESS_TOP, caveats: str = "", figures_dir: Path | None = None) -> Published:
    """The words most typical of each side of ``pair`` (one of ``corpus.comparisons``): the compared speakers'
    words (left panel) and every speaker's at the two events (right), from :func:`analysis.topics.log_odds_dirichlet`;
    ``saved_as`` names the files of the two full tables (left, right) for the caption; ``caveats`` is
    :func:`analysis.comparisons.caveats_text`."""
    first, second = pair.first, pair.second
    one, two = look.label(first), look.label(second)
    names = [look.speaker_names[s] for s in (pair.first_speaker, pair.second_speaker)]
    left = f"{names[0]} only" if pair.same_speaker else f"{names[0]} and {names[1]}"
    panels = {left: speaker_table, "All speakers": all_table}
    who = (f"{pair.first_speaker} only (the same speaker at both events)" if pair.same_speaker else
           f"{pair.first_speaker} at {one} against {pair.second_speaker} at {two} (two people of one role)")
    level, z_line = topics.KEYNESS_LEVEL, two_sided_line(topics.KEYNESS_LEVEL)
    tested = [len(table) for table in panels.values()]
    passing = [topics.keyness_summary(table, level)["after_control"] for table in panels.values()]
    named = f"{one} against {two}" if pair.same_speaker else f"{encoding.pair_title(pair, look)} (left) and their events (right)"
    format_note = (f"The formats differ ({formats_named((first, second), look)}), so words of the format can set the "
                   "events apart as much as subjects do." if look.event_formats[first] != look.event_formats[second]
                   else f"Both events are of one format ({look.event_formats[first]}).")
    caption = f"""**Figure: keyness, {named}.** Bars are z-scores of the weighted log-odds ratio with an
informative Dirichlet prior (the whole corpus's word counts), for the {top} words most typical of each event among the
words used at least {topics.KEYNESS_MIN_COUNT} times in the two sets together; bars to the right (darker) are typical of {one}, to the
left (lighter) of {two}; dashed lines at z = ±{z_line:.2f}. Left panel: {who}; right: every speaker at the two
events. Stop words are left out. About {level * 100:g} % of the words
tested pass ±{z_line:.2f} by chance alone; {passing[0]} of {tested[0]} (left) and {passing[1]} of
{tested[1]} (right) pass the Benjamini–Hochberg control (q < {level}), so the chart ranks the words that differ
most rather than showing that any of them differs beyond chance; a word's contexts, not its z alone, say what it stands
for. {format_note} The CSV holds the plotted words and z-scores with, not drawn, each word's
uses at each event and its p and q; every word tested is in {saved_as[0]} and {saved_as[1]}.{' ' + caveats if caveats
else ''}"""
    fig = draw_keyness(panels, first, second, look, look.source_of(pair.events), top,
                       keyness_side_styles(first, second, look), z_line, level)
    return publish(fig, pair.named("topics_keyness_comparison"), keyness_plotted(panels, one, two, top),
                   caption=caption, notebook=NOTEBOOK, figures_dir=figures_dir)


def two_sided_line(level: float) -> float:
    """The |z| a single word passes at ``level``, two-sided (1.96 at 0.05)."""
    return NormalDist().inv_cdf(1 - level / 2)


def keyness_side_styles(first: str, second: str, look: Look) -> dict[str, dict]:
    """Bar styles of the two sides: mid grey for the first event, light grey for the second, each in its hatch."""
    return {first: {"facecolor": style.GREYS[1], "hatch": look.event_hatches[first], "hatchcolor": "white"},
            second: {"facecolor": style.GREYS[2], "hatch": look.event_hatches[second], "hatchcolor": "black"}}


def keyness_plotted(panels: dict[str, pd.DataFrame], one: str, two: str, top: int) -> pd.DataFrame:
    """The CSV of the keyness figure: each panel's drawn words, top bar first, with the side each is typical of
    (``one`` and ``two`` are the events' short labels), its uses at each event, p and q."""
    drawn = [topics.keyness_rows(table, top).iloc[::-1].assign(
        panel=panel, typical_of=lambda t: np.where(t["z"] > 0, one, two), first_event=one, second_event=two)
        for panel, table in panels.items()]
    return pd.concat(drawn).rename(columns={"count_a": "uses_first", "count_b": "uses_second"})[
        ["panel", "word", "typical_of", "z", "first_event", "uses_first", "second_event", "uses_second", "p", "q"]]


def draw_keyness(panels: dict[str, pd.DataFrame], first: str, second: str, look: Look, source: str, top: int,
                 side_styles: dict[str, dict], z_line: float, level: float) -> plt.Figure:
    """Side by side, one panel per comparison: the words most typical of each event, by z of the weighted log-odds."""
    fig, axes = style.column_figure(style.plot_height(2 * top, per_row=0.12, fixed=0.5), 1, len(panels))
    for ax, (title, table) in zip(np.atleast_1d(axes), panels.items()):
        rows = topics.keyness_rows(table, top)
        for y, (word, z) in enumerate(zip(rows["word"], rows["z"])):
            ax.barh(y, z, edgecolor="white", linewidth=0.4, **side_styles[first if z > 0 else second])
        ax.set_yticks(range(len(rows)), rows["word"])
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.axvline(0, color="#555555", linewidth=0.6)
        for limit in (-z_line, z_line):
            ax.axvline(limit, color="#999999", linewidth=0.5, linestyle="--")
        ax.set_title(title)
        ax.set_xticks([-2, 0, 2], ["−2", "0", "+2"])
        ax.set_xlabel("z (log-odds)")
    passing = ", ".join(f"{topics.keyness_summary(t, level)['after_control']} of {len(t)}" for t in panels.values())
    handles = [mpl.patches.Patch(edgecolor="white", **side_styles[e]) for e in (first, second)]
    style.add_titles(fig, f"Words used more at {look.label(first)} or at {look.label(second)}",
                     f"Dashed: z = ±{z_line:.2f}. Passing a multiple-comparison control: {passing} words", source=source,
                     legend=(handles, [f"typical of {look.label(e)}" for e in (first, second)]))
    return fig


# --- NMF against the codebook ------------------------------------------------------------------------------

def nmf_vs_codebook(alignment: pd.DataFrame, weights: np.ndarray, assigned: pd.DataFrame, look: Look,
                    topic_labels: dict[str, str], shown_from: float = NMF_SHOWN_FROM,
                    figures_dir: Path | None = None) -> Published:
    """Codebook topics against NMF components (:func:`analysis.topics.nmf_alignment` of the sentences ``assigned``
    and the fitted ``weights``); the CSV holds every cell as a share."""
    component_words = topics.nmf_component_words(assigned, weights)
    caption = f"""**Figure: NMF components against codebook topics.** Non-negative matrix factorisation with {weights.shape[1]}
components (as many as the codebook has topics with content, so that the two can be compared: a choice, not a
finding) was fitted to the TF-IDF of all {len(assigned):,} transcript sentences, without the
codebook; each sentence is counted in its heaviest component (none: no weight in any). Each column is a component; each
cell is the percentage of the component's words that the codebook puts in the topic, shaded from white (0) to black
(100) and written where it is {shown_from * 100:.0f} % or more. Components hold {component_words.min():,} to
{component_words.max():,} words, so a percentage in a small one rests on few sentences. A dark cell alone in its column
means the model grouped, on its own, the sentences of one codebook topic; both methods read the same sentences, so
agreement shows a shared pattern, not that either is right. The CSV holds every cell as a share (0 to 1)."""
    fig = draw_alignment(alignment, topic_labels, look.source_of(assigned["event"]), shown_from)
    return publish(fig, "topics_nmf_vs_codebook", alignment.reset_index().rename_axis(columns=None), caption=caption,
                   notebook=NOTEBOOK, figures_dir=figures_dir)


def draw_alignment(table: pd.DataFrame, topic_labels: dict[str, str], source: str, shown_from: float) -> plt.Figure:
    """Codebook topics (rows) against NMF components (columns): % of the component's words in the topic."""
    grid = table.T
    fig, ax = style.column_figure(style.plot_height(len(grid), per_row=0.17, fixed=0.55))
    ax.imshow(grid.to_numpy(), cmap="Greys", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [str(c) if c >= 0 else "none" for c in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [topic_labels[t] for t in grid.index])
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        if value >= shown_from:
            ax.text(j, i, f"{value * 100:.0f}", ha="center", va="center", color="white" if value > 0.5 else "black")
    ax.grid(False)
    ax.set_xlabel("NMF component (none: no weight)")
    style.add_titles(fig, "NMF components against codebook topics",
                     f"Cell: % of the component's words that the codebook puts in the topic (shown from {shown_from:.0%})",
                     source=source)
    return fig
