"""relu modifies its input in place (z[z < 0] = 0)

Assigning into z changes the caller's array: after A1 = relu(Z1), Z1 has lost its
negative entries, and anything that still needs Z1 (the ReLU derivative in
backpropagation) gets wrong values. Build a new array instead, e.g.
np.maximum(z, 0.0), or copy first with z = z.copy().
"""


def relu(z):
    z[z < 0] = 0
    return np.maximum(z, 0.0)  # noqa: F821
