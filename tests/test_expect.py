"""expect_close and friends: pass within tolerance, and say exactly what differs."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from grader.checks import (
    CheckFailed,
    Tolerances,
    expect,
    expect_array,
    expect_close,
    expect_equal,
    expect_unmodified,
    shape_hint,
)
from grader.checks.expect import current_tolerances


def failure(actual: Any, expected: Any, **kwargs: Any) -> str:
    with pytest.raises(CheckFailed) as caught:
        expect_close(actual, expected, **kwargs)
    return caught.value.message


def test_equal_and_nearly_equal_arrays_pass() -> None:
    rng = np.random.default_rng(1)
    expected = rng.normal(size=(4, 5))
    expect_close(expected.copy(), expected)
    expect_close(expected * (1 + 1e-9), expected)
    expect_close(expected.astype(np.float32).astype(np.float64), expected, rtol=1e-6)


def test_a_wrong_entry_fails_with_count_index_got_expected() -> None:
    expected = np.arange(12, dtype=float).reshape(3, 4)
    actual = expected.copy()
    actual[1, 2] += 0.5
    actual[2, 3] += 3.0
    message = failure(actual, expected)
    assert "wrong in 2 of 12 entries" in message
    assert "worst at index (2, 3)" in message
    assert "got 14, expected 11" in message
    assert "error 3" in message


def test_a_1d_index_is_shown_as_a_number() -> None:
    message = failure(np.array([1.0, 2.0, 5.0]), np.array([1.0, 2.0, 3.0]))
    assert "worst at index 2:" in message


def test_tolerance_formula_at_the_boundary() -> None:
    """|a - e| <= atol * max(1, max|e|) + rtol * |e|, inclusive, in exact binary arithmetic."""
    expected = np.array([4.0, -2.0])  # max|e| = 4
    atol, rtol = 0.25, 0.5
    # allowed: 0.25 * 4 + 0.5 * 4 = 3 for the first entry, 0.25 * 4 + 0.5 * 2 = 2 for the second
    expect_close(np.array([7.0, -4.0]), expected, rtol=rtol, atol=atol)
    expect_close(np.array([1.0, 0.0]), expected, rtol=rtol, atol=atol)
    message = failure(np.array([np.nextafter(7.0, 8.0), -4.0]), expected, rtol=rtol, atol=atol)
    assert "wrong in 1 of 2 entries; worst at index 0" in message
    message = failure(np.array([7.0, np.nextafter(-4.0, -5.0)]), expected, rtol=rtol, atol=atol)
    assert "worst at index 1" in message


def test_atol_scales_with_the_largest_expected_value_but_not_below_one() -> None:
    small = np.array([0.5, 0.25])
    # max|e| < 1: allowed is exactly atol (rtol 0)
    expect_close(small + 0.125, small, rtol=0.0, atol=0.125)
    failure(small + 0.25, small, rtol=0.0, atol=0.125)
    large = np.array([0.0, 1024.0])
    # max|e| = 1024: an error of 1 at an entry that is 0 is allowed with atol = 2**-10
    expect_close(np.array([1.0, 1024.0]), large, rtol=0.0, atol=2.0**-10)
    failure(np.array([1.5, 1024.0]), large, rtol=0.0, atol=2.0**-10)


def test_tolerances_come_from_the_running_exercise() -> None:
    token = current_tolerances.set(Tolerances(rtol=0.0, atol=0.5))
    try:
        expect_close(np.array([1.4]), np.array([1.0]))
        failure(np.array([1.6]), np.array([1.0]))
    finally:
        current_tolerances.reset(token)
    failure(np.array([1.4]), np.array([1.0]))  # the default tolerances are tight again


def test_nan_fails_and_is_called_non_finite() -> None:
    message = failure(np.array([1.0, np.nan, 3.0]), np.array([1.0, 2.0, 3.0]))
    assert "1 non-finite entries (NaN or inf), the first at index 1: got nan" in message
    assert "overflow" in message


def test_nan_never_passes_even_against_nan() -> None:
    failure(np.array([np.nan]), np.array([np.nan]))


def test_inf_is_detected_with_a_message() -> None:
    message = failure(np.array([[1.0, np.inf], [-np.inf, 0.0]]), np.ones((2, 2)))
    assert "2 non-finite entries" in message
    assert "index (0, 1): got inf" in message


def test_an_infinite_expected_value_must_be_matched_exactly() -> None:
    expected = np.array([np.inf, 1.0])
    expect_close(np.array([np.inf, 1.0]), expected)
    assert "index 0" in failure(np.array([1e300, 1.0]), expected)
    assert "index 0" in failure(np.array([-np.inf, 1.0]), expected)


def test_an_infinite_expected_value_does_not_loosen_the_others() -> None:
    message = failure(np.array([np.inf, 1e9]), np.array([np.inf, 1.0]))
    assert "wrong in 1 of 2 entries; worst at index 1" in message


@pytest.mark.parametrize("m", [1, 5])
def test_shape_m_vs_1_m_fails_with_the_keepdims_hint(m: int) -> None:
    message = failure(np.ones(m), np.ones((1, m)))
    assert f"has shape ({m},), expected (1, {m})" in message
    assert "keepdims=True" in message


def test_shape_m_vs_m_1_fails_with_the_keepdims_hint() -> None:
    assert "keepdims=True" in failure(np.ones(4), np.ones((4, 1)))


def test_transposed_shape_gets_the_transpose_hint() -> None:
    message = failure(np.ones((3, 5)), np.ones((5, 3)))
    assert "transpose" in message
    assert "order of the product" in message


def test_broadcast_square_gets_the_broadcast_hint() -> None:
    assert "broadcast" in failure(np.ones((4, 4)), np.ones((4, 1)))


def test_wrong_axis_size_gets_the_axis_hint() -> None:
    assert "axis 1" in failure(np.ones((3, 1)), np.ones((3, 5)))


def test_shape_hint_is_empty_when_nothing_fits() -> None:
    assert shape_hint((2, 3, 4), (7,)) == ""


def test_no_broadcasting_a_scalar_against_an_array() -> None:
    assert "should be an ndarray of shape (3,)" in failure(np.float64(1.0), np.ones(3))


def test_bool_dtype_gets_the_astype_hint() -> None:
    message = failure(np.array([True, False]), np.array([1.0, 0.0]))
    assert "dtype bool, expected a float array" in message
    assert ".astype(float)" in message


def test_int_dtype_fails_without_the_bool_hint() -> None:
    message = failure(np.array([1, 0]), np.array([1.0, 0.0]))
    assert "dtype int64, expected a float array" in message
    assert "astype" not in message


def test_text_arrays_fail_cleanly() -> None:
    assert "expected an array of numbers" in failure(np.array(["1"]), np.array([1]))


def test_none_asks_whether_return_was_forgotten() -> None:
    message = failure(None, np.ones(3))
    assert "None (did you forget `return`?)" in message
    assert "an ndarray of shape (3,) and dtype float64" in message


@pytest.mark.parametrize("value", [[1.0, 2.0], (1.0, 2.0), "12", {"a": 1}])
def test_non_arrays_are_named(value: Any) -> None:
    assert f"but it is a {type(value).__name__}" in failure(value, np.array([1.0, 2.0]))


def test_scalars_are_accepted_where_a_0d_result_is_expected() -> None:
    expect_close(np.float64(2.0), 2.0)
    expect_close(2.0, np.float64(2.0))
    expect_close(np.float32(0.5), np.array(0.5), rtol=1e-6)
    message = failure(2.5, 2.0)
    assert "wrong in 1 of 1 entries" in message and "got 2.5, expected 2" in message


def test_complex_values_are_compared_as_complex() -> None:
    failure(np.array([1 + 1j]), np.array([1 + 0j]))
    expect_close(np.array([1 + 1e-12j]), np.array([1 + 0j]))


def test_empty_arrays_of_the_same_shape_pass() -> None:
    expect_close(np.zeros((0, 3)), np.zeros((0, 3)))


def test_what_names_the_value() -> None:
    assert failure(np.ones(2), np.zeros(2), what="A2").startswith("A2 is wrong in 2 of 2")


def test_expect_array_checks_type_shape_dtype_but_not_values() -> None:
    expect_array(np.ones(3), np.zeros(3))
    with pytest.raises(CheckFailed):
        expect_array(np.ones(3, dtype=int), np.zeros(3))


def test_expect_equal_and_expect() -> None:
    expect_equal([1, 2], [1, 2])
    with pytest.raises(CheckFailed, match=r"the count is 3, expected 4"):
        expect_equal(3, 4, what="the count")
    expect(True, "never shown")
    with pytest.raises(CheckFailed, match=r"^custom message$"):
        expect(False, "custom message")


def test_expect_unmodified() -> None:
    x = np.arange(4.0)
    expect_unmodified(x, x.copy())
    expect_unmodified({"W": x, "b": [x, 1]}, {"W": x.copy(), "b": [x.copy(), 1]})
    expect_unmodified(np.array([np.nan]), np.array([np.nan]))
    expect_unmodified({"alpha": float("nan")}, {"alpha": float("nan")})  # NaN is unchanged
    changed = x.copy()
    changed[0] = -1
    with pytest.raises(CheckFailed, match=re.escape("z was modified in place")):
        expect_unmodified(x, changed, "z")
    with pytest.raises(CheckFailed, match=re.escape("params['W'] was modified in place")):
        expect_unmodified({"W": x}, {"W": changed}, "params")
    with pytest.raises(CheckFailed, match="its keys changed"):
        expect_unmodified({"W": x}, {"W": x, "extra": 1}, "params")
    with pytest.raises(CheckFailed, match="its length changed"):
        expect_unmodified([1, 2], [1], "layers")
    with pytest.raises(CheckFailed, match="modified in place"):
        expect_unmodified(x, x.reshape(2, 2), "z")
