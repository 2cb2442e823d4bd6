# source: peternortonuk/machinelearning, coursera/neural_networks/assignment02_sandpit.py, f87ef96da838c1971d0ad9ac35f5ad30c6359185
# truth: buggy
# named: asserts-one-output, transposed-weights
# missed: sigmoid-hidden: forward returns only when n_x == n_h == n_y == 1 (np.dot(W1.T, X) needs n_h == n_x, np.dot(W2.T, A1) needs n_y == n_h, the assert n_y == 1), a shape no check uses, so the sigmoid hidden layer never shows
# unnamed: the output layer transposes its weights too (np.dot(W2.T, A1)), which needs n_y == n_x (with W1.T, n_x == n_h == n_y) and otherwise raises a shape error
# A deeplearning.ai planar-data forward pass with logistic-regression habits: np.dot(W1.T, X) and np.dot(W2.T, A1), the course's sigmoid in both layers, and assert A2.shape == (1, m).

import numpy as np


def _utils_sigmoid(x):
    # the repository's sigmoid (assignment01_utils.py), imported by the forward pass
    s = 1 / (1 + np.exp(-x))
    return s


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1.T, X) + b1
    A1 = _utils_sigmoid(Z1)
    Z2 = np.dot(W2.T, A1) + b2
    A2 = _utils_sigmoid(Z2)
    assert A2.shape == (1, X.shape[1])
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def forward(X, params):
    return forward_propagation(X, params)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, relu, forward_loop.
def sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def relu(z):
    """max(0, z) element-wise; a new float array."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def forward_loop(X, params):
    """for i = 1 to m: z1 = W1 x(i) + b1, a1 = relu(z1), z2 = W2 a1 + b2, a2 = sigmoid(z2)."""
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    m = X.shape[1]
    n_h, n_y = W1.shape[0], W2.shape[0]
    Z1, A1 = np.zeros((n_h, m)), np.zeros((n_h, m))
    Z2, A2 = np.zeros((n_y, m)), np.zeros((n_y, m))
    for i in range(m):
        x = X[:, i : i + 1]  # (n_x, 1): example i as a column
        z1 = W1 @ x + b1  # (n_h, 1)
        a1 = relu(z1)
        z2 = W2 @ a1 + b2  # (n_y, 1)
        a2 = sigmoid(z2)
        Z1[:, i : i + 1], A1[:, i : i + 1] = z1, a1
        Z2[:, i : i + 1], A2[:, i : i + 1] = z2, a2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
