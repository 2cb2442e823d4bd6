"""What the tests share: paths, the scenario files, sandboxes, and the process helpers.

One importable module (``from support import ...``), for the tests of every folder. The
process helpers read /proc through the sandbox's own ``procfs`` module.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.course import Course, load_course
from grader.exercise import Exercise, find_exercises, load_exercise
from grader.result import validate_document
from grader.sandbox import backends
from grader.sandbox.procfs import ProcessInfo, process_info, process_table, set_subreaper

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXERCISES = TESTS / "fixtures" / "exercises"
SCENARIOS = TESTS / "scenarios" / "toy"
SANDBOXES = ("bwrap", "unshare", "process")
SANDBOX_UIDS = range(backends.SANDBOX_UID, backends.SANDBOX_UID + backends.SANDBOX_UIDS)


def scenario(name: str) -> Path:
    """A submission file of the toy exercise's scenario folder."""
    path = SCENARIOS / name
    assert path.exists(), f"missing scenario {path}"
    return path


def require_sandbox(name: str) -> str:
    """Skip the test, saying why, unless the sandbox backend ``name`` works here."""
    reason = backends.unavailable_reason(name)
    if reason is not None:
        pytest.skip(f"the {name!r} sandbox does not work here: {reason}")
    return name


def read_document(path: Path) -> dict[str, Any]:
    """A result file as its JSON document, validated against the result schema."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    validate_document(document)
    return document


# -- processes -----------------------------------------------------------------------


def descendants(table: dict[int, ProcessInfo] | None = None) -> set[int]:
    """The live processes below this one (this test run's, never another run's)."""
    table = process_table() if table is None else table
    children: dict[int, list[int]] = {}
    for info in table.values():
        children.setdefault(info.parent, []).append(info.pid)
    found: set[int] = set()
    stack = [os.getpid()]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return {pid for pid in found if table[pid].alive}


def mentioning(text: str, table: dict[int, ProcessInfo] | None = None) -> set[int]:
    """Live processes (not this one) whose command line or environment names ``text``."""
    table = process_table() if table is None else table
    found = set()
    for pid, info in table.items():
        if pid == os.getpid() or not info.alive:
            continue
        if text in info.cmdline:
            found.add(pid)
            continue
        with contextlib.suppress(OSError):
            if text.encode() in Path(f"/proc/{pid}/environ").read_bytes():
                found.add(pid)
    return found


def cmdline(pid: int) -> str:
    info = process_info(pid)
    return info.cmdline if info is not None else "?"


def reap_adopted() -> None:
    """Collect the exit status of adopted orphans that have died (zombies)."""
    for info in process_table().values():
        if info.parent == os.getpid() and info.state == "Z":
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(info.pid, os.WNOHANG)


@contextlib.contextmanager
def subreaper() -> Iterator[bool]:
    """Adopt every orphan created inside the block (Linux PR_SET_CHILD_SUBREAPER)."""
    adopting = set_subreaper(True)
    try:
        yield adopting
    finally:
        if adopting:
            set_subreaper(False)


def strays(baseline: set[int], root: Path, wait: float = 5.0) -> list[str]:
    """Processes a grading run under ``root`` left behind: live descendants not in
    ``baseline`` and processes that name ``root``. Killing is asynchronous for processes
    outside the grader's reach (a namespace's members die after its init), so this polls
    for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        reap_adopted()
        table = process_table()
        pids = (descendants(table) - baseline) | mentioning(str(root), table)
        found = [f"pid {pid}: {table[pid].cmdline}" for pid in sorted(pids) if pid in table]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def kill_all(pids: set[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)


def sandbox_processes() -> dict[int, list[int]]:
    """Live processes of every sandbox uid: uid -> pids."""
    found: dict[int, list[int]] = {}
    for info in process_table().values():
        if info.uid in SANDBOX_UIDS and info.alive:
            found.setdefault(info.uid, []).append(info.pid)
    return found


_BASELINES: dict[Path, set[int]] = {}  # scratch root -> descendants before its test


def leftovers(root: Path, wait: float = 5.0) -> list[str]:
    """Processes and scratch folders a grading run under ``root`` left behind (``root``
    is a ``scratch_root``: the processes there before its test do not count)."""
    found = strays(_BASELINES.get(root, set()), root, wait)
    return found + [f"folder {p}" for p in sorted(root.glob("grade-*"))]


def demo_course() -> Course:
    """This repository's own course (course.toml at its root)."""
    return load_course(REPO)


def demo_exercise(exercise_id: str) -> Exercise:
    """An exercise of the demo course."""
    course = demo_course()
    return load_exercise(find_exercises(course)[exercise_id], course)
