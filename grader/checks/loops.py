"""Reading a submission's source for Python-level loops, for checks of vectorization.

``definition_that_runs(submission, source, "forward")`` (``grader.checks.definitions``)
finds the ``def`` that the name is really bound to when the checks call it.
``find_loops(source, tree, definition)`` then lists every loop that running it goes
through: in its body, and in the functions, lambdas and static methods of the same file
that it calls (recursion counts: one call per example is a loop too), and tells a loop
whose trip count comes from the data (the examples) from one over the layers.

    tree, forward = definition_that_runs(submission, source, "forward")
    loops = find_loops(source, tree, forward)
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from grader.checks.definitions import module_statements

LOOP_NODES = {
    ast.For: "a `for` loop",
    ast.AsyncFor: "a `for` loop",
    ast.While: "a `while` loop",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}
# A Python-level loop in disguise: (module, function) -> how it is named. A module of
# None is a builtin, called by its bare name.
LOOPING_CALLS = {
    (None, "map"): "map(...)",
    (None, "filter"): "filter(...)",
    ("numpy", "vectorize"): "np.vectorize",
    ("numpy", "frompyfunc"): "np.frompyfunc",
    ("numpy", "apply_along_axis"): "np.apply_along_axis",
    ("numpy", "apply_over_axes"): "np.apply_over_axes",
    ("numpy", "fromiter"): "np.fromiter",
    ("functools", "reduce"): "functools.reduce",
    ("itertools", "starmap"): "itertools.starmap",
    ("itertools", "accumulate"): "itertools.accumulate",
}
LOOPS = (
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)
HIDDEN_CODE = {"exec": "exec(...)", "eval": "eval(...)", "compile": "compile(...)"}
DICT_VIEWS = {"items", "keys", "values"}
Callee = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


@dataclass(frozen=True)
class _Scope:
    """The module's functions by name (the last ``def``, or a lambda assigned to the
    name), its classes' methods, and what its import names stand for."""

    functions: dict[str, Callee]
    methods: dict[tuple[str, str], ast.FunctionDef | ast.AsyncFunctionDef]
    modules: dict[str, str]  # local name -> module (``np`` -> ``numpy``)
    imported: dict[str, tuple[str, str]]  # local name -> (module, name) of ``from`` imports


def _bound_to(value: ast.expr, functions: dict[str, Callee]) -> Callee | None:
    if isinstance(value, ast.Lambda):
        return value
    if isinstance(value, ast.Name):
        return functions.get(value.id)
    return None


@dataclass(frozen=True)
class Loop:
    """A Python-level loop that running a function goes through."""

    what: str  # "a `for` loop", "np.vectorize", "recursion (...)"
    function: str  # the function it is in
    line: int  # counted from that function's ``def`` (reads the same in a notebook cell)
    code: str  # the line itself
    called_by: str  # the function the search started from, when the loop is in another
    per_example: bool  # its trip count grows with the data (the examples), not the layers

    def __str__(self) -> str:
        called_by = f" (which {self.called_by} calls)" if self.called_by else ""
        return f"{self.what} at line {self.line} of {self.function}{called_by}: `{self.code}`"


def find_loops(
    source: str,
    tree: ast.Module,
    definition: ast.FunctionDef | ast.AsyncFunctionDef,
    data: tuple[str, ...] | None = None,
) -> list[Loop]:
    """Each Python-level loop that running ``definition`` goes through, in its body and in
    the functions of the file it calls. A loop is ``per_example`` when what it runs over
    comes from ``data``, the arguments that carry the examples (by default the first):
    ``range(m)`` with ``m = X.shape[1]``, ``for x in X.T``, a ``while i < m``. A loop
    over the layers (``for l in range(1, L)`` with ``L = len(params) // 2``) or a fixed
    range is not; loops over a dict's entries are left out."""
    return list(_loops(source, tree, definition, data))


@functools.lru_cache(maxsize=256)
def _loops(
    source: str,
    tree: ast.Module,
    definition: ast.FunctionDef | ast.AsyncFunctionDef,
    data: tuple[str, ...] | None,
) -> tuple[Loop, ...]:
    """``find_loops``, once per tree (trees of the same source are shared: ``parsed``)."""
    scope = _scope(tree)
    lines = source.splitlines()
    name = definition.name
    sources = set(data) if data is not None else set(_parameters(definition)[:1])
    found: dict[tuple[bool, str, int, str], Loop] = {}
    seen: set[tuple[int, frozenset[str]]] = set()
    todo: list[tuple[str, Callee, tuple[str, ...], frozenset[str]]] = [
        (name, definition, (), frozenset(sources))
    ]
    while todo:
        current, function, callers, given = todo.pop()
        if (id(function), given) in seen:
            continue
        seen.add((id(function), given))
        tainted = _from_data(function, set(given))
        for node, what, callee in _walk(function, scope):
            per_example = True
            if callee is not None:
                label = _callee_label(node)
                if label not in (current, *callers):
                    assert isinstance(node, ast.Call)
                    passed = _passed(node, callee, tainted)
                    todo.append((label, callee, (*callers, current), passed))
                    continue
                what = f"recursion ({label} calls itself: one Python call per step)"
            elif isinstance(node, LOOPS):
                per_example = _runs_over(node, tainted)
            if what is None:
                continue
            code = lines[node.lineno - 1].strip() if node.lineno <= len(lines) else ""
            code = code if len(code) <= 80 else code[:77] + "..."
            line = node.lineno - function.lineno + 1
            loop = Loop(what, current, line, code, "" if current == name else name, per_example)
            found[(current != name, current, node.lineno, what)] = loop
    return tuple(found[key] for key in sorted(found))


def _parameters(function: Callee) -> list[str]:
    arguments = function.args
    return [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]


def _mentions(node: ast.AST | None, names: set[str]) -> bool:
    return node is not None and any(
        isinstance(n, ast.Name) and n.id in names for n in ast.walk(node)
    )


def _stored(target: ast.AST) -> set[str]:
    """The names an assignment to ``target`` binds or changes: ``a, b = ...`` binds a and
    b; ``cache["Z"][l] = ...`` changes cache, not the index l."""
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, ast.Tuple | ast.List):
        return set().union(*(_stored(element) for element in target.elts))
    if isinstance(target, ast.Starred):
        return _stored(target.value)
    if isinstance(target, ast.Subscript | ast.Attribute):
        return _stored(target.value)
    return set()


def _flows(function: Callee) -> list[tuple[ast.AST, ast.AST]]:
    """(value, target) of every binding in ``function``: assignments, loop variables."""
    flows: list[tuple[ast.AST, ast.AST]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            flows += [(node.value, target) for target in node.targets]
        elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.NamedExpr) and node.value:
            flows.append((node.value, node.target))
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            flows.append((node.iter, node.target))
    return flows


def _from_data(function: Callee, names: set[str]) -> set[str]:
    """The names of ``function`` whose values come from ``names`` (flow-insensitive)."""
    tainted, flows, changed = set(names), _flows(function), True
    while changed:
        changed = False
        for value, target in flows:
            new = _stored(target) - tainted
            if new and _mentions(value, tainted):
                tainted |= new
                changed = True
    return tainted


def _passed(call: ast.Call, callee: Callee, tainted: set[str]) -> frozenset[str]:
    """The parameters of ``callee`` that receive data at ``call``."""
    parameters = _parameters(callee)
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return frozenset(parameters) if _mentions(call, tainted) else frozenset()
    passed = {p for p, a in zip(parameters, call.args, strict=False) if _mentions(a, tainted)}
    passed |= {k.arg for k in call.keywords if k.arg and _mentions(k.value, tainted)}
    return frozenset(passed)


def _runs_over(node: ast.AST, tainted: set[str]) -> bool:
    """Whether a loop's trip count comes from the data."""
    if isinstance(node, ast.While):
        return _mentions(node.test, tainted) or not _mentions(node.test, _every_name(node))
    if isinstance(node, ast.For | ast.AsyncFor):
        return _mentions(node.iter, tainted)
    assert isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp)
    return any(_mentions(g.iter, tainted) for g in node.generators)


def _every_name(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _walk(
    function: Callee, scope: _Scope
) -> Iterator[tuple[ast.expr | ast.stmt, str | None, Callee | None]]:
    """Each loop, hidden code and call into the same file in ``function``'s code."""
    arguments = [a.arg for a in function.args.args]
    entries = {"params", "parameters", "cache", *arguments[1:2]}
    for node in ast.walk(function):
        if isinstance(node, LOOPS):
            yield node, _loop_kind(node, entries), None
        elif isinstance(node, ast.Call):
            callee = _callee(node, scope)
            if callee is not None:
                yield node, None, callee
            else:
                yield node, _looping_call(node, scope), None


def _callee(call: ast.Call, scope: _Scope) -> Callee | None:
    """The function of the same file that ``call`` calls, if the grader can tell."""
    function = call.func
    if isinstance(function, ast.Name):
        return scope.functions.get(function.id)
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        return scope.methods.get((function.value.id, function.attr))
    return None


def _callee_label(call: ast.AST) -> str:
    function = call.func if isinstance(call, ast.Call) else call
    return ast.unparse(function)


def _looping_call(call: ast.Call, scope: _Scope) -> str | None:
    function = call.func
    if isinstance(function, ast.Name):
        name = function.id
        if name in HIDDEN_CODE:
            return f"{HIDDEN_CODE[name]} (code the grader cannot read)"
        if name in scope.imported:
            return LOOPING_CALLS.get(scope.imported[name])
        return LOOPING_CALLS.get((None, name))
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        module = scope.modules.get(function.value.id)
        return LOOPING_CALLS.get((module, function.attr)) if module else None
    return None


def _over_entries(iterable: ast.expr, entries: set[str]) -> bool:
    """A loop over a dict's entries or a literal list of names (e.g. the keys W1, b1, ...)
    runs a fixed, small number of times: it is not a loop over the examples."""
    if isinstance(iterable, ast.Name):
        return iterable.id in entries
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute):
        return iterable.func.attr in DICT_VIEWS
    if isinstance(iterable, ast.Tuple | ast.List | ast.Set):
        return all(isinstance(element, ast.Constant) for element in iterable.elts)
    return False


def _loop_kind(node: ast.AST, entries: set[str]) -> str | None:
    """What kind of loop ``node`` is, or None when it is one over dict entries."""
    kind = LOOP_NODES[type(node)]
    if isinstance(node, ast.For | ast.AsyncFor):
        iterables = [node.iter]
    elif isinstance(node, ast.While):
        return kind
    else:
        assert isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp)
        iterables = [generator.iter for generator in node.generators]
    return None if all(_over_entries(i, entries) for i in iterables) else kind


def _scope(tree: ast.Module) -> _Scope:
    functions: dict[str, Callee] = {}
    methods: dict[tuple[str, str], ast.FunctionDef | ast.AsyncFunctionDef] = {}
    modules: dict[str, str] = {}
    imported: dict[str, tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                imported[alias.asname or alias.name] = (node.module, alias.name)
    # In the order the module runs: a def binds its name, ``alias = name`` binds the
    # alias to what the name is bound to then, ``name = lambda ...`` to the lambda.
    for node in sorted(module_statements(tree), key=lambda n: n.lineno):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    methods[(node.name, item.name)] = item
        elif isinstance(node, ast.Assign):
            bound = _bound_to(node.value, functions)
            for target in node.targets:
                if isinstance(target, ast.Name) and bound is not None:
                    functions[target.id] = bound
    return _Scope(functions, methods, modules, imported)
