"""``make report`` as a dependency graph: what each step reads (analysis/report_graph.py), and what make decides.

The graph is computed on a small made-up project in a temporary folder (a package with a subpackage, notebooks of
one cell, a few data files), so that the tests do not change when the real notebooks do; the real Makefile is then
run there with a stand-in for ``python -m analysis report --step`` that only touches the stamp. No notebook is
executed.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths, report_graph

FILES = {
    "analysis/__init__.py": "from .corpus import load_corpus\n",
    "analysis/corpus.py": "from . import paths\nfrom .errors import CorpusError\n\ndef load_corpus(): ...\n",
    "analysis/errors.py": "class CorpusError(Exception): ...\n",
    "analysis/paths.py": "ROOT = None\n",
    "analysis/check.py": "from .corpus import load_corpus\n",
    "analysis/text.py": "def words(t): return t.split()\n",
    "analysis/topics.py": "from .text import words\n",
    "analysis/sentiment.py": "def lazy():\n    from . import resampling\n",
    "analysis/resampling.py": "",
    "analysis/plotting.py": "from . import paths\n",
    "analysis/catalogue.py": "from .plotting import paths\n",
    "analysis/html_edition.py": ("from .catalogue import paths\n"
                                 "MARKDOWN_PAGES = {'docs/glossary.md': ('glossary.html', 'Glossary'),\n"
                                 "                  'README.md': ('readme.html', 'README')}\n"),
    "analysis/html_template/style.css": "body {}\n",
    "analysis/figures/__init__.py": "",
    "analysis/figures/topics.py": "from .style import LOOK\nfrom .. import paths\n",
    "analysis/figures/style.py": "from analysis.plotting import paths as LOOK\n",
    "data/speakers.csv": "speaker\n",
    "data/raw/geneva.txt": "PUTIN: Hello.\n",
    "data/validation/sample.csv": "doc_id\n",
    "data/processed/turns.csv": "written by a notebook\n",
    "data/README.md": "# Data\n",
    "figures/share.png": "png",
    "figures/share.caption.json": "{}",
    "figures/README.md": "# Figures\n",
    "docs/glossary.md": "# Glossary\n",
    "docs/notes.md": "# Not published\n",
    "README.md": "# Project\n",
    "requirements.txt": "pandas==2.2.3\n",
    "pyproject.toml": "[project]\nname = 'analysis'\n",
}
NOTEBOOKS = {  # name -> its one code cell
    "10_topics": "from analysis import load_corpus, topics\n%matplotlib inline\n!ls data\ncorpus = load_corpus()",
    "20_figures": "from analysis.figures import topics as topic_figures",
    "30_sentiment": "import importlib\nif importlib.util.find_spec('analysis.sentiment'):\n    from analysis import sentiment",
    "40_plain": "import analysis.plotting",
}
# Stands in for `python -m analysis report --step NAME` in the made-up project: no work, only the stamp.
FAKE_MAIN = """import sys
from analysis import report_graph

name = sys.argv[sys.argv.index("--step") + 1]
if name == "check" and (report_graph.ROOT / "FAIL_CHECK").exists():
    print("a problem in the data")
    sys.exit(1)
if name.startswith("notebooks/") and (report_graph.ROOT / "SPLIT_FIGURES").exists():
    for old in report_graph.ROOT.glob("figures/share.*"):  # the figure is now drawn in parts
        old.rename(old.with_name(old.name.replace("share", "share_part1")))
print(f"ran {name}")
report_graph.mark_done(next(s for s in report_graph.steps() if s.name == name), 0.5, log=True)
"""


def notebook(code: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "source": ["# Title"], "metadata": {}},
                                 {"cell_type": "code", "source": code.splitlines(keepends=True), "metadata": {},
                                  "outputs": [], "execution_count": None}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def project(tmp_path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    for name, code in NOTEBOOKS.items():
        (tmp_path / "notebooks" / f"{name}.ipynb").write_text(notebook(code), encoding="utf-8")
    return tmp_path


def inputs(root: Path) -> dict[str, list[str]]:
    return {step.label: step.inputs for step in report_graph.steps(root)}


def test_a_notebook_depends_on_the_modules_it_imports_and_what_they_import(project):
    topics = inputs(project)["10_topics.ipynb"]
    assert {"notebooks/10_topics.ipynb", "analysis/topics.py", "analysis/text.py",
            "analysis/__init__.py", "analysis/corpus.py", "analysis/errors.py", "analysis/paths.py"} <= set(topics)
    for other in ("analysis/html_edition.py", "analysis/catalogue.py", "analysis/sentiment.py", "analysis/plotting.py",
                  "analysis/figures/topics.py", "analysis/check.py", "notebooks/20_figures.ipynb"):
        assert other not in topics


def test_data_files_are_inputs_but_not_what_the_notebooks_write(project):
    for label, files in inputs(project).items():
        if label == "check" or label.endswith(".ipynb"):
            assert {"data/speakers.csv", "data/raw/geneva.txt", "data/validation/sample.csv", "requirements.txt"} <= set(files)
        assert "data/processed/turns.csv" not in files and "figures/README.md" not in files
        assert not any(f.startswith("html/") for f in files)


def test_subpackages_and_relative_imports(project):
    figures = set(inputs(project)["20_figures.ipynb"])
    assert {"analysis/figures/__init__.py", "analysis/figures/topics.py", "analysis/figures/style.py",
            "analysis/plotting.py", "analysis/paths.py", "analysis/__init__.py"} <= figures  # parents run first
    assert "analysis/topics.py" not in figures and "analysis/text.py" not in figures


def test_imports_inside_functions_and_ifs_and_module_names_as_strings_count(project):
    sentiment = set(inputs(project)["30_sentiment.ipynb"])
    assert {"analysis/sentiment.py", "analysis/resampling.py"} <= sentiment  # resampling: imported inside a function
    plain = set(inputs(project)["40_plain.ipynb"])
    assert "analysis/plotting.py" in plain and "analysis/sentiment.py" not in plain


def test_a_notebook_that_cannot_be_read_depends_on_the_whole_package(project):
    (project / "notebooks" / "50_broken.ipynb").write_text(notebook("from analysis import (topics"), encoding="utf-8")
    (project / "notebooks" / "60_computed.ipynb").write_text(
        notebook("import importlib\nmodule = importlib.import_module('analysis.' + name)"), encoding="utf-8")
    package = {f"analysis/{p.relative_to(project / 'analysis').as_posix()}" for p in (project / "analysis").rglob("*.py")}
    assert package <= set(inputs(project)["50_broken.ipynb"])
    assert package <= set(inputs(project)["60_computed.ipynb"])


def test_the_check_reads_data_and_its_own_modules_only(project):
    check = set(inputs(project)["check"])
    assert {"analysis/check.py", "analysis/corpus.py", "data/speakers.csv"} <= check
    assert not {"analysis/topics.py", "analysis/html_edition.py"} & check
    assert not any(f.startswith(("notebooks/", "figures/", ".report/")) for f in check)


def test_the_catalogue_and_the_edition_come_after_every_notebook(project):
    steps = report_graph.steps(project)
    assert [s.name for s in steps] == ["check", *(f"notebooks/{n}.ipynb" for n in NOTEBOOKS), "catalogue", "html"]
    stamps = [s.stamp for s in steps if s.name.startswith("notebooks/")]
    catalogue, html = steps[-2].inputs, steps[-1].inputs
    assert set(stamps) <= set(catalogue) and set(stamps) <= set(html)
    assert {"figures/share.png", "figures/share.caption.json", "analysis/catalogue.py"} <= set(catalogue)
    assert {"README.md", "docs/glossary.md", "analysis/html_template/style.css", "analysis/html_edition.py",
            "notebooks/10_topics.ipynb", "figures/share.caption.json"} <= set(html)
    assert "docs/notes.md" not in html and "data/speakers.csv" not in html  # not published, not read


def test_a_notebook_declared_to_read_another_s_outputs_runs_after_it(project, monkeypatch):
    monkeypatch.setattr(report_graph, "READS_OUTPUTS_OF", {"10_topics": ("40_plain",)})
    steps = report_graph.steps(project)
    names = [s.name for s in steps]
    assert names.index("notebooks/40_plain.ipynb") < names.index("notebooks/10_topics.ipynb")
    assert ".report/notebooks/40_plain.done" in next(s for s in steps if s.name == "notebooks/10_topics.ipynb").inputs
    monkeypatch.setattr(report_graph, "READS_OUTPUTS_OF", {"10_topics": ("99_missing",)})
    with pytest.raises(ValueError, match="99_missing"):
        report_graph.steps(project)
    monkeypatch.setattr(report_graph, "READS_OUTPUTS_OF", {"10_topics": ("40_plain",), "40_plain": ("10_topics",)})
    with pytest.raises(ValueError, match="its own outputs"):
        report_graph.steps(project)


def test_the_real_notebooks_depend_on_no_output_and_no_report_machinery():
    steps = report_graph.steps()
    notebooks = [s for s in steps if s.name.startswith("notebooks/")]
    assert [s.label for s in notebooks] == [p.name for p in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))]
    for step in notebooks:
        assert step.name in step.inputs and "analysis/__init__.py" in step.inputs
        assert not any(f.startswith(("data/processed/", "figures/", "html/")) for f in step.inputs)
        assert not {"analysis/html_edition.py", "analysis/run_notebooks.py", "analysis/report_graph.py"} & set(step.inputs)
    html = next(s for s in steps if s.name == "html")
    assert {"README.md", "data/README.md", "docs/glossary.md", "analysis/html_template/style.css"} <= set(html.inputs)


def test_python_decides_as_make_does_from_the_stamps(project):
    steps = report_graph.steps(project)
    report_graph.record_inputs(steps, project)
    assert all(report_graph.out_of_date(s, project) for s in steps)  # no stamps: everything runs
    for step in steps:
        report_graph.mark_done(step, None, project)
    settle(project)
    assert not any(report_graph.out_of_date(s, project) for s in steps)
    os.utime(project / "analysis" / "topics.py")
    assert [s.name for s in steps if report_graph.out_of_date(s, project)] == ["notebooks/10_topics.ipynb"]
    (project / "data" / "raw" / "new.txt").write_text("new", encoding="utf-8")
    os.utime(project / "data" / "raw" / "new.txt", (0, 0))  # added with an old time (copied with cp -p)
    steps = report_graph.steps(project)
    report_graph.record_inputs(steps, project)
    assert {s.name for s in steps if report_graph.out_of_date(s, project)} == {
        "check", *(f"notebooks/{n}.ipynb" for n in NOTEBOOKS)}


def settle(root: Path, seconds: float = 30) -> None:
    """Move every file back in time, stamps last (so they stay newest): a file touched now is then newer than
    any stamp, whatever the clock's resolution."""
    report = root / report_graph.REPORT_DIR
    for path in sorted(root.rglob("*"), key=lambda p: p.is_relative_to(report)):
        if path.is_file():
            stat = path.stat()
            shift = int(seconds * 1e9) * (1 if path.is_relative_to(report) else 2)
            os.utime(path, ns=(stat.st_atime_ns - shift, stat.st_mtime_ns - shift))


# -- the real Makefile in the made-up project --------------------------------------------------------------------

@pytest.fixture
def made(project) -> Path:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copy(paths.PROJECT_ROOT / "Makefile", project / "Makefile")
    shutil.copy(paths.PROJECT_ROOT / "analysis" / "report_graph.py", project / "analysis" / "report_graph.py")
    (project / "analysis" / "__main__.py").write_text(FAKE_MAIN, encoding="utf-8")
    (project / ".venv").mkdir()
    settle(project)
    (project / ".venv" / ".installed").touch()  # installed after requirements.txt: make does not install
    return project


def make(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["make", "--no-print-directory", f"PY={sys.executable}", *args], cwd=root,
                            capture_output=True, text=True)
    settle(root)
    return result


def ran(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return [line.removeprefix("ran ") for line in result.stdout.splitlines() if line.startswith("ran ")]


def test_make_reruns_only_what_changed(made):
    everything = ["check", *(f"notebooks/{n}.ipynb" for n in NOTEBOOKS), "catalogue", "html"]
    assert ran(make(made, "report")) == everything  # no stamps: a fresh clone runs everything, in order
    again = make(made, "report")
    assert ran(again) == [] and "10_topics.ipynb: up to date" in again.stdout and "Nothing needed rerunning" in again.stdout
    assert make(made, "-q", *(s.stamp for s in report_graph.steps(made))).returncode == 0  # make agrees: all done

    os.utime(made / "analysis" / "topics.py")
    result = make(made, "report")
    assert ran(result) == ["notebooks/10_topics.ipynb", "catalogue", "html"]
    assert "10_topics.ipynb: rerun (0.5 s)" in result.stdout and "20_figures.ipynb: up to date" in result.stdout

    os.utime(made / "analysis" / "figures" / "style.py")
    assert ran(make(made, "report")) == ["notebooks/20_figures.ipynb", "catalogue", "html"]

    os.utime(made / "data" / "speakers.csv")
    assert ran(make(made, "report")) == everything[:-2] + ["catalogue", "html"]

    for unread in ("data/processed/turns.csv", "docs/notes.md", "figures/README.md"):
        os.utime(made / unread)
    assert ran(make(made, "report")) == []
    os.utime(made / "README.md")
    assert ran(make(made, "report")) == ["html"]
    os.utime(made / "analysis" / "check.py")
    assert ran(make(made, "report")) == ["check"]


def test_make_notices_files_added_or_removed_whatever_their_times(made):
    ran(make(made, "report"))
    (made / "data" / "raw" / "anchorage.txt").write_text("TRUMP: Hi.\n", encoding="utf-8")
    os.utime(made / "data" / "raw" / "anchorage.txt", (0, 0))
    assert "check" in ran(make(made, "report"))
    (made / "data" / "raw" / "anchorage.txt").unlink()
    assert ran(make(made, "report"))[:2] == ["check", "notebooks/10_topics.ipynb"]
    (made / "notebooks" / "40_plain.ipynb").unlink()  # the edition's list of notebooks changes
    assert ran(make(made, "report")) == ["catalogue", "html"]
    (made / "analysis" / "figures" / "style.py").write_text("from analysis import topics as LOOK\n", encoding="utf-8")
    assert ran(make(made, "report")) == ["notebooks/20_figures.ipynb", "catalogue", "html"]
    os.utime(made / "analysis" / "text.py")  # now imported by notebook 20 too, through figures/style.py
    assert ran(make(made, "report")) == ["notebooks/10_topics.ipynb", "notebooks/20_figures.ipynb", "catalogue", "html"]


def test_a_notebook_that_removes_a_figure_does_not_stop_make(made):
    """With more events a figure is drawn in parts: the notebook removes ``share.*`` and writes ``share_part1.*``
    while make runs, after the list of the catalogue's inputs was read. Make must go on (a listed input that has
    gone counts as changed) and rerun the catalogue and the edition."""
    ran(make(made, "report"))
    (made / "SPLIT_FIGURES").touch()
    os.utime(made / "analysis" / "figures" / "style.py")
    result = make(made, "report")
    assert ran(result) == ["notebooks/20_figures.ipynb", "catalogue", "html"], result.stderr
    assert (made / "figures" / "share_part1.caption.json").exists()
    assert ran(make(made, "report")) == []


def test_make_stops_on_a_problem_in_the_data_before_any_notebook(made):
    (made / "FAIL_CHECK").touch()
    result = make(made, "report")
    assert result.returncode != 0 and "a problem in the data" in result.stdout and "ran " not in result.stdout
    (made / "FAIL_CHECK").unlink()
    assert ran(make(made, "report"))[0] == "check"


def test_deleting_the_stamps_reruns_everything_and_make_n_runs_nothing(made):
    ran(make(made, "report"))
    shutil.rmtree(made / ".report")
    dry = make(made, "-n", "report")
    assert dry.returncode == 0 and dry.stdout.count("-m analysis report --step") == 1 + len(NOTEBOOKS) + 2
    assert not (made / ".report" / "check.done").exists()
    assert len(ran(make(made, "report"))) == 1 + len(NOTEBOOKS) + 2


def test_parallel_make_runs_the_steps_one_at_a_time_in_order(made):
    assert ran(make(made, "-j4", "report")) == ["check", *(f"notebooks/{n}.ipynb" for n in NOTEBOOKS), "catalogue", "html"]
