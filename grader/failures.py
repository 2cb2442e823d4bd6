"""Why a check failed: the exceptions a check raises, and the kinds of failure.

A leaf module: the sandbox raises ``StudentCodeError`` when the submission misbehaves,
checks raise ``CheckFailed`` when its values are wrong, and the result records the
``FailureKind``.
"""

from __future__ import annotations

from typing import Literal, get_args

FailureKind = Literal[
    "wrong",  # the check ran and the values were wrong
    "exception",  # the submission raised
    "timeout",  # a call did not finish in time
    "crash",  # the student process died
    "protocol",  # the student process sent something unreadable
    "missing",  # a name the check needs is not defined
    "load",  # the submission could not be loaded, so the check did not run
    "budget",  # the submission's total time was used up
    "checker-error",  # the check itself failed: the course's fault, not the student's
]
FAILURE_KINDS: tuple[str, ...] = get_args(FailureKind)

# Failures that say nothing about the values a submission computes.
NOT_ABOUT_VALUES: frozenset[str] = frozenset(
    {"timeout", "crash", "missing", "load", "budget", "protocol", "checker-error"}
)


class CheckFailed(AssertionError):
    """A check found the submission wrong; the message is shown to the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StudentCodeError(CheckFailed):
    """Calling the submission failed: it raised, timed out, died, or is missing a name."""

    def __init__(
        self, kind: FailureKind, message: str, *, error_type: str = "", detail: str = ""
    ) -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.error_type = error_type
        self.detail = detail  # the exception's own text, for matching known bugs
