# source: 00arun00/SimFlow, activations.py, d62d1faef024891feb0f95e863c210416905884a
# truth: buggy
# named: relu-integer-dtype, sigmoid-overflow
# A layer library's activation classes with forward/backward: ReLU as np.maximum(X, 0) and a step (X >= 0), the naive sigmoid with out * (1 - out) from the cached output, tanh with 1 - out**2, and leaky ReLU as np.maximum(alpha * X, X).

import numpy as np


class Layer:
    # the repository's base class (Class_Layer.Layer); nothing of it is used here
    pass


class ReLU(Layer):
    def __init__(self, *, trainable=True):
        self.cache_in = None
        self.trainable = trainable
        self.params = []

    def forward(self, X, train=True):
        out = np.maximum(X, 0)
        if train:
            self.cache_in = X
        return out

    def backward(self, dY):
        if self.cache_in is None:
            raise RuntimeError("Gradient cache not defined.")
        return dY * (self.cache_in >= 0), []


class Sigmoid(Layer):
    def __init__(self, *, trainable=True):
        self.cache_in = None
        self.trainable = trainable
        self.params = []

    def forward(self, X, train=True):
        out = 1 / (1 + np.exp(-X))
        if train:
            self.cache_in = out
        return out

    def backward(self, dY):
        if self.cache_in is None:
            raise RuntimeError("Gradient cache not defined.")
        out = self.cache_in
        return dY * (out * (1 - out)), []


class Tanh(Layer):
    def __init__(self, *, trainable=True):
        self.cache_in = None
        self.trainable = trainable
        self.params = []

    def forward(self, X, train=True):
        out = np.tanh(X)
        if train:
            self.cache_in = out
        return out

    def backward(self, dY):
        if self.cache_in is None:
            raise RuntimeError("Gradient cache not defined.")
        out = self.cache_in
        return dY * (1 - out**2), []


class LeakyReLU(Layer):
    def __init__(self, alpha=0.1, *, trainable=True):
        self.cache_in = None
        self.trainable = trainable
        self.params = []
        self.alpha = alpha

    def forward(self, X, train=True):
        out = np.maximum(self.alpha * X, X)
        if train:
            self.cache_in = X
        return out

    def backward(self, dY):
        if self.cache_in is None:
            raise RuntimeError("Gradient cache not defined.")
        X = self.cache_in
        grad = 1 * (X > 0) + self.alpha * (X <= 0)
        return dY * grad, []


# the exercise's functions through the layers: the slope is the backward pass of an upstream gradient of ones
def _slope(layer, z):
    layer.forward(z)
    dX, _ = layer.backward(np.ones(np.shape(z)))
    return dX


def sigmoid(z):
    return Sigmoid().forward(z, train=False)


def sigmoid_derivative(z):
    return _slope(Sigmoid(), z)


def tanh_derivative(z):
    return _slope(Tanh(), z)


def relu(z):
    return ReLU().forward(z, train=False)


def relu_derivative(z):
    return _slope(ReLU(), z)


def leaky_relu(z, alpha=0.01):
    return LeakyReLU(alpha).forward(z, train=False)


def leaky_relu_derivative(z, alpha=0.01):
    return _slope(LeakyReLU(alpha), z)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for softmax.
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
