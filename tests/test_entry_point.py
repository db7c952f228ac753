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
    for target in ("report", "check", "test", "html", "lab"):
        recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, flags=re.M)
        assert recipe and f"-m analysis {target}" in recipe.group(1), f"make {target} should run python -m analysis {target}"


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
