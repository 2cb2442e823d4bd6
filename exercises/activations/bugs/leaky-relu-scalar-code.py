"""leaky_relu written for one number (max(alpha * z, z), or if/else), which breaks on arrays

Python's max and `if z > 0` compare one number at a time; for an array, the comparison
is an array of booleans, whose truth value is "ambiguous". Work on every entry at once:
np.where(z >= 0, z, alpha * z), or np.maximum(alpha * z, z) for 0 < alpha < 1.
"""


def leaky_relu(z, alpha=0.01):
    return max(alpha * z, z)
