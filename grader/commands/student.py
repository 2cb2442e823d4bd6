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
from grader.formats import FORMATS
from grader.result import GradeResult, reaches

github_option = click.option(
    "--github",
    is_flag=True,
    help="In a GitHub Actions step: also write the result for GitHub Classroom's grading "
    "reporter to $GITHUB_OUTPUT (as `result`) and a Markdown summary to "
    "$GITHUB_STEP_SUMMARY (what a student may see).",
)


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
    from grader.locate import in_folder
    from grader.prepare import prepare

    course = named_course(course_dir, exercises_dir)
    notes: tuple[str, ...] = ()
    if path.is_dir():  # a student's folder or repository: find the file to grade in it
        exercise, choice = in_folder(path, exercise_id, course)
        path, notes = choice.path, (choice.reason,) if choice.reason else ()
    else:
        exercise = resolve_exercise(exercise_id, path, course)
    overrides = limit_overrides(call_seconds, memory_mb)
    # The sandbox stands up while the checks, the known bugs and the reference are read.
    prepared = prepare(exercise, overrides, sandbox)
    try:
        exercise.preflight(public_only=public_only)  # misconfigured: exit 2, no grade
        from grader.grading import GradeOptions, grade_file

        options = GradeOptions(student, sandbox, public_only, overrides, notes)
        return grade_file(exercise, path, options, prepared=prepared)
    finally:
        prepared.close()


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
    type=click.Choice(FORMATS),
    help="Output format (default: text on a terminal, json otherwise): json is the full "
    "result; gradescope is results.json as Gradescope reads it; junit for CI; markdown for "
    "a step summary; classroom for GitHub Classroom's grading reporter.",
)
@click.option(
    "--student-view",
    is_flag=True,
    help="Show only what a student may see now: the visible checks, and their points.",
)
@github_option
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
    student_view: bool,
    github: bool,
    output: Path | None,
    min_score: float | None,
    public_only: bool,
) -> None:
    """Grade a submission (.py or .ipynb, or a folder holding one) with every check.

    \b
    Examples:
      grade submit activations.py
      grade submit forward.ipynb --student alice --format json -o results.json
      grade submit forum_network.py --format junit -o junit.xml --min-score 8
      grade submit forward.py --student-view --format markdown >> "$GITHUB_STEP_SUMMARY"

    \b
    Exit codes:
      0  the score reached --min-score (default: full marks)
      1  it did not (the result is still written)
      2  usage or configuration error (unknown exercise, unreadable exercises folder)
    """
    from grader.formats import render

    graded = _grade(
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
    result = graded.student_view() if student_view else graded
    if github:
        publish_to_github(result.student_view())
    fmt = fmt or ("text" if sys.stdout.isatty() and output is None else "json")
    _emit(render(result, fmt), output, result)
    threshold = graded.max_score if min_score is None else min_score
    sys.exit(0 if reaches(graded.score, threshold) else 1)


def _emit(text: str, output: Path | None, result: GradeResult) -> None:
    """The rendered result to ``output`` (atomically), else to standard output."""
    from grader.files import write_atomic

    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(
        f"{result.exercise_id}: {result.score:g} / {result.max_score:g} -> {output}", err=True
    )


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@exercise_option
@course_options
@sandbox_options
@github_option
def check(
    path: Path,
    exercise_id: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
    call_seconds: float | None,
    memory_mb: int | None,
    sandbox: str,
    github: bool,
) -> None:
    """Run the public checks on your work (a .py or .ipynb file, or the folder holding
    it), quickly, and explain what is wrong.

    \b
    Examples:
      grade check activations.py
      grade check forward.ipynb
      grade check forward.py --github     (in a GitHub Actions step)
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
    if github:
        publish_to_github(result.student_view())
    click.echo(render_text(result), nl=False)
    sys.exit(0 if reaches(result.score, result.max_score) else 1)


def publish_to_github(result: GradeResult) -> None:
    """In a GitHub Actions step: the result for Classroom's grading reporter as the step's
    output ``result``, and a Markdown summary on the run's page."""
    import os

    from grader.formats import render_classroom, render_markdown

    paths = {name: os.environ.get(name) for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")}
    missing = [name for name, value in paths.items() if not value]
    if missing:
        raise UsageError(f"--github runs in a GitHub Actions step: {', '.join(missing)} is not set")
    try:
        with open(str(paths["GITHUB_OUTPUT"]), "a", encoding="utf-8") as handle:
            handle.write(f"result={render_classroom(result)}")
        with open(str(paths["GITHUB_STEP_SUMMARY"]), "a", encoding="utf-8") as handle:
            handle.write(render_markdown(result) + "\n")
    except OSError as exc:
        raise UsageError(f"--github: cannot write the step's files: {exc}") from None
