"""A result as Markdown, for a GitHub Actions step summary or a pull-request comment.

Student text (messages, file and check names) is never read as markup: outside code
blocks ``<``, ``>``, ``&``, ``|`` and the characters that start Markdown are escaped,
and a code block's fence is longer than any run of backticks inside it.
"""

from __future__ import annotations

import re

from grader.result import CheckResult, GradeResult

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def escape(text: str) -> str:
    """``text`` as plain words in Markdown: no HTML, no emphasis, no table breaks."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``: nothing inside closes it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def code_block(text: str) -> str:
    """``text`` verbatim in a fenced block."""
    marks = fence(text)
    return f"{marks}text\n{text.rstrip()}\n{marks}"


def _row(check: CheckResult) -> str:
    mark = "✅" if check.passed else "❌"
    return f"| {mark} | {escape(check.name)} | {check.score:g} / {check.max_score:g} |"


def render_markdown(result: GradeResult) -> str:
    """Every check of ``result`` (pass ``result.student_view()`` for a student's eyes)."""
    lines = [
        f"### {escape(result.exercise_title)}: {result.score:g} / {result.max_score:g}",
        "",
        f"Graded {escape(result.submission_file)} ({escape(result.exercise_id)} "
        f"{escape(result.exercise_version)}).",
    ]
    lines += [f"\n> Note: {escape(note)}" for note in result.notes]
    if result.error:
        lines += ["", code_block(result.error)]
    if result.cells:
        lines += ["", "Notebook cells that failed (the cells after them still ran):", ""]
        lines.append(code_block("\n".join(cell.describe() for cell in result.cells)))
    if result.checks:
        lines += ["", "| | Check | Points |", "|---|---|---|"]
        lines += [_row(check) for check in result.checks]
    for check in result.checks:
        if check.passed and not check.message:
            continue
        lines += ["", f"#### {'✅' if check.passed else '❌'} {escape(check.name)}", ""]
        if check.message:
            lines.append(code_block(check.message))
        for found in check.misconceptions:
            lines += [
                "",
                f"**Likely misconception: {escape(found.title)}.** {escape(found.explanation)}",
            ]
    if result.public_only:
        lines += ["", "Only the public checks ran here; hidden checks run when you submit."]
    return "\n".join(lines) + "\n"
