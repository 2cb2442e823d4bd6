"""Regressions in known-bug matching, each of which once named the wrong misconception."""

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
