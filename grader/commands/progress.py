"""The progress bar of the commands that grade a class."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from grader.batch import Outcome


class Progress:
    """A progress bar on standard error with a live count of passed / failed / errors."""

    def __init__(self) -> None:
        self.passed = self.failed = self.errors = 0
        self._stack = contextlib.ExitStack()
        self._bar: Any = None

    def start(self, total: int) -> None:
        if total:
            bar: Any = click.progressbar(
                length=total,
                label="grading",
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda _: self.counts(),
            )
            self._bar = self._stack.enter_context(bar)

    def done(self, outcome: Outcome) -> None:
        if outcome.result.status != "graded":
            self.errors += 1
        elif outcome.result.full_marks:
            self.passed += 1
        else:
            self.failed += 1
        if self._bar is not None:
            self._bar.update(1, outcome)

    def counts(self) -> str:
        return f"{self.passed} full marks, {self.failed} below, {self.errors} not run"

    def close(self) -> None:
        self._stack.close()
