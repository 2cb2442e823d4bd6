"""The fork server (``grade batch`` and ``grade validate`` under bwrap and unshare, as
root or not): a reply it sends late is never taken for the next one's; the student
processes forked from one server cannot see, signal or trace it or each other, count
only their own processes, and leave nothing running for the next submission; a
submission that fills its scratch space costs the next one nothing; a server that dies
is replaced."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from adversarial_harness import FORK_MODES, LIMITS, SUBMISSIONS, Arena

from grader.errors import SandboxError
from grader.grading import GradeOptions, grade_file
from grader.limits import Limits
from grader.sandbox import zygote
from grader.sandbox.backends import Backend, choose
from grader.sandbox.process import ProcessDied, StudentProcess
from grader.sandbox.procfs import tree_of


@pytest.fixture
def forking(arena: Arena) -> Iterator[Backend]:
    """The backend of a fork mode, with a pool of fork servers for the test."""
    if arena.mode not in FORK_MODES:
        pytest.skip("about the fork server")
    with zygote.reuse_sandboxes():
        yield choose(arena.backend)


def _server() -> zygote.Zygote:
    assert zygote._pool is not None and len(zygote._pool) == 1
    return next(iter(zygote._pool.values()))


class _Forked:
    """A student process forked from the pool's server, with a module loaded."""

    def __init__(self, backend: Backend, source: str, limits: Limits) -> None:
        self.process = StudentProcess(backend, limits)
        self.process.wait_ready(60)
        loaded = self.process.request({"op": "load", "source": source, "filename": "s.py"}, 30)
        assert loaded.get("ok") is True, loaded

    def __call__(self, name: str, *args: Any) -> Any:
        reply = self.process.request({"op": "call", "name": name, "args": list(args)}, 30)
        assert reply.get("ok") is True, reply
        return reply["value"]


@contextlib.contextmanager
def _loaded(backend: Backend, source: str, limits: Limits | None = None) -> Iterator[_Forked]:
    forked = None
    try:
        forked = _Forked(backend, source, limits or Limits())
        yield forked
    finally:
        if forked is not None:
            forked.process.kill()


def test_a_reply_given_up_on_is_never_taken_for_the_next_one(forking: Backend) -> None:
    limits = Limits()
    first = StudentProcess(forking, limits)
    first.wait_ready(60)
    first.kill()
    # A request whose reply the grader no longer waits for (it gave up on it):
    stale = {"op": "status", "pid": 1, "id": -1}
    socket.send_fds(_server()._control, [json.dumps(stale).encode()], [])
    time.sleep(0.2)  # its reply now waits in the socket
    second = StudentProcess(forking, limits)
    try:
        second.wait_ready(60)
        assert second.request({"op": "ping"}, 10.0)["ok"] is True
    finally:
        second.kill()


def test_a_full_scratch_space_costs_the_next_submission_nothing(arena: Arena) -> None:
    if arena.mode not in FORK_MODES:
        pytest.skip("about the fork server")
    options = GradeOptions(sandbox=arena.backend, limit_overrides=LIMITS)
    with zygote.reuse_sandboxes():
        filler = grade_file(arena.exercise, arena.render("fill_scratch.py"), options)
        assert filler.score == 4
        after = grade_file(arena.exercise, arena.render("needs_scratch.py"), options)
    assert after.status == "graded", after.error
    assert after.score == 4


def test_a_fork_cannot_see_signal_or_trace_the_server_or_another_fork(
    forking: Backend,
) -> None:
    source = (SUBMISSIONS / "attack_siblings.py").read_text()
    with _loaded(forking, "def alive():\n    return True\n") as victim:
        server = _server()
        with _loaded(forking, source) as attacker:
            # itself (2) and the reaper that is PID 1 of its namespace: nothing else
            assert attacker("look") == [1, 2]
            assert attacker("attack") == []
        assert victim("alive") is True
    assert _server() is server and server.alive
    with _loaded(forking, "def alive():\n    return True\n") as later:
        assert later("alive") is True
    assert _server() is server


def test_a_fork_counts_only_its_own_processes(forking: Backend) -> None:
    source = (SUBMISSIONS / "attack_siblings.py").read_text()
    limits = Limits(processes=8)
    with _loaded(forking, "def alive():\n    return True\n", limits) as victim:
        with _loaded(forking, source, limits) as crowded:
            assert crowded("children", 6) == 6  # itself and 6 children: within 8
            assert crowded("children", 4) == 1
        assert victim("alive") is True


def test_what_a_fork_started_is_gone_before_the_next_one_starts(forking: Backend) -> None:
    with _loaded(forking, "def alive():\n    return True\n"):
        pass
    server = _server()
    baseline = set(tree_of(server.popen.pid))
    for name in ("leftover_children.py", "stealth_daemon.py"):
        with _loaded(forking, (SUBMISSIONS / name).read_text()) as call:
            call("double", [1.0])
            time.sleep(0.3)  # the daemons detach
            if name == "leftover_children.py":  # (the other's may fail to exec as root)
                assert len(set(tree_of(server.popen.pid)) - baseline) >= 4
        assert set(tree_of(server.popen.pid)) == baseline  # at once, not eventually


def test_a_dead_server_is_replaced_and_the_next_submission_graded(forking: Backend) -> None:
    with _loaded(forking, "def alive():\n    return True\n") as call:
        first = _server()
        for pid in tree_of(first.popen.pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with pytest.raises(ProcessDied):
            call.process.request({"op": "ping"}, 10.0)
    with _loaded(forking, "def alive():\n    return True\n") as call:
        assert call("alive") is True
        assert _server() is not first


def test_a_server_that_cannot_fork_is_replaced_once_and_leaks_nothing(
    forking: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _loaded(forking, "def alive():\n    return True\n"):
        pass
    first, opened = _server(), len(os.listdir("/proc/self/fd"))
    real = zygote.Zygote._ask

    def refusing(server: zygote.Zygote, request: Any, fds: list[int], timeout: float) -> Any:
        if request is not None and request.get("op") == "fork":
            return {"error": "no fork today"}  # as a server whose kernel refuses it
        return real(server, request, fds, timeout)

    monkeypatch.setattr(zygote.Zygote, "_ask", refusing)
    with pytest.raises(SandboxError, match="cannot fork: no fork today"):
        StudentProcess(forking, Limits())
    assert not first.alive and _server() is not first  # replaced once, then given up
    assert len(os.listdir("/proc/self/fd")) == opened  # every pipe end closed


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("os.kill(os.getpid(), signal.SIGTERM)", "was killed by SIGTERM"),
        ("os._exit(3)", "exited with code 3"),
    ],
)
def test_a_fork_ends_as_a_fresh_process_would(forking: Backend, code: str, reason: str) -> None:
    # Not PID 1 of its namespace, whose signals to itself would be ignored (a notebook
    # that kills its own kernel must not score as if it had finished).
    source = f"import os\nimport signal\n\ndef end():\n    {code}\n"
    with _loaded(forking, source) as call:
        with pytest.raises(ProcessDied):
            call.process.request({"op": "call", "name": "end", "args": []}, 10.0)
        assert call.process.exit_reason() == reason
