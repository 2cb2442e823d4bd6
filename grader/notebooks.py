"""Reading a notebook into the code cells the student process runs, as Jupyter would.

Every nbformat version is read (v1 to v3 are upgraded by nbformat). A notebook that does
not match the notebook schema but whose cells can be read is graded with a warning. A
notebook of another kernel (R, Julia, ...) gets one clear message naming it. Cells stay
cells: each is compiled and run on its own in the student process, and one that fails is
recorded while the others still run. IPython-only syntax never runs a shell: line magics
and shell escapes become ``pass``, ``%%time``/``%%capture`` keep their body, ``%%writefile
NAME`` writes its body into the scratch folder, other cell magics are left out.
"""

from __future__ import annotations

import ast
import contextlib
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from grader.errors import SubmissionError

SKIP_TAGS = frozenset({"skip-grading", "grade:skip", "skip-execution"})
RAISES_TAG = "raises-exception"
_HELP = re.compile(r"^\s*(\?{1,2}[A-Za-z_][\w.*]*|[A-Za-z_][\w.*]*\?{1,2})\s*$")
# ``files = !ls`` and ``t = %timeit -o f()``: keep the assignment, drop the command.
_ASSIGNED = re.compile(r"^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[%!]")
# Cell magics whose body IPython runs as ordinary code in the notebook's namespace.
_RUNS_BODY = frozenset({"time", "capture", "timeit", "prun"})
_WRITES_FILE = frozenset({"writefile", "file"})
_PYTHON = ("python", "ipython", "python3", "python2")


@dataclass(frozen=True)
class Cell:
    """One code cell as the student process runs it."""

    number: int  # its place among the notebook's code cells, from 1
    source: str  # Python (magics neutralised); for %%writefile, the file's content
    expect_error: bool = False  # tagged raises-exception: an error here is expected
    writefile: str | None = None  # %%writefile NAME: write NAME instead of running
    append: bool = False  # %%writefile -a


def neutralise_ipython(source: str) -> str:
    """Replace IPython-only syntax by ``pass`` lines, keeping the line count.

    A cell that is already valid Python is left alone (a line starting with ``%`` may
    be the continuation of an expression). ``%%time`` and ``%%capture`` cells keep
    their body, which IPython runs as ordinary code; other cell magics (``%%bash``,
    ...) are commented out whole.
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


def _writefile(source: str) -> tuple[str, bool, str] | None:
    """``(name, append, body)`` of a ``%%writefile [-a] NAME`` cell, else None."""
    first, _, body = source.partition("\n")
    words = first.strip()[2:].split() if first.lstrip().startswith("%%") else []
    if not words or words[0] not in _WRITES_FILE:
        return None
    append = "-a" in words[1:] or "--append" in words[1:]
    names = [w for w in words[1:] if not w.startswith("-")]
    return (names[0].strip("'\""), append, body) if names else None


def _language(metadata: Any) -> str:
    """The notebook's language, from its kernelspec or language_info ('python' if none)."""
    if not isinstance(metadata, dict):
        return "python"
    info = metadata.get("language_info")
    spec = metadata.get("kernelspec")
    for candidate in (
        info.get("name") if isinstance(info, dict) else None,
        spec.get("language") if isinstance(spec, dict) else None,
        metadata.get("language"),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip().lower()
    name = spec.get("name") if isinstance(spec, dict) else None
    if isinstance(name, str) and name and not name.lower().startswith(("python", "ipython")):
        return name.lower()
    return "python"


def _kernel(metadata: Any) -> str:
    spec = metadata.get("kernelspec") if isinstance(metadata, dict) else None
    shown = spec.get("display_name") or spec.get("name") if isinstance(spec, dict) else None
    return f" (kernel {shown!r})" if isinstance(shown, str) and shown else ""


def _source(cell: Any) -> str | None:
    source = cell.get("source", cell.get("input", "")) if isinstance(cell, dict) else None
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def _tags(cell: dict[str, Any]) -> set[str]:
    metadata = cell.get("metadata")
    tags = metadata.get("tags", []) if isinstance(metadata, dict) else []
    return {t for t in tags if isinstance(t, str)} if isinstance(tags, list) else set()


def read_notebook(text: str, name: str) -> tuple[list[Cell], list[str]]:
    """The code cells of a notebook's text, and warnings; SubmissionError when it is not
    a notebook, or not a Python one."""
    raw = _json(text, name)
    notebook, warnings = _as_version_4(raw, text, name)
    language = _language(notebook.get("metadata"))
    if language not in _PYTHON:
        raise SubmissionError(
            f"{name}: this is a {language} notebook{_kernel(notebook.get('metadata'))}, "
            "not a Python one: it cannot be graded here. Submit a Python notebook or .py file."
        )
    cells: list[Cell] = []
    skipped = 0
    number = 0
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        number += 1
        source = _source(cell)
        if source is None:
            skipped += 1
            continue
        tags = _tags(cell)
        if tags & SKIP_TAGS:
            continue
        written = _writefile(source)
        if written is not None:
            target, append, body = written
            cells.append(Cell(number, body, writefile=target, append=append))
            continue
        cells.append(Cell(number, neutralise_ipython(source), RAISES_TAG in tags))
    if skipped:
        warnings.append(f"{skipped} code cell(s) whose source could not be read were left out")
    return cells, warnings


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{name}: not a notebook (invalid JSON at line {exc.lineno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise SubmissionError(f"{name}: not a notebook (JSON nested too deeply)") from None


def _as_version_4(raw: Any, text: str, name: str) -> tuple[dict[str, Any], list[str]]:
    """The notebook as nbformat 4 (upgraded if older), and warnings when it does not
    match the notebook schema but its cells can still be read."""
    if not isinstance(raw, dict) or not ({"cells", "worksheets"} & raw.keys()):
        raise SubmissionError(f"{name}: JSON, but not a Jupyter notebook (no 'cells')")
    if "cells" in raw and not isinstance(raw["cells"], list):
        raise SubmissionError(f"{name}: not a valid Jupyter notebook: its 'cells' is not a list")
    import nbformat  # only notebooks pay for this import

    version = raw.get("nbformat")
    try:
        with warnings_off():
            notebook: dict[str, Any] = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several types for a notebook it refuses
        if "cells" not in raw:  # an old format nbformat could not upgrade
            first = str(exc).strip().split("\n")[0][:200]
            raise SubmissionError(f"{name}: not a valid Jupyter notebook: {first}") from None
        problem = _first_line(exc)
        return raw, [f"nbformat cannot read it ({problem}); its cells were read as they are"]
    warnings = []
    try:
        with warnings_off():
            nbformat.validate(notebook)
    except Exception as exc:
        warnings.append(f"it does not match the notebook format ({_first_line(exc)})")
    if isinstance(version, int) and version < 4:
        warnings.append(f"an nbformat {version} notebook, read as nbformat 4")
    return notebook, warnings


@contextlib.contextmanager
def warnings_off() -> Iterator[None]:
    """nbformat warns (missing cell ids, ...) where the result already says enough."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().split("\n")[0] or type(exc).__name__)[:200]
