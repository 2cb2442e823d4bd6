"""relu_derivative as (z > 0) * 1.0: booleans times a float give floats

Expected: none
"""


def relu_derivative(z):
    return (z > 0) * 1.0
