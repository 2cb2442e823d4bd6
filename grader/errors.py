"""The grader's exceptions: each has a message a student or instructor can act on."""

from __future__ import annotations


class GradeError(Exception):
    """Base of every error the grader reports to a user (never a traceback)."""

    exit_code = 2


class UsageError(GradeError):
    """The command was called wrongly (unknown exercise, unreadable directory)."""


class ExerciseError(GradeError):
    """An exercise folder is incomplete, its manifest is invalid, or its reference, a check
    module or a known-bug file cannot be imported: a configuration error, found before
    anyone is graded."""


class CourseError(GradeError):
    """No course could be found, or its course.toml is invalid."""


class SubmissionError(GradeError):
    """The submission cannot be read or compiled; it is graded 0 with this message."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class SandboxError(GradeError):
    """The sandbox could not be set up on this machine."""
