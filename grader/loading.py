"""Reading a submission (.py or .ipynb) into what the student process runs, without
running it.

A .py file is one unit: it must compile, and if it raises when loaded, that is a load
error. A notebook is its code cells (``grader.notebooks``), which the student process runs
one by one as Jupyter with errors allowed would. No Jupyter kernel is involved.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path, PurePath

from grader.errors import SubmissionError
from grader.notebooks import Cell, read_notebook
from grader.result import SubmissionKind

MAX_BYTES = 2 * 1024 * 1024  # a .py file
MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024  # a notebook: its outputs (images) make it larger


@dataclass(frozen=True)
class Submission:
    """A submission's code, ready to send to the student process."""

    path: Path
    kind: SubmissionKind
    source: str  # a .py file's text; a notebook's code cells that compile, one after another
    filename: str  # the name tracebacks show
    cell_starts: tuple[tuple[int, int], ...] = ()  # in ``source``: (first line, cell number)
    cells: tuple[Cell, ...] = ()  # a notebook's code cells, as they are run
    warnings: tuple[str, ...] = ()  # what to tell the student about how it was read

    def where(self, line: int, file: str = "") -> str:
        """``forward.py, line 12``; for a notebook ``cell 3, line 2`` (its code runs as
        ``cell 3``; a line of ``source`` is mapped back to its cell); in a module the
        submission wrote and imported (``%%writefile``), that module's name and line."""
        if file.startswith("cell "):
            return f"{file}, line {line}"
        if file and file != self.filename and not file.startswith("<"):
            return f"{PurePath(file).name}, line {line}"
        for start, cell in reversed(self.cell_starts):
            if line >= start:
                return f"cell {cell}, line {line - start + 1}"
        return f"{self.path.name}, line {line}"

    def cell_payload(self) -> list[dict[str, object]] | None:
        """What the student process runs for a notebook (None for a .py file)."""
        if self.kind != "ipynb":
            return None
        return [
            {
                "number": cell.number,
                "source": cell.source,
                "expect_error": cell.expect_error,
                "writefile": cell.writefile,
                "append": cell.append,
            }
            for cell in self.cells
        ]


def load_submission(path: Path) -> Submission:
    """Read and compile-check a submission; raise SubmissionError with a clear message."""
    if not path.exists():
        raise SubmissionError(f"{path.name}: no such file")
    if not path.is_file():
        raise SubmissionError(f"{path.name}: not a file")
    suffix = path.suffix.lower()
    if suffix not in (".py", ".ipynb"):
        raise SubmissionError(
            f"{path.name}: a submission must be a .py file or a .ipynb notebook, "
            f"not {suffix or 'a file without extension'}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    largest = MAX_BYTES if suffix == ".py" else MAX_NOTEBOOK_BYTES
    if len(data) > largest:
        raise SubmissionError(f"{path.name}: the file is larger than {largest // 1024} KiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            f"{path.name}: not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if suffix == ".py":
        submission = Submission(path, "py", text, path.name)
        _compile_check(text, submission)
        return submission
    return _from_notebook(path, text)


def _compile_check(source: str, submission: Submission, offset: int = 0) -> None:
    try:
        ast.parse(source, filename=submission.filename)
    except SyntaxError as exc:
        line = (exc.lineno or 1) + offset
        place = submission.where(line)
        if submission.kind == "ipynb":
            place = f"{submission.filename}, {place}"
        raise SubmissionError(
            f"{place}: syntax error: {exc.msg}"
            + (f"\n    {exc.text.rstrip()}" if exc.text else ""),
            line=line,
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SubmissionError(
            f"{submission.filename}: the code cannot be compiled ({type(exc).__name__}: {exc})"
        ) from None


def _from_notebook(path: Path, text: str) -> Submission:
    cells, warnings = read_notebook(text, path.name)
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    line = 1
    for cell in cells:
        if cell.writefile is not None or not _compiles(cell.source):
            continue
        parts.append(f"# In[{cell.number}]\n{cell.source}\n")
        starts.append((line + 1, cell.number))
        line += 3 + cell.source.count("\n")
    return Submission(
        path,
        "ipynb",
        "\n".join(parts),
        path.name,
        tuple(starts),
        tuple(cells),
        tuple(f"{path.name}: {w}" for w in warnings),
    )


def _compiles(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
