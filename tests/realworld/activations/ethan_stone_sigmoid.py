# source: ethan-stone/Neural-Network-From-Scratch, activations.py, 02938d126a92f35556da47a662a7529fe014d2a2
# truth: buggy
# named: sigmoid-overflow
# The textbook sigmoid 1 / (1 + exp(-z)) and its slope sigmoid(z) * (1 - sigmoid(z)).

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


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
