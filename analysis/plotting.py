"""One figure style for every notebook, and byte-identical figure files.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies) and are
given out in the order of ``events.csv`` and ``speakers.csv``, so a new event or speaker gets a
colour without code changes. Each event also gets a hatch pattern, so bars stay apart in greyscale.

Every figure is drawn one print column wide (8.5 cm, :func:`column_figure`), titled by :func:`add_titles`,
and saved by :func:`save_figure` as PNG, SVG and PDF beside a CSV of exactly the numbers it plots, with the
metadata that would change on each run (dates, software versions, random ids) fixed. ``save_figure`` refuses a
figure that misses the print standard below: text under 7 pt at column width, text cut off at an edge, or a
figure so tall that on a 16:9 slide its text would be under 14 pt.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from . import paths
from .files import write_csv, write_text, written_whole  # noqa: F401 (write_csv: used by notebooks)

# Okabe & Ito (2008), ordered so that neighbours differ in lightness as well as hue.
PALETTE = ["#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00", "#000000", "#F0E442"]  # yellow last: faint on white
HATCHES = ["", "//", "\\\\", "xx", "..", "oo", "++", "--"]  # dots come late: they are faint on short bars
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

# The print standard every saved figure meets (checked by ``save_figure``, so a new figure cannot slip under it).
CM = 1 / 2.54
COLUMN_WIDTH_IN = 8.5 * CM  # one print column; the saved PNG, SVG and PDF are exactly this wide
MIN_TEXT_PT = 7.0  # smallest text at column size (journal guides ask for 5-7 pt)
SLIDE_IN = (13.333, 7.5)  # a 16:9 slide
SLIDE_MIN_TEXT_PT = 14.0  # smallest text once the figure is scaled to fit the slide
MAX_HEIGHT_IN = SLIDE_IN[1] * MIN_TEXT_PT / SLIDE_MIN_TEXT_PT  # 3.75 in: taller would fit the slide only smaller
MIN_PLOT_HEIGHT_IN = 1.0  # add_titles does not squeeze panels below this
MARGIN_IN = 0.03  # blank edge around the text blocks; checked text must stay inside it
PNG_DPI = 600  # 2,007 px across: sharp in print and at full slide width on a 1080p projector
SCREEN_WIDTH_PX = 720  # what a notebook shows: readable on screen (text about 20 px), a small notebook

STYLE = {
    "figure.dpi": 150,  # on screen only: notebooks show the saved files, which use PNG_DPI
    "savefig.dpi": PNG_DPI,
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": MIN_TEXT_PT,
    "axes.titlesize": 7.5,
    "axes.titlelocation": "left",
    "axes.labelsize": MIN_TEXT_PT,
    "xtick.labelsize": MIN_TEXT_PT,
    "ytick.labelsize": MIN_TEXT_PT,
    "legend.fontsize": MIN_TEXT_PT,
    "legend.title_fontsize": MIN_TEXT_PT,
    "legend.frameon": False,
    "legend.handlelength": 1.2,
    "legend.handletextpad": 0.4,
    "legend.borderaxespad": 0.3,
    "legend.labelspacing": 0.3,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.4,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "lines.linewidth": 1.2,
    "lines.markersize": 4,
    "patch.linewidth": 0.5,
    "hatch.linewidth": 0.6,
    "figure.constrained_layout.use": True,
    "figure.constrained_layout.h_pad": 0.03,
    "figure.constrained_layout.w_pad": 0.03,
    "svg.hashsalt": "press-conference-suite",  # fixed ids inside SVG files
    "svg.fonttype": "none",  # text stays text in SVG (editable, searchable); PNG renders DejaVu Sans
    "pdf.fonttype": 42,  # TrueType fonts embedded in the PDF
}
TITLE_PT = 8.0
SUBTITLE_PT = MIN_TEXT_PT
SOURCE_PT = MIN_TEXT_PT
SOURCE_NOTE = "Source: Kremlin transcripts (English); analysis: this project"
SOURCE_NOTE_REPORTS = "Source: news reports, Kremlin transcript; analysis: this project"


def apply_style() -> None:
    """Set the shared matplotlib style (call once at the top of a notebook)."""
    mpl.rcParams.update(STYLE)


def column_figure(plot_height_in: float, nrows: int = 1, ncols: int = 1, **subplot_kw) -> tuple[plt.Figure, object]:
    """A figure one print column wide whose panels (with their labels) take ``plot_height_in`` inches.

    :func:`add_titles` then adds the title block above and the legend and source line below and grows the
    figure to hold them, so the plotting area stays the height asked for (unless the whole would pass the
    slide limit: then the panels are squeezed).
    """
    return plt.subplots(nrows, ncols, figsize=(COLUMN_WIDTH_IN, plot_height_in), layout="constrained", **subplot_kw)


def add_titles(fig: plt.Figure, title: str, subtitle: str = "", source: str = SOURCE_NOTE,
               legend: tuple[list, list[str]] | None = None, **legend_kw) -> None:
    """Title and subtitle above the panels, an optional legend and the source line below, all column wide.

    Text is wrapped to the figure's width; a ``legend`` (handles, labels) gets as many columns as fit
    (``legend_kw`` go to ``Figure.legend``, e.g. ``markerscale`` for small scatter points). The
    figure grows by the height of all of it, and the panels are laid out in the space left between; if
    that would make the figure taller than the slide limit, the panels are squeezed instead (and
    :func:`print_problems` reports any tick labels that then overlap).
    """
    width_in, plot_height_in = fig.get_size_inches()
    text_width_in = width_in - 2 * MARGIN_IN
    blocks = [(wrap_to_width(title, TITLE_PT, text_width_in, weight="bold"), TITLE_PT, "bold", "black")]
    if subtitle:
        blocks.append((wrap_to_width(subtitle, SUBTITLE_PT, text_width_in), SUBTITLE_PT, "normal", "#333333"))
    source_text = wrap_to_width(source, SOURCE_PT, text_width_in)
    line = 1.25 / 72  # inches per point of font size, with line spacing
    top_in = MARGIN_IN + sum((text.count("\n") + 1) * size * line for text, size, _, _ in blocks) + 0.04
    source_in = (source_text.count("\n") + 1) * SOURCE_PT * line
    box = fitted_legend(fig, *legend, text_width_in, **legend_kw) if legend else None
    legend_in = box.get_window_extent().height / fig.dpi + 0.04 if box else 0.0
    bottom_in = MARGIN_IN + source_in + legend_in + 0.02
    room_in = MAX_HEIGHT_IN - top_in - bottom_in
    if plot_height_in > room_in:  # squeeze the panels rather than grow past the slide limit
        if room_in < MIN_PLOT_HEIGHT_IN:
            raise ValueError(f"the title {title!r}, its subtitle and legend leave {max(room_in, 0) * 2.54:.1f} cm for "
                             f"the panels (at least {MIN_PLOT_HEIGHT_IN * 2.54:.1f} cm needed); shorten them")
        plot_height_in = room_in
    height_in = plot_height_in + top_in + bottom_in
    fig.set_size_inches(width_in, height_in)
    y_in = MARGIN_IN
    for text, size, weight, colour in blocks:
        fig.text(MARGIN_IN / width_in, 1 - y_in / height_in, text, fontsize=size, fontweight=weight, color=colour,
                 ha="left", va="top", linespacing=1.15)
        y_in += (text.count("\n") + 1) * size * line
    fig.text(MARGIN_IN / width_in, MARGIN_IN / height_in, source_text, fontsize=SOURCE_PT, color="#555555",
             ha="left", va="bottom", linespacing=1.15)
    if box:
        box.set_bbox_to_anchor((MARGIN_IN / width_in, (MARGIN_IN + source_in + 0.03) / height_in), fig.transFigure)
    fig.get_layout_engine().set(rect=(0, bottom_in / height_in, 1, plot_height_in / height_in))


def fitted_legend(fig: plt.Figure, handles: list, labels: list[str], width_in: float, **legend_kw):
    """A figure legend with as many columns as fit ``width_in``, anchored by :func:`add_titles`."""
    for ncols in range(len(labels), 0, -1):
        box = fig.legend(handles, labels, loc="lower left", ncols=ncols, borderaxespad=0, borderpad=0,
                         columnspacing=1.0, **legend_kw)
        box.set_in_layout(False)
        if ncols == 1 or box.get_window_extent(fig.canvas.get_renderer()).width / fig.dpi <= width_in:
            return box
        box.remove()
    return None


def wrap_to_width(text: str, fontsize: float, width_in: float, weight: str = "normal") -> str:
    """Break ``text`` between words so that no line is wider than ``width_in`` (measured, not guessed)."""
    prop = FontProperties(family=STYLE["font.family"], size=fontsize, weight=weight)
    renderer = RendererAgg(10, 10, PNG_DPI)

    def fits(candidate: str) -> bool:
        return renderer.get_text_width_height_descent(candidate, prop, ismath=False)[0] / PNG_DPI <= 0.98 * width_in

    lines = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and not fits(candidate):
                lines.append(current)
                candidate = word
            current = candidate
        lines.append(current)
    return "\n".join(lines)


def print_problems(fig: plt.Figure) -> list[str]:
    """Ways ``fig`` misses the print standard: size, text size, text cut off or overlapping, no source line.

    Only text that is actually drawn is checked (not tick labels outside the limits, hidden legends or
    annotations of points off the axes), measured at the resolution the PNG is saved at, since small text is
    hinted differently at others. Rotated labels are compared by their bounding rectangles, which is stricter
    than the glyphs.
    """
    screen_dpi = fig.dpi
    fig.set_dpi(PNG_DPI)
    try:
        return problems_at_print_resolution(fig)
    finally:
        fig.set_dpi(screen_dpi)


def problems_at_print_resolution(fig: plt.Figure) -> list[str]:
    width_in, height_in = fig.get_size_inches()
    problems = []
    if abs(width_in - COLUMN_WIDTH_IN) > 0.005:
        problems.append(f"width {width_in * 2.54:.1f} cm; make it with plotting.column_figure (8.5 cm)")
    if height_in > MAX_HEIGHT_IN + 0.005:
        problems.append(f"height {height_in * 2.54:.2f} cm is over {MAX_HEIGHT_IN * 2.54:.2f} cm, so on a slide its "
                        f"text would be under {SLIDE_MIN_TEXT_PT:g} pt; show fewer rows or split the figure")
    if not any(text.get_text().startswith("Source:") for text in fig.texts):
        problems.append("no source line; add titles and source with plotting.add_titles")
    renderer = text_recorder(fig)
    fig.draw(renderer)
    edge = MARGIN_IN * fig.dpi / 2  # text must keep clear of the edge, as other renderers draw it a little wider
    canvas = fig.bbox.padded(-edge)
    boxes = {}
    for text, clip, size in renderer.drawn:
        label = " ".join(text.get_text().split())[:40]
        if size < MIN_TEXT_PT - 1e-9:
            problems.append(f"text {label!r} is {size:g} pt; the smallest allowed is {MIN_TEXT_PT:g} pt")
        box = boxes[id(text)] = text.get_window_extent(renderer)
        if not (canvas.x0 <= box.x0 and canvas.y0 <= box.y0 and box.x1 <= canvas.x1 and box.y1 <= canvas.y1):
            problems.append(f"text {label!r} runs off the edge of the figure; shorten it or give it room")
        elif clip is not None and not (clip.x0 - 1 <= box.x0 and clip.y0 - 1 <= box.y0
                                       and box.x1 <= clip.x1 + 1 and box.y1 <= clip.y1 + 1):
            problems.append(f"text {label!r} is cut off by its panel; move it inside or widen the limits")
    for ax in fig.axes:
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            ticks = [*axis.get_major_ticks(), *axis.get_minor_ticks()]
            drawn = [boxes[id(label)] for tick in ticks for label in (tick.label1, tick.label2) if id(label) in boxes]
            if any(first.overlaps(second) for i, first in enumerate(drawn) for second in drawn[i + 1:]):
                problems.append(f"tick labels overlap on the {name} axis; show fewer labels or make the panel bigger")
    return list(dict.fromkeys(problems))


def text_recorder(fig: plt.Figure) -> RendererAgg:
    """A renderer that draws nothing but notes each piece of text drawn: (Text, clip rectangle, size in pt)."""
    renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    renderer.drawn = []

    def nothing(*args, **kwargs):
        return None

    for name in dir(RendererBase):
        if name.startswith("draw_"):
            setattr(renderer, name, nothing)

    def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if mtext is not None and s.strip():
            renderer.drawn.append((mtext, gc.get_clip_rectangle(), prop.get_size_in_points()))

    renderer.draw_text = draw_text
    return renderer


def formats_note(events: pd.DataFrame) -> str:
    """One line per event, 'Geneva 2021: format', for the subtitle of a cross-event figure that plots every event."""
    labels = event_labels(events)
    return "\n".join(f"{labels[event]}: {fmt}" for event, fmt in zip(events["event"], events["format"]))


def event_labels(events: pd.DataFrame) -> dict[str, str]:
    """'helsinki-2018' -> 'Helsinki 2018': city and year from ``events.csv``, the short name used in figures."""
    return {event: f"{city} {str(date)[:4]}" for event, city, date in zip(events["event"], events["city"], events["date"])}


def short_names(names: list[str] | pd.Series) -> dict[str, str]:
    """'Vladimir Putin' -> 'Putin' for figure labels; a full name is kept where two surnames would clash."""
    names = list(dict.fromkeys(names))
    surnames = [name.split()[-1] if name.split() else name for name in names]
    return {name: surname if surnames.count(surname) == 1 else name for name, surname in zip(names, surnames)}


def signed(value: float, places: int = 2) -> str:
    """'+0.13', '−0.02' (a true minus sign), and '+0.00' rather than '-0.00' for a value that rounds to zero."""
    text = f"{value:+.{places}f}"
    return text.replace("-", "−") if float(text) != 0 else text.replace("-", "+")


GREYS = ["#000000", "#767676", "#bdbdbd"]
"""Black, mid and light grey, apart in lightness. Colour means a speaker (or a role, in the colour of its first
speaker) in every figure; anything else a figure tells apart (events, methods, an outlet's origin, a direction)
is told by these greys, by hatching, by marker shape or by a direct label, never by a colour of the palette."""

LANGUAGE_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French",
                  "hi": "Hindi", "it": "Italian", "ja": "Japanese", "ko": "Korean", "pl": "Polish", "pt": "Portuguese",
                  "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese"}
"""Names of the language codes of ``speakers.csv`` for captions; a code not listed is shown as it is."""


def translation_note(speakers: pd.DataFrame, shown, names: dict[str, str] | None = None,
                     what: str = "Words") -> str:
    """A caption sentence naming the speakers in ``shown`` who did not speak English (``speakers.csv``'s
    ``language`` given and not ``en``): 'Words of speakers who did not speak English are those of the
    transcript's English translation: Putin (Russian).' ('' when every speaker shown spoke English or has no
    language given). ``names`` are display names (``look.speaker_names``); ``what`` starts the sentence."""
    wanted = set(shown)
    found = [(speaker, str(language).strip()) for speaker, language in zip(speakers["speaker"], speakers["language"])
             if speaker in wanted and pd.notna(language) and str(language).strip() not in ("", "en")]
    if not found:
        return ""
    listed = ", ".join(f"{(names or {}).get(s, s)} ({LANGUAGE_NAMES.get(code, code)})" for s, code in found)
    return f"{what} of speakers who did not speak English are those of the transcript's English translation: {listed}."


def zero_in_view(ax, axis: str = "x", pad: float = 0.03) -> None:
    """Start ``axis`` a little below 0 when its lower limit is at 0 (or between 0 and ``pad`` of the span), so that
    a marker at 0 stands clear of the axis line instead of hiding behind it."""
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    if 0 <= low <= pad * (high - low):
        (ax.set_xlim if axis == "x" else ax.set_ylim)(-pad * (high - low), high)


def plot_height(rows: int, per_row: float = 0.17, fixed: float = 0.5) -> float:
    """Height in inches for panels of ``rows`` labelled rows (``add_titles`` caps it to fit a slide)."""
    return rows * per_row + fixed


def room_for_annotations(ax, rounds: int = 6) -> None:
    """Widen the x axis to the right until every text written in ``ax`` ends inside the panel.

    Value labels at the end of bars need room that depends on how wide the panel ends up, which long tick
    labels (event and speaker names) take from it; a fixed margin runs off the figure for some corpora. Where
    the labels already fit, the limits are left as they are.
    """
    fig = ax.figure
    for _ in range(rounds):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        panel = ax.get_window_extent(renderer)
        overshoot = max((t.get_window_extent(renderer).x1 - panel.x1 for t in ax.texts if t.get_visible()), default=0)
        if overshoot <= 0:
            return
        low, high = ax.get_xlim()
        ax.set_xlim(low, high + (overshoot + 3) * (high - low) / panel.width)


def split_rows(table: pd.DataFrame, max_rows: int, by: str = "event", count: str | None = None,
               max_count: int | None = None, whole: bool = False) -> list[pd.DataFrame]:
    """The rows of a figure in consecutive parts that each fit one figure: at most ``max_rows`` rows and, with
    ``count``, at most ``max_count`` distinct values of that column (the entries of a legend).

    Parts break between groups of ``by`` (events, transcripts) where they can, so an event is drawn whole; a
    group too big for one part is cut into parts of its own, unless ``whole`` (a transcript's timeline means
    nothing in pieces): then it is a part of its own, however big. A corpus that fits gives one part: the figure
    as it always was. This is how figures keep to the print standard with three or ten events.
    """
    def fits(rows: pd.DataFrame) -> bool:
        return len(rows) <= max_rows and (count is None or rows[count].nunique() <= max_count)

    parts: list[pd.DataFrame] = []
    current = table.iloc[:0]
    for _, group in table.groupby(by, sort=False):
        if fits(pd.concat([current, group])):
            current = pd.concat([current, group])
            continue
        if len(current):
            parts.append(current)
        current = table.iloc[:0]
        if whole:
            current = group
            continue
        for _, row in group.iterrows():  # a group too big on its own: cut it where it stops fitting
            candidate = pd.concat([current, row.to_frame().T.astype(group.dtypes.to_dict())])
            if len(current) and not fits(candidate):
                parts.append(current)
                candidate = row.to_frame().T.astype(group.dtypes.to_dict())
            current = candidate
    if len(current) or not parts:
        parts.append(current)
    return parts


def part_name(name: str, part: int, parts: int) -> str:
    """``name`` for a figure drawn whole, ``name_part2`` for the second of several parts."""
    return name if parts == 1 else f"{name}_part{part}"


def part_note(part: int, parts: int) -> str:
    """', part 2 of 3' for a caption or title, '' for a figure drawn whole."""
    return "" if parts == 1 else f", part {part} of {parts}"


def colours_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable colour per name, in the order given (events.csv or speakers.csv order)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}


def hatches_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable hatch pattern per name, in the order given, for greyscale print."""
    return {name: HATCHES[i % len(HATCHES)] for i, name in enumerate(dict.fromkeys(names))}


@dataclass(frozen=True)
class Look:
    """Colours, hatches and short labels for one corpus: built once per notebook, passed to plot functions."""

    event_colours: dict[str, str]
    event_hatches: dict[str, str]
    event_markers: dict[str, str]
    event_labels: dict[str, str]
    speaker_colours: dict[str, str]
    speaker_names: dict[str, str]
    role_colours: dict[str, str]  # the colour of the first speaker with the role, so a role looks like its speaker
    formats: str  # the subtitle naming each event's format
    role_labels: dict[str, str] = None  # 'head_of_government' -> 'Head of government' (roles.csv)
    event_formats: dict[str, str] = None  # event -> its format in words (events.csv)
    publishers: dict[str, list[str]] = None  # event -> who published its transcripts (corpus.csv), short names
    document_names: dict[str, str] = None  # doc_id -> 'Kremlin transcript', 'Shafaq News', 'Unnamed report A'
    document_events: dict[str, str] = None  # doc_id -> event

    def label(self, event: str, speaker: str | None = None) -> str:
        """'Geneva 2021' or 'Geneva 2021 · Putin'."""
        return self.event_labels[event] + (f" · {self.speaker_names.get(speaker, speaker)}" if speaker else "")

    def formats_of(self, events) -> str:
        """The format subtitle for just these events (those a figure plots), in date order."""
        wanted = set(events)
        return "\n".join(f"{self.event_labels[e]}: {self.event_formats[e]}" for e in self.event_labels if e in wanted)

    def source_of(self, events=None, reports: bool = False) -> str:
        """The source line for a figure of ``events`` (all when None): who published the transcripts plotted.

        "Source: Kremlin transcripts (English); ..." for the seed events, "Source: transcripts (English) by
        Kremlin, White House; ..." once other publishers' transcripts are plotted; with ``reports``, the news
        reports come first."""
        wanted = self.event_labels if events is None else set(events)
        names = list(dict.fromkeys(p for e in self.event_labels if e in wanted for p in (self.publishers or {}).get(e, [])))
        count = sum(len((self.publishers or {}).get(e, [])) for e in self.event_labels if e in wanted)
        if not names:
            return SOURCE_NOTE_REPORTS if reports else SOURCE_NOTE
        if reports:
            return f"Source: news reports, {', '.join(names)} transcript{'s' if count > 1 else ''}; analysis: this project"
        if len(names) == 1:
            return f"Source: {names[0]} transcripts (English); analysis: this project"
        return f"Source: transcripts (English) by {', '.join(names)}; analysis: this project"

    def role(self, role: str) -> str:
        return (self.role_labels or {}).get(role, role.replace("_", " "))

    def document(self, doc_id: str, with_event: bool = False) -> str:
        """A document's display name (:func:`document_names`), optionally with its event: never its internal id
        unless the manifest gives nothing better. Names are unique only within an event ('Unnamed report A'
        starts again in each): where documents of several events are shown together, pass ``with_event``."""
        name = (self.document_names or {}).get(doc_id, doc_id)
        event = (self.document_events or {}).get(doc_id)
        return f"{name}, {self.event_labels[event]}" if with_event and event in self.event_labels else name


def short_publisher(publisher: str) -> str:
    """A publisher as a source line names it: 'Kremlin' for any of the Kremlin's pages (republished or not),
    else the name before any comma or bracket ('White House (whitehouse.gov)' -> 'White House')."""
    if "kremlin" in publisher.casefold():
        return "Kremlin"
    return re.split(r"[,(]", publisher)[0].strip() or "unknown publisher"


def document_names(documents: pd.DataFrame | None) -> dict[str, str]:
    """Display names for documents, from the manifest's ``kind`` and ``publisher``.

    A transcript is '<publisher> transcript' ('Kremlin transcript'); a news report is its outlet ('Shafaq
    News'), or, when the text does not name it (publisher 'unknown ...'), 'Unnamed report A', 'B', ... in
    manifest order within its event. Two documents of one event with the same name are numbered ('White House transcript 1', '... 2').
    """
    if documents is None or "doc_id" not in documents:
        return {}
    names: dict[str, str] = {}
    unnamed: dict[str, int] = {}
    for doc_id, event, kind, publisher in zip(documents["doc_id"], documents["event"], documents["kind"],
                                              documents["publisher"]):
        outlet = short_publisher(publisher)
        if kind == "transcript":
            names[doc_id] = f"{outlet} transcript"
        elif outlet.casefold().startswith("unknown"):
            unnamed[event] = unnamed.get(event, 0) + 1
            names[doc_id] = f"Unnamed report {chr(ord('A') + unnamed[event] - 1)}"
        else:
            names[doc_id] = outlet
    by_event_name: dict[tuple[str, str], list[str]] = {}
    for doc_id, event in zip(documents["doc_id"], documents["event"]):
        by_event_name.setdefault((event, names[doc_id]), []).append(doc_id)
    for (_, name), doc_ids in by_event_name.items():
        if len(doc_ids) > 1:
            for number, doc_id in enumerate(doc_ids, start=1):
                names[doc_id] = f"{name} {number}"
    return names


def look_for(events: pd.DataFrame, speakers: pd.DataFrame, roles: pd.DataFrame | None = None,
             documents: pd.DataFrame | None = None, turns: pd.DataFrame | None = None) -> Look:
    """The :class:`Look` of a corpus, in event (date) and ``speakers.csv`` order; role labels from ``roles``, the
    publishers of each event's transcripts from ``documents`` (for source lines).

    With ``turns``, colours go only to the speakers who speak in the corpus (a row of ``speakers.csv`` for a
    leader who never speaks, or for a generic 'Moderator', would otherwise use up one of the eight colours, and
    a role would take the colour of a speaker never drawn)."""
    if turns is not None:
        speakers = speakers[speakers["speaker"].isin(set(turns["speaker"]))]
    speaker_colours = colours_for(speakers["speaker"])
    role_colours = {}
    for speaker, role in zip(speakers["speaker"], speakers["role"]):
        role_colours.setdefault(role, speaker_colours[speaker])
    return Look(event_colours=colours_for(events["event"]), event_hatches=hatches_for(events["event"]),
                event_markers={e: MARKERS[i % len(MARKERS)] for i, e in enumerate(dict.fromkeys(events["event"]))},
                event_labels=event_labels(events), speaker_colours=speaker_colours,
                speaker_names=short_names(speakers["speaker"]), role_colours=role_colours, formats=formats_note(events),
                role_labels=dict(zip(roles["role"], roles["label"])) if roles is not None else None,
                event_formats=dict(zip(events["event"], events["format"])),
                publishers=publishers_by_event(documents), document_names=document_names(documents),
                document_events=dict(zip(documents["doc_id"], documents["event"])) if documents is not None
                and "doc_id" in documents else None)


def publishers_by_event(documents: pd.DataFrame | None) -> dict[str, list[str]]:
    if documents is None:
        return {}
    transcripts = documents[documents["kind"] == "transcript"]
    found: dict[str, list[str]] = {}
    for event, publisher in zip(transcripts["event"], transcripts["publisher"]):
        found.setdefault(event, []).append(short_publisher(publisher))
    return found


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame, figures_dir: Path | None = None,
                caption: str = "", notebook: str = "") -> Path:
    """Write ``name.png``, ``name.svg``, ``name.pdf`` and ``name.csv`` (the plotted numbers); close the figure.

    The figure must meet the print standard (:func:`print_problems`); if not, nothing is written and the
    error lists what to change. Files are saved at the figure's exact size (one column wide), not cropped.
    With a ``caption`` (and the ``notebook`` that makes the figure), also write ``name.caption.json``, from
    which ``python -m analysis.catalogue`` builds ``figures/README.md``: the notebook shows the same caption
    string, so a figure and its catalogue entry cannot disagree. Returns the PNG path, so a notebook can show
    the very file that was written.
    """
    problems = print_problems(fig)
    if problems:
        plt.close(fig)
        raise ValueError(f"figure {name!r} does not meet the print standard:\n- " + "\n- ".join(problems))
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.FIGURES_DIR
    figures_dir.mkdir(parents=True, exist_ok=True)
    png, svg, pdf, csv = (figures_dir / f"{name}.{ext}" for ext in ("png", "svg", "pdf", "csv"))
    try:  # each file whole or not at all; the caption, which the catalogue lists figures by, last
        for path, metadata in ((png, {"Software": None}), (svg, {"Date": None, "Creator": None}),
                               (pdf, {"CreationDate": None, "Creator": None, "Producer": None})):
            with written_whole(path) as partial:
                fig.savefig(partial, format=path.suffix[1:], metadata=metadata)
        write_csv(data, csv)
        if caption:
            entry = {"figure": name, "notebook": notebook, "caption": " ".join(caption.split())}
            write_text(figures_dir / f"{name}.caption.json", json.dumps(entry, indent=1, ensure_ascii=False) + "\n")
    finally:
        plt.close(fig)
    return png


def screen_png(fig: plt.Figure) -> bytes:
    """The figure as a PNG ``SCREEN_WIDTH_PX`` wide, for a notebook to show (same drawing as the saved files).

    A PNG, not the SVG: JupyterLab does not render SVG in a notebook that is not trusted, which is every
    notebook a student clones or downloads, while images always show.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=SCREEN_WIDTH_PX / fig.get_figwidth(), metadata={"Software": None})
    return buffer.getvalue()


def caption_title(caption: str, fallback: str) -> str:
    """The caption's bold title ('Figure: ...', without the asterisks): the figure's alt text everywhere."""
    found = re.match(r"\*\*(.+?)\*\*", caption.strip())
    return found.group(1) if found else fallback


@dataclass(frozen=True)
class Published:
    """What a notebook shows for a saved figure: the picture, then the caption.

    The image output carries ``figure`` (the saved files' name) and ``alt`` (the caption's title) in its metadata:
    JupyterLab ignores them; the HTML edition uses them to show the 600-dpi file in ``figures/`` with alt text.
    """

    name: str
    png: bytes
    caption: str

    def _ipython_display_(self) -> None:
        from IPython.display import Image, Markdown, display

        alt = caption_title(self.caption, self.name)
        display(Image(data=self.png, format="png", metadata={"figure": self.name, "alt": alt}))
        if self.caption:
            display(Markdown(self.caption))


def publish(fig: plt.Figure, name: str, data: pd.DataFrame, caption: str, notebook: str,
            figures_dir: Path | None = None) -> Published:
    """Save the figure with its CSV and caption (:func:`save_figure`) and return what the notebook shows."""
    save_figure(fig, name, data, figures_dir=figures_dir, caption=caption, notebook=notebook)
    return Published(name, screen_png(fig), caption)  # after the files: drawing at another dpi first would move them


FIGURE_FILES = ("png", "svg", "pdf", "csv", "caption.json")


def remove_stale_figures(notebook: str, since: float, figures_dir: Path | None = None) -> list[str]:
    """Delete the figures ``notebook`` made before ``since`` (a time stamp) and did not make again.

    Run after the notebook succeeds, so that a figure it no longer makes (a transcript removed, a figure
    renamed or split) does not linger in ``figures/`` and its catalogue. Returns the names removed.
    """
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.FIGURES_DIR
    removed = []
    for caption in sorted(figures_dir.glob("*.caption.json")):
        if json.loads(caption.read_text(encoding="utf-8"))["notebook"] == notebook and caption.stat().st_mtime < since:
            name = caption.name.removesuffix(".caption.json")
            for ext in FIGURE_FILES:
                (figures_dir / f"{name}.{ext}").unlink(missing_ok=True)
            removed.append(name)
    return removed
