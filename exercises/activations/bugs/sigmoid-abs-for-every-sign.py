"""sigmoid takes exp(-|z|) and returns 1 / (1 + exp(-|z|)) for every sign: sigmoid(|z|)

exp(-|z|) is half of the overflow-free sigmoid: it never overflows, but it forgets the
sign of z, so 1 / (1 + exp(-|z|)) is sigmoid(|z|), at least 1/2 everywhere. The stable
form needs both branches: 1 / (1 + t) where z >= 0 and t / (1 + t) where z < 0, with
t = exp(-|z|) (for negative z, sigmoid(z) = 1 - sigmoid(|z|)).
"""


def sigmoid(z):
    z = np.asarray(z, dtype=float)  # noqa: F821
    t = np.exp(-np.abs(z))  # noqa: F821
    return 1.0 / (1.0 + t)
