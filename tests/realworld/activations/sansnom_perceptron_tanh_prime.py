# source: 0SansNom/perceptron, activations.py, 51dfdd467b35c05e410ffe3dbbd902d51922c03e
# truth: correct
# named: none
# A perceptron project's activation module: tanh through np.tanh and its slope tanh_prime as 1 - np.tanh(x) ** 2.

import numpy as np


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def tanh_derivative(z):
    # the repository calls it tanh_prime
    return tanh_prime(z)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, relu, relu_derivative, leaky_relu, leaky_relu_derivative, softmax.
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


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
