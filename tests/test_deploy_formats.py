"""What other tools read: JUnit against the schemas CI tools use, Gradescope's
results.json against its specification, GitHub Classroom's reporter document, Markdown
for a step summary, and the student's view of each.

The two JUnit schemas are not copied here: they are read out of package archives on the
Python Package Index (``tests/corpus/schemas.toml``, fetched by ``tests/thirdparty.py``).
"""

from __future__ import annotations

import base64
import functools
import io
import json
import tomllib
from dataclasses import replace
from typing import Any

import pytest
from support import TESTS
from test_result_formats import BUG, EXAMPLES, LOAD_ERROR, MIXED, NASTY, check_result, grade_result
from thirdparty import Unavailable, members, offline_skips

from grader.formats import (
    gradescope_document,
    render,
    render_classroom,
    render_junit,
    render_markdown,
)
from grader.result import GradeResult

xmlschema = pytest.importorskip("xmlschema")
SCHEMAS = tomllib.loads((TESTS / "corpus" / "schemas.toml").read_text())


@functools.cache
def junit_schema(name: str) -> Any:
    archives = {a["package"]: a for a in SCHEMAS["archive"]}
    (entry,) = [s for s in SCHEMAS["schema"] if s["name"] == name]
    archive = archives[entry["package"]]
    try:
        data = members(archive["url"], archive["sha256"], [entry["path"]])[entry["path"]]
    except Unavailable as exc:
        if offline_skips():
            pytest.skip(f"offline: {exc}")
        raise
    return xmlschema.XMLSchema(io.BytesIO(data))


# -- JUnit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("schema", ["junit-10", "ant-junit"])
@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_junit_is_valid_against_the_schemas_ci_tools_use(schema: str, result: GradeResult) -> None:
    text = render_junit(result)
    junit_schema(schema).validate(io.StringIO(text))
    junit_schema(schema).validate(io.StringIO(render_junit(result.student_view())))


def test_a_load_error_is_an_error_element_on_every_check_it_stopped() -> None:
    import xml.etree.ElementTree as ET

    suite = ET.fromstring(render_junit(LOAD_ERROR))
    errors = suite.findall("testcase/error")
    assert len(errors) == len(LOAD_ERROR.checks) == int(suite.get("errors", "-1"))
    assert suite.get("failures") == "0"
    assert {e.get("type") for e in errors} == {"load"}
    nothing = ET.fromstring(render_junit(replace(LOAD_ERROR, checks=())))
    assert (nothing.get("tests"), nothing.get("errors")) == ("1", "1")
    error = nothing.find("testcase/error")
    assert error is not None and LOAD_ERROR.error in (error.text or "")


def test_junit_for_students_leaves_the_hidden_checks_out() -> None:
    text = render_junit(MIXED.student_view())
    assert "check a" in text
    assert not any(f"check {c}" in text for c in "bcd")
    assert 'name="score" value="1"' in text


# -- Gradescope ----------------------------------------------------------------------------

# Gradescope's results.json, as its specification (autograder_samples, docs/specs.md)
# lists the fields and their values.
TOP = {
    "score", "execution_time", "output", "output_format", "test_output_format",
    "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard",
}  # fmt: skip
TEST = {
    "score", "max_score", "status", "name", "name_format", "number", "output",
    "output_format", "tags", "visibility", "extra_data",
}  # fmt: skip
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def assert_gradescope(document: dict[str, Any]) -> None:
    assert set(document) <= TOP
    for key in ("output_format", "test_output_format", "test_name_format"):
        assert document[key] == "text"  # never simple_format (HTML) for student text
    assert document["visibility"] in VISIBILITIES
    assert document["stdout_visibility"] == "hidden"
    assert document["score"] == pytest.approx(sum(t["score"] for t in document["tests"]))
    for test in document["tests"]:
        assert set(test) <= TEST
        assert test["status"] in {"passed", "failed"} and test["visibility"] in VISIBILITIES
        assert isinstance(test["name"], str) and test["name"]
    json.dumps(document, allow_nan=False)


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_the_gradescope_document_has_only_what_gradescope_reads(result: GradeResult) -> None:
    document = json.loads(render(result, "gradescope"))
    assert_gradescope(document)
    assert document["extra_data"]["results"] == [json.loads(json.dumps(result.to_document()))]


def test_nothing_visible_in_gradescope_reveals_a_hidden_check() -> None:
    secret = "SECRET-MESSAGE"
    hidden = check_result("h", 0.0, 5.0, name="hidden check name", message=secret)
    result = grade_result(
        (check_result("v", 1.0, visibility="visible"), hidden, replace(hidden, id="late",
         name="late check name", visibility="after_published", misconceptions=(BUG,))),
        stdout=secret,
    )  # fmt: skip
    document = gradescope_document([result, replace(result, exercise_id="two")])
    assert_gradescope(document)
    shown = [document["output"]] + [
        json.dumps(t) for t in document["tests"] if t["visibility"] == "visible"
    ]
    for text in shown:
        assert secret not in text and "hidden check" not in text and "late check" not in text
        assert BUG.title not in text and "failed" not in text.replace('"failed"', "")
    assert "1 / 1 on the checks shown now" in document["output"]
    assert "11" not in document["output"]  # no total with the hidden points
    assert [t["number"] for t in document["tests"]][:4] == ["1.1", "1.2", "1.3", "2.1"]


def test_html_in_student_text_stays_text_for_gradescope() -> None:
    check = check_result(
        "x", 0.0, visibility="visible", message="z <b> 0 <script>alert(1)</script>"
    )
    document = gradescope_document([grade_result((check,))])
    assert document["test_output_format"] == "text"
    assert "<script>" in document["tests"][0]["output"]  # kept verbatim, shown as text


# -- GitHub Classroom ----------------------------------------------------------------------


def test_the_classroom_document_carries_partial_credit() -> None:
    payload = json.loads(base64.b64decode(render_classroom(MIXED.student_view())))
    assert payload["version"] == 1 and payload["status"] == "pass"
    assert payload["max_score"] == 1.0
    assert [t["name"] for t in payload["tests"]] == ["check a"]
    everything = json.loads(base64.b64decode(render_classroom(MIXED)))
    assert everything["status"] == "fail"
    # The reporter sends sum(tests[].score) out of max_score to Classroom.
    assert sum(t["score"] for t in everything["tests"]) == 2.5
    assert everything["max_score"] == 5.5
    assert {t["status"] for t in everything["tests"]} == {"pass", "fail", "error"}
    broken = json.loads(base64.b64decode(render_classroom(LOAD_ERROR)))
    assert broken["status"] == "error"
    assert all(LOAD_ERROR.error is not None and t["message"] for t in broken["tests"])


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_never_renders_student_text_as_markup() -> None:
    nasty = "a | b <img src=x onerror=alert(1)> **bold** ``` fence"
    check = check_result("m", 0.0, name=nasty, message="line 1\n```\n" + nasty)
    text = render_markdown(grade_result((check,), submission_file="<x>.py"))
    fence = "````"  # longer than any run of backticks in the message
    assert f"{fence}text\nline 1\n```\n" in text and text.count(fence) == 2
    before, block, after = text.split(fence)
    assert nasty in block  # verbatim inside the code block, where nothing is markup
    outside = before + after
    assert "<img" not in outside and "<x>" not in outside and "&lt;img" in outside
    assert "\\*\\*bold\\*\\*" in outside and "a \\| b" in outside


def test_markdown_shows_the_score_each_check_and_the_misconception() -> None:
    text = render_markdown(MIXED)
    assert text.startswith("### Toy: 2.5 / 5.5\n")
    assert "| ✅ | check a | 1 / 1 |" in text and "| ❌ | check b | 0 / 2 |" in text
    assert "Likely misconception: Adds 2 instead of multiplying by 2" in text
    student = render_markdown(MIXED.student_view())
    assert "check b" not in student and "Toy: 1 / 1" in student


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_every_format_of_the_student_view_leaves_hidden_checks_out(result: GradeResult) -> None:
    hidden = [c.name for c in result.checks if c.visibility != "visible"]
    for fmt in ("text", "junit", "markdown", "json"):
        text = render(result.student_view(), fmt)
        assert not any(name in text for name in hidden if name != NASTY), fmt
