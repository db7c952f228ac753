import matplotlib

matplotlib.use("Agg")  # tests only; notebooks keep the inline backend

import re
import struct

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import paths
from analysis.figures import captions, encoding, print_check, publish as publishing, style


def draw(height=1.2, labels=("a", "b"), title="Title"):
    style.apply_style()
    fig, ax = style.column_figure(height)
    colours = encoding.colours_for(["x", "y"])
    ax.barh(list(labels), range(1, len(labels) + 1), hatch=[["", "//"][i % 2] for i in range(len(labels))],
            color=[colours[["x", "y"][i % 2]] for i in range(len(labels))])
    ax.set_xlabel("value")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in style.PALETTE[:2]]
    style.add_titles(fig, title, "Subtitle", legend=(handles, ["first", "second"]))
    return fig


def test_saved_figures_are_byte_identical_on_a_rerun(tmp_path):
    data = pd.DataFrame({"name": ["a", "b"], "value": [3.0, 5.0 / 3]})
    first = {}
    for run in (1, 2):
        folder = tmp_path / str(run)
        publishing.save_figure(draw(), "example", data, figures_dir=folder)
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        assert sorted(files) == ["example.csv", "example.pdf", "example.png", "example.svg"]
        if run == 1:
            first = files
    assert files == first
    assert b"Date" not in files["example.svg"].split(b"</metadata>")[0]
    assert files["example.csv"].decode() == "name,value\na,3\nb,1.66667\n"


def test_colours_follow_the_order_given_and_are_stable():
    colours = encoding.colours_for(["helsinki-2018", "osaka-2019", "helsinki-2018"])
    assert list(colours) == ["helsinki-2018", "osaka-2019"]
    assert colours["helsinki-2018"] == style.PALETTE[0] and colours["osaka-2019"] == style.PALETTE[1]
    assert encoding.hatches_for(["a", "b"])["a"] != encoding.hatches_for(["a", "b"])["b"]


def test_every_figure_has_a_caption_and_the_catalogue_is_current():
    from analysis import catalogue

    figures = {p.stem for p in paths.FIGURES_DIR.glob("*.png")}
    captioned = {p.name.removesuffix(".caption.json") for p in paths.FIGURES_DIR.glob("*.caption.json")}
    assert figures and figures == captioned, "a figure without a caption: pass caption= to save_figure"
    assert all((paths.FIGURES_DIR / f"{name}.{ext}").exists() for name in figures for ext in ("svg", "pdf", "csv"))
    assert (paths.FIGURES_DIR / "README.md").read_text(encoding="utf-8") == catalogue.catalogue(), \
        "figures/README.md is not the catalogue of the figures present: run make report to the end"


def test_saved_caption_is_what_the_catalogue_lists(tmp_path):
    publishing.save_figure(draw(), "example", pd.DataFrame({"a": [1]}), figures_dir=tmp_path,
                         caption="**Figure: an example.**  Two  spaces.", notebook="99_test")
    from analysis import catalogue

    text = catalogue.catalogue(tmp_path)
    assert "**Figure: an example.** Two spaces." in text and "`notebooks/99_test.ipynb`" in text
    assert '<img src="example.png" width="320" alt="Figure: an example.">' in text
    height_cm = plt.imread(tmp_path / "example.png").shape[0] / style.PNG_DPI * 2.54
    assert f"printed size 8.5 × {height_cm:.1f} cm at 100 %" in text


def test_save_table_writes_the_csv_and_names_it(tmp_path):
    from analysis.outputs import save_table

    shown = save_table(pd.DataFrame({"x": [0.5, 1 / 3]}), "result", processed_dir=tmp_path)
    assert shown.endswith("result.csv") and (tmp_path / "result.csv").read_text() == "x\n0.5\n0.333333\n"


# The print standard: every figure one column (8.5 cm) wide, no text under 7 pt, nothing cut off, and short
# enough that on a 16:9 slide its text is at least 14 pt. save_figure refuses a figure that misses it.

def test_a_column_figure_with_titles_legend_and_source_meets_the_standard():
    fig = draw(title="A title long enough that it has to be wrapped onto a second line to fit one column")
    assert print_check.print_problems(fig) == []
    assert fig.get_size_inches()[0] == pytest.approx(8.5 / 2.54)
    texts = [t.get_text() for t in fig.texts]
    assert "\n" in texts[0] and texts[-1] == style.SOURCE_NOTE
    plt.close(fig)


def refused(fig, tmp_path) -> str:
    with pytest.raises(ValueError) as error:
        publishing.save_figure(fig, "bad", pd.DataFrame({"a": [1]}), figures_dir=tmp_path)
    assert not any(tmp_path.iterdir()), "nothing is written for a refused figure"
    return str(error.value)


def test_small_text_is_refused(tmp_path):
    fig = draw()
    fig.axes[0].text(0, 0, "tiny", fontsize=5)
    assert "'tiny' is 5 pt; the smallest allowed is 7 pt" in refused(fig, tmp_path)


def test_a_page_wide_figure_is_refused(tmp_path):
    style.apply_style()
    fig, ax = plt.subplots(figsize=(6.5, 2))
    ax.plot([0, 1])
    assert "width 16.5 cm; make it with analysis.figures.style.column_figure (8.5 cm)" in refused(fig, tmp_path)


def test_a_figure_too_tall_for_a_slide_is_refused(tmp_path):
    fig = draw()
    fig.set_size_inches(style.COLUMN_WIDTH_IN, 4.0)
    assert "on a slide its text would be under 14 pt" in refused(fig, tmp_path)


def test_titles_squeeze_tall_panels_to_the_slide_limit_instead_of_growing_past_it():
    fig = draw(height=4.0)
    assert fig.get_size_inches()[1] == pytest.approx(style.MAX_HEIGHT_IN)
    assert print_check.print_problems(fig) == []
    plt.close(fig)


def test_a_figure_without_a_source_line_is_refused(tmp_path):
    style.apply_style()
    fig, ax = style.column_figure(2.0)
    ax.plot([0, 1])
    assert "no source line" in refused(fig, tmp_path)


def test_text_running_off_the_figure_is_refused(tmp_path):
    fig = draw()
    fig.axes[0].set_xlabel("an x-axis label far too long to fit across a single print column of 8.5 cm")
    assert "runs off the edge of the figure" in refused(fig, tmp_path)


def test_overlapping_tick_labels_are_refused(tmp_path):
    fig = draw(height=0.6, labels=[f"label {i}" for i in range(12)])
    assert "tick labels overlap on the y axis" in refused(fig, tmp_path)


def test_wrapping_keeps_every_word_and_fits_the_width():
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    text = "Geneva 2021: question-and-answer news conference, with more words than one column can hold on a line"
    wrapped = style.wrap_to_width(text, 7, 2.0)
    assert wrapped.replace("\n", " ") == text
    renderer, prop = RendererAgg(10, 10, 600), FontProperties(family="DejaVu Sans", size=7)
    widths = [renderer.get_text_width_height_descent(line, prop, ismath=False)[0] / 600 for line in wrapped.split("\n")]
    assert max(widths) <= 2.0, "no line wider than asked"
    assert all(a + renderer.get_text_width_height_descent(" " + nxt.split()[0], prop, ismath=False)[0] / 600 > 0.98 * 2.0
               for a, nxt in zip(widths, wrapped.split("\n")[1:])), "each line is as full as the next word allows"
    assert style.wrap_to_width("short\nlines", 7, 2.0) == "short\nlines"


def test_rotated_labels_that_overlap_away_from_their_neighbours_are_found(tmp_path):
    style.apply_style()
    fig, ax = style.column_figure(2.4)
    names = ["a long category name", "b", "c", "d", "another long name", "f"]
    ax.bar(range(6), range(1, 7))
    ax.set_xticks(range(6), names, rotation=60, ha="right")
    style.add_titles(fig, "Title")
    assert "tick labels overlap on the x axis" in refused(fig, tmp_path)


def test_minor_tick_labels_are_checked_too(tmp_path):
    fig = draw()
    ax = fig.axes[0]
    ax.set_xscale("log")
    ax.set_xlim(1, 1000)
    ax.xaxis.set_minor_formatter(plt.FuncFormatter(lambda x, _: f"{x:g}"))
    assert "tick labels overlap on the x axis" in refused(fig, tmp_path)


def test_text_cut_off_by_its_panel_is_refused(tmp_path):
    fig = draw()
    ax = fig.axes[0]
    ax.text(1, -0.6, "clipped at the panel edge", va="top", clip_on=True)  # below the x-axis
    assert "'clipped at the panel edge' is cut off by its panel" in refused(fig, tmp_path)


def test_text_that_is_not_drawn_is_not_checked():
    fig = draw()
    ax = fig.axes[0]
    ax.set_xticks([0, 2, 4, 100], ["0", "2", "4", "a tick label far outside the limits, never drawn"])
    ax.set_xlim(0, 5)
    hidden = ax.legend(["a legend label that would run far off the edge of the figure if it were drawn"],
                       loc="center left", bbox_to_anchor=(0.9, 0.5))
    hidden.set_visible(False)
    ax.annotate("an annotation of a point off the axes", (50, 0), annotation_clip=True)
    assert print_check.print_problems(fig) == []
    plt.close(fig)


def test_a_title_block_that_leaves_no_room_for_the_panels_is_an_error():
    style.apply_style()
    fig, _ = style.column_figure(2.0)
    with pytest.raises(ValueError, match="leave .* cm for the panels"):
        style.add_titles(fig, "Title", "\n".join(f"event {i}: a format" for i in range(25)))
    plt.close(fig)


def test_short_labels_come_from_the_tables():
    events = pd.DataFrame({"event": ["helsinki-2018", "osaka-2019"], "city": ["Helsinki", "Osaka"],
                           "date": ["2018-07-16", "2019-06-28"], "format": ["Q&A", "statements"]})
    roles = pd.DataFrame({"role": ["head_of_state", "journalist", "moderator"],
                          "label": ["Head of state", "Journalist", "Moderator"]})
    speakers = pd.DataFrame({"speaker": ["Vladimir Putin", "Journalist", "Anna Smith", "Ben Smith"],
                             "role": ["head_of_state", "journalist", "head_of_state", "moderator"]})
    look = encoding.look_for(events, speakers, roles)
    assert look.role_colours == {"head_of_state": look.speaker_colours["Vladimir Putin"],
                                 "journalist": look.speaker_colours["Journalist"],
                                 "moderator": look.speaker_colours["Ben Smith"]}
    assert look.label("helsinki-2018", "Vladimir Putin") == "Helsinki 2018 · Putin"
    assert look.speaker_names["Journalist"] == "Journalist"
    assert look.speaker_names["Anna Smith"] == "Anna Smith", "clashing surnames keep the full name"
    assert look.formats == "Helsinki 2018: Q&A\nOsaka 2019: statements"
    assert look.formats_of(["osaka-2019"]) == "Osaka 2019: statements"  # only what a figure plots
    assert look.role("moderator") == "Moderator" and look.role("interpreter") == "interpreter"


def saved_figures():
    return sorted(p.stem for p in paths.FIGURES_DIR.glob("*.svg"))


@pytest.mark.parametrize("name", saved_figures())
def test_saved_figure_files_meet_the_print_standard(name):
    """Checked on the files themselves, as a report writer receives them."""
    svg = (paths.FIGURES_DIR / f"{name}.svg").read_text(encoding="utf-8")
    width_pt, height_pt = (float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert width_pt == pytest.approx(8.5 / 2.54 * 72, abs=0.01)
    assert height_pt <= style.MAX_HEIGHT_IN * 72 + 0.01
    sizes = [float(v) for v in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) >= style.MIN_TEXT_PT, "SVG units are points: no text under 7 pt"
    assert "<text" in svg and "Source: " in svg, "text kept as text, with a source line"
    png = (paths.FIGURES_DIR / f"{name}.png").read_bytes()
    png_width, png_height = struct.unpack(">II", png[16:24])
    phys = png.index(b"pHYs")
    assert struct.unpack(">IIB", png[phys + 4:phys + 13]) == (23622, 23622, 1), "tagged 600 dpi, so 100 % is 8.5 cm"
    assert png_width >= 1920, "sharp at full slide width on a 1080p projector"
    assert png_width / png_height == pytest.approx(width_pt / height_pt, rel=0.01)
    pdf = (paths.FIGURES_DIR / f"{name}.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf, "TrueType fonts embedded in the PDF"


def test_a_figure_the_notebook_no_longer_makes_is_removed(tmp_path):
    import os
    import time

    data = pd.DataFrame({"a": [1]})
    publishing.save_figure(draw(), "old_figure", data, figures_dir=tmp_path, caption="**Figure: old.**", notebook="02_x")
    publishing.save_figure(draw(), "other_notebook", data, figures_dir=tmp_path, caption="**Figure: o.**", notebook="03_y")
    for file in tmp_path.iterdir():
        os.utime(file, (time.time() - 60, time.time() - 60))
    started = time.time()
    publishing.save_figure(draw(), "new_figure", data, figures_dir=tmp_path, caption="**Figure: new.**", notebook="02_x")
    assert publishing.remove_stale_figures("02_x", since=started, figures_dir=tmp_path) == ["old_figure"]
    assert sorted({p.name.split(".")[0] for p in tmp_path.iterdir()}) == ["new_figure", "other_notebook"]


def test_signed_numbers_use_a_true_minus_and_no_negative_zero():
    assert [captions.signed(v) for v in (0.131, -0.021, -0.001, 0.0)] == ["+0.13", "−0.02", "+0.00", "+0.00"]
    assert captions.signed(-6.2, places=0) == "−6"


def test_rows_are_split_into_parts_of_whole_events_that_fit():
    table = pd.DataFrame({"event": ["a"] * 3 + ["b"] * 2 + ["c"] * 6, "speaker": list("xyzxyuvwxyz"), "n": range(11)})
    assert [len(p) for p in style.split_rows(table, max_rows=10)] == [5, 6]  # a and b together, then c
    parts = style.split_rows(table, max_rows=4)
    assert [list(p["event"].unique()) for p in parts] == [["a"], ["b"], ["c"], ["c"]]  # c alone is too big
    assert pd.concat(parts).equals(table) and all(len(p) <= 4 for p in parts)
    assert len(style.split_rows(table, max_rows=20, count="speaker", max_count=3)) == 3
    assert len(style.split_rows(table.iloc[:2], max_rows=20)) == 1
    assert style.part_name("fig", 1, 1) == "fig" and style.part_name("fig", 2, 3) == "fig_part2"
    assert style.part_note(1, 1) == "" and style.part_note(2, 3) == ", part 2 of 3"
    whole = style.split_rows(table, max_rows=4, whole=True)
    assert [list(p["event"].unique()) for p in whole] == [["a"], ["b"], ["c"]] and len(whole[-1]) == 6


def test_the_source_line_names_who_published_the_transcripts_plotted():
    events = pd.DataFrame({"event": ["e1", "e2"], "city": ["A", "B"], "date": ["2018-01-01", "2019-01-01"],
                           "format": ["Q&A", "statements"]})
    speakers = pd.DataFrame({"speaker": ["X"], "role": ["head_of_state"]})
    documents = pd.DataFrame({"event": ["e1", "e2", "e2"], "kind": ["transcript", "transcript", "news"],
                              "publisher": ["Kremlin English transcript, republished", "White House (whitehouse.gov)", "A paper"]})
    look = encoding.look_for(events, speakers, documents=documents)
    assert look.source_of(["e1"]) == style.SOURCE_NOTE  # the seed events' line, word for word
    assert look.source_of() == "Source: transcripts (English) by Kremlin, White House; analysis: this project"
    assert look.source_of(["e2"]) == "Source: White House transcripts (English); analysis: this project"
    assert look.source_of(["e1"], reports=True) == style.SOURCE_NOTE_REPORTS
    assert encoding.look_for(events, speakers).source_of() == style.SOURCE_NOTE  # no documents: as before


def test_published_figure_shows_a_png_at_screen_width_and_saves_the_same_files(tmp_path):
    import io

    from IPython.core.formatters import DisplayFormatter
    from PIL import Image

    data = pd.DataFrame({"name": ["a"], "value": [1.0]})
    caption = "**Figure: an example.** What it shows."
    publishing.save_figure(draw(), "example", data, figures_dir=tmp_path / "saved", caption=caption, notebook="nb")
    shown = publishing.publish(draw(), "example", data, caption=caption, notebook="nb", figures_dir=tmp_path / "published")
    saved = {p.name: p.read_bytes() for p in sorted((tmp_path / "saved").iterdir())}
    assert saved == {p.name: p.read_bytes() for p in sorted((tmp_path / "published").iterdir())}, \
        "drawing the screen picture must not move anything in the saved files"
    assert Image.open(io.BytesIO(shown.png)).size[0] == style.SCREEN_WIDTH_PX >= 640
    assert shown.png == publishing.publish(draw(), "example", data, caption=caption, notebook="nb",
                                         figures_dir=tmp_path / "again").png, "the notebook's picture is byte-stable"
    outputs = []
    import IPython.display

    original = IPython.display.display
    IPython.display.display = lambda *objects: outputs.extend(DisplayFormatter().format(o) for o in objects)
    try:
        shown._ipython_display_()
    finally:
        IPython.display.display = original
    (image, image_metadata), (markdown, _) = outputs
    assert "image/png" in image and "image/svg+xml" not in image, "a PNG: untrusted notebooks do not render SVG"
    assert image_metadata["image/png"] == {"figure": "example", "alt": "Figure: an example."}
    assert markdown["text/markdown"] == caption


def test_documents_are_named_from_the_manifest_never_by_internal_id():
    documents = pd.DataFrame({
        "doc_id": ["x_transcript", "x_report_1", "x_report_2", "x_outlet", "y_wh_1", "y_wh_2"],
        "event": ["x", "x", "x", "x", "y", "y"],
        "kind": ["transcript", "news", "news", "news", "transcript", "transcript"],
        "publisher": ["Kremlin, republished by a site", "unknown (outlet not named in the text)", "unknown",
                      "The Nordic Ledger (nordicledger.example)", "White House", "White House"]})
    names = encoding.document_names(documents)
    assert names == {"x_transcript": "Kremlin transcript", "x_report_1": "Unnamed report A",
                     "x_report_2": "Unnamed report B", "x_outlet": "The Nordic Ledger",
                     "y_wh_1": "White House transcript 1", "y_wh_2": "White House transcript 2"}


def test_colours_go_to_the_speakers_who_speak_so_no_two_speakers_drawn_share_one():
    speakers = pd.DataFrame({"speaker": ["Putin", "Trump", "Biden", "Journalist", "Moderator", "Interpreter", "Hale",
                                         "Ellery", "Varga"],
                             "role": ["head_of_state", "head_of_state", "head_of_state", "journalist", "moderator",
                                      "interpreter", "moderator", "minister", "minister"]})
    events = pd.DataFrame({"event": ["a"], "date": ["2025-01-01"], "city": ["A"], "format": ["f"]})
    turns = pd.DataFrame({"speaker": ["Putin", "Trump", "Journalist", "Hale", "Ellery", "Varga"]})
    everyone = encoding.look_for(events, speakers)
    assert everyone.speaker_colours["Varga"] == everyone.speaker_colours["Putin"], "nine rows, eight colours"
    look = encoding.look_for(events, speakers, turns=turns)
    assert len(set(look.speaker_colours.values())) == len(look.speaker_colours) == 6
    assert look.role_colours["moderator"] == look.speaker_colours["Hale"], "a role looks like a speaker drawn"
    assert "#F0E442" not in look.speaker_colours.values(), "yellow, faint on white, comes last"
