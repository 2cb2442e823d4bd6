"""Running a notebook's code cells the way Jupyter with errors allowed would.

Loaded by path by ``child.py``; imports nothing of the grader. Each cell is compiled and
run on its own, in order, in the one module namespace; ``from __future__`` imports at the
top of a cell hold for the cells after it, as in IPython. A cell that does not compile,
raises, or runs past its time (interrupted, as nbclient's ``interrupt_on_timeout`` does)
is recorded, and the next cell runs. A ``%%writefile`` cell writes its file into the
scratch folder, which is on the import path, so a helper it writes can be imported.
"""

from __future__ import annotations
import __future__ as future

import functools
import linecache
import operator
import os
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any

FUTURE_FLAGS = functools.reduce(
    operator.or_, (getattr(future, name).compiler_flag for name in future.all_feature_names)
)


class CellTimeout(BaseException):
    """Raised in a cell that ran past its time (BaseException: ``except Exception`` in
    the cell does not swallow it)."""


def remember(filename: str, source: str) -> None:
    """Let tracebacks show the lines of code that was never a file."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _interrupt(signum: int, frame: Any) -> None:
    raise CellTimeout()


def write_file(name: str, text: str, append: bool) -> None:
    """%%writefile NAME: into the scratch folder (the working directory), whatever NAME."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts:
        raise ValueError(f"%%writefile needs a file name, not {name!r}")
    if len(parts) > 1:
        os.makedirs(os.path.join(*parts[:-1]), exist_ok=True)
    with open(os.path.join(*parts), "a" if append else "w", encoding="utf-8") as handle:
        handle.write(text)


def run_cells(
    namespace: dict[str, Any],
    cells: list[dict[str, Any]],
    cell_seconds: float,
    budget: float,
    describe: Callable[[BaseException], dict[str, Any]],
    starting: Callable[[int], None],
) -> list[dict[str, Any]]:
    """Run ``cells`` in ``namespace``; the cells that failed, each with its number, the
    line in the cell, the exception's type and message (and the line of code)."""
    failed: list[dict[str, Any]] = []
    flags = 0
    deadline = time.monotonic() + budget
    previous = signal.signal(signal.SIGALRM, _interrupt)
    try:
        for index, cell in enumerate(cells):
            number = int(cell["number"])
            left = deadline - time.monotonic()
            if left <= 0.05:
                for rest in cells[index:]:
                    failed.append(_not_run(int(rest["number"]), budget))
                break
            starting(number)  # the grader hears which cell runs, should the process die in it
            try:
                flags = _run_cell(cell, number, namespace, flags, min(cell_seconds, left))
            except CellTimeout:
                seconds = min(cell_seconds, left)
                failed.append(
                    {
                        "cell": number,
                        "type": "Timeout",
                        "line": None,
                        "code": "",
                        "message": f"interrupted after {seconds:.3g} s; the next cells still ran",
                    }
                )
            except BaseException as exc:
                if not cell.get("expect_error"):
                    failed.append({**describe(exc), **_in_cell(exc, number), "cell": number})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return failed


def _run_cell(
    cell: dict[str, Any], number: int, namespace: dict[str, Any], flags: int, seconds: float
) -> int:
    source = str(cell.get("source", ""))
    if cell.get("writefile"):
        write_file(str(cell["writefile"]), source, bool(cell.get("append")))
        return flags
    filename = f"cell {number}"
    remember(filename, source)
    code = compile(source, filename, "exec", flags=flags, dont_inherit=True)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        exec(code, namespace)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return flags | int(code.co_flags & FUTURE_FLAGS)


def _in_cell(exc: BaseException, number: int) -> dict[str, Any]:
    """The line of the cell itself where it failed (not the line deep in a library)."""
    if isinstance(exc, SyntaxError):
        return {}
    filename = f"cell {number}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return {}
    return {"line": frames[-1].lineno, "file": filename, "code": (frames[-1].line or "").strip()}


def _not_run(number: int, budget: float) -> dict[str, Any]:
    return {
        "cell": number,
        "type": "NotRun",
        "line": None,
        "code": "",
        "message": f"not run: the notebook's time of {budget:g} s was used up",
    }
