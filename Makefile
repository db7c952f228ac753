# Press-conference comparison suite. `make report` reruns every notebook; `make test` checks everything.
# Everything here is `python -m analysis COMMAND` after the install below; see the README for Windows.
# Needs only Python 3.11+ and make; everything else is installed into .venv from requirements.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report check test unit notebooks browser lab html clean-venv

# Each target is a command of `python -m analysis` (the same commands without make, e.g. on Windows).
report: $(STAMP)  ## check the data, run every notebook in order, in place; write figures/, data/processed/ and html/
	$(PY) -m analysis report

check: $(STAMP)  ## check every data file and transcript; print every problem at once, with the rows to paste
	$(PY) -m analysis check

test: $(STAMP)  ## unit tests, strict nbval over the notebooks, then every figure checked in JupyterLab in Chromium
	$(PY) -m analysis test

unit notebooks browser: $(STAMP)
	$(PY) -m analysis test $@

html: $(STAMP)  ## the HTML edition (html/index.html) from the executed notebooks
	$(PY) -m analysis html

lab: $(STAMP)  ## open JupyterLab at the repository root on notebooks/00_start_here.ipynb
	$(PY) -m analysis lab

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -c 'import matplotlib.font_manager'  # build the font cache now, not inside a notebook cell
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)
