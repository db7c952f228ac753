"""Committed notebooks: executed, deterministic metadata, no path tricks, no downloads."""

import json

import pytest

from analysis import paths
from analysis.run_notebooks import notebooks

NOTEBOOKS = notebooks()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:2] == ["00_start_here.ipynb", "01_corpus_overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_executed_and_clean(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert "version" not in notebook["metadata"].get("language_info", {})
    code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code_cells] == list(range(1, len(code_cells) + 1))
    for cell in code_cells:
        source = "".join(cell["source"])
        assert "sys.path" not in source and "nltk.download" not in source and "os.chdir" not in source
        assert "execution" not in cell["metadata"]
        assert not any(o.get("name") == "stderr" for o in cell["outputs"]), "a cell printed a warning"
        assert not any(o["output_type"] == "error" for o in cell["outputs"])


def test_notebooks_live_where_paths_says():
    assert all(p.parent == paths.NOTEBOOKS_DIR for p in NOTEBOOKS)


def test_prints_cut_into_several_messages_are_stored_as_one_output():
    import nbformat

    from analysis.run_notebooks import joined_streams

    stream = lambda name, text: nbformat.v4.new_output("stream", name=name, text=text)
    picture = nbformat.v4.new_output("display_data", data={"text/plain": "x"})
    outputs = [stream("stdout", "a\n"), stream("stdout", "b\n"), stream("stderr", "warn\n"), stream("stderr", "more\n"),
               picture, stream("stdout", "c\n")]
    joined = joined_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in joined] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warn\nmore\n"), ("display_data", None, None),
        ("stream", "stdout", "c\n")]
