"""Regressions: each test here failed before the fix it guards."""

from __future__ import annotations

from pathlib import Path

import numpy as np

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
