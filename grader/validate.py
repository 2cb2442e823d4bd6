"""`grade validate`: prove an exercise is sound before students see it.

For every exercise: the manifest is valid and its points add up; the solution
scores full marks as a .py file and as a notebook; the released template scores
zero (or, where the template deliberately ships runnable buggy code in prompt
regions, below full marks) and never crashes the grader; the student bundle leaks
nothing; every known bug fails at least one check and is named in its feedback;
hidden inputs are the same for the same student and differ between students; and
every variant (another way to write the code, ``variants/*.py``) is named by exactly the
known bugs it declares: none for a correct one.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader.checkrun import derive_seed, replay_local
from grader.checks.misconceptions import KnownBug
from grader.checks.repairs import repaired
from grader.exercise import Exercise
from grader.grading import GradeOptions, grade_file
from grader.release import find_leaks, make_bundle, notebook_text
from grader.result import GradeResult
from grader.sandbox.zygote import reuse_sandboxes


@dataclass
class Finding:
    ok: bool
    what: str
    detail: str = ""


@dataclass
class Validation:
    """The self-tests of one exercise: each finding, what was shown, and advice."""

    exercise: Exercise
    findings: list[Finding] = field(default_factory=list)
    proved: list[str] = field(default_factory=list)  # what the self-tests showed, in words
    notes: list[str] = field(default_factory=list)  # advice that is not a failure

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def add(self, ok: bool, what: str, detail: str = "") -> None:
        self.findings.append(Finding(ok, what, detail))


def _grade_text(exercise: Exercise, name: str, text: str, options: GradeOptions) -> GradeResult:
    with tempfile.TemporaryDirectory(prefix="grade-validate-") as folder:
        path = Path(folder) / name
        path.write_text(text)
        return grade_file(exercise, path, options)


def _failures(result: GradeResult) -> str:
    failed = [c for c in result.checks if not c.passed]
    return "; ".join(
        f"{c.name}: {c.message.splitlines()[0] if c.message else ''}" for c in failed[:3]
    ) or (result.error or "")


def _check_points(exercise: Exercise, report: Validation) -> None:
    total = sum(c.points for c in exercise.checks())
    report.add(
        abs(total - exercise.points) < 1e-9,
        "points add up",
        f"manifest says {exercise.points:g}, checks sum to {total:g}",
    )
    names = [c.name for c in exercise.checks()]
    report.add(len(names) == len(set(names)), "check names are unique")


def _check_solution(exercise: Exercise, report: Validation, options: GradeOptions) -> None:
    stem = Path(exercise.student_file).stem
    solution = exercise.solution()
    for name, text in (
        (exercise.student_file, solution),
        (f"{stem}.ipynb", notebook_text(exercise, solution)),
    ):
        result = _grade_text(exercise, name, text, options)
        report.add(
            result.score == result.max_score and result.status == "graded",
            f"solution ({name}) scores full marks",
            f"{result.score:g}/{result.max_score:g}: {_failures(result)}",
        )
        report.proved.append(f"the solution as {name} scores {result.score:g}/{result.max_score:g}")


def _check_template(exercise: Exercise, report: Validation, options: GradeOptions) -> None:
    result = _grade_text(exercise, exercise.student_file, exercise.template(), options)
    has_prompts = "# BEGIN PROMPT" in exercise.source
    crashed = [c.name for c in result.checks if c.kind == "checker-error"]
    report.add(not crashed, "the template never breaks a check", ", ".join(crashed))
    if has_prompts:
        report.add(
            result.score < result.max_score,
            "the template (runnable, with the prompt code) scores below full marks",
            f"{result.score:g}/{result.max_score:g}",
        )
    else:
        report.add(
            result.score == 0, "the template scores zero", f"{result.score:g}/{result.max_score:g}"
        )
    report.proved.append(
        f"the template scores {result.score:g}/{result.max_score:g}"
        + (" (it ships runnable prompt code)" if has_prompts else "")
    )
    leaks = find_leaks(make_bundle(exercise))
    report.add(
        not leaks,
        "the student bundle contains no solution, hidden check or bug code",
        "; ".join(leaks[:5]),
    )


def _check_bug(
    exercise: Exercise, bug: KnownBug, report: Validation, options: GradeOptions
) -> None:
    if not bug.title or not bug.explanation:
        report.add(False, f"bug {bug.label} has a title and an explanation")
    result = _grade_text(exercise, exercise.student_file, bug.source, options)
    failed = [c for c in result.checks if not c.passed]
    named = [c for c in failed if any(m.id == bug.id for m in c.misconceptions)]
    report.add(
        bool(failed),
        f"bug {bug.label} fails at least one check",
        f"{result.score:g}/{result.max_score:g}",
    )
    report.add(
        bool(named),
        f"bug {bug.label} is named in the feedback",
        f"failed: {', '.join(c.name for c in failed[:4])}; named by none",
    )
    if bug.repairs:
        _check_repair(exercise, bug, report, options)
    caught = ", ".join(f"“{c.name}”" for c in failed) or "no check"
    by = ", ".join(f"“{c.name}”" for c in named) or "none"
    report.proved.append(
        f"bug {bug.label} scores {result.score:g}/{result.max_score:g}: caught by {caught}; "
        f"named by {by}"
    )


def _check_repair(
    exercise: Exercise, bug: KnownBug, report: Validation, options: GradeOptions
) -> None:
    """A bug's ``Repair:`` lines undo its crash in its own code: they change it, and the
    repaired code is right (full marks, nothing named), so that what a regrade of repaired
    student code names was hidden behind the crash, not brought in by the repair."""
    fixed = repaired(bug.source, bug.repairs)
    report.add(fixed != bug.source, f"bug {bug.label}'s repair matches its code")
    if fixed == bug.source:
        return
    result = _grade_text(exercise, exercise.student_file, fixed, options)
    named = sorted({m.id for c in result.checks for m in c.misconceptions})
    report.add(
        result.score == result.max_score and not named,
        f"bug {bug.label}'s repair undoes it",
        f"the repaired code scores {result.score:g}/{result.max_score:g}, named "
        + (", ".join(named) or "by no bug"),
    )


def _check_variant(
    exercise: Exercise, variant: KnownBug, report: Validation, options: GradeOptions
) -> None:
    """Another way to write the code names exactly the bugs it is declared to have: none
    for a correct one, and never one it does not have."""
    found = _EXPECTED.search(variant.explanation)
    if found is None:
        report.add(False, f"variant {variant.id} says what it expects", "no 'Expected:' line")
        return
    expected = {w for w in re.split(r"[,\s]+", found.group(1)) if w and w != "none"}
    unknown = expected - set(exercise.bug_ids)
    report.add(not unknown, f"variant {variant.id} expects known bugs", ", ".join(unknown))
    result = _grade_text(exercise, exercise.student_file, variant.source, options)
    named = {m.id for c in result.checks for m in c.misconceptions}
    report.add(
        named == expected,
        f"variant {variant.id} is named by exactly the bugs it has",
        f"named {', '.join(sorted(named)) or 'none'}, expected "
        f"{', '.join(sorted(expected)) or 'none'}",
    )
    if not expected:
        report.add(
            result.score == result.max_score,
            f"variant {variant.id} (correct) scores full marks",
            f"{result.score:g}/{result.max_score:g}: {_failures(result)}",
        )
    report.proved.append(
        f"variant {variant.id} scores {result.score:g}/{result.max_score:g}, named "
        + (", ".join(sorted(named)) or "by no bug")
    )


_EXPECTED = re.compile(r"Expected:\s*([\w\s,-]+?)(?:\.|$)")


def _check_seeds(exercise: Exercise, report: Validation) -> None:
    """Same student, same inputs; another student, other inputs (for checks that draw)."""
    source = exercise.solution()
    drawing = [c for c in exercise.checks() if not c.public and "rng" in c.fixtures]
    for check in drawing:
        runs = [
            replay_local(
                check,
                exercise,
                derive_seed(exercise, student, check.id),
                exercise.solution_namespace(),
                source,
            )[1]
            for student in ("student-a", "student-a", "student-b")
        ]
        values = [[_fingerprint((e.value, e.args_after)) for e in t.events] for t in runs]
        report.add(values[0] == values[1], f"{check.id}: same student, same inputs")
        if exercise.seed_policy == "per-student":
            report.add(values[0] != values[2], f"{check.id}: another student, other inputs")


def _fingerprint(value: Any) -> Any:
    """A comparable summary of a returned value (objects by type, arrays by content)."""
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.tobytes())
    if isinstance(value, dict):
        return tuple((k, _fingerprint(v)) for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_fingerprint(v) for v in value)
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return type(value).__name__


def validate_exercise(
    exercise: Exercise, *, sandbox: str = "auto", progress: Callable[[str], None] | None = None
) -> Validation:
    """Run every self-test of one exercise."""
    report = Validation(exercise)
    options = GradeOptions(student="validate", sandbox=sandbox)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("points", lambda: _check_points(exercise, report)),
        ("solution", lambda: _check_solution(exercise, report, options)),
        ("template", lambda: _check_template(exercise, report, options)),
        ("seeds", lambda: _check_seeds(exercise, report)),
    ]
    steps += [
        (f"bug {b.label}", lambda b=b: _check_bug(exercise, b, report, options))  # type: ignore[misc]
        for b in exercise.bugs()
    ]
    steps += [
        (f"variant {v.id}", lambda v=v: _check_variant(exercise, v, report, options))  # type: ignore[misc]
        for v in exercise.variants()
    ]
    if len(exercise.bug_ids) < 5:
        report.notes.append(
            f"{len(exercise.bug_ids)} known bug(s) catalogued: the feedback names only what the "
            "catalogue holds; five or more common mistakes make it useful"
        )
    with reuse_sandboxes():  # one warm sandbox forks every grading of the self-test
        for label, step in steps:
            if progress is not None:
                progress(label)
            step()
    return report
