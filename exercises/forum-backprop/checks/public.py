"""Public checks of forum-backprop: fixed cases with literal answers, no reference needed."""

import itertools

import numpy as np

from grader.checks import check, expect, expect_array, expect_close

# The post's hand-set weights, for which the network computes the sum of its 5 inputs.
SUM_WEIGHTS = [
    {"W": np.array([[1.0, -1.0]] * 5), "b": np.array([0.0, 0.0])},
    {"W": np.array([[1.0], [-1.0]]), "b": np.array([0.0])},
]

# One example through a [3, 2, 2] network: hidden unit 0 is active (z = 1.5), unit 1
# is not (z = -3.5); outputs [3.5, 1] for targets [1, 2]. With n_h == n_out the post's
# `np.sum(a * dely, axis=0)` runs (and gives wrong values) instead of raising.
TINY_LAYERS, TINY_ALPHA = [3, 2, 2], 0.25
TINY_WEIGHTS = [
    {"W": np.array([[0.5, -1.0], [1.0, 0.5], [-0.5, -1.0]]), "b": np.array([0.5, -0.5])},
    {"W": np.array([[2.0, 1.0], [-1.0, 0.5]]), "b": np.array([0.5, -0.5])},
]
TINY_X, TINY_T = np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, 2.0]])
# After one step of gradient descent on L = 1/2 * sum((T - y)**2), worked out by hand:
# dL/dy = [2.5, -1], dL/dW1 = a.T @ dL/dy = [[3.75, -1.5], [0, 0]],
# dL/da = [4, -3], dL/dz = [4, 0] (unit 1 is off), dL/dW0 = x.T @ dL/dz.
TINY_AFTER = [
    {"W": np.array([[-0.5, -1.0], [-1.0, 0.5], [-3.5, -1.0]]), "b": np.array([-0.5, -0.5])},
    {"W": np.array([[1.0625, 1.375], [-1.0, 0.5]]), "b": np.array([-0.125, -0.25])},
]


def _shape_of_weights(weights, layers, when):
    """Fail unless ``weights`` is a list of {"W", "b"} dicts shaped for ``layers``."""
    expect(
        isinstance(weights, list) and len(weights) == len(layers) - 1,
        f"{when}, weights should be a list of {len(layers) - 1} dicts, "
        f"one per layer, but it is {type(weights).__name__}"
        + (f" of length {len(weights)}" if isinstance(weights, list) else ""),
    )
    for i, layer in enumerate(weights):
        expect(
            isinstance(layer, dict) and {"W", "b"} <= set(layer),
            f"{when}, weights[{i}] should be a dict with keys 'W' and 'b'",
        )
        for key, shape in (("W", (layers[i], layers[i + 1])), ("b", (layers[i + 1],))):
            expect_array(layer[key], np.zeros(shape), what=f"{when}, weights[{i}][{key!r}]")
            expect(
                bool(np.all(np.isfinite(layer[key]))),
                f"{when}, weights[{i}][{key!r}] holds NaN or inf",
            )


@check(
    "evaluate computes the sum of the inputs with the post's hand-set weights, and a "
    "small case by hand",
    points=1,
    visibility="visible",
    requires=("evaluate_matches",),
)
def evaluate_sum_weights(submission):
    net = submission.NeuralNetwork([5, 2, 1], 0.001)
    net.weights = SUM_WEIGHTS
    X = np.array([[1.0, 2, 3, 4, 5], [1, 2, 3, 4, 6], [-1, -2, -3, -4, -6], [0.5, 0, 0, 0, -2]])
    expect_close(net.evaluate(X), np.array([[15.0], [16.0], [-16.0], [-1.5]]), what="evaluate(X)")
    # And with other weights, so that the outputs come from the weights, not the task.
    net = submission.NeuralNetwork(TINY_LAYERS, TINY_ALPHA)
    net.weights = TINY_WEIGHTS
    expect_close(net.evaluate(TINY_X), np.array([[3.5, 1.0]]), what=f"evaluate({TINY_X.tolist()})")


@check(
    "NeuralNetwork(layers, alpha) creates weights of the shapes the post uses",
    points=1,
    visibility="visible",
    misconceptions=False,
)
def weights_shapes(submission):
    for layers in ([5, 2, 1], [4, 3, 2]):
        net = submission.NeuralNetwork(layers, 0.01)
        when = f"after NeuralNetwork({layers}, 0.01)"
        weights = net.weights
        _shape_of_weights(weights, layers, when)
        # Shapes earn the point only with a usable start: weights that are all equal
        # (zeros, say) make every hidden unit compute, and learn, the same thing.
        for i, layer in enumerate(weights):
            W = np.asarray(layer["W"], dtype=float)
            expect(
                np.ptp(W) > 0,
                f"{when}, every entry of weights[{i}]['W'] is {W.flat[0]:g}: the weights must "
                "start random (the post draws them from a normal distribution), or every "
                "hidden unit computes, and learns, the same thing",
            )


@check(
    "one update_weights step on a one-example case gives the weights worked out by hand",
    points=3,
    visibility="visible",
    requires=("output_layer_gradient", "hidden_layer_gradient"),
)
def tiny_update(submission):
    net = submission.NeuralNetwork(TINY_LAYERS, TINY_ALPHA)
    net.weights = TINY_WEIGHTS
    net.update_weights(TINY_X, TINY_T)
    after = net.weights
    _shape_of_weights(after, TINY_LAYERS, "after update_weights")
    for i, layer in enumerate(TINY_AFTER):
        for key in ("W", "b"):
            expect_close(after[i][key], layer[key], what=f"weights[{i}][{key!r}] after the update")


def _squared_error(weights, X, T):
    """L = 1/2 * sum((T - y)**2) for the post's network (ReLU hidden, linear output)."""
    hidden = np.maximum(X @ weights[0]["W"] + weights[0]["b"], 0.0)
    return 0.5 * float(np.sum((T - (hidden @ weights[1]["W"] + weights[1]["b"])) ** 2))


@check(
    "update_weights keeps the weight shapes and lowers the squared error, "
    "for layers [5, 2, 1] and [4, 3, 2]",
    points=1,
    visibility="visible",
)
def update_runs(submission, rng):
    for layers in ([5, 2, 1], [4, 3, 2]):
        net = submission.NeuralNetwork(layers, 0.01)
        start = [
            {"W": rng.normal(0, 0.5, size=(n_in, n_out)), "b": rng.normal(0, 0.5, size=n_out)}
            for n_in, n_out in itertools.pairwise(layers)
        ]
        net.weights = start
        X = rng.uniform(-1, 1, size=(6, layers[0]))
        T = rng.uniform(-1, 1, size=(6, layers[-1]))
        net.update_weights(X, T)
        after = net.weights
        when = f"after update_weights with layers {layers}"
        _shape_of_weights(after, layers, when)
        # Keeping the shapes earns the point only with a step that does its job: a small
        # step against the gradient lowers the error (computed here from the weights).
        before, now = _squared_error(start, X, T), _squared_error(after, X, T)
        expect(
            now < before,
            f"{when} (alpha = 0.01), the squared error 1/2 * sum((T - y)**2) went from "
            f"{before:.6g} to {now:.6g}: a gradient-descent step should lower it"
            + (" (the weights did not move)" if now == before else ""),
        )
