"""relu_derivative written for one number (`1 if z > 0 else 0`), which breaks on arrays

`if z > 0` asks for the truth of a whole array of comparisons, which NumPy refuses
("the truth value of an array ... is ambiguous"). The derivative must work on every
entry at once: (z > 0).astype(float), or np.where(z > 0, 1.0, 0.0).
"""


def relu_derivative(z):
    return 1.0 if z > 0 else 0.0
