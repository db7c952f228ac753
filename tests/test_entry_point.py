"""``python -m analysis``: one entry point for every system (the Makefile only calls it)."""

import os
import re
import subprocess
import sys

import pytest

from analysis import __main__ as entry
from analysis import paths


def test_every_make_target_that_does_work_calls_the_entry_point():
    makefile = (paths.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "test", "html", "lab"):
        recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, flags=re.M)
        assert recipe and f"-m analysis {target}" in recipe.group(1), f"make {target} should run python -m analysis {target}"
    steps = re.findall(r"^\$\(REPORT\)/(\S+)\.done:.*\n\t(.+)$", makefile, flags=re.M)
    assert {name for name, _ in steps} == {"check", "notebooks/%", "catalogue", "html"}
    for name, recipe in steps:  # make report: each step out of date is one python -m analysis report --step
        assert f"-m analysis report --step {name.replace('%', '$*.ipynb')}" in recipe, recipe


def steps_of(*names):
    from analysis.report_graph import Step

    return [Step(n, n.removeprefix("notebooks/"), f".report/{n}.done") for n in names]


@pytest.mark.parametrize("argv, out_of_date, expected", [
    ([], set(), []),
    ([], {"notebooks/02_b.ipynb"}, ["notebooks/02_b.ipynb", "catalogue", "html"]),
    ([], {"check", "html"}, ["check", "html"]),
    (["--all"], set(), ["check", "notebooks/01_a.ipynb", "notebooks/02_b.ipynb", "catalogue", "html"]),
    (["01_a.ipynb"], {"notebooks/02_b.ipynb"}, ["notebooks/01_a.ipynb", "catalogue", "html"]),
    (["notebooks/02_b.ipynb"], {"check"}, ["check", "notebooks/02_b.ipynb", "catalogue", "html"]),
])
def test_report_without_make_runs_what_make_would(argv, out_of_date, expected, monkeypatch, capsys):
    from analysis import report_graph

    ran = []
    monkeypatch.chdir(paths.PROJECT_ROOT)
    monkeypatch.setattr(report_graph, "steps", lambda: steps_of("check", "notebooks/01_a.ipynb", "notebooks/02_b.ipynb",
                                                                  "catalogue", "html"))
    monkeypatch.setattr(report_graph, "record_inputs", lambda steps: None)
    # as the stamps would say: out of date as given, and the catalogue and the edition after a notebook has run
    monkeypatch.setattr(report_graph, "out_of_date", lambda step: step.name in out_of_date or (
        step.name in ("catalogue", "html") and any(n.startswith("notebooks/") for n in ran)))
    monkeypatch.setattr(entry, "run_step", lambda step, log=False: ran.append(step.name) or 0)
    assert entry.report(argv) == 0
    assert ran == expected
    out = capsys.readouterr().out.splitlines()
    for step in steps_of("check", "notebooks/01_a.ipynb", "notebooks/02_b.ipynb", "catalogue", "html"):
        if step.name not in ran:  # each step not run is named, as up to date or as not asked for
            assert f"{step.label}: up to date" in out or f"{step.label}: out of date, not rerun (not named)" in out


def test_report_stops_when_the_check_finds_a_problem(monkeypatch, capsys):
    from analysis import report_graph

    monkeypatch.setattr(entry, "check", lambda extra: 1)
    monkeypatch.setattr(report_graph, "mark_done", lambda *args, **kwargs: pytest.fail("no stamp for a failed check"))
    step = report_graph.Step("check", "check", ".report/check.done")
    assert entry.run_step(step) == 1
    assert "make report stopped" in capsys.readouterr().err


def test_report_refuses_a_name_that_is_no_notebook_or_step(capsys):
    with pytest.raises(SystemExit):
        entry.report(["no_such_notebook.ipynb"])
    with pytest.raises(SystemExit):
        entry.report(["--step", "everything"])
    assert "not a step" in capsys.readouterr().err


def test_unknown_command_is_refused_with_the_list_of_commands():
    result = subprocess.run([sys.executable, "-m", "analysis", "reprot"], capture_output=True, text=True)
    assert result.returncode == 2 and all(c in result.stderr for c in entry.COMMANDS)


def test_check_runs_from_any_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "check"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems" in result.stdout


def test_lab_opens_the_start_notebook_at_the_repository_root():
    arguments = entry.lab_arguments()
    assert f"--ServerApp.root_dir={paths.PROJECT_ROOT}" in arguments
    assert (paths.PROJECT_ROOT / entry.START_NOTEBOOK).exists() and entry.START_NOTEBOOK in arguments
    assert ("--allow-root" in arguments) == (hasattr(os, "geteuid") and os.geteuid() == 0)


@pytest.mark.parametrize("part", ["unit", "notebooks", "browser"])
def test_each_part_of_the_tests_can_be_run_alone(part, monkeypatch):
    ran = []
    monkeypatch.setattr(entry, "run", lambda *args: ran.append(args) or 0)
    assert entry.test([part]) == 0
    assert len(ran) == 1 and (part != "browser" or ran[0] == (str(entry.BROWSER_SCRIPT),))


def test_a_missing_browser_is_reported_as_skipped_not_passed(monkeypatch, capsys):
    monkeypatch.delenv(entry.REQUIRE_BROWSER, raising=False)
    monkeypatch.setattr(entry, "run", lambda *args: entry.BROWSER_SKIPPED if args == (str(entry.BROWSER_SCRIPT),) else 0)
    assert entry.test([]) == 0
    assert "SKIPPED the browser check" in capsys.readouterr().out


def test_a_missing_browser_fails_where_the_browser_check_is_required(monkeypatch):
    monkeypatch.setattr(entry, "run", lambda *args: entry.BROWSER_SKIPPED if args == (str(entry.BROWSER_SCRIPT),) else 0)
    monkeypatch.setenv(entry.REQUIRE_BROWSER, "1")
    assert entry.test([]) == 1
