"""Grading one submission: load it, run it isolated, run every check, build the result.

The stages are called in order here and nothing else happens here:
``load_submission`` → ``Session`` (the student process) → ``run_check`` per check →
``GradeResult``.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader import __version__
from grader.checks.expect import current_tolerances
from grader.checks.failures import CheckFailed, StudentCodeError
from grader.checks.gradient import current_notes
from grader.checks.misconceptions import KnownBug, match_bugs
from grader.checks.registry import Check
from grader.errors import SubmissionError
from grader.exercise import Exercise
from grader.loading import Submission, load_submission
from grader.proxy import LocalSubmission, RemoteSubmission, Transcript
from grader.result import CheckResult, GradeResult, Misconception
from grader.sandbox.backends import Backend, choose
from grader.sandbox.session import Session

# Failures that say nothing about the values a submission computes.
_NOT_ABOUT_VALUES = frozenset(
    {"timeout", "crash", "missing", "load", "budget", "protocol", "checker-error"}
)


@dataclass(frozen=True)
class GradeOptions:
    """How to grade: who the student is, which sandbox, which checks."""

    student: str = "anonymous"
    sandbox: str = "auto"
    public_only: bool = False
    limit_overrides: dict[str, Any] = field(default_factory=dict)


def derive_seed(exercise: Exercise, student: str, check_id: str) -> int:
    """The seed of one check's inputs: from (exercise, student, check), so it is replayable."""
    who = student if exercise.seed_policy == "per-student" else ""
    key = f"{exercise.id}\0{who}\0{check_id}\0{exercise.seed_base}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "little") >> 1


class ReferenceUnavailable:
    """Stands in for the reference in public checks, which ship to students without it."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("public checks cannot use the reference (it is not shipped to students)")


def grade_file(exercise: Exercise, path: Path, options: GradeOptions) -> GradeResult:
    """Grade one submission file. Bad input gives a result with a message, never an exception."""
    started = time.monotonic()
    exercise = exercise.with_limits(**options.limit_overrides)
    backend = choose(options.sandbox)
    public_only = options.public_only or not exercise.has_hidden
    session = Session("", path.name, backend, exercise.limits)
    session.spawn()  # the sandbox stands up while the file, checks and bugs are read
    _import_in_background("jsonschema")  # for the result; runs while we wait on the sandbox
    try:
        submission = load_submission(path)
    except SubmissionError as error:
        session.close()
        checks = exercise.checks(public_only=public_only)
        return _unrun(exercise, path, options, backend, checks, str(error), public_only, started)
    except BaseException:
        session.close()
        raise
    session.use(submission.source, submission.filename, submission.where)
    try:
        checks = exercise.checks(public_only=public_only)
        bugs = exercise.bugs() if exercise.bug_ids else []
        report = session.start()
        proxy = RemoteSubmission(session)
        loaded = time.monotonic()
        results = tuple(
            run_check(check, exercise, options.student, proxy, bugs) for check in checks
        )
    finally:
        session.close()
    load_error = report.error.message if report.error else None
    finished = time.monotonic()
    return _result(
        exercise,
        submission,
        options,
        backend,
        results,
        public_only,
        status="load-error" if load_error else "graded",
        error=load_error,
        events=tuple(session.events),
        stdout="".join(session.stdout),
        stderr="".join(session.stderr),
        timings={
            "total": finished - started,
            "load": report.seconds,
            "checks": finished - loaded,
            "student": session.student_seconds,
        },
    )


def _import_in_background(name: str) -> None:
    """Import a module in a thread: the grader mostly waits on the student process, and
    an import there costs nothing on the critical path."""
    if name not in sys.modules:
        threading.Thread(target=_import_quietly, args=(name,), daemon=True).start()


def _import_quietly(name: str) -> None:
    with contextlib.suppress(ImportError):
        importlib.import_module(name)


@contextlib.contextmanager
def _check_context(exercise: Exercise, notes: list[str]) -> Iterator[None]:
    tolerance_token = current_tolerances.set(exercise.tolerances)
    notes_token = current_notes.set(notes)
    try:
        yield
    finally:
        current_tolerances.reset(tolerance_token)
        current_notes.reset(notes_token)


def _call_check(check: Check, exercise: Exercise, submission: Any, seed: int) -> None:
    fixtures = {
        "submission": submission,
        "reference": ReferenceUnavailable() if check.public else exercise.reference(),
        "rng": np.random.default_rng(seed),
        "tolerances": exercise.tolerances,
        "exercise": exercise,
        "source": submission.source,
    }
    check.function(**{name: fixtures[name] for name in check.fixtures})


def run_check(
    check: Check,
    exercise: Exercise,
    student: str,
    submission: RemoteSubmission | LocalSubmission,
    bugs: list[KnownBug],
) -> CheckResult:
    """Run one check; a failure becomes a message, and a known bug is named if it matches."""
    seed = derive_seed(exercise, student, check.id)
    submission.transcript = Transcript()
    notes: list[str] = []
    started = time.monotonic()
    kind: str | None = None
    found: list[KnownBug] = []
    with _check_context(exercise, notes):
        try:
            _call_check(check, exercise, submission, seed)
            message = ""
        except StudentCodeError as failure:
            message, kind = failure.message, failure.kind
        except CheckFailed as failure:
            message, kind = failure.message, "wrong"
        except AssertionError as failure:
            message, kind = str(failure) or "a check assertion failed", "wrong"
        except Exception as exc:  # a bug in the check itself: say so, grade it failed
            message = f"the check itself failed ({type(exc).__name__}: {exc}); tell your instructor"
            kind = "checker-error"
        if kind is not None and kind not in _NOT_ABOUT_VALUES and check.misconceptions and bugs:
            student_transcript = submission.transcript
            found = match_bugs(
                student_transcript,
                bugs,
                lambda bug: replay_local(check, exercise, seed, bug.namespace(), bug.source),
            )
    seconds = time.monotonic() - started
    if notes:
        message = "\n".join(filter(None, [message, *notes]))
    return CheckResult(
        id=check.id,
        name=check.name,
        max_score=check.points,
        score=0.0 if kind is not None else check.points,
        visibility=check.visibility,
        public=check.public,
        message=message,
        seed=seed,
        seconds=seconds,
        kind=kind,
        misconceptions=tuple(Misconception(b.id, b.title, b.explanation) for b in found),
    )


def replay_local(
    check: Check, exercise: Exercise, seed: int, namespace: dict[str, Any], source: str
) -> tuple[bool, Transcript]:
    """Run ``check`` in-process against instructor code (a known bug, the solution):
    did it fail, and what did the code return?"""
    local = LocalSubmission(namespace, source)
    with _check_context(exercise, []), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # instructor code reproducing an overflow bug
        try:
            _call_check(check, exercise, local, seed)
        except AssertionError:
            return True, local.transcript
        except Exception:
            return False, local.transcript
    return False, local.transcript


def _sandbox_info(backend: Backend) -> dict[str, Any]:
    info: dict[str, Any] = {
        "backend": backend.name,
        "description": backend.description,
        "isolates_files": backend.isolates_files,
        "isolates_network": backend.isolates_network,
    }
    if backend.name == "process":
        info["warning"] = "the 'process' sandbox does not isolate files or network"
    return info


def _unrun(
    exercise: Exercise,
    path: Path,
    options: GradeOptions,
    backend: Backend,
    checks: list[Check],
    error: str,
    public_only: bool,
    started: float,
) -> GradeResult:
    results = tuple(
        CheckResult(
            c.id,
            c.name,
            c.points,
            0.0,
            c.visibility,
            c.public,
            "not run: the submission could not be loaded",
            derive_seed(exercise, options.student, c.id),
            0.0,
            "load",
        )
        for c in checks
    )
    kind = path.suffix.lstrip(".").lower()
    fake = Submission(path, kind if kind in ("py", "ipynb") else "unknown", "", path.name)
    return _result(
        exercise,
        fake,
        options,
        backend,
        results,
        public_only,
        status="load-error",
        error=error,
        timings={"total": time.monotonic() - started},
    )


def _result(
    exercise: Exercise,
    submission: Submission,
    options: GradeOptions,
    backend: Backend,
    results: tuple[CheckResult, ...],
    public_only: bool,
    *,
    status: str,
    error: str | None,
    events: tuple[str, ...] = (),
    stdout: str = "",
    stderr: str = "",
    timings: dict[str, float] | None = None,
) -> GradeResult:
    digest = hashlib.sha256(submission.source.encode()).hexdigest() if submission.source else None
    return GradeResult(
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        exercise_title=exercise.title,
        student=options.student,
        submission_file=submission.path.name,
        submission_kind=submission.kind,
        submission_sha256=digest,
        status=status,
        error=error,
        checks=results,
        sandbox=_sandbox_info(backend),
        public_only=public_only,
        seed_policy=exercise.seed_policy,
        grader_version=__version__,
        events=events,
        stdout=stdout,
        stderr=stderr,
        timings=timings or {},
    )
