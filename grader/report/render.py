"""Writing the report's files from a ``ClassSummary`` with Jinja2 templates."""

from __future__ import annotations

from pathlib import Path

import jinja2

from grader import __version__
from grader.files import write_atomic
from grader.formats.markdown import fence
from grader.report.feedback import exercise_view
from grader.report.gradebooks import gradebooks
from grader.report.model import ClassSummary, ReportFiles
from grader.report.plots import pass_rates, score_histogram
from grader.report.roster import Roster
from grader.report.tables import gradebook_csv, summary_json

VISIBILITY_LABELS = {
    "hidden": "hidden",
    "after_due_date": "after the due date",
    "after_published": "after grades are published",
}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grader.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["points"] = lambda value: f"{value:g}"
    env.filters["percent"] = lambda value: f"{100 * value:.0f}%"
    env.filters["fence"] = fence
    env.filters["visibility"] = lambda value: VISIBILITY_LABELS.get(value, value)
    return env


def write_report(
    summary: ClassSummary, out: Path, *, released: bool, roster: Roster | None = None
) -> ReportFiles:
    env = environment()
    students = out / "students"
    first: Path | None = None
    for student in summary.students:
        records = [r for e in summary.exercises if (r := summary.record(student, e.id))]
        views = [exercise_view(r, released) for r in records]
        missing = [e for e in summary.exercises if summary.record(student, e.id) is None]
        page = records[0].page
        context = {"student": student, "views": views, "missing": missing, "released": released}
        write_atomic(students / f"{page}.md", env.get_template("student.md.j2").render(context))
        html = env.get_template("student.html.j2").render(context)
        write_atomic(students / f"{page}.html", html)
        first = first or students / f"{page}.html"
    plots = {
        e.id: {"histogram": score_histogram(e), "pass_rates": pass_rates(e)}
        for e in summary.exercises
    }
    index = out / "index.html"
    write_atomic(
        index,
        env.get_template("index.html.j2").render(
            summary=summary,
            plots=plots,
            student_pages={r.student: r.page for r in summary.records},
            version=__version__,
            released=released,
        ),
    )
    write_atomic(out / "gradebook.csv", gradebook_csv(summary))
    write_atomic(out / "summary.json", summary_json(summary))
    exports = gradebooks(summary, roster)
    for name, text in exports.files.items():
        write_atomic(out / name, text)
    assert first is not None
    return ReportFiles(
        index=index,
        first_student=first,
        students=len(summary.students),
        results=len(summary.records),
        warnings=summary.warnings + exports.notes,
        gradebooks=tuple(sorted(exports.files)),
        checker_errors=sum(len(c.students) for c in summary.checker_errors()),
    )
