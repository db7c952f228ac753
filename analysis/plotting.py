"""One figure style for every notebook, and byte-identical figure files.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies) and are
given out in the order of ``events.csv`` and ``speakers.csv``, so a new event or speaker gets a
colour without code changes. Each event also gets a hatch pattern, so bars stay apart in greyscale.

Every figure is saved by :func:`save_figure` as PNG and SVG, beside a CSV of exactly the numbers it
plots, with the metadata that would change on each run (dates, software versions, random ids) fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from . import paths

# Okabe & Ito (2008), ordered so that neighbours differ in lightness as well as hue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "++", "--"]
ROLE_COLOURS = {"head_of_state": "#0072B2", "journalist": "#E69F00", "moderator": "#009E73"}

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "press-conference-suite",  # fixed ids inside SVG files
    "svg.fonttype": "none",  # text stays text in SVG (editable, searchable); PNG renders DejaVu Sans
    "hatch.linewidth": 0.8,
}
SOURCE_NOTE = "Source: Kremlin transcripts (English); analysis: this project"


def apply_style() -> None:
    """Set the shared matplotlib style (call once at the top of a notebook)."""
    mpl.rcParams.update(STYLE)


def add_titles(ax: plt.Axes, title: str, subtitle: str = "", source: str = SOURCE_NOTE) -> None:
    """Title and subtitle above the plot, and the source line under the x-axis label.

    Set the x-axis label first: the source line goes below however many lines it has.
    """
    ax.set_title(title + (f"\n{subtitle}" if subtitle else ""), loc="left", fontsize=10)
    if subtitle:
        ax.title.set_linespacing(1.5)
    add_source_note(ax, source)


def add_source_note(ax: plt.Axes, source: str = SOURCE_NOTE) -> None:
    """The source line, under the x-axis label of ``ax`` (the bottom panel of a multi-panel figure)."""
    label_lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 0
    ax.annotate(source, xy=(0, 0), xycoords="axes fraction", xytext=(0, -28 - 12 * label_lines),
                textcoords="offset points", fontsize=7, color="#555555", ha="left", va="top",
                annotation_clip=False)


def formats_note(events: pd.DataFrame) -> str:
    """One line per event, 'event: format', for the subtitle of every cross-event figure."""
    return "\n".join(f"{event}: {fmt}" for event, fmt in zip(events["event"], events["format"]))


def colours_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable colour per name, in the order given (events.csv or speakers.csv order)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}


def hatches_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable hatch pattern per name, in the order given, for greyscale print."""
    return {name: HATCHES[i % len(HATCHES)] for i, name in enumerate(dict.fromkeys(names))}


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame, figures_dir: Path | None = None,
                caption: str = "", notebook: str = "") -> Path:
    """Write ``name.png``, ``name.svg`` and ``name.csv`` (the plotted numbers) and close the figure.

    With a ``caption`` (and the ``notebook`` that makes the figure), also write ``name.caption.json``, from
    which ``python -m analysis.catalogue`` builds ``figures/README.md``: the notebook shows the same caption
    string, so a figure and its catalogue entry cannot disagree. Returns the PNG path, so a notebook can show
    the very file that was written.
    """
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.FIGURES_DIR
    figures_dir.mkdir(parents=True, exist_ok=True)
    png, svg, csv = (figures_dir / f"{name}.{ext}" for ext in ("png", "svg", "csv"))
    fig.savefig(png, metadata={"Software": None}, bbox_inches="tight")
    fig.savefig(svg, metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    write_csv(data, csv)
    if caption:
        entry = {"figure": name, "notebook": notebook, "caption": " ".join(caption.split())}
        (figures_dir / f"{name}.caption.json").write_text(json.dumps(entry, indent=1, ensure_ascii=False) + "\n",
                                                          encoding="utf-8")
    plt.close(fig)
    return png


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write a table the same way every time: no index, '\\n' line ends, floats to 6 places."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
