"""Gradebooks an LMS imports: Canvas, Moodle, and nbgrader's long format.

- ``canvas.csv``: Canvas's gradebook import. The header is ``Student, ID, SIS User ID,
  SIS Login ID, Section`` and then one column per exercise, in points, named by the
  exercise's title (Canvas matches a column to an assignment by its title, or by
  ``Title (assignment id)``, and offers to create one it does not know); a
  ``Points Possible`` row follows the header. Students are matched by Canvas id, then SIS
  user id, then SIS login id, so only students found in the roster are written.
- ``moodle.csv``: Moodle's CSV grade import: an identifier column (``Email address``, or
  ``Username`` without e-mails) and one column per exercise, mapped in Moodle's import
  step. Moodle refuses a whole file with one unknown user: roster students only.
- ``grades.csv``: one row per student and exercise with nbgrader's export columns.

A result the grader failed on (status ``error``) is no grade: its cell is left empty and
the exporter says so; a submission that did not load scores 0, as its result says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from grader.report.model import ClassSummary, ExerciseSummary
from grader.report.roster import Person, Roster

CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
NBGRADER_COLUMNS = [
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score",
]  # fmt: skip


@dataclass(frozen=True)
class Gradebooks:
    """The files' texts, and what the instructor should know about them."""

    files: dict[str, str]
    notes: tuple[str, ...]


def _cell(summary: ClassSummary, student: str, exercise: ExerciseSummary) -> str:
    record = summary.record(student, exercise.id)
    if record is None or record.status == "error":
        return ""
    return f"{record.score:g}"


def _csv(rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _matched(summary: ClassSummary, roster: Roster) -> tuple[list[tuple[str, Person]], list[str]]:
    matched, unknown = [], []
    for student in summary.students:
        person = roster.find(student)
        if person is None:
            unknown.append(student)
        else:
            matched.append((student, person))
    return matched, unknown


def canvas_csv(summary: ClassSummary, roster: Roster) -> str:
    header = CANVAS_STUDENT_COLUMNS + [e.title for e in summary.exercises]
    rows = [
        header,
        ["Points Possible", "", "", "", ""] + [f"{e.max_score:g}" for e in summary.exercises],
    ]
    for student, person in _matched(summary, roster)[0]:
        ids = [person.canvas_id, person.sis_user_id, person.sis_login_id or person.email]
        rows.append(
            [person.display_name or student, *ids, person.section]
            + [_cell(summary, student, e) for e in summary.exercises]
        )
    return _csv(rows)


def moodle_csv(summary: ClassSummary, roster: Roster) -> str:
    matched = _matched(summary, roster)[0]
    by_email = all(person.email for _, person in matched)
    key = "Email address" if by_email else "Username"
    rows = [[key, "First name", "Last name"] + [e.title for e in summary.exercises]]
    for student, person in matched:
        first, last = person.split_name
        identifier = person.email if by_email else (person.student or student)
        rows.append(
            [identifier, first, last] + [_cell(summary, student, e) for e in summary.exercises]
        )
    return _csv(rows)


def nbgrader_csv(summary: ClassSummary, roster: Roster | None) -> str:
    rows = [NBGRADER_COLUMNS]
    for exercise in summary.exercises:
        for student in summary.students:
            person = roster.find(student) if roster is not None else None
            first, last = person.split_name if person is not None else ("", "")
            score = _cell(summary, student, exercise) or "0"
            rows.append(
                [exercise.id, "", "", student, last, first, person.email if person else "",
                 score, "0", score, f"{exercise.max_score:g}"]
            )  # fmt: skip
    return _csv(rows)


def gradebooks(summary: ClassSummary, roster: Roster | None) -> Gradebooks:
    """Every gradebook the summary and roster allow (Canvas and Moodle need the roster)."""
    files = {"grades.csv": nbgrader_csv(summary, roster)}
    notes = []
    failed = sorted({r.student for r in summary.records if r.status == "error"})
    if failed:
        notes.append(
            f"{len(failed)} result(s) failed in the grader, not the student's code, and are "
            "left out of the gradebooks (run grade batch again to grade them): "
            + ", ".join(failed[:10])
        )
    if roster is not None:
        files["canvas.csv"] = canvas_csv(summary, roster)
        files["moodle.csv"] = moodle_csv(summary, roster)
        unknown = _matched(summary, roster)[1]
        if unknown:
            notes.append(
                f"{len(unknown)} student(s) with results are not in the roster and are left "
                f"out of canvas.csv and moodle.csv: {', '.join(unknown[:10])}"
            )
    return Gradebooks(files, tuple(notes))
