import matplotlib

matplotlib.use("Agg")  # tests only; notebooks keep the inline backend

import matplotlib.pyplot as plt
import pandas as pd

from analysis import plotting


def draw():
    plotting.apply_style()
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.barh(["a", "b"], [3, 5], hatch=["", "//"], color=list(plotting.colours_for(["x", "y"]).values()))
    plotting.add_titles(ax, "Title", "Subtitle")
    return fig


def test_saved_figures_are_byte_identical_on_a_rerun(tmp_path):
    data = pd.DataFrame({"name": ["a", "b"], "value": [3.0, 5.0 / 3]})
    first = {}
    for run in (1, 2):
        folder = tmp_path / str(run)
        plotting.save_figure(draw(), "example", data, figures_dir=folder)
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        assert sorted(files) == ["example.csv", "example.png", "example.svg"]
        if run == 1:
            first = files
    assert files == first
    assert b"Date" not in files["example.svg"].split(b"</metadata>")[0]
    assert files["example.csv"].decode() == "name,value\na,3\nb,1.66667\n"


def test_colours_follow_the_order_given_and_are_stable():
    colours = plotting.colours_for(["geneva-2021", "anchorage-2025", "geneva-2021"])
    assert list(colours) == ["geneva-2021", "anchorage-2025"]
    assert colours["geneva-2021"] == plotting.PALETTE[0] and colours["anchorage-2025"] == plotting.PALETTE[1]
    assert plotting.hatches_for(["a", "b"])["a"] != plotting.hatches_for(["a", "b"])["b"]


def test_every_figure_has_a_caption_and_the_catalogue_is_current():
    from analysis import catalogue, paths

    figures = {p.stem for p in paths.FIGURES_DIR.glob("*.png")}
    captioned = {p.name.removesuffix(".caption.json") for p in paths.FIGURES_DIR.glob("*.caption.json")}
    assert figures and figures == captioned
    assert all((paths.FIGURES_DIR / f"{name}.{ext}").exists() for name in figures for ext in ("svg", "csv"))
    assert (paths.FIGURES_DIR / "README.md").read_text(encoding="utf-8") == catalogue.catalogue()


def test_saved_caption_is_what_the_catalogue_lists(tmp_path):
    plotting.save_figure(draw(), "example", pd.DataFrame({"a": [1]}), figures_dir=tmp_path,
                         caption="**Figure: an example.**  Two  spaces.", notebook="99_test")
    from analysis import catalogue

    text = catalogue.catalogue(tmp_path)
    assert "**Figure: an example.** Two spaces." in text and "`notebooks/99_test.ipynb`" in text


def test_save_table_writes_the_csv_and_names_it(tmp_path):
    from analysis.outputs import save_table

    shown = save_table(pd.DataFrame({"x": [0.5, 1 / 3]}), "result", processed_dir=tmp_path)
    assert shown.endswith("result.csv") and (tmp_path / "result.csv").read_text() == "x\n0.5\n0.333333\n"
