"""reference.activations: values, derivatives (gradient-checked), stability, no input mutation."""

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

import numpy as np
import pytest
from gradcheck_util import MAX_RELATIVE_ERROR, Array, numerical_derivative, relative_error

from reference import activations as act

KINK_MARGIN = 1e-3  # keep |z| this far from the ReLU kink at 0

DERIVATIVE_PAIRS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    **act.ACTIVATIONS,
    "leaky_relu(alpha=0.2)": (
        partial(act.leaky_relu, alpha=0.2),
        partial(act.leaky_relu_derivative, alpha=0.2),
    ),
}

ELEMENTWISE = [
    act.sigmoid,
    act.sigmoid_derivative,
    act.tanh,
    act.tanh_derivative,
    act.relu,
    act.relu_derivative,
    act.leaky_relu,
    act.leaky_relu_derivative,
]


@contextmanager
def no_floating_point_trouble() -> Iterator[None]:
    """Any warning, overflow, division by zero or NaN raises.

    Underflow is allowed: exp(-1e4) is exactly 0 in float64, the right answer.
    """
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


def kink_free(rng: np.random.Generator, shape: tuple[int, ...]) -> Array:
    """Values in [-4, 4] with both signs, none within KINK_MARGIN of 0."""
    z = rng.uniform(-4.0, 4.0, shape)
    while np.min(np.abs(z)) <= KINK_MARGIN or np.all(z > 0) or np.all(z < 0):
        z = rng.uniform(-4.0, 4.0, shape)
    assert np.min(np.abs(z)) > KINK_MARGIN
    assert np.any(z > 0) and np.any(z < 0)
    return z


@pytest.mark.parametrize("name", DERIVATIVE_PAIRS)
@pytest.mark.parametrize("shape", [(2,), (3, 5), (2, 3, 4)])
def test_derivative_matches_central_difference(name: str, shape: tuple[int, ...]) -> None:
    g, g_prime = DERIVATIVE_PAIRS[name]
    z = kink_free(np.random.default_rng(7), shape)
    error = relative_error(g_prime(z), numerical_derivative(g, z))
    assert error < MAX_RELATIVE_ERROR, f"{name}: relative error {error:.2e}"


def test_values_match_the_lecture_formulas() -> None:
    z = np.linspace(-6.0, 6.0, 25).reshape(5, 5)
    np.testing.assert_allclose(act.sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(
        act.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)), rtol=1e-13
    )
    np.testing.assert_array_equal(act.relu(z), np.maximum(0.0, z))
    np.testing.assert_array_equal(act.leaky_relu(z), np.maximum(0.01 * z, z))
    np.testing.assert_array_equal(act.relu_derivative(z), (z > 0).astype(float))
    assert act.sigmoid_derivative(np.array([0.0]))[0] == 0.25
    assert act.tanh_derivative(np.array([0.0]))[0] == 1.0


def test_derivatives_at_the_kink_follow_the_convention() -> None:
    assert act.relu_derivative(np.array([0.0]))[0] == 0.0
    assert act.leaky_relu_derivative(np.array([0.0]))[0] == 0.01
    assert act.leaky_relu_derivative(np.array([0.0]), alpha=0.2)[0] == 0.2
    assert act.relu_derivative(np.array([-1e-300, 1e-300])).tolist() == [0.0, 1.0]


def test_softmax_matches_the_lecture_example_and_columns_sum_to_one() -> None:
    z = np.array([[1.2, 0.0], [0.9, 0.0], [0.75, 0.0]])
    a = act.softmax(z)
    np.testing.assert_allclose(a[:, 0], [0.42, 0.31, 0.27], atol=0.005)
    np.testing.assert_allclose(a[:, 1], [1 / 3, 1 / 3, 1 / 3], rtol=1e-15)
    expected = np.exp(z) / np.sum(np.exp(z), axis=0)
    np.testing.assert_allclose(a, expected, rtol=1e-14)
    np.testing.assert_allclose(np.sum(a, axis=0), 1.0, rtol=1e-15)


@pytest.mark.parametrize("z", [1e4, -1e4, 710.0, -745.5])
def test_sigmoid_and_its_derivative_are_finite_without_warnings_at_large_z(z: float) -> None:
    with no_floating_point_trouble():
        s = act.sigmoid(np.array([z]))
        ds = act.sigmoid_derivative(np.array([z]))
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ds))
    assert s[0] == (1.0 if z > 0 else pytest.approx(0.0, abs=1e-300))
    assert 0.0 <= ds[0] < 1e-300


def test_softmax_is_finite_without_warnings_at_large_z() -> None:
    z = np.array([[1e4, -1e4, 1e3], [-1e4, -1e4, 1e3 + 1.0], [0.0, 1e4, 1e3]])
    with no_floating_point_trouble():
        a = act.softmax(z)
    assert np.all(np.isfinite(a))
    np.testing.assert_allclose(a[:, 0], [1.0, 0.0, 0.0], atol=1e-300)
    np.testing.assert_allclose(a[:, 1], [0.0, 0.0, 1.0], atol=1e-300)
    np.testing.assert_allclose(a[:, 2], act.softmax(np.array([[0.0], [1.0], [0.0]]))[:, 0])


@pytest.mark.parametrize("g", ELEMENTWISE, ids=lambda g: g.__name__)
@pytest.mark.parametrize("shape", [(), (4,), (2, 3), (2, 3, 4)])
def test_elementwise_returns_a_new_float64_array_and_leaves_input_alone(
    g: Callable[[Array], Array], shape: tuple[int, ...]
) -> None:
    z = np.random.default_rng(3).normal(size=shape) * 3
    before = z.copy()
    out = g(z)
    assert isinstance(out, np.ndarray)
    assert out.shape == shape and out.dtype == np.float64
    assert not np.shares_memory(out, z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("g", ELEMENTWISE, ids=lambda g: g.__name__)
def test_elementwise_accepts_int_arrays(g: Callable[[Array], Array]) -> None:
    z = np.array([[-2, 0, 3]])
    np.testing.assert_array_equal(g(z), g(z.astype(np.float64)))
    assert g(z).dtype == np.float64


def test_softmax_leaves_input_alone() -> None:
    z = np.random.default_rng(4).normal(size=(3, 4))
    before = z.copy()
    a = act.softmax(z)
    assert a.shape == z.shape and a.dtype == np.float64 and not np.shares_memory(a, z)
    np.testing.assert_array_equal(z, before)


def test_activations_table_lists_the_hidden_activations() -> None:
    assert set(act.ACTIVATIONS) == {"relu", "leaky_relu", "tanh", "sigmoid"}
    assert act.ACTIVATIONS["relu"] == (act.relu, act.relu_derivative)
