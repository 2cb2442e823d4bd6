# source: avijit-dhaliwal/NeuralForge, neuralforge/core/activations.py, 15f22f176b85ae64a49372a2d84adcd722ba192c
# truth: buggy
# named: relu-integer-dtype, relu-derivative-integer, sigmoid-overflow
# A small library's core activations: np.maximum with an integer 0, an integer 0/1 step from np.where, and the textbook sigmoid with its s * (1 - s) slope.

import numpy as np


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.where(z > 0, 1, 0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, leaky_relu, leaky_relu_derivative, softmax.
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
