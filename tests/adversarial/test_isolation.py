"""Submissions that reach for the network or the grader's environment."""

from __future__ import annotations

import re
import socket

import pytest
from adversarial_harness import SECRET, Arena, connections, guarantee


def test_no_connection_to_the_graders_loopback(
    arena: Arena, listener: socket.socket, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "network")
    port = listener.getsockname()[1]
    outcome = arena.grade("network_loopback.py", PORT=str(port))
    assert connections(listener) == 0
    assert "BREACH" not in outcome.text
    assert outcome.score == 4


def test_no_connection_elsewhere_and_a_fast_failure_where_isolated(arena: Arena) -> None:
    outcome = arena.grade("network_external.py")
    report = re.search(r"10\.255\.255\.1: (.*)", outcome.result.stdout)
    assert report is not None, outcome.result.stdout
    if arena.backend == "process":
        # No network namespace: whether this connects depends on the machine's network
        # (SECURITY.md); all that is guaranteed is a valid result.
        return
    assert "BREACH" not in outcome.text
    assert outcome.score == 4
    found = re.fullmatch(r"failed: Network is unreachable after ([\d.]+) s", report[1])
    assert found is not None, report[1]  # no route at all: it fails at once
    assert float(found[1]) < 0.2


def test_the_graders_secrets_are_not_visible(arena: Arena, request: pytest.FixtureRequest) -> None:
    guarantee(request, arena.backend, "env-secrets")
    outcome = arena.grade("env_secrets.py")
    assert "BREACH" not in outcome.text
    assert SECRET[1] not in outcome.text
    assert outcome.score == 4
    assert "GRADE_SECRET" not in outcome.result.stdout
