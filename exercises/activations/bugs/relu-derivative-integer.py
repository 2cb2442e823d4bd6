"""relu_derivative returns integers (np.where(z > 0, 1, 0)) instead of floats

np.where picks from the values it is given, and 1 and 0 are integers, so the result
is an integer array. A derivative is a real number that later multiplies float
gradients: write np.where(z > 0, 1.0, 0.0), or (z > 0).astype(float).
"""


def relu_derivative(z):
    return np.where(z > 0, 1, 0)
