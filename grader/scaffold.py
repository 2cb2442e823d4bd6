"""`grade init` and `grade new`: a new course, and a new exercise that validates as it stands.

The files come from ``grader/skeleton/`` with ``@@NAME@@``, ``@@ID@@``, ``@@TITLE@@`` and
``@@STEM@@`` filled in. The new exercise is complete: a single source with solution
markers, instructions, public and hidden checks (one of them a ``gradient_check``), one
known bug and its reference, so that ``grade validate`` passes before anything is edited.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from grader.course import COURSE_FILE, Course, nearest_course
from grader.errors import UsageError
from grader.files import write_atomic

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_RENAMED = {"gitignore": ".gitignore"}  # names a package cannot carry as they are


def _skeleton(kind: str) -> Traversable:
    return resources.files("grader").joinpath("skeleton", kind)


def _copy(source: Traversable, target: Path, values: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        destination = target / _RENAMED.get(entry.name, entry.name)
        if entry.is_dir():
            written += _copy(entry, destination, values)
            continue
        text = entry.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(f"@@{key}@@", value)
        write_atomic(destination, text)
        written.append(destination)
    return written


def init_course(directory: Path, name: str | None = None) -> list[Path]:
    """Make ``directory`` a course: course.toml, exercises/, README.md, .gitignore."""
    if (directory / COURSE_FILE).exists():
        raise UsageError(f"{directory} is a course already ({COURSE_FILE} exists)")
    outer = nearest_course(directory.parent) if directory.parent.exists() else None
    if outer is not None:
        raise UsageError(f"{directory} would be inside the course {outer}: choose another folder")
    title = name or directory.resolve().name.replace("-", " ").replace("_", " ").strip()
    written = _copy(_skeleton("course"), directory, {"NAME": title or "My course"})
    (directory / "exercises").mkdir(exist_ok=True)
    return written


def new_exercise(course: Course, exercise_id: str) -> list[Path]:
    """Add the exercise ``exercise_id`` to ``course`` (exercises/<id>/)."""
    if not _ID.match(exercise_id):
        raise UsageError(
            f"{exercise_id!r} is not an exercise id: use lowercase letters, digits and "
            "dashes, starting with a letter (e.g. double-it)"
        )
    target = course.exercises_dir / exercise_id
    if target.exists():
        raise UsageError(f"{target} exists already")
    values = {
        "ID": exercise_id,
        "TITLE": exercise_id.replace("-", " ").capitalize(),
        "STEM": exercise_id.replace("-", "_"),
    }
    return _copy(_skeleton("exercise"), target, values)
