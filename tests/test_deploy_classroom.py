"""GitHub Classroom: the starter repository `grade release --ci github` writes, its
workflow step as GitHub Actions runs it, what the grading reporter reads from it, and
the central grading of the cloned repositories."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import EXERCISES, REPO, demo_exercise

from grader.batch import discover
from grader.cli import main
from grader.exercise import load_exercise

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
BUGGY = SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return x + 2.0")


def starter(tmp_path: Path, exercise: str = "toy") -> Path:
    course = ["--exercises", str(EXERCISES)] if exercise == "toy" else ["--course", str(REPO)]
    result = CliRunner().invoke(
        main, ["release", exercise, "--out", str(tmp_path / "rel"), "--ci", "github", *course]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "rel" / exercise


def test_the_workflow_hands_the_result_to_the_grading_reporter(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((starter(tmp_path) / ".github/workflows/classroom.yml").read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    grade = next(s for s in steps if s.get("id") == "grade")
    assert grade["run"] == "grade check . --github"
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    assert reporter["if"] == "always()"  # it reports a failing step's points too
    (runner,) = reporter["with"]["runners"].split(",")
    # The reporter reads process.env[runner.toUpperCase() + "_RESULTS"].
    assert reporter["env"] == {f"{runner.upper()}_RESULTS": "${{ steps.grade.outputs.result }}"}
    assert runner == grade["id"]


def run_step(repository: Path, tmp_path: Path) -> tuple[int, dict[str, object], str, str]:
    """The workflow's step as GitHub Actions runs it, and the reporter's reading of it."""
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.write_text("")
    summary.write_text("")
    run = subprocess.run(
        [sys.executable, "-m", "grader", "check", ".", "--github"],
        cwd=repository,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)},
    )
    lines = dict(line.split("=", 1) for line in output.read_text().splitlines())
    document = json.loads(base64.b64decode(lines["result"]))
    return run.returncode, document, summary.read_text(), run.stdout


def test_partial_credit_reaches_classroom(tmp_path: Path) -> None:
    repository = starter(tmp_path, "activations")
    solution = demo_exercise("activations").solution()
    buggy = solution.replace("return (np.asarray(z) > 0).astype(float)", "return np.maximum(z, 0)")
    assert buggy != solution
    (repository / "activations.py").write_text(buggy)
    code, document, summary, text = run_step(repository, tmp_path)
    assert code == 1  # the step fails: some public check failed
    assert document["version"] == 1 and document["status"] == "fail"
    points = sum(t["score"] for t in document["tests"])  # what notify-classroom sums
    assert 0 < points < document["max_score"]
    assert f"Score: {points:g} / {document['max_score']:g}" in text
    assert "### Activation functions and their derivatives" in summary
    assert "Likely misconception" in summary
    (repository / "activations.py").write_text(solution)
    code, document, _, _ = run_step(repository, tmp_path)
    assert code == 0 and document["status"] == "pass"
    assert sum(t["score"] for t in document["tests"]) == document["max_score"]


def test_a_repository_graded_by_folder_picks_the_file_the_student_edited(tmp_path: Path) -> None:
    """The released .py and .ipynb: whichever still holds the template is not graded, even
    when it was saved last (the bundle keeps a pristine copy to tell them apart)."""
    repository = starter(tmp_path)
    (repository / "toy.py").write_text(SOLUTION)
    os.utime(repository / "toy.ipynb")  # touched later, but unchanged
    result = CliRunner().invoke(main, ["check", str(repository)])
    assert "graded toy.py, not toy.ipynb: the other is the unchanged template" in result.output
    assert result.exit_code == 0, result.output


def test_cloned_classroom_repositories_are_graded_centrally(tmp_path: Path) -> None:
    toy = load_exercise(EXERCISES / "toy")
    root = tmp_path / "hw1-submissions"
    for login, code in (("alice", SOLUTION), ("bob-smith", BUGGY)):
        repository = root / f"hw1-{login}"
        shutil.copytree(starter(tmp_path / login), repository)
        (repository / ".git").mkdir()
        (repository / "toy.py").write_text(code)
    plan = discover(root, {"toy": toy})
    assert plan.layout == "classroom"
    assert sorted(job.student for job in plan.jobs) == ["alice", "bob-smith"]
    assert any("'hw1-'" in note for note in plan.notes)
    assert all(job.path.name == "toy.py" for job in plan.jobs)
    (root / "hw1-alice" / ".git").rmdir()  # not all checkouts: plain folders
    assert {job.student for job in discover(root, {"toy": toy}).jobs} == {
        "hw1-alice",
        "hw1-bob-smith",
    }
