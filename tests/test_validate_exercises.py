"""`grade validate` on every bundled exercise: the instructors' self-test, run by CI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support import demo_course, demo_exercise

from grader.cli import main
from grader.exercise import find_exercises, load_exercise
from grader.validate import validate_exercise

BUNDLED = sorted(find_exercises(demo_course()))


def test_the_three_seed_exercises_are_bundled() -> None:
    assert {"activations", "vectorized-forward", "forum-backprop"} <= set(BUNDLED)


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", BUNDLED)
def test_exercise_validates(exercise_id: str) -> None:
    exercise = demo_exercise(exercise_id)
    report = validate_exercise(exercise)
    failures = [f"{f.what}: {f.detail}" for f in report.findings if not f.ok]
    assert not failures, "\n".join(failures)
    whats = [f.what for f in report.findings]
    assert any(
        w.startswith("solution (") and w.endswith(".ipynb) scores full marks") for w in whats
    )
    assert sum(w.endswith("is named in the feedback") for w in whats) >= 5


def test_validate_reports_a_broken_exercise(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A bug that no check catches must make validate fail, naming the bug."""
    import shutil

    source = find_exercises(demo_course())["activations"]
    copy = tmp_path / "activations"
    shutil.copytree(source, copy)
    (copy / "bugs" / "relu-in-place.py").write_text(
        '"""Harmless\n\nThis bug changes nothing.\n"""\n'
    )
    report = validate_exercise(load_exercise(copy))
    failed = [f.what for f in report.findings if not f.ok]
    assert "bug relu-in-place fails at least one check" in failed


def test_validate_cli_exit_code_on_unknown_exercise() -> None:
    result = CliRunner().invoke(main, ["validate", "no-such-exercise"])
    assert result.exit_code == 2
    assert "unknown exercise" in result.output


def _toy_with_variant(tmp_path, text: str):  # type: ignore[no-untyped-def]
    import shutil

    from support import EXERCISES

    copy = tmp_path / "toy"
    shutil.copytree(EXERCISES / "toy", copy)
    (copy / "variants").mkdir()
    (copy / "variants" / "written-differently.py").write_text(text)
    report = validate_exercise(load_exercise(copy))
    return {f.what: f.ok for f in report.findings if f.what.startswith("variant ")}


def test_a_correct_variant_proves_that_no_bug_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    correct = (
        '"""double as x + x\n\nExpected: none\n"""\n\n'
        "def double(x):\n    x = np.asarray(x, dtype=float)\n    return x + x\n"
    )
    found = _toy_with_variant(tmp_path, correct)
    assert found == {
        "variant written-differently expects known bugs": True,
        "variant written-differently is named by exactly the bugs it has": True,
        "variant written-differently (correct) scores full marks": True,
    }


def test_a_variant_named_by_a_bug_it_does_not_have_fails_validate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The in-place bug doubles in place; a variant that only adds is not that bug."""
    adds = (
        '"""double as x + 2.0\n\nExpected: double-adds\n"""\n\n'
        "def double(x):\n    return np.asarray(x, dtype=float) + 2.0\n"
    )
    assert all(_toy_with_variant(tmp_path, adds).values())
    wrong = adds.replace("Expected: double-adds", "Expected: double-in-place")
    found = _toy_with_variant(tmp_path / "again", wrong)
    assert found["variant written-differently is named by exactly the bugs it has"] is False
