"""Reports from a folder of results: feedback per student, a class page, a gradebook.

    files = build_report(Path("results"), Path("report"))
    print(files.index)  # report/index.html

Reads ``RESULTS/<exercise>/<student>.json`` only (it never grades). Writes
``students/<student>.md`` and ``.html``, ``index.html`` (one self-contained page:
inline CSS, plots as inline SVG), ``gradebook.csv`` (every check), ``summary.json``,
and the gradebooks an LMS imports (``grades.csv``; with a roster, ``canvas.csv`` and
``moodle.csv``: see ``grader.report.gradebooks``).
matplotlib and Jinja2 (the ``report`` extra) are imported only when a report is built.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from grader.errors import UsageError
from grader.report.model import ReportFiles

__all__ = ["ReportFiles", "build_report"]


def require_extras() -> None:
    missing = [name for name in ("matplotlib", "jinja2") if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(
            f"reports need {' and '.join(missing)}: install them with "
            'pip install "numpy-grade[report]"'
        )


def build_report(
    results: Path, out: Path, *, released: bool = False, roster: Path | None = None
) -> ReportFiles:
    """Read the results under ``results`` and write the report into ``out``.

    ``released``: grades are published, so ``after_due_date`` and ``after_published``
    checks show their messages to students (see ``grader.report.feedback``).
    ``roster``: who the students are, for the gradebooks of Canvas and Moodle
    (``grader.report.roster``).
    """
    if not results.is_dir():
        raise UsageError(f"{results}: no such folder of results (made by `grade batch`)")
    from grader.report.roster import read_roster

    people = read_roster(roster) if roster is not None else None
    require_extras()
    from grader.report.model import load_results
    from grader.report.render import write_report

    summary = load_results(results)
    if not summary.students:
        raise UsageError(f"{results}: no results found (expected <exercise>/<student>.json)")
    return write_report(summary, out, released=released, roster=people)
