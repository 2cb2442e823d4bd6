"""Submissions that never stop: infinite loops, memory exhaustion, runaway recursion."""

from __future__ import annotations

from adversarial_harness import CHECKS, Arena


def test_loop_at_import_gets_zero_with_a_timeout_reason(arena: Arena) -> None:
    outcome = arena.grade("loop_at_import.py")
    assert outcome.score == 0
    assert outcome.result.status == "load-error"
    assert "did not finish within 4 s" in (outcome.result.error or "")
    assert outcome.failed == set(CHECKS)


def test_loop_in_a_call_costs_only_that_check(arena: Arena) -> None:
    outcome = arena.grade("loop_in_call.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.score == 3
    assert outcome.kind("accumulator_adds") == "timeout"
    assert "did not finish within 1.5 s" in outcome.message("accumulator_adds")


def test_a_huge_allocation_is_a_memory_error(arena: Arena) -> None:
    outcome = arena.grade("memory_big.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.score == 3
    assert "MemoryError" in outcome.message("accumulator_adds")


def test_gradual_memory_growth_is_stopped(arena: Arena) -> None:
    outcome = arena.grade("memory_gradual.py")
    assert outcome.failed == {"accumulator_adds"}
    assert outcome.score == 3
    message = outcome.message("accumulator_adds")
    assert any(reason in message for reason in ("MemoryError", "killed", "did not finish"))


def test_runaway_recursion_is_an_error_and_a_stack_overflow_a_crash(arena: Arena) -> None:
    outcome = arena.grade("recursion.py")
    assert outcome.score == 0
    assert "RecursionError" in outcome.message("double_small")
    assert outcome.kind("accumulator_adds") == "crash"
    assert "SIGSEGV" in outcome.message("accumulator_adds")
