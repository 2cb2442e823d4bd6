"""The result document (Gradescope results.json + diagnostics) and its renderings."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from grader.formats import FORMATS, render, render_json, render_junit, render_text
from grader.result import (
    SCHEMA_VERSION,
    CheckResult,
    GradeResult,
    Misconception,
    result_schema,
    validate_document,
)

BUG = Misconception("double-adds", "Adds 2 instead of multiplying by 2", "Doubling is 2 * x.")
NASTY = 'bad \x1b[31m red \x00 nul \x0b vt \ufffe <tag> & "quotes" ]]> done'


def check_result(id: str, score: float, max_score: float = 1.0, **kwargs: Any) -> CheckResult:
    fields: dict[str, Any] = {
        "id": id,
        "name": f"check {id}",
        "max_score": max_score,
        "score": score,
        "visibility": "hidden",
        "public": False,
        "message": "" if score >= max_score else f"{id} is wrong\nsecond line",
        "seed": 12345,
        "seconds": 0.01,
        "kind": None if score >= max_score else "wrong",
    }
    fields.update(kwargs)
    return CheckResult(**fields)


def grade_result(checks: tuple[CheckResult, ...], **kwargs: Any) -> GradeResult:
    fields: dict[str, Any] = {
        "exercise_id": "toy",
        "exercise_version": "1.0",
        "exercise_title": "Toy",
        "student": "alice",
        "submission_file": "toy.py",
        "submission_kind": "py",
        "submission_sha256": "0" * 64,
        "status": "graded",
        "error": None,
        "checks": checks,
        "sandbox": {"backend": "bwrap", "description": "bubblewrap", "isolates_files": True},
        "public_only": False,
        "seed_policy": "per-student",
        "grader_version": "0.1.0",
        "timings": {"total": 1.25, "load": 0.1},
    }
    fields.update(kwargs)
    return GradeResult(**fields)


MIXED = grade_result(
    (
        check_result("a", 1.0, visibility="visible", public=True),
        check_result("b", 0.0, 2.0, misconceptions=(BUG,)),
        check_result("c", 0.0, kind="timeout", message="did not finish within 2 s"),
        check_result("d", 1.5, 1.5, visibility="after_due_date"),
    )
)
LOAD_ERROR = grade_result(
    tuple(
        check_result(i, 0.0, kind="load", message="not run: the submission could not be loaded")
        for i in "abcd"
    ),
    status="load-error",
    error="toy.py, line 8: syntax error: invalid syntax",
    submission_sha256=None,
)
EXAMPLES = {
    "mixed": MIXED,
    "all passed": grade_result(tuple(check_result(i, 1.0) for i in "abc")),
    "load error": LOAD_ERROR,
    "no checks": grade_result(()),
    "zero points": grade_result((check_result("z", 0.0, 0.0),)),
    "nasty text": grade_result(
        (check_result("n", 0.0, message=NASTY, name="name " + NASTY),),
        error=NASTY,
        stdout=NASTY,
        student="bob\x01",
    ),
    "public only": grade_result((check_result("a", 1.0),), public_only=True),
    "unknown kind": replace(LOAD_ERROR, submission_kind="unknown", submission_file="x.txt"),
}


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_every_document_validates_against_the_schema(result: GradeResult) -> None:
    document = result.to_document()
    validate_document(document)
    json.dumps(document, allow_nan=False).encode("utf-8")  # strict JSON, writable UTF-8
    assert document["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_score_is_the_sum_of_the_tests(result: GradeResult) -> None:
    document = result.to_document()
    assert document["score"] == pytest.approx(sum(t["score"] for t in document["tests"]))
    assert document["max_score"] == pytest.approx(sum(t["max_score"] for t in document["tests"]))


def test_the_mixed_document_in_detail() -> None:
    document = MIXED.to_document()
    assert (document["score"], document["max_score"]) == (2.5, 5.5)
    tests = document["tests"]
    assert [t["status"] for t in tests] == ["passed", "failed", "failed", "passed"]
    assert [t["visibility"] for t in tests] == ["visible", "hidden", "hidden", "after_due_date"]
    assert [t["number"] for t in tests] == ["1", "2", "3", "4"]
    assert tests[1]["tags"] == ["misconception:double-adds"]
    assert (
        "Likely misconception: Adds 2 instead of multiplying by 2. Doubling is 2 * x."
        in (tests[1]["output"])
    )
    assert tests[1]["extra_data"]["misconceptions"] == [
        {"id": "double-adds", "title": BUG.title, "explanation": BUG.explanation}
    ]
    assert tests[2]["extra_data"]["kind"] == "timeout"
    assert tests[0]["extra_data"] == {
        "id": "a",
        "seed": 12345,
        "public": True,
        "kind": None,
        "seconds": 0.01,
        "message": "",
        "misconceptions": [],
    }
    extra = document["extra_data"]
    assert extra["exercise"] == {"id": "toy", "version": "1.0", "title": "Toy"}
    assert extra["status"] == "graded" and extra["error"] is None
    assert document["execution_time"] == 1.25
    assert document["output_format"] == document["test_output_format"] == "text"


def test_the_top_level_output_reveals_nothing_of_checks_not_visible_yet() -> None:
    """Gradescope shows the top-level output at once: no total, count or name of the
    hidden and after-the-due-date checks (MIXED: one visible check, which passed)."""
    output = MIXED.to_document()["output"]
    assert output.startswith("toy: 1 / 1 on the checks shown now")
    assert "2.5" not in output and "5.5" not in output and "failed" not in output
    assert not any(f"check {c}" in output for c in "bcd")
    visible = replace(MIXED, checks=tuple(replace(c, visibility="visible") for c in MIXED.checks))
    assert visible.summary().split("\n") == ["toy: 2.5 / 5.5", "2 of 4 checks failed."]


def test_the_summary_of_a_load_error_shows_the_error() -> None:
    summary = replace(LOAD_ERROR, checks=()).summary()
    assert summary.split("\n") == ["toy: 0 / 0", "toy.py, line 8: syntax error: invalid syntax"]


def test_score_rounding_does_not_break_the_sum() -> None:
    result = grade_result(tuple(check_result(str(i), 0.1, 0.1) for i in range(10)))
    document = result.to_document()
    validate_document(document)
    assert document["score"] == 1.0


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("tests"), "(top level)"),
        (lambda d: d.update(score=-1), "score"),
        (lambda d: d.update(visibility="public"), "visibility"),
        (lambda d: d["tests"][0].update(status="ok"), "tests/0/status"),
        (lambda d: d["tests"][0].pop("name"), "tests/0"),
        (lambda d: d["tests"][0].update(name=""), "tests/0/name"),
        (lambda d: d["tests"][0]["extra_data"].update(seed=-5), "tests/0/extra_data/seed"),
        (lambda d: d["extra_data"]["submission"].update(kind="txt"), "extra_data/submission/kind"),
        (lambda d: d["extra_data"].update(status="done"), "extra_data/status"),
        (lambda d: d.update(schema_version="1.0"), "schema_version"),
    ],
)
def test_invalid_documents_are_refused_with_the_place(change: Any, where: str) -> None:
    document = copy.deepcopy(MIXED.to_document())
    change(document)
    with pytest.raises(ValueError, match=re.escape(f"result document invalid at {where}")):
        validate_document(document)


def test_a_score_that_is_not_the_sum_is_refused() -> None:
    document = MIXED.to_document()
    document["score"] = document["max_score"]
    with pytest.raises(ValueError, match="score is not the sum"):
        validate_document(document)


def test_the_schema_ships_with_the_package() -> None:
    schema = result_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"score", "max_score", "tests", "output", "visibility"} <= set(schema["required"])


# -- renderings ----------------------------------------------------------------------------


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_json_rendering_is_the_validated_document(result: GradeResult) -> None:
    text = render_json(result)
    assert text.endswith("\n")
    document = json.loads(text)
    validate_document(document)
    assert document == json.loads(json.dumps(result.to_document()))
    assert render(result, "json") == text


@pytest.mark.parametrize("result", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_junit_is_well_formed_xml_with_counts(result: GradeResult) -> None:
    text = render_junit(result)
    assert render(result, "junit") == text
    suite = ET.fromstring(text.encode("utf-8"))
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert suite.get("tests") == str(len(cases))
    assert len(cases) == (len(result.checks) or (result.status != "graded"))
    failed = [c for c in result.checks if not c.passed] or cases[: result.status != "graded"]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    errors = sum(1 for case in cases if case.find("error") is not None)
    assert (suite.get("failures"), suite.get("errors")) == (str(failures), str(errors))
    assert failures + errors == len(failed) <= len(cases)
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["score"] == f"{result.score:g}"
    assert properties["max_score"] == f"{result.max_score:g}"


def test_junit_failures_carry_the_message_kind_and_misconception() -> None:
    suite = ET.fromstring(render_junit(MIXED))
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    failure = cases["check b"].find("failure")
    assert failure is not None
    assert failure.get("message") == "b is wrong"  # the first line
    assert failure.get("type") == "wrong"
    assert "second line" in (failure.text or "")
    assert "Likely misconception: Adds 2 instead of multiplying by 2." in (failure.text or "")
    timeout = cases["check c"].find("error")  # it could not finish: an error, not a failure
    assert timeout is not None and timeout.get("type") == "timeout"
    assert cases["check c"].find("failure") is None
    assert cases["check a"].find("failure") is None


def test_junit_of_a_load_error_has_the_error_in_system_err() -> None:
    suite = ET.fromstring(render_junit(LOAD_ERROR))
    assert suite.findtext("system-err") == LOAD_ERROR.error


def test_junit_survives_control_characters_from_student_code() -> None:
    suite = ET.fromstring(render_junit(EXAMPLES["nasty text"]).encode("utf-8"))
    case = suite.find("testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert '<tag> & "quotes" ]]> done' in (failure.text or "")
    assert "\x00" not in (failure.text or "") and "\x1b" not in (failure.text or "")


def test_text_mentions_the_score_and_each_check() -> None:
    text = render_text(MIXED)
    assert "Score: 2.5 / 5.5" in text
    assert "PASS  check a  [1/1]" in text
    assert "FAIL  check b  [0/2]" in text
    assert "      b is wrong\n      second line" in text
    assert "Likely misconception: Adds 2 instead of multiplying by 2." in text
    assert "Sandbox: bwrap" in text
    assert render(MIXED, "text") == text


def test_text_can_hide_the_hidden_checks() -> None:
    text = render_text(MIXED.student_view())
    assert "check a" in text
    assert "check b" not in text and "check d" not in text
    assert "Score: 1 / 1" in text and "5.5" not in text


def test_text_of_a_load_error_and_of_public_only_and_process_sandbox() -> None:
    assert LOAD_ERROR.error in render_text(LOAD_ERROR)
    assert "Only the public checks ran here" in render_text(EXAMPLES["public only"])
    process = replace(
        MIXED, sandbox={"backend": "process", "warning": "does not isolate files or network"}
    )
    assert "Warning: does not isolate files or network" in render_text(process)


def test_every_format_renders() -> None:
    assert set(FORMATS) == {"text", "json", "gradescope", "junit", "markdown", "classroom"}
    for fmt in FORMATS:
        assert render(MIXED, fmt).endswith("\n")


def test_a_failed_check_worth_no_points_is_still_failed() -> None:
    informative = check_result(
        "i", 0.0, 0.0, kind="wrong", message="A2 is not float64", visibility="visible"
    )
    result = grade_result((check_result("a", 1.0, visibility="visible"), informative))
    assert not informative.passed
    document = result.to_document()
    validate_document(document)
    assert [t["status"] for t in document["tests"]] == ["passed", "failed"]
    assert ET.fromstring(render_junit(result)).get("failures") == "1"
    assert "FAIL  check i  [0/0]" in render_text(result)
    assert "1 of 2 checks failed." in result.summary()
