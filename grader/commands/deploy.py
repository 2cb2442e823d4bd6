"""Deploying to where students submit: `grade autograder` (build the Gradescope zip) and
`grade gradescope` (what the zip's run_autograder calls for every upload)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from grader.commands.exercises import exercises_of
from grader.commands.options import SANDBOXES, course_options
from grader.errors import GradeError, UsageError


@click.command()
@click.argument("exercise_ids", metavar="EXERCISE...", nargs=-1, required=True)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The zip to write (upload it as the assignment's autograder).",
)
@click.option(
    "--sandbox",
    type=SANDBOXES,
    default="auto",
    show_default=True,
    help="The sandbox the autograder grades in (auto: the strongest the container allows).",
)
@course_options
def autograder(
    exercise_ids: tuple[str, ...],
    out: Path,
    sandbox: str,
    course_dir: Path | None,
    exercises_dir: Path | None,
) -> None:
    """Build a Gradescope autograder zip that grades an upload on these exercises.

    The zip holds setup.sh and run_autograder at its root, a wheel of this grader (so the
    version is pinned), and the course's files for these exercises. Each upload is
    graded on all of them, its files found by name at any depth.

    \b
    Example:
      grade autograder activations --out activations-autograder.zip
    """
    from grader.deploy.autograder import build_autograder

    built = build_autograder(exercises_of(exercise_ids, course_dir, exercises_dir), out, sandbox)
    click.echo(
        f"wrote {built.path} ({built.files} files, {built.size / 1024:.0f} KiB) grading "
        f"{', '.join(built.exercises)}; upload it as the autograder of the Gradescope assignment"
    )


@click.command()
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Gradescope's folder (default: $AUTOGRADER_ROOT, else /autograder).",
)
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Try this autograder zip here instead, on --upload, and print its results.json.",
)
@click.option(
    "--upload",
    type=click.Path(path_type=Path),
    help="With --zip: what a student uploads (a file, or a folder of files).",
)
@click.option(
    "--student", default="student@example.edu", show_default=True, help="With --zip: who."
)
def gradescope(root: Path | None, zip_path: Path | None, upload: Path | None, student: str) -> None:
    """Grade one Gradescope upload: what the autograder's run_autograder calls.

    Reads source/ (the autograder zip), submission/ and submission_metadata.json under
    the root, and always writes results/results.json: if the autograder itself fails,
    the student is told so and instructors see why on the stdout Gradescope keeps.

    With --zip and --upload, try an autograder zip on this machine before uploading it:
    the upload is graded as Gradescope would grade it, and results.json is printed.

    \b
    Examples:
      grade gradescope --zip autograder.zip --upload activations.py
      AUTOGRADER_ROOT=/tmp/ag grade gradescope     (in a folder laid out as Gradescope's)
    """
    import json

    from grader.deploy.gradescope import (
        default_root,
        grade_upload,
        instructors_log,
        try_zip,
        write_failure,
    )

    if zip_path is not None or upload is not None:
        if zip_path is None or upload is None or root is not None:
            raise UsageError("--zip and --upload go together, without --root")
        document, _ = try_zip(zip_path, upload, student)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    root = root or default_root()
    try:
        document, results = grade_upload(root)
    except GradeError as error:
        write_failure(root, str(error))
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except Exception as exc:  # the grader's own bug: the student still gets a result
        write_failure(root, f"{type(exc).__name__}: {exc}")
        traceback.print_exc()
        sys.exit(1)
    click.echo(instructors_log(results), nl=False)
    click.echo(f"score: {document['score']:g} -> {root / 'results' / 'results.json'}")
