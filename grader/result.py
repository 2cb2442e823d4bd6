"""The result of grading one submission, and its JSON document.

The document's top level is Gradescope's ``results.json``; the grader's diagnostics
sit in ``extra_data`` (top level and per test), which Gradescope stores and ignores.
Every document is validated against ``schemas/result.schema.json`` before it is written.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Misconception:
    id: str
    title: str
    explanation: str


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome."""

    id: str
    name: str
    max_score: float
    score: float
    visibility: str
    public: bool
    message: str
    seed: int
    seconds: float
    kind: str | None = None  # why it failed: exception, timeout, crash, ..., or None
    misconceptions: tuple[Misconception, ...] = ()

    @property
    def passed(self) -> bool:
        """Full marks and no failure (a failed check worth 0 points still failed)."""
        return self.kind is None and self.score >= self.max_score


@dataclass(frozen=True)
class GradeResult:
    """One submission's grade and everything needed to explain and replay it."""

    exercise_id: str
    exercise_version: str
    exercise_title: str
    student: str
    submission_file: str
    submission_kind: str
    submission_sha256: str | None
    status: str  # graded, load-error, error
    error: str | None
    checks: tuple[CheckResult, ...]
    sandbox: dict[str, Any]
    public_only: bool
    seed_policy: str
    grader_version: str
    events: tuple[str, ...] = ()
    stdout: str = ""
    stderr: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return round(sum(c.score for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 6)

    def summary(self) -> str:
        lines = [f"{self.exercise_id}: {self.score:g} / {self.max_score:g}"]
        if self.error:
            lines.append(self.error)
        if self.public_only:
            lines.append(
                "Only the public checks were available; the hidden ones run on submission."
            )
        failed = [c for c in self.checks if not c.passed]
        if failed and not self.error:
            lines.append(f"{len(failed)} of {len(self.checks)} checks failed.")
        return "\n".join(lines)

    def to_document(self) -> dict[str, Any]:
        tests = []
        for number, check in enumerate(self.checks, start=1):
            output = check.message
            for found in check.misconceptions:
                output += f"\n\nLikely misconception: {found.title}. {found.explanation}"
            tests.append(
                {
                    "name": check.name,
                    "number": str(number),
                    "score": check.score,
                    "max_score": check.max_score,
                    "status": "passed" if check.passed else "failed",
                    "output": output,
                    "visibility": check.visibility,
                    "tags": [f"misconception:{m.id}" for m in check.misconceptions],
                    "extra_data": {
                        "id": check.id,
                        "seed": check.seed,
                        "public": check.public,
                        "kind": check.kind,
                        "seconds": round(check.seconds, 6),
                        "misconceptions": [vars(m) for m in check.misconceptions],
                    },
                }
            )
        return {
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "max_score": self.max_score,
            "execution_time": round(self.timings.get("total", 0.0), 4),
            "output": self.summary(),
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": tests,
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
                "stdout": self.stdout,
                "stderr": self.stderr,
                "timings": {k: round(v, 6) for k, v in self.timings.items()},
            },
        }


@functools.cache
def result_schema() -> dict[str, Any]:
    text = resources.files("grader").joinpath("schemas/result.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(result_schema())


def validate_document(document: dict[str, Any]) -> None:
    """Raise ``ValueError`` if a result document does not match the schema."""
    error = next(iter(sorted(_validator().iter_errors(document), key=str)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ValueError(f"result document invalid at {where}: {error.message}")
    if abs(document["score"] - sum(t["score"] for t in document["tests"])) > 1e-6:
        raise ValueError("result document invalid: score is not the sum of the tests' scores")
