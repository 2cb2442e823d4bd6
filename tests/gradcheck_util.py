"""Central-difference gradient checks shared by the reference tests (float64, h = 1e-5)."""

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

H = 1e-5  # central-difference step
MAX_RELATIVE_ERROR = 1e-7  # per tensor


def relative_error(analytic: Array, numeric: Array) -> float:
    """||a - n|| / (||a|| + ||n||), and 0 when both are exactly zero."""
    denominator = float(np.linalg.norm(analytic) + np.linalg.norm(numeric))
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric)) / denominator


def numerical_derivative(g: Callable[[Array], Array], z: Array, h: float = H) -> Array:
    """Element-wise g'(z) ~ (g(z + h) - g(z - h)) / 2h, for element-wise g."""
    return (g(z + h) - g(z - h)) / (2 * h)


def numerical_gradient(f: Callable[[], float], x: Array, h: float = H) -> Array:
    """d f() / d x by central differences; nudges each entry of ``x`` in place, then restores it."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f()
        x[index] = original - h
        f_minus = f()
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
