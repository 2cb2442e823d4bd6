"""The exercise's provided code, as a check's ``provided`` fixture.

What students receive (the template: the exercise's helpers and provided functions,
with the parts to write left as stubs), run on demand in a sandboxed process of its own,
with the exercise's limits. A check compares the student's code with it instead of with
the student's own copy of the provided code, which the student controls: the
vectorized forward pass is timed against the template's loop, not against a loop the
submission may have slowed down or replaced. The process starts only when a check first
uses it; no student code ever runs in it.
"""

from __future__ import annotations

from typing import Any

from grader.exercise import Exercise
from grader.failures import StudentCodeError
from grader.proxy import RemoteSubmission, Transcript
from grader.sandbox.backends import Backend
from grader.sandbox.session import Session, Spawn


class ProvidedFailed(RuntimeError):
    """The provided code failed: a fault of the exercise, never of the student."""


class ProvidedCode:
    """The template's module in a sandbox of its own, started when first used."""

    def __init__(self, exercise: Exercise, backend: Backend, spawn: Spawn) -> None:
        self._exercise = exercise
        self._backend = backend
        self._spawn = spawn
        self._session: Session | None = None
        self._proxy: RemoteSubmission | None = None
        self.source = exercise.template()
        self.transcript = Transcript()  # never matched against known bugs

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return _Guarded(getattr(self._started(), name), name)

    def _started(self) -> RemoteSubmission:
        if self._proxy is None:
            self._session = Session(self._backend, self._exercise.limits, spawn=self._spawn)
            report = self._session.load(self.source, self._exercise.student_file)
            if report.error is not None:
                raise ProvidedFailed(f"the exercise's provided code failed to load: {report.error}")
            self._proxy = RemoteSubmission(self._session)
        return self._proxy

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = self._proxy = None


class _Guarded:
    """A provided function: its failures are the exercise's (a checker error)."""

    def __init__(self, function: Any, name: str) -> None:
        self._function = function
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._function(*args, **kwargs)
        except StudentCodeError as error:
            raise ProvidedFailed(f"the provided {self._name} failed: {error.message}") from None
