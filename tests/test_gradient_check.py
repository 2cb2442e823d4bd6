"""gradient_check: central differences of the grader's loss against the student's gradient."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from grader.checks import CheckFailed, gradient_check, numerical_gradient, relative_error
from grader.checks.expect import Tolerances, current_tolerances
from grader.checks.gradient import current_notes

Params = dict[str, np.ndarray[Any, Any]]
M = 6  # examples


class MLP:
    """A 3-4-1 ReLU network with a squared-error loss averaged over M examples."""

    def __init__(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.X = rng.normal(size=(3, M))
        self.Y = rng.normal(size=(1, M))
        self.params: Params = {
            "W1": rng.normal(size=(4, 3)),
            "b1": rng.normal(size=(4, 1)),
            "W2": rng.normal(size=(1, 4)),
            "b2": rng.normal(size=(1, 1)),
        }

    def z1(self, p: Params) -> np.ndarray[Any, Any]:
        return p["W1"] @ self.X + p["b1"]

    def loss(self, p: Params) -> float:
        a1 = np.maximum(self.z1(p), 0.0)
        z2 = p["W2"] @ a1 + p["b2"]
        return float(0.5 * np.sum((z2 - self.Y) ** 2) / M)

    def gradients(self, p: Params) -> Params:
        z1 = self.z1(p)
        a1 = np.maximum(z1, 0.0)
        dz2 = (p["W2"] @ a1 + p["b2"] - self.Y) / M
        dz1 = (p["W2"].T @ dz2) * (z1 > 0)
        return {
            "W1": dz1 @ self.X.T,
            "b1": dz1.sum(axis=1, keepdims=True),
            "W2": dz2 @ a1.T,
            "b2": dz2.sum(axis=1, keepdims=True),
        }

    def put_unit_near_kink(self, unit: int, example: int, distance: float) -> None:
        """Shift b1[unit] so that Z1[unit, example] sits ``distance`` from the kink."""
        z = self.z1(self.params)[unit, example]
        self.params["b1"][unit, 0] += distance - z


def capture_notes(run: Callable[[], Any]) -> tuple[Any, list[str]]:
    notes: list[str] = []
    token = current_notes.set(notes)
    try:
        return run(), notes
    finally:
        current_notes.reset(token)


def failure(run: Callable[[], Any]) -> str:
    with pytest.raises(CheckFailed) as caught:
        run()
    return caught.value.message


def test_a_correct_gradient_passes_with_tiny_errors() -> None:
    net = MLP()
    report = gradient_check(net.loss, net.params, net.gradients(net.params), kinks=net.z1)
    assert set(report.errors) == {"W1", "b1", "W2", "b2"}
    assert max(report.errors.values()) < 1e-7
    assert all(type(e) is float for e in report.errors.values())


def test_a_sign_error_fails_and_is_named() -> None:
    net = MLP()
    grads = net.gradients(net.params)
    grads["W2"] = -grads["W2"]
    message = failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1))
    assert message.startswith("the gradient W2 is wrong: relative error 1 (allowed 1e-06)")
    assert "a sign error" in message
    assert "W1" not in message and "b1" not in message  # only the wrong tensor is reported


def test_a_missing_one_over_m_fails_with_the_factor_m() -> None:
    net = MLP()
    grads = {k: M * v for k, v in net.gradients(net.params).items()}
    message = failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1, m=M))
    assert f"yours is {M} (= m) times too large: a missing 1/m?" in message
    assert message.count("missing 1/m") == 4  # one line per tensor


def test_an_extra_one_over_m_is_named_too() -> None:
    net = MLP()
    grads = {k: v / M for k, v in net.gradients(net.params).items()}
    message = failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1, m=M))
    assert "times too small: an extra 1/m?" in message


def test_other_scalings_and_unrelated_errors() -> None:
    net = MLP()
    grads = net.gradients(net.params)
    grads["b2"] = 3 * grads["b2"]
    assert "scaled by 3" in failure(lambda: gradient_check(net.loss, net.params, grads))
    grads = net.gradients(net.params)
    grads["W1"] = grads["W1"].copy()
    grads["W1"][2, 1] += 1.0
    message = failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1))
    assert "worst entry (2, 1)" in message
    assert "yours" in message and "numerical" in message


def test_a_zero_true_gradient_is_explained() -> None:
    flat = {"W": np.ones((2, 2))}
    message = failure(lambda: gradient_check(lambda p: 1.0, flat, {"W": np.ones((2, 2))}))
    assert "the true gradient is zero here but yours is not" in message


def test_wrong_shape_or_missing_gradients_fail_before_any_difference() -> None:
    net = MLP()
    grads = net.gradients(net.params)
    grads["b1"] = grads["b1"].ravel()
    message = failure(lambda: gradient_check(net.loss, net.params, grads))
    assert "the gradient b1 has shape (4,), expected (4, 1)" in message
    assert "keepdims=True" in message
    del grads["b1"]
    assert "the gradient b1 should be" in failure(
        lambda: gradient_check(net.loss, net.params, grads)
    )


def test_entries_whose_step_crosses_a_kink_are_skipped_and_reported() -> None:
    net = MLP()
    net.put_unit_near_kink(unit=1, example=2, distance=1e-6)
    grads = net.gradients(net.params)
    report, notes = capture_notes(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1))
    assert report.skipped == {"W1": 3, "b1": 1}  # row 1 of W1 and b1[1] move Z1[1, :]
    assert "3 entries of W1 were not checked: too close to a kink" in notes
    assert "1 entries of b1 were not checked: too close to a kink" in notes


def test_a_unit_near_its_kink_does_not_hide_wrong_gradients_elsewhere() -> None:
    """Only the entries that move the unit near its kink are skipped, not all of them."""
    net = MLP()
    net.put_unit_near_kink(unit=0, example=0, distance=1e-4)
    grads = {k: 100 * v for k, v in net.gradients(net.params).items()}
    message = failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1))
    for name in ("W1", "b1", "W2", "b2"):
        assert f"the gradient {name} is wrong" in message


def test_an_input_exactly_at_the_kink_accepts_either_one_sided_derivative() -> None:
    net = MLP()
    net.put_unit_near_kink(unit=2, example=0, distance=0.0)
    grads = net.gradients(net.params)  # uses (z > 0): the left derivative at 0
    report = gradient_check(net.loss, net.params, grads, kinks=net.z1)
    assert report.skipped["b1"] == 1


def test_numerical_gradient_of_a_quadratic() -> None:
    a = np.array([[1.0, -2.0], [0.5, 3.0]])
    params = {"A": a}
    grad, skipped = numerical_gradient(lambda p: float(np.sum(p["A"] ** 2)), params, "A")
    assert np.allclose(grad, 2 * a, rtol=1e-8)
    assert not skipped.any()
    assert params["A"] is a and np.array_equal(a, [[1.0, -2.0], [0.5, 3.0]])  # untouched


def test_relative_error() -> None:
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.array([1.0]), np.array([-1.0])) == 1.0
    assert relative_error(np.array([3.0, 4.0]), np.array([3.0, 4.0])) == 0.0
    assert relative_error(np.array([2.0]), np.array([1.0])) == pytest.approx(1 / 3)


def test_the_tolerance_comes_from_the_exercise() -> None:
    net = MLP()
    grads = {k: v * (1 + 1e-4) for k, v in net.gradients(net.params).items()}
    failure(lambda: gradient_check(net.loss, net.params, grads, kinks=net.z1))
    token = current_tolerances.set(Tolerances(gradient=1e-3))
    try:
        gradient_check(net.loss, net.params, grads, kinks=net.z1)
    finally:
        current_tolerances.reset(token)


class Counting:
    """A smooth loss of one large tensor that counts its evaluations."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.target = np.random.default_rng(3).normal(size=shape)
        self.calls = 0

    def loss(self, p: Params) -> float:
        self.calls += 1
        return float(0.5 * np.sum((p["W"] - self.target) ** 2) + np.sum(np.sin(p["W"])))

    def gradient(self, w: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return w - self.target + np.cos(w)


def test_large_tensors_are_checked_along_random_directions() -> None:
    counting = Counting((60, 50))  # 3000 entries > full_below
    w = np.zeros((60, 50))
    report = gradient_check(
        counting.loss, {"W": w}, {"W": counting.gradient(w)}, directions=12, full_below=2000
    )
    assert counting.calls == 2 * 12  # not 2 * 3000
    assert report.errors["W"] < 1e-6


def test_a_wrong_large_tensor_is_then_located_entry_by_entry() -> None:
    counting = Counting((50, 50))
    w = np.zeros((50, 50))
    grad = counting.gradient(w)
    grad[7, 42] += 5.0
    message = failure(
        lambda: gradient_check(
            counting.loss, {"W": w}, {"W": grad}, rng=np.random.default_rng(0), full_below=100
        )
    )
    assert "the gradient W is wrong" in message
    assert "worst entry (7, 42)" in message
