# source: NunoMarques98/TextColor, sigmoid.py, 2e1a60607f6b649d6b031a57bac13c4f656ee12e
# truth: buggy
# named: sigmoid-overflow, sigmoid-derivative-of-z
# A small colour-prediction network's sigmoid module: the naive sigmoid and sigmoidPrime(x) = x * (1.0 - x), the slope written for the activation, applied to its argument.

import numpy as np


def sigmoid(z):
    return 1.0 / (1 + np.exp(-z))


def sigmoidPrime(x):
    return x * (1.0 - x)


def sigmoid_derivative(z):
    # the repository calls it sigmoidPrime
    return sigmoidPrime(z)


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
