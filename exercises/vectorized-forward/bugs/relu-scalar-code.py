"""forward uses a relu written for one number (Python's max(0, z)), which breaks on a matrix

The provided relu works on whole arrays; a relu rewritten as max(0.0, z), or with
`if z > 0`, treats z as a single number. On a NumPy array, z > 0 is an array of booleans
whose truth value is "ambiguous", so forward fails on the first matrix. Use the provided
relu, or NumPy's element-wise np.maximum(z, 0.0).
"""


def relu(z):  # noqa: F811
    return max(0.0, z)
