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
from grader.sandbox.process import CallTimeout, ProcessDied, ProtocolError, StudentProcess
from grader.sandbox.streams import Capture

# How long a sandbox may take to stand up (Python and NumPy start in it), load aside.
READY_SECONDS = 60.0
MAX_SKIPPED = 3  # notebook cells left out because they killed or hung the process
CELL_GRACE = 2.0  # seconds a notebook cell may run on after its interrupt
Resolve = Callable[[int, str, str], Any]  # object id, type name, repr -> a proxy


class Process(Protocol):
    """What a session needs of a student process (``StudentProcess`` is one)."""

    stdout: Capture
    stderr: Capture
    processes_already: int | None  # the user's own processes its limit was raised by

    @property
    def alive(self) -> bool: ...

    def wait_ready(self, timeout: float) -> None: ...

    def request(
        self, message: dict[str, Any] | None, timeout: float, resolve: Resolve | None = None
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
    cells: list[dict[str, Any]] = field(default_factory=list)  # a notebook's failed cells


Where = Callable[[int, str], str]  # (line, file or "cell N") -> "line 3", "cell 2, line 3"


def _line(line: int, file: str = "") -> str:
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
        self.program: dict[str, Any] = {"source": ""}  # what the load request carries
        self.filename = "submission.py"
        self.where: Where = _line
        self.generation = 0
        self.events: list[str] = []
        self.student_seconds = 0.0
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.load_report: LoadReport | None = None
        self.deadline = time.monotonic() + limits.total_seconds
        self.process: Process | None = spawn(backend, limits)
        self._loaded = False  # whether the current process has loaded the submission
        self._running_cell: int | None = None  # the notebook cell being loaded, as last heard
        self.processes_already: int | None = None  # see Process.processes_already

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
        self,
        source: str,
        filename: str,
        where: Where | None = None,
        cells: list[dict[str, Any]] | None = None,
    ) -> LoadReport:
        """Load the submission: a .py file's ``source``, or a notebook's ``cells`` (run
        one by one; ``source`` is then their text, for the checks). A restarted process
        loads it again."""
        self.prepare(source, filename, where, cells)
        return self._start()

    def prepare(
        self,
        source: str,
        filename: str,
        where: Where | None = None,
        cells: list[dict[str, Any]] | None = None,
    ) -> None:
        """Say what to load, without loading it yet (the first request will)."""
        self.source, self.filename, self.where = source, filename, where or _line
        limits = self.limits
        self.program = (
            {"source": source}
            if cells is None
            else {
                "cells": cells,
                "cell_seconds": limits.cell_seconds,
                "budget": limits.notebook_seconds,
            }
        )

    def _start(self) -> LoadReport:
        """Start a process (unless one is standing) and load the submission into it.

        A notebook cell that kills the process or never stops, even interrupted, is left
        out and the notebook run again (at most ``MAX_SKIPPED`` times): the rest of the
        notebook still counts, and the result names the cell."""
        started = time.monotonic()
        skipped: list[dict[str, Any]] = []
        while True:
            self._stand_up()
            try:
                reply = self._load_once()
            except StudentCodeError as error:
                cell = self._running_cell
                retry = "cells" in self.program and error.kind in ("timeout", "crash")
                if not retry or cell is None or len(skipped) >= MAX_SKIPPED:
                    if error.kind == "exception":
                        error.kind = "load"
                    report = LoadReport(error=error)
                    break
                skipped.append(_stopped_cell(cell, error))
                cells = [c for c in self.program["cells"] if c.get("number") != cell]
                self.program = {**self.program, "cells": cells}
                continue
            found = [c for c in reply.get("cells") or [] if isinstance(c, dict)]
            cells = sorted([*skipped, *found], key=lambda c: int(c.get("cell") or 0))
            report = LoadReport(names=dict(reply.get("names") or {}), cells=cells)
            self._loaded = True
            break
        report.seconds = time.monotonic() - started
        if self.load_report is None:
            self.load_report = report
        return report

    def _stand_up(self) -> None:
        if self.process is None:
            self.process = self.spawn(self.backend, self.limits)
        try:
            self.process.wait_ready(READY_SECONDS)
        except SandboxError:
            self.close()
            forget(self.backend.name)  # a cached "it works" verdict is stale
            raise
        if self.process.processes_already is not None:
            self.processes_already = self.process.processes_already

    def _load_once(self) -> dict[str, Any]:
        """One load request; a notebook's process says which cell it starts, one by one."""
        notebook = "cells" in self.program
        # A notebook's cells keep their own time; the grader waits a little longer.
        seconds = self.limits.notebook_seconds + 5 if notebook else self.limits.load_seconds
        what = "loading your notebook" if notebook else "loading your file"
        deadline = time.monotonic() + seconds
        self._running_cell = None
        message: dict[str, Any] | None = {"op": "load", **self.program, "filename": self.filename}
        wait = seconds
        while True:
            wait = min(wait, max(deadline - time.monotonic(), 0.01))
            reply = self._exchange(message, wait, what, None, seconds)
            progress = reply.get("progress")
            if not notebook or "progress" not in reply:
                return reply
            if isinstance(progress, int):
                self._running_cell = progress
            message = None  # then only read the next frame
            # A cell is interrupted after cell_seconds: one that still runs a moment later
            # caught the interrupt, and only a restart without it can go on.
            wait = self.limits.cell_seconds + CELL_GRACE

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
        message: dict[str, Any] | None,
        timeout: float,
        what: str,
        resolve: Resolve | None = None,
        limit: float | None = None,
    ) -> dict[str, Any]:
        """Send ``message`` (None: only read the next reply) and wait up to ``timeout``;
        ``limit`` is the time the student is told was allowed (default ``timeout``)."""
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
            allowed = limit or timeout
            self._restart(f"{what}: no answer within {allowed:g} s")
            raise StudentCodeError("timeout", _timeout_message(what, allowed)) from None
        except ProcessDied:
            reason = process.exit_reason()
            self._restart(f"{what}: the process {reason}")
            if message is not None and message.get("strict") and "SIGFPE" in reason:
                raise StudentCodeError(  # the processor's trap of a strict call
                    "exception",
                    f"{what} raised FloatingPointError: an overflow, a division by zero or "
                    "an invalid operation (such as inf - inf) happened in the computation",
                    error_type="FloatingPointError",
                ) from None
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


def _stopped_cell(cell: int, error: StudentCodeError) -> dict[str, Any]:
    """A cell left out because it killed the process or never stopped, as a failed cell."""
    why = "it never stopped, even interrupted" if error.kind == "timeout" else "it crashed"
    detail = error.message.split(" during ")[0].removeprefix("the process running your code ")
    return {
        "cell": cell,
        "type": "Timeout" if error.kind == "timeout" else "Crash",
        "line": None,
        "code": "",
        "message": f"{why} ({detail}); the notebook was run again without it",
    }


def _timeout_message(what: str, timeout: float) -> str:
    if what == "loading your file":
        return (
            f"loading your file did not finish within {timeout:g} s (an infinite loop, or "
            "slow work at the top level?), so no check could run."
        )
    if what == "loading your notebook":
        return (
            f"your notebook did not finish within {timeout:g} s: a cell kept running even "
            "when it was interrupted, so no check could run."
        )
    return (
        f"{what} did not finish within {timeout:g} s (an infinite loop?). "
        "It was stopped; the other checks still ran."
    )


def student_error(error: dict[str, Any], what: str, where: Where = _line) -> StudentCodeError:
    """The failure to report for an error reply of the student process."""
    kind = str(error.get("type", "Exception"))[:100]
    text = str(error.get("message", ""))[:2000]
    line = error.get("line")
    place = where(line, str(error.get("file") or "")) if isinstance(line, int) else ""
    code = " ".join(str(error.get("code") or "").split())[:200]
    at = f"\nat {place}" + (f": {code}" if code else "") if place else ""
    context = str(error.get("context") or "")
    if context:
        message = f"{what}: {context}: {text}"
    elif kind == "SystemExit":
        message = f"{what} called sys.exit() ({text}); a submission must not exit{at}"
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
    cells = reply.get("cells") or []
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        return "'cells' is not a list of cells"
    seconds = reply.get("seconds") or 0.0
    if not isinstance(seconds, float | int) or not 0 <= seconds < 1e6:
        return "'seconds' is not a duration"
    return ""
