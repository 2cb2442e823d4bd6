"""The result of grading one submission: one typed model, written and read here only.

The document's top level is Gradescope's ``results.json``; the grader's diagnostics
sit in ``extra_data`` (top level and per test), which Gradescope stores and ignores.
``to_document`` writes it and ``from_document`` reads it back; every document is
validated against ``schemas/result.schema.json`` before it is written and when it is
read. Nothing is ever parsed back out of display text: a test's ``output`` is made for
people, and the structured fields (message, kind, misconceptions) sit beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

from grader.failures import FailureKind
from grader.validation import first_error, schema

SCHEMA_VERSION = "2.0"
Status = Literal["graded", "load-error", "error"]
STATUSES: tuple[str, ...] = get_args(Status)
Visibility = Literal["visible", "hidden", "after_due_date", "after_published"]
VISIBILITIES: tuple[str, ...] = get_args(Visibility)
SubmissionKind = Literal["py", "ipynb", "unknown"]
EPSILON = 1e-9  # scores are sums of floats: "reaches" allows for rounding


def reaches(score: float, target: float) -> bool:
    """Whether ``score`` reaches ``target`` (the one comparison of scores)."""
    return score >= target - EPSILON


@dataclass(frozen=True)
class Misconception:
    """A known bug the feedback names: its catalogue id, title and explanation."""

    id: str
    title: str
    explanation: str


@dataclass(frozen=True)
class CellFailure:
    """A notebook cell that failed while the notebook ran (the cells after it still ran)."""

    cell: int  # its place among the notebook's code cells, from 1
    line: int | None  # the line in the cell
    error: str  # the exception's type, "Timeout" (interrupted) or "NotRun"
    message: str
    code: str = ""  # the line of code, as written

    def describe(self) -> str:
        where = f"cell {self.cell}" + (f", line {self.line}" if self.line else "")
        text = (
            f"{where}: {self.error}: {self.message}" if self.message else f"{where}: {self.error}"
        )
        return text + (f"\n    {self.code}" if self.code else "")

    def to_data(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "line": self.line,
            "error": self.error,
            "message": self.message,
            "code": self.code,
        }


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome."""

    id: str
    name: str
    max_score: float
    score: float
    visibility: Visibility
    public: bool
    message: str  # what differed (and notes), for the student; "" when it passed quietly
    seed: int
    seconds: float
    kind: FailureKind | None = None  # why it failed, or None when it passed
    misconceptions: tuple[Misconception, ...] = ()

    @property
    def passed(self) -> bool:
        """No failure and full points (a failed check worth 0 points still failed)."""
        return self.kind is None and reaches(self.score, self.max_score)

    def output(self) -> str:
        """The message with the misconceptions named: what a person reads."""
        text = self.message
        for found in self.misconceptions:
            text += f"\n\nLikely misconception: {found.title}. {found.explanation}"
        return text

    def to_test(self, number: int) -> dict[str, Any]:
        return {
            "name": self.name,
            "number": str(number),
            "score": self.score,
            "max_score": self.max_score,
            "status": "passed" if self.passed else "failed",
            "output": self.output(),
            "visibility": self.visibility,
            "tags": [f"misconception:{m.id}" for m in self.misconceptions],
            "extra_data": {
                "id": self.id,
                "seed": self.seed,
                "public": self.public,
                "kind": self.kind,
                "seconds": round(self.seconds, 6),
                "message": self.message,
                "misconceptions": [vars(m) for m in self.misconceptions],
            },
        }

    @classmethod
    def from_test(cls, test: dict[str, Any]) -> CheckResult:
        data = test["extra_data"]
        return cls(
            id=data["id"],
            name=test["name"],
            max_score=float(test["max_score"]),
            score=float(test["score"]),
            visibility=test["visibility"],
            public=bool(data["public"]),
            message=data["message"],
            seed=int(data["seed"]),
            seconds=float(data.get("seconds", 0.0)),
            kind=data.get("kind"),
            misconceptions=tuple(
                Misconception(m["id"], m["title"], m["explanation"]) for m in data["misconceptions"]
            ),
        )


@dataclass(frozen=True)
class GradeResult:
    """One submission's grade and everything needed to explain and replay it."""

    exercise_id: str
    exercise_version: str
    exercise_title: str
    student: str
    submission_file: str
    submission_kind: SubmissionKind
    submission_sha256: str | None
    status: Status
    error: str | None  # why nothing (or not everything) could be graded
    checks: tuple[CheckResult, ...]
    sandbox: dict[str, Any]
    public_only: bool
    seed_policy: str
    grader_version: str
    events: tuple[str, ...] = ()
    stdout: str = ""
    stderr: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # for the student: which file was graded and why, ...
    cells: tuple[CellFailure, ...] = ()  # the notebook cells that failed as it ran

    @property
    def score(self) -> float:
        return round(sum(c.score for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 6)

    @property
    def full_marks(self) -> bool:
        """Graded, and the score reaches the maximum."""
        return self.status == "graded" and reaches(self.score, self.max_score)

    @property
    def seconds(self) -> float:
        return self.timings.get("total", 0.0)

    @property
    def withheld(self) -> bool:
        """Whether some checks are not shown to students yet (hidden, or shown only after
        the due date or once grades are published)."""
        return any(c.visibility != "visible" for c in self.checks)

    def student_view(self) -> GradeResult:
        """The result as a student may see it now: the visible checks only, so that no
        name, message, count or point of another check shows. The student process's
        output goes too: it was printed while every check ran."""
        seen = tuple(c for c in self.checks if c.visibility == "visible")
        return replace(self, checks=seen, stdout="", stderr="", events=())

    def summary(self) -> str:
        """The text at the top of the result, which Gradescope shows to the student at
        once: it speaks of the visible checks only (see ``student_view``)."""
        seen = self.student_view()
        total = f"{self.exercise_id}: {seen.score:g} / {seen.max_score:g}"
        if self.withheld:
            total += " on the checks shown now; the others are shown when grades are published"
        lines = [total]
        lines += [f"Note: {note}" for note in self.notes]
        if self.error:
            lines.append(self.error)
        if self.cells:
            lines.append(
                f"{len(self.cells)} notebook cell(s) failed; the rest of the notebook still ran:"
            )
            lines += [f"  {cell.describe()}" for cell in self.cells]
        if self.public_only:
            lines.append(
                "Only the public checks were available; the hidden ones run on submission."
            )
        failed = [c for c in seen.checks if not c.passed]
        if failed and not self.error:
            lines.append(f"{len(failed)} of {len(seen.checks)} checks failed.")
        return "\n".join(lines)

    def to_document(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "max_score": self.max_score,
            "execution_time": round(self.seconds, 4),
            "output": self.summary(),
            "output_format": "text",  # student text is never rendered as HTML or Markdown
            "test_output_format": "text",
            "test_name_format": "text",
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": [check.to_test(number) for number, check in enumerate(self.checks, 1)],
            "extra_data": {
                "grader_version": self.grader_version,
                "exercise": {
                    "id": self.exercise_id,
                    "version": self.exercise_version,
                    "title": self.exercise_title,
                },
                "student": self.student,
                "submission": {
                    "file": self.submission_file,
                    "kind": self.submission_kind,
                    "sha256": self.submission_sha256,
                },
                "status": self.status,
                "error": self.error,
                "sandbox": self.sandbox,
                "public_only": self.public_only,
                "seed_policy": self.seed_policy,
                "events": list(self.events),
                "notes": list(self.notes),
                "cells": [cell.to_data() for cell in self.cells],
                "stdout": self.stdout,
                "stderr": self.stderr,
                "timings": {k: round(v, 6) for k, v in self.timings.items()},
            },
        }

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> GradeResult:
        """The result a valid document describes (``validate_document`` it first)."""
        extra = document["extra_data"]
        exercise, submission = extra["exercise"], extra["submission"]
        return cls(
            exercise_id=exercise["id"],
            exercise_version=exercise["version"],
            exercise_title=exercise["title"],
            student=extra["student"],
            submission_file=submission["file"],
            submission_kind=submission["kind"],
            submission_sha256=submission.get("sha256"),
            status=extra["status"],
            error=extra.get("error"),
            checks=tuple(CheckResult.from_test(test) for test in document["tests"]),
            sandbox=dict(extra["sandbox"]),
            public_only=bool(extra["public_only"]),
            seed_policy=extra["seed_policy"],
            grader_version=extra["grader_version"],
            events=tuple(extra.get("events", ())),
            notes=tuple(extra.get("notes", ())),
            cells=tuple(
                CellFailure(c["cell"], c.get("line"), c["error"], c["message"], c.get("code", ""))
                for c in extra.get("cells", ())
            ),
            stdout=extra.get("stdout", ""),
            stderr=extra.get("stderr", ""),
            timings={k: float(v) for k, v in extra.get("timings", {}).items()},
        )


@dataclass(frozen=True)
class CheckerErrors:
    """One check that crashed in the grader's own code: the course's fault, not a grade."""

    exercise_id: str
    check_name: str
    students: tuple[str, ...]
    message: str  # the first one seen


def checker_errors(results: Iterable[GradeResult]) -> list[CheckerErrors]:
    """Every check that crashed in the grader's own code, by exercise and check."""
    students: dict[tuple[str, str], list[str]] = {}
    first: dict[tuple[str, str], str] = {}
    for result in results:
        for check in result.checks:
            if check.kind == "checker-error":
                key = (result.exercise_id, check.name)
                students.setdefault(key, []).append(result.student)
                first.setdefault(key, check.message.splitlines()[0] if check.message else "")
    return [
        CheckerErrors(exercise_id, name, tuple(sorted(set(who))), first[exercise_id, name])
        for (exercise_id, name), who in sorted(students.items())
    ]


def result_schema() -> dict[str, Any]:
    return schema("result")


def validate_document(document: dict[str, Any]) -> None:
    """Raise ``ValueError`` if a result document does not match the schema."""
    error = first_error(document, "result")
    if error is not None:
        where = "/".join(error[0]) or "(top level)"
        raise ValueError(f"result document invalid at {where}: {error[1]}")
    if abs(document["score"] - sum(t["score"] for t in document["tests"])) > 1e-6:
        raise ValueError("result document invalid: score is not the sum of the tests' scores")


def parse_result(text: str) -> GradeResult:
    """A result from its JSON text; ``ValueError`` says why it is not a valid one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None
    if not isinstance(document, dict):
        raise ValueError("not a result document")
    validate_document(document)
    return GradeResult.from_document(document)


def read_result(path: Path) -> GradeResult:
    """The result in a file; ``ValueError`` says why it is unreadable or invalid."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read it ({exc})") from None
    return parse_result(text)


def render_document(result: GradeResult, *, validate: bool = True) -> str:
    """The result as JSON text, validated against the schema first (``validate=False``
    when whoever receives the text validates it on arrival, as ``grade batch`` does)."""
    document = result.to_document()
    if validate:
        validate_document(document)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
