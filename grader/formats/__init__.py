"""A result rendered for whoever reads it: a terminal, CI, Gradescope, GitHub Classroom.

    render(result, "junit")                    # every check: the grader's own view
    render(result.student_view(), "markdown")  # what a student may see now

``json`` is the result document itself (``grader.result``); the others are made from it
and never parsed back.
"""

from __future__ import annotations

from grader.formats.classroom import render_classroom
from grader.formats.gradescope import gradescope_document, render_gradescope
from grader.formats.junit import render_junit
from grader.formats.markdown import render_markdown
from grader.formats.text import render_text
from grader.result import GradeResult, render_document

FORMATS = ("text", "json", "gradescope", "junit", "markdown", "classroom")

__all__ = [
    "FORMATS",
    "gradescope_document",
    "render",
    "render_classroom",
    "render_gradescope",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_text",
]


def render_json(result: GradeResult) -> str:
    return render_document(result)


_RENDERERS = {
    "text": render_text,
    "json": render_json,
    "gradescope": render_gradescope,
    "junit": render_junit,
    "markdown": render_markdown,
    "classroom": render_classroom,
}


def render(result: GradeResult, fmt: str) -> str:
    """``result`` in the format named ``fmt`` (one of ``FORMATS``)."""
    return _RENDERERS[fmt](result)
