"""Assertions for checks, with messages that say exactly what differs."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import numpy as np

from grader.failures import NOT_ABOUT_VALUES, CheckFailed, StudentCodeError
from grader.limits import Tolerances as Tolerances  # re-exported: checks use it from here
from grader.proxy.records import Transcript

T = TypeVar("T")

_NUMERIC = frozenset("biufc")  # bool, signed, unsigned, float, complex


DEFAULT_TOLERANCES = Tolerances()
current_tolerances: contextvars.ContextVar[Tolerances] = contextvars.ContextVar(
    "current_tolerances",
    default=DEFAULT_TOLERANCES,
)


def _kind(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an ndarray of shape {value.shape} and dtype {value.dtype}"
    if value is None:
        return "None (did you forget `return`?)"
    return f"a {type(value).__name__}"


def shape_hint(got: tuple[int, ...], expected: tuple[int, ...]) -> str:
    """A sentence that explains a common shape mistake, or ''."""
    if got == expected[::-1] and got != expected:
        return "this is the transpose of the expected shape: check the order of the product"
    if len(expected) == 2 and len(got) == 1 and got[0] in expected and 1 in expected:
        return (
            f"a 1-D array where {expected} was expected: "
            "use keepdims=True or reshape to a column/row"
        )
    if len(got) == 2 and len(expected) == 2 and got[0] == got[1] and expected[0] != expected[1]:
        return "a square array: a (n,) and an (n, 1) array were probably broadcast together"
    if int(np.prod(got)) == int(np.prod(expected)):
        return "the right number of entries in the wrong shape: check reshape/transpose"
    if len(got) == len(expected) and sum(a != b for a, b in zip(got, expected, strict=True)) == 1:
        axis = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
        return f"the size of axis {axis} is wrong: a sum or mean over the wrong axis?"
    return ""


def expect_array(actual: Any, expected: np.ndarray[Any, Any], what: str = "the result") -> None:
    """Type, exact shape (no broadcasting) and float dtype."""
    if not isinstance(actual, np.ndarray):
        raise CheckFailed(f"{what} should be {_kind(expected)}, but it is {_kind(actual)}")
    if actual.shape != expected.shape:
        hint = shape_hint(actual.shape, expected.shape)
        raise CheckFailed(
            f"{what} has shape {actual.shape}, expected {expected.shape}"
            + (f": {hint}" if hint else "")
        )
    if actual.dtype.kind not in _NUMERIC and expected.dtype.kind in _NUMERIC:
        raise CheckFailed(f"{what} has dtype {actual.dtype}, expected an array of numbers")
    if np.issubdtype(expected.dtype, np.floating) and not np.issubdtype(actual.dtype, np.floating):
        hint = " (a comparison like z > 0 gives booleans: convert with .astype(float))"
        raise CheckFailed(
            f"{what} has dtype {actual.dtype}, expected a float array"
            + (hint if actual.dtype == bool else "")
        )


def expect_close(
    actual: Any,
    expected: Any,
    rtol: float | None = None,
    atol: float | None = None,
    what: str = "the result",
) -> None:
    """Fail unless ``actual`` matches ``expected`` entry by entry.

    Passes where ``|a - e| <= atol * max(1, max|e|) + rtol * |e|`` (the maximum over
    the finite entries of ``e``); an infinite ``e`` needs the same infinity; NaN never
    passes. A scalar (``float``, NumPy scalar) is accepted where a 0-d array is expected.
    """
    tolerances = current_tolerances.get()
    rtol = tolerances.rtol if rtol is None else rtol
    atol = tolerances.atol if atol is None else atol
    expected = np.asarray(expected)
    scalar = isinstance(actual, (int, float, complex, np.number)) and not isinstance(actual, bool)
    if expected.ndim == 0 and scalar:
        actual = np.asarray(actual)
    expect_array(actual, expected, what)
    if not np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)):
        bad = np.argwhere(~np.isfinite(actual))
        raise CheckFailed(
            f"{what} has {len(bad)} non-finite entries (NaN or inf), the first at index "
            f"{_index(bad[0])}: got {_number(actual[tuple(bad[0])])}. "
            "Look for an overflow (exp of a large number) or a division by zero."
        )
    kind = np.complex128 if np.iscomplexobj(actual) or np.iscomplexobj(expected) else np.float64
    got_all, want_all = actual.astype(kind), expected.astype(kind)
    finite = np.abs(want_all[np.isfinite(want_all)])
    scale = max(1.0, float(np.max(finite))) if finite.size else 1.0
    with np.errstate(all="ignore"):
        error = np.abs(got_all - want_all)
        allowed = atol * scale + rtol * np.abs(want_all)
        # False where either side is NaN; an infinity must be matched exactly.
        ok = np.where(np.isinf(want_all), got_all == want_all, error <= allowed)
    if np.all(ok):
        return
    bad_count = int(np.size(ok) - np.count_nonzero(ok))
    with np.errstate(all="ignore"):
        excess = np.where(ok, -np.inf, np.nan_to_num(error - allowed, nan=np.inf))
    worst = np.unravel_index(int(np.argmax(excess)), ok.shape) if ok.ndim else ()
    raise CheckFailed(
        f"{what} is wrong in {bad_count} of {ok.size} entries; worst at index {_index(worst)}: "
        f"got {_number(actual[worst])}, expected {_number(expected[worst])} "
        f"(error {float(error[worst]):.3g}, allowed {float(allowed[worst]):.3g})"
    )


def _number(value: Any) -> str:
    item = np.asarray(value).item()
    return f"{item:.10g}" if isinstance(item, (int, float, complex)) else repr(item)


def _index(index: Any) -> str:
    values = tuple(int(i) for i in index)
    return str(values[0]) if len(values) == 1 else str(values)


def expect_equal(actual: Any, expected: Any, what: str = "the result") -> None:
    """Fail unless two plain values are equal."""
    if actual != expected:
        raise CheckFailed(f"{what} is {actual!r}, expected {expected!r}")


def expect_unmodified(before: Any, after: Any, what: str = "the input") -> None:
    """Fail if a call changed an argument it was given (compare with a copy)."""
    if isinstance(before, np.ndarray):
        if (
            not isinstance(after, np.ndarray)
            or after.shape != before.shape
            or not np.array_equal(after, before, equal_nan=True)
        ):
            raise CheckFailed(
                f"{what} was modified in place: compute a new array instead of changing "
                "the one you were given (e.g. np.maximum(z, 0), not z[z < 0] = 0)"
            )
        return
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(after) != set(before):
            raise CheckFailed(f"{what} was modified: its keys changed")
        for key in before:
            expect_unmodified(before[key], after[key], f"{what}[{key!r}]")
        return
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            raise CheckFailed(f"{what} was modified: its length changed")
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            expect_unmodified(b, a, f"{what}[{i}]")
        return
    if before != after and not (_is_nan(before) and _is_nan(after)):
        raise CheckFailed(f"{what} was modified")


def _is_nan(value: Any) -> bool:
    return isinstance(value, (float, np.floating)) and bool(np.isnan(value))


def expect(condition: bool, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(message)


# The transcript of the check that runs (set by the check runner), for ``expect_each``.
current_transcript: contextvars.ContextVar[Transcript | None] = contextvars.ContextVar(
    "current_transcript", default=None
)


def expect_each(items: Iterable[T], test: Callable[[T], None]) -> None:
    """Run ``test`` on every item, even after one fails, and fail with every failure: a
    check of a property of all the functions tells the student about each wrong one (and
    the known-bug matcher sees every call). A timeout or a crash stops at once."""
    failures: list[CheckFailed] = []
    transcript = current_transcript.get()
    for item in items:
        start = len(transcript.events) if transcript is not None else 0
        touched = set(transcript.touched) if transcript is not None else set()
        if transcript is not None:
            transcript.touched.clear()
        before = len(failures)
        try:
            test(item)
        except StudentCodeError as failure:
            if failure.kind in NOT_ABOUT_VALUES:
                raise
            failures.append(failure)
        except CheckFailed as failure:
            failures.append(failure)
        finally:
            if transcript is not None:
                transcript.part_touched.append(frozenset(transcript.touched))
                transcript.touched |= touched
        if transcript is not None:
            transcript.parts.append((start, len(transcript.events), len(failures) > before))
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise CheckFailed("\n".join(f"- {failure.message}" for failure in failures))
