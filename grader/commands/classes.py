"""`grade batch`, `grade report`, `grade demo`: commands for a whole class.

Thin on purpose: parse, call ``grader.batch`` / ``grader.report``, print. Errors reach
the command line's one error boundary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from grader.commands.options import (
    INTERRUPTED,
    course_options,
    exercise_option,
    jobs_option,
    limit_overrides,
    sandbox_options,
    the_course,
)
from grader.commands.progress import Progress
from grader.errors import UsageError

if TYPE_CHECKING:
    from grader.batch import BatchSummary
    from grader.course import Course, Prefer

CHECKER_ERRORS = 1  # the exit code of a batch in which a check crashed in the grader


def _run_batch(
    submissions: Path,
    results: Path,
    course: Course,
    exercise_id: str | None,
    options: dict[str, Any],
    prefer: Prefer | None = None,
) -> BatchSummary:
    from grader.batch import BatchOptions, discover, load_exercises, run_batch
    from grader.batch.summary import checker_errors, table, totals

    exercises = load_exercises(course, exercise_id)  # a misconfigured course stops here
    plan = discover(submissions, exercises, exercise_id, prefer)
    for note in plan.notes:
        click.echo(f"note: {note}", err=True)
    students = len({job.student for job in plan.jobs})
    click.echo(
        f"{len(plan.jobs)} submissions from {students} students (layout: {plan.layout})",
        err=True,
    )
    progress = Progress()
    try:
        summary = run_batch(
            plan, exercises, results, BatchOptions(**options), progress.done, progress.start
        )
    finally:
        progress.close()
    for line in table(summary):
        click.echo(line)
    click.echo(totals(summary, results), err=True)
    for line in checker_errors(summary):
        click.secho(line, err=True, fg="red", bold=True)
    return summary


def _finish(summary: BatchSummary) -> None:
    """Exit 130 when interrupted, 1 when a check crashed in the grader's own code."""
    from grader.batch.summary import checker_errors

    if summary.interrupted:
        click.echo("interrupted: finished results are kept; run the same command to go on.")
        sys.exit(INTERRUPTED)
    if checker_errors(summary):
        sys.exit(CHECKER_ERRORS)


@click.command()
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "results",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of results: RESULTS/<exercise>/<student>.json.",
)
@exercise_option
@course_options
@click.option("--force", is_flag=True, help="Grade again submissions that already have a result.")
@click.option(
    "--prefer",
    type=click.Choice(["newest", "py", "ipynb"]),
    help="When a student has both the .py and the .ipynb: the one they edited or changed "
    "last (newest), or always one kind (default: the course's rule, else newest).",
)
@jobs_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Grade on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N "
    "for N workers on this machine (needs numpy-grade[cluster]).",
)
@sandbox_options
def batch(
    submissions: Path,
    results: Path,
    exercise_id: str | None,
    course_dir: Path | None,
    exercises_dir: Path | None,
    force: bool,
    prefer: Prefer | None,
    jobs: int | None,
    scheduler: str | None,
    call_seconds: float | None,
    memory_mb: int | None,
    sandbox: str,
) -> None:
    """Grade a whole class in parallel; started again, grade only what is missing.

    SUBMISSIONS is a folder in one of three layouts:

    \b
      1. files named per student (needs --exercise unless one exercise exists):
           submissions/alice.py  submissions/bob.ipynb
      2. one folder per student; the exercise comes from the file name:
           submissions/alice/forward.py  submissions/alice/activations.ipynb
         (cloned GitHub Classroom repositories: hw1-alice/, hw1-bob/ -> alice, bob)
      3. a Gradescope export (student ids from its :submitters: :sid:):
           submissions/submission_metadata.yml  submissions/submission_123/forward.py

    \b
    Examples:
      grade batch submissions/ --out results/
      grade batch hw1/ --exercise activations --out results/ --jobs 4
      grade batch export/ --out results/ --force
      grade batch submissions/ --out results/ --scheduler tcp://10.0.0.5:8786

    Each result is written as soon as it is ready to RESULTS/<exercise>/<student>.json.
    Ctrl-C stops cleanly and keeps finished results; run the same command to finish.
    Results the grader itself failed on (status "error") are graded again.

    
    Exit codes:
      0    done
      1    done, but a check crashed in the grader's own code (listed at the end)
      2    usage or configuration error: nothing was graded
      130  interrupted
    """
    course = the_course(course_dir, exercises_dir)
    options = {
        "jobs": jobs,
        "force": force,
        "sandbox": sandbox,
        "limit_overrides": limit_overrides(call_seconds, memory_mb),
        "scheduler": scheduler,
    }
    _finish(_run_batch(submissions, results, course, exercise_id, options, prefer))


@click.command()
@click.argument("results", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "report_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the report into.",
)
@click.option(
    "--released",
    is_flag=True,
    help="Grades are published: show after_due_date/after_published checks in full.",
)
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV of who the students are (a Canvas gradebook export, or columns student, "
    "name, email, section, ...): adds canvas.csv and moodle.csv.",
)
def report(results: Path, report_dir: Path, released: bool, roster: Path | None) -> None:
    """Write feedback for each student and a class summary, from results only.

    \b
    Writes:
      REPORT/index.html           the class summary: one self-contained page
      REPORT/students/<id>.md     feedback for each student (and .html)
      REPORT/gradebook.csv        scores per student, exercise and check
      REPORT/summary.json         the same numbers for scripts
      REPORT/grades.csv           one row per student and exercise (nbgrader's columns)
      REPORT/canvas.csv           with --roster: Canvas's gradebook import
      REPORT/moodle.csv           with --roster: Moodle's CSV grade import

    \b
    Student pages show "visible" checks in full. "hidden" checks show their name,
    points and pass/fail, and a named misconception, never their message (it holds
    the hidden inputs). after_due_date / after_published checks are shown like hidden
    ones unless --released is given.

    \b
    Examples:
      grade batch submissions/ --out results/ && grade report results/ --out report/
      grade report results/ --out report/ --roster canvas-export.csv
    """
    written = _write_report(results, report_dir, released, roster)
    click.echo(f"report: {written.index.resolve().as_uri()}")


def _write_report(
    results: Path, report_dir: Path, released: bool, roster: Path | None = None
) -> Any:
    from grader.report import build_report

    written = build_report(results, report_dir, released=released, roster=roster)
    for warning in written.warnings:
        click.echo(f"note: {warning}", err=True)
    if written.checker_errors:
        click.secho(
            f"CHECKER ERRORS: {written.checker_errors} results hold checks that crashed in the "
            "grader's own code (the course's fault): see the top of the class page.",
            err=True,
            fg="red",
            bold=True,
        )
    click.echo(f"{written.students} students, {written.results} results -> {report_dir}", err=True)
    return written


def demo_course() -> tuple[Course, Path]:
    """The demo course and its example class, from the source tree of this repository."""
    from grader.course import COURSE_FILE, load_course

    root = Path(__file__).resolve().parents[2]
    if (root / COURSE_FILE).is_file() and (root / "examples" / "class").is_dir():
        return load_course(root), root / "examples" / "class"
    raise UsageError(
        "the demo course and its example class (examples/class) ship with the source "
        "repository, not with the installed tool: run `grade demo` from a clone installed "
        "with pip install -e ."
    )


@click.command()
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("grade-demo"),
    show_default=True,
    help="Folder for results/ and report/.",
)
@click.option("--force", is_flag=True, help="Grade again what an earlier demo already graded.")
@jobs_option
@sandbox_options
def demo(
    out_dir: Path,
    force: bool,
    jobs: int | None,
    call_seconds: float | None,
    memory_mb: int | None,
    sandbox: str,
) -> None:
    """Grade the bundled example class and write its report, to see what you get.

    \b
    The example class has sixteen students with correct submissions in several
    styles, common mistakes, notebooks, an empty file, a syntax error and an infinite
    loop, for the three exercises.

    \b
    The report is written as if grades were released (like `grade report --released`).

    \b
    Example:
      grade demo --out /tmp/demo --jobs 2
    Then open /tmp/demo/report/index.html in a browser.
    """
    course, students = demo_course()
    options = {
        "jobs": jobs,
        "force": force,
        "sandbox": sandbox,
        "limit_overrides": limit_overrides(call_seconds, memory_mb),
    }
    summary = _run_batch(students, out_dir / "results", course, None, options)
    if summary.interrupted:
        click.echo("interrupted: run the same command to go on.")
        sys.exit(INTERRUPTED)
    written = _write_report(out_dir / "results", out_dir / "report", released=True)
    click.echo(f"open the class report: {written.index.resolve().as_uri()}")
    click.echo(f"one student's feedback: {written.first_student.resolve().as_uri()}")
