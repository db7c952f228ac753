"""Every path the project uses, built from this package's own location.

Notebooks, tests and scripts import these names instead of writing paths, so they work from any
working directory. ``data_dir`` arguments elsewhere default to :data:`DATA_DIR`.
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
