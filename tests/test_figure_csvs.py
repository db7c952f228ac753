"""The CSVs of the keyness and fidelity figures hold what is drawn, not every word tested or every phrase found.

(The caption rules for every figure are in ``test_captions.py``.)
"""

import helpers
from analysis import paths
from analysis.files import read_csv


def drawn_text(name: str) -> str:
    return " ".join(helpers.drawn_text(paths.FIGURES_DIR / f"{name}.svg"))


def test_keyness_csv_holds_the_drawn_words_only():
    table = read_csv(paths.FIGURES_DIR / "topics_keyness_comparison.csv")
    drawn = set(drawn_text("topics_keyness_comparison").split())
    assert set(table["word"]) <= drawn
    assert table.groupby("panel").size().max() <= 20  # the ten of each side per panel, not every word tested


def test_fidelity_csv_holds_the_plotted_quotes_only():
    table = read_csv(paths.FIGURES_DIR / "coverage_fidelity_by_report.csv")
    assert "kind" not in table.columns  # phrases (fewer than four words) are not drawn, so not in the CSV
    assert (table[["verbatim", "close", "not found", "other occasion"]].sum(axis=1) > 0).all()
