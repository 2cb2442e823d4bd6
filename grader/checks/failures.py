"""What a failing check raises."""

from __future__ import annotations


class CheckFailed(AssertionError):
    """A check found the submission wrong; the message is shown to the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StudentCodeError(CheckFailed):
    """Calling the submission failed: it raised, timed out, died, or is missing a name.

    ``kind`` is one of: ``exception``, ``timeout``, ``crash``, ``protocol``,
    ``missing``, ``load``, ``budget``.
    """

    def __init__(self, kind: str, message: str, *, error_type: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.error_type = error_type
        self.detail = detail  # the exception's own text, for matching known bugs
