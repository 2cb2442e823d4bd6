"""A result as JUnit XML that CI tools accept.

The document is valid against both schemas CI tools follow: Jenkins' ``junit-10.xsd``
and Apache Ant's (windyroad's ``JUnit.xsd``), which is the stricter: a root
``<testsuite>`` with ``name``, ``timestamp`` (no zone), ``hostname``, the counts and
``time``; then ``<properties>``, the test cases, ``<system-out>`` and ``<system-err>``,
in that order; at most one ``<failure>`` or ``<error>`` per case, each with a ``type``.

A check whose values were wrong (or whose names are missing) is a *failure*; one that
could not finish (the code raised, timed out or crashed, the submission did not load,
the check itself broke) is an *error*. A result with no check to carry its error gets
one test case for it, so that the counts never exceed the cases. Neither schema has a
place for a file and line on a test case: the message says where, as the text does.
"""

from __future__ import annotations

import functools
import re

from grader.result import CheckResult, GradeResult

FAILURE_KINDS = frozenset({"wrong", "missing"})  # every other kind is an error


@functools.cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 cannot hold at all (even escaped): most C0 controls, lone
    surrogates. Compiled on first use: it costs milliseconds."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with the characters XML cannot hold (e.g. from a student's message) replaced."""
    return _not_xml().sub("\ufffd", text)


def _token(text: str, default: str) -> str:
    """A non-empty ``xs:token``: one line, single spaces, nothing at either end."""
    return " ".join(_xml(text).split()) or default


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"  # junit-10 allows three decimals at most


def junit_outcome(check: CheckResult) -> str | None:
    """ "failure", "error", or None when the check passed."""
    if check.passed:
        return None
    return "failure" if check.kind is None or check.kind in FAILURE_KINDS else "error"


def render_junit(result: GradeResult) -> str:
    """One ``<testsuite>``: a test case per check, the score in its properties."""
    import datetime  # only JUnit output pays for these imports
    import socket
    import xml.etree.ElementTree as ET

    suite_name = _token(f"grade.{result.exercise_id}", "grade")
    cases: list[tuple[str, float, str | None, CheckResult | None]] = [
        (check.name, check.seconds, junit_outcome(check), check) for check in result.checks
    ]
    if not cases and result.status != "graded":
        cases = [("load the submission", 0.0, "error", None)]
    suite = ET.Element(
        "testsuite",
        name=suite_name,
        timestamp=datetime.datetime.now().strftime("%Y-%m-%dT%H:%M:%S"),
        hostname=_token(socket.gethostname(), "localhost"),
        tests=str(len(cases)),
        failures=str(sum(outcome == "failure" for _, _, outcome, _ in cases)),
        errors=str(sum(outcome == "error" for _, _, outcome, _ in cases)),
        time=_seconds(result.timings.get("total", 0.0)),
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("score", f"{result.score:g}"),
        ("max_score", f"{result.max_score:g}"),
        ("student", result.student),
        ("submission", result.submission_file),
        ("status", result.status),
        ("sandbox", str(result.sandbox.get("backend", ""))),
    ):
        ET.SubElement(properties, "property", name=name, value=_xml(value))
    for name, seconds, outcome, check in cases:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=suite_name,
            name=_token(name, "check"),
            time=_seconds(seconds),
        )
        if outcome is None:
            continue
        text = check.output() if check is not None else (result.error or "")
        kind = (check.kind if check is not None else None) or ("load" if check is None else "wrong")
        first = next((line for line in text.splitlines() if line.strip()), kind)
        element = ET.SubElement(case, outcome, message=_xml(first[:500]), type=kind)
        element.text = _xml(text)
    ET.SubElement(suite, "system-out").text = _xml(result.stdout)
    ET.SubElement(suite, "system-err").text = _xml(result.error or "")
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
