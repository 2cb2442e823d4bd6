# source: omaraflak/python-neural-networks, activation/sigmoid.py, 6c39dd0baa319cc0e3eece821c8d79e997907051
# truth: buggy
# named: sigmoid-overflow, sigmoid-derivative-exp-overflow
# A sigmoid module: the naive 1 / (1 + np.exp(-x)) and its slope written out as np.exp(-x) / (1 + np.exp(-x))**2.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2


def sigmoid_derivative(z):
    # the repository calls it sigmoid_prime
    return sigmoid_prime(z)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, relu, relu_derivative, leaky_relu, leaky_relu_derivative, softmax.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
