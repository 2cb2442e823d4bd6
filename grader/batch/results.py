"""Result files of a batch: which are done, an error result, the folder's lock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from grader.batch.jobs import BatchOptions, Job, Outcome, result_path
from grader.errors import UsageError
from grader.exercise import Exercise
from grader.grading import unrun_result
from grader.result import GradeResult, read_result

LOCK = ".grade-batch.lock"


def valid_outcome(job: Job, results: Path) -> Outcome | None:
    """The job's result if one is there, valid and of this student and exercise."""
    path = result_path(results, job.exercise_id, job.student)
    try:
        result = read_result(path)
    except ValueError:
        return None
    if (result.student, result.exercise_id) != (job.student, job.exercise_id):
        return None
    return Outcome(result, path, fresh=False)


def error_result(
    job: Job, exercises: dict[str, Exercise], options: BatchOptions, message: str
) -> GradeResult:
    """A valid result with status "error" for a submission the grader could not finish."""
    exercise = exercises[job.exercise_id]
    try:
        checks = exercise.checks(public_only=not exercise.has_hidden)
    except Exception:  # the checks themselves do not load: a result without checks
        checks = []
    return unrun_result(
        exercise,
        job.student,
        job.path,
        checks,
        status="error",
        error=message,
        kind="crash",
        sandbox={"backend": options.sandbox},
        notes=(job.note,) if job.note else (),
    )


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
