"""Submissions whose return values lie, are huge, deep, endless, or forged on the wire."""

from __future__ import annotations

import pytest
from adversarial_harness import CHECKS, Arena

VALUE_CHECKS = {"double_small", "double_random"}


def test_an_ndarray_subclass_is_judged_by_its_data(arena: Arena) -> None:
    outcome = arena.grade("ndarray_subclass.py")
    assert outcome.failed == VALUE_CHECKS
    assert outcome.score == 2
    assert "is wrong in" in outcome.message("double_random")


def test_an_object_with_array_protocols_is_not_an_array(arena: Arena) -> None:
    outcome = arena.grade("array_protocol.py")
    assert outcome.failed == VALUE_CHECKS
    assert "should be an ndarray" in outcome.message("double_random")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("huge_value.py", "cannot be sent back"),
        ("deep_nesting.py", "nested deeper than"),
        ("big_list.py", "value too large"),
    ],
)
def test_values_too_big_to_send_fail_their_checks_only(
    arena: Arena, name: str, reason: str
) -> None:
    outcome = arena.grade(name)
    assert outcome.failed == {"double_small", "double_random", "double_pure"}
    assert outcome.score == 1
    assert reason in outcome.message("double_random")


def test_a_repr_that_never_ends_is_a_timeout(arena: Arena) -> None:
    outcome = arena.grade("repr_bomb.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.kind("accumulator_adds") == "timeout"


def test_forged_replies_are_protocol_errors(arena: Arena) -> None:
    outcome = arena.grade("forged_frames.py")
    assert outcome.score == 0
    assert {outcome.kind(check) for check in CHECKS} == {"protocol"}
    assert "corrupt frame" in outcome.message("double_small")
    assert "too large" in outcome.message("double_random")
    assert "malformed" in outcome.message("accumulator_adds")


def test_a_forged_load_reply_is_a_load_error(arena: Arena) -> None:
    outcome = arena.grade("forged_load_reply.py")
    assert outcome.score == 0
    assert outcome.result.status == "load-error"
    assert "malformed reply" in (outcome.result.error or "")
