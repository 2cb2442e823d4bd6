"""reference.network: the lecture's shallow network, gradient-checked against its own losses."""

import numpy as np
import pytest
from gradcheck_util import MAX_RELATIVE_ERROR, Array, H, numerical_gradient, relative_error

from reference import network as nn
from reference.activations import ACTIVATIONS

KINK_MARGIN = 1e-3  # every Z1 entry stays this far from the ReLU kink at 0
HIDDEN = sorted(ACTIVATIONS)
OUTPUTS = ["sigmoid", "linear"]
PARAM_NAMES = ["W1", "b1", "W2", "b2"]


def random_params(rng: np.random.Generator, n_x: int, n_h: int, n_y: int) -> nn.Params:
    """Weights and (non-zero) biases of order 1, so no gradient is trivially small."""
    return {
        "W1": rng.normal(size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(n_y, n_h)),
        "b2": rng.normal(size=(n_y, 1)),
    }


def kink_free_problem(
    seed: int, n_x: int, n_h: int, n_y: int, m: int, output: str
) -> tuple[Array, Array, nn.Params]:
    """(X, Y, params) with every |Z1| > KINK_MARGIN and Z1 of both signs (resampled until so)."""
    rng = np.random.default_rng(seed)
    while True:
        params = random_params(rng, n_x, n_h, n_y)
        X = rng.normal(size=(n_x, m))
        Z1 = params["W1"] @ X + params["b1"]
        if np.min(np.abs(Z1)) > KINK_MARGIN and np.any(Z1 > 0) and np.any(Z1 < 0):
            break
    if output == "sigmoid":
        Y = rng.integers(0, 2, size=(n_y, m)).astype(np.float64)
    else:
        Y = rng.normal(size=(n_y, m))
    return X, Y, params


def mean_loss(X: Array, Y: Array, params: nn.Params, hidden: str, output: str) -> float:
    A2, _ = nn.forward(X, params, hidden, output)
    return nn.compute_loss(A2, Y, output)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("n_x", "n_h", "n_y", "m"), [(4, 3, 2, 5), (3, 6, 1, 7)])
def test_backward_matches_central_differences_of_the_loss(
    hidden: str, output: str, n_x: int, n_h: int, n_y: int, m: int
) -> None:
    X, Y, params = kink_free_problem(11, n_x, n_h, n_y, m, output)
    Z1 = params["W1"] @ X + params["b1"]
    assert np.min(np.abs(Z1)) > KINK_MARGIN
    # A nudge of H to one W1 or b1 entry moves Z1 by at most H * max(1, |X|): no kink is crossed.
    assert H * max(1.0, float(np.max(np.abs(X)))) < KINK_MARGIN
    assert all(np.all(params[b] != 0) for b in ("b1", "b2"))

    _, cache = nn.forward(X, params, hidden, output)
    grads = nn.backward(X, Y, params, cache, hidden, output)

    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    for name in PARAM_NAMES:
        analytic = grads["d" + name]
        numeric = numerical_gradient(lambda: mean_loss(X, Y, params, hidden, output), params[name])
        assert analytic.shape == params[name].shape
        assert np.linalg.norm(numeric) > 1e-6, f"{name}: gradient too small to check"
        error = relative_error(analytic, numeric)
        assert error < MAX_RELATIVE_ERROR, f"{hidden}/{output} d{name}: rel. error {error:.2e}"


def test_backward_does_not_modify_its_inputs() -> None:
    X, Y, params = kink_free_problem(5, 4, 3, 2, 5, "sigmoid")
    _, cache = nn.forward(X, params)
    copies = [{k: v.copy() for k, v in d.items()} for d in (params, cache)]
    X_before, Y_before = X.copy(), Y.copy()
    nn.backward(X, Y, params, cache)
    for original, copy in zip((params, cache), copies, strict=True):
        for key in copy:
            np.testing.assert_array_equal(original[key], copy[key])
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(
    ("n_x", "n_h", "n_y", "m"),
    [(4, 3, 2, 5), (2, 4, 1, 1), (3, 1, 1, 6), (1, 1, 1, 1), (5, 7, 3, 9)],
)
def test_vectorized_forward_equals_the_lecture_loop(
    hidden: str, output: str, n_x: int, n_h: int, n_y: int, m: int
) -> None:
    rng = np.random.default_rng(n_x * 100 + n_h * 10 + m)
    params = random_params(rng, n_x, n_h, n_y)
    X = rng.normal(size=(n_x, m))
    A2, cache = nn.forward(X, params, hidden, output)
    A2_loop, cache_loop = nn.forward_loop(X, params, hidden, output)

    assert set(cache) == set(cache_loop) == {"Z1", "A1", "Z2", "A2"}
    assert A2.shape == (n_y, m) and A2.dtype == np.float64
    np.testing.assert_allclose(A2, A2_loop, rtol=1e-12)
    np.testing.assert_array_equal(cache["A2"], A2)
    for key, shape in {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}.items():
        assert cache[key].shape == cache_loop[key].shape == shape
        np.testing.assert_allclose(cache[key], cache_loop[key], rtol=1e-12)


def test_forward_follows_the_lecture_equations_and_leaves_inputs_alone() -> None:
    rng = np.random.default_rng(2)
    params = random_params(rng, 3, 4, 1)
    X = rng.normal(size=(3, 6))
    snapshot = {k: v.copy() for k, v in params.items()}, X.copy()
    A2, cache = nn.forward(X, params)

    Z1 = params["W1"] @ X + params["b1"]
    Z2 = params["W2"] @ np.maximum(Z1, 0) + params["b2"]
    np.testing.assert_allclose(cache["Z1"], Z1, rtol=1e-15)
    np.testing.assert_allclose(A2, 1 / (1 + np.exp(-Z2)), rtol=1e-14)
    for key, value in snapshot[0].items():
        np.testing.assert_array_equal(params[key], value)
    np.testing.assert_array_equal(X, snapshot[1])
    linear_A2, linear_cache = nn.forward(X, params, output="linear")
    np.testing.assert_allclose(linear_A2, Z2, rtol=1e-14)
    assert not np.shares_memory(linear_cache["A2"], linear_cache["Z2"])


def test_losses_are_means_over_examples() -> None:
    A2 = np.array([[0.9, 0.2, 0.6, 0.5]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    expected_bce = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    assert nn.binary_cross_entropy(A2, Y) == pytest.approx(expected_bce, rel=1e-14)
    assert nn.squared_error(A2, Y) == pytest.approx((0.01 + 0.04 + 0.36 + 0.25) / 8, rel=1e-14)
    assert isinstance(nn.binary_cross_entropy(A2, Y), float)


def test_cross_entropy_is_finite_when_predictions_saturate() -> None:
    A2 = np.array([[0.0, 1.0, 1.0, 0.0]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0]])
    with np.errstate(all="raise"):
        loss = nn.binary_cross_entropy(A2, Y)
    assert np.isfinite(loss) and loss > 10


def test_initialize_parameters_shapes_scale_and_seeding() -> None:
    params = nn.initialize_parameters(4, 3, 2, np.random.default_rng(0))
    shapes = {"W1": (3, 4), "b1": (3, 1), "W2": (2, 3), "b2": (2, 1)}
    assert {k: v.shape for k, v in params.items()} == shapes
    assert all(v.dtype == np.float64 for v in params.values())
    assert np.all(params["b1"] == 0) and np.all(params["b2"] == 0)
    assert 0 < np.max(np.abs(params["W1"])) < 0.05
    again = nn.initialize_parameters(4, 3, 2, np.random.default_rng(0))
    for key in shapes:
        np.testing.assert_array_equal(params[key], again[key])
    wide = nn.initialize_parameters(4, 3, 2, np.random.default_rng(0), scale=1.0)
    np.testing.assert_allclose(wide["W1"], params["W1"] * 100, rtol=1e-15)


def test_update_parameters_steps_against_the_gradient_without_mutating() -> None:
    params = random_params(np.random.default_rng(1), 2, 3, 1)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    new = nn.update_parameters(params, grads, learning_rate=0.5)
    for key in params:
        np.testing.assert_array_equal(new[key], before[key] - 0.5)
        np.testing.assert_array_equal(params[key], before[key])


@pytest.mark.parametrize("hidden", HIDDEN)
def test_train_and_predict_learn_a_nonlinear_boundary(hidden: str) -> None:
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(2, 200))
    Y = (np.sum(X**2, axis=0, keepdims=True) < 0.5).astype(np.float64)  # inside a circle
    params, losses = nn.train(
        X, Y, n_h=8, rng=rng, learning_rate=1.0, num_iterations=3000, hidden=hidden
    )
    assert len(losses) == 3000 and losses[-1] < 0.5 * losses[0]
    accuracy = np.mean(nn.predict(X, params, hidden) == Y)
    assert accuracy > 0.9


def test_train_regression_with_linear_output_decreases_squared_error() -> None:
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, size=(3, 100))
    Y = np.sum(X, axis=0, keepdims=True)
    _, losses = nn.train(X, Y, 4, rng, 0.1, 2000, hidden="tanh", output="linear")
    assert losses[-1] < 1e-2 * losses[0]


def test_predict_thresholds_the_sigmoid_at_one_half() -> None:
    params = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    params |= {"W2": np.zeros((1, 1)), "b2": np.array([[1e-9]])}
    X = np.zeros((1, 3))
    np.testing.assert_array_equal(nn.predict(X, params), [[1.0, 1.0, 1.0]])
    params["b2"] = np.array([[0.0]])  # A2 == 0.5 exactly: not above the threshold
    np.testing.assert_array_equal(nn.predict(X, params), [[0.0, 0.0, 0.0]])


def test_unknown_activation_names_are_rejected() -> None:
    X, _, params = kink_free_problem(0, 2, 2, 1, 3, "sigmoid")
    with pytest.raises(ValueError, match="hidden activation 'softplus'"):
        nn.forward(X, params, hidden="softplus")
    with pytest.raises(ValueError, match="output activation 'softmax'"):
        nn.forward(X, params, output="softmax")
