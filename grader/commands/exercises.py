"""Instructor commands for exercises: `grade release` and `grade validate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.commands.options import exercises_option, sandbox_option

if TYPE_CHECKING:
    from grader.exercise import Exercise


def _exercises(ids: tuple[str, ...], directory: Path | None) -> list[Exercise]:
    from grader.exercise import find_exercises, load_exercise, resolve_exercise

    if ids:
        return [resolve_exercise(i, None, directory) for i in ids]
    return [load_exercise(root) for root in find_exercises(directory).values()]


@click.command()
@click.argument("exercise_ids", metavar="EXERCISE...", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write one bundle per exercise into.",
)
@exercises_option
def release(exercise_ids: tuple[str, ...], out: Path, exercises_dir: Path | None) -> None:
    """Write the student bundle of each exercise: template .py and .ipynb, public checks,
    instructions and a README. Refuses to write a bundle that would reveal solution
    code, hidden checks or known-bug code.

    \b
    Example:
      grade release activations vectorized-forward forum-backprop --out release/
    """
    from grader.release import release as write_bundle

    for exercise in _exercises(exercise_ids, exercises_dir):
        target = write_bundle(exercise, out)
        click.echo(f"{exercise.id}: {target}")


@click.command()
@click.argument("exercise_ids", metavar="[EXERCISE...]", nargs=-1)
@exercises_option
@sandbox_option
def validate(exercise_ids: tuple[str, ...], exercises_dir: Path | None, sandbox: str) -> None:
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
    for exercise in _exercises(exercise_ids, exercises_dir):
        report = validate_exercise(exercise, sandbox=sandbox)
        click.echo(f"{exercise.id} {exercise.version}: {'ok' if report.ok else 'FAILED'}")
        for finding in report.findings:
            if not finding.ok:
                click.echo(
                    f"  FAIL {finding.what}" + (f": {finding.detail}" if finding.detail else "")
                )
        failed += not report.ok
        click.echo(
            f"  {sum(f.ok for f in report.findings)}/{len(report.findings)} self-tests passed"
        )
    sys.exit(1 if failed else 0)
