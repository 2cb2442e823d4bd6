"""leaky_relu returns the constant alpha for negative z, instead of alpha * z

Leaky ReLU keeps a small slope alpha on the negative side: its value there is
alpha * z, a small negative number that still depends on z. alpha alone is the
slope, i.e. the value of the derivative, not of the function.
"""


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha)
