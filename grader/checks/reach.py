"""What a known bug can change: the top-level names that may behave differently from the
solution's.

A bug file redefines parts of the solution. The names it redefines differently, and every
definition of the solution that uses one of them (and so on), may behave differently; no
other name can. A check that touches none of them cannot tell the bug from the solution,
so replaying it there is replaying the solution: the matcher does that once per check
instead of once per bug (``grader.checkrun``). A bug file that does anything else at its
top level (a call, a loop, patching a module) may change anything: ``None``.
"""

from __future__ import annotations

import ast
import functools

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@functools.lru_cache(maxsize=1024)
def changed_names(solution: str, code: str) -> frozenset[str] | None:
    """The names of the solution that ``code``, run after it, may make behave otherwise."""
    try:
        base, bug = ast.parse(solution), ast.parse(code)
    except SyntaxError:
        return None
    before = _definitions(base.body)
    if before is None:
        return None
    changed: set[str] = set()
    for node in bug.body:
        if is_docstring(node):
            continue
        names = _defined(node)
        if names is None:
            return None
        text = ast.dump(without_docstring(node))
        changed |= {name for name in names if before.get(name, (None,))[0] != text}
    uses = {name: used for name, (_, used) in before.items()}
    grown = True
    while grown:  # whatever uses a changed name may change too
        grown = False
        for name, used in uses.items():
            if name not in changed and used & changed:
                changed.add(name)
                grown = True
    return frozenset(changed)


def _definitions(body: list[ast.stmt]) -> dict[str, tuple[str, set[str]]] | None:
    """Each top-level name of the solution: its definition, and the names it uses."""
    found: dict[str, tuple[str, set[str]]] = {}
    for node in body:
        if is_docstring(node):
            continue
        names = _defined(node)
        if names is None:
            continue  # solution code that only runs (a call at the top): names nothing
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        for name in names:
            found[name] = (ast.dump(without_docstring(node)), used)
    return found


def _defined(node: ast.stmt) -> list[str] | None:
    """The names a top-level statement binds, or None when it does more than bind."""
    if isinstance(node, Definition):
        return [node.name]
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    if targets and all(isinstance(t, ast.Name) for t in targets):
        return [t.id for t in targets if isinstance(t, ast.Name)]
    return None


def without_docstring(node: ast.stmt) -> ast.stmt:
    """A definition without its docstring (bug files restate code, not docs)."""
    if isinstance(node, Definition) and len(node.body) > 1 and is_docstring(node.body[0]):
        copy = ast.parse(ast.unparse(node)).body[0]
        assert isinstance(copy, Definition)
        copy.body = copy.body[1:]
        return copy
    return node


def is_docstring(node: ast.stmt) -> bool:
    """Whether a statement is a bare string: a docstring."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )
