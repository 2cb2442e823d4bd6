"""The reference the hidden checks compare against (never shown to students)."""

import numpy as np


def scale(x, w):
    return w * np.asarray(x, dtype=np.float64)


def loss(x, w, y):
    """L(w) = 1/2 * sum((w * x - y)**2)."""
    return 0.5 * float(np.sum((scale(x, w) - y) ** 2))


def loss_gradient(x, w, y):
    x = np.asarray(x, dtype=np.float64)
    return float(np.sum((w * x - y) * x))
