"""The Gradescope autograder: the zip `grade autograder` builds, and what its
run_autograder does with an upload, in a folder laid out as Gradescope lays it out
(``source/`` from the zip, ``submission/``, ``submission_metadata.json``, ``results/``)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from support import EXERCISES
from test_deploy_formats import assert_gradescope

from grader.deploy.gradescope import student_of

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
CORRECT = SOLUTION  # markers are comments: the source runs as the solution
BASH = shutil.which("bash") or "/bin/bash"
BUGGY = SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return x + 2.0")


_made: list[Path] = []


def request_cleanup(path: Path) -> None:
    _made.append(path)


@pytest.fixture(autouse=True)
def _remove_made() -> Any:
    yield
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)


def build(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "autograder.zip"
    run = subprocess.run(
        [sys.executable, "-m", "grader", "autograder", *args, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stdout
    return out


def gradescope_root(
    tmp_path: Path, zip_path: Path, files: dict[str, str], users: Any = None
) -> Path:
    root = tmp_path / "autograder"
    shutil.rmtree(root, ignore_errors=True)
    (root / "results").mkdir(parents=True)
    (root / "submission").mkdir()
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root / "source")
    for name, text in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    users = [{"email": "ada@example.edu", "id": 4242, "name": "Ada"}] if users is None else users
    metadata = {"id": 1, "users": users, "assignment": {"title": "HW 1", "total_points": "4.0"}}
    (root / "submission_metadata.json").write_text(json.dumps(metadata))
    return root


def run_autograder(root: Path, path: str | None = None) -> tuple[int, dict[str, Any], str]:
    environment = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    if path is not None:
        environment["PATH"] = path
    run = subprocess.run(
        [BASH, str(root / "source" / "run_autograder")],
        capture_output=True,
        text=True,
        env=environment,
        cwd=root,
    )
    results = root / "results" / "results.json"
    assert results.is_file(), run.stderr
    return run.returncode, json.loads(results.read_text()), run.stdout + run.stderr


@pytest.fixture(scope="module")
def toy_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("zip"), "toy", "--exercises", str(EXERCISES))


def test_the_zip_has_what_gradescope_needs_at_its_root(toy_zip: Path) -> None:
    with zipfile.ZipFile(toy_zip) as archive:
        names = set(archive.namelist())
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in archive.infolist()}
        config = archive.read("autograder.toml").decode()
    assert {"setup.sh", "run_autograder", "requirements.txt", "autograder.toml"} <= names
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert (
        [n for n in names if n.startswith("wheels/")]
        == [n for n in names if n.startswith("wheels/numpy_grade-") and n.endswith(".whl")]
        != []
    )
    assert "course/toy/manifest.toml" in names and "course/toy/checks/hidden.py" in names
    assert 'exercises = ["toy"]' in config


@pytest.mark.slow
def test_uploads_are_graded_as_gradescope_would_run_them(toy_zip: Path, tmp_path: Path) -> None:
    """setup.sh installs the wheel from the zip; run_autograder then finds `grade` on PATH
    and grades: a correct upload, a buggy one, a notebook in a subfolder, an empty one."""
    source = tmp_path / "source"
    with zipfile.ZipFile(toy_zip) as archive:
        archive.extractall(source)
    prefix, bin_dir = tmp_path / "venv", tmp_path / "bin"
    setup = subprocess.run(
        [BASH, str(source / "setup.sh")],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GRADE_APT": "skip",
            "GRADE_PYTHON": sys.executable,
            "GRADE_PREFIX": str(prefix),
            "GRADE_BIN": str(bin_dir),
        },
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert (bin_dir / "grade").resolve() == (prefix / "bin" / "grade").resolve()
    assert "grade, version" in setup.stdout  # setup.sh ran the grade it installed
    path = f"{bin_dir}:/usr/bin:/bin"  # the installed grade, not this checkout's
    notebook = json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
            "cells": [{"cell_type": "code", "source": SOLUTION, "metadata": {},
                       "outputs": [], "execution_count": None, "id": "a1"}],
        }
    )  # fmt: skip
    uploads = {
        "correct": ({"toy.py": CORRECT}, 4.0),
        "buggy": ({"toy.py": BUGGY}, None),
        "notebook": ({"hw1/work/toy.ipynb": notebook, ".ipynb_checkpoints/toy.ipynb": "{"}, 4.0),
        "empty": ({}, 0.0),
    }
    for name, (files, expected) in uploads.items():
        root = gradescope_root(tmp_path / name, toy_zip, files)
        code, document, log = run_autograder(root, path)
        assert code == 0, log
        assert_gradescope(document)
        (result,) = document["extra_data"]["results"]
        assert result["extra_data"]["student"] == "ada@example.edu", name
        if expected is None:
            assert 0 < document["score"] < 4.0, name
        else:
            assert document["score"] == expected, (name, document["output"])
        hidden = [t for t in document["tests"] if t["visibility"] != "visible"]
        assert hidden, "the toy has hidden checks"
        for test in hidden:
            assert test["name"] not in document["output"]
    assert "no toy.py or toy.ipynb" in document["output"]  # the empty upload says why
    assert stat.S_IMODE((root / "source").stat().st_mode) == 0o700  # locked before grading


def test_a_nested_notebook_and_the_course_rule_pick_the_file(toy_zip: Path, tmp_path: Path) -> None:
    root = gradescope_root(
        tmp_path,
        toy_zip,
        {"deep/er/toy.py": BUGGY, "top/toy.py": CORRECT, "__MACOSX/toy.py": "garbage"},
    )
    code, document, log = run_autograder(root)
    assert code == 0, log
    assert document["score"] == 4.0  # the shallower file, not the deeper copy or __MACOSX
    assert "graded toy.py, not toy.py: it is the shallowest" in document["output"]


def test_an_unreadable_or_odd_upload_still_gets_a_result(toy_zip: Path, tmp_path: Path) -> None:
    root = gradescope_root(
        tmp_path, toy_zip, {"toy.py": "\udcff".encode("utf-8", "surrogateescape").decode("latin-1")}
    )
    (root / "submission" / "toy.py").write_bytes(b"\xff\xfe\x00 not utf-8")
    (root / "submission_metadata.json").write_text("{ not json")
    code, document, log = run_autograder(root)
    assert code == 0, log
    assert_gradescope(document)
    assert document["score"] == 0
    assert document["extra_data"]["results"][0]["extra_data"]["student"] == "anonymous"
    assert "UTF-8" in document["output"] or "utf-8" in document["output"].lower()


def test_a_broken_autograder_still_writes_results(toy_zip: Path, tmp_path: Path) -> None:
    root = gradescope_root(tmp_path, toy_zip, {"toy.py": CORRECT})
    (root / "source" / "autograder.toml").write_text('exercises = ["nope"]\n')
    code, document, log = run_autograder(root)
    assert code == 2, log
    assert document["score"] == 0 and document["tests"] == []
    assert "problem on the course's side" in document["output"]
    assert "nope" in document["extra_data"]["problem"] and "nope" in log
    missing = gradescope_root(tmp_path / "nograde", toy_zip, {"toy.py": CORRECT})
    code, document, _ = run_autograder(missing, path="/nonexistent")
    assert code == 1 and document["score"] == 0 and "not installed" in document["output"]


def test_group_submissions_and_missing_ids() -> None:
    def of(users: Any) -> tuple[str, str]:
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"meta-{os.getpid()}.json"
        path.write_text(json.dumps({"users": users}))
        try:
            return student_of(path)
        finally:
            path.unlink()

    assert of([{"email": "b@x", "id": 2}, {"email": "a@x", "id": 1}]) == ("a@x+b@x", "")
    assert of([{"email": "", "id": 7, "name": "N"}]) == ("7", "")
    assert of([])[0] == "anonymous" and "names no user" in of([])[1]


@pytest.mark.skipif(
    os.geteuid() != 0, reason="as root, the process sandbox runs code as a user of its own"
)
def test_the_process_sandbox_cannot_read_the_hidden_checks(tmp_path: Path) -> None:
    """Gradescope's containers may refuse namespaces: then only the process backend runs.
    The course is locked to its owner first, so student code cannot read it (the folders
    here are open to all, as /autograder is: pytest's own are not)."""
    tmp_path = Path(tempfile.mkdtemp(prefix="grade-gs-"))
    tmp_path.chmod(0o755)
    request_cleanup(tmp_path)
    zip_path = build(tmp_path, "toy", "--exercises", str(EXERCISES), "--sandbox", "process")
    hidden = tmp_path / "autograder" / "source" / "course" / "toy" / "checks" / "hidden.py"
    spy = CORRECT + (
        f"\n\ntry:\n    LEAKED = open({str(hidden)!r}).read()\nexcept OSError:\n"
        "    LEAKED = ''\n"
        "assert 'double_random' not in LEAKED, 'read the hidden checks'\n"
    )
    root = gradescope_root(tmp_path, zip_path, {"toy.py": spy})
    assert stat.S_IMODE(hidden.stat().st_mode) & 0o004  # as unzipped: readable by anyone
    code, document, log = run_autograder(root)
    assert code == 0, log
    (result,) = document["extra_data"]["results"]
    assert result["extra_data"]["sandbox"]["backend"] == "process"
    assert result["extra_data"]["status"] == "graded", result["extra_data"]["error"]
    assert document["score"] == 4.0
