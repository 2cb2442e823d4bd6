# %%
"""@@TITLE@@.

The single source of the exercise: the solution lives between BEGIN SOLUTION and END
SOLUTION markers. `grade release` replaces each region by `raise NotImplementedError`
(or by the lines of a PROMPT region that follows it) in the student's .py and .ipynb.
"""

import numpy as np

# %%


def scale(x, w):
    """w * x, entry by entry, as a new float array."""
    # BEGIN SOLUTION: return w * x as a new float array
    return w * np.asarray(x, dtype=np.float64)
    # END SOLUTION


def loss_gradient(x, w, y):
    """The derivative with respect to w of L(w) = 1/2 * sum((w * x - y)**2), a float."""
    # BEGIN SOLUTION: return dL/dw
    x = np.asarray(x, dtype=np.float64)
    return float(np.sum((w * x - y) * x))
    # END SOLUTION
