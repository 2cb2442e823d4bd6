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
