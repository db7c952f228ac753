import shutil
from pathlib import Path

import pytest

from analysis import load_corpus, paths


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ (without processed outputs) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("processed"))
    return target
