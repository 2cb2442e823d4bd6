"""Declaring checks with @check and collecting them from an exercise's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grader.checks import check
from grader.checks.registry import FIXTURES, VISIBILITIES, collect_checks
from grader.exercise import Exercise

CHECKS_FILE = '''
from grader.checks import check, expect


def helper(submission):
    """Not a check: no decorator."""


@check("second written, first line", points=2, visibility="visible")
def b_first(submission, rng):
    pass


@check("hidden by default")
def a_second(submission, reference, tolerances):
    pass


@check("no fixtures at all", points=0.5, visibility="after_due_date", misconceptions=False)
def c_third():
    pass
'''


def test_check_records_its_metadata_and_returns_the_function() -> None:
    def f(submission: Any) -> None:
        pass

    marked = check("a readable name", points=3, visibility="after_published")(f)
    assert marked is f
    assert f.__grade_check__ == {  # type: ignore[attr-defined]
        "name": "a readable name",
        "points": 3.0,
        "visibility": "after_published",
        "misconceptions": True,
        "requires": (),
    }


def test_defaults_are_one_point_hidden_with_misconception_matching() -> None:
    @check("defaults")
    def f() -> None:
        pass

    meta = f.__grade_check__  # type: ignore[attr-defined]
    assert (meta["points"], meta["visibility"], meta["misconceptions"]) == (1.0, "hidden", True)


def test_visibility_uses_gradescope_vocabulary() -> None:
    assert VISIBILITIES == ("visible", "hidden", "after_due_date", "after_published")
    with pytest.raises(ValueError, match="visibility must be one of"):
        check("x", visibility="public")  # type: ignore[arg-type]


def test_negative_points_are_refused() -> None:
    with pytest.raises(ValueError, match="points must not be negative"):
        check("x", points=-1)


def test_unknown_fixtures_are_refused_with_the_list_of_available_ones() -> None:
    with pytest.raises(TypeError) as caught:

        @check("asks for too much")
        def f(submission: Any, solution: Any, rng: Any) -> None:
            pass

    message = str(caught.value)
    assert "check f asks for ['solution']" in message
    for name in FIXTURES:
        assert name in message


def test_collect_checks_in_written_order_with_their_fixtures(tmp_path: Path) -> None:
    path = tmp_path / "checks.py"
    path.write_text(CHECKS_FILE)
    checks = collect_checks(path, public=True)
    assert [c.id for c in checks] == ["b_first", "a_second", "c_third"]
    first, second, third = checks
    assert (first.name, first.points, first.visibility) == (
        "second written, first line",
        2.0,
        "visible",
    )
    assert first.fixtures == ("submission", "rng")
    assert second.fixtures == ("submission", "reference", "tolerances")
    assert third.fixtures == ()
    assert second.visibility == "hidden" and second.misconceptions
    assert not third.misconceptions and third.points == 0.5
    assert all(c.public for c in checks)
    assert first.line < second.line < third.line
    assert [c.id for c in collect_checks(path, public=False) if not c.public] == [
        "b_first",
        "a_second",
        "c_third",
    ]


def test_a_check_file_that_raises_is_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text("raise RuntimeError('broken checks file')\n")
    with pytest.raises(RuntimeError, match="broken checks file"):
        collect_checks(path, public=False)


def test_the_toy_exercise_lists_public_checks_first(toy: Exercise) -> None:
    every = toy.checks()
    assert [c.id for c in every] == [
        "double_small",
        "double_random",
        "double_pure",
        "accumulator_adds",
    ]
    assert [c.public for c in every] == [True, False, False, False]
    assert [c.visibility for c in every] == ["visible", "hidden", "hidden", "hidden"]
    assert sum(c.points for c in every) == toy.points
    assert [c.id for c in toy.checks(public_only=True)] == ["double_small"]


def test_a_passed_check_earns_nothing_when_a_check_it_requires_failed() -> None:
    from grader.checkrun import settle_requirements
    from grader.checks.registry import Check
    from grader.result import CheckResult

    def result(check_id: str, passed: bool, visibility: str = "visible") -> CheckResult:
        return CheckResult(
            check_id, f"the {check_id} check", 1.0, 1.0 if passed else 0.0, visibility,
            False, "" if passed else "wrong", 0, 0.0, None if passed else "wrong",
        )  # fmt: skip

    def declared(check_id: str, requires: tuple[str, ...] = ()) -> Check:
        return Check(check_id, check_id, 1.0, "visible", lambda: None, True, True, 1, requires)

    checks = [declared("small", ("values", "hidden")), declared("values"), declared("hidden")]
    results = [result("small", True), result("values", True), result("hidden", True, "hidden")]
    assert settle_requirements(results, checks) == tuple(results)  # all passed: unchanged
    results[2] = result("hidden", False, "hidden")
    small = settle_requirements(results, checks)[0]
    assert (small.score, small.kind) == (0.0, "wrong")
    assert "other checks" in small.message  # a hidden check is not named to the student
    assert "hidden check" not in small.message
    results[2], results[1] = result("hidden", True, "hidden"), result("values", False)
    assert "“the values check”" in settle_requirements(results, checks)[0].message
    # a requirement that did not run (public-only grading) is not enforced
    assert settle_requirements(results[:1], checks[:1])[0].score == 1.0
