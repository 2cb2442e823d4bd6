"""Instructor commands for exercises: `grade release` and `grade validate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.commands.options import course_options, sandbox_option, the_course

if TYPE_CHECKING:
    from grader.exercise import Exercise


def exercises_of(
    ids: tuple[str, ...], course_dir: Path | None, exercises_dir: Path | None
) -> list[Exercise]:
    from grader.exercise import find_exercises, load_exercise, resolve_exercise

    course = the_course(course_dir, exercises_dir)
    if ids:
        exercises = [resolve_exercise(i, None, course) for i in ids]
    else:
        exercises = [load_exercise(root, course) for root in find_exercises(course).values()]
    for exercise in exercises:
        exercise.preflight()  # a misconfigured course: exit 2 before anything is done
    return exercises


@click.command()
@click.argument("exercise_ids", metavar="EXERCISE...", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write one bundle per exercise into.",
)
@click.option(
    "--ci",
    type=click.Choice(["github"]),
    help="Add a CI workflow: github = GitHub Classroom / Actions, which runs the public "
    "checks on every push and reports the points to Classroom.",
)
@course_options
def release(
    exercise_ids: tuple[str, ...],
    out: Path,
    ci: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
) -> None:
    """Write the student bundle of each exercise: template .py and .ipynb, public checks,
    instructions and a README. Refuses to write a bundle that would reveal solution
    code, hidden checks or known-bug code.

    \b
    Example:
      grade release activations vectorized-forward forum-backprop --out release/
      grade release activations --out starter/ --ci github   (a Classroom starter repo)
    """
    from grader.release import release as write_bundle

    for exercise in exercises_of(exercise_ids, course_dir, exercises_dir):
        target = write_bundle(exercise, out, ci)
        click.echo(f"{exercise.id}: {target}")


@click.command()
@click.argument("exercise_ids", metavar="[EXERCISE...]", nargs=-1)
@course_options
@sandbox_option
def validate(
    exercise_ids: tuple[str, ...],
    course_dir: Path | None,
    exercises_dir: Path | None,
    sandbox: str,
) -> None:
    """Self-test exercises (all of them by default) before students see them.

    \b
    Proves that: the manifest is valid and the points add up; the solution scores
    full marks as .py and as .ipynb; the template scores zero (below full marks when
    it ships runnable buggy code) and never breaks a check; the student bundle leaks
    nothing; every known bug fails a check and is named in the feedback; hidden inputs
    are fixed per student and differ between students.

    \b
    Examples:
      grade validate
      grade validate forum-backprop --sandbox process
    Exit code 0 when every exercise passes, 1 otherwise, 2 on a usage error.
    """
    from grader.validate import validate_exercise

    failed = 0
    for exercise in exercises_of(exercise_ids, course_dir, exercises_dir):
        report = validate_exercise(exercise, sandbox=sandbox)
        click.echo(f"{exercise.id} {exercise.version}: {'ok' if report.ok else 'FAILED'}")
        for line in report.proved:
            click.echo(f"  {line}")
        for finding in report.findings:
            if not finding.ok:
                click.echo(
                    f"  FAIL {finding.what}" + (f": {finding.detail}" if finding.detail else "")
                )
        for note in report.notes:
            click.echo(f"  note: {note}")
        failed += not report.ok
        click.echo(
            f"  {sum(f.ok for f in report.findings)}/{len(report.findings)} self-tests passed"
        )
    sys.exit(1 if failed else 0)
