"""Repairs: a named crash undone in the student's code, to tell the bugs it hid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EXERCISES

from grader import grading
from grader.checks.repairs import read_repairs, repaired
from grader.errors import ExerciseError
from grader.exercise import Exercise, load_exercise
from grader.grading import BEHIND, GradeOptions, grade_file
from grader.prepare import prepare
from grader.validate import validate_exercise

CRASH = (
    'r"""np.multiply given one factor\n\nnp.multiply takes two arrays.\n\n'
    'Repair: np\\.multiply\\((\\w+)\\) => np.multiply(\\1, 1.0)\n"""\n\n'
    "def double(x):\n    x = np.multiply(x)\n    return 2.0 * np.asarray(x, dtype=float)\n"
)


def _toy_with_bug(tmp_path: Path, name: str, text: str) -> Exercise:
    copy = tmp_path / "toy"
    shutil.copytree(EXERCISES / "toy", copy)
    (copy / "bugs" / f"{name}.py").write_text(text)
    return load_exercise(copy)


def _counting_sandboxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Exercise, list[int]]:
    """The toy exercise with a repairable crash, and a list that grows by one each time a
    grading starts a sandbox."""
    started: list[int] = []
    monkeypatch.setattr(grading, "prepare", lambda *a, **k: started.append(1) or prepare(*a, **k))
    return _toy_with_bug(tmp_path, "multiply-one-argument", CRASH), started


def test_repair_lines_are_read_out_of_the_explanation() -> None:
    text, repairs = read_repairs("Title\n\nWhy.\n\nRepair: a\\(b => c(\nRepair: x => y\n")
    assert repairs == (("a\\(b", "c("), ("x", "y"))
    assert "Repair" not in text and "Why." in text


def test_repairs_apply_in_order_and_an_invalid_replacement_changes_nothing() -> None:
    assert repaired("np.mat(X)", [(r"\b(np)\.mat\(", r"\1.asmatrix(")]) == "np.asmatrix(X)"
    assert repaired("a b", [("a", "b"), ("b b", "c")]) == "c"
    assert repaired("abc", [("(a)", r"\2")]) == "abc"  # no group 2: left as it was


def test_the_bugs_behind_a_repairable_crash_are_told_and_the_score_is_kept(
    tmp_path: Path,
) -> None:
    exercise = _toy_with_bug(tmp_path, "multiply-one-argument", CRASH)
    student = tmp_path / "student.py"
    student.write_text(
        "import numpy as np\n\n\ndef double(x):\n    x = np.multiply(x)\n"
        "    return np.asarray(x, dtype=float) + 2.0\n\n\n"
        "class Accumulator:\n    def __init__(self, n):\n        self.total = np.zeros(n)\n\n"
        "    def add(self, x):\n        self.total = self.total + x\n        return self.total\n"
    )
    result = grade_file(exercise, student, GradeOptions("alice"))
    doubled = next(c for c in result.checks if c.id == "double_random")
    assert not doubled.passed and doubled.score == 0
    assert [m.id for m in doubled.misconceptions] == ["multiply-one-argument", "double-adds"]
    assert doubled.misconceptions[1].title.endswith(f"({BEHIND})")
    assert doubled.misconceptions[0].title == "np.multiply given one factor"
    assert "raised TypeError" in doubled.message  # what the student's own code did


def test_code_without_the_crash_is_graded_once_and_told_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise, started = _counting_sandboxes(tmp_path, monkeypatch)
    student = tmp_path / "student.py"
    student.write_text(
        "import numpy as np\n\n\ndef double(x):\n    return np.asarray(x, dtype=float) + 2.0\n"
    )
    result = grade_file(exercise, student, GradeOptions("alice"))
    titles = [m.title for c in result.checks for m in c.misconceptions]
    assert titles and not any(BEHIND in t for t in titles)
    assert len(started) == 1
    student.write_text(
        student.read_text().replace("    return", "    x = np.multiply(x)\n    return")
    )
    grade_file(exercise, student, GradeOptions("alice"))
    assert len(started) == 3  # the crash is named: its repair is graded in a second sandbox


def test_a_second_grading_that_cannot_start_leaves_the_first_result_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = _toy_with_bug(tmp_path, "multiply-one-argument", CRASH)
    calls = []

    def second_fails(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > 1:
            raise OSError("no sandbox left")
        return prepare(*args, **kwargs)

    monkeypatch.setattr(grading, "prepare", second_fails)
    student = tmp_path / "student.py"
    student.write_text(
        "import numpy as np\n\n\ndef double(x):\n    x = np.multiply(x)\n"
        "    return np.asarray(x, dtype=float) + 2.0\n"
    )
    result = grade_file(exercise, student, GradeOptions("alice"))
    doubled = next(c for c in result.checks if c.id == "double_random")
    assert len(calls) == 2 and result.status == "graded"
    assert [m.id for m in doubled.misconceptions] == ["multiply-one-argument"]


STUDENT_CRASHES = (
    "import numpy as np\n\n\ndef double(x):\n    x = np.multiply(x)\n"
    "    return np.asarray(x, dtype=float) + 2.0\n\n\n"
    "class Accumulator:\n    def __init__(self, n):\n        self.total = np.zeros(n)\n\n"
    "    def add(self, x):\n        self.total = self.total + x\n        return self.total\n"
)


def test_the_repairs_of_a_form_file_are_applied_when_its_bug_is_named(tmp_path: Path) -> None:
    """The bug file itself has no repair; its form file does, and the form is what the
    student's code does: the form's repair is applied."""
    exercise = _toy_with_bug(
        tmp_path, "multiply-one-argument", CRASH.replace("Repair:", "Not a repair:")
    )
    (exercise.root / "bugs" / "multiply-one-argument.again.py").write_text(CRASH)
    exercise = load_exercise(exercise.root)
    student = tmp_path / "student.py"
    student.write_text(STUDENT_CRASHES)
    result = grade_file(exercise, student, GradeOptions("alice"))
    doubled = next(c for c in result.checks if c.id == "double_random")
    assert [m.id for m in doubled.misconceptions] == ["multiply-one-argument", "double-adds"]


def test_code_that_ran_out_of_time_is_not_graded_a_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise, started = _counting_sandboxes(tmp_path, monkeypatch)
    student = tmp_path / "student.py"
    student.write_text(
        STUDENT_CRASHES.replace(
            "        self.total = self.total + x\n", "        while True:\n            pass\n"
        )
    )
    result = grade_file(exercise, student, GradeOptions("alice"))
    assert any(c.kind == "timeout" for c in result.checks)
    assert "multiply-one-argument" in {m.id for c in result.checks for m in c.misconceptions}
    assert len(started) == 1


@pytest.mark.slow
def test_validate_fails_a_repair_whose_repaired_bug_still_names_another(tmp_path: Path) -> None:
    """Repaired, this bug's code adds 2 (double-adds): a regrade would name what the repair
    brought in, so the repair does not undo the bug."""
    leaves_a_bug = CRASH.replace(
        "    return 2.0 * np.asarray(x, dtype=float)\n",
        "    return np.asarray(x, dtype=float) + 2.0\n",
    )
    assert leaves_a_bug != CRASH
    exercise = _toy_with_bug(tmp_path, "multiply-one-argument", leaves_a_bug)
    findings = {f.what: f.ok for f in validate_exercise(exercise).findings}
    assert findings["bug multiply-one-argument's repair matches its code"]
    assert findings["bug multiply-one-argument's repair undoes it"] is False


def test_a_form_file_without_its_bug_and_a_forms_line_that_is_no_number_stop_the_course(
    tmp_path: Path,
) -> None:
    exercise = _toy_with_bug(tmp_path, "lonely.form", CRASH)
    with pytest.raises(ExerciseError, match="needs the bug file"):
        load_exercise(exercise.root).preflight()
    (exercise.root / "bugs" / "lonely.form.py").unlink()
    bad = (
        '"""Adds 2.0\n\nWhy.\n\nForms: 2.0 as 3.0 and 4.0\n"""\n\n'
        "def double(x):\n    return x + 2.0\n"
    )
    (exercise.root / "bugs" / "adds.py").write_text(bad)
    with pytest.raises(ExerciseError, match="and is not a number"):
        load_exercise(exercise.root).preflight()


def test_a_repair_that_is_no_regular_expression_stops_the_course(tmp_path: Path) -> None:
    exercise = _toy_with_bug(tmp_path, "broken", CRASH.replace("np\\.multiply\\(", "(("))
    with pytest.raises(ExerciseError, match=r"broken\.py"):
        exercise.preflight()


@pytest.mark.slow
def test_validate_proves_a_repair_matches_its_bug_and_undoes_it(tmp_path: Path) -> None:
    exercise = _toy_with_bug(tmp_path, "multiply-one-argument", CRASH)
    findings = {f.what: f.ok for f in validate_exercise(exercise).findings}
    assert findings["bug multiply-one-argument's repair matches its code"]
    assert findings["bug multiply-one-argument's repair undoes it"]
    wrong = CRASH.replace("Repair: np", "Repair: nq")
    (exercise.root / "bugs" / "multiply-one-argument.py").write_text(wrong)
    findings = {f.what: f.ok for f in validate_exercise(load_exercise(exercise.root)).findings}
    assert findings["bug multiply-one-argument's repair matches its code"] is False
