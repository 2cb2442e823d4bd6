"""A result for GitHub Classroom's grading reporter (autograding-grading-reporter).

The reporter reads, from the environment variable ``<STEP ID>_RESULTS``, a base64
encoded JSON document of the form the classroom graders write (``version`` 1, a
``status`` of ``pass``/``fail``/``error``, ``max_score`` and ``tests``); the grade it
sends to Classroom is the sum of the tests' ``score`` out of ``max_score``, so partial
credit survives. A workflow step writes ``result=<this>`` to ``$GITHUB_OUTPUT``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from grader.formats.junit import junit_outcome
from grader.result import CheckResult, GradeResult


def _status(check: CheckResult) -> str:
    """pass; fail (wrong values); or error (it could not finish), as JUnit tells them."""
    outcome = junit_outcome(check)
    return "pass" if outcome is None else "fail" if outcome == "failure" else "error"


def classroom_document(result: GradeResult) -> dict[str, Any]:
    """The reporter's document for ``result`` (give it ``result.student_view()``)."""
    status = "pass" if result.full_marks else "fail"
    if result.status != "graded":
        status = "error"
    return {
        "version": 1,
        "status": status,
        "max_score": result.max_score,
        "tests": [
            {
                "name": check.name,
                "status": _status(check),
                "score": check.score,
                "max_score": check.max_score,
                "message": check.output() or (result.error or ""),
                "test_code": f"grade check {result.submission_file}",
                "filename": result.submission_file,
                "line_no": 0,
                "execution_time": f"{check.seconds:.3f}s",
            }
            for check in result.checks
        ],
    }


def render_classroom(result: GradeResult) -> str:
    """The document, base64 encoded on one line, as the reporter reads it."""
    text = json.dumps(classroom_document(result), ensure_ascii=False)
    return base64.b64encode(text.encode("utf-8")).decode("ascii") + "\n"
