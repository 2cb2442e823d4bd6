"""Finding the submissions of a class in one of three folder layouts."""

from __future__ import annotations

import os
from pathlib import Path

from grader.batch.gradescope import METADATA, read_gradescope_metadata
from grader.batch.jobs import Job, Plan
from grader.course import Course, Prefer
from grader.errors import UsageError
from grader.exercise import Exercise, find_exercises, load_exercise
from grader.locate import SUFFIXES, candidates, choose, files_in, ignored


def load_exercises(course: Course, only: str | None = None) -> dict[str, Exercise]:
    """Exercise id -> exercise, each imported in full (checks, reference, known bugs):
    an exercise that does not load is a configuration error, before anyone is graded."""
    found = find_exercises(course)
    if only is not None:
        if only not in found:
            available = ", ".join(found) or "none"
            raise UsageError(f"unknown exercise {only!r}; available: {available}")
        found = {only: found[only]}
    loaded: dict[str, Exercise] = {}
    for root in found.values():
        exercise = load_exercise(root, course)
        exercise.preflight()
        loaded[exercise.id] = exercise
    if not loaded:
        raise UsageError(f"no exercise in {course.exercises_dir}")
    return loaded


def discover(
    root: Path,
    exercises: dict[str, Exercise],
    exercise_id: str | None = None,
    prefer: Prefer | None = None,
) -> Plan:
    """The submissions under ``root``, in one of three layouts (checked in this order).

    - a Gradescope export: ``submission_metadata.yml`` next to ``submission_<n>/`` folders;
      student ids come from its ``:submitters:`` (``:sid:``, else e-mail, else name);
    - a folder of folders: ``alice/forward.py``; the exercise is the one whose student
      file has that name (with ``exercise_id``, a folder's only .py/.ipynb also counts);
      cloned GitHub Classroom repositories are such folders (``classroom_prefix``);
    - a folder of files named per student: ``alice.py``, ``bob.ipynb``; needs
      ``exercise_id`` unless a single exercise is available.

    When a student has both the .py and the .ipynb of an exercise, ``grader.locate``
    chooses (``prefer``, else the course's rule), and the job says why.
    """
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder of submissions")
    if exercise_id is not None and exercise_id not in exercises:
        raise UsageError(f"unknown exercise {exercise_id!r}; available: {', '.join(exercises)}")
    wanted = {exercise_id: exercises[exercise_id]} if exercise_id else exercises
    named = exercise_id is not None  # then a folder's only .py/.ipynb is for that exercise
    folders = [p for p in sorted(root.iterdir()) if p.is_dir() and not _ignored(p)]
    if len(folders) == 1 and not (root / METADATA).is_file() and (folders[0] / METADATA).is_file():
        return discover(folders[0], exercises, exercise_id, prefer)  # an unzipped export
    notes: list[str] = []
    jobs: list[Job] = []
    if (root / METADATA).is_file():
        submitters = read_gradescope_metadata(root / METADATA)
        for folder in folders:
            ids = submitters.get(folder.name)
            if not ids:
                notes.append(f"{folder.name}: not in {METADATA}; graded as {folder.name!r}")
            for student in ids or (folder.name,):
                jobs += _match_folder(student, folder, wanted, named, notes, prefer)
        return _plan("gradescope", jobs, notes)
    if folders:
        return _folders(root, folders, wanted, named, prefer)
    if not any(p.is_file() and not _ignored(p) for p in root.iterdir()):
        raise UsageError(f"{root} holds no submissions (no files, no student folders)")
    if len(wanted) != 1:
        raise UsageError(
            f"{root} holds files named per student: say which exercise they are for "
            f"with --exercise (one of: {', '.join(wanted)})"
        )
    (only,) = wanted
    by_student: dict[str, list[Path]] = {}
    for path in sorted(p for p in root.iterdir() if p.is_file() and not _ignored(p)):
        if path.suffix.lower() in SUFFIXES:
            by_student.setdefault(path.stem, []).append(path)
        else:
            notes.append(f"{path.name}: ignored (not a .py or .ipynb file)")
    for student, paths in by_student.items():
        exercise = wanted[only]
        choice = choose(paths, exercise, prefer or _prefer(exercise))
        jobs.append(Job(student, only, choice.path, choice.reason))
    return _plan("files", jobs, notes)


def _folders(
    root: Path,
    folders: list[Path],
    wanted: dict[str, Exercise],
    named: bool,
    prefer: Prefer | None,
) -> Plan:
    """A folder per student (or a cloned GitHub Classroom repository per student)."""
    notes, jobs = [], []
    for path in sorted(p for p in root.iterdir() if p.is_file() and not _ignored(p)):
        notes.append(f"{path.name}: ignored (a file among student folders)")
    prefix = classroom_prefix(folders)
    if prefix:
        notes.append(
            "GitHub Classroom repositories: student ids are the folder names without "
            f"the assignment's prefix {prefix!r}"
        )
    for folder in folders:
        student = folder.name.removeprefix(prefix)
        jobs += _match_folder(student, folder, wanted, named, notes, prefer)
    return _plan("classroom" if prefix else "folders", jobs, notes)


def classroom_prefix(folders: list[Path]) -> str:
    """The assignment prefix of cloned GitHub Classroom repositories (``hw1-alice``,
    ``hw1-bob``: ``hw1-``), or "" when these are not such: every folder a git checkout,
    at least two, all named with one prefix that ends in a dash."""
    if len(folders) < 2 or not all((f / ".git").exists() for f in folders):
        return ""
    common = os.path.commonprefix([f.name for f in folders])  # noqa: RUF071 - names, not paths
    prefix = common[: common.rfind("-") + 1]
    return prefix if all(len(f.name) > len(prefix) for f in folders) else ""


def _plan(layout: str, jobs: list[Job], notes: list[str]) -> Plan:
    """The plan, with one job per (student, exercise): a later duplicate is left out."""
    kept: dict[tuple[str, str], Job] = {}
    for job in jobs:
        first = kept.setdefault((job.student, job.exercise_id), job)
        if first is not job:
            notes.append(f"{job.path}: not graded, {job.student} already has {first.path}")
        elif job.note:
            notes.append(f"{job.student} ({job.exercise_id}): {job.note}")
    return Plan(layout, tuple(kept.values()), tuple(notes))


def _ignored(path: Path) -> bool:
    return ignored(path.name)


def _prefer(exercise: Exercise) -> Prefer:
    return exercise.course.prefer if exercise.course is not None else "newest"


def _match_folder(
    student: str,
    folder: Path,
    wanted: dict[str, Exercise],
    named: bool,
    notes: list[str],
    prefer: Prefer | None,
) -> list[Job]:
    files = files_in(folder)
    jobs, used = [], set()
    for exercise in wanted.values():
        matching = candidates(folder, exercise)
        if not matching and named and len(files) == 1:
            matching = files
        if matching:
            choice = choose(matching, exercise, prefer or _prefer(exercise))
            jobs.append(Job(student, exercise.id, choice.path, choice.reason))
            used.update(matching)
        elif named:
            notes.append(f"{folder.name}: no {exercise.student_file} (or .ipynb) to grade")
    for path in files:
        if path not in used:
            notes.append(f"{path.relative_to(folder.parent)}: ignored (not named for an exercise)")
    if not files:
        notes.append(f"{folder.name}: no .py or .ipynb file")
    return jobs
