"""Submissions that fork, leave processes behind, exit, or go after the grader."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from adversarial_harness import CHECKS, Arena, guarantee
from support import cmdline, descendants, reap_adopted, subreaper


def test_a_fork_bomb_is_capped_and_killed(arena: Arena) -> None:
    outcome = arena.grade("fork_bomb.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.score == 3
    assert outcome.kind("accumulator_adds") == "timeout"


def test_children_daemons_and_pipe_holders_die_with_the_submission(arena: Arena) -> None:
    # The arena fails the test if any of them survives grading.
    outcome = arena.grade("leftover_children.py")
    assert outcome.score == 4
    assert outcome.seconds < 20  # a child holding stdout open does not stall the grader


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("exit_sys_at_import.py", "called sys.exit()"),
        ("exit_os_at_import.py", "exited with code 0"),
    ],
)
def test_exiting_while_loading_gets_zero_with_a_reason(
    arena: Arena, name: str, reason: str
) -> None:
    outcome = arena.grade(name)
    assert outcome.score == 0
    assert outcome.result.status == "load-error"
    assert reason in (outcome.result.error or "")
    assert outcome.failed == set(CHECKS)


def test_sys_exit_in_a_call_fails_the_checks_that_call_it(arena: Arena) -> None:
    outcome = arena.grade("exit_sys_in_call.py")
    assert outcome.failed == {"double_small", "double_random", "double_pure"}
    assert outcome.score == 1
    assert "sys.exit()" in outcome.message("double_random")
    assert "must not exit" in outcome.message("double_random")


def test_os_exit_in_a_call_is_a_crash_of_that_check_only(arena: Arena) -> None:
    outcome = arena.grade("exit_os_in_call.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.score == 3
    assert outcome.kind("accumulator_adds") == "crash"
    assert "exited with code 1" in outcome.message("accumulator_adds")


def test_the_grader_cannot_be_killed_traced_or_read(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "attack-grader")
    done = arena.cli("attack_grader.py", "--format", "json")
    assert done.document is not None, done.stderr  # the grader lived to write its result
    assert "BREACH" not in done.stdout
    assert done.document["score"] == 4
    assert done.returncode == 0


def test_when_the_grader_dies_the_sandbox_dies_with_it(arena: Arena) -> None:
    path = arena.render("loop_in_call.py")
    command = [sys.executable, "-m", "grader", "submit", str(path), "--exercise", "toy"]
    command += ["--exercises", str(arena.exercise_dir.parent), "--sandbox", arena.backend]
    command += ["--timeout", "60"]
    with subreaper():
        grader = subprocess.Popen(command, cwd=arena.cwd, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not any("child.py" in cmdline(pid) for pid in descendants()):
            assert time.monotonic() < deadline, "the sandbox never started"
            time.sleep(0.05)
        time.sleep(1.0)  # now inside the endless call
        grader.send_signal(signal.SIGKILL)
        grader.wait()
        deadline = time.monotonic() + 5
        while descendants() and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [f"{pid}: {cmdline(pid)}" for pid in descendants()]
        reap_adopted()
    assert not survivors
