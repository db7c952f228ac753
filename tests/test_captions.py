"""Captions and figure text a report writer can paste: no internal ids, no pointers into the notebook, no
classroom questions, and intervals described by their seed and resamples.

Checked on the saved files (``figures/*.caption.json`` and the text drawn in ``figures/*.svg``, which keeps text as
text), so whatever corpus ``make report`` last ran on is checked, seed events or a student's own.
"""

import json
import re

import pandas as pd
import pytest

import helpers
from analysis import paths

FILE_NAME = re.compile(r"[\w/.-]+\.(?:csv|json|png|svg|pdf|ipynb|md)\b")
ID_LIKE = re.compile(r"\b[^\W_]+_\w+")  # news_report_a, kremlin_transcript: part of an id, as a label once showed

ENTRIES = sorted((json.loads(p.read_text(encoding="utf-8")) for p in paths.FIGURES_DIR.glob("*.caption.json")),
                 key=lambda e: (e["notebook"], e["figure"]))


def per_figure():
    """One test case per saved figure, named after it."""
    return [pytest.param(e, id=e["figure"]) for e in ENTRIES]


def id_like(text: str) -> list[str]:
    """Words joined by underscores, as internal ids are written (file names, which a caption may cite, aside)."""
    return ID_LIKE.findall(FILE_NAME.sub(" ", text))


def internal_ids() -> list[str]:
    """Every document id (data/corpus.csv) and event id (data/events.csv): for files and tables, never for readers."""
    documents = pd.read_csv(paths.DATA_DIR / "corpus.csv", dtype=str)["doc_id"]
    events = pd.read_csv(paths.DATA_DIR / "events.csv", dtype=str)["event"]
    return sorted({*documents.dropna(), *events.dropna()}, key=len, reverse=True)


def outside_quotes(text: str) -> str:
    """The text with quoted passages ("...", “...”, ‘...’) removed: a question quoted is not a question asked."""
    return re.sub(r'"[^"]*"|“[^”]*”|‘[^’]*’', " ", text)


def drawn_text(figure: str) -> list[str]:
    return helpers.drawn_text(paths.FIGURES_DIR / f"{figure}.svg")


def notebooks_drawing_figures() -> set[str]:
    """Notebooks that publish figures: in a cell of their own (``publishing.publish(``) or through the figures module
    that names them (``NOTEBOOK = "03_sentiment"`` in ``analysis/figures/<name>.py``)."""
    in_cells = {p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb") if "publishing.publish(" in p.read_text(encoding="utf-8")}
    named = re.compile(r'^NOTEBOOK = "([^"]+)"', re.MULTILINE)
    in_modules = {m for p in (paths.PROJECT_ROOT / "analysis" / "figures").glob("*.py")
                  for m in named.findall(p.read_text(encoding="utf-8"))}
    return in_cells | in_modules


def test_every_notebook_that_draws_figures_has_captions_checked():
    notebooks_with_figures = notebooks_drawing_figures()
    assert notebooks_with_figures and {e["notebook"] for e in ENTRIES} == notebooks_with_figures


def test_the_rules_catch_what_they_are_for():
    assert outside_quotes('Which questions? He said "why not?" and ‘no?’') == "Which questions? He said   and  "
    ids = internal_ids()
    assert "geneva-2021" in ids and "geneva2021_kremlin_transcript" in ids


@pytest.mark.parametrize("entry", per_figure())
def test_a_caption_names_no_internal_id(entry):
    found = [i for i in internal_ids() if i.casefold() in entry["caption"].casefold()] + id_like(entry["caption"])
    assert not found, f"{entry['figure']}: caption names {found}; use look.label(event) or look.document(doc_id)"


@pytest.mark.parametrize("entry", per_figure())
def test_no_internal_id_is_drawn_in_a_figure(entry):
    ids = internal_ids()
    found = sorted({f"{i!r} in {t!r}" for t in drawn_text(entry["figure"]) for i in ids if i.casefold() in t.casefold()}
                   | {f"{i!r} in {t!r}" for t in drawn_text(entry["figure"]) for i in id_like(t)})
    assert not found, f"{entry['figure']}: title, label or legend shows {found}; use display names"


@pytest.mark.parametrize("entry", per_figure())
def test_a_caption_stands_alone(entry):
    """No pointer into the notebook ('the table above', 'the audit below', 'see section 3')."""
    found = re.findall(r"\b(?:above|below|see section|this notebook|the (?:table|cell|section) (?:above|below))\b",
                       outside_quotes(entry["caption"]), flags=re.IGNORECASE)
    assert not found, f"{entry['figure']}: caption points into the notebook ({found}); say it, or name a file"


@pytest.mark.parametrize("entry", per_figure())
def test_a_caption_asks_no_question(entry):
    """Questions for a class belong in a Markdown cell beside the figure, not in the caption a report pastes."""
    text = outside_quotes(entry["caption"])
    assert "?" not in text and "for discussion" not in text.casefold(), \
        f"{entry['figure']}: caption asks a question; move it into a Markdown cell next to the figure"


@pytest.mark.parametrize("entry", per_figure())
def test_a_bootstrap_interval_is_described_by_its_seed_and_resamples(entry):
    caption = entry["caption"]
    if not any(word in caption.casefold() for word in ("bootstrap", "resampl")):  # "resamples", "resampling", ...
        return
    assert re.search(r"\bseed \d+", caption) and re.search(r"[\d,]+ resamples", caption), \
        f"{entry['figure']}: a bootstrap interval without its seed and number of resamples"


@pytest.mark.parametrize("entry", per_figure())
def test_a_percentage_is_written_with_a_space_before_its_sign(entry):
    """One style in every caption: "95 %", as most captions write it, never "95%"."""
    assert not re.search(r"\d%", entry["caption"]), f"{entry['figure']}: a percentage written without its space"


@pytest.mark.parametrize("entry", per_figure())
def test_a_caption_opens_with_its_bold_title(entry):
    assert re.match(r"\*\*Figure: [^*]+\.\*\* \S", entry["caption"]), f"{entry['figure']}: no '**Figure: ....**' title"


def test_translation_note_names_only_the_speakers_shown_who_did_not_speak_english():
    from analysis.figures import encoding

    speakers = pd.DataFrame({"speaker": ["Vladimir Putin", "Donald Trump", "Journalist", "Sauli Niinistö"],
                             "language": ["ru", "en", None, "xx"]})
    names = {"Vladimir Putin": "Putin", "Sauli Niinistö": "Niinistö"}
    assert encoding.translation_note(speakers, ["Donald Trump", "Journalist"], names) == ""
    note = encoding.translation_note(speakers, ["Sauli Niinistö", "Vladimir Putin", "Donald Trump"], names, what="Scores")
    assert note == ("Scores of speakers who did not speak English are those of the transcript's English translation: "
                    "Putin (Russian), Niinistö (xx).")  # speakers.csv order; an unknown code shown as it is


def test_zero_in_view_moves_a_zero_limit_off_the_axis_line_and_leaves_others():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.figures import style

    fig, ax = plt.subplots()
    ax.set_xlim(0, 1)
    style.zero_in_view(ax)
    assert ax.get_xlim()[0] < 0 and ax.get_xlim()[1] == 1
    ax.set_ylim(-0.5, 1)
    style.zero_in_view(ax, axis="y")
    assert ax.get_ylim() == (-0.5, 1)
    plt.close(fig)
