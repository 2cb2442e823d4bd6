# source: kirmala/cool_algo_visualizer, neural_network/backend/neural_network/activation_functions.py, 46ec468fc040e350ba90fcf1ef099932eb313549
# truth: buggy
# named: tanh-derivative-of-activation, softmax-no-max
# A visualiser's backend: tanh's slope written as 1 - output**2 for the activation, and a row-wise softmax of the raw scores (one example per row, so transposed here).

import numpy as np


def tanh_derivative(z):
    return 1 - (z ** 2)  # the repository passes the activation tanh(z) here, the exercise passes z


def _softmax_rows(x):
    ex = np.exp(x)
    return ex / np.sum(ex, axis=1, keepdims=True)


def softmax(z):
    # the repository has one example per row; the exercise one per column: transpose in and out
    return _softmax_rows(np.asarray(z).T).T


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, relu, relu_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    t = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
