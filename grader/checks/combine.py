"""Several known bugs at once, for code that has them all.

Real code often carries two or three catalogued mistakes (no biases *and* a sigmoid hidden
layer), and then no single bug reproduces what it does. A bug file redefines parts of the
solution (functions, or methods of a class); bugs combine when they change different lines
of the solution: each function or method that two redefine is merged line by line against
the solution's own (three-way, after ``ast.unparse``, so comments and spacing do not
matter), one bug after the other. Overlapping changes do not combine; a line inserted just
before a line the other bug changes does.
"""

from __future__ import annotations

import ast
import difflib
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from grader.checks.misconceptions import KnownBug, compiled, replay_namespace
from grader.checks.reach import is_docstring, without_docstring

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@dataclass(frozen=True)
class BugSet:
    """Known bugs applied to the solution together (none: the solution itself)."""

    members: tuple[KnownBug, ...]
    code: str  # what the bugs change, merged
    solution: str

    @property
    def id(self) -> str:
        return "+".join(bug.id for bug in self.members) or "solution"

    @property
    def source(self) -> str:
        return self.solution + f"\n\n# --- known bugs: {self.id}\n" + self.code

    def namespace(self) -> dict[str, Any]:
        namespace = replay_namespace("bug_set")
        exec(compiled(self.source, f"<solution + bugs {self.id}>"), namespace)
        return namespace


def combine(*bugs: KnownBug) -> BugSet | None:
    """The bugs at once, or None when two of them change the same lines of the solution."""
    if not bugs:
        return None
    code: str | None = bugs[0].code
    for bug in bugs[1:]:
        code = _merged(bugs[0].solution, code, bug.code) if code is not None else None
    return None if code is None else BugSet(tuple(bugs), code, bugs[0].solution)


def baseline(bugs: Sequence[KnownBug]) -> BugSet | None:
    """The solution alone, replayed like a bug: what is right in the student's output."""
    return BugSet((), "", bugs[0].solution) if bugs else None


@functools.lru_cache(maxsize=1024)
def _merged(solution: str, first: str, second: str) -> str | None:
    try:
        ours, theirs, base = ast.parse(first), ast.parse(second), ast.parse(solution)
    except SyntaxError:
        return None
    base_defs = _definitions(base.body)
    statements: list[str] = []
    theirs_defs = _definitions(theirs.body)
    for node in ours.body:
        if is_docstring(node):
            continue
        other = theirs_defs.get(_name(node)) if isinstance(node, Definition) else None
        if other is None or not isinstance(node, Definition):
            statements.append(ast.unparse(node))
            continue
        merged = _merge_definition(node, other, base_defs.get(_name(node)))
        if merged is None:
            return None
        statements.append(merged)
    ours_names = {_name(n) for n in ours.body if isinstance(n, Definition)}
    for node in theirs.body:
        if is_docstring(node) or (isinstance(node, Definition) and _name(node) in ours_names):
            continue
        text = ast.unparse(node)
        if text not in statements:
            statements.append(text)
    return "\n\n".join(_imports_first(statements)) + "\n"


def _merge_definition(ours: Definition, theirs: Definition, base: Definition | None) -> str | None:
    """One definition both bugs redefine: functions merged against the solution's; classes
    method by method."""
    if base is None:
        return None
    if isinstance(ours, ast.ClassDef) and isinstance(theirs, ast.ClassDef):
        if not isinstance(base, ast.ClassDef):
            return None
        base_methods = _definitions(base.body)
        theirs_methods = _definitions(theirs.body)
        body: list[str] = []
        for item in ours.body:
            if is_docstring(item):
                continue
            other = theirs_methods.get(_name(item)) if isinstance(item, Definition) else None
            if other is None or not isinstance(item, Definition):
                body.append(ast.unparse(item))
                continue
            merged = _merge_definition(item, other, base_methods.get(_name(item)))
            if merged is None:
                return None
            body.append(merged)
        mine = {_name(i) for i in ours.body if isinstance(i, Definition)}
        body += [ast.unparse(i) for i in theirs.body if _name(i) not in mine]
        header = ast.unparse(ours).splitlines()[0]
        indented = ["\n".join("    " + line for line in part.splitlines()) for part in body]
        return header + "\n" + "\n\n".join(indented)
    if isinstance(ours, ast.ClassDef) or isinstance(theirs, ast.ClassDef):
        return None
    return _three_way(_text(base), _text(ours), _text(theirs))


def _three_way(base: str, ours: str, theirs: str) -> str | None:
    """The base with both sets of changes, or None where they touch the same lines."""
    lines = base.splitlines()
    changes = [_changes(lines, ours.splitlines()), _changes(lines, theirs.splitlines())]
    if not changes[0] or not changes[1]:
        return None  # one bug does not change this definition: nothing to combine here
    spans = sorted((start, end, new) for side in changes for start, end, new in side)
    for (first, end, _), (start, later_end, _) in itertools.pairwise(spans):
        inserted_before = first == end == start < later_end  # new lines, then a change
        if start < end or (start == first and not inserted_before):  # the same lines
            return None
    merged: list[str] = []
    position = 0
    for start, end, new in spans:
        merged += lines[position:start] + new
        position = end
    return "\n".join(merged + lines[position:])


def _text(definition: Definition) -> str:
    """A definition's code without its docstring (bug files restate code, not docs)."""
    return ast.unparse(without_docstring(definition))


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _definitions(body: list[ast.stmt]) -> dict[str, Definition]:
    return {_name(node): node for node in body if isinstance(node, Definition)}


def _name(node: ast.AST) -> str:
    return getattr(node, "name", "")


def _imports_first(statements: list[str]) -> list[str]:
    imports = [s for s in statements if s.startswith(("import ", "from "))]
    return imports + [s for s in statements if s not in imports]
