"""What a known bug can change, and the replays the matcher saves by knowing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import demo_exercise

from grader import checkrun
from grader.checks.reach import changed_names
from grader.grading import GradeOptions, grade_file

SOLUTION = '''
import numpy as np
SCALE = 2.0

def double(x):
    """Twice x."""
    return SCALE * x

def quadruple(x):
    return double(double(x))

def other(x):
    return x
'''


def test_a_redefinition_changes_its_name_and_whatever_uses_it() -> None:
    bug = "def double(x):\n    return x + x + 1\n"
    assert changed_names(SOLUTION, bug) == {"double", "quadruple"}
    assert changed_names(SOLUTION, "SCALE = 3.0\n") == {"SCALE", "double", "quadruple"}


def test_a_restated_definition_changes_nothing() -> None:
    same = 'def double(x):\n    """Another docstring."""\n    return SCALE * x\n'
    assert changed_names(SOLUTION, same) == frozenset()


def test_code_that_runs_at_the_top_may_change_anything() -> None:
    assert changed_names(SOLUTION, "np.maximum = np.minimum\n") is None
    assert changed_names(SOLUTION, "for i in range(3):\n    pass\n") is None
    assert changed_names(SOLUTION, "def broken(:\n") is None


def test_only_bugs_that_change_what_a_failed_part_used_are_replayed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong relu fails one part of the checks that try every function: the bugs that
    change only the other functions are not replayed there, and the same bug is named."""
    exercise = demo_exercise("activations")
    (bug,) = [b for b in exercise.bugs() if b.id == "relu-derivative-is-relu"]
    path = tmp_path / "activations.py"
    path.write_text(bug.source)
    replays: list[str] = []
    original = checkrun.replay_local

    def counting(check, exercise, seed, namespace, source):  # type: ignore[no-untyped-def]
        replays.append(source)
        return original(check, exercise, seed, namespace, source)

    monkeypatch.setattr(checkrun, "replay_local", counting)
    result = grade_file(exercise, path, GradeOptions("alice"))
    named = {m.id for c in result.checks for m in c.misconceptions}
    assert named == {"relu-derivative-is-relu"}
    failed = sum(1 for c in result.checks if not c.passed and c.misconceptions)
    assert failed >= 2
    # Without the pruning every bug would be replayed on every failed check.
    assert len(replays) < failed * len(exercise.bugs()) / 3, (len(replays), failed)
