"""`grade submit` and `grade check`: one submission, for students and the CI of their repos."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.commands.options import (
    course_options,
    exercise_option,
    limit_overrides,
    named_course,
    sandbox_options,
)
from grader.errors import UsageError
from grader.result import GradeResult, reaches


def _grade(
    path: Path,
    exercise_id: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
    *,
    student: str,
    sandbox: str,
    public_only: bool,
    call_seconds: float | None,
    memory_mb: int | None,
) -> GradeResult:
    from grader.exercise import resolve_exercise
    from grader.grading import GradeOptions, grade_file

    exercise = resolve_exercise(exercise_id, path, named_course(course_dir, exercises_dir))
    exercise.preflight(public_only=public_only)  # a misconfigured course: exit 2, no grade
    options = GradeOptions(
        student=student,
        sandbox=sandbox,
        public_only=public_only,
        limit_overrides=limit_overrides(call_seconds, memory_mb),
    )
    return grade_file(exercise, path, options)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@exercise_option
@course_options
@sandbox_options
@click.option(
    "--student",
    default="anonymous",
    show_default=True,
    help="Student id: hidden inputs are seeded from it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "gradescope", "junit"]),
    help="Output format (default: text on a terminal, json otherwise).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write the result to this file (atomically) instead of standard output.",
)
@click.option(
    "--min-score", type=float, help="Exit 0 when the score reaches this (default: full marks)."
)
@click.option("--public-only", is_flag=True, help="Run only the public checks.")
def submit(
    path: Path,
    exercise_id: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
    call_seconds: float | None,
    memory_mb: int | None,
    sandbox: str,
    student: str,
    fmt: str | None,
    output: Path | None,
    min_score: float | None,
    public_only: bool,
) -> None:
    """Grade a submission (.py or .ipynb) with every check available.

    \b
    Examples:
      grade submit activations.py
      grade submit forward.ipynb --student alice --format json -o results.json
      grade submit forum_network.py --format junit -o junit.xml --min-score 8

    \b
    Exit codes:
      0  the score reached --min-score (default: full marks)
      1  it did not (the result is still written)
      2  usage or configuration error (unknown exercise, unreadable exercises folder)
    """
    from grader.files import write_atomic
    from grader.formats import render

    result = _grade(
        path,
        exercise_id,
        course_dir,
        exercises_dir,
        student=student,
        sandbox=sandbox,
        public_only=public_only,
        call_seconds=call_seconds,
        memory_mb=memory_mb,
    )
    fmt = fmt or ("text" if sys.stdout.isatty() and output is None else "json")
    text = render(result, fmt)
    if output is not None:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        click.echo(
            f"{result.exercise_id}: {result.score:g} / {result.max_score:g} -> {output}", err=True
        )
    else:
        click.echo(text, nl=False)
    threshold = result.max_score if min_score is None else min_score
    sys.exit(0 if reaches(result.score, threshold) else 1)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@exercise_option
@course_options
@sandbox_options
def check(
    path: Path,
    exercise_id: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
    call_seconds: float | None,
    memory_mb: int | None,
    sandbox: str,
) -> None:
    """Run the public checks on your work, quickly, and explain what is wrong.

    \b
    Examples:
      grade check activations.py
      grade check forward.ipynb
    Exit code 0 when every public check passes, 1 otherwise, 2 on a usage error.
    """
    from grader.checkrun import CHECKING_STUDENT
    from grader.formats import render_text

    result = _grade(
        path,
        exercise_id,
        course_dir,
        exercises_dir,
        student=CHECKING_STUDENT,
        sandbox=sandbox,
        public_only=True,
        call_seconds=call_seconds,
        memory_mb=memory_mb,
    )
    click.echo(render_text(result), nl=False)
    sys.exit(0 if reaches(result.score, result.max_score) else 1)
