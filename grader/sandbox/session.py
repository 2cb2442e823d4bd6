"""The life of a submission's student process across all its checks.

One process serves every check. When a call times out or the process dies, it is
killed with everything it started, and the next call starts a fresh one and loads
the submission again: one infinite loop costs one check, not all of them.

    with Session(backend, limits) as session:  # the sandbox starts standing up now
        report = session.load(source, "activations.py")
        reply = session.request({"op": "call", "name": "relu", "args": [z]}, "relu(z)")
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

from grader.errors import SandboxError
from grader.failures import StudentCodeError
from grader.limits import Limits
from grader.sandbox.backends import Backend, forget
from grader.sandbox.process import (
    CallTimeout,
    Capture,
    ProcessDied,
    ProtocolError,
    StudentProcess,
)

# How long a sandbox may take to stand up (Python and NumPy start in it), load aside.
READY_SECONDS = 60.0
Resolve = Callable[[int, str, str], Any]  # object id, type name, repr -> a proxy


class Process(Protocol):
    """What a session needs of a student process (``StudentProcess`` is one)."""

    stdout: Capture
    stderr: Capture

    @property
    def alive(self) -> bool: ...

    def wait_ready(self, timeout: float) -> None: ...

    def request(
        self, message: dict[str, Any], timeout: float, resolve: Resolve | None = None
    ) -> dict[str, Any]: ...

    def exit_reason(self) -> str: ...

    def kill(self) -> None: ...


Spawn = Callable[[Backend, Limits], Process]


@dataclass
class LoadReport:
    """What loading the submission gave: its names, or why it failed."""

    names: dict[str, str] = field(default_factory=dict)
    error: StudentCodeError | None = None
    seconds: float = 0.0


def _line(line: int) -> str:
    return f"line {line}"


class Session:
    """Runs requests against one submission, restarting its process when needed.

    The first process starts when the session is made, so that the sandbox stands up
    while the grader reads the submission and its checks. ``spawn`` makes processes
    (``StudentProcess`` unless a caller, such as a test, injects another).
    """

    def __init__(self, backend: Backend, limits: Limits, *, spawn: Spawn = StudentProcess) -> None:
        self.backend = backend
        self.limits = limits
        self.spawn = spawn
        self.source = ""
        self.filename = "submission.py"
        self.where: Callable[[int], str] = _line
        self.generation = 0
        self.events: list[str] = []
        self.student_seconds = 0.0
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.load_report: LoadReport | None = None
        self.deadline = time.monotonic() + limits.total_seconds
        self.process: Process | None = spawn(backend, limits)
        self._loaded = False  # whether the current process has loaded the submission

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- lifecycle ------------------------------------------------------------------
    def load(
        self, source: str, filename: str, where: Callable[[int], str] | None = None
    ) -> LoadReport:
        """Load the submission; a restarted process loads it again."""
        self.source, self.filename, self.where = source, filename, where or _line
        return self._start()

    def _start(self) -> LoadReport:
        if self.process is None:
            self.process = self.spawn(self.backend, self.limits)
        started = time.monotonic()
        try:
            self.process.wait_ready(READY_SECONDS)
        except SandboxError:
            self.close()
            forget(self.backend.name)  # a cached "it works" verdict is stale
            raise
        try:
            reply = self._exchange(
                {"op": "load", "source": self.source, "filename": self.filename},
                self.limits.load_seconds,
                "loading your file",
            )
        except StudentCodeError as error:
            if error.kind == "exception":
                error.kind = "load"
            report = LoadReport(error=error)
        else:
            report = LoadReport(names=dict(reply.get("names") or {}))
            self._loaded = True
        report.seconds = time.monotonic() - started
        if self.load_report is None:
            self.load_report = report
        return report

    def close(self) -> None:
        self._loaded = False
        if self.process is not None:
            process, self.process = self.process, None
            process.kill()  # which also keeps what is still in its output pipes
            out, err = process.stdout.text(), process.stderr.text()
            if out:
                self.stdout.append(out)
            if err:
                self.stderr.append(err)

    # -- requests ---------------------------------------------------------------------
    def request(
        self, message: dict[str, Any], what: str, resolve: Resolve | None = None
    ) -> dict[str, Any]:
        """One request; raises StudentCodeError with a student-readable reason."""
        if self.load_report is not None and self.load_report.error is not None:
            raise self.load_report.error
        if self.process is None or not self._loaded or not self.process.alive:
            if self.process is not None and not self.process.alive:
                self.close()
            report = self._start()
            if report.error is not None:
                raise report.error
        return self._exchange(message, self.limits.call_seconds, what, resolve)

    def _exchange(
        self,
        message: dict[str, Any],
        timeout: float,
        what: str,
        resolve: Resolve | None = None,
    ) -> dict[str, Any]:
        process = self.process
        assert process is not None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise StudentCodeError(
                "budget",
                "not run: the submission used up its total time of "
                f"{self.limits.total_seconds:g} s",
            )
        try:
            reply = process.request(message, min(timeout, left), resolve)
        except CallTimeout:
            self._restart(f"{what}: no answer within {timeout:g} s")
            raise StudentCodeError("timeout", _timeout_message(what, timeout)) from None
        except ProcessDied:
            reason = process.exit_reason()
            self._restart(f"{what}: the process {reason}")
            raise StudentCodeError(
                "crash", f"the process running your code {reason} during {what}."
            ) from None
        except ProtocolError as exc:
            self._restart(f"{what}: unreadable reply ({exc})")
            raise StudentCodeError(
                "protocol", f"{what} sent back something the grader cannot read: {exc}"
            ) from None
        if reply.get("ok") is True:
            problem = _malformed(reply)
            if problem:
                self._restart(f"{what}: malformed reply ({problem})")
                raise StudentCodeError("protocol", f"{what} sent back a malformed reply: {problem}")
            # What the student's code itself took, as the child measured it (diagnostic
            # only, and capped by the wall time the grader saw).
            self.student_seconds += min(float(reply.get("seconds") or 0.0), timeout)
            return reply
        error = reply.get("error")
        if not isinstance(error, dict):
            self._restart(f"{what}: malformed reply")
            raise StudentCodeError("protocol", f"{what} sent back a malformed reply")
        raise student_error(error, what, self.where)

    def _restart(self, event: str) -> None:
        self.events.append(event)
        self.close()
        self.generation += 1


def _timeout_message(what: str, timeout: float) -> str:
    if what == "loading your file":
        return (
            f"loading your file did not finish within {timeout:g} s (an infinite loop, or "
            "slow work at the top level?), so no check could run."
        )
    return (
        f"{what} did not finish within {timeout:g} s (an infinite loop?). "
        "It was stopped; the other checks still ran."
    )


def student_error(
    error: dict[str, Any], what: str, where: Callable[[int], str] = _line
) -> StudentCodeError:
    """The failure to report for an error reply of the student process."""
    kind = str(error.get("type", "Exception"))[:100]
    text = str(error.get("message", ""))[:2000]
    line = error.get("line")
    at = f" ({where(line)})" if isinstance(line, int) else ""
    context = str(error.get("context") or "")
    if context:
        message = f"{what}: {context}: {text}"
    elif kind == "SystemExit":
        message = f"{what} called sys.exit() ({text}){at}; a submission must not exit"
    else:
        message = f"{what} raised {kind}" + (f": {text}" if text else "") + at
    return StudentCodeError("exception", message, error_type=kind, detail=text)


def _malformed(reply: dict[str, Any]) -> str:
    """What is wrong with a successful reply's fields, or ''. The student process runs
    untrusted code that can write any frame, so the shape of every field is checked."""
    names = reply.get("names") or {}
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        return "'names' is not a table of names"
    if not isinstance(reply.get("args") or [], list | tuple):
        return "'args' is not a list"
    if not isinstance(reply.get("kwargs") or {}, dict):
        return "'kwargs' is not a dict"
    seconds = reply.get("seconds") or 0.0
    if not isinstance(seconds, float | int) or not 0 <= seconds < 1e6:
        return "'seconds' is not a duration"
    return ""
