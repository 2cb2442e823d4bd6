"""`grade demo` and the bundled example class."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from grader.batch import discover, load_exercises
from grader.cli import main
from grader.commands import classes as cli_class
from grader.loading import load_submission

STUDENT_FILES = {"activations", "forward", "forum_network"}


def test_the_example_class_is_found_and_varied() -> None:
    _, root = cli_class.demo_course()
    students = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert 12 <= len(students) <= 20
    files = sorted(root.glob("*/*"))
    kinds = {p.suffix for p in files}
    assert kinds == {".py", ".ipynb"}
    assert any(p.stat().st_size == 0 for p in files), "an empty file"
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    assert len(notebooks) >= 2
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert any("%matplotlib" in cell.source for cell in notebook.cells)
        load_submission(path)  # a notebook the grader reads
    assert any("syntax error" in _load_error(p) for p in files if p.suffix == ".py")


def _load_error(path: Path) -> str:
    try:
        load_submission(path)
    except Exception as error:
        return str(error)
    return ""


def test_the_example_class_covers_every_exercise() -> None:
    course, students = cli_class.demo_course()
    exercises = load_exercises(course)
    plan = discover(students, exercises)
    assert plan.layout == "folders"
    assert {job.exercise_id for job in plan.jobs} == set(exercises)
    assert {job.path.stem for job in plan.jobs} <= STUDENT_FILES
    assert len(plan.jobs) >= 36


@pytest.mark.slow
def test_demo_grades_a_class_and_writes_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole command on two students of the example class (the full class takes ~40 s)."""
    small = tmp_path / "class"
    course, students = cli_class.demo_course()
    for student in ("amara", "ines"):  # everything right; an empty file and a syntax error
        shutil.copytree(students / student, small / student)
    monkeypatch.setattr(cli_class, "demo_course", lambda: (course, small))
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert (out / "report" / "index.html").as_uri() in result.output
    assert (out / "report" / "students" / "amara.html").is_file()
    summary = json.loads((out / "report" / "summary.json").read_text())
    amara = summary["students"]["amara"]
    assert {e: r["score"] for e, r in amara.items()} == {e: 20 for e in amara}
    assert summary["students"]["ines"]["vectorized-forward"]["status"] == "load-error"
    again = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert again.exit_code == 0 and "5 already done" in again.output


def test_demo_without_the_example_class_says_where_it_lives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cli_class, "__file__", str(tmp_path / "grader" / "commands" / "classes.py"))
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 2
    assert "examples/class" in result.output
