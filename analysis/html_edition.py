"""``python -m analysis html``: the HTML edition, for readers without Python.

One page per executed notebook with the code hidden (narration, tables, printed results, figures and captions),
the glossary and the data README as pages, and ``index.html`` listing the notebooks and every figure with its
caption. Opened from the file system, it needs no network: no script is loaded (nbconvert's require.js, MathJax
and Mermaid come from a CDN, so the template leaves them out; the notebooks use none of them), the one stylesheet
is ``html/style.css``, and each figure is the committed 600-dpi PNG in ``figures/`` (``../figures/NAME.png``) with
its caption's title as alt text, so the pages stay small. Links between the notebooks, the glossary and the data
README point at the pages; links to other files of the repository point at the files.

Built by ``make report`` after the notebooks and the figure catalogue, and committed (see the README: a reader
who downloads the repository opens ``html/index.html`` without installing anything).
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import mistune
import nbformat
from nbconvert import HTMLExporter

from . import paths
from .catalogue import entries
from .files import write_text
from .figures.captions import caption_title

TEMPLATE_DIR = paths.HTML_TEMPLATE_DIR
STYLESHEET = "style.css"
# Markdown files of the repository published as pages: source (relative to the root) -> (page, its title).
MARKDOWN_PAGES = {"docs/glossary.md": ("glossary.html", "Glossary"),
                  "docs/class_coding_exercise.md": ("class_coding_exercise.html", "The hand-coding exercise"),
                  "data/README.md": ("data.html", "The data files"),
                  "data/validation/README.md": ("validation.html", "The validation data"),
                  "data/validation/stratified_coding_instructions.md": ("coding_instructions.html",
                                                                        "The codebook as coders read it"),
                  "README.md": ("readme.html", "README")}
RESERVED_PAGES = {"index.html", STYLESHEET} | {page for page, _ in MARKDOWN_PAGES.values()}
LINK = re.compile(r'(\s(?:href|src))="([^"]*)"')


def build(html_dir: Path | None = None, notebooks_dir: Path | None = None, figures_dir: Path | None = None) -> list[Path]:
    """Write the whole edition into ``html_dir``; remove pages of notebooks that no longer exist. Returns the
    pages written, in order."""
    html_dir = Path(html_dir) if html_dir is not None else paths.HTML_DIR
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS_DIR
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.FIGURES_DIR
    html_dir.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(p for p in notebooks_dir.glob("*.ipynb") if not p.name.startswith("."))
    clashing = [p.name for p in notebooks if f"{p.stem}.html" in RESERVED_PAGES]
    if clashing:
        raise ValueError(f"notebook(s) {', '.join(clashing)}: the HTML edition has a page of that name already "
                         f"({', '.join(sorted(RESERVED_PAGES))}); rename the notebook")
    read = {p: nbformat.read(p, as_version=4) for p in notebooks}
    titles = {p: notebook_title(notebook, p.stem) for p, notebook in read.items()}
    written = []
    for path, notebook in read.items():
        body = rewrite_links(notebook_body(notebook), "notebooks")
        written.append(write_page(html_dir / f"{path.stem}.html", titles[path], body))
    for source, (page, title) in MARKDOWN_PAGES.items():
        text = (paths.PROJECT_ROOT / source).read_text(encoding="utf-8")
        body = rewrite_links(markdown_to_html(text), str(PurePosixPath(source).parent))
        written.append(write_page(html_dir / page, title, body))
    written.append(write_page(html_dir / "index.html", "Press conferences compared",
                              index_body(titles, entries(figures_dir))))
    shutil.copyfile(TEMPLATE_DIR / STYLESHEET, html_dir / STYLESHEET)
    for stale in sorted(set(html_dir.glob("*.html")) - set(written)):
        stale.unlink()
    return written


def notebook_body(notebook) -> str:
    """The notebook's cells (an nbformat notebook) as HTML without code or prompts: what a reader of the report needs."""
    exporter = HTMLExporter(template_file="edition.html.j2", extra_template_paths=[str(TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def notebook_title(notebook, fallback: str) -> str:
    """The first Markdown heading of the notebook, as plain text."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#+\s+(.+)$", cell.source, flags=re.M)
            if found:
                return found.group(1).strip()
    return fallback


class _Renderer(mistune.HTMLRenderer):
    """Headings get GitHub's ids, so a link such as ``data/README.md#counting-rules`` finds its place."""

    def __init__(self, escape: bool):
        super().__init__(escape=escape)
        self.seen: dict[str, int] = {}

    def heading(self, text: str, level: int, **attrs) -> str:
        slug = github_slug(text)
        count = self.seen.get(slug, 0)
        self.seen[slug] = count + 1
        return f'<h{level} id="{slug}{f"-{count}" if count else ""}">{text}</h{level}>\n'


def markdown_to_html(text: str, escape: bool = False) -> str:
    """Markdown as HTML. ``escape``: raw HTML in the text is shown as text, for captions, which carry names
    taken from the data (publishers, outlets); the project's own Markdown pages keep theirs."""
    return mistune.create_markdown(renderer=_Renderer(escape), plugins=["table", "strikethrough", "url"])(text)


def github_slug(heading_html: str) -> str:
    """GitHub's anchor for a heading: the text lower-cased, punctuation dropped, spaces as hyphens."""
    text = html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def rewrite_links(body: str, source_dir: str) -> str:
    """Point every relative link of a page made from a file in ``source_dir`` (relative to the root) at the right
    place from ``html/``: another page of the edition when there is one, else the repository file itself."""
    def target(match: re.Match) -> str:
        attribute, href = match.groups()
        if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href, flags=re.I):
            return match.group(0)  # an anchor on the page, a web address, or inline data
        path, _, anchor = href.partition("#")
        relative = normalised(PurePosixPath(source_dir) / path)
        page = MARKDOWN_PAGES.get(relative, (None, None))[0]
        if page is None and relative.startswith("notebooks/") and relative.endswith(".ipynb"):
            page = PurePosixPath(relative).stem + ".html"
        new = page if page is not None else f"../{relative}"
        return f'{attribute}="{new}{"#" + anchor if anchor else ""}"'

    return LINK.sub(target, body)


def normalised(path: PurePosixPath) -> str:
    """``notebooks/../docs/glossary.md`` -> ``docs/glossary.md`` (no file system access)."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def index_body(titles: dict[Path, str], figures: list[dict]) -> str:
    notebooks = "\n".join(f'<li><a href="{quote(p.stem)}.html">{html.escape(title)}</a></li>' for p, title in titles.items())
    pages = "\n".join(f'<li><a href="{page}">{title}</a></li>' for page, title in MARKDOWN_PAGES.values())
    by_stem = {p.stem: title for p, title in titles.items()}
    items = []
    for entry in figures:
        name, link = entry["figure"], quote(entry["figure"])
        caption = markdown_to_html(entry["caption"], escape=True)
        formats = " · ".join(f'<a href="../figures/{link}.{ext}">{ext.upper()}</a>' for ext in ("png", "svg", "pdf", "csv"))
        items.append(f'<li id="{html.escape(name, quote=True)}"><a href="../figures/{link}.png">'
                     f'<img src="../figures/{link}.png" alt="{html.escape(caption_title(entry["caption"], name), quote=True)}">'
                     f'</a><div>{caption}<p>{formats} · in <a href="{quote(entry["notebook"])}.html">'
                     f'{html.escape(by_stem.get(entry["notebook"], entry["notebook"]))}</a></p></div></li>')
    return ("<h1>Press conferences compared</h1>\n"
            "<p>The executed notebooks of this project, with the code hidden, for reading without Python. "
            "Figures link to their files (PNG at 600 dpi, SVG, PDF) and to the CSV of the numbers they plot.</p>\n"
            f"<h2>Notebooks</h2>\n<ol>\n{notebooks}\n</ol>\n<h2>Reference</h2>\n<ul>\n{pages}\n</ul>\n"
            f'<h2 id="figures">Figures</h2>\n<ul class="figures">\n' + "\n".join(items) + "\n</ul>\n")


def write_page(path: Path, title: str, body: str) -> Path:
    nav = ('<nav><a href="index.html">Contents</a><a href="index.html#figures">Figures</a>'
           '<a href="glossary.html">Glossary</a><a href="data.html">Data</a></nav>')
    page = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
            f'<link rel="stylesheet" href="{STYLESHEET}">\n</head>\n<body>\n{nav}\n<main>\n{body.strip()}\n</main>\n'
            f'</body>\n</html>\n')
    write_text(path, page)
    return path


def main() -> int:
    pages = build()
    print(f"html/: {len(pages)} pages (open html/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
