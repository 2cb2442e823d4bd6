# source: AdityaPutraS/Tubes-MLL, src/activation.py, 006b770612d5ced97309a591dfe92d4886ea98fc
# truth: buggy
# named: sigmoid-overflow, leaky-relu-ignores-alpha, relu-integer-dtype
# A course assignment's activations: a naive sigmoid, a 'relu' that is really a leaky ReLU with 0.01 built in, and a plain ReLU with np.heaviside as its slope.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


# The repository calls this one "relu": a leaky ReLU whose slope 0.01 is written in; it has no alpha.
def leaky_relu(z, alpha=0.01):
    return np.maximum(0.01 * z, z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1, 0.01)


# ... and this one "real_relu".
def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.heaviside(z, 0)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, softmax.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
