"""Running one check: its fixtures and seed, its failure as a message, its known bugs.

``run_check`` runs a check against the submission's proxy; when it fails on the values,
``match_bugs`` replays it in this process against each known bug of the exercise
(``replay_local``) and names the ones that reproduce what the student's code did.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import time
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from grader.checks.combine import BugSet, baseline, combine
from grader.checks.evidence import StoredBug
from grader.checks.expect import current_tolerances, current_transcript
from grader.checks.gradient import current_notes
from grader.checks.misconceptions import KnownBug, match_bugs, one_per_id
from grader.checks.reach import changed_names
from grader.checks.registry import Check
from grader.checks.search import BugSearch
from grader.exercise import Exercise
from grader.failures import NOT_ABOUT_VALUES, CheckFailed, FailureKind, StudentCodeError
from grader.proxy import LocalSubmission, SubmissionProxy, Transcript
from grader.result import CheckResult, Misconception

# The student id of public-only runs (`grade check`): a bundle's recorded known bugs
# were replayed with the inputs seeded from it.
CHECKING_STUDENT = "anonymous"


def derive_seed(exercise: Exercise, student: str, check_id: str) -> int:
    """The seed of one check's inputs: from (exercise, student, check), so it is replayable."""
    who = student if exercise.seed_policy == "per-student" else ""
    key = f"{exercise.id}\0{who}\0{check_id}\0{exercise.seed_base}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "little") >> 1


class ReferenceUnavailable:
    """Stands in for the reference in public checks, which ship to students without it."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("public checks cannot use the reference (it is not shipped to students)")


@contextlib.contextmanager
def _check_context(exercise: Exercise, notes: list[str]) -> Iterator[None]:
    tolerance_token = current_tolerances.set(exercise.tolerances)
    notes_token = current_notes.set(notes)
    try:
        yield
    finally:
        current_tolerances.reset(tolerance_token)
        current_notes.reset(notes_token)


def _call_check(
    check: Check, exercise: Exercise, submission: SubmissionProxy, seed: int, provided: Any
) -> None:
    fixtures = {
        "submission": submission,
        "reference": ReferenceUnavailable() if check.public else exercise.reference(),
        "rng": np.random.default_rng(seed),
        "tolerances": exercise.tolerances,
        "exercise": exercise,
        "source": submission.source,
    }
    if "provided" in check.fixtures:  # the template's code, run apart from the student's
        fixtures["provided"] = provided or LocalSubmission(exercise.template_namespace())
    token = current_transcript.set(submission.transcript)
    try:
        check.function(**{name: fixtures[name] for name in check.fixtures})
    finally:
        current_transcript.reset(token)


def _outcome(
    check: Check, exercise: Exercise, submission: SubmissionProxy, seed: int, provided: Any
) -> tuple[str, FailureKind | None]:
    """The check's message and why it failed (None when it passed)."""
    try:
        _call_check(check, exercise, submission, seed, provided)
    except StudentCodeError as failure:
        return failure.message, failure.kind
    except CheckFailed as failure:
        return failure.message, "wrong"
    except AssertionError as failure:
        return str(failure) or "a check assertion failed", "wrong"
    except Exception as exc:  # a bug in the check itself: say so, grade it failed
        return (
            f"the check itself failed ({type(exc).__name__}: {exc}); tell your instructor",
            "checker-error",
        )
    return "", None


Bug = KnownBug | StoredBug


def pair_search() -> BugSearch:
    """The search for known bugs over one submission's checks: what was named, which
    checks passed, and the combinations of several bugs at once."""
    return BugSearch(_combined, _solution)


def _combined(members: tuple[Bug, ...]) -> BugSet | None:
    """Live known bugs at once (a bundle's recorded ones cannot be combined)."""
    live = [bug for bug in members if isinstance(bug, KnownBug)]
    return combine(*live) if len(live) == len(members) else None


def _solution(bugs: Sequence[Bug]) -> BugSet | None:
    """The solution, replayed as the known bugs are (a bundle has none to replay)."""
    live = [bug for bug in bugs if isinstance(bug, KnownBug)]
    return baseline(live) if len(live) == len(bugs) else None


def run_check(
    check: Check,
    exercise: Exercise,
    student: str,
    submission: SubmissionProxy,
    bugs: Sequence[Bug],
    provided: Any = None,
    pairs: BugSearch | None = None,
) -> CheckResult:
    """Run one check; a failure becomes a message, and a known bug is named if it matches.
    ``provided`` is the exercise's provided code in a sandbox of its own (``ProvidedCode``);
    without one, the template runs in this process. ``pairs`` (``pair_search()``, one per
    submission) carries what the earlier checks showed, and searches for several known
    bugs at once."""
    seed = derive_seed(exercise, student, check.id)
    submission.transcript = Transcript()
    notes: list[str] = []
    started = time.monotonic()
    found: list[Bug] = []
    with _check_context(exercise, notes):
        message, kind = _outcome(check, exercise, submission, seed, provided)
        touched = _touched(check, submission.transcript, kind is not None)
        replay = functools.partial(
            _replay, check=check, exercise=exercise, seed=seed, touched=touched
        )
        if kind is not None and kind not in NOT_ABOUT_VALUES and check.misconceptions and bugs:
            found = match_bugs(submission.transcript, bugs, replay, pairs)
        elif kind is None and check.misconceptions and pairs is not None:
            pairs.passed.append(replay)  # a bug that fails this check is not the student's
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
        misconceptions=tuple(
            Misconception(b.id, b.title, b.explanation) for b in one_per_id(found)
        ),
    )


def _touched(check: Check, transcript: Transcript, failed: bool) -> frozenset[str] | None:
    """The names through which a known bug could reproduce this check's outcome: those
    the check used on the student's module, or, when it failed in some of its parts
    (``expect_each``), those the failed parts used (a bug that changes only what a passed
    part used differs there from the student's code, or not at all). None when the check
    read the whole module (its source, or its list of names): then any change may count."""
    if transcript.opaque or "source" in check.fixtures:
        return None
    parts, names = transcript.parts, transcript.part_touched
    if failed and parts and len(names) == len(parts):
        used = [touched for (_, _, bad), touched in zip(parts, names, strict=True) if bad]
        if used:
            return frozenset().union(*used)
    return frozenset(transcript.touched)


def _replay(
    bug: Bug | BugSet,
    check: Check,
    exercise: Exercise,
    seed: int,
    touched: frozenset[str] | None = None,
) -> tuple[bool, Transcript]:
    """What ``bug`` does on ``check``: replayed live, or as a bundle recorded it. A bug
    that changes none of the names the check used does there what the solution does:
    the solution's replay, done once per check, serves for all such bugs."""
    if isinstance(bug, StoredBug):
        stored = bug.transcripts.get(check.id)
        return (True, stored) if stored is not None else (False, Transcript())
    changed = changed_names(bug.solution, bug.code)
    if touched is not None and changed is not None and not changed & touched:
        return _solution_replay(check, exercise, seed)
    return replay_local(check, exercise, seed, bug.namespace(), bug.source)


_SOLUTION_REPLAYS: dict[tuple[str, str, str, int], tuple[bool, Transcript]] = {}


def _solution_replay(check: Check, exercise: Exercise, seed: int) -> tuple[bool, Transcript]:
    """The solution replayed on ``check`` with ``seed`` (kept for the few latest)."""
    key = (str(exercise.root), exercise.id, check.id, seed)
    if key not in _SOLUTION_REPLAYS:
        if len(_SOLUTION_REPLAYS) >= 64:
            _SOLUTION_REPLAYS.pop(next(iter(_SOLUTION_REPLAYS)))
        namespace = exercise.solution_namespace()
        _SOLUTION_REPLAYS[key] = replay_local(check, exercise, seed, namespace, exercise.solution())
    return _SOLUTION_REPLAYS[key]


def replay_local(
    check: Check, exercise: Exercise, seed: int, namespace: dict[str, Any], source: str
) -> tuple[bool, Transcript]:
    """Run ``check`` in-process against instructor code (a known bug, the solution):
    did it fail, and what did the code return?"""
    local = LocalSubmission(namespace, source)
    with _check_context(exercise, []), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # instructor code reproducing an overflow bug
        try:
            _call_check(check, exercise, local, seed, None)
        except AssertionError:
            return True, local.transcript
        except Exception:
            return False, local.transcript
    return False, local.transcript


def settle_requirements(
    results: Sequence[CheckResult], checks: Sequence[Check]
) -> tuple[CheckResult, ...]:
    """A passed check whose required checks failed earns nothing (``@check(requires=...)``);
    requirements among checks that did not run (public-only grading) are not enforced."""
    by_id = {r.id: r for r in results}
    settled = []
    for result, item in zip(results, checks, strict=True):
        failed = [by_id[r] for r in item.requires if r in by_id and by_id[r].kind is not None]
        if result.kind is None and failed:
            # Name only what the student may see; a hidden check stays unnamed.
            shown = [f"“{r.name}”" for r in failed if r.visibility == result.visibility]
            names = ", ".join(shown) if len(shown) == len(failed) else "other checks"
            result = dataclasses.replace(
                result,
                score=0.0,
                kind="wrong",
                message=f"right on these inputs, but its points go with {names} of the same "
                "code, which failed: it must be right on other inputs too",
            )
        settled.append(result)
    return tuple(settled)
