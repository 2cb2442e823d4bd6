# source: Tibboh17/Python, ML/activate.py, 9a21456d91a099a8c2ba98358df33b2dfb7c5515
# truth: buggy
# named: relu-integer-dtype
# Study helpers: ReLU as np.maximum(0, z) with an integer 0, and a float step for its slope.

import numpy as np


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return (z > 0).astype(float)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, leaky_relu, leaky_relu_derivative, softmax.
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    t = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
