# source: Silva-6/deeplearning.AI-deep_learning, 0-neural_networks-nd-deep_learning/3-step_by_step-build_your_DNN/4-L_model_forward.py, fcf035e27666126076ed3459ea342ced17e6406d
# truth: correct
# named: none
# The deeplearning.ai L-layer forward pass, [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID over a loop of layers, which for L = 2 is exactly this network.

import numpy as np


# stand-ins for the course's dnn_utils helpers, which return (A, cache); built on stable formulas
def sigmoid(Z):
    return _provided_sigmoid(Z), Z


def relu(Z):
    return _provided_relu(Z), Z


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], activation="relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], activation="sigmoid")
    caches.append(cache)
    return AL, caches


def forward(X, params):
    AL, ((_, Z1), ((A1, _W2, _b2), Z2)) = L_model_forward(X, params)
    return AL, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": AL}
# (the provided sigmoid and relu are kept below under private names, for forward_loop)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for _sigmoid, _relu, forward_loop.
def _provided_sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _provided_relu(z):
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
        a1 = _provided_relu(z1)
        z2 = W2 @ a1 + b2  # (n_y, 1)
        a2 = _provided_sigmoid(z2)
        Z1[:, i : i + 1], A1[:, i : i + 1] = z1, a1
        Z2[:, i : i + 1], A2[:, i : i + 1] = z2, a2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
