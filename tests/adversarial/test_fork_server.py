"""The fork server (``grade batch`` under bwrap as root): a reply it sends late is never
taken for the next one's, and a submission that fills its scratch space or makes its
clean-up slow costs the next submission nothing."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest
from adversarial_harness import LIMITS, Arena

from grader.grading import GradeOptions, grade_file
from grader.limits import Limits
from grader.sandbox import zygote
from grader.sandbox.backends import available, choose
from grader.sandbox.process import StudentProcess

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not available("bwrap"),
    reason="the fork server is used with bwrap, when the grader runs as root",
)


def test_a_reply_given_up_on_is_never_taken_for_the_next_one() -> None:
    backend, limits = choose("bwrap"), Limits()
    with zygote.reuse_sandboxes():
        first = StudentProcess(backend, limits)
        first.wait_ready(60)
        first.kill()
        server = next(iter(zygote._pool.values()))  # type: ignore[union-attr]
        # A request whose reply the grader no longer waits for (it gave up on it):
        stale = {"op": "status", "pid": 1, "id": -1}
        socket.send_fds(server._control, [json.dumps(stale).encode()], [])
        time.sleep(0.2)  # its reply now waits in the socket
        second = StudentProcess(backend, limits)
        try:
            second.wait_ready(60)
            assert second.request({"op": "ping"}, 10.0)["ok"] is True
        finally:
            second.kill()


def test_a_full_scratch_space_costs_the_next_submission_nothing(arena: Arena) -> None:
    if arena.mode != "bwrap+fork":
        pytest.skip("about the fork server")
    options = GradeOptions(sandbox="bwrap", limit_overrides=LIMITS)
    with zygote.reuse_sandboxes():
        filler = grade_file(arena.exercise, arena.render("fill_scratch.py"), options)
        assert filler.score == 4
        after = grade_file(arena.exercise, arena.render("needs_scratch.py"), options)
    assert after.status == "graded", after.error
    assert after.score == 4
