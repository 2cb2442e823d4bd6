"""The gradebook (CSV) and the class numbers (JSON): the same figures as the HTML report."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from grader.report.model import ClassSummary, ExerciseSummary, ResultRecord

SUMMARY_SCHEMA = "grade-report-summary/1"


def _number(value: float) -> str:
    return f"{value:g}"


def gradebook_csv(summary: ClassSummary) -> str:
    """One row per student: per exercise its total and max, then one column per check.

    Columns: ``student``, then for each exercise ``<exercise> total``, ``<exercise> max``,
    ``<exercise> status`` and ``<exercise>:<check id>``. A missing submission leaves
    its cells empty.
    """
    header = ["student"]
    for exercise in summary.exercises:
        header += [f"{exercise.id} total", f"{exercise.id} max", f"{exercise.id} status"]
        header += [f"{exercise.id}:{check.id}" for check in exercise.checks]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for student in summary.students:
        row = [student]
        for exercise in summary.exercises:
            record = summary.record(student, exercise.id)
            if record is None:
                row += [""] * (3 + len(exercise.checks))
                continue
            scores = {c.id: c.score for c in record.checks}
            row += [_number(record.score), _number(record.max_score), record.status]
            row += [_number(scores[c.id]) if c.id in scores else "" for c in exercise.checks]
        writer.writerow(row)
    return out.getvalue()


def _record(record: ResultRecord) -> dict[str, Any]:
    return {
        "score": record.score,
        "max_score": record.max_score,
        "status": record.status,
        "file": record.file,
        "seconds": record.seconds,
        "checks": {c.id: c.score for c in record.checks},
        "misconceptions": sorted({m.id for c in record.checks for m in c.misconceptions}),
    }


def _exercise(e: ExerciseSummary) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "max_score": e.max_score,
        "submissions": len(e.records),
        "mean": round(e.mean, 6),
        "median": e.median,
        "full_marks": e.full_marks,
        "errors": e.errors,
        "scores": e.scores,
        "checks": [
            {
                "id": c.id,
                "name": c.name,
                "visibility": c.visibility,
                "max_score": c.max_score,
                "passed": c.passed,
                "total": c.total,
                "pass_rate": round(c.rate, 6),
            }
            for c in e.checks
        ],
        "misconceptions": [
            {"id": m.id, "title": m.title, "count": m.count, "students": list(m.students)}
            for m in e.misconceptions
        ],
    }


def summary_document(summary: ClassSummary) -> dict[str, Any]:
    """Everything the class page shows, as numbers (no timestamps, no absolute paths)."""
    return {
        "schema": SUMMARY_SCHEMA,
        "students": {
            student: {
                e.id: _record(r)
                for e in summary.exercises
                if (r := summary.record(student, e.id)) is not None
            }
            for student in summary.students
        },
        "exercises": [_exercise(e) for e in summary.exercises],
        "checker_errors": [
            {
                "exercise": c.exercise_id,
                "check": c.check_name,
                "students": list(c.students),
                "message": c.message,
            }
            for c in summary.checker_errors()
        ],
        "trouble": [
            {"student": r.student, "exercise": r.exercise_id, "reason": r.trouble}
            for r in summary.troubled()
        ],
        "slowest": [
            {"student": r.student, "exercise": r.exercise_id, "seconds": r.seconds}
            for r in summary.slowest()
        ],
        "warnings": list(summary.warnings),
    }


def summary_json(summary: ClassSummary) -> str:
    return json.dumps(summary_document(summary), indent=2, ensure_ascii=False) + "\n"
