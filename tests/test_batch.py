"""`grade batch`: finding submissions in three layouts, grading in parallel, resuming."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import EXERCISES, REPO, leftovers, read_document

from grader import batch
from grader.batch import (
    BatchOptions,
    Job,
    Outcome,
    discover,
    result_path,
    run_batch,
    worker,
)
from grader.cli import main
from grader.errors import UsageError
from grader.exercise import Exercise, load_exercise
from grader.files import safe_id

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
ADDS_TWO = SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return x + 2.0")
SLOW = "import time\ntime.sleep(1)\n" + SOLUTION


def write_class(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture
def two_exercises(tmp_path: Path, toy: Exercise) -> dict[str, Exercise]:
    """The toy exercise, and a copy of it whose student file is ``other.py``."""
    other = tmp_path / "exercises" / "other"
    other.mkdir(parents=True)
    for path in (EXERCISES / "toy").rglob("*"):
        if path.is_file():
            target = other / path.relative_to(EXERCISES / "toy")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    manifest = (other / "manifest.toml").read_text()
    manifest = manifest.replace('id = "toy"', 'id = "other"').replace("toy.py", "other.py")
    (other / "manifest.toml").write_text(manifest)
    return {"toy": toy, "other": load_exercise(other)}


# -- student ids ------------------------------------------------------------------------
def test_plain_ids_are_kept_and_others_made_safe_and_distinct() -> None:
    assert safe_id("alice") == "alice"
    assert safe_id("s1234567") == "s1234567"
    unsafe = ["../etc/passwd", "a b", "a_b-x", "José Núñez", "", ".hidden", "a/b", "a\\b"]
    names = [safe_id(s) for s in unsafe]
    assert len(set(names)) == len(names)
    for name in names:
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
        assert name.isascii()
    assert safe_id("José Núñez").startswith("Jose_Nunez-")


# -- layouts ----------------------------------------------------------------------------
def test_folder_of_files_needs_an_exercise_when_several_exist(
    tmp_path: Path, two_exercises: dict[str, Exercise]
) -> None:
    root = write_class(tmp_path / "subs", {"alice.py": SOLUTION, "bob.ipynb": "{}", "x.txt": ""})
    with pytest.raises(UsageError, match="--exercise"):
        discover(root, two_exercises)
    plan = discover(root, two_exercises, "toy")
    assert plan.layout == "files"
    assert {(j.student, j.exercise_id, j.path.name) for j in plan.jobs} == {
        ("alice", "toy", "alice.py"),
        ("bob", "toy", "bob.ipynb"),
    }
    assert any("x.txt" in note for note in plan.notes)


def test_an_empty_folder_says_so(tmp_path: Path, toy: Exercise) -> None:
    (tmp_path / "subs").mkdir()
    with pytest.raises(UsageError, match="no submissions"):
        discover(tmp_path / "subs", {"toy": toy})


def test_folder_of_files_with_a_single_exercise(tmp_path: Path, toy: Exercise) -> None:
    root = write_class(tmp_path / "subs", {"alice.py": SOLUTION, "alice.ipynb": "{}"})
    plan = discover(root, {"toy": toy})
    assert [(j.student, j.path.name) for j in plan.jobs] == [("alice", "alice.py")]
    assert any("not alice.ipynb" in note for note in plan.notes)


def test_folder_of_folders_infers_the_exercise_from_the_file_name(
    tmp_path: Path, two_exercises: dict[str, Exercise]
) -> None:
    root = write_class(
        tmp_path / "subs",
        {
            "alice/toy.py": SOLUTION,
            "alice/other.ipynb": "{}",
            "bob/work/TOY.py": SOLUTION,  # nested, other case
            "bob/.ipynb_checkpoints/toy-checkpoint.ipynb": "{}",
            "carol/notes.py": "",
            "dave/README.md": "",
            "stray.py": "",
        },
    )
    plan = discover(root, two_exercises)
    assert plan.layout == "folders"
    assert {(j.student, j.exercise_id, j.path.name) for j in plan.jobs} == {
        ("alice", "toy", "toy.py"),
        ("alice", "other", "other.ipynb"),
        ("bob", "toy", "TOY.py"),
    }
    notes = "\n".join(plan.notes)
    assert "carol/notes.py: ignored" in notes
    assert "dave: no .py or .ipynb file" in notes
    assert "stray.py: ignored" in notes
    assert "checkpoint" not in notes
    # With --exercise, a folder's only file counts whatever its name.
    named = discover(root, two_exercises, "toy")
    assert ("carol", "notes.py") in {(j.student, j.path.name) for j in named.jobs}


METADATA = """\
submission_101:
  :submitters:
  - :name: Alice Liddell
    :sid: '2024001'
    :email: alice@example.edu
  :created_at: 2024-09-30 17:02:11.183621000 -07:00
  :score: 4.0
  :results: !ruby/hash:ActiveSupport::HashWithIndifferentAccess
    tests: []
submission_102:
  :submitters:
  - :name: Bob "B" O'Neil
    :sid: 2024002
  - :name: Carol Group
    :sid: ''
    :email: carol@example.edu
  :created_at: 2024-09-30 18:00:00.000000000 -07:00
"""


@pytest.mark.parametrize("with_pyyaml", [True, False])
def test_gradescope_export_takes_ids_from_the_metadata(
    tmp_path: Path, toy: Exercise, monkeypatch: pytest.MonkeyPatch, with_pyyaml: bool
) -> None:
    if with_pyyaml:
        pytest.importorskip("yaml")
    else:  # the built-in reader of the subset Gradescope writes
        real = importlib.import_module

        def no_yaml(name: str) -> object:
            if name == "yaml":
                raise ImportError(name)
            return real(name)

        monkeypatch.setattr(importlib, "import_module", no_yaml)
    export = write_class(
        tmp_path / "assignment_1_export",
        {
            "submission_metadata.yml": METADATA,
            "submission_101/toy.py": SOLUTION,
            "submission_102/toy.py": SOLUTION,
            "submission_103/toy.py": SOLUTION,
        },
    )
    assert batch.read_gradescope_metadata(export / "submission_metadata.yml") == {
        "submission_101": ("2024001",),
        "submission_102": ("2024002", "carol@example.edu"),
    }
    plan = discover(tmp_path, {"toy": toy})  # the folder that holds the unzipped export
    assert plan.layout == "gradescope"
    assert sorted((j.student, j.path.parent.name) for j in plan.jobs) == [
        ("2024001", "submission_101"),
        ("2024002", "submission_102"),
        ("carol@example.edu", "submission_102"),
        ("submission_103", "submission_103"),
    ]
    assert any("submission_103: not in" in note for note in plan.notes)


def test_a_student_with_two_submissions_is_graded_once(tmp_path: Path, toy: Exercise) -> None:
    export = write_class(
        tmp_path / "export",
        {
            "submission_metadata.yml": "submission_1:\n  :submitters:\n  - :sid: '7'\n"
            "submission_2:\n  :submitters:\n  - :sid: '7'\n",
            "submission_1/toy.py": SOLUTION,
            "submission_2/toy.py": SOLUTION,
        },
    )
    plan = discover(export, {"toy": toy})
    assert [(j.student, j.path.parent.name) for j in plan.jobs] == [("7", "submission_1")]
    assert any("7 already has" in note for note in plan.notes)


# -- grading ----------------------------------------------------------------------------
def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_batch_grades_a_class_in_parallel_and_resumes(tmp_path: Path) -> None:
    root = write_class(
        tmp_path / "subs",
        {
            "alice.py": SOLUTION,
            "bob.py": ADDS_TWO,
            "carol.py": "def double(x) return",
            "dave.py": "",
            "erin.ipynb": "not a notebook",
        },
    )
    results = tmp_path / "results"
    args = ["batch", str(root), "--out", str(results), "--exercises", str(EXERCISES)]
    code, output = run_cli(*args, "--jobs", "2")
    assert code == 0, output
    paths = {p.stem: p for p in (results / "toy").glob("*.json")}
    assert sorted(paths) == ["alice", "bob", "carol", "dave", "erin"]
    documents = {name: read_document(path) for name, path in paths.items()}
    assert documents["alice"]["score"] == documents["alice"]["max_score"] == 4
    assert 0 < documents["bob"]["score"] < 4
    assert documents["carol"]["extra_data"]["status"] == "load-error"
    assert documents["erin"]["extra_data"]["status"] == "load-error"
    assert all(d["extra_data"]["student"] == name for name, d in documents.items())
    assert "toy" in output and "graded 5" in output

    before = {name: path.stat().st_mtime_ns for name, path in paths.items()}
    code, output = run_cli(*args)
    assert code == 0, output
    assert "graded 0" in output and "5 already done" in output
    assert {name: path.stat().st_mtime_ns for name, path in paths.items()} == before

    paths["bob"].write_text('{"score": 1}')  # an invalid result is graded again
    code, output = run_cli(*args)
    assert "graded 1" in output
    assert read_document(paths["bob"])["extra_data"]["student"] == "bob"
    code, output = run_cli(*args, "--force", "--jobs", "1")
    assert "graded 5" in output


def _dying_grade_job(job: Job, exercise: Exercise, options: BatchOptions) -> str:
    if job.student == "zed":
        os._exit(9)  # the worker process dies, as if killed by the OOM killer
    return ORIGINAL_GRADE_JOB(job, exercise, options)


ORIGINAL_GRADE_JOB = worker.grade_job


def test_a_worker_that_dies_is_recorded_as_an_error_and_the_batch_goes_on(
    tmp_path: Path, toy: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "grade_job", _dying_grade_job)
    root = write_class(
        tmp_path / "subs", {f"{name}.py": SOLUTION for name in ("amy", "ben", "zed", "cat")}
    )
    plan = discover(root, {"toy": toy})
    summary = run_batch(plan, {"toy": toy}, tmp_path / "results", BatchOptions(jobs=2))
    assert not summary.interrupted
    statuses = {o.student: o.result.status for o in summary.outcomes}
    assert statuses == {"amy": "graded", "ben": "graded", "cat": "graded", "zed": "error"}
    zed = read_document(result_path(tmp_path / "results", "toy", "zed"))
    assert "worker process died" in zed["extra_data"]["error"]
    assert zed["score"] == 0 and zed["max_score"] == 4


def test_a_result_the_grader_failed_on_is_graded_again_without_force(
    tmp_path: Path, toy: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "grade_job", _dying_grade_job)
    root = write_class(tmp_path / "subs", {f"{name}.py": SOLUTION for name in ("amy", "zed")})
    results = tmp_path / "results"
    run_batch(discover(root, {"toy": toy}), {"toy": toy}, results, BatchOptions(jobs=1))
    monkeypatch.setattr(worker, "grade_job", ORIGINAL_GRADE_JOB)
    again = run_batch(discover(root, {"toy": toy}), {"toy": toy}, results, BatchOptions(jobs=1))
    assert again.regraded == 1 and again.graded == 1  # zed again; amy's result was fine
    assert {o.student: o.result.status for o in again.outcomes} == {
        "amy": "graded",
        "zed": "graded",
    }
    from grader.batch.summary import totals

    assert "of which 1 graded again after a grader error" in totals(again, results)


def test_checks_that_crash_in_the_grader_are_shown_and_exit_1(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(EXERCISES / "toy", course / "toy")
    hidden = course / "toy" / "checks" / "hidden.py"
    hidden.write_text(
        hidden.read_text()
        + '\n\n@check("a broken check", points=1)\ndef broken(submission):\n'
        + "    raise KeyError('a slip in the check')\n"
    )
    manifest = course / "toy" / "manifest.toml"
    manifest.write_text(manifest.read_text().replace("points = 4", "points = 5"))
    root = write_class(tmp_path / "subs", {"ann.py": SOLUTION, "ben.py": SOLUTION})
    results = tmp_path / "results"
    code, output = run_cli("batch", str(root), "--out", str(results), "--exercises", str(course))
    assert code == 1, output
    assert "CHECKER ERRORS" in output and "'a broken check' in 2 submissions" in output
    from grader.report import build_report

    written = build_report(results, tmp_path / "report")
    assert written.checker_errors == 2
    page = (tmp_path / "report" / "index.html").read_text()
    assert "Checker errors: these grades are not trustworthy" in page
    assert "a slip in the check" in page


def test_a_second_batch_on_the_same_results_is_refused(tmp_path: Path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"f = open({str(results / batch.LOCK)!r}, 'a+')\n"
            "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        root = write_class(tmp_path / "subs", {"alice.py": SOLUTION})
        code, output = run_cli(
            "batch", str(root), "--out", str(results), "--exercises", str(EXERCISES)
        )
        assert code == 2
        assert "another `grade batch` is writing" in output
    finally:
        holder.kill()
        holder.wait()


# -- killed and interrupted batches, as real processes ----------------------------------
def _start_batch(root: Path, results: Path, scratch: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "grader", "batch", str(root), "--out", str(results)]
    command += ["--exercises", str(EXERCISES), "--jobs", "2"]
    return subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_results(results: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while len(list(results.glob("toy/*.json"))) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch produced no results"
        time.sleep(0.05)


def _slow_class(root: Path, n: int) -> Path:
    return write_class(root, {f"s{i:02d}.py": SLOW for i in range(n)})


@pytest.mark.slow
def test_a_killed_batch_resumes_without_grading_anything_twice(
    tmp_path: Path, scratch_root: Path
) -> None:
    root = _slow_class(tmp_path / "subs", 8)
    results = tmp_path / "results"
    first = _start_batch(root, results, scratch_root)
    _wait_for_results(results, 2, first)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert not leftovers(scratch_root), "workers or student processes outlived the batch"
    before = {p.name: p.stat().st_mtime_ns for p in results.glob("toy/*.json")}
    assert 2 <= len(before) < 8
    for name in before:
        read_document(results / "toy" / name)  # every file there is complete and valid

    second = _start_batch(root, results, scratch_root)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert f"graded {8 - len(before)} " in err and f"{len(before)} already done" in err
    after = {p.name: p.stat().st_mtime_ns for p in results.glob("toy/*.json")}
    assert sorted(after) == [f"s{i:02d}.json" for i in range(8)]
    assert {name: after[name] for name in before} == before  # not graded again
    for name in after:
        assert read_document(results / "toy" / name)["score"] == 4
    assert [p.name for p in results.rglob("*") if p.suffix == ".tmp"] == []


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_keeps_finished_results(
    tmp_path: Path, scratch_root: Path
) -> None:
    root = _slow_class(tmp_path / "subs", 8)
    results = tmp_path / "results"
    process = _start_batch(root, results, scratch_root)
    _wait_for_results(results, 1, process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert "interrupted" in out
    assert "Traceback" not in err
    kept = list(results.glob("toy/*.json"))
    assert 1 <= len(kept) < 8
    for path in kept:
        assert json.loads(path.read_text())["extra_data"]["student"] == path.stem
    assert [p for p in results.rglob("*.tmp")] == []


def test_every_class_command_documents_an_example() -> None:
    for command in ("batch", "report", "demo"):
        code, output = run_cli(command, "--help")
        assert code == 0
        assert "Example" in output, command
    _, output = run_cli("batch", "--help")
    for layout in ("alice.py", "alice/forward.py", "submission_metadata.yml"):
        assert layout in output


def test_ctrl_c_during_a_write_leaves_no_temporary_file(tmp_path: Path, toy: Exercise) -> None:
    """Ctrl-C can land between ``write_atomic`` creating its temporary file and replacing
    the result with it; the batch removes what that left before it returns."""
    root = write_class(tmp_path / "subs", {f"{name}.py": SOLUTION for name in ("amy", "ben")})
    results = tmp_path / "results"

    def interrupted_mid_write(outcome: Outcome) -> None:
        (outcome.path.parent / f".{outcome.path.name}.x1y2z3.tmp").write_text("{")
        raise KeyboardInterrupt

    plan = discover(root, {"toy": toy})
    summary = run_batch(plan, {"toy": toy}, results, BatchOptions(jobs=1), interrupted_mid_write)
    assert summary.interrupted
    assert list(results.rglob("*.tmp")) == []
    assert len(list(results.glob("toy/*.json"))) == 1  # the finished result is kept
