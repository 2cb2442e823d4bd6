"""Rendering a result: JSON (Gradescope results.json), JUnit XML, or readable text."""

from __future__ import annotations

import re

from grader.result import GradeResult, render_document

FORMATS = ("text", "json", "gradescope", "junit")

# Characters XML 1.0 cannot hold at all (even escaped): most C0 controls, lone surrogates.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with the characters XML cannot hold (e.g. from a student's message) replaced."""
    return _NOT_XML.sub("\ufffd", text)


def render_json(result: GradeResult) -> str:
    return render_document(result)


def render_junit(result: GradeResult) -> str:
    """JUnit XML: one testsuite, one testcase per check; failures carry the message."""
    import xml.etree.ElementTree as ET  # only JUnit output pays for this import

    failures = sum(1 for c in result.checks if not c.passed)
    errors = 1 if result.status != "graded" else 0
    suite = ET.Element(
        "testsuite",
        name=_xml(f"grade.{result.exercise_id}"),
        tests=str(len(result.checks)),
        failures=str(failures),
        errors=str(errors),
        time=f"{result.timings.get('total', 0.0):.3f}",
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("score", f"{result.score:g}"),
        ("max_score", f"{result.max_score:g}"),
        ("student", result.student),
        ("sandbox", str(result.sandbox["backend"])),
    ):
        ET.SubElement(properties, "property", name=name, value=_xml(value))
    for check in result.checks:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml(f"grade.{result.exercise_id}"),
            name=_xml(check.name),
            time=f"{check.seconds:.3f}",
        )
        if not check.passed:
            text = check.output()
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml(check.message.split("\n")[0][:500]),
                type=check.kind or "failed",
            )
            failure.text = _xml(text)
    if result.error:
        ET.SubElement(suite, "system-err").text = _xml(result.error)
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def render_text(result: GradeResult, *, show_hidden: bool = True) -> str:
    """A readable summary for a terminal."""
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
        if not show_hidden and check.visibility != "visible":
            continue
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


def render(result: GradeResult, fmt: str) -> str:
    if fmt in ("json", "gradescope"):
        return render_json(result)
    if fmt == "junit":
        return render_junit(result)
    return render_text(result)
