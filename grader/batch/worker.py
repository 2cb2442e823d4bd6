"""What runs in a worker process of the pool: grade one job, stop cleanly when told."""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import signal
import sys
from types import FrameType

from grader.batch.jobs import BatchOptions, Job
from grader.exercise import Exercise
from grader.sandbox.zygote import reuse_sandboxes

# SIGTERM (from the parent on Ctrl-C, or from the kernel when the parent dies) stops the
# grading where raising is safe: while the grader waits for the student process. There
# nothing is half set up or half torn down, and the exception unwinds through
# ``grade_file``, which kills the student process and removes its scratch folder.
# Anywhere else (starting a sandbox, cleaning one up) the worker looks again every 20 ms,
# or exits as soon as ``grade_file`` returns.
_WAITING = ("grader.sandbox.process", "request")
_state = {"grading": False, "stopping": False, "raised": False}
_lifetime = contextlib.ExitStack()


class _Terminated(BaseException):
    """Raised in a worker to stop grading; ``grade_file`` then cleans its sandbox up."""


def _safe_to_raise(frame: FrameType | None) -> bool:
    while frame is not None:
        if (frame.f_globals.get("__name__"), frame.f_code.co_name) == _WAITING:
            return True
        frame = frame.f_back
    return False


def _on_stop(signum: int, frame: FrameType | None) -> None:
    if _state["raised"]:
        return  # raised once already: the clean-up runs undisturbed
    if not _state["grading"]:
        os._exit(128 + signal.SIGTERM)
    _state["stopping"] = True
    if _safe_to_raise(frame):
        _state["raised"] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise _Terminated()
    signal.setitimer(signal.ITIMER_REAL, 0.02)  # look again in a moment (SIGALRM)


def start(parent: int) -> None:
    """Ctrl-C is the parent's to handle; SIGTERM and the parent's death end the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_stop)
    signal.signal(signal.SIGALRM, _on_stop)
    # Forked while the parent held these (see run._interrupts_held): take them again.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    # For the worker's lifetime, student processes are forked from a warm sandboxed
    # process instead of each starting Python and NumPy (see grader/sandbox/zygote.py).
    _lifetime.enter_context(reuse_sandboxes())
    # A pool's worker ends in os._exit, after multiprocessing's finalizers only: close
    # the fork servers there, so that none is still exiting when ``grade batch`` returns.
    multiprocessing.util.Finalize(None, _lifetime.close, exitpriority=10)


def grade_job(job: Job, exercise: Exercise, options: BatchOptions) -> str:
    """Grade one submission; return its result document as JSON text."""
    from grader.grading import GradeOptions, grade_file
    from grader.result import render_document

    grade_options = GradeOptions(
        student=job.student,
        sandbox=options.sandbox,
        limit_overrides=options.limit_overrides,
        notes=(job.note,) if job.note else (),
    )
    _state["grading"] = True
    try:
        # Validated once, by the parent, when it arrives (parse_result): not twice.
        return render_document(grade_file(exercise, job.path, grade_options), validate=False)
    except _Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _state["grading"] = False
        if _state["stopping"]:  # stopped while cleaning up: the result is not wanted
            os._exit(128 + signal.SIGTERM)
