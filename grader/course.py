"""A course: a folder with a ``course.toml`` over its exercises and reference code.

    [course]
    name = "Shallow neural networks"
    exercises = "exercises"      # the folder of exercise folders (the default)
    reference = "reference"      # reference code manifests may name (the default, if it exists)
    prefer = "newest"            # of a student's .py and .ipynb, grade the one changed last

    [defaults.limits]            # what every exercise starts from; a manifest's own win
    call_seconds = 5
    [defaults.tolerances]
    rtol = 1e-7

    [sandbox]
    packages = ["matplotlib"]    # what student code may import besides NumPy

Commands find the course from ``--course DIR``, then ``$GRADE_COURSE``, then the nearest
``course.toml`` above the working directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from grader.errors import CourseError
from grader.validation import load_toml

COURSE_FILE = "course.toml"
ENVIRONMENT = "GRADE_COURSE"
Prefer = Literal["newest", "py", "ipynb"]
WHERE = (
    "pass --course DIR, set GRADE_COURSE=DIR, or run the command inside a course folder "
    "(one with a course.toml; `grade init DIR` makes one)"
)


@dataclass(frozen=True)
class Course:
    """A course folder and the defaults its exercises start from."""

    root: Path
    name: str
    exercises_dir: Path
    reference: Path | None = None  # a file or package manifests may name
    prefer: Prefer = "newest"
    limits: dict[str, Any] = field(default_factory=dict)
    tolerances: dict[str, Any] = field(default_factory=dict)
    packages: tuple[str, ...] | None = None  # None: the default (matplotlib, if installed)

    @property
    def search_path(self) -> tuple[Path, ...]:
        """Where a manifest's ``reference`` is looked for after the exercise's own folder."""
        roots = [self.reference.parent] if self.reference is not None else []
        return tuple(dict.fromkeys([*roots, self.root]))


def load_course(root: Path) -> Course:
    """The course whose ``course.toml`` is in ``root``."""
    root = root.resolve()
    data = load_toml(root / COURSE_FILE, "course", CourseError)
    course, defaults = data["course"], data.get("defaults", {})
    exercises = root / course.get("exercises", "exercises")
    if not exercises.is_dir():
        raise CourseError(f"{root / COURSE_FILE}: the exercises folder {exercises} does not exist")
    named = course.get("reference")
    reference = root / (named or "reference")
    if named is not None and not reference.exists():
        raise CourseError(f"{root / COURSE_FILE}: the reference {reference} does not exist")
    packages = data.get("sandbox", {}).get("packages")
    return Course(
        root=root,
        name=course["name"],
        exercises_dir=exercises,
        reference=reference if reference.exists() else None,
        prefer=course.get("prefer", "newest"),
        limits=dict(defaults.get("limits", {})),
        tolerances=dict(defaults.get("tolerances", {})),
        packages=tuple(packages) if packages is not None else None,
    )


def exercises_folder(directory: Path) -> Course:
    """A folder of exercises named with ``--exercises``: a course with no course.toml."""
    if not directory.is_dir():
        raise CourseError(f"exercises directory {directory} does not exist or is not readable")
    root = directory.resolve()
    return Course(root=root, name=root.name, exercises_dir=root)


def nearest_course(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with a course.toml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    return None


def find_course(
    explicit: Path | None = None, exercises: Path | None = None, cwd: Path | None = None
) -> Course | None:
    """The course a command works on: ``--course``, ``--exercises``, ``$GRADE_COURSE``,
    the nearest course.toml above ``cwd``; None when there is none."""
    if explicit is not None:
        if not (explicit / COURSE_FILE).is_file():
            raise CourseError(f"{explicit}: not a course folder (no {COURSE_FILE})")
        return load_course(explicit)
    if exercises is not None:
        return exercises_folder(exercises)
    environment = os.environ.get(ENVIRONMENT)
    if environment:
        if not (Path(environment) / COURSE_FILE).is_file():
            raise CourseError(
                f"{ENVIRONMENT}={environment}: not a course folder (no {COURSE_FILE})"
            )
        return load_course(Path(environment))
    found = nearest_course(cwd or Path.cwd())
    return load_course(found) if found is not None else None


def require_course(
    explicit: Path | None = None, exercises: Path | None = None, cwd: Path | None = None
) -> Course:
    """Like ``find_course``, but no course is an error that says how to name one."""
    course = find_course(explicit, exercises, cwd)
    if course is None:
        raise CourseError(f"not inside a course: {WHERE}")
    return course
