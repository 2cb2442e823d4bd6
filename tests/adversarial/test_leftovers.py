"""Submissions that go after the grader's process or leave things behind where the
clean-up does not look: the world-writable folders, System V IPC, message queues,
and daemons that hide from a clean-up without root."""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os

import pytest
from adversarial_harness import MARKER, Arena, guarantee

from grader.sandbox.leftovers import writable_directories

TAG = f"grade-adversarial-plant-{MARKER}"
KEYS = (0x47520001, 0x47520002, 0x47520003)


def test_the_grader_cannot_be_traced_or_read(arena: Arena) -> None:
    outcome = arena.grade("trace_grader.py")
    assert "BREACH" not in outcome.result.stdout, outcome.result.stdout
    assert outcome.score == 4


def test_daemons_that_hide_their_traces_do_not_outlive_the_grading(arena: Arena) -> None:
    # The arena fails the test if any of them survives.
    outcome = arena.grade("stealth_daemon.py")
    assert outcome.score == 4


def _planted() -> list[str]:
    found = []
    for folder in {*writable_directories(), "/tmp", "/var/tmp", "/dev/shm", "/run/lock"}:
        found += glob.glob(os.path.join(glob.escape(folder), f"*{TAG}*"))
        found += glob.glob(os.path.join(glob.escape(folder), f".{TAG}*"))
    return sorted(found)


def _ipc_keys() -> list[str]:
    found = []
    for kind in ("shm", "sem", "msg"):
        with contextlib.suppress(OSError), open(f"/proc/sysvipc/{kind}") as handle:
            for row in handle.read().splitlines()[1:]:
                if row.split() and int(row.split()[0]) in KEYS:
                    found.append(f"{kind} {row.split()[1]}")
    return found


def _remove_plants() -> None:
    from grader.sandbox.runtime.cleanup import remove_tree

    for path in _planted():
        remove_tree(path)
    libc = ctypes.CDLL(None, use_errno=True)
    for entry in _ipc_keys():
        kind, ident = entry.split()
        call = {"shm": libc.shmctl, "sem": libc.semctl, "msg": libc.msgctl}[kind]
        call(int(ident), *((0, 0) if kind == "sem" else (0, None)))


def test_nothing_is_left_where_everyone_may_write(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "plant-shared")
    try:
        outcome = arena.grade("plant_shared.py")
        assert outcome.score == 4
        assert "mq refused" in outcome.result.stdout  # no POSIX message queue, anywhere
        assert _planted() == []
        assert _ipc_keys() == []
    finally:
        _remove_plants()


def test_a_forked_copy_of_the_student_process_never_answers_the_grader(arena: Arena) -> None:
    outcome = arena.grade("fork_returns.py")
    assert outcome.score == 4, [c.message for c in outcome.result.checks]
    assert not outcome.result.events  # no restart, no malformed reply


def test_nothing_one_submission_leaves_reaches_the_next(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    # As in a login session, the grader has a session keyring its children inherit.
    keyctl = {"x86_64": 250, "aarch64": 219}.get(os.uname().machine)
    if keyctl is not None:
        ctypes.CDLL(None, use_errno=True).syscall(keyctl, 1, None)  # join an anonymous one
    guarantee(request, arena.backend, "leave-traces")
    tag = f"grade-trace-{os.getpid()}-{arena.root.name}"
    leaver, finder = arena.grade_in_turn(["leave_traces.py", "find_traces.py"], TAG=tag)
    assert leaver.score == finder.score == 4
    assert "left: ., " in leaver.result.stdout  # it did leave things (its scratch folder)
    assert "looked" in finder.result.stdout
    assert "BREACH" not in finder.result.stdout, finder.result.stdout
