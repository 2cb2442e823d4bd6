"""sigmoid as 0.5 * (1 + tanh(z / 2)): the same function, and it never overflows

Expected: none
"""


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
