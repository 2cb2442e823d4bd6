"""What a batch passes around: jobs, options, outcomes, and where results go."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.files import safe_id
from grader.result import GradeResult


@dataclass(frozen=True)
class Job:
    """One submission to grade: a student's file for one exercise."""

    student: str  # the id as given: it seeds the hidden inputs and names the result
    exercise_id: str
    path: Path
    note: str = ""  # why this file, when the student had several for the exercise


@dataclass(frozen=True)
class Plan:
    """What ``discover`` found: the jobs, and what it left out and why."""

    layout: str  # "files", "folders", "classroom" or "gradescope"
    jobs: tuple[Job, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None  # worker processes (default: os.cpu_count())
    force: bool = False  # grade again what already has a valid result
    sandbox: str = "auto"
    limit_overrides: dict[str, Any] = field(default_factory=dict)
    scheduler: str | None = None  # a Dask scheduler's address, or "local:N" (None: a pool here)


@dataclass(frozen=True)
class Outcome:
    """One (student, exercise) result of a batch, and where it is written."""

    result: GradeResult
    path: Path
    fresh: bool  # graded by this run (False: a valid result was already there)

    @property
    def student(self) -> str:
        return self.result.student

    @property
    def exercise_id(self) -> str:
        return self.result.exercise_id


@dataclass(frozen=True)
class BatchSummary:
    outcomes: tuple[Outcome, ...]
    wall_seconds: float
    interrupted: bool = False
    regraded: int = 0  # results graded again because the grader had failed on them

    @property
    def graded(self) -> int:
        return sum(o.fresh for o in self.outcomes)


def result_path(results: Path, exercise_id: str, student: str) -> Path:
    return results / safe_id(exercise_id) / f"{safe_id(student)}.json"
