"""Which ``def`` of a submission's source really runs under a name.

A stub ``def forward`` followed by ``forward = looping``, a decorator, ``exec`` or a
function taken from a class: ``definition_that_runs`` asks the student process where the
function bound to the name was compiled and returns that ``def``, or fails saying what the
name really is and where it came from. Checks that read the code (``find_loops``) read
that function, not the first ``def`` of the name.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator

from grader.failures import CheckFailed
from grader.proxy import Origin, SubmissionProxy


@functools.lru_cache(maxsize=256)
def parsed(source: str) -> ast.Module:
    """The tree of a source, parsed once (a failed check replays every known bug, whose
    sources repeat); callers must not change it."""
    return ast.parse(source)


def definition_that_runs(
    submission: SubmissionProxy, source: str, name: str
) -> tuple[ast.Module, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The module-level ``def name`` whose function is what ``name`` is bound to now,
    or a CheckFailed that says what the name really is and where it came from."""
    try:
        tree = parsed(source)
    except SyntaxError as error:
        raise CheckFailed(f"your file could not be parsed: {error}") from None
    origin = submission.origin(name)
    if origin.type != "function":
        raise CheckFailed(
            f"`{name}` is a {origin.type}, not a function written with `def {name}(...)`: "
            "the grader reads the code of the function that runs"
        )
    line = _line_in_source(source, origin, submission.filename)
    defined = [d for d in _module_defs(tree) if d.name == name]
    match = next((d for d in defined if line is not None and _first_line(d) == line), None)
    if match is None:
        raise CheckFailed(_not_the_def(name, origin, line, defined))
    if match.decorator_list:
        decorator = match.decorator_list[0]
        raise CheckFailed(
            f"`{name}` is decorated (`@{ast.unparse(decorator)}` at line {decorator.lineno}): "
            "what runs is whatever the decorator returns, which the grader cannot read. "
            "Remove the decorator."
        )
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("__code__", "__wrapped__"):
            raise CheckFailed(
                f"line {node.lineno} touches a function's `{node.attr}`: the code that runs "
                "is then not the code the file shows"
            )
    return tree, match


def _line_in_source(source: str, origin: Origin, filename: str) -> int | None:
    """Where in ``source`` the function's code starts, or None if it came from elsewhere
    (text given to exec, another file). A notebook's source is its code cells, each after
    a ``# In[N]`` line; a cell's code is compiled as the file ``cell N``."""
    if origin.file.startswith("cell "):
        marker = f"# In[{origin.file.removeprefix('cell ')}]"
        lines = source.splitlines()
        if marker not in lines:
            return None
        return lines.index(marker) + 1 + origin.line
    if origin.file.startswith("<") and not filename:
        return origin.line  # instructor code, compiled under a descriptive name
    if filename and origin.file != filename:
        return None
    return origin.line


def _first_line(definition: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Where Python says the function starts: its first decorator, else its ``def``."""
    return min([definition.lineno, *(d.lineno for d in definition.decorator_list)])


def _not_the_def(
    name: str,
    origin: Origin,
    line: int | None,
    defined: list[ast.FunctionDef | ast.AsyncFunctionDef],
) -> str:
    shown = ", ".join(str(d.lineno) for d in defined)
    if not defined:
        where = f"your file has no `def {name}(...)` at the top level"
    else:
        where = f"it is not the `def {name}` at line{'s' if len(defined) > 1 else ''} {shown}"
    if line is None:
        came = f"its code was not compiled from your file (it came from {origin.file!r})"
    else:
        came = f"its code starts at line {line}, as `{origin.defined_as}`"
    return (
        f"the function that runs as `{name}` is not the one your file defines: {where}; "
        f"{came}. Define `{name}` once, with `def {name}(...)`, and do not rebind the name."
    )


def module_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """The statements of the module's own scope (also under if, try, with, for)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
            for field in ("body", "orelse", "finalbody", "handlers"):
                stack.extend(getattr(node, field, []))
        elif isinstance(node, ast.ExceptHandler):
            stack.extend(node.body)
        elif isinstance(node, ast.stmt):
            yield node


def _module_defs(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions defined in the module's own scope."""
    for node in module_statements(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node
