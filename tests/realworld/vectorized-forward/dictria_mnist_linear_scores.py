# source: Dictria/MNIST, model.py, 0ad93a13116e21b2a9b313b0974ac2509ac61d70
# truth: buggy
# named: no-output-activation
# An MNIST MLP's model class: ReLU hidden layers over a loop of layers (layer_utils.ReLU returns (A, cache)) and a last layer left linear, its scores AL = W @ A + b returned as the output (the softmax is applied later, inside the loss).

import numpy as np


def ReLU(Z):
    # layer_utils.py
    A = np.maximum(0, Z)
    return A, Z


def _layer_utils_sigmoid(Z):
    # layer_utils.sigmoid (not used by this network: its activations are all 'ReLU')
    return 1 / (1 + np.exp(-Z)), Z


class Model:
    # __init__ (random parameters for layer_dims) is skipped: forward() below gives the model its parameters
    def linear_forward(self, A, W, b):
        Z = np.dot(W, A) + b
        return Z, (A, W, b)

    def linear_activation_forward(self, A_prev, W, b, activation):
        if activation != "sigmoid" and activation != "ReLU":
            raise Exception(f"Parameter error: linear_activation_forward has no parameter values {activation}")
        Z, linear_cache = self.linear_forward(A_prev, W, b)
        A, activation_cache = _layer_utils_sigmoid(Z) if activation == "sigmoid" else ReLU(Z)
        return A, (linear_cache, activation_cache)

    def forwawrd(self, X):
        caches = []
        A = X
        L = len(self.parameters) // 2
        for i in range(1, L):
            A, cache = self.linear_activation_forward(A, self.parameters["W" + str(i)], self.parameters["b" + str(i)], self.activation[i - 1])
            caches.append(cache)
        AL, cache = self.linear_forward(A, self.parameters["W" + str(L)], self.parameters["b" + str(L)])
        caches.append(cache)
        return AL, caches


def forward(X, params):
    model = Model()
    model.parameters = params
    model.activation = ["ReLU"]  # mlp.py passes one activation name per hidden layer
    AL, [((_, _W1, _b1), Z1), (A1, _W2, _b2)] = model.forwawrd(X)
    return AL, {"Z1": Z1, "A1": A1, "Z2": AL, "A2": AL}


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
