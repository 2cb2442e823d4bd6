"""GitHub Classroom: the workflow a student repository runs on every push.

The workflow runs ``grade check . --github`` (the public checks, on whichever of the
exercise's ``.py`` and ``.ipynb`` the student worked in) and hands the result to
GitHub Classroom's grading reporter, which sends the points to Classroom: the sum of
the checks' points, so partial credit survives (the plain command grader gives all or
nothing). The hidden checks never run there: see docs/deploying.md for grading the
cloned repositories centrally.
"""

from __future__ import annotations

import importlib.resources

from grader import __version__
from grader.exercise import Exercise

WORKFLOW = ".github/workflows/classroom.yml"


def classroom_workflow(exercise: Exercise) -> str:
    template = (importlib.resources.files("grader.deploy") / "kit" / "classroom.yml").read_text()
    return template.format(title=exercise.title.replace('"', "'"), version=__version__)
