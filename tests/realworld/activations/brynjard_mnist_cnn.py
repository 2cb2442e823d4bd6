# source: Brynjard/MNIST_cnn, activation_functions.py, 54d43feb84ed918a6e7e6a92c5a7cb9fe060ef99
# truth: buggy
# named: relu-integer-dtype, softmax-no-max
# An MNIST network: ReLU via np.where with an integer 0 and a column softmax that exponentiates the raw scores.

import numpy as np


def relu(z):
    return np.where(z > 0, z, 0)


def softmax(z):
    return np.exp(z) / np.sum(np.exp(z), axis=0)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, relu_derivative, leaky_relu, leaky_relu_derivative.
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


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
