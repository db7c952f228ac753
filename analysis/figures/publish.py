"""Saving a figure: byte-identical PNG, SVG and PDF, the CSV of what it plots, its caption, and what a notebook shows.

:func:`publish` is the one step every figure ends in: it checks the print standard, writes the files with the
metadata that would change on each run (dates, software versions, random ids) fixed, and returns a
:class:`Published` that the notebook displays (a screen-sized PNG, then the caption).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from .. import paths
from ..files import write_csv, write_text, written_whole
from .captions import caption_title
from .print_check import print_problems
from .style import SCREEN_WIDTH_PX


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
