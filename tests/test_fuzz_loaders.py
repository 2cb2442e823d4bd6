"""Fuzzing the loaders: whatever a student or an instructor hands them, only a
``GradeError`` (``SubmissionError`` for submissions, ``ExerciseError`` for exercise
folders) may come out — never another exception, never a traceback of the grader."""

from __future__ import annotations

import ast
import copy
import json
import math
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grader.errors import ExerciseError, SubmissionError
from grader.exercise import load_exercise, validate_manifest
from grader.loading import load_submission

TOY = Path(__file__).resolve().parent / "fixtures" / "exercises" / "toy"
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# -- strategies --------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
# Lines a notebook cell may hold: Python, broken Python, and IPython syntax.
cell_lines = st.sampled_from(
    [
        "import numpy as np",
        "def double(x):",
        "    return 2 * x",
        "class Accumulator:",
        "    pass",
        "x = double(3)",
        "%matplotlib inline",
        "%%time",
        "%%bash",
        "%time y = 1",
        "files = !ls",
        "t = %timeit -o double(2)",
        "!pip install numpy",
        "double?",
        "??double",
        "np.sum?",
        "a, b = !echo 1",
        "def broken(:",
        "    ",
        "\t\tmixed",
        "x = (1,",
        "\\",
        "'''",
        "\x00",
        "\ufeff",
        "print('\\ud800')",
        "é = 1",
    ]
) | st.text(max_size=40)
cell_sources = st.lists(cell_lines, max_size=8).map("\n".join) | st.lists(
    cell_lines.map(lambda line: line + "\n"), max_size=8
)

VALID_NOTEBOOK: dict[str, Any] = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "cells": [
        {
            "cell_type": "code",
            "id": "first",
            "metadata": {"tags": []},
            "source": "import numpy as np\n\ndef double(x):\n    return 2 * x\n",
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "markdown", "id": "words", "metadata": {}, "source": "# Doubling"},
        {
            "cell_type": "code",
            "id": "second",
            "metadata": {"tags": ["skip-grading"]},
            "source": ["%matplotlib inline\n", "x = double(3)\n"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["6\n"]}],
            "execution_count": 1,
        },
    ],
}


@st.composite
def mutated_notebooks(draw: st.DrawFn) -> Any:
    """The valid notebook with a few random edits: a value replaced, a key deleted, a
    cell source rewritten, a cell duplicated or its type changed."""
    notebook = copy.deepcopy(VALID_NOTEBOOK)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["replace", "delete", "source", "cell_type", "clone"]))
        cells = notebook.get("cells") if isinstance(notebook, dict) else None
        if kind == "source" and isinstance(cells, list) and cells:
            cell = cells[draw(st.integers(0, len(cells) - 1))]
            if isinstance(cell, dict):
                cell["source"] = draw(cell_sources)
            continue
        if kind == "cell_type" and isinstance(cells, list) and cells:
            cell = cells[draw(st.integers(0, len(cells) - 1))]
            if isinstance(cell, dict):
                cell["cell_type"] = draw(st.sampled_from(["code", "raw", "markdown", "py", 3]))
            continue
        if kind == "clone" and isinstance(cells, list) and cells:
            cells.append(copy.deepcopy(cells[draw(st.integers(0, len(cells) - 1))]))
            continue
        notebook = _edit(draw, notebook, delete=kind == "delete")
    return notebook


def _edit(draw: st.DrawFn, value: Any, delete: bool, leaves: Any = json_values) -> Any:
    """Replace (by a value of ``leaves``) or delete one randomly chosen node of a value."""
    if draw(st.integers(0, 3)) == 0 or not isinstance(value, dict | list) or not value:
        return draw(leaves)
    if isinstance(value, dict):
        key = draw(st.sampled_from(sorted(value)))
        if delete and draw(st.booleans()):
            del value[key]
        else:
            value[key] = _edit(draw, value[key], delete, leaves)
        return value
    index = draw(st.integers(0, len(value) - 1))
    if delete and draw(st.booleans()):
        del value[index]
    else:
        value[index] = _edit(draw, value[index], delete, leaves)
    return value


# -- helpers -----------------------------------------------------------------------------


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="grade-fuzz-") as name:
        yield Path(name)


def load_or_refuse(path: Path) -> None:
    """Load a submission: a SubmissionError is fine; a success must compile."""
    try:
        submission = load_submission(path)
    except SubmissionError as error:
        assert str(error).strip()
        return
    ast.parse(submission.source)


def write_notebook(directory: Path, value: Any) -> Path:
    path = directory / "forward.ipynb"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


# -- submissions ---------------------------------------------------------------------------


@FUZZ
@given(json_values)
def test_random_json_is_not_a_notebook(value: Any) -> None:
    with folder() as directory:
        load_or_refuse(write_notebook(directory, value))


@FUZZ
@given(mutated_notebooks())
@example(VALID_NOTEBOOK)
def test_mutated_notebooks_load_or_are_refused(notebook: Any) -> None:
    with folder() as directory:
        load_or_refuse(write_notebook(directory, notebook))


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".py", ".ipynb"]))
@example(b"\xff\xfe\x00", ".py")
@example(b"x = 1\x00", ".py")
@example(b"(" * 300, ".py")
@example(b'{"cells": 5}', ".ipynb")
def test_random_bytes_as_a_submission(data: bytes, suffix: str) -> None:
    with folder() as directory:
        path = directory / f"activations{suffix}"
        path.write_bytes(data)
        load_or_refuse(path)


@FUZZ
@given(st.text(max_size=2000))
@example("\ufeffdef f():\n  return 1\n")
@example("def f():\n\treturn 1\n        pass\n")
@example("x = '\ud800'")
def test_random_text_as_a_python_file(text: str) -> None:
    with folder() as directory:
        path = directory / "activations.py"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        load_or_refuse(path)


def test_a_deeply_nested_notebook_is_refused() -> None:
    with folder() as directory:
        path = directory / "forward.ipynb"
        path.write_text("[" * 100_000 + "]" * 100_000)
        load_or_refuse(path)


# -- exercise manifests --------------------------------------------------------------------

VALID_MANIFEST = tomllib.loads((TOY / "manifest.toml").read_text())
toml_scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=15,
)


@st.composite
def mutated_manifests(draw: st.DrawFn) -> dict[str, Any]:
    manifest = copy.deepcopy(VALID_MANIFEST)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        manifest = _edit(draw, manifest, draw(st.booleans()), toml_values)
        if not isinstance(manifest, dict):
            manifest = {"id": manifest}
    return manifest


def toml(value: dict[str, Any]) -> str:
    """A TOML document for a dict (tables as inline tables: any nesting is expressible)."""
    return "".join(f"{_key(k)} = {_toml_value(v)}\n" for k, v in value.items())


def _key(key: str) -> str:
    return json.dumps(key)  # a TOML basic string is JSON-compatible for what we generate


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return _key(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


@FUZZ
@given(st.dictionaries(st.text(max_size=15), toml_values, max_size=12) | mutated_manifests())
@example(VALID_MANIFEST)
def test_validate_manifest_only_raises_exercise_errors(data: dict[str, Any]) -> None:
    try:
        validate_manifest(data, "manifest.toml")
    except ExerciseError as error:
        assert "manifest.toml" in str(error)


@settings(FUZZ, max_examples=100)
@given(mutated_manifests())
@example(VALID_MANIFEST)
def test_load_exercise_on_mutated_manifests(data: dict[str, Any]) -> None:
    with folder() as directory:
        root = directory / "toy"
        shutil.copytree(TOY, root)
        (root / "manifest.toml").write_text(toml(data), encoding="utf-8")
        try:
            exercise = load_exercise(root)
        except ExerciseError:
            return
        assert exercise.id == data["id"]


@FUZZ
@given(st.text(max_size=500) | st.binary(max_size=500))
@example("id = [")
@example("x = 1979-05-27T07:32:00Z")
@example(b"\xff\xfe")
def test_load_exercise_on_random_manifest_text(content: str | bytes) -> None:
    with folder() as directory:
        path = directory / "manifest.toml"
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        else:
            path.write_bytes(content)
        with pytest.raises(ExerciseError):
            load_exercise(directory)


def test_a_deeply_nested_manifest_is_refused() -> None:
    with folder() as directory:
        (directory / "manifest.toml").write_text("id = " + "[" * 5000 + "]" * 5000)
        with pytest.raises(ExerciseError):
            load_exercise(directory)


def test_a_manifest_that_is_a_folder_is_refused() -> None:
    with folder() as directory:
        (directory / "manifest.toml").mkdir()
        with pytest.raises(ExerciseError):
            load_exercise(directory)
