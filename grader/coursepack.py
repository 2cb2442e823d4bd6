"""A course as one archive: what a Gradescope autograder or a cluster worker grades with.

    pack = pack_course(exercises.values())   # course.toml, the exercises, their reference
    unpack(pack.tar(), folder)
    exercises = load_unpacked(folder, pack.exercise_ids)

A pack holds the course's ``course.toml``, the folder of each exercise it grades, and the
reference they import (the course's ``reference`` folder, or the file or package a
manifest names), at their places relative to the course folder. Caches and hidden files
are left out. ``digest`` names the content, so two copies can be compared. A pack is
checked when it is made: unpacked into a temporary folder, its exercises must load and
preflight there, so a course that leans on a file outside it is refused before it ships.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.course import COURSE_FILE, exercises_folder, load_course
from grader.errors import CourseError
from grader.exercise import Exercise, find_exercises, load_exercise
from grader.sandbox.stale import grader_folder

_SKIP = frozenset({"__pycache__", ".ipynb_checkpoints"})


@dataclass(frozen=True)
class CoursePack:
    """The files of a course (relative POSIX path -> content) and the exercises it grades."""

    files: tuple[tuple[str, bytes], ...]
    exercise_ids: tuple[str, ...]

    @property
    def digest(self) -> str:
        """A sha256 of every path and content, in order: equal packs, equal digests."""
        hasher = hashlib.sha256()
        for name, data in self.files:
            hasher.update(f"{name}\0{len(data)}\0".encode())
            hasher.update(data)
        return hasher.hexdigest()

    @property
    def size(self) -> int:
        return sum(len(data) for _, data in self.files)

    def tar(self) -> bytes:
        """The files as a gzipped tar with no owner, mode or time of this machine."""
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as archive:
            for name, data in self.files:
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = len(data), 0o644, 0
                archive.addfile(info, io.BytesIO(data))
        return buffer.getvalue()


def pack_course(exercises: Iterable[Exercise]) -> CoursePack:
    """The pack of these exercises of one course; CourseError when they do not fit in one
    folder, or do not load from the pack alone."""
    chosen = list(exercises)
    if not chosen:
        raise CourseError("no exercise to pack")
    course = chosen[0].course
    root = course.root if course is not None else chosen[0].root.parent
    paths = [root / COURSE_FILE] if (root / COURSE_FILE).is_file() else []
    for exercise in chosen:
        paths.append(exercise.root)
        if exercise.reference_source is not None:
            paths.append(exercise.reference_source)
    if course is not None and course.reference is not None:
        paths.append(course.reference)
    files: dict[str, bytes] = {}
    for path in paths:
        for file in _files_under(path):
            files[_relative(file, root)] = file.read_bytes()
    pack = CoursePack(tuple(sorted(files.items())), tuple(e.id for e in chosen))
    _check_standalone(pack)
    return pack


def read_tar(data: bytes) -> tuple[tuple[str, bytes], ...]:
    """A pack's files from its tar: regular files only, with safe relative names."""
    files = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for info in archive:
            name = PurePosixPath(info.name)
            if not info.isfile() or name.is_absolute() or ".." in name.parts:
                raise CourseError(f"the course archive holds an unsafe entry: {info.name!r}")
            handle = archive.extractfile(info)
            assert handle is not None
            files.append((name.as_posix(), handle.read()))
    return tuple(sorted(files))


def unpack(data: bytes, into: Path) -> CoursePack:
    """Write a pack's tar into ``into`` (never outside it); the pack it held."""
    files = read_tar(data)
    for name, content in files:
        target = into.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return CoursePack(files, ())


def load_unpacked(root: Path, exercise_ids: Iterable[str]) -> dict[str, Exercise]:
    """The exercises of an unpacked course, loaded and preflighted."""
    course = load_course(root) if (root / COURSE_FILE).is_file() else exercises_folder(root)
    found = {}
    for folder in find_exercises(course).values():
        exercise = load_exercise(folder, course)
        found[exercise.id] = exercise
    loaded = {}
    for exercise_id in exercise_ids:
        if exercise_id not in found:
            raise CourseError(f"the course archive has no exercise {exercise_id!r}")
        found[exercise_id].preflight()
        loaded[exercise_id] = found[exercise_id]
    return loaded


def _check_standalone(pack: CoursePack) -> None:
    """Load the pack's exercises from a copy of it; the modules that doing so imports
    (the reference, under its own name) are put back as they were afterwards."""
    folder = grader_folder("pack")
    modules = dict(sys.modules)
    try:
        unpack(pack.tar(), folder)
        load_unpacked(folder, pack.exercise_ids)
    except Exception as exc:  # any failure means the pack cannot grade alone
        raise CourseError(f"the course does not grade from its own files: {exc}") from None
    finally:
        for name in [n for n in sys.modules if modules.get(n) is not sys.modules[n]]:
            if name in modules:
                sys.modules[name] = modules[name]
            else:
                del sys.modules[name]
        shutil.rmtree(folder, ignore_errors=True)


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and not any(part in _SKIP or part.startswith(".") for part in p.relative_to(path).parts)
        and p.suffix != ".pyc"
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise CourseError(
            f"{path} lies outside the course folder {root}: a course must be one folder "
            "to be deployed (move it in, or name it in course.toml)"
        ) from None
