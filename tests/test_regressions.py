"""Regressions: each test here failed before the fix it guards."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from grader.checks.loops import Loop, find_loops
from grader.checks.misconceptions import _same, transcripts_match
from grader.exercise import load_exercise
from grader.proxy import LocalSubmission

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"


def test_boolean_answer_does_not_match_float_bug() -> None:
    assert not _same(np.array([True, False]), np.array([1.0, 0.0]))
    assert not _same(np.array([1, 0]), np.array([1.0, 0.0]))
    assert _same(np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    assert _same(np.array([1, 0], dtype=np.int32), np.array([1, 0], dtype=np.int64))


def test_local_objects_compare_by_the_type_behind_the_proxy() -> None:
    exercise = load_exercise(EXERCISES / "forum-backprop")
    bug = exercise.bugs()[0]
    first = LocalSubmission(bug.namespace(), bug.source)
    second = LocalSubmission(bug.namespace(), bug.source)
    first.NeuralNetwork([3, 2, 1], 0.1)
    second.NeuralNetwork([3, 2, 1], 0.1)
    assert transcripts_match(first.transcript, second.transcript)


def test_module_value_reads_are_recorded_like_remote_reads() -> None:
    local = LocalSubmission({"np": np, "f": lambda x: x})
    local.np  # noqa: B018 - the read itself is what is recorded
    local.f(1.0)
    assert [e.label for e in local.transcript.events] == ["submission.np", "f(1.0)"]


def test_call_labels_show_arrays_inside_dicts_by_shape() -> None:
    from grader.proxy import describe_call

    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    label = describe_call("forward", (np.ones((3, 4)), params), {})
    assert label == "forward(<array (3, 4)>, {'W1': <array (2, 3)>, 'b1': <array (2, 1)>})"
    assert "\n" not in describe_call("f", (list(range(100)),), {})


def test_text_output_shows_notes_of_passing_checks() -> None:
    from grader.formats import render_text
    from grader.result import CheckResult, GradeResult

    passed = CheckResult(
        "speed",
        "forward is fast",
        1.0,
        1.0,
        "hidden",
        False,
        "forward was 31x faster than forward_loop",
        1,
        0.1,
    )
    result = GradeResult(
        "x",
        "1.0",
        "X",
        "s",
        "f.py",
        "py",
        None,
        "graded",
        None,
        (passed,),
        {"backend": "process"},
        False,
        "fixed",
        "0",
    )
    assert "31x faster" in render_text(result)


def test_exceptions_match_by_type_and_text() -> None:
    """A backprop crashing on `shapes (8,5) and (8,5) not aligned` was told it had the
    forum post's bugs, whose ValueErrors name other shapes: types alone matched."""
    from grader.proxy import Event, Transcript

    def transcript(kind: str, text: str) -> Transcript:
        return Transcript([Event("forward(...)", error_type=kind, error_text=text)])

    shapes = "operands could not be broadcast together with shapes (3,4) (3,)"
    other = "matmul: Input operand 1 has a mismatch in its core dimension 0"
    assert transcripts_match(transcript("ValueError", shapes), transcript("ValueError", shapes))
    assert not transcripts_match(transcript("ValueError", shapes), transcript("ValueError", other))
    assert not transcripts_match(transcript("TypeError", shapes), transcript("ValueError", shapes))


def test_an_exception_without_text_reads_cleanly() -> None:
    from grader.sandbox.session import student_error

    error = student_error({"type": "MemoryError", "message": "", "line": 3}, "f(1)")
    assert error.message == "f(1) raised MemoryError\nat line 3"


def test_match_bugs_names_only_the_bug_with_the_same_exception_text() -> None:
    from grader.checks.misconceptions import KnownBug, match_bugs
    from grader.proxy import Event, Transcript

    def bug(name: str) -> KnownBug:
        return KnownBug(name, name, "", Path(f"{name}.py"), "")

    texts = {"flat-bias": "shapes (3,4) (3,)", "transposed": "matmul: mismatch in dimension 0"}
    student = Transcript(
        [Event("forward(...)", error_type="ValueError", error_text=texts["flat-bias"])]
    )

    def replay(known: KnownBug) -> tuple[bool, Transcript]:
        return True, Transcript(
            [Event("forward(...)", error_type="ValueError", error_text=texts[known.id])]
        )

    assert [b.id for b in match_bugs(student, [bug("transposed"), bug("flat-bias")], replay)] == [
        "flat-bias"
    ]
    alone = match_bugs(student, [bug("transposed")], replay)
    assert alone == []  # the same type with another message names nothing


def test_bwrap_never_hides_the_interpreter_directory(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Run as the `grade` console script, sys.path[0] is the interpreter's bin/ directory,
    which was covered by an empty tmpfs: bwrap then could not exec Python at all."""
    import sys

    from grader.sandbox import backends

    bin_dir = str(Path(sys.executable).resolve().parent)
    monkeypatch.setattr(sys, "path", [bin_dir, *sys.path])
    argv = backends.BACKENDS["bwrap"].launch(Path("/tmp"), 1 << 20).argv
    covered = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--tmpfs"]
    assert bin_dir not in covered


def test_atomic_writes_get_the_usual_permissions(tmp_path: Path) -> None:
    """mkstemp's 0600 made results and report pages unreadable to TAs and web servers."""
    import os

    from grader.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "result.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "result.json").stat().st_mode & 0o777 == 0o644


def test_batch_refuses_a_negative_timeout(tmp_path: Path) -> None:
    """grade batch had its own --timeout option, without the range grade submit checks."""
    from click.testing import CliRunner

    from grader.cli import main

    result = CliRunner().invoke(
        main, ["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--timeout", "-1"]
    )
    assert result.exit_code == 2
    assert "--timeout" in result.output


def test_loops_over_dict_entries_are_not_loops_over_examples() -> None:
    """SPEC forbids loops over the examples in forward; a loop over params cost 3 points."""
    entries = (
        "def forward(X, params):\n"
        "    for name, value in params.items():\n        assert value.ndim == 2, name\n"
        "    W1, b1 = (params[k] for k in ('W1', 'b1'))\n    return W1 @ X + b1\n"
    )
    examples = (
        "def forward(X, params):\n    return [params['W1'] @ X[:, i] for i in range(X.shape[1])]\n"
    )
    assert loops_of(entries) == []
    assert [loop.per_example for loop in loops_of(examples)] == [True]


def loops_of(source: str) -> list[Loop]:
    tree = ast.parse(source)
    forward = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "forward")
    return find_loops(source, tree, forward)


LAYERS = """
def forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = layer(A, parameters["W" + str(l)], parameters["b" + str(l)])
        caches.append(cache)
    return A, caches

def layer(A, W, b):
    return np.maximum(W @ A + b, 0), (A, W, b)
"""


@pytest.mark.parametrize(
    ("loop", "per_example"),
    [
        ("for l in range(1, L):", False),  # over the layers: L from the parameters
        ("for l in range(3):", False),
        ("for l in range(X.shape[1]):", True),
        ("for x in X.T:", True),
        ("m = X.shape[1]\n    for i in range(m):", True),
        ("i = 0\n    while i < A.shape[1]:\n        i += 1", True),  # A comes from X
        ("l = 1\n    while l < L:\n        l += 1", False),
        # the layer index used in a subscript does not take the data's taint
        ("cache[L] = A\n    for l in range(L):", False),
    ],
)
def test_a_loop_over_the_layers_is_not_a_loop_over_the_examples(
    loop: str, per_example: bool
) -> None:
    """deeplearning.ai's `for l in range(1, L)` was reported as a loop per example."""
    source = LAYERS.replace("    for l in range(1, L):", "    " + loop, 1)
    found = [f for f in loops_of(source) if f.function == "forward"]
    assert [f.per_example for f in found] == [per_example], [str(f) for f in found]
    assert loop.splitlines()[-1].strip().split(":")[0] in str(found[0]) or "while" in loop


def test_a_helper_looping_over_what_forward_passes_it_from_x_is_per_example() -> None:
    source = (
        "def forward(X, params):\n    return columns(X, params['W1'])\n\n"
        "def columns(A, W):\n    return np.stack([W @ a for a in A.T], axis=1)\n"
    )
    (loop,) = loops_of(source)
    assert loop.per_example and loop.function == "columns" and loop.called_by == "forward"
    fixed = source.replace("columns(X, params['W1'])", "columns(params['W1'], params['W1'])")
    assert [loop.per_example for loop in loops_of(fixed)] == [False]


def test_an_overflowing_sigmoid_is_caught_however_numpy_was_imported(tmp_path: Path) -> None:
    """The stability check set NumPy's error mode through the submission's `np`; one that
    imported `from numpy import exp` escaped it and passed."""
    from grader.grading import GradeOptions, grade_file

    path = tmp_path / "activations.py"
    path.write_text(
        "from numpy import asarray, exp\n\n\n"
        "def sigmoid(z):\n    return 1.0 / (1.0 + exp(-asarray(z, dtype=float)))\n"
    )
    result = grade_file(load_exercise(EXERCISES / "activations"), path, GradeOptions())
    large = next(c for c in result.checks if c.id == "sigmoid_large")
    assert not large.passed
    assert "FloatingPointError" in large.message
    assert "sigmoid-overflow" in [m.id for m in large.misconceptions]
