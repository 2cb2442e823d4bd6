"""The class page's plots: matplotlib figures as inline SVG ``data:`` URIs.

Uses matplotlib's object API with no pyplot, so no global backend is chosen or changed;
the SVG carries no date and stable ids, so the same results give the same page.
"""

from __future__ import annotations

import base64
import io
import textwrap
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from grader.report.model import ExerciseSummary

GRADED, NOT_GRADED, VISIBLE, HIDDEN = "#3b6ea8", "#c8553d", "#3b6ea8", "#8a6fb0"
_STYLE: Any = {
    "svg.fonttype": "none",  # text stays text: small, and drawn in the page's font
    "svg.hashsalt": "grade-report",
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def score_histogram(exercise: ExerciseSummary) -> str:
    """How many students got each score; submissions that did not run in a second colour."""
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(5.2, 2.6))
        axes: Any = figure.subplots()
        top = max(exercise.max_score, 1.0)
        graded = [r.score for r in exercise.records if r.status == "graded"]
        other = [r.score for r in exercise.records if r.status != "graded"]
        if top <= 30 and all(float(s).is_integer() for s in graded + other):
            edges = [x - 0.5 for x in range(int(top) + 2)]
        else:
            edges = [top * i / 10 for i in range(11)]
        axes.hist(
            [graded, other],
            bins=edges,
            stacked=True,
            color=[GRADED, NOT_GRADED],
            label=["graded", "did not load / grader error"],
            edgecolor="white",
            linewidth=0.6,
        )
        axes.set_xlim(edges[0], edges[-1])
        axes.set_xlabel(f"score (out of {exercise.max_score:g})")
        axes.set_ylabel("students")
        axes.yaxis.get_major_locator().set_params(integer=True)
        if other:
            axes.legend(frameon=False, loc="upper left")
        return _data_uri(figure)


def pass_rates(exercise: ExerciseSummary) -> str:
    """The share of students passing each check, in the exercise's order."""
    checks = exercise.checks
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(6.4, 0.5 + 0.28 * max(len(checks), 1)))
        axes: Any = figure.subplots()
        rows = list(range(len(checks)))[::-1]
        labels = [textwrap.shorten(c.name, 60, placeholder="\u2026") for c in checks]
        colors = [VISIBLE if c.visibility == "visible" else HIDDEN for c in checks]
        axes.barh(rows, [100 * c.rate for c in checks], color=colors, height=0.7)
        for row, check in zip(rows, checks, strict=True):
            axes.text(
                100 * check.rate + 1, row, f"{check.passed}/{check.total}", va="center", fontsize=8
            )
        axes.set_yticks(rows, labels)
        axes.set_xlim(0, 112)
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.set_xlabel("students passing (%)   blue: visible check, purple: hidden")
        return _data_uri(figure)
