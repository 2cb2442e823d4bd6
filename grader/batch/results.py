"""Result files: reading and validating them, an error result, the folder's lock."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from grader import __version__
from grader.batch.jobs import BatchOptions, Job, Outcome, result_path
from grader.errors import UsageError
from grader.exercise import Exercise
from grader.result import CheckResult, GradeResult, validate_document

LOCK = ".grade-batch.lock"


def outcome(document: dict[str, Any], path: Path, fresh: bool) -> Outcome:
    extra = document["extra_data"]
    return Outcome(
        student=extra["student"],
        exercise_id=extra["exercise"]["id"],
        status=extra["status"],
        score=float(document["score"]),
        max_score=float(document["max_score"]),
        seconds=float(document.get("execution_time", 0.0)),
        path=path,
        fresh=fresh,
    )


def read_result(path: Path) -> dict[str, Any]:
    """A result document; ``ValueError`` says why a file is unreadable or invalid."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(document, dict):
        raise ValueError("not a result document")
    validate_document(document)
    return document


def valid_outcome(job: Job, results: Path) -> Outcome | None:
    path = result_path(results, job.exercise_id, job.student)
    try:
        document = read_result(path)
    except ValueError:
        return None
    done = outcome(document, path, fresh=False)
    if (done.student, done.exercise_id) != (job.student, job.exercise_id):
        return None
    return done


def error_document(
    job: Job, exercises: dict[str, Exercise], options: BatchOptions, message: str
) -> str:
    """A valid result with status "error" for a submission the grader could not finish."""
    from grader.formats import render_json
    from grader.grading import derive_seed

    exercise = exercises[job.exercise_id]
    try:
        checks = exercise.checks(public_only=not exercise.has_hidden)
    except Exception:  # the checks themselves do not load: a result without checks
        checks = []
    unrun = f"not run: {message}"
    results = tuple(
        CheckResult(c.id, c.name, c.points, 0.0, c.visibility, c.public, unrun, seed, 0.0, "crash")
        for c, seed in ((c, derive_seed(exercise, job.student, c.id)) for c in checks)
    )
    kind = job.path.suffix.lstrip(".").lower()
    result = GradeResult(
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        exercise_title=exercise.title,
        student=job.student,
        submission_file=job.path.name,
        submission_kind=kind if kind in ("py", "ipynb") else "unknown",
        submission_sha256=None,
        status="error",
        error=message,
        checks=results,
        sandbox={"backend": options.sandbox},
        public_only=not exercise.has_hidden,
        seed_policy=exercise.seed_policy,
        grader_version=__version__,
    )
    return render_json(result)


@contextlib.contextmanager
def lock(results: Path) -> Iterator[None]:
    """One batch at a time per results folder (a POSIX lock: workers do not inherit it)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    with open(results / LOCK, "a+") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(
                f"another `grade batch` is writing to {results}; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def remove_temporaries(results: Path) -> None:
    """Temporary files a killed batch left behind (``write_atomic``'s ``.name.*.tmp``)."""
    for path in results.glob("*/.*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()
