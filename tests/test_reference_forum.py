"""reference.forum: the forum post's network, corrected, and the post's story reproduced.

The post trains a 5-2-1 ReLU network 1000 times on two examples and sees it end
as the constant 15.5 with every hidden unit switched off. ``PostNetwork`` below
is the post's update made runnable; ``NeuralNetwork`` is the corrected one.
"""

import numpy as np
import pytest
from gradcheck_util import MAX_RELATIVE_ERROR, Array, H, numerical_gradient, relative_error

from reference.forum import NeuralNetwork

POST_INPUT = np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 6.0]])
POST_TARGET = np.array([[15.0], [16.0]])
POST_STEPS = 1000
SEEDS = range(20)
KINK_MARGIN = 1e-3


class PostNetwork(NeuralNetwork):
    """The post's ``update_weights``, with only what it takes to run.

    Kept from the post: the ReLU derivative written as ``np.maximum(z, 0) * da``,
    ``dely = target - output`` added with ``+= alpha * grad`` (ascent on -L, which is
    descent on L), and the output weight gradient ``np.sum(a * dely, axis=0)``.
    Added: the lost list indices, ``a`` (the post never defines it), and a reshape
    of that 1-D (n_h,) gradient to W's (n_h, 1), since ``.T`` does nothing to a 1-D
    array and a (n_h,) array cannot be added in place to (n_h, 1) weights.
    """

    def update_weights(self, training_input: Array, target_output: Array) -> None:
        w0, w1 = self.weights
        training_output = self.evaluate(training_input)
        dely = target_output - training_output

        z = training_input @ w0["W"] + w0["b"]
        a = np.maximum(z, 0)
        db1 = np.sum(dely, axis=0)
        dw1 = np.sum(a * dely, axis=0).reshape(w1["W"].shape)

        da = dely @ w1["W"].T
        dz = np.maximum(z, 0) * da  # the bug: should be (z > 0) * da

        db0 = np.sum(dz, axis=0).T
        dw0 = training_input.T @ dz

        w0["W"] += self.alpha * dw0
        w0["b"] += self.alpha * db0
        w1["W"] += self.alpha * dw1
        w1["b"] += self.alpha * db1


def train_on_post_data(network: NeuralNetwork) -> NeuralNetwork:
    for _ in range(POST_STEPS):
        network.update_weights(POST_INPUT, POST_TARGET)
    return network


def hidden_pre_activation(network: NeuralNetwork, x: Array) -> Array:
    return x @ network.weights[0]["W"] + network.weights[0]["b"]


def all_hidden_units_dead(network: NeuralNetwork) -> bool:
    return bool(np.all(hidden_pre_activation(network, POST_INPUT) <= 0))


def is_the_posts_constant(network: NeuralNetwork) -> bool:
    """Every hidden unit off on both inputs, and the output the mean target 15.5."""
    output = network.evaluate(POST_INPUT)
    return all_hidden_units_dead(network) and bool(np.all(np.abs(output - 15.5) < 1e-6))


def sum_function_network(cls: type[NeuralNetwork] = NeuralNetwork) -> NeuralNetwork:
    """The post's hand-set weights: relu(s) - relu(-s) = s, with s the sum of the inputs."""
    network = cls([5, 2, 1], alpha=0.01)
    network.weights[0] = {"W": np.array([[1.0, -1.0]] * 5), "b": np.array([0.0, 0.0])}
    network.weights[1] = {"W": np.array([[1.0], [-1.0]]), "b": np.array([0.0])}
    return network


# (a) The post's collapse.


def test_post_update_collapses_to_the_mean_target_for_most_seeds() -> None:
    """alpha = 0.01: 20 of 20 seeds end as the constant 15.5 (15 required).

    1000 steps can only bring the output bias to 15.5 +- 1e-6 if alpha >= ~0.009,
    since once the hidden units are off it moves as b <- b + 2 alpha (15.5 - b).
    At such a step size the corrected network dies too (see the next test).
    """
    collapsed = [
        is_the_posts_constant(train_on_post_data(PostNetwork([5, 2, 1], 0.01, rng)))
        for rng in map(np.random.default_rng, SEEDS)
    ]
    assert sum(collapsed) >= 15, f"only {sum(collapsed)} of 20 seeds collapsed"

    network = train_on_post_data(PostNetwork([5, 2, 1], 0.01, np.random.default_rng(0)))
    assert np.all(hidden_pre_activation(network, POST_INPUT) <= 0)
    np.testing.assert_allclose(network.evaluate(POST_INPUT), [[15.5], [15.5]], atol=1e-6)
    np.testing.assert_allclose(network.weights[1]["b"], [15.5], atol=1e-6)


def test_the_derivative_bug_kills_units_the_corrected_network_keeps() -> None:
    """alpha = 0.002: the post's update kills every hidden unit on 20 of 20 seeds;
    the corrected gradient leaves some unit alive on 14 of 20 (3 seeds start dead)."""
    post_dead = [
        all_hidden_units_dead(train_on_post_data(PostNetwork([5, 2, 1], 0.002, rng)))
        for rng in map(np.random.default_rng, SEEDS)
    ]
    fixed_dead = [
        all_hidden_units_dead(train_on_post_data(NeuralNetwork([5, 2, 1], 0.002, rng)))
        for rng in map(np.random.default_rng, SEEDS)
    ]
    assert sum(post_dead) >= 15
    assert sum(fixed_dead) <= 8


# (b) The post's hand-set optimum is a fixed point.


def test_hand_set_sum_weights_have_zero_loss_and_zero_gradient() -> None:
    rng = np.random.default_rng(42)
    x = rng.integers(-9, 10, size=(1000, 5)).astype(np.float64)  # integers: sums are exact
    x[np.sum(x, axis=1) < 0] *= -1  # every example with a non-negative sum
    optimum = sum_function_network().weights
    for inputs in (POST_INPUT, x):
        target = np.sum(inputs, axis=1, keepdims=True)
        network = sum_function_network()
        assert network.loss(inputs, target) == 0.0
        for gradient in network.gradients(inputs, target):
            assert np.all(gradient["W"] == 0.0) and np.all(gradient["b"] == 0.0)
        for cls in (NeuralNetwork, PostNetwork):  # "no effect on parameters", as the post saw
            network = sum_function_network(cls)
            network.update_weights(inputs, target)
            for layer, expected in zip(network.weights, optimum, strict=True):
                np.testing.assert_array_equal(layer["W"], expected["W"])
                np.testing.assert_array_equal(layer["b"], expected["b"])


# (c) The corrected network learns the sum.


def test_corrected_network_learns_the_sum_of_five_inputs() -> None:
    """Inputs uniform in [-1, 1] (sums of both signs); alpha = 0.2 / m for the summed loss.

    Init seed 17 reaches a held-out MSE below 1e-6 after ~520 steps and 5e-21 at 2000.
    (At this alpha, 14 of seeds 0..19 get below 1e-6 within 5000 steps; the others
    lose a unit early or park one unit on the wrong side.)
    """
    data = np.random.default_rng(1234)
    x_train = data.uniform(-1.0, 1.0, size=(1000, 5))
    x_test = data.uniform(-1.0, 1.0, size=(200, 5))
    network = NeuralNetwork([5, 2, 1], alpha=0.2 / 1000, rng=np.random.default_rng(17))
    for _ in range(2000):
        network.update_weights(x_train, np.sum(x_train, axis=1, keepdims=True))

    mse = np.mean((network.evaluate(x_test) - np.sum(x_test, axis=1, keepdims=True)) ** 2)
    assert mse < 1e-6
    z = hidden_pre_activation(network, x_test)  # (200, 2)
    assert np.all(np.any(z > 0, axis=0)), "both hidden units stay alive"
    assert np.all(np.any(z < 0, axis=0)), "and both use their kink: relu(s) - relu(-s)"


# (d) The corrected gradients are the gradients of the loss.


def kink_free_problem(seed: int) -> tuple[NeuralNetwork, Array, Array]:
    """A [4, 3, 2] network and data with hidden units off on some examples, |z| > 1e-3."""
    rng = np.random.default_rng(seed)
    while True:
        network = NeuralNetwork([4, 3, 2], alpha=0.1, rng=rng)
        x = rng.normal(size=(6, 4))
        z = hidden_pre_activation(network, x)
        if np.min(np.abs(z)) > KINK_MARGIN and np.any(z < 0) and np.any(z > 0):
            return network, x, rng.normal(size=(6, 2))


def test_gradients_match_central_differences_of_the_loss() -> None:
    network, x, target = kink_free_problem(3)
    z = hidden_pre_activation(network, x)
    assert np.min(np.abs(z)) > KINK_MARGIN and np.any(z < 0) and np.any(z > 0)
    assert H * max(1.0, float(np.max(np.abs(x)))) < KINK_MARGIN  # no nudge crosses a kink

    for layer, gradient in zip(network.weights, network.gradients(x, target), strict=True):
        for key in ("W", "b"):
            numeric = numerical_gradient(lambda: network.loss(x, target), layer[key])
            assert gradient[key].shape == layer[key].shape
            error = relative_error(gradient[key], numeric)
            assert error < MAX_RELATIVE_ERROR, f"d{key}: relative error {error:.2e}"


def test_update_weights_is_one_descent_step_on_the_summed_loss() -> None:
    network, x, target = kink_free_problem(4)
    before = [{k: v.copy() for k, v in layer.items()} for layer in network.weights]
    gradients = network.gradients(x, target)
    loss_before = network.loss(x, target)
    network.update_weights(x, target)
    for old, new, gradient in zip(before, network.weights, gradients, strict=True):
        for key in ("W", "b"):
            np.testing.assert_allclose((old[key] - new[key]) / network.alpha, gradient[key])
    assert network.loss(x, target) < loss_before


# The class itself.


def test_shapes_follow_the_posts_row_convention() -> None:
    network = NeuralNetwork([5, 2, 1], alpha=0.01)
    assert [layer["W"].shape for layer in network.weights] == [(5, 2), (2, 1)]
    assert [layer["b"].shape for layer in network.weights] == [(2,), (1,)]
    assert network.evaluate(np.ones((7, 5))).shape == (7, 1)


def test_initialisation_is_seeded_and_scaled_as_in_the_post() -> None:
    first, second = NeuralNetwork([5, 2, 1], 0.01), NeuralNetwork([5, 2, 1], 0.01)
    for a, b in zip(first.weights, second.weights, strict=True):
        np.testing.assert_array_equal(a["W"], b["W"])
    wide = NeuralNetwork([200, 400, 1], 0.01, rng=np.random.default_rng(1))
    assert np.std(wide.weights[0]["W"]) == pytest.approx(np.sqrt(2 / 200), rel=0.02)
    assert np.std(wide.weights[1]["W"]) == pytest.approx(np.sqrt(2 / 400), rel=0.15)


def test_other_depths_are_rejected() -> None:
    with pytest.raises(ValueError, match="exactly 3 layers"):
        NeuralNetwork([5, 2, 2, 1], alpha=0.01)
