"""leaky_relu as np.maximum(alpha * z, z), right for every alpha below 1

For 0 <= alpha < 1, alpha * z is the larger of the two only where z < 0. It uses the
alpha it is given, so no form of leaky-relu-ignores-alpha may be named.

Expected: none
"""


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.maximum(alpha * z, z)
