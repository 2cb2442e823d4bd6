"""`grade release`: student bundles that validate, run `grade check`, and leak nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from support import demo_course, demo_exercise

from grader.cli import main
from grader.errors import ExerciseError
from grader.exercise import find_exercises, load_exercise
from grader.release import find_leaks, make_bundle, release
from grader.template import split_cells

BUNDLED = sorted(find_exercises(demo_course()))


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release")
    result = CliRunner().invoke(main, ["release", *BUNDLED, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("exercise_id", BUNDLED)
def test_bundle_contains_no_secret(bundles: Path, exercise_id: str) -> None:
    exercise = demo_exercise(exercise_id)
    text = "\n".join(p.read_text() for p in (bundles / exercise_id).rglob("*") if p.is_file())
    if exercise.source.count("# BEGIN PROMPT") == 0:
        # every solution region became a stub
        assert "NotImplementedError" in text
    for hidden in exercise.hidden_checks:
        assert not (bundles / exercise_id / hidden).exists()
        for line in (exercise.root / hidden).read_text().splitlines():
            if "def " in line and "(" in line and not line.startswith("#"):
                assert line.strip() not in text, f"hidden check leaked: {line}"
    assert not list((bundles / exercise_id).rglob("bugs"))
    assert find_leaks(make_bundle(exercise)) == []


@pytest.mark.parametrize("exercise_id", BUNDLED)
def test_bundle_notebook_validates_and_runs_checks_last(bundles: Path, exercise_id: str) -> None:
    exercise = demo_exercise(exercise_id)
    stem = Path(exercise.student_file).stem
    notebook = nbformat.read(bundles / exercise_id / f"{stem}.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells[0].cell_type == "markdown"
    last = notebook.cells[-1]
    assert last.cell_type == "code" and last.source == f"!grade check {stem}.ipynb"
    assert "skip-grading" in last.metadata["tags"]


@pytest.mark.slow
def test_grade_check_runs_in_a_bundle(bundles: Path) -> None:
    folder = bundles / "activations"
    done = subprocess.run(
        [sys.executable, "-m", "grader", "check", "activations.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the template fails its public checks
    assert "Only the public checks ran here" in done.stdout
    assert "NotImplementedError" in done.stdout
    solution = demo_exercise("activations").solution()
    (folder / "activations.py").write_text(solution)
    done = subprocess.run(
        [sys.executable, "-m", "grader", "check", "activations.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_release_refuses_a_leaking_bundle(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "activations"
    shutil.copytree(find_exercises(demo_course())["activations"], copy)
    hidden = (copy / "checks" / "hidden.py").read_text()
    secret = next(line for line in hidden.splitlines() if line.startswith("def "))
    with (copy / "instructions.md").open("a") as handle:
        handle.write(f"\n    {secret}\n")
    with pytest.raises(ExerciseError, match="would reveal"):
        release(load_exercise(copy), tmp_path / "out")
    assert not (tmp_path / "out" / "activations").exists()


def test_split_cells() -> None:
    assert split_cells("import x\n# %%\ndef f():\n    pass\n# %% more\n\n") == [
        "import x",
        "def f():\n    pass",
    ]


def test_bundle_manifest_has_public_checks_only(bundles: Path) -> None:
    exercise = load_exercise(bundles / "activations")
    assert not exercise.has_hidden
    assert exercise.points == sum(c.points for c in exercise.checks())
    assert json.dumps(exercise.public_checks) == json.dumps(["checks/public.py"])


def test_release_never_deletes_a_folder_it_did_not_make(tmp_path: Path) -> None:
    """--out pointed at a folder holding a student's own work must not wipe it."""
    from grader.errors import UsageError

    exercise = demo_exercise("activations")
    mine = tmp_path / "activations"
    mine.mkdir()
    (mine / "activations.py").write_text("# my own work\n")
    with pytest.raises(UsageError, match="not a bundle"):
        release(exercise, tmp_path)
    assert (mine / "activations.py").read_text() == "# my own work\n"
    release(exercise, tmp_path / "out")
    release(exercise, tmp_path / "out")  # a bundle of its own it replaces
    assert (tmp_path / "out" / "activations" / "manifest.toml").is_file()
