"""Reading a folder of results into typed records, and the class numbers computed from them.

Nothing here imports matplotlib or Jinja2: the CSV and JSON outputs and the tests use
this module alone.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from grader.files import safe_id
from grader.result import (
    CheckerErrors,
    CheckResult,
    GradeResult,
    Misconception,
    checker_errors,
    read_result,
)


@dataclass(frozen=True)
class ReportFiles:
    """What ``build_report`` wrote."""

    index: Path
    first_student: Path
    students: int
    results: int
    warnings: tuple[str, ...]
    checker_errors: int = 0  # checks that crashed in the grader's own code
    gradebooks: tuple[str, ...] = ()  # the gradebook files an LMS imports


@dataclass(frozen=True)
class ResultRecord:
    """One student's result for one exercise, with what the report derives from it."""

    result: GradeResult

    @property
    def student(self) -> str:
        return self.result.student

    @property
    def page(self) -> str:
        """The student's page name in the report (and their result file's stem)."""
        return safe_id(self.result.student)

    @property
    def exercise_id(self) -> str:
        return self.result.exercise_id

    @property
    def exercise_title(self) -> str:
        return self.result.exercise_title

    @property
    def file(self) -> str:
        return self.result.submission_file

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def error(self) -> str | None:
        return self.result.error

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def max_score(self) -> float:
        return self.result.max_score

    @property
    def seconds(self) -> float:
        return self.result.seconds

    @property
    def checks(self) -> tuple[CheckResult, ...]:
        return self.result.checks

    @property
    def full_marks(self) -> bool:
        return self.result.full_marks

    @property
    def defines_nothing(self) -> bool:
        """Every check failed because a name is missing: an empty file, or the wrong one."""
        return bool(self.checks) and all(c.kind == "missing" for c in self.checks)

    @property
    def trouble(self) -> str | None:
        """Why this submission needs a look (did not load, grader error, timeouts), or None."""
        if self.status != "graded":
            return (self.error or self.status).split("\n")[0]
        if self.defines_nothing:
            return "defines none of the names the exercise asks for (an empty or wrong file?)"
        kinds = Counter(c.kind for c in self.checks if c.kind in ("timeout", "crash", "budget"))
        if kinds:
            return ", ".join(f"{n} check(s): {kind}" for kind, n in sorted(kinds.items()))
        return None


@dataclass(frozen=True)
class CheckStat:
    id: str
    name: str
    visibility: str
    max_score: float
    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


@dataclass(frozen=True)
class MisconceptionStat:
    id: str
    title: str
    explanation: str
    students: tuple[str, ...]  # sorted; count = len(students)

    @property
    def count(self) -> int:
        return len(self.students)


@dataclass(frozen=True)
class ExerciseSummary:
    id: str
    title: str
    max_score: float
    records: tuple[ResultRecord, ...]  # sorted by student
    checks: tuple[CheckStat, ...]  # in the exercise's order
    misconceptions: tuple[MisconceptionStat, ...]  # most frequent first

    @property
    def scores(self) -> list[float]:
        return [r.score for r in self.records]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.scores) if self.records else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.scores) if self.records else 0.0

    @property
    def full_marks(self) -> int:
        return sum(r.full_marks for r in self.records)

    @property
    def errors(self) -> int:
        return sum(r.status != "graded" for r in self.records)


@dataclass(frozen=True)
class ClassSummary:
    exercises: tuple[ExerciseSummary, ...]  # sorted by id
    students: tuple[str, ...]  # sorted
    warnings: tuple[str, ...]  # result files that could not be read

    @property
    def records(self) -> list[ResultRecord]:
        return [r for e in self.exercises for r in e.records]

    def record(self, student: str, exercise_id: str) -> ResultRecord | None:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return next((r for r in exercise.records if r.student == student), None)
        return None

    def troubled(self) -> list[ResultRecord]:
        return [r for r in self.records if r.trouble]

    def checker_errors(self) -> list[CheckerErrors]:
        """Checks that crashed in the grader's own code: the course's fault."""
        return checker_errors(r.result for r in self.records)

    def slowest(self, n: int = 10) -> list[ResultRecord]:
        return sorted(self.records, key=lambda r: (-r.seconds, r.student))[:n]


def load_results(results: Path) -> ClassSummary:
    """Every ``RESULTS/<exercise>/<student>.json``; unreadable files become warnings."""
    records: list[ResultRecord] = []
    warnings: list[str] = []
    for path in sorted(results.glob("*/*.json")):
        if path.name.startswith("."):
            continue
        try:
            records.append(ResultRecord(read_result(path)))
        except ValueError as exc:
            warnings.append(f"{path.relative_to(results)}: skipped, not a valid result: {exc}")
    return summarize(records, tuple(warnings))


def summarize(records: list[ResultRecord], warnings: tuple[str, ...] = ()) -> ClassSummary:
    by_exercise: dict[str, list[ResultRecord]] = {}
    for record in records:
        by_exercise.setdefault(record.exercise_id, []).append(record)
    exercises = tuple(
        _exercise_summary(sorted(found, key=lambda r: r.student))
        for _, found in sorted(by_exercise.items())
    )
    students = tuple(sorted({r.student for r in records}))
    return ClassSummary(exercises, students, warnings)


def _exercise_summary(records: list[ResultRecord]) -> ExerciseSummary:
    first: dict[str, CheckResult] = {}
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    seen: dict[str, Misconception] = {}
    who: dict[str, set[str]] = {}
    for record in records:
        for check in record.checks:
            first.setdefault(check.id, check)
            total[check.id] += 1
            passed[check.id] += check.passed
            for found in check.misconceptions:
                seen.setdefault(found.id, found)
                who.setdefault(found.id, set()).add(record.student)
    checks = tuple(
        CheckStat(c.id, c.name, c.visibility, c.max_score, passed[c.id], total[c.id])
        for c in first.values()
    )
    misconceptions = sorted(
        (
            MisconceptionStat(m.id, m.title, m.explanation, tuple(sorted(who[m.id])))
            for m in seen.values()
        ),
        key=lambda m: (-m.count, m.title),
    )
    latest = max(records, key=lambda r: r.max_score)
    return ExerciseSummary(
        id=latest.exercise_id,
        title=latest.exercise_title,
        max_score=latest.max_score,
        records=tuple(records),
        checks=checks,
        misconceptions=tuple(misconceptions),
    )
