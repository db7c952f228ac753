"""Output files: whole or not at all, and safe to open in a spreadsheet without changing the data."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import files
from analysis.figures import publish as publishing, style


def test_formula_cells_are_written_with_an_apostrophe_and_read_back_exactly(tmp_path):
    texts = ["=cmd|' /C calc'!A0", "+1", "-2 said", "@SUM(A1)", "\tTab", "'=already quoted", "''=twice",
             "'Cause I said so", "plain", "it's = fine", ""]
    table = pd.DataFrame({"text": texts, "number": [-0.5, 1, -2, 3, 4, 5, 6, 7, 8, 9, 10]})
    path = tmp_path / "t.csv"
    files.write_csv(table, path)
    written = path.read_text(encoding="utf-8").splitlines()
    assert written[1] == "'=cmd|' /C calc'!A0,-0.5"  # the number column keeps its minus: it is a number
    assert [line.split(",")[0] for line in written[2:5]] == ["'+1", "'-2 said", "'@SUM(A1)"]
    assert "''=already quoted" in path.read_text(encoding="utf-8")
    assert "\n'Cause I said so," in path.read_text(encoding="utf-8")  # not a formula: unchanged
    back = files.read_csv(path)
    assert back["text"].fillna("").tolist() == texts and back["number"].tolist() == table["number"].tolist()


def test_the_table_in_memory_is_not_changed(tmp_path):
    table = pd.DataFrame({"text": ["=1+1"]})
    files.write_csv(table, tmp_path / "t.csv")
    assert table["text"].item() == "=1+1"


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with files.written_whole(path) as partial:
            partial.write_text("half", encoding="utf-8")
            raise RuntimeError("killed")
    assert path.read_text(encoding="utf-8") == "old\n" and list(tmp_path.iterdir()) == [path]


def test_a_figure_that_fails_half_way_leaves_the_old_files_whole(tmp_path, monkeypatch):
    def draw():
        fig, ax = style.column_figure(1.5)
        ax.plot([0, 1], [0, 1])
        style.add_titles(fig, "A line", source="Source: test")
        return fig

    publishing.save_figure(draw(), "a_line", pd.DataFrame({"x": [0, 1]}), tmp_path, caption="A line.", notebook="t")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = plt.Figure.savefig

    def fail_on_pdf(self, fname, *args, **kwargs):
        real(self, fname, *args, **kwargs)
        if kwargs.get("format") == "pdf":
            raise KeyboardInterrupt  # as if Ctrl-C came while the PDF was written

    monkeypatch.setattr(plt.Figure, "savefig", fail_on_pdf)
    with pytest.raises(KeyboardInterrupt):
        publishing.save_figure(draw(), "a_line", pd.DataFrame({"x": [5, 6]}), tmp_path, caption="New.", notebook="t")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(after) == sorted(before)  # no partial file left
    assert after["a_line.pdf"] == before["a_line.pdf"] and after["a_line.csv"] == before["a_line.csv"]
    assert after["a_line.caption.json"] == before["a_line.caption.json"]


def test_leftovers_of_a_killed_run_are_removed(tmp_path):
    (tmp_path / "sub").mkdir()
    leftover = tmp_path / "sub" / f"x.pdf{files.PARTIAL}123"
    leftover.write_bytes(b"%PDF-1.4 trunc")
    keep = tmp_path / "x.pdf"
    keep.write_bytes(b"whole")
    assert files.remove_partial_files(tmp_path) == [leftover] and keep.exists() and not leftover.exists()
