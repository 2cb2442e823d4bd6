"""Starting the sandbox for one submission before anything else is read.

The student process takes about a tenth of a second to stand up (the sandbox, Python,
NumPy); reading the checks, the known bugs and the reference takes about as long. A
command that grades one submission (``grade submit``, ``grade check``) starts the
sandbox first, from the manifest alone, and reads the rest while it stands up.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.exercise import Exercise
from grader.sandbox.backends import Backend, choose
from grader.sandbox.process import StudentProcess
from grader.sandbox.session import Session, Spawn


@dataclass
class Prepared:
    """A sandbox standing up for one submission of ``exercise``, under its limits."""

    exercise: Exercise  # with the limits it grades under
    backend: Backend
    session: Session

    def close(self) -> None:
        self.session.close()


def prepare(
    exercise: Exercise,
    limit_overrides: dict[str, object],
    sandbox: str,
    spawn: Spawn = StudentProcess,
) -> Prepared:
    """Start the student process for ``exercise`` (it stands up while the caller goes on)."""
    exercise = exercise.with_limits(
        **limit_overrides, private=exercise.private_paths, packages=exercise.packages
    )
    backend = choose(sandbox)
    return Prepared(exercise, backend, Session(backend, exercise.limits, spawn=spawn))
