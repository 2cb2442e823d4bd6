# %%
"""Vectorizing the forward pass of a shallow network.

X has shape (n_x, m), one column per example. params holds W1 (n_h, n_x), b1 (n_h, 1),
W2 (n_y, n_h) and b2 (n_y, 1). Hidden layer: ReLU. Output layer: sigmoid.
"""

import numpy as np

# %%
# Provided helpers: use them, do not change them.


def sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def relu(z):
    """max(0, z) element-wise; a new float array."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


# %%
# Provided: the lecture's forward pass, one example at a time. It works; it is slow.


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


# %%
# Your task: the same computation for all m examples at once, without a Python loop.


def forward(X, params):
    """Vectorized forward pass: returns (A2, cache), cache = {"Z1", "A1", "Z2", "A2"}.

    Z1 = W1 @ X + b1, A1 = relu(Z1), Z2 = W2 @ A1 + b2, A2 = sigmoid(Z2);
    Z1 and A1 have shape (n_h, m), Z2 and A2 shape (n_y, m).
    Do not modify X or params.
    """
    # BEGIN SOLUTION: compute Z1, A1, Z2, A2 for all m columns at once
    Z1 = params["W1"] @ X + params["b1"]  # (n_h, m): the column b1 broadcasts over the m columns
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]  # (n_y, m)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    # END SOLUTION
