"""leaky_relu_derivative written for one number (`1 if z > 0 else alpha`), which breaks on arrays

`if z > 0` asks for the truth of a whole array of comparisons, which NumPy refuses. The
slope must be computed for every entry at once: np.where(z > 0, 1.0, alpha).
"""


def leaky_relu_derivative(z, alpha=0.01):
    return 1.0 if z > 0 else alpha
