"""Running a notebook's code cells the way Jupyter with errors allowed would.

Loaded by path by ``child.py``; imports nothing of the grader. Each cell runs on its own,
in order, in the one module namespace, statement by statement as IPython runs it (a
``from __future__`` import may follow others, and holds for later cells; a last
expression's value becomes ``_``, ``_N`` and ``Out[N]``). A cell that does not compile,
raises, or runs past its time (interrupted, as nbclient's ``interrupt_on_timeout`` does)
is recorded, and the next cell runs. ``%%writefile`` writes into the scratch folder, which
is on the import path. With the IPython stand-in (``get_ipython()``; not with the real
IPython, which has no shell here), the lines grader/notebooks.py made inert and marked
(``pass  # IPython: %pylab inline``) run through it, ``%%time``-like magics wrap the
rest of their cell, and a one-line cell naming a magic (``ls``, ``pip install x``) runs
it unless a name shadows it (automagic).
"""

from __future__ import annotations
import __future__ as future

import ast
import builtins
import contextlib
import functools
import io
import keyword
import linecache
import operator
import os
import re
import signal
import sys
import time
import tokenize
import traceback
from collections.abc import Callable
from typing import Any

FUTURE_FLAGS = functools.reduce(
    operator.or_, (getattr(future, name).compiler_flag for name in future.all_feature_names)
)
# A line grader/notebooks.py made inert: (indentation, its Python, the IPython line it was).
_MARKED = re.compile(r"^([ \t]*)(.*?)  # IPython: (.*)$")
_ASSIGNED = re.compile(r"^([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*([%!].*)$")
_FIRST_WORD = re.compile(r"^[ \t]*([A-Za-z_][\w.]*)(.*)$")
_QUIET_SKIP = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER}
_STARTS_PROCESSES = re.compile(r"[/\\](multiprocessing|concurrent[/\\]futures)[/\\]")


class CellTimeout(BaseException):
    """Raised in a cell that ran past its time (BaseException: ``except Exception`` in
    the cell does not swallow it)."""


class StdinNotImplementedError(EOFError, NotImplementedError):
    """``input()`` in a notebook run without a frontend, as IPython raises it there."""


def remember(filename: str, source: str) -> None:
    """Let tracebacks show the lines of code that was never a file."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _interrupt(signum: int, frame: Any) -> None:
    raise CellTimeout()


def _no_input(prompt: object = "") -> str:
    raise StdinNotImplementedError(
        "raw_input was called, but this frontend does not support input requests."
    )


def _help(*args: Any, **kwargs: Any) -> Any:
    import pydoc

    return pydoc.help(*args, **kwargs)


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
    kernel = _Kernel(namespace)
    deadline = time.monotonic() + budget
    previous = signal.signal(signal.SIGALRM, _interrupt)
    _as_in_jupyter(namespace)
    try:
        for index, cell in enumerate(cells):
            number = int(cell["number"])
            left = deadline - time.monotonic()
            if left <= 0.05:
                used = f"not run: the notebook's time of {budget:g} s was used up"
                failed += [_failure(int(rest["number"]), "NotRun", used) for rest in cells[index:]]
                break
            starting(number)  # the grader hears which cell runs, should the process die in it
            try:
                kernel.run(cell, number, min(cell_seconds, left))
            except CellTimeout:
                stopped = f"interrupted after {min(cell_seconds, left):.3g} s"
                failed.append(_failure(number, "Timeout", f"{stopped}; the next cells still ran"))
            except BaseException as exc:
                if not cell.get("expect_error"):
                    failure = {**describe(exc), **_in_cell(exc, number), "cell": number}
                    failed.append(_explained(exc, failure))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return failed


def _as_in_jupyter(namespace: dict[str, Any]) -> None:
    """What differs in a Jupyter kernel from a module being imported: the notebook is
    ``__main__`` (its ``if __name__ == "__main__":`` blocks run; pickle, unittest.main and
    doctest find what it defines), ``help`` exists (``python -S`` has none) and ``input()``
    raises, as nobody can answer."""
    namespace["__name__"] = "__main__"
    modules = list(sys.modules.values())
    module = next((m for m in modules if getattr(m, "__dict__", None) is namespace), None)
    if module is not None:
        sys.modules["__main__"] = module
    if not hasattr(builtins, "help"):
        setattr(builtins, "help", _help)  # noqa: B010 - typeshed types it as site's helper
    builtins.input = _no_input


class _Kernel:
    """Runs cells as an IPython kernel does, keeping what carries from one to the next:
    the ``__future__`` features imported and the last values shown (``_``, ``__``, ...)."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.flags = 0
        self.shown: tuple[Any, Any, Any] = ("", "", "")

    def run(self, cell: dict[str, Any], number: int, seconds: float) -> None:
        source = str(cell.get("source", ""))
        if cell.get("writefile"):
            write_file(str(cell["writefile"]), source, bool(cell.get("append")))
            return
        filename = f"cell {number}"
        remember(filename, source)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            shell = _shell(self.namespace)
            around: Any = contextlib.nullcontext()
            if shell is not None:
                source, around = _through_shell(source, shell, self.namespace)
            with around:
                self._statements(source, filename, number)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _statements(self, source: str, filename: str, number: int) -> None:
        """One statement after another, as IPython runs them; a last expression's value
        goes to the display hook."""
        tree = compile(source, filename, "exec", self.flags | ast.PyCF_ONLY_AST, True)
        for node in tree.body:
            if node is tree.body[-1] and isinstance(node, ast.Expr):
                code = compile(ast.Expression(node.value), filename, "eval", self.flags, True)
                self._show(eval(code, self.namespace), source, number)
                return
            code = compile(ast.Module([node], []), filename, "exec", self.flags, True)
            self.flags |= code.co_flags & FUTURE_FLAGS
            exec(code, self.namespace)

    def _show(self, value: Any, source: str, number: int) -> None:
        """IPython's display hook: keeps the value (nothing is shown). It leaves ``_`` and
        the like alone once the notebook assigned one of them itself."""
        if value is None or _ends_with_semicolon(source):
            return
        ns, names = self.namespace, ("_", "__", "___")
        mine = all(ns[n] is old for n, old in zip(names, self.shown, strict=True) if n in ns)
        self.shown = (value, self.shown[0], self.shown[1])
        if mine:
            ns.update(zip(names, self.shown, strict=True))
        ns[f"_{number}"] = value
        out = ns.setdefault("Out", {})
        if isinstance(out, dict):
            out[number] = value


def _ends_with_semicolon(source: str) -> bool:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    last = [t for t in tokens if t.type not in _QUIET_SKIP]
    return bool(last) and last[-1].string == ";"


def _shell(namespace: dict[str, Any]) -> Any:
    """The IPython stand-in the notebook's ``get_ipython()`` returns, if it has one."""
    get = namespace.get("get_ipython")
    try:
        shell = get() if callable(get) else None
    except Exception:
        return None
    return shell if callable(getattr(shell, "find_magic", None)) else None


def _through_shell(source: str, shell: Any, namespace: dict[str, Any]) -> tuple[str, Any]:
    """The cell with its marked lines running through the shell, and the context its
    cell magic puts around it (``%%time``, ...): what IPython would run."""
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    around: Any = contextlib.nullcontext()
    for index, line in enumerate(lines):
        marked = _MARKED.match(line)
        if marked is None:
            continue
        indent, python, ipython = marked.groups()
        if ipython.startswith("%%") and index == first and python == "pass":
            name, _, argument = ipython[2:].partition(" ")
            around = shell.in_place_cell_magic(name, argument)
        elif python == _inert(ipython) and _call(ipython):
            lines[index] = indent + _call(ipython)
    return _automagic("\n".join(lines), shell, namespace), around


def _inert(line: str) -> str:
    """The Python grader/notebooks.py puts in place of an IPython line (keep in step)."""
    assigned = _ASSIGNED.match(line)
    if assigned:
        return "pass" if "," in assigned.group(1) else f"{assigned.group(1)} = None"
    if line.startswith("%time ") and line[6:].strip():
        return line[6:].strip()
    return "pass"


def _call(line: str) -> str:
    """The shell call that runs an IPython line, as IPython translates it ('' for help)."""
    assigned = _ASSIGNED.match(line)
    if assigned:
        target, value = assigned.group(1), assigned.group(2).strip()
        if value.startswith("!"):  # x = !cmd: its output, a list of lines
            return f"{target} = get_ipython().getoutput({value.lstrip('!')!r})"
        return f"{target} = {_call(value)}" if _call(value) else ""
    if line.startswith("!!"):
        return f"get_ipython().getoutput({line[2:]!r})"
    if line.startswith("!"):
        return f"get_ipython().system({line[1:]!r})"
    name, _, argument = line[1:].partition(" ")
    if not line.startswith("%") or not name or name.startswith("%") or name.endswith("?"):
        return ""
    if name == "time" and not _parses(argument):
        return ""  # a statement continued on the next lines: it runs as it is
    return f"get_ipython().run_line_magic({name!r}, {argument!r})"


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True


def _automagic(source: str, shell: Any, namespace: dict[str, Any]) -> str:
    """IPython's automagic, which applies to a one-line cell only: ``ls``, ``cd data``
    or ``pip install x`` runs that magic unless its name is defined, a builtin or a
    keyword, and unless it is assigned (``ls = 1``)."""
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    word = _FIRST_WORD.match(lines[first])
    if len("\n".join(lines[first:]).splitlines()) != 1 or word is None:
        return source
    name, argument = word.group(1), word.group(2).strip()
    head = name.split(".")[0]
    if argument.startswith(("=", ",")) or head in namespace or keyword.iskeyword(head):
        return source
    if hasattr(builtins, head) or not shell.find_magic(name):
        return source
    lines[first] = f"get_ipython().run_line_magic({name!r}, {argument!r})"
    return "\n".join(lines)


def _in_cell(exc: BaseException, number: int) -> dict[str, Any]:
    """The line of the cell itself where it failed (not the line deep in a library)."""
    if isinstance(exc, SyntaxError):
        return {}
    filename = f"cell {number}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return {}
    return {"line": frames[-1].lineno, "file": filename, "code": (frames[-1].line or "").strip()}


def _explained(exc: BaseException, failure: dict[str, Any]) -> dict[str, Any]:
    """What the sandbox refuses, said plainly: a pool of processes (multiprocessing.Pool,
    ProcessPoolExecutor), which fails with a bare permission error."""
    frames = traceback.extract_tb(exc.__traceback__)
    if isinstance(exc, OSError) and any(_STARTS_PROCESSES.search(f.filename) for f in frames):
        failure["message"] = (
            f"{failure.get('message', '')} (multiprocessing.Pool and ProcessPoolExecutor "
            "cannot run in the grader's sandbox, which limits the processes a submission may "
            "start: do the work in this process, e.g. with map() instead of Pool.map())"
        )
    return failure


def _failure(number: int, kind: str, message: str) -> dict[str, Any]:
    """A cell that did not finish (``kind`` Timeout or NotRun)."""
    return {"cell": number, "type": kind, "line": None, "code": "", "message": message}
