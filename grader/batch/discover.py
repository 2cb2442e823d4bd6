"""Finding the submissions of a class in one of three folder layouts."""

from __future__ import annotations

from pathlib import Path

from grader.batch.gradescope import METADATA, read_gradescope_metadata
from grader.batch.jobs import Job, Plan
from grader.errors import ExerciseError, UsageError
from grader.exercise import Exercise, find_exercises, load_exercise

SUFFIXES = (".py", ".ipynb")
_SKIP_DIRS = frozenset({"__pycache__", ".ipynb_checkpoints", "__MACOSX"})


def load_exercises(
    directory: Path | None, only: str | None = None
) -> tuple[dict[str, Exercise], tuple[str, ...]]:
    """Exercise id -> exercise; one that fails to load is skipped with a note."""
    found = find_exercises(directory)
    if only is not None:
        if only not in found:
            available = ", ".join(found) or "none"
            raise UsageError(f"unknown exercise {only!r}; available: {available}")
        exercise = load_exercise(found[only])
        return {exercise.id: exercise}, ()
    loaded: dict[str, Exercise] = {}
    notes: list[str] = []
    for name, root in found.items():
        try:
            exercise = load_exercise(root)
        except ExerciseError as error:
            notes.append(f"exercise {name} skipped: {error}")
            continue
        loaded[exercise.id] = exercise
    if not loaded:
        raise UsageError(f"no exercise could be loaded from {directory or 'the bundled ones'}")
    return loaded, tuple(notes)


def discover(root: Path, exercises: dict[str, Exercise], exercise_id: str | None = None) -> Plan:
    """The submissions under ``root``, in one of three layouts (checked in this order).

    - a Gradescope export: ``submission_metadata.yml`` next to ``submission_<n>/`` folders;
      student ids come from its ``:submitters:`` (``:sid:``, else e-mail, else name);
    - a folder of folders: ``alice/forward.py``; the exercise is the one whose student
      file has that name (with ``exercise_id``, a folder's only .py/.ipynb also counts);
    - a folder of files named per student: ``alice.py``, ``bob.ipynb``; needs
      ``exercise_id`` unless a single exercise is available.
    """
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder of submissions")
    if exercise_id is not None and exercise_id not in exercises:
        raise UsageError(f"unknown exercise {exercise_id!r}; available: {', '.join(exercises)}")
    wanted = {exercise_id: exercises[exercise_id]} if exercise_id else exercises
    folders = [p for p in sorted(root.iterdir()) if p.is_dir() and not _ignored(p)]
    if len(folders) == 1 and not (root / METADATA).is_file() and (folders[0] / METADATA).is_file():
        return discover(folders[0], exercises, exercise_id)  # the folder of an unzipped export
    notes: list[str] = []
    jobs: list[Job] = []
    if (root / METADATA).is_file():
        submitters = read_gradescope_metadata(root / METADATA)
        for folder in folders:
            ids = submitters.get(folder.name)
            if not ids:
                notes.append(f"{folder.name}: not in {METADATA}; graded as {folder.name!r}")
            for student in ids or (folder.name,):
                jobs += _match_folder(student, folder, wanted, exercise_id is not None, notes)
        return _plan("gradescope", jobs, notes)
    if folders:
        for path in sorted(p for p in root.iterdir() if p.is_file() and not _ignored(p)):
            notes.append(f"{path.name}: ignored (a file among student folders)")
        for folder in folders:
            jobs += _match_folder(folder.name, folder, wanted, exercise_id is not None, notes)
        return _plan("folders", jobs, notes)
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
        jobs.append(Job(student, only, _pick(paths, student, notes)))
    return _plan("files", jobs, notes)


def _plan(layout: str, jobs: list[Job], notes: list[str]) -> Plan:
    """The plan, with one job per (student, exercise): a later duplicate is left out."""
    kept: dict[tuple[str, str], Job] = {}
    for job in jobs:
        first = kept.setdefault((job.student, job.exercise_id), job)
        if first is not job:
            notes.append(f"{job.path}: not graded, {job.student} already has {first.path}")
    return Plan(layout, tuple(kept.values()), tuple(notes))


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name in _SKIP_DIRS


def _files_in(folder: Path) -> list[Path]:
    """A submission folder's .py and .ipynb files, at any depth."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if (
            path.is_file()
            and path.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") or part in _SKIP_DIRS for part in parts)
        ):
            found.append(path)
    return sorted(found)


def _match_folder(
    student: str, folder: Path, wanted: dict[str, Exercise], named: bool, notes: list[str]
) -> list[Job]:
    files = _files_in(folder)
    jobs, used = [], set()
    for exercise in wanted.values():
        stem = Path(exercise.student_file).stem.lower()
        matching = [p for p in files if p.stem.lower() == stem]
        if not matching and named and len(files) == 1:
            matching = files
        if matching:
            chosen = _pick(matching, f"{folder.name} ({exercise.id})", notes)
            jobs.append(Job(student, exercise.id, chosen))
            used.update(matching)
        elif named:
            notes.append(f"{folder.name}: no {exercise.student_file} (or .ipynb) to grade")
    for path in files:
        if path not in used:
            notes.append(f"{path.relative_to(folder.parent)}: ignored (not named for an exercise)")
    if not files:
        notes.append(f"{folder.name}: no .py or .ipynb file")
    return jobs


def _pick(paths: list[Path], who: str, notes: list[str]) -> Path:
    """The preferred of several candidate files (shallowest, .py before .ipynb); note the rest."""
    paths = sorted(paths, key=lambda p: (len(p.parts), p.suffix.lower() != ".py", str(p)))
    if len(paths) > 1:
        others = ", ".join(p.name for p in paths[1:])
        notes.append(f"{who}: graded {paths[0].name}, not {others}")
    return paths[0]
