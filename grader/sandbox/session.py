"""The life of a submission's student process across all its checks.

One process serves every check. When a call times out or the process dies, it is
killed with everything it started, and the next call starts a fresh one and loads
the submission again: one infinite loop costs one check, not all of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grader.checks.failures import StudentCodeError
from grader.errors import SandboxError
from grader.sandbox.backends import Backend, forget
from grader.sandbox.process import (
    CallTimeout,
    Limits,
    ProcessDied,
    ProtocolError,
    StudentProcess,
)

# How long a sandbox may take to stand up (Python and NumPy start in it), load aside.
READY_SECONDS = 60.0


@dataclass
class LoadReport:
    """What loading the submission gave: its names, or why it failed."""

    names: dict[str, str] = field(default_factory=dict)
    error: StudentCodeError | None = None
    seconds: float = 0.0


class Session:
    """Runs requests against one submission, restarting its process when needed."""

    def __init__(
        self,
        source: str,
        filename: str,
        backend: Backend,
        limits: Limits,
        where: Callable[[int], str] | None = None,
    ) -> None:
        self.where = where or (lambda line: f"line {line}")
        self.source = source
        self.filename = filename
        self.backend = backend
        self.limits = limits
        self.process: StudentProcess | None = None
        self.generation = 0
        self.events: list[str] = []
        self.student_seconds = 0.0
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.load_report: LoadReport | None = None
        self.deadline = time.monotonic() + limits.total_seconds
        self.resolve: Any = None  # set by the proxy: turns object ids into proxies

    # -- lifecycle ------------------------------------------------------------------
    def use(self, source: str, filename: str, where: Callable[[int], str]) -> None:
        """Set the submission to load (a session may be spawned before it is read)."""
        self.source, self.filename, self.where = source, filename, where

    def spawn(self) -> None:
        """Start the process now; it stands up while the grader prepares its checks."""
        if self.process is None:
            self.process = StudentProcess(self.backend, self.limits)

    def start(self) -> LoadReport:
        """Start a process (unless spawned) and load the submission into it."""
        self.spawn()
        assert self.process is not None
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
            error.kind = "load" if error.kind == "exception" else error.kind
            report = LoadReport(error=error)
        else:
            report = LoadReport(names=dict(reply.get("names") or {}))
        report.seconds = time.monotonic() - started
        if self.load_report is None:
            self.load_report = report
        return report

    def close(self) -> None:
        if self.process is not None:
            self._collect_output(self.process)
            self.process.kill()
            self.process = None

    def _collect_output(self, process: StudentProcess) -> None:
        out, err = process.stdout.text(), process.stderr.text()
        if out:
            self.stdout.append(out)
        if err:
            self.stderr.append(err)

    # -- requests ---------------------------------------------------------------------
    def request(self, message: dict[str, Any], what: str) -> dict[str, Any]:
        """One request; raises StudentCodeError with a student-readable reason."""
        if self.load_report is not None and self.load_report.error is not None:
            raise self.load_report.error
        if self.process is None or not self.process.alive:
            if self.process is not None:
                self.close()
            report = self.start()
            if report.error is not None:
                raise report.error
        return self._exchange(message, self.limits.call_seconds, what)

    def _exchange(self, message: dict[str, Any], timeout: float, what: str) -> dict[str, Any]:
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
            reply = process.request(message, min(timeout, left), self.resolve)
        except CallTimeout:
            self._restart(f"{what}: no answer within {timeout:g} s")
            raise StudentCodeError(
                "timeout",
                f"{what} did not finish within {timeout:g} s (an infinite loop?). "
                "It was stopped; the other checks still ran.",
            ) from None
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
        return self._raise_student_error(error, what)

    def _raise_student_error(self, error: dict[str, Any], what: str) -> dict[str, Any]:
        kind = str(error.get("type", "Exception"))[:100]
        text = str(error.get("message", ""))[:2000]
        line = error.get("line")
        where = f" ({self.where(line)})" if isinstance(line, int) else ""
        context = str(error.get("context") or "")
        if context:
            message = f"{what}: {context}: {text}"
        elif kind == "SystemExit":
            message = f"{what} called sys.exit() ({text}){where}; a submission must not exit"
        else:
            message = f"{what} raised {kind}" + (f": {text}" if text else "") + where
        raise StudentCodeError("exception", message, error_type=kind, detail=text)

    def _restart(self, event: str) -> None:
        self.events.append(event)
        self.close()
        self.generation += 1


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
