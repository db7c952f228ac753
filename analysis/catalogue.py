"""``python -m analysis.catalogue``: write ``figures/README.md`` from the captions the notebooks saved.

Run by ``make report`` after the notebooks. Every figure is listed with its caption, the notebook that makes
it, the CSV of the numbers it plots, and its formats; the captions are the strings the notebooks display.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from . import paths
from .files import write_text
from .figures.captions import caption_title


def entries(figures_dir: Path) -> list[dict]:
    """One entry per saved caption, in notebook then figure order."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(figures_dir.glob("*.caption.json"))]
    return sorted(found, key=lambda e: (e["notebook"], e["figure"]))


def catalogue(figures_dir: Path | None = None) -> str:
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.FIGURES_DIR
    lines = ["# Figures", "",
             "Written by `make report` (`python -m analysis.catalogue`) from the captions the notebooks display; "
             "do not edit by hand. Each figure is one print column wide (8.5 cm, no text under 7 pt) and comes as "
             "PNG at 600 dpi (documents, slides), SVG with text kept as text (editing, web) and PDF with embedded "
             "fonts (print), beside a CSV of exactly the numbers it plots. The print standard is in the "
             "project README (For report writers).", ""]
    for entry in entries(figures_dir):
        name = entry["figure"]
        formats = ", ".join(f"[{ext.upper()}]({name}.{ext})" for ext in ("png", "svg", "pdf") if (figures_dir / f"{name}.{ext}").exists())
        size = printed_size_cm(figures_dir / f"{name}.svg")
        lines += [f"## `{name}`", "", f'<img src="{name}.png" width="320" alt="{alt_text(entry["caption"], name)}">', "", entry["caption"], "",
                  f"- notebook: `notebooks/{entry['notebook']}.ipynb`",
                  f"- numbers plotted: [`{name}.csv`]({name}.csv)",
                  f"- formats: {formats}" + (f"; printed size {size[0]:.1f} × {size[1]:.1f} cm at 100 %" if size else ""), ""]
    return "\n".join(lines)


def alt_text(caption: str, fallback: str) -> str:
    """The caption's bold title ('Figure: ...'), escaped for the thumbnail's alt attribute."""
    return html.escape(caption_title(caption, fallback), quote=True)


def printed_size_cm(svg: Path) -> tuple[float, float] | None:
    """Width and height of a saved figure in centimetres, read from its SVG (matplotlib writes points)."""
    if not svg.exists():
        return None
    found = re.search(r'<svg[^>]*\swidth="([\d.]+)pt" height="([\d.]+)pt"', svg.read_text(encoding="utf-8")[:2000])
    return (float(found.group(1)) * 2.54 / 72, float(found.group(2)) * 2.54 / 72) if found else None


def main() -> int:
    text = catalogue()
    write_text(paths.FIGURES_DIR / "README.md", text)
    print(f"figures/README.md: {text.count('## `')} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
