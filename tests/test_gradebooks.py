"""Gradebooks an LMS imports, read back the way each LMS documents reading them.

The Canvas reader below follows canvas-lms's gradebook importer (lib/gradebook_importer.rb):
a header whose first cells are ``Student`` and ``ID`` and whose student columns end with
``Section``; a ``Points Possible`` row; assignment columns named by title (or
``Title (id)``); students matched by Canvas id, then SIS user id, then SIS login id, then
name; an empty cell or ``-`` is no score. The Moodle reader maps one identifier column to
users (an unknown user refuses the whole file, as Moodle does) and the rest to grade items.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_result_formats import check_result, grade_result

from grader.errors import UsageError
from grader.files import write_atomic
from grader.report.roster import read_roster
from grader.result import GradeResult, render_document

pytest.importorskip("jinja2")

CANVAS_INFO = ["Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account"]
NOT_ASSIGNMENTS = re.compile(r"Current (Score|Points|Grade)|Final (Score|Points|Grade)|Override")
USERS = [  # the LMS's own users: canvas id, SIS user id, SIS login, name, e-mail
    {"id": i, "sis": sis, "login": mail, "name": name, "email": mail}
    for i, sis, mail, name in [
        ("1001", "S-1", "ada@uni.edu", "Lovelace, Ada"),
        ("1002", "S-2", "bob@uni.edu", "Stone, Bob"),
        ("1003", "S-3", "cy@uni.edu", "Young, Cy"),
    ]
]
TITLE_WITH_ID = re.compile(r"\A(.*)\s\((\d+)\)\Z")


def canvas_import(text: str, users: list[dict[str, str]]) -> dict[str, Any]:
    rows = [r for r in csv.reader(text.splitlines()) if any(cell.strip() for cell in r)]
    header = rows[0]
    assert "Student" in header[0] and "ID" in header[1] and len(header) > 3, "Invalid header row"
    section = next(i for i, name in enumerate(header) if "Section" in name)
    assert all(name in CANVAS_INFO for name in header[:section]), header[:section]
    columns = [
        (i, match.group(1) if (match := TITLE_WITH_ID.match(name)) else name)
        for i, name in enumerate(header)
        if i > section and not NOT_ASSIGNMENTS.search(name)
    ]
    possible: dict[str, float] = {}
    grades: dict[str, dict[str, float | None]] = {}
    for row in rows[1:]:
        if "Points Possible" in row[0]:
            possible = {title: float(row[i]) for i, title in columns if row[i].strip()}
            continue
        by = dict(zip(header, row, strict=False))
        user = (
            next((u for u in users if u["id"] and u["id"] == by.get("ID")), None)
            or next((u for u in users if u["sis"] and u["sis"] == by.get("SIS User ID")), None)
            or next((u for u in users if u["login"] and u["login"] == by.get("SIS Login ID")), None)
            or next((u for u in users if u["name"] == by.get("Student")), None)
        )
        assert user is not None, f"unknown student row {row}"
        cells = {title: row[i].strip().replace(",", ".") for i, title in columns}
        grades[user["id"]] = {t: None if v in ("", "-") else float(v) for t, v in cells.items()}
    return {"assignments": [t for _, t in columns], "possible": possible, "grades": grades}


def moodle_import(text: str, users: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    rows = list(csv.reader(text.splitlines()))
    field = {"Email address": "email", "Username": "login"}[rows[0][0]]
    found = {}
    for row in rows[1:]:
        user = next((u for u in users if u[field] == row[0]), None)
        assert user is not None, f"usermappingerrorusernotfound: {row[0]}"  # the whole import
        found[user["id"]] = dict(zip(rows[0][3:], row[3:], strict=True))
    return found


def write_results(folder: Path, results: list[GradeResult]) -> Path:
    for result in results:
        path = folder / result.exercise_id / f"{result.student}.json"
        write_atomic(path, render_document(result))
    return folder


def class_results(tmp_path: Path) -> Path:
    toy = (check_result("a", 1.0, visibility="visible"), check_result("b", 0.5, 2.0))
    other = grade_result(
        (check_result("c", 3.0, 3.0),), exercise_id="other", exercise_title="Other one"
    )
    return write_results(
        tmp_path / "results",
        [
            grade_result(toy, student="ada@uni.edu"),
            replace(other, student="ada@uni.edu"),
            grade_result(toy, student="S-2"),
            grade_result(toy, student="zed"),  # not in the roster
            replace(other, student="S-2", status="error", error="the grader failed"),
        ],
    )


def test_the_canvas_csv_imports_as_canvas_reads_it(tmp_path: Path) -> None:
    from grader.report import build_report

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,name,email,section,sis_user_id\n"
        "ada@uni.edu,Ada Lovelace,ada@uni.edu,A,S-1\n"
        "S-2,Bob Stone,bob@uni.edu,B,S-2\n"
        "cy,Cy Young,cy@uni.edu,B,S-3\n"
    )
    written = build_report(class_results(tmp_path), tmp_path / "report", roster=roster)
    assert {"canvas.csv", "moodle.csv", "grades.csv"} <= set(written.gradebooks)
    assert any("zed" in w and "not in the roster" in w for w in written.warnings)
    assert any("S-2" in w and "failed in the grader" in w for w in written.warnings)
    imported = canvas_import((tmp_path / "report" / "canvas.csv").read_text(), USERS)
    assert imported["assignments"] == ["Other one", "Toy"]  # one column per exercise
    assert imported["possible"] == {"Other one": 3.0, "Toy": 3.0}
    assert imported["grades"] == {
        "1001": {"Other one": 3.0, "Toy": 1.5},
        "1002": {"Other one": None, "Toy": 1.5},  # a grader error is no grade
    }
    moodle = moodle_import((tmp_path / "report" / "moodle.csv").read_text(), USERS)
    assert moodle == {
        "1001": {"Other one": "3", "Toy": "1.5"},
        "1002": {"Other one": "", "Toy": "1.5"},
    }


def test_a_canvas_export_serves_as_the_roster(tmp_path: Path) -> None:
    from grader.report import build_report

    roster = tmp_path / "export.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Toy (77),Current Score\n"
        "    Points Possible,,,,,3,(read only)\n"
        '"Lovelace, Ada",1001,S-1,ada@uni.edu,A,,\n'
        '"Stone, Bob",1002,S-2,bob@uni.edu,B,,\n'
    )
    build_report(class_results(tmp_path), tmp_path / "report", roster=roster)
    imported = canvas_import((tmp_path / "report" / "canvas.csv").read_text(), USERS)
    assert set(imported["grades"]) == {"1001", "1002"}
    rows = {r["ID"]: r for r in csv.DictReader((tmp_path / "report" / "canvas.csv").open())}
    assert rows["1001"]["Student"] == "Lovelace, Ada" and rows["1001"]["SIS User ID"] == "S-1"


def test_the_long_gradebook_has_nbgrader_columns(tmp_path: Path) -> None:
    from grader.report import build_report

    build_report(class_results(tmp_path), tmp_path / "report")
    text = (tmp_path / "report" / "grades.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    assert text.splitlines()[0] == (
        "assignment,duedate,timestamp,student_id,last_name,first_name,email,"
        "raw_score,late_submission_penalty,score,max_score"
    )
    ada = [r for r in rows if r["student_id"] == "ada@uni.edu"]
    assert {(r["assignment"], r["score"], r["max_score"]) for r in ada} == {
        ("toy", "1.5", "3"),
        ("other", "3", "3"),
    }
    assert not (tmp_path / "report" / "canvas.csv").exists()  # Canvas needs the roster


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,email\nAda,a@x\n", "no column of student ids"),
    ],
)
def test_a_bad_roster_is_one_clear_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(UsageError, match=message):
        read_roster(path)
    with pytest.raises(UsageError, match="cannot read"):
        read_roster(tmp_path / "missing.csv")
