"""The print standard a figure must meet before it is saved.

Text under 7 pt at column width, text cut off at an edge or by its panel, overlapping tick labels, no source
line, or a figure so tall that on a 16:9 slide its text would be under 14 pt: :func:`print_problems` lists each
in words, and :func:`analysis.figures.publish.save_figure` refuses the figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg

from .style import COLUMN_WIDTH_IN, MARGIN_IN, MAX_HEIGHT_IN, MIN_TEXT_PT, PNG_DPI, SLIDE_MIN_TEXT_PT


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
        problems.append(f"width {width_in * 2.54:.1f} cm; make it with analysis.figures.style.column_figure (8.5 cm)")
    if height_in > MAX_HEIGHT_IN + 0.005:
        problems.append(f"height {height_in * 2.54:.2f} cm is over {MAX_HEIGHT_IN * 2.54:.2f} cm, so on a slide its "
                        f"text would be under {SLIDE_MIN_TEXT_PT:g} pt; show fewer rows or split the figure")
    if not any(text.get_text().startswith("Source:") for text in fig.texts):
        problems.append("no source line; add titles and source with analysis.figures.style.add_titles")
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
