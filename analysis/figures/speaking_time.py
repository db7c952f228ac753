"""The figures of speaking time and turn-taking (``02_speaking_time``).

- :func:`role_shares`: the share of words per speaker role, with bootstrap intervals over sentences and over turns;
- :func:`timeline`: each transcript's turns in order, their lengths in words;
- :func:`answer_lengths`: the words of each answer, question by question, one figure per question-and-answer
  transcript;
- :func:`minutes_check`: minutes estimated from words (nothing fitted, out of sample where something could be
  fitted on other events, in sample) against the published ranges, with each estimate's distance to its range.

Each function draws, captions and saves its figure (:func:`~analysis.figures.publish.publish`), in parts when the
corpus does not fit one column, and returns the parts for the notebook to display. The numbers come from
:mod:`analysis.speaking_time`.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import speaking_time as st
from ..outputs import in_data_order
from ..units import MIN_UNITS
from . import encoding, style
from .encoding import Look
from .publish import Published, publish

NOTEBOOK = "02_speaking_time"


# --- share of words per role --------------------------------------------------------------------------

def role_shares(intervals: pd.DataFrame, look: Look, seed: int = st.BOOTSTRAP_SEED,
                samples: int = st.BOOTSTRAP_SAMPLES, figures_dir: Path | None = None) -> list[Published]:
    """Share of words per role and event with both intervals (:func:`analysis.speaking_time.intervals_by_unit`).

    ``seed`` and ``samples`` are those the intervals were drawn with (the defaults of ``bootstrap_shares``),
    for the caption.
    """
    parts = style.split_rows(intervals, max_rows=6)
    return [publish(draw_role_shares(rows, look), style.part_name("speaking_share_by_role", part, len(parts)), rows,
                    caption=role_shares_caption(rows, look, seed, samples, part, len(parts)), notebook=NOTEBOOK,
                    figures_dir=figures_dir)
            for part, rows in enumerate(parts, start=1)]


def draw_role_shares(rows: pd.DataFrame, look: Look) -> plt.Figure:
    """Share of words per role and event: marker = share; thick line = 95% bootstrap interval over sentences (to
    show why not), thin line = over the design's units (exchanges, statement turns); colour = the role (its first
    speaker's colour), marker shape = the event."""
    rows = rows.iloc[::-1].reset_index(drop=True)
    fig, ax = style.column_figure(style.plot_height(len(rows), per_row=0.42))
    for y, row in rows.iterrows():
        colour = look.role_colours[row["role"]]
        if not pd.isna(row["low_design"]):
            ax.plot([row["low_design"], row["high_design"]], [y, y], color=colour, linewidth=0.9,
                    solid_capstyle="butt", clip_on=False)
        ax.plot([row["low_sentences"], row["high_sentences"]], [y, y], color=colour, linewidth=3, solid_capstyle="butt",
                clip_on=False)
        ax.plot(row["share"], y, marker=look.event_markers[row["event"]], color="white", markeredgecolor=colour,
                markersize=6, markeredgewidth=1.5, clip_on=False, zorder=3)
        if row["share"] == 1 and (pd.isna(row["low_design"]) or row["low_design"] == 1):
            text = "100%: the only role speaking"
        elif pd.isna(row["low_design"]):
            text = (f"{row['share']:.0%} · sentences {100 * row['low_sentences']:.0f}–{row['high_sentences']:.0%}\n"
                    f"{row['interval_note']}")
        else:
            text = (f"{row['share']:.0%} · sentences {100 * row['low_sentences']:.0f}–{row['high_sentences']:.0%}\n"
                    f"exchanges/turns {100 * row['low_design']:.0f}–{row['high_design']:.0%}")
        align = "right" if row["share"] > 0.7 else "left" if row["share"] < 0.3 else "center"
        ax.annotate(text, (row["share"], y), xytext=(0, 5), textcoords="offset points", ha=align, va="bottom",
                    linespacing=1.0, multialignment="left")
    ax.set_yticks(range(len(rows)), [f"{look.label(e)}\n{look.role(r)}\n{s:,} sent., {u} unit{'s' if u != 1 else ''}"
                                     for e, r, s, u in zip(rows["event"], rows["role"], rows["sentences"],
                                                           rows["units"])])
    ax.set_ylim(-0.45, len(rows) - 0.1)
    ax.set_xlim(0, 1.0)
    style.zero_in_view(ax)
    ax.set_xticks(np.linspace(0, 1, 5), [f"{x:.0%}" for x in np.linspace(0, 1, 5)])
    ax.set_xlabel("share of the event's words")
    handles = [plt.Line2D([], [], color=style.GREYS[1], linewidth=3), plt.Line2D([], [], color=style.GREYS[1], linewidth=0.9)]
    style.add_titles(fig, "Share of words per speaker role", look.formats_of(rows["event"]),
                     source=look.source_of(rows["event"]),
                     legend=(handles, ["95% interval over sentences (why not)",
                                       "95% interval over exchanges or turns"]))
    return fig


def role_shares_caption(rows: pd.DataFrame, look: Look, seed: int, samples: int, part: int, parts: int) -> str:
    alone = [look.label(e) for e, n in rows.groupby("event", sort=False).size().items() if n == 1]
    caption = f"""**Figure: share of words per speaker role{style.part_note(part, parts)}.** Marker: the share of
the event's transcript words spoken by each role (colour: the role, in the colour of its first speaker; marker
shape: the event). Lines: 95 % percentile bootstrap intervals (seed {seed}, {samples:,}
resamples within each event). The thin line resamples the design's units: whole exchanges (a question with its
answers and follow-ups) at a news conference with questions, whole turns of statements; their number (units) is
under the role's name, and the CSV says which they are. The thick line resamples sentences one by one, to show why not: sentences of one answer are not
independent, and a question drawn without its answer splits the exchange, so it is too narrow. With fewer than {MIN_UNITS}
units, or fewer than {MIN_UNITS} effective units (one or two carrying nearly all the words), there is no interval. The shares describe these transcripts; they compare formats as much as speakers."""
    if alone:
        caption += f""" Where only one role speaks ({", ".join(alone)}), its share is 100 % by construction: the
format, not the speakers, makes the difference."""
    several = look.several_transcripts(rows["event"])
    if several:
        caption += f""" {" and ".join(several)} {"has" if len(several) == 1 else "have"} several transcripts (one per
news conference): a role's share there is of the words of the transcripts it speaks in, pooled, and the resamples
are drawn within each transcript."""
    return caption


# --- the timeline of each transcript -------------------------------------------------------------------

def timeline(turn_timeline: pd.DataFrame, look: Look, events: pd.DataFrame, speakers: pd.DataFrame,
             figures_dir: Path | None = None) -> list[Published]:
    """Each transcript's turns in order (:func:`analysis.speaking_time.timeline`), in parts of whole transcripts
    whose legends fit. ``events`` and ``speakers`` are the corpus's (order; translation note)."""
    plotted = in_data_order(turn_timeline[["event", "doc_id", "turn", "speaker", "n_words", "start_words", "end_words"]],
                            events)
    parts = style.split_rows(plotted, max_rows=len(plotted), by="doc_id", count="speaker", max_count=16, whole=True)
    return [publish(draw_timeline(rows, look), style.part_name("speaking_timeline_by_event", part, len(parts)), rows,
                    caption=timeline_caption(rows, look, speakers, part, len(parts)), notebook=NOTEBOOK,
                    figures_dir=figures_dir)
            for part, rows in enumerate(parts, start=1)]


def draw_timeline(plotted: pd.DataFrame, look: Look) -> plt.Figure:
    """One row per transcript (events in date order); each turn a bar from its first to its last word."""
    docs = plotted.drop_duplicates("doc_id")
    order = {e: i for i, e in enumerate(look.event_labels)}
    docs = docs.assign(_e=docs["event"].map(order)).sort_values("_e", kind="stable")
    turns = plotted.groupby("doc_id").size()
    # an event's name, then (when it has several transcripts) the transcript's leaders, then its turns: one per line,
    # so that a long name widens no label
    labels = [f"{look.transcript(d).replace(' · ', chr(10))}\n{turns[d]} turns" for d in docs["doc_id"]]
    lines = max(label.count("\n") + 1 for label in labels)
    fig, ax = style.column_figure(style.plot_height(len(docs), per_row=0.3 if lines <= 2 else 0.42, fixed=0.45))
    for y, doc_id in enumerate(docs["doc_id"]):
        for row in plotted[plotted["doc_id"] == doc_id].itertuples():
            ax.barh(y, row.n_words, left=row.start_words, height=0.6, color=look.speaker_colours[row.speaker],
                    edgecolor="white", linewidth=0.3)
    ax.set_yticks(range(len(docs)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(plt.MaxNLocator(4))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("words from the start (one bar per turn)")
    present = [s for s in look.speaker_colours if s in set(plotted["speaker"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=look.speaker_colours[s]) for s in present]
    style.add_titles(fig, "Turns in order, length proportional to words", look.formats_of(docs["event"]),
                     source=look.source_of(docs["event"]), legend=(handles, [look.speaker_names[s] for s in present]))
    return fig


def timeline_caption(rows: pd.DataFrame, look: Look, speakers: pd.DataFrame, part: int, parts: int) -> str:
    return f"""**Figure: the timeline of each conference{style.part_note(part, parts)}.** Each bar is one speaker
turn (what one speaker says between two speaker labels), in transcript order, coloured by speaker; its length is
its number of words, so the axis counts words, not minutes. The number of turns is under each conference's name. A
question-and-answer conference alternates short questions and longer answers; an appearance of statements shows a
few long turns. {encoding.translation_note(speakers, rows["speaker"], look.speaker_names)}"""


# --- answer length per question -------------------------------------------------------------------------

MAX_QUESTIONS = 22  # per figure: more rows than this do not fit one column at 7 pt

ANSWER_COLUMNS = ["event", "exchange", "outlet", "outlet_origin", "speaker", "answer_words"]  # the CSV of each figure


def answer_lengths(answers: pd.DataFrame, look: Look, origins: list[str], speakers: pd.DataFrame,
                   figures_dir: Path | None = None) -> list[Published]:
    """The answer words of each exchange (:func:`analysis.speaking_time.answers_with_outlets`), one figure per
    question-and-answer transcript, in parts of :data:`MAX_QUESTIONS` questions should there be more.

    A figure is named after its event (``speaking_answer_length_by_question_geneva_2021``); an event with several
    question-and-answer transcripts gets one per transcript (``..._transcript1``, ``..._transcript2``), titled with
    the transcript's name, as exchanges are numbered within a transcript. ``origins`` is
    :func:`analysis.speaking_time.origin_order` (hatches); ``speakers`` is ``corpus.speakers``.
    """
    transcripts_of = answers.drop_duplicates("doc_id").groupby("event", sort=False)["doc_id"].agg(list)
    published = []
    for doc_id, transcript in answers.groupby("doc_id", sort=False):
        event = transcript["event"].iloc[0]
        siblings = transcripts_of[event]
        name = "speaking_answer_length_by_question_" + event.replace("-", "_")
        label = look.label(event)
        if len(siblings) > 1:
            name += f"_transcript{siblings.index(doc_id) + 1}"
            label = look.transcript(doc_id)
        numbers = list(dict.fromkeys(transcript["exchange"]))
        parts = [transcript[transcript["exchange"].isin(numbers[i:i + MAX_QUESTIONS])][ANSWER_COLUMNS]
                 for i in range(0, len(numbers), MAX_QUESTIONS)]
        published += [publish(draw_answer_lengths(rows, look, origins, label, event),
                              style.part_name(name, part, len(parts)), rows,
                              caption=answer_lengths_caption(rows, look, origins, speakers, label, part, len(parts)),
                              notebook=NOTEBOOK, figures_dir=figures_dir)
                      for part, rows in enumerate(parts, start=1)]
    return published


def draw_answer_lengths(rows: pd.DataFrame, look: Look, origins: list[str], label: str, event: str) -> plt.Figure:
    """Answer words per exchange of one transcript, in the order asked: stacked by who answered (colour = speaker),
    hatched by the outlet's origin, with the total at the end of each bar (so an answer of 0 words shows)."""
    hatches = encoding.hatches_for(origins)
    exchanges = rows.drop_duplicates("exchange").reset_index(drop=True)
    y_of = {x: y for y, x in enumerate(exchanges["exchange"])}
    fig, ax = style.column_figure(style.plot_height(len(exchanges), per_row=0.135, fixed=0.55))
    left = dict.fromkeys(y_of, 0)
    for row in rows[rows["speaker"] != ""].itertuples():
        ax.barh(y_of[row.exchange], row.answer_words, left=left[row.exchange], color=look.speaker_colours[row.speaker],
                hatch=hatches[row.outlet_origin], edgecolor="white", linewidth=0.4)
        left[row.exchange] += row.answer_words
    for x, total in left.items():
        ax.text(total, y_of[x], f" {total:,}", va="center")
    labels = [f"{x + 1}. {o or '(not named)'}" for x, o in zip(exchanges["exchange"], exchanges["outlet"])]
    ax.set_yticks(range(len(exchanges)), labels)
    ax.set_ylim(len(exchanges) - 0.5, -0.5)
    ax.xaxis.set_major_locator(plt.MaxNLocator(4))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("words in the answer (with follow-ups)", loc="right")
    answering = [s for s in look.speaker_colours if s in set(rows["speaker"])]
    present = [o for o in hatches if o in set(exchanges["outlet_origin"])]
    handles = ([plt.Rectangle((0, 0), 1, 1, facecolor=look.speaker_colours[s]) for s in answering]
               + [plt.Rectangle((0, 0), 1, 1, facecolor=style.GREYS[1], hatch=hatches[o], edgecolor="white") for o in present])
    style.room_for_annotations(ax)
    style.add_titles(fig, f"{label}: answer length per question",
                     "Questions in the order asked; outlet as the journalist named it; colour: who answered; "
                     "hatching: the outlet's origin", source=look.source_of([event]),
                     legend=(handles, [look.speaker_names[s] for s in answering] + [o.capitalize() for o in present]))
    style.room_for_annotations(ax)  # again: the titles and legend change the panel's width
    return fig


def answer_lengths_caption(rows: pd.DataFrame, look: Look, origins: list[str], speakers: pd.DataFrame, label: str,
                           part: int, parts: int) -> str:
    asked = rows.drop_duplicates("exchange")
    counts = asked["outlet_origin"].value_counts()
    per_origin = ", ".join(f"{o.capitalize()} {counts[o]}" for o in origins if o in counts)
    answering = [look.speaker_names[s] for s in look.speaker_colours if s in set(rows["speaker"])]
    return f"""**Figure: answer length per question, {label}{style.part_note(part, parts)}.** Each bar is one exchange of the
news conference, in the order asked, labelled with the outlet the journalist named ("(not named)" when the questioner
gave none). Its length, and the number at its end, is the number of words in the answer, follow-ups included; colour:
who answered ({", ".join(answering) or "nobody"}); hatching: the outlet's origin, from the project's list of outlets
(data/outlets.csv). A journalist may ask several questions in one exchange. The {len(asked)} exchanges shown come from
outlets of each origin (as in the legend) as follows: {per_origin}; so few exchanges describe this conference and suggest no rule about
how outlets of one origin are answered. {encoding.translation_note(speakers, rows["speaker"], look.speaker_names)}"""


# --- estimated against published minutes --------------------------------------------------------------

NO_OUT_OF_SAMPLE = "no out-of-sample fit possible"
"""Written on the triangle's line where no other event publishes the figure a fit needs."""

TRACKS = {"default_minutes": 0.27, "out_of_sample_minutes": 0.0, "fitted_minutes": -0.27}
"""The three estimates of :func:`analysis.speaking_time.minutes_compared`, each on its own line in the band."""

ESTIMATE_STYLES = {
    "default_minutes": dict(marker="o", color="white", markeredgecolor=style.GREYS[0], markersize=5,
                            label="default rate: nothing fitted"),
    "out_of_sample_minutes": dict(marker="^", color=style.GREYS[1], markeredgecolor=style.GREYS[1], markersize=5,
                                  label="fitted on the other events: out of sample"),
    "fitted_minutes": dict(marker="D", color=style.GREYS[0], markersize=4.2, label="fitted to these ranges: in sample"),
}


def minutes_check(compared: pd.DataFrame, look: Look, *, calibration: pd.DataFrame, rates: dict[str, float],
                  implied: pd.DataFrame, allowance: dict, figures_dir: Path | None = None) -> list[Published]:
    """Published ranges against three estimates (:func:`analysis.speaking_time.minutes_compared`), in parts.

    The caption says what each estimate rests on, from the tables of the steps: ``calibration`` and ``rates``
    (``calibrate_rates``, ``rates_by_language``), ``implied`` and ``allowance`` (``implied_seconds_per_change``,
    ``consistent_seconds_per_change``), and how far each estimate lies from its range (``compared``).
    """
    caption = minutes_check_caption(look, calibration, rates, implied, allowance, compared)
    parts = style.split_rows(compared, max_rows=8)
    return [publish(draw_minutes_check(rows, look), style.part_name("speaking_estimated_vs_published_minutes", part, len(parts)),
                    rows, caption=caption.replace(".**", f"{style.part_note(part, len(parts))}.**", 1), notebook=NOTEBOOK,
                    figures_dir=figures_dir)
            for part, rows in enumerate(parts, start=1)]


def draw_minutes_check(rows: pd.DataFrame, look: Look, tracks: dict[str, float] = TRACKS) -> plt.Figure:
    """Published range (grey band) against three estimates per speaker and event, each on its own line in the band:
    the default rate (open circle: nothing fitted), the out-of-sample estimate (grey triangle: fitted on the other
    events only) and the in-sample fit (black diamond: fitted to these very ranges)."""
    rows = rows.iloc[::-1].reset_index(drop=True)
    fig, ax = style.column_figure(style.plot_height(len(rows), per_row=0.42, fixed=0.45))
    right = 1.05 * rows[["published_high", "published_low", *tracks]].max().max()
    for y, row in rows.iterrows():
        ax.plot([row["published_low"], row["published_high"]], [y, y], color=style.GREYS[2], linewidth=15,
                solid_capstyle="butt")
        for column, offset in tracks.items():
            if pd.notna(row[column]):
                ax.plot(row[column], y + offset, linestyle="none", clip_on=False, zorder=3, **marker_style(column))
            elif column == "out_of_sample_minutes":
                note_no_estimate(ax, row, y + offset, right)
    ax.set_yticks(range(len(rows)), [f"{look.label(e)}\n{look.speaker_names.get(s, s.strip('()'))}\npublished {published_range(lo, hi)} min"
                                     for e, s, lo, hi in zip(rows["event"], rows["speaker"], rows["published_low"],
                                                             rows["published_high"])])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("minutes")
    ax.set_xlim(0, right)
    style.zero_in_view(ax)
    style.add_titles(fig, "Estimated against published minutes", look.formats_of(rows["event"]),
                     source=look.source_of(rows["event"]),
                     legend=([plt.Rectangle((0, 0), 1, 1, color=style.GREYS[2]),
                              *[plt.Line2D([], [], linestyle="none", **marker_style(c)) for c in tracks]],
                             ["published range", *[ESTIMATE_STYLES[c]["label"] for c in tracks]]))
    return fig


def note_no_estimate(ax: plt.Axes, row: pd.Series, y: float, right: float) -> None:
    """Write :data:`NO_OUT_OF_SAMPLE` beside the band, on the side with room (axes end at ``right``)."""
    low = row["published_low"] if pd.notna(row["published_low"]) else row["published_high"]
    high = row["published_high"] if pd.notna(row["published_high"]) else low
    after = high < right / 2
    ax.text(high if after else low, y, f"  {NO_OUT_OF_SAMPLE}  ", va="center", ha="left" if after else "right",
            fontsize=style.MIN_TEXT_PT, color=style.GREYS[0])


def marker_style(column: str) -> dict:
    """The marker of an estimate, without its legend label."""
    return {k: v for k, v in ESTIMATE_STYLES[column].items() if k != "label"}


def published_range(low: float, high: float) -> str:
    """'55–60', or one number where the range has one end or none between its ends."""
    def minutes(x):
        return f"{x:g}"

    return minutes(low if pd.notna(low) else high) if pd.isna(low) or pd.isna(high) or low == high else \
        f"{minutes(low)}–{minutes(high)}"


def listed(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def minutes_check_caption(look: Look, calibration: pd.DataFrame, rates: dict[str, float], implied: pd.DataFrame,
                          allowance: dict, compared: pd.DataFrame) -> str:
    calibrated = [f"{look.speaker_names.get(s, s)} at {look.label(e)}" for e, s in zip(calibration["event"], calibration["speaker"])]
    if calibrated:
        rates_text = listed(f"{encoding.LANGUAGE_NAMES.get(l, l)} {r:.0f}" for l, r in rates.items())
        fitted_rates = (f"speaking rates per language calibrated on the published minutes of {listed(calibrated)} "
                        f"({rates_text} words a minute; a rate calibrated on one speaker alone gives back that speaker's "
                        f"middle minutes exactly)")
    else:
        fitted_rates = "the default rate (no minutes per speaker are published)"
    whole_events = listed(look.label(e) for e in implied["event"])
    allowance_rule = ("the middle of the allowances that put every one of them inside its range" if allowance["fits_all"]
                      else "the median of each one's own middle allowance, as no single allowance fits them all")
    return f"""**Figure: estimated against published minutes.** Grey band: the published range of each speaker's
minutes and of each whole appearance (sources in data/events.csv and data/durations.csv). Inside it, three estimates
made from the transcript's words, each on its own line. Open circle: words divided by the default
{st.DEFAULT_WPM:.0f} words a minute for every speaker, fixed before any published figure was read, so nothing in it is
fitted; {distances(compared, "default", look)}. Grey triangle, the out-of-sample check: an estimate with rates and an
allowance per change of speaker fitted on the other events only, never on its own published figures, drawn only where
another event publishes the figure such a fit needs; {out_of_sample_note(compared, look)}. Black diamond, the in-sample
fit: {fitted_rates}, plus {allowance['middle']:.1f} s per change of speaker, fitted on the published lengths of the whole
appearances of {whole_events} ({allowance_rule}). The diamonds are fitted to the very ranges they are drawn against, so
their agreement with them tests nothing; only the circles and triangles are checks. Distances are measured from the
nearest end of the published range, with no tolerance added. An open circle short of a whole appearance's range shows
time between turns that words do not count."""


def distances(compared: pd.DataFrame, estimate: str, look: Look) -> str:
    """'1 of 4 inside the published range; the others miss it by ...', for one estimate of ``compared``."""
    made = compared[compared[f"{estimate}_minutes"].notna()]
    outside = made[made[f"{estimate}_outside_minutes"] != 0]
    by = listed(f"{signed(row[f'{estimate}_outside_minutes'], 'min', 2)} "
                f"({signed(row[f'{estimate}_outside_percent'], '%', 1)}, {range_label(row, look)})"
                for _, row in outside.iterrows())
    if outside.empty:
        return f"all {len(made)} inside the published range"
    if len(outside) == len(made):
        return (f"it lies outside the published range, by {by}" if len(made) == 1 else
                f"none of the {len(made)} lies inside the published range; they miss it by {by}")
    return (f"{len(made) - len(outside)} of {len(made)} inside the published range; "
            f"{'the other misses' if len(outside) == 1 else 'the others miss'} it by {by}")


def check_distances(check: pd.DataFrame, look: Look) -> str:
    """:func:`distances` for one :func:`analysis.speaking_time.check_estimates` table, for a notebook's prose."""
    named = check.rename(columns={"minutes": "check_minutes", "minutes_outside": "check_outside_minutes",
                                  "percent_outside": "check_outside_percent"})
    return distances(named, "check", look)


def out_of_sample_note(compared: pd.DataFrame, look: Look) -> str:
    """How many published ranges get an out-of-sample estimate, how far those lie, and why the others have none."""
    none = compared[compared["out_of_sample_minutes"].isna()]
    if len(none) == len(compared):
        return "none here: no event publishes a figure that another event's fit could be tested on"
    text = (f"{len(compared) - len(none)} of {len(compared)} published ranges get one, and "
            f"{distances(compared, 'out_of_sample', look)}")
    if len(none):
        text += "; none for " + listed(f"{range_label(row, look)} ({row['why_no_out_of_sample']})"
                                       for _, row in none.iterrows())
    return text


def range_label(row, look: Look) -> str:
    """'Putin at Anchorage 2025' or 'the whole of Geneva 2021' for a row of published minutes."""
    if row["speaker"] == st.WHOLE:
        return f"the whole of {look.label(row['event'])}"
    return f"{look.speaker_names.get(row['speaker'], row['speaker'])} at {look.label(row['event'])}"


def signed(value: float, unit: str, digits: int) -> str:
    """'+0.08 min', '−3.26 min', '−5.9 %' (a minus sign, as in print)."""
    text = f"{value:+.{digits}f}".replace("-", "−")
    return f"{text} {unit}"
