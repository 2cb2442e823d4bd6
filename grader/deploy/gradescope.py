"""What runs in a Gradescope autograder for every upload (``grade gradescope``).

Gradescope's folders, under ``$AUTOGRADER_ROOT`` (default ``/autograder``)::

    source/                    the autograder zip, unpacked (see grader.deploy.autograder)
    submission/                what the student uploaded, in any folder layout
    submission_metadata.json   who submitted (users[].email, .id, .name), when, for what
    results/results.json       what this writes, always, even for an empty upload

The student id, which seeds the hidden inputs, is the submitters' e-mail addresses (else
their Gradescope ids). Each exercise's file is found in the upload by its name (``.py``
or ``.ipynb``, at any depth; hidden folders, caches and notebook checkpoints never
count), and when both kinds are there the course's rule picks one and says why. Before
any student code runs, the course's files are made unreadable to every other user, so
that even the process sandbox (Gradescope's containers may refuse namespaces), which
runs student code as a user of its own, cannot read the hidden checks.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.coursepack import load_unpacked
from grader.deploy.autograder import CONFIG, COURSE
from grader.errors import UsageError
from grader.exercise import Exercise
from grader.files import write_atomic
from grader.formats import gradescope_document, render_text
from grader.grading import GradeOptions, grade_file, unrun_result
from grader.locate import candidates, choose, files_in
from grader.result import GradeResult
from grader.sandbox.stale import grader_folder

ROOT_ENVIRONMENT = "AUTOGRADER_ROOT"
DEFAULT_ROOT = Path("/autograder")


@dataclass(frozen=True)
class Upload:
    """Gradescope's folders for one upload."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def metadata(self) -> Path:
        return self.root / "submission_metadata.json"

    @property
    def results(self) -> Path:
        return self.root / "results" / "results.json"


def student_of(metadata: Path) -> tuple[str, str]:
    """The student id from ``submission_metadata.json``, and a note when there is none."""
    try:
        users = json.loads(metadata.read_text(encoding="utf-8")).get("users") or []
    except (OSError, ValueError, AttributeError) as exc:
        return "anonymous", f"no student id: {metadata.name} is unreadable ({exc})"
    ids = []
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict):
            found = next((str(user[k]) for k in ("email", "id", "name") if user.get(k)), "")
            ids.append(found.strip())
    ids = sorted(i for i in ids if i)
    if not ids:
        return "anonymous", f"no student id: {metadata.name} names no user"
    return "+".join(ids), ""


def lock_down(folder: Path) -> None:
    """Make ``folder`` readable by its owner only (the grader), recursively."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(mode & 0o700)


def grade_upload(root: Path) -> tuple[dict[str, Any], list[GradeResult]]:
    """Grade the upload under ``root``; write and return its Gradescope document."""
    upload = Upload(root)
    config = tomllib.loads((upload.source / CONFIG).read_text(encoding="utf-8"))
    student, problem = student_of(upload.metadata)
    lock_down(upload.source)
    exercises = load_unpacked(upload.source / COURSE, config["exercises"])
    sandbox = str(config.get("sandbox", "auto"))
    results = [
        _grade_one(exercise, upload.submission, student, sandbox) for exercise in exercises.values()
    ]
    document = gradescope_document(results)
    if problem:
        document["extra_data"]["problem"] = problem
    write_atomic(upload.results, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return document, results


def _grade_one(exercise: Exercise, folder: Path, student: str, sandbox: str) -> GradeResult:
    found = candidates(folder, exercise) if folder.is_dir() else []
    if not found:
        return _missing(exercise, folder, student, sandbox)
    prefer = exercise.course.prefer if exercise.course is not None else "newest"
    choice = choose(found, exercise, prefer)
    notes = (choice.reason,) if choice.reason else ()
    return grade_file(exercise, choice.path, GradeOptions(student, sandbox, notes=notes))


def _missing(exercise: Exercise, folder: Path, student: str, sandbox: str) -> GradeResult:
    stem = Path(exercise.student_file).stem
    there = [p.relative_to(folder).as_posix() for p in files_in(folder)] if folder.is_dir() else []
    seen = f" (it holds: {', '.join(there[:10])})" if there else " (it is empty)"
    error = f"Your upload has no {stem}.py or {stem}.ipynb to grade{seen}."
    return unrun_result(
        exercise,
        student,
        folder / exercise.student_file,
        exercise.checks(),
        status="load-error",
        error=error,
        kind="load",
        sandbox={"backend": sandbox},
    )


def failure_document(error: str) -> dict[str, Any]:
    """What the student sees when the autograder itself failed (not their code)."""
    return {
        "score": 0.0,
        "output": "The autograder could not grade this upload because of a problem on "
        "the course's side, not in your code. Your instructor can see what went wrong; "
        "please tell them.",
        "output_format": "text",
        "stdout_visibility": "hidden",
        "tests": [],
        "extra_data": {"problem": error},
    }


def write_failure(root: Path, error: str) -> None:
    document = failure_document(error)
    write_atomic(Upload(root).results, json.dumps(document, indent=2) + "\n")


def instructors_log(results: Sequence[GradeResult]) -> str:
    """Everything, for the stdout that only instructors see."""
    return "\n".join(render_text(result) for result in results)


def try_zip(zip_path: Path, upload: Path, student: str) -> tuple[dict[str, Any], list[GradeResult]]:
    """Grade ``upload`` (a file or a folder) with an autograder zip as Gradescope would,
    in a temporary folder laid out as Gradescope's, removed afterwards."""
    if not upload.exists():
        raise UsageError(f"--upload {upload}: no such file or folder")
    root = grader_folder("gradescope")
    try:
        try:
            with zipfile.ZipFile(zip_path) as archive:
                for name in archive.namelist():
                    if name.startswith("/") or ".." in Path(name).parts:
                        raise UsageError(f"{zip_path}: unsafe entry {name!r}")
                archive.extractall(root / "source")
        except (OSError, zipfile.BadZipFile) as exc:
            raise UsageError(f"--zip {zip_path}: not a readable zip ({exc})") from None
        submission = root / "submission"
        if upload.is_dir():
            shutil.copytree(upload, submission)
        else:
            submission.mkdir()
            shutil.copy2(upload, submission / upload.name)
        metadata = {"id": 0, "users": [{"email": student, "id": 0, "name": student}]}
        (root / "submission_metadata.json").write_text(json.dumps(metadata))
        return grade_upload(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def default_root() -> Path:
    return Path(os.environ.get(ROOT_ENVIRONMENT) or DEFAULT_ROOT)
