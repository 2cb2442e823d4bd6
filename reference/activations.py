"""Activation functions g(z) and their derivatives g'(z), as in the lecture.

Every element-wise function accepts an array of any shape (ints too), returns a
new float64 array of the same shape and never modifies its input.

Conventions at the kink z == 0, where the derivative is undefined:
``relu_derivative(0) == 0`` and ``leaky_relu_derivative(0) == alpha`` (the
left-hand derivative in both cases).

Underflow is allowed and expected: ``sigmoid(-1e4)`` is exactly 0 in float64.
Nothing overflows, divides by zero or produces NaN for finite inputs.
"""

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
Activation = Callable[[Array], Array]


def _as_float(z: ArrayLike) -> Array:
    """A float64 copy of ``z``, so that callers may never alias the input."""
    return np.array(z, dtype=np.float64, copy=True)


def _array(x: ArrayLike) -> Array:
    """``x`` as a float64 ndarray: NumPy arithmetic turns 0-d arrays into scalars."""
    return np.asarray(x, dtype=np.float64)


def sigmoid(z: ArrayLike) -> Array:
    """g(z) = 1 / (1 + exp(-z)), computed from exp(-|z|) so exp never overflows."""
    z = _as_float(z)
    e = np.exp(-np.abs(z))  # in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z: ArrayLike) -> Array:
    """g'(z) = s * (1 - s) with s = sigmoid(z)."""
    s = sigmoid(z)
    return _array(s * (1.0 - s))


def tanh(z: ArrayLike) -> Array:
    """g(z) = (e^z - e^-z) / (e^z + e^-z)."""
    return _array(np.tanh(_as_float(z)))


def tanh_derivative(z: ArrayLike) -> Array:
    """g'(z) = 1 - tanh(z)**2."""
    t = tanh(z)
    return _array(1.0 - t**2)


def relu(z: ArrayLike) -> Array:
    """g(z) = max(0, z)."""
    z = _as_float(z)
    return np.where(z > 0, z, 0.0)


def relu_derivative(z: ArrayLike) -> Array:
    """g'(z) = 1 where z > 0, else 0 (0 at z == 0 by convention). A step, not max(z, 0)."""
    return np.where(_as_float(z) > 0, 1.0, 0.0)


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> Array:
    """g(z) = z where z >= 0, alpha * z elsewhere."""
    z = _as_float(z)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> Array:
    """g'(z) = 1 where z > 0, alpha where z <= 0 (alpha at z == 0 by convention)."""
    z = _as_float(z)
    return np.where(z > 0, 1.0, alpha)


def softmax(z: ArrayLike) -> Array:
    """Column-wise softmax of a (classes, m) array: a_i = e^{z_i} / sum_k e^{z_k}.

    The column max is subtracted first, so the largest exponent is exp(0) = 1.
    """
    z = _as_float(z)
    column_max: Array = np.max(z, axis=0, keepdims=True)  # (1, m)
    e = np.exp(z - column_max)  # (classes, m), entries in (0, 1]
    column_sum: Array = np.sum(e, axis=0, keepdims=True)  # (1, m), >= 1
    return e / column_sum


ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),  # alpha = 0.01
    "tanh": (tanh, tanh_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
}
"""Hidden-layer activations by name: ``(g, g_prime)``."""
