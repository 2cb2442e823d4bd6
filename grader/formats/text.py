"""A result as readable text, for a terminal."""

from __future__ import annotations

from grader.result import GradeResult


def render_text(result: GradeResult) -> str:
    """A readable summary: every check of ``result`` (pass ``result.student_view()`` to
    show only what a student may see now)."""
    lines = [
        f"{result.exercise_title} ({result.exercise_id} {result.exercise_version}) "
        f"— {result.submission_file}",
    ]
    lines += [f"Note: {note}" for note in result.notes]
    if result.error:
        lines += ["", result.error]
    if result.cells:
        lines += ["", "Notebook cells that failed (the cells after them still ran):"]
        for cell in result.cells:
            lines += ["  " + line for line in cell.describe().split("\n")]
    if result.checks:
        lines.append("")
    for check in result.checks:
        mark = "PASS" if check.passed else "FAIL"
        lines.append(f"{mark}  {check.name}  [{check.score:g}/{check.max_score:g}]")
        if check.message:  # a passing check has a message only when it attached notes
            lines += ["      " + line for line in check.message.split("\n")]
        for found in check.misconceptions:
            lines.append(f"      Likely misconception: {found.title}.")
            lines.append(f"      {found.explanation}")
    lines += ["", f"Score: {result.score:g} / {result.max_score:g}"]
    if result.public_only:
        lines.append("Only the public checks ran here; hidden checks run when you submit.")
    lines.append(f"Sandbox: {result.sandbox['backend']}")
    if result.sandbox.get("warning"):
        lines.append(f"Warning: {result.sandbox['warning']}")
    return "\n".join(lines) + "\n"
