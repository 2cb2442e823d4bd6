"""What the commands share: their common options and the one error boundary.

A leaf of the command line: command modules import this, never ``grader.cli``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from grader.course import Course, require_course
from grader.errors import GradeError

INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT)
SANDBOXES = click.Choice(["auto", "bwrap", "unshare", "process"])

F = TypeVar("F", bound=Callable[..., Any])


def fail(error: GradeError) -> NoReturn:
    """Print the error as one line and exit with its code."""
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@contextlib.contextmanager
def error_boundary() -> Iterator[None]:
    """Every GradeError becomes its message and exit code; Ctrl-C exits 130."""
    try:
        yield
    except GradeError as error:
        fail(error)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(INTERRUPTED)


def _apply(function: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def sandbox_option(function: F) -> F:
    """--sandbox: the isolation backend."""
    return click.option(
        "--sandbox",
        type=SANDBOXES,
        default="auto",
        show_default=True,
        help="Isolation backend; auto picks the strongest that works here.",
    )(function)


def sandbox_options(function: F) -> F:
    """--timeout, --memory and --sandbox: how a submission runs (every command that grades)."""
    return _apply(
        function,
        [
            click.option(
                "--timeout",
                "call_seconds",
                type=click.FloatRange(min=0, min_open=True),
                help="Seconds one call to the submission may take (manifest default).",
            ),
            click.option(
                "--memory",
                "memory_mb",
                type=click.IntRange(min=128),
                help="Memory limit of the student process in MiB (manifest default).",
            ),
            sandbox_option,
        ],
    )


def course_options(function: F) -> F:
    """--course DIR and --exercises DIR: which course (default: $GRADE_COURSE, then the
    nearest course.toml above the working directory)."""
    return _apply(
        function,
        [
            click.option(
                "--course",
                "course_dir",
                type=click.Path(path_type=Path),
                help="The course folder (default: $GRADE_COURSE, else the nearest "
                "course.toml above the working directory).",
            ),
            click.option(
                "--exercises",
                "exercises_dir",
                type=click.Path(path_type=Path),
                help="A folder of exercises to use as a course of its own (no course.toml).",
            ),
        ],
    )


def named_course(course_dir: Path | None, exercises_dir: Path | None) -> Course | None:
    """The course named by --course or --exercises, or None when neither was given."""
    if course_dir is None and exercises_dir is None:
        return None
    return require_course(course_dir, exercises_dir)


def the_course(course_dir: Path | None, exercises_dir: Path | None) -> Course:
    """The course a command works on: named, from $GRADE_COURSE, or found above here."""
    return require_course(course_dir, exercises_dir)


def exercise_option(function: F) -> F:
    """--exercise ID: which exercise a file is for."""
    return click.option(
        "--exercise", "exercise_id", help="Exercise id (default: from the file name)."
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        help="Submissions graded at once (default: the number of CPUs).",
    )(function)


def limit_overrides(call_seconds: float | None, memory_mb: int | None) -> dict[str, Any]:
    """The --timeout and --memory values as overrides of the exercise's limits."""
    return {"call_seconds": call_seconds, "memory_mb": memory_mb}
