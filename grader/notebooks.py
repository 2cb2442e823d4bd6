"""Reading a notebook into the code cells the student process runs, as Jupyter would.

Every nbformat version is read (v1 to v3 are upgraded by nbformat). A notebook that does
not match the notebook schema but whose cells can be read is graded with a warning. A
notebook of another kernel (R, Julia, ...) gets one clear message naming it. Cells stay
cells: each is compiled and run on its own in the student process, and one that fails is
recorded while the others still run.

IPython-only syntax is made inert Python that keeps the line count, as IPython's own input
transformers would see it (pasted ``>>>``/``In [1]:`` prompts and a first line's indentation
are taken off first): a line magic, shell escape or help line becomes ``pass`` (``x = None``
for ``x = %magic``/``x = !cmd``; ``%time stmt`` keeps ``stmt``), marked with the line it was:
``pass  # IPython: %pylab inline``. In the student process, the notebook's IPython stand-in
runs the marked lines as IPython would (grader/sandbox/runtime/cells.py reads the marks;
without the stand-in they stay inert). ``%%time``, ``%%timeit``, ``%%capture`` and
``%%prun`` keep their body, which IPython runs as ordinary code; ``%%writefile NAME``
writes its body into the scratch folder; other cell magics (``%%bash``, ...) are left
out, commented.
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
# ``?``, ``?name``, ``name??``, ``*int*?``, ``%magic?``: IPython's help.
_HELP = re.compile(r"^\s*(?:\?{1,2}\s*[%\w.*]*|[%\w.*]+\s*\?{1,2})\s*$")
MARK = "  # IPython: "  # ends a line made inert; the IPython line it was follows
# Prompts of pasted sessions, as IPython's classic_prompt and ipython_prompt strip them:
# (any prompt, a first line's prompt).
_IPYTHON_PROMPT = re.compile(r"^(In \[\d+\]: |\s*\.{3,}: ?)")
_PROMPTS = (
    (re.compile(r"^(>>>|\.\.\.)( |$)"), re.compile(r"^>>>( |$)")),
    (_IPYTHON_PROMPT, _IPYTHON_PROMPT),
)
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
    """Make IPython-only syntax inert and marked (module docstring), keeping the line count.

    Valid Python is left alone (a line starting with ``%`` may be the continuation of an
    expression), unless it starts with an ``In [1]:`` prompt, which IPython takes off.
    Otherwise pasted prompts and a first line's indentation are taken off first, as
    IPython does.
    """
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if lines[first].lstrip().startswith("%%"):
        return _cell_magic(lines, first)
    if _parses(source) and not _IPYTHON_PROMPT.match(lines[first]):
        return source
    lines = _cleaned(lines, first)
    if _parses("\n".join(lines)):
        return "\n".join(lines)
    return "\n".join(_inert(line) for line in lines)


def _cell_magic(lines: list[str], first: int) -> str:
    """``%%time`` and the like keep their body, which runs as ordinary code; other cell
    magics (``%%bash``, ...) are commented out whole."""
    head = lines[first].strip()
    magic = head[2:].split(maxsplit=1)
    if magic and magic[0] in _RUNS_BODY:
        body = neutralise_ipython("\n".join(lines[first + 1 :]))
        return "\n".join([*lines[:first], f"pass{MARK}{head}", body])
    return "\n".join("# " + line for line in lines)


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _cleaned(lines: list[str], first: int) -> list[str]:
    """IPython's cleanup of pasted code: the first line's indentation taken off the lines
    that have it, then ``>>>``/``...`` or ``In [1]:``/``...:`` prompts taken off."""
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip(" \t"))]
    if indent:
        lines = [
            *lines[:first],
            *(s[len(indent) :] if s.startswith(indent) else s for s in lines[first:]),
        ]
    for prompt, initial in _PROMPTS:
        body = lines[first:]
        if initial.match(body[0]) or (len(body) > 1 and prompt.match(body[1])):
            lines = [*lines[:first], *(prompt.sub("", line, count=1) for line in body)]
    return lines


def _inert(line: str) -> str:
    """One line with IPython syntax as inert Python, marked with what it was."""
    stripped = line.strip()
    indent = line[: len(line) - len(line.lstrip())]
    assigned = _ASSIGNED.match(line)
    if assigned:
        targets = assigned.group(2)
        python = "pass" if "," in targets else f"{targets} = None"
    elif stripped.startswith("%time ") and stripped[6:].strip():
        python = stripped[6:].strip()  # runs, even where the mark is not read
        if python.endswith("\\"):  # a comment cannot follow a line continuation
            return indent + python
    elif stripped.startswith(("%", "!")) or _HELP.match(line):
        python = "pass"
    else:
        return line
    return f"{indent}{python}{MARK}{stripped}"


def _writefile(source: str) -> tuple[str, bool, str] | None:
    """``(name, append, body)`` of a ``%%writefile [-a] NAME`` cell, else None."""
    first, _, body = source.lstrip(" \t\r\n").partition("\n")
    words = first.strip()[2:].split() if first.startswith("%%") else []
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
