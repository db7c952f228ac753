"""The one exception the loader raises for bad input."""

from pathlib import Path


class CorpusError(ValueError):
    """Bad input in the corpus data: the message names the file, the line, the problem and the fix."""


def corpus_error(path: Path | str, problem: str, fix: str, line: int | None = None) -> CorpusError:
    """Build a :class:`CorpusError` whose message has one fixed shape: ``file:line: problem. Fix: ...``."""
    where = f"{path}:{line}" if line is not None else f"{path}"
    return CorpusError(f"{where}: {problem}\n  Fix: {fix}")
