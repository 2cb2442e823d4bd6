"""relu as np.maximum(0, z), the most common real implementation

Right for float input; for an integer z it returns integers, the catalogued
relu-integer-dtype, and nothing else: it does not change its input.

Expected: relu-integer-dtype
"""


def relu(z):
    return np.maximum(0, z)
