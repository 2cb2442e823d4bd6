"""Results as Gradescope's ``results.json``: only the fields its specification lists.

Gradescope shows students the top-level ``output`` and every test whose ``visibility``
allows it, and hides their total while any test is hidden. So the top-level output
speaks of the visible checks only (``GradeResult.summary``), student text is shown as
plain text (``output_format`` and ``test_output_format`` are ``text``, never the
default ``simple_format``, which renders HTML), the student process's output goes to
instructors only (``stdout_visibility``), and the grader's full documents ride along in
``extra_data``, which Gradescope stores and never shows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from grader import __version__
from grader.result import SCHEMA_VERSION, GradeResult

TEXT = "text"


def gradescope_document(results: Sequence[GradeResult]) -> dict[str, Any]:
    """One upload's results (one per exercise) as a single Gradescope document."""
    several = len(results) > 1
    tests = []
    for number, result in enumerate(results, 1):
        for index, check in enumerate(result.checks, 1):
            tests.append(
                {
                    "name": f"{result.exercise_title}: {check.name}" if several else check.name,
                    "number": f"{number}.{index}" if several else str(index),
                    "score": check.score,
                    "max_score": check.max_score,
                    "status": "passed" if check.passed else "failed",
                    "output": check.output(),
                    "visibility": check.visibility,
                    "tags": [f"misconception:{m.id}" for m in check.misconceptions],
                    "extra_data": {"exercise": result.exercise_id, "id": check.id},
                }
            )
    return {
        "score": round(sum(r.score for r in results), 6),
        "execution_time": round(sum(r.seconds for r in results), 4),
        "output": "\n\n".join(r.summary() for r in results),
        "output_format": TEXT,
        "test_output_format": TEXT,
        "test_name_format": TEXT,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {
            "grader_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "results": [r.to_document() for r in results],
        },
    }


def render_gradescope(result: GradeResult) -> str:
    return json.dumps(gradescope_document([result]), indent=2, ensure_ascii=False) + "\n"
