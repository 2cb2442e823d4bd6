# source: vladvoicux64/simpleneuralnetwork, leakyReLU.py, 5d4b60b8ec55cebb0ec842298c710dfede8bea1d
# truth: correct
# named: none
# A simple network: leaky ReLU as np.maximum(alpha * z, z) and its slope as np.where(z > 0, 1, alpha).

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.maximum(alpha * z, z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1, alpha)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, relu, relu_derivative, softmax.
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


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
