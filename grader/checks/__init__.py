"""The authoring API for checks: declare them, and assert with clear messages."""

from grader.checks.definitions import definition_that_runs
from grader.checks.expect import (
    Tolerances,
    expect,
    expect_array,
    expect_close,
    expect_each,
    expect_equal,
    expect_unmodified,
    shape_hint,
)
from grader.checks.gradient import gradient_check, note, numerical_gradient, relative_error
from grader.checks.loops import Loop, find_loops
from grader.checks.registry import Check, check
from grader.failures import CheckFailed, StudentCodeError

__all__ = [
    "Check",
    "CheckFailed",
    "Loop",
    "StudentCodeError",
    "Tolerances",
    "check",
    "definition_that_runs",
    "expect",
    "expect_array",
    "expect_close",
    "expect_each",
    "expect_equal",
    "expect_unmodified",
    "find_loops",
    "gradient_check",
    "note",
    "numerical_gradient",
    "relative_error",
    "shape_hint",
]
