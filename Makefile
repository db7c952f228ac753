# Press-conference comparison suite. `make report` reruns every notebook; `make test` checks everything.
# Needs only Python 3.11+ and make; everything else is installed into .venv from requirements.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report check test unit notebooks lab html clean-venv

report: check  ## check the data, then execute every notebook in order, in place; writes figures/ and data/processed/
	$(PY) -m analysis.run_notebooks
	$(PY) -m analysis.catalogue

check: $(STAMP)  ## check every data file and transcript; print every problem at once, with the rows to paste
	$(PY) -m analysis.check

test: unit notebooks  ## unit tests, then strict nbval over the notebooks

unit: $(STAMP)
	$(PY) -m pytest tests

notebooks: $(STAMP)
	$(PY) -m pytest --nbval --nbval-current-env notebooks

html: $(STAMP)  ## the executed notebooks as HTML pages in html/ (not committed), for readers without Jupyter
	$(VENV)/bin/jupyter nbconvert --to html --output-dir html notebooks/*.ipynb

lab: $(STAMP)  ## open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -c 'import matplotlib.font_manager'  # build the font cache now, not inside a notebook cell
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
