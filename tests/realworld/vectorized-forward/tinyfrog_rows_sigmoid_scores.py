# source: tinyfrog/tinyfrog-sikurity-1, b2_ch1/ex1.py, 4635cea4f2ff2cbcc12a199b0cf2430a14afd749
# truth: buggy
# named: sigmoid-hidden, no-output-activation
# A "Deep Learning from Scratch 2" chapter-1 script: one example per row, h = x @ W1 + b1, a = sigmoid(h), and the raw scores s = a @ W2 + b2 as the output.

import numpy as np


def _common_sigmoid(x):
    # the repository's sigmoid (b2_common/function.py)
    return 1 / (1 + np.exp(-x))


def forward_rows(x, W1, b1, W2, b2):
    h = np.matmul(x, W1) + b1
    a = _common_sigmoid(h)
    s = np.matmul(a, W2) + b2
    return s, {"Z1": h, "A1": a, "Z2": s, "A2": s}


def forward(X, params):
    # one example per row in the repository, with 1-D biases: transpose in, and every result back out
    s, cache = forward_rows(X.T, params["W1"].T, params["b1"].ravel(), params["W2"].T, params["b2"].ravel())
    return s.T, {key: value.T for key, value in cache.items()}


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
