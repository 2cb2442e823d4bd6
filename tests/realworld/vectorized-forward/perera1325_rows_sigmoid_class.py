# source: Perera1325/NeuroWeave-AI, src/neural_network.py, 706c04313f8d3d736a2803f25105dd46e3d6659a
# truth: buggy
# named: sigmoid-hidden
# A network class with row-convention weights whose forward method applies its own sigmoid in both layers.

import numpy as np


class NeuralNetwork:
    # __init__ (random W1 (n_x, n_h), b1 (1, n_h), ...) is skipped: forward() below sets the weights
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def forward(self, X):
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.output = self.sigmoid(self.z2)
        return self.output


def forward(X, params):
    net = NeuralNetwork()
    net.W1, net.b1, net.W2, net.b2 = params["W1"].T, params["b1"].T, params["W2"].T, params["b2"].T
    out = net.forward(X.T)  # one example per row in the class: transpose in and out
    return out.T, {"Z1": net.z1.T, "A1": net.a1.T, "Z2": net.z2.T, "A2": out.T}


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
