"""What each step of ``make report`` reads, so that a step reruns only when something it reads has changed.

The steps: the data check, each notebook, the figure catalogue (``figures/README.md``) and the HTML edition
(``html/``). Each has a stamp file in ``.report/`` (git-ignored), written when the step succeeds; a step is out of
date when its stamp is missing or older than one of its inputs:

- the data check: every data file (``data/*.csv``, everything under ``data/raw/`` and ``data/validation/``; never
  ``data/processed/``, which the notebooks write) and the package modules ``analysis.check`` imports;
- a notebook: its own file, every data file, the package modules it imports (found in its code cells with
  :mod:`ast`, then followed through the package's own imports, parent packages included), and the stamps of the
  notebooks it reads the outputs of (:data:`READS_OUTPUTS_OF`);
- the catalogue and the HTML edition: every notebook's stamp, the modules they import, the figures folder, and
  for the edition the Markdown files it publishes (``MARKDOWN_PAGES`` of ``html_edition.py``) and its template;
- every step: ``requirements.txt`` (other library versions, other outputs), and the list of its inputs
  (``.report/NAME.inputs``, rewritten only when the list changes), so that a file added or removed counts even when
  its modification time is old.

``make report`` includes :func:`makefile`'s rules (``.report/deps.mk``) and lets make decide; ``python -m analysis
report`` (no make, e.g. on Windows) decides with :func:`out_of_date` from the same lists. This module uses only the
standard library and does not import the package (whose ``__init__`` loads pandas and NLTK), so that make runs it
in a fraction of a second: ``python -P analysis/report_graph.py makefile | summary``.
"""

from __future__ import annotations

import ast
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # as paths.PROJECT_ROOT, without importing the package
PACKAGE = "analysis"
REPORT_DIR = ".report"
ENVIRONMENT = ("requirements.txt",)  # the pinned library versions: another version may draw another figure
RAN_LOG = "ran.log"  # the steps run since make report started, with their seconds (for the summary)

READS_OUTPUTS_OF: dict[str, tuple[str, ...]] = {}
"""Notebook -> notebooks whose outputs (``data/processed/``, ``figures/``) it reads, by file name without
``.ipynb``, e.g. ``{"90_solutions": ("01_corpus_overview",)}``. Such a notebook runs after those and reruns when
they rerun. Today no notebook reads another's outputs: each computes what it needs from the data."""


@dataclass
class Step:
    name: str  # "check", "notebooks/04_topics.ipynb", "catalogue", "html": what python -m analysis report --step takes
    label: str  # what the user reads: "check", "04_topics.ipynb", "figures/README.md", "html/"
    stamp: str  # relative to the root
    inputs: list[str] = field(default_factory=list)  # files relative to the root, sorted, stamps of other steps last
    after: list[str] = field(default_factory=list)  # stamps of steps that must succeed first, without being inputs

    @property
    def inputs_list(self) -> str:
        return self.stamp.removesuffix(".done") + ".inputs"


# -- the package's import graph -----------------------------------------------------------------------------------

def package_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package, subpackages included: dotted name -> file (``analysis.figures`` -> its
    ``__init__.py``)."""
    modules = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "__pycache__" in parts or not all(p.isidentifier() for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if all((root.joinpath(*parts[:i]) / "__init__.py").exists() for i in range(1, len(parts))):
            modules[".".join(parts)] = path
    return modules


EVERYTHING = "*"  # an import that cannot be read (a computed module name, code that does not parse): the whole package


def imported(tree: ast.AST, module: str | None, is_package: bool, modules: dict[str, Path]) -> set[str]:
    """The package modules a parsed source imports, anywhere in it (inside functions and ``if`` too), with
    ``module`` its dotted name (None for a notebook). ``from a.b import c`` counts ``a.b`` and ``a.b.c`` when ``c``
    is a module; ``from a.b import *`` counts every module under ``a.b``; a string that names a package module (as
    given to ``importlib``) counts too, and a computed name counts the whole package."""
    found: set[str] = set()
    here = (module if is_package else module.rpartition(".")[0]) if module else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = here.split(".") if here else []
                if node.level - 1 > len(parts):
                    continue
                base = ".".join(parts[:len(parts) - (node.level - 1)] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            for alias in node.names:
                if alias.name == "*":
                    found |= {m for m in modules if m.startswith(base + ".")}
                else:
                    found.add(f"{base}.{alias.name}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in modules:
            found.add(node.value)
        elif (isinstance(node, ast.Call) and node.args and not isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")):
            found.add(EVERYTHING)
    return found


def with_parents(names: set[str], modules: dict[str, Path]) -> set[str]:
    """The names that are package modules, each with its parent packages (importing ``a.b.c`` runs ``a/__init__``
    and ``a/b/__init__`` first); the whole package for :data:`EVERYTHING`."""
    if EVERYTHING in names:
        return set(modules)
    kept = set()
    for name in names:
        parts = name.split(".")
        kept |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & set(modules)
    return kept


def import_graph(root: Path = ROOT) -> tuple[dict[str, Path], dict[str, set[str]]]:
    """The package's modules and, for each, the package modules it imports directly."""
    modules = package_modules(root)
    graph = {}
    for name, path in modules.items():
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, ValueError, UnicodeDecodeError):
            graph[name] = set(modules)  # the module will fail anyway; depend on everything rather than guess
            continue
        graph[name] = with_parents(imported(tree, name, path.name == "__init__.py", modules), modules) - {name}
    return modules, graph


def closure(start: set[str], graph: dict[str, set[str]]) -> set[str]:
    """``start`` and every package module it imports, directly or not."""
    seen, todo = set(), list(start)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    return seen


def module_files(names: set[str], modules: dict[str, Path], root: Path = ROOT) -> list[str]:
    """The files of the modules ``names``, and the other files in their packages' folders (a style sheet or a
    table a module reads beside itself), relative to the root."""
    files = {modules[n] for n in names}
    for folder in {f.parent for f in files}:
        files |= {p for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")
                  and not p.name.startswith(".")}
    return sorted(relative(p, root) for p in files)


# -- notebooks ----------------------------------------------------------------------------------------------------

def notebook_code(path: Path) -> str | None:
    """The code cells of a notebook as one Python source, IPython's ``%magic`` and ``!shell`` lines left out; None
    when the file is not a notebook that can be read."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    sources = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if source.lstrip().startswith("%%"):  # a cell magic: the cell may not be Python at all
            continue
        lines = [line if not line.lstrip().startswith(("%", "!")) else line[:len(line) - len(line.lstrip())] + "pass"
                 for line in source.splitlines()]
        sources.append("\n".join(lines))
    return "\n\n".join(sources)


def notebook_imports(path: Path, modules: dict[str, Path], graph: dict[str, set[str]]) -> set[str]:
    """Every package module a notebook imports, directly or through the package; the whole package when its code
    cannot be read."""
    code = notebook_code(path)
    try:
        tree = ast.parse(code, filename=str(path)) if code is not None else None
    except SyntaxError:
        tree = None
    names = imported(tree, None, False, modules) if tree is not None else {EVERYTHING}
    return closure(with_parents(names, modules), graph)


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """The notebooks, in the order of their names (as run_notebooks.notebooks)."""
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if not p.name.startswith("."))


def in_run_order(notebooks: list[Path]) -> list[Path]:
    """The notebooks in name order, except that one runs after the notebooks it reads the outputs of."""
    by_stem = {p.stem: p for p in notebooks}
    for stem, upstream in READS_OUTPUTS_OF.items():
        unknown = [u for u in upstream if u not in by_stem]
        if stem in by_stem and unknown:
            raise ValueError(f"READS_OUTPUTS_OF: {stem} reads the outputs of {', '.join(unknown)}, which is no notebook")
    ordered: list[Path] = []
    visiting: set[str] = set()

    def visit(path: Path) -> None:
        if path in ordered:
            return
        if path.stem in visiting:
            raise ValueError(f"READS_OUTPUTS_OF: {path.stem} reads its own outputs, through {', '.join(sorted(visiting))}")
        visiting.add(path.stem)
        for upstream in READS_OUTPUTS_OF.get(path.stem, ()):
            visit(by_stem[upstream])
        visiting.discard(path.stem)
        ordered.append(path)

    for path in notebooks:
        visit(path)
    return ordered


# -- the steps ----------------------------------------------------------------------------------------------------

def data_files(root: Path = ROOT) -> list[str]:
    """Every file the check and the notebooks may read in ``data/``: not ``data/processed/`` (written by the
    notebooks), nor hidden files (an editor's swap file)."""
    data = root / "data"
    found = [p for p in data.glob("*.csv")]
    for folder in ("raw", "validation"):
        found += [p for p in (data / folder).rglob("*") if p.is_file()]
    return sorted(relative(p, root) for p in found
                  if not any(part.startswith(".") for part in p.relative_to(data).parts) and ".partial-" not in p.name)


def published_markdown(root: Path = ROOT) -> list[str]:
    """The Markdown files the HTML edition publishes: the keys of ``MARKDOWN_PAGES`` in ``html_edition.py``, read
    from its source; if that is no longer a plain dictionary, every Markdown file of the repository's documents."""
    source = root / PACKAGE / "html_edition.py"
    try:
        for node in ast.parse(source.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "MARKDOWN_PAGES" for t in node.targets)):
                return sorted(str(key) for key in ast.literal_eval(node.value))
    except (OSError, SyntaxError, ValueError):
        pass
    found = [root / "README.md", *(root / "docs").glob("*.md"), *(root / "data").rglob("*.md")]
    return sorted(relative(p, root) for p in found if p.is_file() and "processed" not in p.parts)


def figure_files(root: Path = ROOT) -> list[str]:
    """What the notebooks wrote in ``figures/`` (not the catalogue, which is written from them)."""
    return sorted(relative(p, root) for p in (root / "figures").glob("*")
                  if p.is_file() and p.name != "README.md" and not p.name.startswith(".") and ".partial-" not in p.name)


def steps(root: Path = ROOT) -> list[Step]:
    """Every step of ``make report`` in the order ``python -m analysis report`` runs them, with its inputs."""
    modules, graph = import_graph(root)
    imports = lambda module: module_files(closure(with_parents({module}, modules), graph), modules, root)
    data = data_files(root)
    check = Step("check", "check", f"{REPORT_DIR}/check.done", sorted({*ENVIRONMENT, *data, *imports(f"{PACKAGE}.check")}))
    notebooks = []
    for path in in_run_order(notebook_paths(root)):
        upstream = [f"{REPORT_DIR}/notebooks/{stem}.done" for stem in READS_OUTPUTS_OF.get(path.stem, ())]
        files = {relative(path, root), *ENVIRONMENT, *data,
                 *module_files(notebook_imports(path, modules, graph), modules, root)}
        notebooks.append(Step(f"notebooks/{path.name}", path.name, f"{REPORT_DIR}/notebooks/{path.stem}.done",
                              sorted(files) + upstream, after=[check.stamp]))
    stamps = [n.stamp for n in notebooks]
    figures = figure_files(root)
    catalogue = Step("catalogue", "figures/README.md", f"{REPORT_DIR}/catalogue.done",
                     sorted({*ENVIRONMENT, *figures, *imports(f"{PACKAGE}.catalogue")}) + stamps, after=[check.stamp])
    template = sorted(relative(p, root) for p in (root / PACKAGE / "html_template").rglob("*") if p.is_file())
    html = Step("html", "html/", f"{REPORT_DIR}/html.done",
                sorted({*ENVIRONMENT, *template, *published_markdown(root), *imports(f"{PACKAGE}.html_edition"),
                        *(relative(p, root) for p in notebook_paths(root)),
                        *(f for f in figures if f.endswith(".caption.json"))}) + stamps, after=[check.stamp])
    return [check, *notebooks, catalogue, html]


def relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# -- deciding and recording ---------------------------------------------------------------------------------------

def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file holds it already (its modification time then stays as it was)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return True


def record_inputs(all_steps: list[Step], root: Path = ROOT) -> None:
    """Write each step's list of inputs where it changed; the list is one of the step's inputs."""
    for step in all_steps:
        write_if_changed(root / step.inputs_list, "".join(f"{p}\n" for p in step.inputs))


def out_of_date(step: Step, root: Path = ROOT) -> bool:
    """What make decides: the stamp is missing, or an input (the list of inputs included) is missing or newer."""
    try:
        done = (root / step.stamp).stat().st_mtime_ns
    except OSError:
        return True
    for name in [step.inputs_list, *step.inputs]:
        try:
            if (root / name).stat().st_mtime_ns > done:
                return True
        except OSError:
            return True
    return False


def mark_done(step: Step, seconds: float | None, root: Path = ROOT, log: bool = False) -> None:
    """Touch the step's stamp (after its outputs are written, so that they are older than it); with ``log``, note
    the step for the summary make prints at the end.

    The step's list of inputs is written again first, as it is now: the catalogue's and the edition's lists hold the
    figures, which the notebooks before them may just have added or removed."""
    now = next((s for s in steps(root) if s.name == step.name), step)
    write_if_changed(root / now.inputs_list, "".join(f"{p}\n" for p in now.inputs))
    stamp = root / step.stamp
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    if log:
        with (root / REPORT_DIR / RAN_LOG).open("a", encoding="utf-8") as handle:
            handle.write(f"{step.name}\t{'' if seconds is None else f'{seconds:.1f}'}\n")


def summary(all_steps: list[Step], root: Path = ROOT) -> str:
    """One line per step: what make reran in this run (with the seconds a notebook took), and what was up to date."""
    ran = {}
    try:
        for line in (root / REPORT_DIR / RAN_LOG).read_text(encoding="utf-8").splitlines():
            name, _, seconds = line.partition("\t")
            ran[name] = seconds
    except OSError:
        pass
    lines = []
    for step in all_steps:
        if step.name not in ran:
            lines.append(f"{step.label}: up to date")
        else:
            lines.append(f"{step.label}: rerun" + (f" ({ran[step.name]} s)" if ran[step.name] else ""))
    rerun = sum(s.name in ran for s in all_steps)
    lines.append("Nothing needed rerunning." if not rerun else f"{rerun} of {len(all_steps)} steps rerun.")
    return "\n".join(lines)


# -- the make include file ----------------------------------------------------------------------------------------

def makefile(all_steps: list[Step]) -> str:
    """Make's rules for the steps: each stamp's inputs (the recipes are in the Makefile)."""
    def rule(target: str, prerequisites: list[str], order_only: list[str] = ()) -> str:
        line = f"{target}:"
        for p in prerequisites:
            line += f" \\\n  {escaped(p)}"
        if order_only:
            line += " \\\n  | " + " ".join(order_only)
        return line + "\n"

    notebooks = [s for s in all_steps if s.name.startswith("notebooks/")]
    text = ["# The inputs of every step of make report, written by `python -P analysis/report_graph.py makefile` before",
            "# each run (see that module). Do not edit: it is rewritten whenever a list changes.",
            "",
            "REPORT_STEPS := " + " ".join(s.stamp for s in all_steps),
            "REPORT_NOTEBOOK_STAMPS := " + " ".join(s.stamp for s in notebooks),
            ""]
    for step in all_steps:
        text.append(rule(step.stamp, [step.inputs_list, *step.inputs], step.after))
    # Every input file that no step makes gets an empty rule (as gcc -MP writes): an input that disappears while
    # make runs (a notebook replacing a figure by its parts, after this list was read) then counts as changed,
    # and the steps that read it rerun, instead of make stopping with "No rule to make target".
    made = {s.stamp for s in all_steps} | {s.inputs_list for s in all_steps}
    sources = sorted({i for s in all_steps for i in s.inputs} - made)
    text.append("# Inputs that no step makes (an input that has gone counts as changed):")
    text.extend(f"{escaped(source)}:" for source in sources)
    return "\n".join(text) + "\n"


def escaped(path: str) -> str:
    """A file name as a make prerequisite: ``$`` and ``#`` escaped; make cannot take a space or a colon."""
    if any(c in path for c in " \t:"):
        raise ValueError(f"{path}: make cannot take a file name with a space or a colon; rename the file")
    return path.replace("$", "$$").replace("#", r"\#")


def main(argv: list[str] | None = None) -> int:
    """``makefile``: write the inputs lists and ``.report/deps.mk`` (only where changed) and forget the steps run
    before (make runs this first); ``summary``: print what this make run did; ``list``: print each step's inputs."""
    command = (argv if argv is not None else sys.argv[1:]) or ["list"]
    try:
        all_steps = steps()
        if command[0] == "makefile":
            makefile(all_steps)  # a file name make cannot take: say so before anything is written
    except ValueError as error:
        print(f"make report: {error}", file=sys.stderr)
        return 1
    if command[0] == "makefile":
        record_inputs(all_steps)
        (ROOT / REPORT_DIR / RAN_LOG).unlink(missing_ok=True)
        write_if_changed(ROOT / REPORT_DIR / "deps.mk", makefile(all_steps))
    elif command[0] == "summary":
        print(summary(all_steps))
    elif command[0] == "list":
        for step in all_steps:
            print(f"{step.label} ({step.stamp}):\n" + "".join(f"  {p}\n" for p in step.inputs))
    else:
        print("usage: python -P analysis/report_graph.py makefile | summary | list", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
