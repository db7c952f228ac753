"""The package's import graph runs one way: foundations → corpus → annotation → analyses → figures → tools.

The annotation step is the topic coding (``topic_coding``), the sentiment scoring (``sentiment_scoring``) and
``annotation``, which applies both once per corpus; the analyses (topic share, sentiment aggregates, speaking
time, coverage, ...) may import it and receive its table as an argument; the figures draw what the analyses
compute; the tools (report, catalogue, HTML edition, benchmark) sit on top. No module imports one of a later layer.
"""

import ast
from pathlib import Path

from analysis import paths

PACKAGE = paths.PROJECT_ROOT / "analysis"
LAYERS = [
    {"paths", "errors", "tables", "files", "text", "characters", "resampling", "outputs"},
    {"schema", "segments", "journalists", "corpus", "check", "__init__"},
    {"units", "topic_coding", "sentiment_scoring", "vader_fast", "annotation"},
    {"topics", "sentiment", "speaking_time", "coverage", "concordance", "overview"},  # and any module not named
    {"figures"},
    {"catalogue", "html_edition", "run_notebooks", "bench", "__main__", "report_graph"},
]


def module_name(path: Path) -> str:
    """'corpus', 'figures.style'; a package's ``__init__`` is the package ('figures'; the root is '__init__')."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


ANALYSES = 3
"""A module named in no layer is an analysis: adding an analysis is a module, a figures module, a notebook and a
test, with no list to edit here. A new foundation, corpus or tool module that is not named shows up as an arrow
the wrong way (a corpus module importing an "analysis") and must then be named in its layer."""


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    found = [k for k, layer in enumerate(LAYERS) if top in layer]
    return found[0] if found else ANALYSES


def imports_of(path: Path) -> set[str]:
    """The package modules a module imports (relative and absolute imports; ``from . import x`` names x)."""
    package = list(path.relative_to(PACKAGE).parent.parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
            elif node.module and node.module.split(".")[0] == "analysis":
                base = []
            else:
                continue
            target = [*base, *(node.module.split(".") if node.module else [])]
            target = target[1:] if target[:1] == ["analysis"] else target
            for alias in node.names:
                candidate = [*target, alias.name]
                is_module = (PACKAGE.joinpath(*candidate).with_suffix(".py").exists()
                             or (PACKAGE.joinpath(*candidate) / "__init__.py").exists())
                found.add(".".join(candidate if is_module else target))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("analysis.") for a in node.names if a.name.startswith("analysis.")}
    return {m for m in found if m}


def test_every_import_of_the_package_points_down_the_layers():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for imported in imports_of(path):
            if layer_of(imported) > layer_of(module):
                wrong.append(f"analysis/{module} imports {imported}")
    assert not wrong, wrong


def test_a_module_named_in_no_layer_is_an_analysis_and_cannot_be_imported_from_below():
    assert layer_of("a_new_analysis") == layer_of("topics") == ANALYSES
    assert layer_of("a_new_analysis") > layer_of("annotation") > layer_of("corpus")
    assert layer_of("figures.a_new_analysis") > layer_of("a_new_analysis")


def test_the_layers_hold_what_they_should():
    """The check above could pass vacuously; this pins a few real arrows and the figures' place."""
    graph = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}
    assert "corpus" in graph["annotation"] and {"topic_coding", "sentiment_scoring"} <= graph["annotation"]
    assert "topic_coding" in graph["topics"] and "sentiment_scoring" in graph["sentiment"]
    assert "figures.publish" in graph["figures.encoding"] or "figures.style" in graph["figures.encoding"]
    assert not any(m.startswith("figures") for m in graph["topics"] | graph["sentiment"] | graph["corpus"])
    assert "figures.captions" in graph["catalogue"]
