"""Public checks of the activations exercise: small inputs worked out by hand.

These checks ship with the exercise. Run them with ``grade check activations.py``:
each failure says which entry differed, what your code returned and what was expected.
The hidden checks test the same rules on random arrays of many shapes, at z == 0
exactly, with large |z| and with integer inputs.
"""

import numpy as np

from grader.checks import (
    check,
    expect,
    expect_array,
    expect_close,
    expect_each,
    expect_unmodified,
)

# A (2, 3) matrix with entries on both sides of the kink at 0, some of them close to it.
Z = np.array([[-2.0, -0.5, 0.5], [3.0, -1e-3, 1e-3]])


@check(
    "sigmoid is 1/2 at 0 and matches hand-computed values at 2 and -2",
    visibility="visible",
    requires=("sigmoid_values",),
)
def sigmoid_small(submission):
    z = np.array([0.0, 2.0, -2.0])
    expected = np.array([0.5, 0.8807970779778823, 0.11920292202211755])
    expect_close(submission.sigmoid(z), expected, what="sigmoid([0, 2, -2])")


@check(
    "sigmoid_derivative is 1/4 at 0 and takes the same value at z and -z",
    points=0.5,
    visibility="visible",
    requires=("sigmoid_derivative_values",),
)
def sigmoid_derivative_small(submission):
    z = np.array([0.0, 2.0, -2.0, 1.0])
    expected = np.array([0.25, 0.10499358540350662, 0.10499358540350662, 0.19661193324148185])
    expect_close(
        submission.sigmoid_derivative(z), expected, what="sigmoid_derivative([0, 2, -2, 1])"
    )


@check(
    "tanh_derivative is 1 at 0 and 1 - tanh(z)**2 elsewhere",
    points=0.5,
    visibility="visible",
    requires=("tanh_derivative_values",),
)
def tanh_derivative_small(submission):
    z = np.array([0.0, 1.0, -0.5, 2.0])
    expected = np.array([1.0, 0.41997434161402614, 0.7864477329659274, 0.07065082485316443])
    expect_close(submission.tanh_derivative(z), expected, what="tanh_derivative([0, 1, -0.5, 2])")


@check(
    "relu and relu_derivative on a small matrix: a ramp and a 0/1 step",
    visibility="visible",
    requires=("relu_values", "relu_derivative_values"),
)
def relu_small(submission):
    expect_close(submission.relu(Z), np.array([[0.0, 0.0, 0.5], [3.0, 0.0, 1e-3]]), what="relu(Z)")
    expect_close(
        submission.relu_derivative(Z),
        np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]]),
        what="relu_derivative(Z)",
    )


@check(
    "leaky_relu and leaky_relu_derivative on a small matrix, with the default alpha = 0.01",
    visibility="visible",
    requires=("leaky_relu_values", "leaky_relu_derivative_values"),
)
def leaky_relu_small(submission):
    expect_close(
        submission.leaky_relu(Z),
        np.array([[-0.02, -0.005, 0.5], [3.0, -1e-5, 1e-3]]),
        what="leaky_relu(Z)",
    )
    expect_close(
        submission.leaky_relu_derivative(Z),
        np.array([[0.01, 0.01, 1.0], [1.0, 0.01, 1.0]]),
        what="leaky_relu_derivative(Z)",
    )


@check(
    "softmax turns each column of a (3, 4) array into probabilities",
    visibility="visible",
    requires=("softmax_values",),
)
def softmax_small(submission):
    # exp of each column is proportional to (1, 2, 3), (1, 1, 1), (1, 2, 3) and (4, 1, 1):
    # adding a constant to a column (0, 5, 100, -3) does not change its softmax.
    z = np.log(np.array([[1.0, 1, 1, 4], [2, 1, 2, 1], [3, 1, 3, 1]])) + np.array([0, 5, 100, -3])
    expected = np.array(
        [[1 / 6, 1 / 3, 1 / 6, 2 / 3], [1 / 3, 1 / 3, 1 / 3, 1 / 6], [1 / 2, 1 / 3, 1 / 2, 1 / 6]]
    )
    a = submission.softmax(z)
    expect_array(a, expected, what="softmax(z)")
    expect_close(
        a.sum(axis=0),
        np.ones(4),
        what="the column sums of softmax(z) (one column per example, so normalise over axis 0)",
    )
    expect_close(a, expected, what="softmax(z)")


@check(
    "sigmoid and softmax stay finite for inputs of size 1e3 to 1e4",
    points=0.5,
    visibility="visible",
    requires=("sigmoid_large", "softmax_large"),
)
def large_inputs_small(submission):
    expect_close(
        submission.sigmoid(np.array([-1e4, -1e3, 1e3, 1e4])),
        np.array([0.0, 0.0, 1.0, 1.0]),
        what="sigmoid([-1e4, -1e3, 1e3, 1e4])",
    )
    z = np.array([[1e3, 1e4], [1e3 + np.log(3), 1e4 - np.log(3)]])
    expect_close(submission.softmax(z), np.array([[0.25, 0.75], [0.75, 0.25]]), what="softmax(z)")


# What each function gives for Z, worked out once: a check of a property (the input left
# unchanged, a new array) earns its points only when the values are right too.
ON_Z = {
    "sigmoid": [[0.11920292202211755, 0.37754066879814546, 0.6224593312018546],
                [0.9525741268224334, 0.49975000002083336, 0.5002499999791666]],
    "sigmoid_derivative": [[0.1049935854035065, 0.23500371220159447, 0.2350037122015945],
                           [0.045176659730912, 0.24999993750001043, 0.24999993750001043]],
    "tanh_derivative": [[0.07065082485316443, 0.7864477329659274, 0.7864477329659274],
                        [0.009866037165440211, 0.9999990000006667, 0.9999990000006667]],
    "relu": [[0.0, 0.0, 0.5], [3.0, 0.0, 1e-3]],
    "relu_derivative": [[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]],
    "leaky_relu": [[-0.02, -0.005, 0.5], [3.0, -1e-5, 1e-3]],
    "leaky_relu_derivative": [[0.01, 0.01, 1.0], [1.0, 0.01, 1.0]],
    "softmax": [[0.006692850924284856, 0.3777757012726806, 0.6222242987273193],
                [0.9933071490757153, 0.6222242987273193, 0.3777757012726806]],
}  # fmt: skip


@check(
    "every function returns a new array, right for Z, and leaves the one it is given unchanged",
    points=0.5,
    visibility="visible",
    requires=("inputs_unmodified",),
)
def inputs_unchanged_small(submission):
    expect_each(ON_Z, lambda name: _unchanged_and_right(submission, name, ON_Z[name]))


def _unchanged_and_right(submission, name, expected):
    call = getattr(submission, name).inspect(Z.copy())
    expect_unmodified(Z, call.args[0], what=f"the array z given to {name}(z)")
    value = call.value
    got = value.shape if isinstance(value, np.ndarray) else type(value).__name__
    expect(
        got == Z.shape,
        f"{name}(z) should return a new array of shape {Z.shape}, but it returned {got}",
    )
    expect_close(value, np.array(expected), what=f"{name}(Z)")
