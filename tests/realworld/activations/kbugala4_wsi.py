# source: kbugala4/WSI_neutral_network, src/supporting_methods.py, 17e3ea54c389d6ba80c12eb76df7c5fce039a699
# truth: buggy
# named: relu-integer-dtype, sigmoid-overflow, softmax-whole-array, softmax-no-max
# Helper methods: ReLU as z * (z >= 0), the textbook sigmoid, and a softmax of the raw scores divided by the sum of the whole array.

import numpy as np


def relu(z):
    return z * (z >= 0)


def sigmoid(z):
    return 1. / (1. + np.exp(-z))


def softmax(z):
    return np.exp(z) / np.sum(np.exp(z))


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid_derivative, tanh_derivative, relu_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)  # self-contained: this file's sigmoid is the original's
    t = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
