"""The `grade` command line: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from grader import __version__
from grader.errors import GradeError, UsageError

SANDBOXES = click.Choice(["auto", "bwrap", "unshare", "process"])


def _fail(error: GradeError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
def main() -> None:
    """Grade NumPy neural-network exercises in a sandbox.

    \b
    Students:     grade check activations.py     (public checks, fast)
                  grade submit activations.py    (every check available)
    Instructors:  grade validate                 (self-test every exercise)
                  grade release activations --out bundle/
                  grade batch submissions/ --out results/
                  grade report results/ --out report/
    """


def sandbox_options(function: Any) -> Any:
    """--timeout, --memory and --sandbox: how a submission runs (shared by every command
    that grades)."""
    options = [
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
        click.option(
            "--sandbox",
            type=SANDBOXES,
            default="auto",
            show_default=True,
            help="Isolation backend; auto picks the strongest that works here.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _limit_options(function: Any) -> Any:
    options = [
        sandbox_options,
        click.option(
            "--exercises",
            "exercises_dir",
            type=click.Path(path_type=Path),
            help="Folder of exercises (default: the bundled ones).",
        ),
        click.option(
            "--exercise", "exercise_id", help="Exercise id (default: from the file name)."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _grade(
    path: Path,
    exercise_id: str | None,
    exercises_dir: Path | None,
    student: str,
    sandbox: str,
    public_only: bool,
    call_seconds: float | None,
    memory_mb: int | None,
) -> Any:
    from grader.exercise import resolve_exercise
    from grader.grading import GradeOptions, grade_file

    exercise = resolve_exercise(exercise_id, path, exercises_dir)
    options = GradeOptions(
        student=student,
        sandbox=sandbox,
        public_only=public_only,
        limit_overrides={"call_seconds": call_seconds, "memory_mb": memory_mb},
    )
    return grade_file(exercise, path, options)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@_limit_options
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
    exercises_dir: Path | None,
    sandbox: str,
    call_seconds: float | None,
    memory_mb: int | None,
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

    try:
        result = _grade(
            path, exercise_id, exercises_dir, student, sandbox, public_only, call_seconds, memory_mb
        )
    except GradeError as error:
        _fail(error)
        return
    fmt = fmt or ("text" if sys.stdout.isatty() and output is None else "json")
    text = render(result, fmt)
    if output is not None:
        try:
            write_atomic(output, text)
        except OSError as exc:
            _fail(UsageError(f"cannot write {output}: {exc.strerror or exc}"))
        click.echo(
            f"{result.exercise_id}: {result.score:g} / {result.max_score:g} -> {output}", err=True
        )
    else:
        click.echo(text, nl=False)
    threshold = result.max_score if min_score is None else min_score
    sys.exit(0 if result.score >= threshold - 1e-9 else 1)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@_limit_options
def check(
    path: Path,
    exercise_id: str | None,
    exercises_dir: Path | None,
    sandbox: str,
    call_seconds: float | None,
    memory_mb: int | None,
) -> None:
    """Run the public checks on your work, quickly, and explain what is wrong.

    \b
    Examples:
      grade check activations.py
      grade check forward.ipynb
    Exit code 0 when every public check passes, 1 otherwise, 2 on a usage error.
    """
    from grader.formats import render_text

    try:
        result = _grade(
            path, exercise_id, exercises_dir, "anonymous", sandbox, True, call_seconds, memory_mb
        )
    except GradeError as error:
        _fail(error)
        return
    click.echo(render_text(result), nl=False)
    sys.exit(0 if result.score >= result.max_score - 1e-9 else 1)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (kept out of the submit path's imports)."""
    import importlib

    for module_name, names in (
        ("grader.cli_exercises", ("release", "validate")),
        ("grader.cli_class", ("batch", "report", "demo")),
    ):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for name in names:
            command = getattr(module, name, None)
            if command is not None:
                main.add_command(command)


_register_optional_commands()
