"""Which file of a student's to grade, when a folder holds several for one exercise.

A student who gets both ``forward.py`` and ``forward.ipynb`` works in one of them. The
one to grade is the one they changed: when exactly one of them still holds the released
template, the other; otherwise the one changed last (by modification time). A course
(``prefer = "py"`` or ``"ipynb"``) or ``--prefer`` can fix the kind instead. Every choice
comes with the reason, which the result and the batch's notes repeat.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.course import Course, Prefer
from grader.errors import UsageError
from grader.exercise import Exercise, find_exercises, in_bundle, load_exercise, resolve_exercise
from grader.template import split_cells

SUFFIXES = (".py", ".ipynb")
_SAME_TIME = 1.0  # seconds: modification times closer than this tell nothing
_SKIP_DIRS = frozenset({"__pycache__", ".ipynb_checkpoints", "__MACOSX"})


@dataclass(frozen=True)
class Choice:
    """The file to grade and why (empty when there was nothing to choose from)."""

    path: Path
    reason: str = ""


def ignored(name: str) -> bool:
    """Hidden files and folders, caches and notebook checkpoints are never submissions."""
    return name.startswith(".") or name in _SKIP_DIRS


def files_in(folder: Path) -> list[Path]:
    """Every .py and .ipynb file in ``folder``, at any depth (ignored ones left out)."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.suffix.lower() in SUFFIXES and not any(map(ignored, parts)) and path.is_file():
            found.append(path)
    return sorted(found)


def candidates(folder: Path, exercise: Exercise) -> list[Path]:
    """The files in ``folder`` named for ``exercise``, shallowest first, .py first."""
    stem = Path(exercise.student_file).stem.lower()
    found = [path for path in files_in(folder) if path.stem.lower() == stem]
    return sorted(found, key=lambda p: (len(p.parts), p.suffix.lower() != ".py", str(p)))


def choose(paths: Sequence[Path], exercise: Exercise | None, prefer: Prefer = "newest") -> Choice:
    """The file to grade among ``paths`` (all for one exercise), with the reason."""
    if len(paths) == 1:
        return Choice(paths[0])
    depth = min(len(p.parts) for p in paths)
    top = [p for p in paths if len(p.parts) == depth]  # a copy deeper down is an older one
    if len(top) == 1:
        return _chosen(top[0], paths, "it is the shallowest")
    if prefer in ("py", "ipynb"):
        kind = [p for p in top if p.suffix.lower() == f".{prefer}"]
        if kind:
            return _chosen(kind[0], paths, f"the course grades .{prefer} files")
    edited = [p for p in top if not _is_template(p, exercise)] if exercise is not None else top
    if len(edited) == 1:
        return _chosen(edited[0], paths, "the other is the unchanged template")
    pool = edited or top
    newest = max(pool, key=lambda p: (p.stat().st_mtime, p.suffix.lower() == ".py"))
    rest = [p for p in pool if p is not newest]
    if all(newest.stat().st_mtime - p.stat().st_mtime >= _SAME_TIME for p in rest):
        return _chosen(newest, paths, "it was changed last")
    py = next((p for p in pool if p.suffix.lower() == ".py"), pool[0])
    return _chosen(py, paths, "they were changed at the same time, and then the .py wins")


def _chosen(path: Path, paths: Sequence[Path], why: str) -> Choice:
    others = ", ".join(p.name for p in paths if p is not path)
    return Choice(path, f"graded {path.name}, not {others}: {why}")


def _is_template(path: Path, exercise: Exercise) -> bool:
    """Whether ``path`` still holds the exercise's released template, as released."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    template = exercise.template()
    if path.suffix.lower() == ".py":
        return text.strip() == template.strip()
    return _notebook_code(text) == [cell.strip() for cell in split_cells(template)]


def _notebook_code(text: str) -> list[str] | None:
    """The code cells of a notebook as written, or None if it is not one (the check cell
    a release adds, tagged skip-grading, left out)."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return None
    code = []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        if "skip-grading" in (cell.get("metadata") or {}).get("tags", []):
            continue
        source = cell.get("source", "")
        code.append(("".join(source) if isinstance(source, list) else str(source)).strip())
    return code


def in_folder(
    folder: Path, exercise_id: str | None, course: Course | None
) -> tuple[Exercise, Choice]:
    """The exercise a folder holds work for, and the file to grade in it: the folder's own
    bundle (``grade release`` output, or a student repository made from one), else the
    exercise named, else the one exercise of the course whose file the folder holds."""
    bundle = in_bundle(folder / "submission")
    if bundle is not None and exercise_id in (None, bundle.id):
        exercises = [bundle]
    elif exercise_id is not None or course is None:
        exercises = [resolve_exercise(exercise_id, None, course)]
    else:
        every = [load_exercise(root, course) for root in find_exercises(course).values()]
        exercises = [e for e in every if candidates(folder, e)] or every
    found = [(e, candidates(folder, e)) for e in exercises]
    found = [(e, paths) for e, paths in found if paths]
    if len(found) != 1:
        named = ", ".join(e.student_file for e in exercises)
        what = "several exercises" if found else f"no file to grade (looked for {named})"
        raise UsageError(f"{folder}: {what}; name the file, or the exercise with --exercise")
    exercise, paths = found[0]
    prefer = exercise.course.prefer if exercise.course is not None else "newest"
    return exercise, choose(paths, exercise, prefer)
