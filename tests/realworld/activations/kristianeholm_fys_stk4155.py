# source: kristianeholm/fys-stk4155, project2/functions.py, 8a0a71a249c316230eab003642f442dd4a69701b
# truth: buggy
# named: sigmoid-overflow, relu-integer-dtype, relu-derivative-integer, leaky-relu-ignores-alpha
# A course project's helpers: the naive sigmoid (its np.clip commented out), ReLU with an integer 0 and an integer step, and a leaky ReLU and slope that take no alpha (0.01 is written in).

import numpy as np


def sigmoid(z):
    # z = np.clip(z, -500, 500)   (commented out in the repository)
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.where(z > 0, 1, 0)


def relu_leaky(z):
    return np.where(z > 0, z, 0.01 * z)


def relu_leaky_derivative(z):
    return np.where(z > 0, 1, 0.01)


def leaky_relu(z, alpha=0.01):
    # the repository's relu_leaky has no alpha parameter
    return relu_leaky(z)


def leaky_relu_derivative(z, alpha=0.01):
    return relu_leaky_derivative(z)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, softmax.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
