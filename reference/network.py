"""The lecture's shallow network: one hidden layer, vectorized across examples.

Notation (lecture): ``X`` is ``(n_x, m)``, one column per example, and

    Z1 = W1 @ X + b1     (n_h, m)
    A1 = g(Z1)           (n_h, m)     g: relu, leaky_relu, tanh or sigmoid
    Z2 = W2 @ A1 + b2    (n_y, m)
    A2 = sigmoid(Z2)     (n_y, m)     or A2 = Z2 for a linear (regression) output

Each output goes with its loss, both averaged over the ``m`` examples:
``"sigmoid"`` with binary cross-entropy, ``"linear"`` with squared error
``1/(2m) * sum((A2 - Y)**2)``. For both pairs ``dZ2 = A2 - Y``.
"""

from collections.abc import Callable

import numpy as np

from reference.activations import ACTIVATIONS, Activation, Array, sigmoid

Params = dict[str, Array]
"""``{"W1", "b1", "W2", "b2"}``."""
Cache = dict[str, Array]
"""``{"Z1", "A1", "Z2", "A2"}``."""
Grads = dict[str, Array]
"""``{"dW1", "db1", "dW2", "db2"}``."""
Loss = Callable[[Array, Array], float]

_BCE_EPS = 1e-15  # keeps log() finite when A2 rounds to exactly 0 or 1


def _hidden_activation(hidden: str) -> tuple[Activation, Activation]:
    if hidden not in ACTIVATIONS:
        raise ValueError(f"unknown hidden activation {hidden!r}; choose from {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[hidden]


def _linear(z: Array) -> Array:
    return z.copy()  # a copy, so that cache["A2"] never aliases cache["Z2"]


def _output_activation(output: str) -> Activation:
    if output == "sigmoid":
        return sigmoid
    if output == "linear":
        return _linear
    raise ValueError(f"unknown output activation {output!r}; choose 'sigmoid' or 'linear'")


def initialize_parameters(
    n_x: int, n_h: int, n_y: int, rng: np.random.Generator, scale: float = 0.01
) -> Params:
    """Small random weights (standard normal times ``scale``) and zero biases."""
    return {
        "W1": rng.standard_normal((n_h, n_x)) * scale,
        "b1": np.zeros((n_h, 1)),
        "W2": rng.standard_normal((n_y, n_h)) * scale,
        "b2": np.zeros((n_y, 1)),
    }


def forward(
    X: Array, params: Params, hidden: str = "relu", output: str = "sigmoid"
) -> tuple[Array, Cache]:
    """Vectorized forward pass over all ``m`` columns of ``X`` at once."""
    g, _ = _hidden_activation(hidden)
    g2 = _output_activation(output)
    Z1 = params["W1"] @ X + params["b1"]  # b1 (n_h, 1) broadcasts over the m columns
    A1 = g(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = g2(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_loop(
    X: Array, params: Params, hidden: str = "relu", output: str = "sigmoid"
) -> tuple[Array, Cache]:
    """The lecture's ``for i = 1 to m`` loop: one example (column) at a time."""
    g, _ = _hidden_activation(hidden)
    g2 = _output_activation(output)
    m = X.shape[1]
    n_h, n_y = params["W1"].shape[0], params["W2"].shape[0]
    shapes = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}
    cache = {key: np.empty(shape) for key, shape in shapes.items()}
    for i in range(m):
        x = X[:, i : i + 1]  # (n_x, 1): example i as a column
        z1 = params["W1"] @ x + params["b1"]
        a1 = g(z1)
        z2 = params["W2"] @ a1 + params["b2"]
        a2 = g2(z2)
        for key, column in (("Z1", z1), ("A1", a1), ("Z2", z2), ("A2", a2)):
            cache[key][:, i : i + 1] = column
    return cache["A2"], cache


def binary_cross_entropy(A2: Array, Y: Array) -> float:
    """-1/m * sum(Y log A2 + (1 - Y) log(1 - A2)), summed over outputs, mean over examples."""
    m = Y.shape[1]
    A2 = np.clip(A2, _BCE_EPS, 1.0 - _BCE_EPS)
    return float(-np.sum(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)) / m)


def squared_error(A2: Array, Y: Array) -> float:
    """1/(2m) * sum((A2 - Y)**2); the 1/2 makes its gradient dZ2 = A2 - Y (times 1/m)."""
    m = Y.shape[1]
    return float(np.sum((A2 - Y) ** 2) / (2 * m))


LOSSES: dict[str, Loss] = {"sigmoid": binary_cross_entropy, "linear": squared_error}
"""The loss that goes with each output activation."""


def compute_loss(A2: Array, Y: Array, output: str = "sigmoid") -> float:
    """The loss paired with ``output``: cross-entropy for sigmoid, squared error for linear."""
    _output_activation(output)  # validates the name
    return LOSSES[output](A2, Y)


def backward(
    X: Array,
    Y: Array,
    params: Params,
    cache: Cache,
    hidden: str = "relu",
    output: str = "sigmoid",
) -> Grads:
    """Gradients of the mean loss (``compute_loss``) with respect to each parameter."""
    _, g_prime = _hidden_activation(hidden)
    _output_activation(output)  # both pairs give the same dZ2
    m = X.shape[1]
    dZ2 = cache["A2"] - Y  # (n_y, m)
    dW2 = dZ2 @ cache["A1"].T / m  # (n_y, n_h)
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m  # (n_y, 1)
    dA1 = params["W2"].T @ dZ2  # (n_h, m)
    dZ1 = dA1 * g_prime(cache["Z1"])  # (n_h, m)
    dW1 = dZ1 @ X.T / m  # (n_h, n_x)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m  # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params: Params, grads: Grads, learning_rate: float) -> Params:
    """One gradient-descent step, W := W - learning_rate * dW; returns new arrays."""
    return {name: params[name] - learning_rate * grads["d" + name] for name in params}


def train(
    X: Array,
    Y: Array,
    n_h: int,
    rng: np.random.Generator,
    learning_rate: float,
    num_iterations: int,
    hidden: str = "relu",
    output: str = "sigmoid",
) -> tuple[Params, list[float]]:
    """Full-batch gradient descent; returns the final parameters and the loss before each step."""
    params = initialize_parameters(X.shape[0], n_h, Y.shape[0], rng)
    losses: list[float] = []
    for _ in range(num_iterations):
        A2, cache = forward(X, params, hidden, output)
        losses.append(compute_loss(A2, Y, output))
        grads = backward(X, Y, params, cache, hidden, output)
        params = update_parameters(params, grads, learning_rate)
    return params, losses


def predict(X: Array, params: Params, hidden: str = "relu") -> Array:
    """Class labels 0.0 / 1.0 of a sigmoid-output network: 1 where A2 > 0.5."""
    A2, _ = forward(X, params, hidden, "sigmoid")
    return (A2 > 0.5).astype(np.float64)
