"""relu returns integers for an integer input

np.maximum(z, 0) (an integer 0), like setting the negative entries of z to 0, keeps the
dtype of z, so an integer z gives an integer result. Every function here must return
floats whatever it is given: write np.maximum(z, 0.0) (a float 0) or convert z with
np.asarray(z, dtype=float) first.
"""


def relu(z):
    return np.maximum(z, 0)
