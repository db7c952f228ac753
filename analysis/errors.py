"""Bad input: the one exception the loader raises, and the sink that ``python -m analysis.check`` collects into.

Every problem has one shape: the file, the line, what is wrong and how to fix it. Where the fix is a row of a
data file, the problem also carries it as a :class:`Paste` (the file, whether to append the row or replace a
line, and the row's fields), so that the check can print every row to paste, grouped by file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paste:
    """A row to paste into a data file: appended at the end, or replacing line ``line``."""

    file: Path
    row: tuple[str, ...]
    replace_line: int | None = None  # None: append the row at the end of the file


class CorpusError(ValueError):
    """Bad input in the corpus data: the message names the file, the line, the problem and the fix."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None,
                 problem: str = "", fix: str = "", pastes: tuple[Paste, ...] = (), details: dict | None = None):
        super().__init__(message)
        self.path, self.line, self.problem, self.fix, self.pastes = path, line, problem, fix, pastes
        self.details = details or {}  # what a tool needs to build a better fix (e.g. the unknown label)


def corpus_error(path: Path | str, problem: str, fix: str, line: int | None = None,
                 pastes: tuple[Paste, ...] | list[Paste] = ()) -> CorpusError:
    """Build a :class:`CorpusError` whose message has one fixed shape: ``file:line: problem. Fix: ...``."""
    where = f"{path}:{line}" if line is not None else f"{path}"
    return CorpusError(f"{where}: {problem}\n  Fix: {fix}", path=path, line=line, problem=problem, fix=fix,
                       pastes=tuple(pastes))


@dataclass
class Problems:
    """Where the loader reports bad input.

    By default (``collect=False``) the first problem is raised at once: that is what ``load_corpus`` does, so
    code that loads the corpus never sees half-checked data. With ``collect=True`` every problem is kept and
    the loader carries on with what it can still check (``python -m analysis.check``). ``notes`` are things
    worth a look that are not errors (text that looks like page furniture, say); they never stop a load.
    """

    collect: bool = False
    errors: list[CorpusError] = field(default_factory=list)
    notes: list[CorpusError] = field(default_factory=list)

    def report(self, error: CorpusError) -> None:
        if not self.collect:
            raise error
        self.errors.append(error)

    def note(self, error: CorpusError) -> None:
        if self.collect:
            self.notes.append(error)
