# Press-conference comparison suite. `make report` reruns what changed; `make test` checks everything.
# Everything here is `python -m analysis COMMAND` after the install below; see the README for Windows.
# Needs only Python 3.11+ and make; everything else is installed into .venv from requirements.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report check test unit notebooks browser lab html clean-venv

# Each target is a command of `python -m analysis` (the same commands without make, e.g. on Windows).
report: $(STAMP)  ## check the data, run the notebooks, write figures/, data/processed/ and html/: what changed
	@$(PY) -P analysis/report_graph.py summary

# `make report` as make's own rules: one stamp per step in .report/ (git-ignored), touched by the step when it
# succeeds; a step reruns when its stamp is older than one of its inputs. .report/deps.mk lists the inputs of each
# step (data files, the package modules it imports, the notebook itself...): analysis/report_graph.py writes it
# before every run, rewriting it only when a list changed. `make -B report` or deleting .report/ reruns everything.
# The check runs before any notebook (order only: a check rerun does not rerun the notebooks) and stops the report
# on a problem. Serial: notebooks run in order, and each run clears the half-written files of an interrupted one.
REPORT := .report
ifneq ($(filter report $(REPORT)/%,$(or $(MAKECMDGOALS),report)),)
include $(REPORT)/deps.mk
endif
report: $(REPORT_STEPS)
$(REPORT)/deps.mk: FORCE | $(STAMP)
	@$(PY) -P analysis/report_graph.py makefile
FORCE:
.NOTPARALLEL:

$(REPORT)/check.done: | $(STAMP)
	$(PY) -m analysis report --step check
$(REPORT)/notebooks/%.done: | $(STAMP)
	$(PY) -m analysis report --step notebooks/$*.ipynb
$(REPORT)/catalogue.done: | $(STAMP)
	$(PY) -m analysis report --step catalogue
$(REPORT)/html.done: | $(STAMP)
	$(PY) -m analysis report --step html

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
