"""Every path the project uses, built from this package's own location.

Notebooks, tests and scripts import these names instead of writing paths, so they work from any
working directory. Data files are named here once, relative to a data folder, and found with
:func:`data_file`: ``data_dir`` arguments elsewhere (``load_corpus``, ``topics.read_codebook``, ...) default to
:data:`DATA_DIR`.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR_NAME = "raw"
RAW_DIR = DATA_DIR / RAW_DIR_NAME
PROCESSED_DIR = DATA_DIR / "processed"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
HTML_DIR = PROJECT_ROOT / "html"  # the HTML edition (python -m analysis html)
HTML_TEMPLATE_DIR = Path(__file__).resolve().parent / "html_template"  # its nbconvert template and stylesheet
START_NOTEBOOK = NOTEBOOKS_DIR / "00_start_here.ipynb"  # where python -m analysis lab opens
BROWSER_CHECK = PROJECT_ROOT / "tests" / "jupyterlab_figures.py"  # every figure rendered in JupyterLab, in Chromium

# Data files, relative to a data directory (so a test or a student can point the loader at a copy).
MANIFEST_FILE = "corpus.csv"
EVENTS_FILE = "events.csv"
SPEAKERS_FILE = "speakers.csv"
ROLES_FILE = "roles.csv"
DOCUMENT_LABELS_FILE = "document_labels.csv"
COMPARISON_FILE = "comparison.csv"
EXCLUSIONS_FILE = "exclusions.csv"
ABBREVIATIONS_FILE = "abbreviations.csv"
OUTLETS_FILE = "outlets.csv"
DURATIONS_FILE = "durations.csv"
NOT_LABELS_FILE = "not_labels.csv"
TOPICS_FILE = "topics.csv"  # the topic codebook
MASKED_WORDS_FILE = "sentiment_masked_words.csv"  # words masked in the sentiment lexicon audit
NEWS_NAMES_FILE = "news_names.csv"  # how news reports name the speakers they quote
OCCASION_CUES_FILE = "occasion_cues.csv"  # phrases that place a quote at another occasion
VALIDATION_DIR_NAME = "validation"  # coded samples; each sample's file is named in samples.csv
SAMPLES_FILE = f"{VALIDATION_DIR_NAME}/samples.csv"
SAMPLES_HISTORY_FILE = f"{VALIDATION_DIR_NAME}/samples_history.csv"  # who coded each sample, and what it may be reported as
BY_PEOPLE_DIR = f"{VALIDATION_DIR_NAME}/by_people"  # coding sheets filled by people (not by language models)
CLASS_CODING_EXAMPLE_FILE = f"{VALIDATION_DIR_NAME}/class_coding_worked_example.csv"  # the classroom exercise's example
ANALYSIS_FILES = (TOPICS_FILE, MASKED_WORDS_FILE, NEWS_NAMES_FILE, OCCASION_CUES_FILE, SAMPLES_FILE,
                  SAMPLES_HISTORY_FILE, CLASS_CODING_EXAMPLE_FILE)
"""The data files the analyses read (the rest are read by ``load_corpus`` and declared in ``schema.SCHEMAS``)."""


def data_file(name: str, data_dir: Path | str | None = None) -> Path:
    """A data file by its name above, in ``data_dir`` (a loaded corpus's ``corpus.data_dir``); :data:`DATA_DIR` when
    None. Every reader of a data file finds it this way, so a copy of the data folder is read whole."""
    return (Path(data_dir) if data_dir is not None else DATA_DIR) / name
