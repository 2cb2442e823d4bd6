"""What a batch says when it ends: a table per exercise, and what the instructor must see.

Plain text, for the command line to print: the numbers per exercise, how many results
were graded again because the grader (not the student) had failed, and every check that
crashed in the grader's own code (a checker error is the course's fault, never a grade).
"""

from __future__ import annotations

from pathlib import Path

from grader.batch.jobs import BatchSummary
from grader.result import checker_errors as find_checker_errors


def table(summary: BatchSummary) -> list[str]:
    """One row per exercise: results, full marks, partial, zero, not run, mean."""
    rows = [("exercise", "results", "full", "partial", "zero", "not run", "mean")]
    for exercise_id in sorted({o.exercise_id for o in summary.outcomes}):
        these = [o.result for o in summary.outcomes if o.exercise_id == exercise_id]
        graded = [r for r in these if r.status == "graded"]
        mean = sum(r.score for r in these) / len(these)
        rows.append(
            (
                exercise_id,
                str(len(these)),
                str(sum(r.full_marks for r in these)),
                str(sum(r.score > 0 and not r.full_marks for r in graded)),
                str(sum(r.score == 0 for r in graded)),
                str(len(these) - len(graded)),
                f"{mean:.1f} / {max(r.max_score for r in these):g}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]


def totals(summary: BatchSummary, results: Path) -> str:
    fresh, kept = summary.graded, len(summary.outcomes) - summary.graded
    rate = fresh / summary.wall_seconds if summary.wall_seconds > 0 else 0.0
    again = f", of which {summary.regraded} graded again after a grader error" * bool(
        summary.regraded
    )
    return (
        f"graded {fresh} in {summary.wall_seconds:.1f} s ({rate:.1f}/s){again}; "
        f"{kept} already done (--force grades them again); results in {results}"
    )


def checker_errors(summary: BatchSummary) -> list[str]:
    """Every check that crashed in the grader's own code, with how many submissions it
    hit and its first message; empty when there were none."""
    found = find_checker_errors(o.result for o in summary.outcomes)
    if not found:
        return []
    hits = sum(len(f.students) for f in found)
    lines = [
        f"CHECKER ERRORS: checks crashed in the grader's own code in {hits} results. These "
        "are the course's fault, not the students': fix the checks, then grade again with "
        "--force."
    ]
    for error in found:
        lines.append(
            f"  {error.exercise_id}: {error.check_name!r} in {len(error.students)} "
            f"submissions: {error.message}"
        )
    return lines
