# source: boringPpl/hasbrain-helper-files, neural-network/final.py, 0d7944703767ccd23f0ddc880639c48eb0168f65
# truth: buggy
# named: tanh-hidden, asserts-one-output
# The planar-data forward pass taking one example per row (W1 @ X.T), with a tanh hidden layer, a print of Z1 and an assertion of a single output unit.

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward_rows(X, parameters):
    Z1 = np.dot(parameters["W1"], X.T) + parameters["b1"]
    print(Z1)
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    assert A2.shape == (1, X.shape[0])
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward(X, params):
    return forward_rows(X.T, params)  # the repository is given one example per row


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for relu, forward_loop.
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
