"""Reading a submission (.py or .ipynb) into one module's source, without running it.

Notebooks are read and validated with nbformat; their code cells become one module,
in order. IPython-only lines (``%magic``, ``!shell``, ``%%cell magic``, ``obj?``) are
neutralised so a valid notebook always compiles; cells tagged ``skip-grading`` are
left out. No Jupyter kernel is involved.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SubmissionError
from grader.result import SubmissionKind

MAX_BYTES = 2 * 1024 * 1024
SKIP_TAGS = frozenset({"skip-grading", "grade:skip"})
_HELP = re.compile(r"^\s*(\?{1,2}[A-Za-z_][\w.*]*|[A-Za-z_][\w.*]*\?{1,2})\s*$")
# ``files = !ls`` and ``t = %timeit -o f()``: keep the assignment, drop the command.
_ASSIGNED = re.compile(r"^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[%!]")
# Cell magics whose body IPython runs as ordinary code in the notebook's namespace.
_RUNS_BODY = frozenset({"time", "capture"})


@dataclass(frozen=True)
class Submission:
    """A submission's code, ready to send to the student process."""

    path: Path
    kind: SubmissionKind
    source: str
    filename: str  # the name tracebacks show
    cell_starts: tuple[tuple[int, int], ...] = ()  # (first module line, cell number)

    def where(self, line: int) -> str:
        """``line 12``, or ``cell 3, line 2`` for a notebook."""
        for start, cell in reversed(self.cell_starts):
            if line >= start:
                return f"cell {cell}, line {line - start + 1}"
        return f"line {line}"


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
    if len(data) > MAX_BYTES:
        raise SubmissionError(f"{path.name}: the file is larger than {MAX_BYTES // 1024} KiB")
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
        raise SubmissionError(
            f"{submission.filename}, {submission.where(line)}: syntax error: {exc.msg}"
            + (f"\n    {exc.text.rstrip()}" if exc.text else ""),
            line=line,
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SubmissionError(
            f"{submission.filename}: the code cannot be compiled ({type(exc).__name__}: {exc})"
        ) from None


def neutralise_ipython(source: str) -> str:
    """Replace IPython-only syntax by ``pass`` lines, keeping the line count.

    A cell that is already valid Python is left alone (a line starting with ``%`` may
    be the continuation of an expression). ``%%time`` and ``%%capture`` cells keep
    their body, which IPython runs as ordinary code; other cell magics (``%%bash``,
    ``%%writefile``, ...) are commented out whole.
    """
    lines = source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split(maxsplit=1)
        if magic and magic[0] in _RUNS_BODY:
            body = neutralise_ipython("\n".join(lines[1:]))
            return "\n".join([f"pass  # IPython: {lines[0].strip()[:60]}", body])
        return "\n".join("# " + line for line in lines)
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    else:
        return source
    out = []
    for line in lines:
        stripped = line.lstrip()
        assigned = _ASSIGNED.match(line)
        if assigned:
            indent, targets = assigned.group(1), assigned.group(2)
            value = "pass" if "," in targets else f"{targets} = None"
            out.append(f"{indent}{value}  # IPython: {stripped[:60]}")
        elif stripped.startswith("%time ") and stripped[6:].strip():
            out.append(line[: len(line) - len(stripped)] + stripped[6:].strip())  # runs it
        elif stripped.startswith(("%", "!")) or _HELP.match(line):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}pass  # IPython: {stripped[:60]}")
        else:
            out.append(line)
    return "\n".join(out)


def _from_notebook(path: Path, text: str) -> Submission:
    import nbformat  # only notebooks pay for this import

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name}: not a notebook (invalid JSON at line {exc.lineno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise SubmissionError(f"{path.name}: not a notebook (JSON nested too deeply)") from None
    if not isinstance(raw, dict) or "cells" not in raw:
        raise SubmissionError(f"{path.name}: JSON, but not a Jupyter notebook (no 'cells')")
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:  # nbformat raises several types for a bad notebook
        first = str(exc).strip().split("\n")[0][:300]
        raise SubmissionError(f"{path.name}: not a valid Jupyter notebook: {first}") from None
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    line = 1
    number = 0
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        number += 1
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & SKIP_TAGS:
            continue
        code = neutralise_ipython(str(cell.get("source", "")))
        header = f"# In[{number}]"
        parts.append(header + "\n" + code + "\n")
        starts.append((line + 1, number))
        submission = Submission(path, "ipynb", "", path.name, ((line + 1, number),))
        _compile_check(code, submission, offset=line)
        line += 3 + code.count("\n")
    return Submission(path, "ipynb", "\n".join(parts), path.name, tuple(starts))
