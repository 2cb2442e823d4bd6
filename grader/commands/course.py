"""`grade init` and `grade new`: a course folder, and an exercise in it."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.options import course_options, the_course


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", help="The course's name (default: from the folder's name).")
def init(directory: Path, name: str | None) -> None:
    """Make DIRECTORY a course: course.toml, exercises/, a README and a .gitignore.

    \b
    Example:
      grade init my-course && cd my-course && grade new first-exercise && grade validate
    """
    from grader.scaffold import init_course

    for path in init_course(directory, name):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && grade new my-exercise")


@click.command()
@click.argument("exercise_id", metavar="ID")
@course_options
def new(exercise_id: str, course_dir: Path | None, exercises_dir: Path | None) -> None:
    """Add the exercise ID to the course: a complete one that `grade validate` passes as it
    stands (single source, instructions, public and hidden checks with a gradient_check,
    one known bug, its reference). Edit it from there.

    \b
    Example:
      grade new double-it && grade validate double-it
    """
    from grader.scaffold import new_exercise

    course = the_course(course_dir, exercises_dir)
    for path in new_exercise(course, exercise_id):
        click.echo(f"wrote {path}")
    folder = course.exercises_dir / exercise_id
    click.echo(f"next: edit the files in {folder}, then grade validate {exercise_id}")
