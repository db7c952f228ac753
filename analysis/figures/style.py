"""The one figure style of the suite: palette, sizes, titles and layout helpers.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies); which colour goes to
which speaker is :mod:`analysis.figures.encoding`'s job. Every figure is drawn one print column wide (8.5 cm,
:func:`column_figure`) and titled by :func:`add_titles`; :mod:`analysis.figures.print_check` holds the print
standard it must meet and :mod:`analysis.figures.publish` saves it.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

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


GREYS = ["#000000", "#767676", "#bdbdbd"]
"""Black, mid and light grey, apart in lightness. Colour means a speaker (or a role, in the colour of its first
speaker) in every figure; anything else a figure tells apart (events, methods, an outlet's origin, a direction)
is told by these greys, by hatching, by marker shape or by a direct label, never by a colour of the palette."""



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
