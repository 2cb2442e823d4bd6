"""What a batch passes around: jobs, options, outcomes, and where results go."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]+")


@dataclass(frozen=True)
class Job:
    """One submission to grade: a student's file for one exercise."""

    student: str  # the id as given: it seeds the hidden inputs and names the result
    exercise_id: str
    path: Path


@dataclass(frozen=True)
class Plan:
    """What ``discover`` found: the jobs, and what it left out and why."""

    layout: str  # "files", "folders" or "gradescope"
    jobs: tuple[Job, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None  # worker processes (default: os.cpu_count())
    force: bool = False  # grade again what already has a valid result
    sandbox: str = "auto"
    limit_overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """One (student, exercise) result, as the batch summary shows it."""

    student: str
    exercise_id: str
    status: str
    score: float
    max_score: float
    seconds: float
    path: Path
    fresh: bool  # graded by this run (False: a valid result was already there)

    @property
    def passed(self) -> bool:
        return self.status == "graded" and self.score >= self.max_score - 1e-9


@dataclass(frozen=True)
class BatchSummary:
    outcomes: tuple[Outcome, ...]
    wall_seconds: float
    interrupted: bool = False

    @property
    def graded(self) -> int:
        return sum(o.fresh for o in self.outcomes)


def safe_id(student: str) -> str:
    """A file name for a student id: plain ids stay as they are, others get a short hash."""
    ascii_text = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    text = _UNSAFE.sub("_", ascii_text).strip("._-")[:80]
    if text and text == student:
        return text
    digest = hashlib.sha256(student.encode()).hexdigest()[:8]
    return f"{text or 'student'}-{digest}"


def result_path(results: Path, exercise_id: str, student: str) -> Path:
    return results / safe_id(exercise_id) / f"{safe_id(student)}.json"
