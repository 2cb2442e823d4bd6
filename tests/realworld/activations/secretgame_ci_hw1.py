# source: SecretGame/ci_hw1, activation_functions.py, a5fc1889220e8d8b1626a0f731d611bba5090b06
# truth: buggy
# named: sigmoid-overflow, sigmoid-derivative-of-z
# Homework activations: the textbook sigmoid, its slope as x * (1 - x) applied to z, and a correct np.where leaky ReLU with its slope.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return z * (1 - z)


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1, alpha)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, relu, relu_derivative, softmax.
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
