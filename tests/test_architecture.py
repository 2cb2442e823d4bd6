"""The structure the README's layer table promises: imports go down the layers, never in
a cycle, and every command loads on its own."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import grader
from grader.cli import COMMANDS
from grader.failures import FAILURE_KINDS
from grader.result import STATUSES, VISIBILITIES, result_schema

PACKAGE = Path(grader.__file__).resolve().parent

# From the top. A module may import modules of its own layer, of the layers below it,
# and the leaves; a leaf imports only leaves; the runtime imports nothing of grader.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("cli", ("grader.cli", "grader.commands", "grader.__main__")),
    (
        "tasks",
        (
            "grader.batch",
            "grader.report",
            "grader.release",
            "grader.validate",
            "grader.scaffold",
            "grader.deploy",
            "grader.coursepack",
        ),
    ),
    ("grading", ("grader.grading", "grader.checkrun", "grader.provided")),
    (
        "authoring",
        (
            "grader.checks",
            "grader.proxy",
            "grader.loading",
            "grader.notebooks",
            "grader.exercise",
            "grader.template",
            "grader.formats",
            "grader.course",
            "grader.references",
            "grader.locate",
            "grader.schemadoc",
            "grader.prepare",
        ),
    ),
    ("sandbox", ("grader.sandbox",)),
    ("runtime", ("grader.sandbox.runtime",)),
]
LEAVES = (
    "grader",
    "grader.errors",
    "grader.limits",
    "grader.failures",
    "grader.result",
    "grader.files",
    "grader.cache",
    "grader.validation",
)
# Pairs that the layer order allows but the design does not.
FORBIDDEN = [("grader.report", "grader.batch"), ("grader.batch", "grader.report")]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# The skeleton holds the files `grade new` writes for an instructor: not the grader.
MODULES = {
    module_name(p): p
    for p in sorted(PACKAGE.rglob("*.py"))
    if "skeleton" not in p.relative_to(PACKAGE).parts
}


def imports_of(name: str) -> set[str]:
    """The grader modules ``name`` imports, anywhere in it (functions and TYPE_CHECKING
    blocks included); ``from a import b`` counts as importing ``a.b`` when that is a
    module."""
    tree = ast.parse(MODULES[name].read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in MODULES
                else node.module
                for alias in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def layer_of(name: str) -> int | None:
    """The rank of a module's layer (0 is the top), or None for a leaf."""
    if name in LEAVES:
        return None
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = name == prefix or name.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    if best is None:
        raise AssertionError(f"{name} is in no layer: add it to LAYERS or LEAVES")
    return best[0]


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        layer_of(name)


def test_imports_follow_the_layer_order() -> None:
    wrong = []
    runtime = len(LAYERS) - 1
    for name, targets in GRAPH.items():
        rank = layer_of(name)
        for target in sorted(targets):
            target_rank = layer_of(target)
            if rank is None:
                ok = target_rank is None
            elif rank == runtime:
                ok = target_rank == runtime
            else:
                ok = target_rank is None or target_rank >= rank
            if not ok:
                wrong.append(f"{name} imports {target}")
    for upper, lower in FORBIDDEN:
        wrong += [
            f"{name} imports {target}"
            for name, targets in GRAPH.items()
            if name.startswith(upper)
            for target in targets
            if target.startswith(lower)
        ]
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_layer_test_finds_what_it_should() -> None:
    """The checks above are not vacuous: the graph has edges, across several layers."""
    assert "grader.sandbox.session" in GRAPH["grader.grading"]
    assert "grader.checks.registry" in GRAPH["grader.grading"]
    assert all(not targets for name, targets in GRAPH.items() if name.endswith(".runtime.wire"))
    assert sum(len(t) for t in GRAPH.values()) > 100


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_every_command_is_listed_whatever_was_imported_first() -> None:
    expected = sorted(COMMANDS)
    code = (
        "import importlib, json, sys; importlib.import_module(sys.argv[1]); "
        "import click; from grader.cli import main; "
        "print(json.dumps(main.list_commands(click.Context(main))))"
    )

    def listed(name: str) -> tuple[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", code, name],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return name, json.loads(done.stdout) if done.returncode == 0 else done.stderr

    with ThreadPoolExecutor(4) as pool:
        found = dict(pool.map(listed, sorted(n for n in MODULES if ".runtime" not in n)))
    wrong = {name: got for name, got in found.items() if got != expected}
    assert not wrong


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "grader", command, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Usage: python -m grader {command}" in done.stdout
    assert "Example" in done.stdout, f"`grade {command} --help` shows no example"


def test_a_command_that_does_not_resolve_is_an_error() -> None:
    done = _run(
        "import click; from grader.cli import LazyGroup\n"
        "group = LazyGroup(name='g', lazy_commands={'x': 'grader.commands.student:nothing'})\n"
        "group.get_command(click.Context(group), 'x')\n"
    )
    assert done.returncode != 0 and "AttributeError" in done.stderr and "nothing" in done.stderr


def test_the_schema_enums_are_the_models_literals() -> None:
    schema = result_schema()
    extra = schema["properties"]["extra_data"]["properties"]
    test = schema["$defs"]["test"]["properties"]["extra_data"]["properties"]
    assert tuple(extra["status"]["enum"]) == STATUSES
    assert tuple(test["kind"]["enum"]) == (None, *FAILURE_KINDS)
    assert tuple(schema["$defs"]["visibility"]["enum"]) == VISIBILITIES
