"""The figures of ``03_sentiment.ipynb``: sentence sentiment per speaker and event, through each conference, by
method, and the words behind a difference.

- :func:`mean_by_speaker_and_event`: mean reference-VADER compound per event and speaker with its interval over
  whole turns (in parts for big corpora);
- :func:`distribution_by_speaker_and_event`: box plots of the sentence scores per event and speaker (in parts);
- :func:`arcs`: one figure per transcript, every sentence's score in order with a moving mean;
- :func:`method_agreement`: every method of :data:`analysis.sentiment_scoring.METHODS` against the reference, one
  panel per method;
- :func:`word_shift`: the lexicon words that move the compared speaker's mean valence between two events.

Each function draws from the tables it is given, writes the caption from the same numbers, saves the figure
(:func:`~analysis.figures.publish.publish`) and returns what the notebook displays. ``figures_dir`` is where
the files go (the project's ``figures/`` when None).

Line breaks inside a caption are Markdown source line breaks (read as spaces); they are where the notebook
always had them, so that its saved output does not change.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import sentiment, sentiment_scoring, units
from ..outputs import in_data_order
from . import encoding, style
from .captions import signed
from .encoding import Look
from .publish import Published, publish

NOTEBOOK = "03_sentiment"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def methods_in_words(methods=None) -> str:
    """'three methods': how many methods :data:`analysis.sentiment_scoring.METHODS` holds, in words up to ten."""
    count = len(sentiment_scoring.METHODS if methods is None else methods)
    return f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} method{'' if count == 1 else 's'}"


# --- mean per speaker and event ----------------------------------------------------------------------------

def mean_by_speaker_and_event(by_speaker: pd.DataFrame, look: Look, speakers: pd.DataFrame,
                              seed: int = sentiment.SEED, samples: int = sentiment.SAMPLES,
                              figures_dir: Path | None = None, tone: pd.DataFrame | None = None) -> list[Published]:
    """Mean compound per event and speaker with its 95 % interval over turns, from ``by_speaker`` (a
    :func:`analysis.sentiment.aggregate` table by event, speaker and role, made with ``seed`` and ``samples``).
    One figure, or several parts when the rows do not fit one."""
    plotted = by_speaker[["event", "speaker", "sentences", "units", "unit_description", "mean", "mean_low", "mean_high",
                          "interval_note"]]
    parts = style.split_rows(plotted, max_rows=7)
    shown = []
    for part, rows in enumerate(parts, start=1):
        caption = (
            f"**Figure: mean sentence sentiment per speaker and event{style.part_note(part, len(parts))}.** Marker:\n"
            "the mean VADER compound score (reference implementation; −1 to +1, each sentence scored on its own) of "
            "the speaker's\n"
            "sentences at the event (colour: the speaker; marker shape: the event). Line: 95 % percentile bootstrap "
            "interval of\n"
            f"that mean (seed {seed}, {samples:,} resamples), drawing the design's units with all their sentences:\n"
            "whole exchanges (a question, its answers, follow-ups) at a news conference, whole turns of statements, "
            "since the\n"
            f"sentences of one answer are not independent. A group of fewer than {units.MIN_UNITS} units, or of "
            f"fewer than {units.MIN_UNITS} effective units (one or two holding nearly all its sentences), has no "
            f"interval ({units.TOO_FEW}).\n"
            "Beside each marker: the mean, the interval, and the sentences and units (exchanges or turns; the CSV says "
            "which) it rests on. The intervals "
            "describe each group on its "
            "own: they do\n"
            "not test a difference between groups, and groups at different events differ in format as well as in "
            "tone.\n"
            f"{validity_sentence(tone)}"
            f"{encoding.translation_note(speakers, rows['speaker'], look.speaker_names, what='Scores')}"
            f"{look.pooled_note(rows['event'])}")
        name = style.part_name("sentiment_mean_by_speaker_and_event", part, len(parts))
        shown.append(publish(draw_means(rows, look), name, rows, caption=caption, notebook=NOTEBOOK,
                             figures_dir=figures_dir))
    return shown


def draw_means(table: pd.DataFrame, look: Look):
    """Mean compound per event and speaker: dot = mean, line = 95% bootstrap interval over the design's units (none
    below :data:`analysis.units.MIN_UNITS` units)."""
    rows = table.iloc[::-1].reset_index(drop=True)
    fig, ax = style.column_figure(style.plot_height(len(rows), per_row=0.3, fixed=0.6))
    for y, row in rows.iterrows():
        colour = look.speaker_colours[row["speaker"]]
        if not pd.isna(row["mean_low"]):
            ax.plot([row["mean_low"], row["mean_high"]], [y, y], color=colour, linewidth=2.5, solid_capstyle="butt")
        ax.plot(row["mean"], y, look.event_markers[row["event"]], color="white", markeredgecolor=colour,
                markeredgewidth=1.5, markersize=6, zorder=3)
        text, right = mean_label(row)
        ax.annotate(text, (right, y), xytext=(4, 0), textcoords="offset points", va="center", linespacing=1.1)
    ax.axvline(0, color="#555555", linewidth=0.6, zorder=1.8)  # above the grid, under the markers, so a mean of 0 shows
    ax.set_yticks(range(len(rows)), [f"{look.label(e)}\n{look.speaker_names[s]}"
                                     for e, s in zip(rows["event"], rows["speaker"])])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(min(-0.05, rows[["mean", "mean_low"]].min().min() - 0.05),
                rows[["mean", "mean_high"]].max().max() + 0.45)
    ax.set_xlabel("mean VADER compound per sentence\n(95% bootstrap interval over exchanges or turns)")
    style.add_titles(fig, "Mean sentence sentiment per speaker and event", look.formats_of(rows["event"]),
                     source=look.source_of(rows["event"]))
    style.room_for_annotations(ax)
    return fig


def mean_label(row: pd.Series) -> tuple[str, float]:
    """The text beside a mean (mean, interval, sentences and units) and the x it starts from."""
    rests_on = f"{row['sentences']} sentences, {row['units']} unit{'s' if row['units'] != 1 else ''}"
    if pd.isna(row["mean_low"]):  # too few units (or a bootstrap that misses the estimate): no interval
        return f"{signed(row['mean'])} (no interval)\n{rests_on}", row["mean"]
    mean, low, high = (signed(row[c]) for c in ("mean", "mean_low", "mean_high"))
    return f"{mean} [{low}, {high}]\n{rests_on}", row["mean_high"]


# --- distribution --------------------------------------------------------------------------------------------

def distribution_by_speaker_and_event(scored: pd.DataFrame, by_speaker: pd.DataFrame, look: Look,
                                      events: pd.DataFrame, speakers: pd.DataFrame,
                                      figures_dir: Path | None = None) -> list[Published]:
    """A box of sentence scores per event and speaker of ``by_speaker`` (its rows give the order), drawn from
    the sentences ``scored``. One figure, or several parts when the boxes do not fit one."""
    parts = style.split_rows(by_speaker[["event", "speaker"]], max_rows=8)
    shown = []
    for part, boxes in enumerate(parts, start=1):
        order = list(zip(boxes["event"], boxes["speaker"]))
        sentences = scored.merge(boxes, on=["event", "speaker"])
        plotted = in_data_order(sentences[["event", "speaker", "doc_id", "position", "compound"]], events, speakers)
        zeros = (sentences["compound"] == 0).mean() * 100
        caption = (
            f"**Figure: distribution of sentence sentiment{style.part_note(part, len(parts))}.** One box per event "
            "and\n"
            "speaker, drawn from the VADER compound score (reference implementation, −1 to +1) of each of the "
            "speaker's sentences\n"
            "at the event; the number of sentences is in brackets after the speaker. The middle line is the median, "
            "the box holds\n"
            "the middle half of the sentences (quartiles), the whiskers reach the furthest sentence within 1.5 box "
            "lengths of the\n"
            f"box, and points are the sentences beyond. Colour: the speaker; hatching: the event. {zeros:.0f} %\n"
            "of these sentences score exactly 0 (no lexicon word), which pulls boxes to 0. The boxes describe the "
            "sentences; they do not test differences, and the\n"
            "sentences of one answer are not independent. "
            f"{encoding.translation_note(speakers, boxes['speaker'], look.speaker_names, what='Scores')}"
            f"{look.pooled_note(boxes['event'])}")
        name = style.part_name("sentiment_distribution_by_speaker_and_event", part, len(parts))
        shown.append(publish(draw_distribution(sentences, order, look), name, plotted, caption=caption,
                             notebook=NOTEBOOK, figures_dir=figures_dir))
    return shown


def draw_distribution(scored: pd.DataFrame, order: list[tuple[str, str]], look: Look):
    """Box plot of sentence scores per event and speaker, in ``order`` from the top."""
    groups = [(e, s) for e, s in order if len(scored[(scored["event"] == e) & (scored["speaker"] == s)])]
    data = [scored[(scored["event"] == e) & (scored["speaker"] == s)]["compound"].to_numpy() for e, s in groups]
    fig, ax = style.column_figure(style.plot_height(len(groups), per_row=0.3, fixed=0.6))
    boxes = ax.boxplot(data[::-1], orientation="horizontal", widths=0.55, patch_artist=True,
                       medianprops={"color": "black"}, flierprops={"markersize": 2.5})
    for patch, (e, s) in zip(boxes["boxes"], groups[::-1]):
        patch.set_facecolor(look.speaker_colours[s])
        patch.set_hatch(look.event_hatches[e])
        patch.set_edgecolor("white")
    ax.set_yticks(range(1, len(groups) + 1), [f"{look.label(e)}\n{look.speaker_names[s]} ({len(d):,})"
                                              for (e, s), d in zip(groups[::-1], data[::-1])])
    ax.axvline(0, color="#555555", linewidth=0.6, zorder=0)  # behind the boxes, so a median at 0 shows
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound score of each sentence\n(box: quartiles; whiskers: 1.5 × IQR)")
    style.add_titles(fig, "Distribution of sentence sentiment", look.formats_of([e for e, _ in groups]),
                     source=look.source_of([e for e, _ in groups]))
    return fig


# --- arc of each conference ------------------------------------------------------------------------------------

def arcs(arc: pd.DataFrame, look: Look, window: int, events: pd.DataFrame, speakers: pd.DataFrame,
         figures_dir: Path | None = None) -> list[Published]:
    """One figure per transcript of ``arc`` (:func:`analysis.sentiment.arc`, made with ``window``), in event
    (date) order: each sentence's score in transcript order with the moving mean."""
    event_order = {e: i for i, e in enumerate(events["event"])}
    first_event = arc.groupby("doc_id", sort=False)["event"].first()
    shown = []
    for doc_id in sorted(arc["doc_id"].unique(), key=lambda d: event_order[first_event[d]]):
        rows = arc.loc[arc["doc_id"] == doc_id, ["event", "doc_id", "position", "speaker", "compound", "moving_mean"]]
        caption = (
            f"**Figure: sentiment through the conference, {look.document(doc_id, with_event=True)}.** Points: the "
            "VADER\n"
            "compound score (reference implementation, −1 to +1) of each sentence of the transcript, in transcript "
            "order, coloured by\n"
            "speaker, with each speaker's number of sentences in the legend. Line: centred moving mean over "
            f"{window} sentences\n"
            "(fewer at the ends), taken across speakers, so where turns alternate it mixes them. Read it for where "
            "the tone rises\n"
            "or falls and who is speaking then; single sentences carry no weight, and the line has no interval.\n"
            f"{encoding.translation_note(speakers, rows['speaker'], look.speaker_names, what='Scores')}")
        shown.append(publish(draw_arc(rows, look, window), f"sentiment_arc_{doc_id}", rows, caption=caption,
                             notebook=NOTEBOOK, figures_dir=figures_dir))
    return shown


def draw_arc(rows: pd.DataFrame, look: Look, window: int):
    """One transcript: each sentence's score in order, coloured by speaker, with the moving mean."""
    fig, ax = style.column_figure(1.6)
    for speaker, part in rows.groupby("speaker", sort=False):
        ax.scatter(part["position"], part["compound"], s=4, linewidths=0, color=look.speaker_colours[speaker],
                   label=f"{look.speaker_names[speaker]} ({len(part):,})", alpha=0.8, zorder=2.5)
    ax.plot(rows["position"], rows["moving_mean"], color="black", linewidth=1.0, label=f"moving mean ({window})",
            zorder=3)
    ax.axhline(0, color="#888888", linewidth=0.5, zorder=1.8)  # under the points, so scores of 0 show
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("VADER compound")
    ax.set_xlabel("sentence number in the transcript")
    event, doc_id = rows["event"].iloc[0], rows["doc_id"].iloc[0]
    style.add_titles(fig, f"Sentiment through the conference, {look.label(event)}",
                     f"One point per sentence of the {look.document(doc_id)}; sentences per speaker in brackets",
                     source=look.source_of([event]), legend=ax.get_legend_handles_labels(), markerscale=2)
    return fig


# --- method agreement ------------------------------------------------------------------------------------------

PANEL_COLUMNS = 3  # panels side by side at most, one column wide; more methods start a new row


MAX_LEGEND_ENTRIES = 12
"""The agreement figure's legend has an entry per speaker and per event; more than this and it leaves the panels
too little room, so the figure is drawn in parts of whole events (:func:`legend_groups`)."""


def legend_groups(plotted: pd.DataFrame, max_entries: int = MAX_LEGEND_ENTRIES) -> list[list[str]]:
    """The events of ``plotted`` (in its order) in consecutive groups whose speakers and events make at most
    ``max_entries`` legend entries; an event with more on its own is a group of its own. One group when all fit."""
    groups: list[list[str]] = []
    current: list[str] = []
    for event in dict.fromkeys(plotted["event"]):
        candidate = [*current, event]
        entries = plotted.loc[plotted["event"].isin(candidate), "speaker"].nunique() + len(candidate)
        if current and entries > max_entries:
            groups.append(current)
            candidate = [event]
        current = candidate
    return [*groups, current] if current else groups


def method_agreement(scored: pd.DataFrame, look: Look, events: pd.DataFrame, speakers: pd.DataFrame,
                     figures_dir: Path | None = None, tone: pd.DataFrame | None = None) -> list[Published]:
    """Every method of :data:`analysis.sentiment_scoring.METHODS` after the first against the first (reference VADER),
    one point per sentence of ``scored`` (:func:`analysis.sentiment.score_all` columns), one panel per method; in
    parts of whole events when the speakers and events are too many for one legend (the caption's agreement figures
    are over all sentences in every part). The caption says how weak agreement is beyond chance (Krippendorff's
    alpha of the classes, with Krippendorff's bars in words) and, given ``tone``
    (:func:`analysis.sentiment.tone_agreement`), how often each method's class matches the readers' tone."""
    reference, *others = sentiment_scoring.METHODS
    plotted = in_data_order(scored[["event", "speaker", "doc_id", "position", *(m.score for m in sentiment_scoring.METHODS)]],
                            events, speakers)
    overall = sentiment.method_agreement(scored.assign(corpus="all"), by="corpus").set_index("method")
    places = panel_places(len(others))
    against = joined([f"{m.score_in_words}{f' ({p})' if p else ''}" for m, p in zip(others, places)])
    shares = joined([f"{overall.loc[m.name, 'class_agreement'] * 100:.0f} %{' of sentences' if i == 0 else ''} "
                     f"under {m.called}" for i, m in enumerate(others)], last="\nand ")
    rhos = joined([f"{overall.loc[m.name, 'spearman']:.2f}" for m in others], last=" and\n")
    alphas = joined([f"{overall.loc[m.name, 'alpha']:.2f} under {m.called} "
                     f"({sentiment.reliability_in_words(overall.loc[m.name, 'alpha'])})" for m in others])
    bars = " and ".join(f"{bar:.3g} {words}".replace("only ", "") for bar, words in sentiment.RELIABILITY_BARS[:2])
    panels = (f"numbers of sentences in the legend): its reference-VADER compound score (vertical) against {against}, "
              "all from −1 to +1. On the diagonal two methods agree; on an axis one")
    caption = (
        "**Figure: method agreement.** Each point is a sentence (colour: the speaker; marker shape: the event;\n"
        f"{source_lines(panels, 117)}\n"
        f"of them sees no sentiment at all. Over all {len(scored):,} sentences, the class (positive, neutral or "
        "negative at\n"
        f"±{sentiment.THRESHOLD}) agrees with the reference for {shares} (Spearman rank correlation {rhos}). "
        f"Beyond chance, Krippendorff's alpha of the classes is {alphas}, by Krippendorff's bars ({bars}).\n"
        "Agreement shows that the methods read the same words alike, not that either measures tone"
        f"{'; ' if tone is not None and not tone.empty else '.'}\n"
        f"{tone_sentence(tone)}The per-event figures are in data/processed/sentiment_method_agreement.csv.")
    groups = legend_groups(plotted)
    published = []
    for part, group in enumerate(groups, start=1):
        note = style.part_note(part, len(groups))
        published.append(publish(
            draw_agreement(scored[scored["event"].isin(group)], look, reference, others, note),
            style.part_name("sentiment_method_agreement", part, len(groups)), plotted[plotted["event"].isin(group)],
            caption=caption.replace("**Figure: method agreement.**", f"**Figure: method agreement{note}.**"),
            notebook=NOTEBOOK, figures_dir=figures_dir))
    return published


def validity_sentence(tone: pd.DataFrame | None, method: sentiment.Method = sentiment.REFERENCE_VADER) -> str:
    """The means' caveat from the tone validation (``tone``: :func:`analysis.sentiment.tone_agreement`): how often
    the plotted method's class matched the first reader, against calling every sentence the most common tone;
    nothing when no tone was coded."""
    if tone is None or tone.empty or method.name not in set(tone["coder"]):
        return ""
    rows = tone.set_index(["coder", "against"])
    reader = next(a for a in tone.loc[tone["coder"] == method.name, "against"] if a != "both readers")
    baseline = next((c for c in dict.fromkeys(tone["coder"]) if c.startswith("every sentence ")), None)
    accuracy = rows.loc[(method.name, reader), "accuracy"]
    floor = rows.loc[(baseline, reader), "accuracy"] if baseline else None
    compared = (f", {'less than' if accuracy < floor else 'more than'} calling every sentence "
                f"{baseline.removeprefix('every sentence ')} ({floor * 100:.0f} %)" if floor is not None else "")
    return (f"Against a language-model reader's tone codes ({reader}, given only the written tone codebook; "
            f"{int(rows.loc[(method.name, reader), 'sentences'])} sentences), the class of {method.called} matched "
            f"{accuracy * 100:.0f} %{compared}: read these means as what the lexicon makes of the words, not as "
            "measured tone.\n")


def tone_sentence(tone: pd.DataFrame | None) -> str:
    """The caption's sentence on how each method matches the tone coded by the readers (``tone``:
    :func:`analysis.sentiment.tone_agreement`), or nothing when no tone was coded."""
    if tone is None or tone.empty:
        return ""
    names = {m.name for m in sentiment_scoring.METHODS}
    readers = [a for a in dict.fromkeys(tone.loc[tone["coder"].isin(names), "against"]) if a != "both readers"]
    rows = tone.set_index(["coder", "against"])
    methods = [m for m in sentiment_scoring.METHODS if m.name in set(tone["coder"])]
    def against_readers(method, column: str, form: str) -> str:
        return " and ".join(form.format(rows.loc[(method.name, r), column]) for r in readers)

    each = joined([f"{m.called} {against_readers(m, 'accuracy', '{:.0%}')} (alpha {against_readers(m, 'alpha', '{:.2f}')})"
                   .replace("%", " %") for m in methods])
    pair = [k for k in rows.index if k[0] in readers and k[1] in readers]
    between = (f"; the readers agree with each other on {rows.loc[pair[0], 'accuracy'] * 100:.0f} % (alpha "
               f"{rows.loc[pair[0], 'alpha']:.2f}: two language-model sessions applying one codebook alike, not "
               "agreement between people)" if pair else "")
    baseline = next((c for c in dict.fromkeys(tone["coder"]) if c.startswith("every sentence ")), None)
    floor = ("; calling every sentence {} without reading it matches them for {}".format(
        baseline.removeprefix("every sentence "),
        " and ".join(f"{rows.loc[(baseline, r), 'accuracy'] * 100:.0f} %" for r in readers)) if baseline else "")
    sentences = int(tone["sentences"].iloc[0])
    return (f"against two language-model readers given only the written tone codebook ({sentences} sentences, drawn "
            f"by speaker group), the class matches {' and '.join(readers)} for {each}{floor}{between}.\n")


def draw_agreement(scored: pd.DataFrame, look: Look, reference: sentiment.Method, others: list[sentiment.Method],
                   part_note: str = ""):
    """The reference's score against each other method's, one point per sentence (colour: the speaker, marker
    shape: the event), one panel per method."""
    columns = min(len(others), PANEL_COLUMNS)
    rows = -(-len(others) // columns)
    fig, axes = style.column_figure(1.8 * rows, rows, columns, sharey=True, squeeze=False)
    speakers = [s for s in look.speaker_colours if s in set(scored["speaker"])]
    events_shown = [e for e in look.event_labels if e in set(scored["event"])]
    for ax, method in zip(axes.flat, others):
        for event in events_shown:
            for speaker in speakers:
                part = scored[(scored["event"] == event) & (scored["speaker"] == speaker)]
                ax.scatter(part[method.score], part[reference.score], s=6, linewidths=0, alpha=0.6, zorder=2,
                           color=look.speaker_colours[speaker], marker=look.event_markers[event])
        ax.set_xlabel(method.axis_label)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xticks([-1, 0, 1])
        ax.axhline(0, color="#888888", linewidth=0.4, zorder=1.8)  # above the grid, under the points: many score 0
        ax.axvline(0, color="#888888", linewidth=0.4, zorder=1.8)
    for ax in axes.flat[len(others):]:
        fig.delaxes(ax)
    for row in axes:
        row[0].set_ylabel(reference.axis_label)
    counts = scored.groupby("speaker").size()
    handles = ([Line2D([], [], linestyle="none", marker="o", markersize=3, color=look.speaker_colours[s])
                for s in speakers]
               + [Line2D([], [], linestyle="none", marker=look.event_markers[e], markersize=3, color=style.GREYS[1])
                  for e in events_shown])
    labels = ([f"{look.speaker_names[s]} ({counts[s]:,})" for s in speakers]
              + [f"{look.label(e)} ({(scored['event'] == e).sum():,})" for e in events_shown])
    style.add_titles(fig, f"Do the methods agree? One point per sentence{part_note}",
                     "Colour: the speaker; marker: the event; sentences in brackets",
                     source=look.source_of(scored["event"]), legend=(handles, labels))
    return fig


def panel_places(count: int, columns: int = PANEL_COLUMNS) -> list[str]:
    """Where each of ``count`` panels sits, for a caption: 'left', 'right'; 'left', 'middle', 'right'; with
    more rows 'top left' ... or 'row 3, left'; '' for a single panel."""
    if count == 1:
        return [""]
    columns = min(count, columns)
    across = {2: ["left", "right"], 3: ["left", "middle", "right"]}[columns]
    rows = -(-count // columns)
    down = [""] if rows == 1 else ["top", "bottom"] if rows == 2 else [f"row {r}," for r in range(1, rows + 1)]
    return [f"{down[i // columns]} {across[i % columns]}".strip() for i in range(count)]


def source_lines(text: str, width: int) -> str:
    """``text`` broken into Markdown source lines of at most ``width`` characters (a reader sees spaces)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


def joined(items: list[str], last: str = " and ") -> str:
    """'a', 'a and b', 'a, b and c' (``last`` joins the last two)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


# --- word shift ------------------------------------------------------------------------------------------------

def word_shift(shift: pd.DataFrame, scored: pd.DataFrame, look: Look, pair, speakers: pd.DataFrame, top: int = 20,
               caveats: str = "", figures_dir: Path | None = None) -> Published:
    """The ``top`` words of ``shift`` (:func:`analysis.sentiment.word_shift` of the second side's sentences against
    the first's, ``pair`` being one of ``corpus.comparisons``; with its ``masked`` column) as bars; ``scored``: the
    sentences, for each side's number of words (what word_shift divides by); ``caveats`` is
    :func:`analysis.comparisons.caveats_text`."""
    plotted = shift.head(top).rename(columns={"count_first": "count_at_second", "count_second": "count_at_first"})[
        ["word", "valence", "count_at_first", "count_at_second", "contribution", "masked"]]  # word_shift(later, earlier)
    totals = {e: int(pair.side(scored, e)["n_words"].sum()) for e in pair.events}
    first, second = look.label(pair.first), look.label(pair.second)
    if pair.same_speaker:
        name = look.speaker_names[pair.first_speaker]
        named = f"{name} at {second} against {first}"
        difference = f"{name}'s mean VADER valence per word between the two events"
        among = f"the speaker's words at {second} and at {first}"
        used = f"how many times {name} used the word at {first} → {second}"
        all_bars = f"{name}'s"
    else:
        one, two = look.speaker_names[pair.first_speaker], look.speaker_names[pair.second_speaker]
        named = f"{two} at {second} against {one} at {first}"
        difference = f"mean VADER valence per word between {one}'s words at {first} and {two}'s at {second}"
        among = f"{two}'s words at {second} and {one}'s at {first}"
        used = f"how many times {one} used the word at {first} and {two} at {second}"
        all_bars = "the two speakers'"
    caption = (
        f"**Figure: word shift, {named}.** The {top} words of VADER's lexicon that contribute most to the difference "
        f"in {difference}. A bar is the word's valence (in brackets) times the difference in its frequency among "
        f"{among}, per 1,000 words; beside it, {used}, out of {totals[pair.first]:,} and {totals[pair.second]:,} "
        f"words (so a count can fall while the frequency rises). All bars are {all_bars} words. A bar to the right "
        f"makes {second} more positive (a positive word used more there, or a negative word used less); to the left, "
        "more negative. A word used a handful of times can make a long bar. Hatched: words masked in the lexicon "
        "audit, because they name a subject rather than judge it (listed with reasons in "
        "data/sentiment_masked_words.csv); the list was chosen by reading Putin's sentences in the delivered "
        "transcripts, so the audit checks their wording, not an independent sample. This word-level view ignores "
        "VADER's rules (negation, intensifiers)."
        + "".join(f" {note}" for note in (encoding.translation_note(speakers, [pair.first_speaker, pair.second_speaker],
                                                                      look.speaker_names), caveats) if note))
    saved = plotted.rename(columns={"count_at_first": f"count_{pair.first}", "count_at_second": f"count_{pair.second}"})
    return publish(draw_word_shift(plotted, look, pair, totals), pair.named("sentiment_word_shift_comparison"),
                   saved, caption=caption, notebook=NOTEBOOK, figures_dir=figures_dir)


def draw_word_shift(table: pd.DataFrame, look: Look, pair, totals: dict[str, int]):
    """The words that move the compared speaker's mean valence per word most between the two events: bars in the
    speaker's colour, right = more positive at the second event; hatched = masked in the audit; counts at each bar."""
    rows = table.iloc[::-1].reset_index(drop=True)
    fig, ax = style.column_figure(style.plot_height(len(rows), per_row=0.12, fixed=0.7))
    colour = look.speaker_colours[pair.first_speaker] if pair.same_speaker else style.GREYS[1]  # two speakers: grey
    ax.barh(range(len(rows)), rows["contribution"], color=colour,
            hatch=["//" if m else "" for m in rows["masked"]], edgecolor="white", linewidth=0.5)
    for y, row in rows.iterrows():
        right = row["contribution"] >= 0
        ax.text(row["contribution"], y, f" {row['count_at_first']}→{row['count_at_second']} ", va="center",
                ha="left" if right else "right")
    ax.set_yticks(range(len(rows)), [f"{w} ({signed(v, 1)})" for w, v in zip(rows["word"], rows["valence"])])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(0, color="#555555", linewidth=0.6)
    reach = rows["contribution"].abs().max() * 1.45
    ax.set_xlim(-reach, reach)
    ax.xaxis.set_major_locator(MaxNLocator(4, symmetric=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: signed(x * 1000, places=0) if x else "0"))
    second, first = look.label(pair.second), look.label(pair.first)
    ax.set_xlabel(f"contribution to mean valence per 1,000 words,\n{second} − {first} (hatched: masked in audit)",
                  loc="right")
    title = (f"Which words make {look.speaker_names[pair.first_speaker]} sound different in {second} and {first}"
             if pair.same_speaker else f"Which words set {encoding.side_label(pair, look, pair.second)} apart from "
             f"{encoding.side_label(pair, look, pair.first)} in tone")
    style.add_titles(fig, title,
                     f"Right: more positive in {second}; left: more negative. VADER valence in brackets; at each "
                     f"bar, the word's count in {first} ({totals[pair.first]:,} words) → {second} "
                     f"({totals[pair.second]:,} words)", source=look.source_of(pair.events))
    return fig
