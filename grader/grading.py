"""Grading one submission: load it, run it isolated, run every check, build the result.

The stages are called in order here and nothing else happens here:
``load_submission`` → ``Session`` (the student process) → ``run_check`` per check →
(when a named known bug's crash can be repaired: the repaired code, graded once more for
the bugs the crash hid) → ``GradeResult``. Bad input gives a result with a message, never
an exception.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from grader import __version__
from grader.checkrun import Bug, derive_seed, pair_search, run_check, settle_requirements
from grader.checks.misconceptions import KnownBug
from grader.checks.registry import Check
from grader.checks.repairs import Repair, repaired
from grader.errors import SubmissionError
from grader.exercise import Exercise
from grader.failures import FailureKind
from grader.loading import Submission, load_submission
from grader.prepare import Prepared, prepare
from grader.provided import ProvidedCode
from grader.proxy import RemoteSubmission
from grader.result import (
    CellFailure,
    CheckResult,
    GradeResult,
    Misconception,
    Status,
    SubmissionKind,
)
from grader.sandbox.backends import Backend
from grader.sandbox.process import StudentProcess
from grader.sandbox.session import LoadReport, Session, Spawn


@dataclass(frozen=True)
class GradeOptions:
    """How to grade: who the student is, which sandbox, which checks."""

    student: str = "anonymous"
    sandbox: str = "auto"
    public_only: bool = False
    limit_overrides: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # to pass on to the student (e.g. why this file was graded)


def grade_file(
    exercise: Exercise,
    path: Path,
    options: GradeOptions,
    *,
    spawn: Spawn = StudentProcess,
    prepared: Prepared | None = None,
) -> GradeResult:
    """Grade one submission file. ``spawn`` starts student processes (tests inject one);
    ``prepared`` is a sandbox already standing up for it (``grader.prepare``)."""
    started = time.monotonic()
    if prepared is None:
        prepared = prepare(exercise, options.limit_overrides, options.sandbox, spawn)
    exercise, backend = prepared.exercise, prepared.backend
    public_only = options.public_only or not exercise.has_hidden
    sandbox = sandbox_info(backend)
    # The sandbox stands up while the file, the checks and the known bugs are read.
    with prepared.session as session:
        _import_in_background("jsonschema")  # for the result, while we wait on the sandbox
        checks = exercise.checks(public_only=public_only)
        try:
            submission = load_submission(path)
        except SubmissionError as error:
            return unrun_result(
                exercise,
                options.student,
                path,
                checks,
                status="load-error",
                error=str(error),
                kind="load",
                sandbox=sandbox,
                public_only=public_only,
                started=started,
                notes=options.notes,
            )
        bugs: list[Bug] = [*exercise.bugs(), *exercise.stored_bugs()]
        report = session.load(
            submission.source, submission.filename, submission.where, submission.cell_payload()
        )
        loaded = time.monotonic()
        results = _run_checks(prepared, options, checks, session, bugs, spawn)
    if report.error is None:
        results = _told_behind_crashes(
            prepared, options, submission, report, checks, results, bugs, spawn
        )
    finished = time.monotonic()
    timings = {
        "total": finished - started,
        "load": report.seconds,
        "checks": finished - loaded,
        "student": session.student_seconds,
    }
    return _graded(exercise, options, submission, session, results, sandbox, public_only, timings)


BEHIND = "found behind the error above, by grading your code with that error repaired"
MAX_REPAIRED = 200_000  # characters: a repair's pattern runs in the grader's process
_UNFINISHED = frozenset({"timeout", "budget", "crash"})


def _run_checks(
    prepared: Prepared,
    options: GradeOptions,
    checks: Sequence[Check],
    session: Session,
    bugs: Sequence[Bug],
    spawn: Spawn,
) -> tuple[CheckResult, ...]:
    """Every check on the code ``session`` loaded, with one search for known bugs."""
    exercise = prepared.exercise
    proxy = RemoteSubmission(session)
    provided = ProvidedCode(exercise, prepared.backend, spawn)
    pairs = pair_search()
    try:
        results = tuple(
            run_check(check, exercise, options.student, proxy, bugs, provided, pairs)
            for check in checks
        )
    finally:
        provided.close()
    return settle_requirements(results, checks)


def _told_behind_crashes(
    prepared: Prepared,
    options: GradeOptions,
    submission: Submission,
    first: LoadReport,
    checks: Sequence[Check],
    results: tuple[CheckResult, ...],
    bugs: Sequence[Bug],
    spawn: Spawn,
) -> tuple[CheckResult, ...]:
    """The known bugs a named crash hid (``grader.checks.repairs``): the code is graded
    once more with the crash repaired, and each bug named there and nowhere before is told
    on the failed checks that named it, as found behind the crash. Scores are unchanged."""
    named = {m.id for r in results for m in r.misconceptions}
    if any(r.kind in _UNFINISHED for r in results):
        return results  # code that ran out of time is not run a second time
    repairs = list(
        dict.fromkeys(
            r for b in bugs if isinstance(b, KnownBug) and b.id in named for r in b.repairs
        )
    )
    fixed = _repaired(submission, repairs)
    if fixed is None:
        return results
    try:
        again = prepare(prepared.exercise, options.limit_overrides, options.sandbox, spawn)
        with again.session as session:
            report = session.load(fixed.source, fixed.filename, fixed.where, fixed.cell_payload())
            if report.error is not None or len(report.cells) > len(first.cells):
                return results  # the repair broke what ran before: nothing is learnt from it
            regraded = {r.id: r for r in _run_checks(again, options, checks, session, bugs, spawn)}
    except Exception:  # the second grading only adds to the first: that result stands
        return results
    told = []
    for result in results:
        found = [
            Misconception(m.id, f"{m.title} ({BEHIND})", m.explanation)
            for m in (regraded[result.id].misconceptions if result.id in regraded else ())
            if m.id not in named and not result.passed
        ]
        told.append(replace(result, misconceptions=(*result.misconceptions, *found)))
    return tuple(told)


def _repaired(submission: Submission, repairs: Sequence[Repair]) -> Submission | None:
    """The submission with the repairs applied (its text and each cell), or None when
    they change nothing (or it is too long for patterns to be run over it safely)."""
    if not repairs or len(submission.source) > MAX_REPAIRED:
        return None
    if repaired(submission.source, repairs) == submission.source:
        return None
    cells = tuple(replace(c, source=repaired(c.source, repairs)) for c in submission.cells)
    return replace(submission, source=repaired(submission.source, repairs), cells=cells)


def _graded(
    exercise: Exercise,
    options: GradeOptions,
    submission: Submission,
    session: Session,
    results: tuple[CheckResult, ...],
    sandbox: dict[str, Any],
    public_only: bool,
    timings: dict[str, float],
) -> GradeResult:
    """The result of a submission that was loaded and checked."""
    report = session.load_report
    load_error = report.error.message if report is not None and report.error else None
    if session.processes_already is not None:
        sandbox = {
            **sandbox,
            "processes": f"the process limit ({exercise.limits.processes}) was raised by the "
            f"{session.processes_already} processes and threads the grader's user already "
            "runs: without root, the limit counts all of them",
        }
    return GradeResult(
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        exercise_title=exercise.title,
        student=options.student,
        submission_file=submission.path.name,
        submission_kind=submission.kind,
        submission_sha256=hashlib.sha256(submission.source.encode()).hexdigest(),
        status="load-error" if load_error else "graded",
        error=load_error,
        checks=results,
        sandbox=sandbox,
        public_only=public_only,
        seed_policy=exercise.seed_policy,
        grader_version=__version__,
        events=tuple(session.events),
        stdout="".join(session.stdout),
        stderr="".join(session.stderr),
        timings=timings,
        notes=(*options.notes, *submission.warnings),
        cells=tuple(_cell_failure(c) for c in report.cells) if report is not None else (),
    )


def _cell_failure(data: dict[str, Any]) -> CellFailure:
    """A failed cell as the student process reported it (its fields checked: the process
    runs student code)."""
    line = data.get("line")
    return CellFailure(
        cell=max(1, int(data["cell"])) if isinstance(data.get("cell"), int) else 1,
        line=line if isinstance(line, int) and line > 0 else None,
        error=str(data.get("type") or "Error")[:100],
        message=str(data.get("message") or "")[:500],
        code=str(data.get("code") or "")[:300],
    )


def unrun_result(
    exercise: Exercise,
    student: str,
    path: Path,
    checks: Sequence[Check],
    *,
    status: Status,
    error: str,
    kind: FailureKind,
    sandbox: dict[str, Any],
    public_only: bool | None = None,
    started: float | None = None,
    notes: tuple[str, ...] = (),
) -> GradeResult:
    """The result of a submission none of whose checks ran (it could not be loaded, or
    the grader could not finish): every check scores 0 and says why."""
    reason = "the submission could not be loaded" if status == "load-error" else error
    results = tuple(
        CheckResult(
            id=check.id,
            name=check.name,
            max_score=check.points,
            score=0.0,
            visibility=check.visibility,
            public=check.public,
            message=f"not run: {reason}",
            seed=derive_seed(exercise, student, check.id),
            seconds=0.0,
            kind=kind,
        )
        for check in checks
    )
    suffix = path.suffix.lstrip(".").lower()
    submission_kind: SubmissionKind = "py" if suffix == "py" else "unknown"
    if suffix == "ipynb":
        submission_kind = "ipynb"
    return GradeResult(
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        exercise_title=exercise.title,
        student=student,
        submission_file=path.name,
        submission_kind=submission_kind,
        submission_sha256=None,
        status=status,
        error=error,
        checks=results,
        sandbox=sandbox,
        public_only=not exercise.has_hidden if public_only is None else public_only,
        seed_policy=exercise.seed_policy,
        grader_version=__version__,
        timings={} if started is None else {"total": time.monotonic() - started},
        notes=notes,
    )


def sandbox_info(backend: Backend) -> dict[str, Any]:
    """What a result says about the sandbox it ran in."""
    info: dict[str, Any] = {
        "backend": backend.name,
        "description": backend.description,
        "isolates_files": backend.isolates_files,
        "isolates_network": backend.isolates_network,
    }
    if backend.name == "process":
        info["warning"] = "the 'process' sandbox does not isolate files or network"
    return info


def _import_in_background(name: str) -> None:
    """Import a module in a thread: the grader mostly waits on the student process, and
    an import there costs nothing on the critical path."""
    if name not in sys.modules:
        threading.Thread(target=_import_quietly, args=(name,), daemon=True).start()


def _import_quietly(name: str) -> None:
    with contextlib.suppress(ImportError):
        importlib.import_module(name)
