"""Grading a class: find every submission, grade them in parallel, keep what finished.

    exercises, notes = load_exercises(None)
    plan = discover(Path("submissions"), exercises)
    summary = run_batch(plan, exercises, Path("results"), BatchOptions(jobs=4))

``discover`` understands three layouts of a submissions folder (a folder of files named
per student, a folder of folders, a Gradescope export). ``run_batch`` grades each
(student, exercise) in a pool of worker processes; each worker calls ``grade_file``,
which runs the submission in its own sandboxed child. The parent alone writes results,
atomically, to ``RESULTS/<exercise>/<student>.json`` as each one arrives; a result that
exists and validates is not graded again, so a killed batch resumes where it stopped.
"""

from __future__ import annotations

from grader.batch.discover import discover, load_exercises
from grader.batch.gradescope import METADATA, read_gradescope_metadata
from grader.batch.jobs import BatchOptions, BatchSummary, Job, Outcome, Plan, result_path
from grader.batch.results import LOCK
from grader.batch.run import run_batch
from grader.locate import SUFFIXES

__all__ = [
    "LOCK",
    "METADATA",
    "SUFFIXES",
    "BatchOptions",
    "BatchSummary",
    "Job",
    "Outcome",
    "Plan",
    "discover",
    "load_exercises",
    "read_gradescope_metadata",
    "result_path",
    "run_batch",
]
