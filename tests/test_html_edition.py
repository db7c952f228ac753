"""The HTML edition: offline, code hidden, every link and image found, every figure with alt text.

Built from the committed notebooks into a temporary folder (so the test also catches a notebook that would break
the build), then read as a reader's browser would: only the files on disk.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from analysis import html_edition, paths


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.images, self.ids, self.scripts, self.stylesheets, self.code = [], [], set(), [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "link":
            self.stylesheets.append(attrs.get("href", ""))
        if "class" in attrs and re.search(r"\b(input_area|jp-InputArea|highlight)\b", attrs["class"] or ""):
            self.code += 1


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    pages = html_edition.build(folder)
    parsed = {}
    for page in pages:
        parser = Page()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.name] = parser
    return folder, parsed


def test_every_notebook_and_reference_page_is_built_with_an_index(edition):
    folder, pages = edition
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert {f"{n}.html" for n in notebooks} | {"index.html", "glossary.html", "data.html"} <= set(pages)
    assert all(f'href="{n}.html"' in (folder / "index.html").read_text(encoding="utf-8") for n in notebooks)


def test_the_edition_needs_no_network_and_shows_no_code(edition):
    _, pages = edition
    for name, page in pages.items():
        assert page.scripts == [], f"{name} loads a script (require.js, MathJax, ...): it would need the network"
        assert page.stylesheets == ["style.css"], f"{name}: one local stylesheet only"
        assert page.code == 0, f"{name} shows code; the edition is for readers"
        assert not any(re.match(r"^(https?:)?//", img.get("src", "")) for img in page.images), name


def test_every_link_and_image_in_the_edition_resolves(edition):
    folder, pages = edition
    for name, page in pages.items():
        for target in page.links + [img["src"] for img in page.images]:
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.I):
                continue  # a web address in the text (the README's references)
            path, _, anchor = target.partition("#")
            if path:
                # '../x' leaves html/ for the repository (built here in a temporary folder: look in the checkout)
                found = paths.PROJECT_ROOT / path[3:] if path.startswith("../") else folder / path
                assert Path(unquote(str(found))).exists(), f"{name}: link to a missing file {target!r}"
            if anchor and (path == "" or path.endswith(".html")):
                linked = pages[path] if path else page
                assert {anchor, unquote(anchor)} & linked.ids, f"{name}: link to a missing place {target!r}"


def test_each_figure_is_the_saved_file_with_its_caption_title_as_alt_text(edition):
    _, pages = edition
    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        figures = [o.metadata["image/png"] for cell in nbformat.read(notebook, as_version=4).cells
                   for o in cell.get("outputs", []) if "figure" in o.get("metadata", {}).get("image/png", {})]
        shown = [img for img in pages[f"{notebook.stem}.html"].images if img["src"].startswith("../figures/")]
        assert [img["src"] for img in shown] == [f"../figures/{f['figure']}.png" for f in figures], notebook.name
        assert [img["alt"] for img in shown] == [f["alt"] for f in figures]
        assert all(img["alt"].startswith("Figure") for img in shown), "alt text is the caption's title"


def test_links_are_rewritten_to_pages_or_to_the_repository_files():
    body = ('<a href="../docs/glossary.md">g</a> <a href="../data/README.md#counting-rules">d</a> '
            '<a href="02_speaking_time.ipynb">n</a> <a href="../data/topics.csv">t</a> <a href="#here">h</a> '
            '<a href="https://example.org/x">w</a>')
    assert html_edition.rewrite_links(body, "notebooks") == (
        '<a href="glossary.html">g</a> <a href="data.html#counting-rules">d</a> <a href="02_speaking_time.html">n</a> '
        '<a href="../data/topics.csv">t</a> <a href="#here">h</a> <a href="https://example.org/x">w</a>')
    assert html_edition.rewrite_links('<a href="data/README.md">d</a> <a href="figures/README.md">f</a>', "") == \
        '<a href="data.html">d</a> <a href="../figures/README.md">f</a>'


def test_headings_get_the_anchors_github_gives_them():
    assert html_edition.github_slug("Counting rules") == "counting-rules"
    assert html_edition.github_slug("<code>corpus.csv</code> (the manifest)") == "corpuscsv-the-manifest"
    page = html_edition.markdown_to_html("# A\n\n## Notes\n\n## Notes\n")
    assert 'id="notes"' in page and 'id="notes-1"' in page


def test_committed_edition_is_what_the_build_makes(edition):
    folder, pages = edition
    committed = Path(paths.HTML_DIR)
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in folder.iterdir()), \
        "html/ is not the current edition: run make report (or python -m analysis html)"
    for page in sorted(folder.iterdir()):
        assert (committed / page.name).read_bytes() == page.read_bytes(), f"html/{page.name} is out of date: run make report"


def test_a_notebook_named_like_a_page_of_the_edition_is_refused(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "glossary.ipynb").write_text((paths.NOTEBOOKS_DIR / "00_start_here.ipynb").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with pytest.raises(ValueError, match="glossary.ipynb.*rename the notebook"):
        html_edition.build(tmp_path / "html", notebooks_dir=notebooks)


def test_captions_show_html_from_the_data_as_text():
    assert "<script>" not in html_edition.markdown_to_html("**Figure: x.** Outlet <script>alert(1)</script>", escape=True)
