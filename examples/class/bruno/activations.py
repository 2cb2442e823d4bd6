"""Activation functions -- Bruno's version (uses logaddexp for a stable sigmoid)."""
import numpy as np


def sigmoid(z):
    # sigmoid(z) = exp(-log(1 + exp(-z))); logaddexp(0, -z) = log(1 + exp(-z)) without overflow
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s - s * s


def tanh_derivative(z):
    t = np.tanh(np.asarray(z, dtype=np.float64))
    return 1 - t * t


def relu(z):
    z = np.array(z, dtype=np.float64)  # a copy, so the caller's array is safe
    z[z < 0] = 0.0
    return z


def relu_derivative(z):
    # Heaviside step; the second argument is the value at exactly 0 (the lecture allows 0)
    return np.heaviside(np.asarray(z, dtype=np.float64), 0.0)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0) + alpha * np.minimum(z, 0)


def leaky_relu_derivative(z, alpha=0.01):
    d = np.ones_like(z, dtype=np.float64)
    d[np.asarray(z) < 0] = alpha
    return d


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=0)  # (classes, m) minus a (m,) row: broadcasts per column
    e = np.exp(shifted)
    return e / np.sum(e, axis=0)
