"""What a student may see of their result, and what to try next.

Visibility (Gradescope's vocabulary), applied to each check:

- ``visible``: everything: name, points, pass/fail, the message and any misconception.
- ``hidden``: name, points and pass/fail, and a named misconception (its title and
  explanation teach, and hold no hidden value); never the message, which can show
  hidden inputs and expected values.
- ``after_due_date`` / ``after_published``: like ``visible`` once grades are released
  (``released=True``), like ``hidden`` before.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.report.model import ResultRecord
from grader.result import CheckResult, Misconception

_KIND_ADVICE = {
    "timeout": "A function did not finish in time: look for a loop that never ends, or "
    "a Python loop over examples that one matrix operation can replace.",
    "crash": "The process running your code died (memory or time limit): look for huge "
    "arrays or runaway recursion.",
    "budget": "Your code used up its total time: make the slow parts faster first.",
    "exception": "Your code raised an error on some inputs: read the message and try the "
    "same call yourself with arrays of those shapes.",
    "missing": "Define every function the exercise asks for, with exactly the names and "
    "parameters of the instructions.",
    "protocol": "Return NumPy arrays or plain numbers, as the instructions say.",
}


@dataclass(frozen=True)
class CheckView:
    """One check as the student sees it."""

    name: str
    score: float
    max_score: float
    passed: bool
    visibility: str
    message: str | None  # the failure's message, if there is one and it may be shown
    withheld: bool  # failed, and its message is not shown because of its visibility
    misconceptions: tuple[Misconception, ...]  # named here for the first time: explained
    repeated: tuple[Misconception, ...]  # already explained under an earlier check


@dataclass(frozen=True)
class ExerciseView:
    """One exercise's feedback for one student."""

    exercise_id: str
    title: str
    file: str
    score: float
    max_score: float
    status: str
    problem: str | None  # why the file could not be graded, in words for the student
    notes: tuple[str, ...]  # how it was read: which file was graded and why, ...
    cells: tuple[str, ...]  # the notebook cells that failed as it ran, described
    checks: tuple[CheckView, ...]
    withheld: int  # failed hidden checks: their message is never shown
    unreleased: int  # failed after_due_date / after_published checks, before release
    next_steps: tuple[str, ...]


def shows_message(visibility: str, released: bool) -> bool:
    return visibility == "visible" or (
        released and visibility in ("after_due_date", "after_published")
    )


def exercise_view(record: ResultRecord, released: bool) -> ExerciseView:
    explained: set[str] = set()
    checks = tuple(_check_view(c, released, explained) for c in record.checks)
    withheld = [c for c in checks if c.withheld]
    unreleased = sum(c.visibility != "hidden" for c in withheld)
    problem = None
    if record.status == "load-error":
        problem = record.error or "the file could not be loaded"
    elif record.defines_nothing:
        problem = (
            f"{record.file} defines none of the functions or classes the exercise asks for: "
            "is it empty, or the wrong file?"
        )
    elif record.status == "error":
        problem = (
            "the grader could not finish grading this file (not your fault); "
            "your instructor will look at it"
        )
    return ExerciseView(
        exercise_id=record.exercise_id,
        title=record.exercise_title,
        file=record.file,
        score=record.score,
        max_score=record.max_score,
        status=record.status,
        problem=problem,
        notes=record.result.notes,
        cells=tuple(cell.describe() for cell in record.result.cells),
        checks=checks,
        withheld=len(withheld) - unreleased,
        unreleased=unreleased,
        next_steps=next_steps(record, released),
    )


def _check_view(check: CheckResult, released: bool, explained: set[str]) -> CheckView:
    shown = shows_message(check.visibility, released)
    new = tuple(m for m in check.misconceptions if m.id not in explained)
    explained.update(m.id for m in new)
    return CheckView(
        name=check.name,
        score=check.score,
        max_score=check.max_score,
        passed=check.passed,
        visibility=check.visibility,
        message=(check.message or None) if shown and not check.passed else None,
        withheld=not check.passed and not shown,
        misconceptions=new,
        repeated=tuple(m for m in check.misconceptions if m not in new),
    )


def next_steps(record: ResultRecord, released: bool) -> tuple[str, ...]:
    """A few concrete things to do, most useful first."""
    check_command = (
        f"Run `grade check {record.file} --exercise {record.exercise_id}` on your computer "
        "to see the public checks in full."
    )
    if record.status == "load-error":
        return (
            "Fix the problem shown above: until the file loads, no check can run.",
            check_command,
        )
    if record.defines_nothing:
        return (
            "Submit the file you worked on, defining the functions of the instructions "
            "with exactly their names.",
            check_command,
        )
    if record.status == "error":
        return ("Nothing to do for now: your instructor will grade this file again.",)
    failed = [c for c in record.checks if not c.passed]
    if not failed:
        return ("Every check passes: nothing to fix.",)
    steps: list[str] = []
    titles = dict.fromkeys(m.title for c in failed for m in c.misconceptions)
    steps += [f"Fix the misconception named above: {title}." for title in titles]
    kinds = dict.fromkeys(c.kind for c in failed if c.kind in _KIND_ADVICE)
    steps += [_KIND_ADVICE[kind] for kind in kinds if kind]
    visible_failed = [c for c in failed if shows_message(c.visibility, released)]
    if visible_failed:
        steps.append(
            f"Start with the first failing check, \u201c{visible_failed[0].name}\u201d, "
            "and read its message: it says what differed."
        )
    elif not titles:
        steps.append(
            "The checks you can see pass, but hidden ones fail: test your code on other "
            "shapes and values (one example, many examples, negative and zero inputs)."
        )
    steps.append(check_command)
    return tuple(steps)
