"""Hidden checks of the activations exercise: the reference on seeded random inputs.

Inputs come from ``rng`` (seeded per student and check) in several shapes: 1-D, a
column (n, 1), a row (1, m), a matrix and a 3-D array. Derivative inputs keep
|z| >= 1e-3 away from the kink at 0, where the conventions differ; a separate check
feeds exact zeros and accepts either value there. The stability checks call the
student's functions with NumPy raising on overflow instead of warning (``.strict``), so
an overflow that happens to give the right number (1 / (1 + inf) == 0) is caught too.
"""

import numpy as np

from grader.checks import (
    CheckFailed,
    StudentCodeError,
    check,
    expect,
    expect_array,
    expect_close,
    expect_each,
    expect_unmodified,
)

ELEMENTWISE = (
    "sigmoid",
    "sigmoid_derivative",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
)
ALL = (*ELEMENTWISE, "softmax")


# -- inputs -------------------------------------------------------------------------


def shapes(rng):
    """1-D, column, row, matrix and 3-D shapes of random sizes."""
    n, m = (int(k) for k in rng.integers(2, 7, size=2))
    return [(int(rng.integers(3, 10)),), (n, 1), (1, m), (n, m), (2, n, m)]


def away_from_zero(rng, shape, low=1e-3, high=10.0):
    """Entries of both signs with low <= |z| <= high, log-uniform: some close to the kink."""
    size = int(np.prod(shape))
    signs = rng.permutation(np.resize([1.0, -1.0], size))
    return (signs * np.exp(rng.uniform(np.log(low), np.log(high), size))).reshape(shape)


def with_zeros(rng, shape):
    """``away_from_zero`` with about a third of the entries exactly 0.0 (at least one)."""
    z = away_from_zero(rng, shape)
    flat = z.reshape(-1)
    flat[rng.choice(flat.size, size=max(1, flat.size // 3), replace=False)] = 0.0
    return z


def huge(rng):
    """A (2, 10) array with |z| up to 1e4, including +-1e4 and the overflow edge of exp."""
    edge = np.array([1e4, -1e4, 1e3, -1e3, 800.0, -800.0, 710.0, -710.0, 40.0, -40.0, 1.0, 0.0])
    z = np.concatenate([edge, rng.uniform(-1e4, 1e4, size=8)])
    return rng.permutation(z).reshape(2, -1)


# -- calling the submission ---------------------------------------------------------------


def expect_same(submission, reference, name, z, **kwargs):
    """``name(z, **kwargs)`` matches the reference: shape, float dtype, then every entry."""
    options = "".join(f", {key}={value:.6g}" for key, value in kwargs.items())
    expect_close(
        getattr(submission, name)(z, **kwargs),
        getattr(reference, name)(z, **kwargs),
        what=f"{name}(z{options}) for z of shape {z.shape}",
    )


class Overflow(CheckFailed):
    """A call overflowed (NumPy raised FloatingPointError instead of warning)."""


def call_raising_on_overflow(submission, name, z, advice):
    """``name(z)`` with NumPy raising, not warning, on overflow in the student's process
    (however the submission imported NumPy)."""
    try:
        return getattr(submission, name).strict(z)
    except StudentCodeError as error:
        if error.error_type != "FloatingPointError":
            raise
        raise Overflow(f"{error.message}. {advice}") from None


# -- sigmoid and tanh -----------------------------------------------------------------


@check("sigmoid matches 1 / (1 + exp(-z)) on arrays of many shapes")
def sigmoid_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "sigmoid", rng.normal(0.0, 4.0, size=shape))


@check("sigmoid stays finite and does not overflow for |z| up to 1e4")
def sigmoid_large(submission, reference, rng):
    z = huge(rng)
    expected = reference.sigmoid(z)
    advice = (
        "np.exp(-z) overflows for z = -1e4 even when the result looks right. Compute "
        "from t = np.exp(-np.abs(z)), which is at most 1, and remember that np.where "
        "evaluates both branches on the whole array."
    )
    got = call_raising_on_overflow(submission, "sigmoid", z, advice)
    expect_close(got, expected, what=f"sigmoid(z) for z of shape {z.shape} with |z| up to 1e4")


@check("sigmoid_derivative equals s * (1 - s) on arrays of many shapes")
def sigmoid_derivative_values(submission, reference, rng):
    for shape in shapes(rng):
        z = rng.normal(0.0, 4.0, size=shape)
        expect_same(submission, reference, "sigmoid_derivative", z)


@check("sigmoid_derivative stays finite and correct for |z| up to 1e4")
def sigmoid_derivative_large(submission, reference, rng):
    z = huge(rng)
    expected = reference.sigmoid_derivative(z)
    advice = (
        "Compute s = sigmoid(z) with your overflow-free sigmoid and return s * (1 - s); "
        "a formula with np.exp(-z) overflows for z = -1e4."
    )
    try:
        got = call_raising_on_overflow(submission, "sigmoid_derivative", z, advice)
    except Overflow as overflow:
        try:  # is it the student's sigmoid that overflows? (also tells the known bugs apart)
            call_raising_on_overflow(submission, "sigmoid", z, "")
        except Overflow:
            # and does sigmoid_derivative's own formula overflow too? With NumPy's warnings
            # only, s * (1 - s) of an overflowing sigmoid is still finite; exp(-z) / ... is not
            own = np.all(np.isfinite(np.asarray(submission.sigmoid_derivative(z), dtype=float)))
            raise Overflow(
                f"{overflow.message} Your sigmoid(z) overflows too: fix it first, then reuse it."
                + ("" if own else " Even then, your sigmoid_derivative gives NaN or inf there.")
            ) from None
        raise
    expect_close(
        got, expected, what=f"sigmoid_derivative(z) for z of shape {z.shape} with |z| up to 1e4"
    )


@check("tanh_derivative equals 1 - tanh(z)**2 on arrays of many shapes", points=0.5)
def tanh_derivative_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "tanh_derivative", rng.normal(0.0, 2.0, size=shape))


@check("tanh_derivative stays finite and correct for |z| up to 1e4", points=0.5)
def tanh_derivative_large(submission, reference, rng):
    # tanh written out with np.exp gives inf / inf = NaN beyond |z| ~ 710; np.tanh does not.
    z = huge(rng)
    expect_close(
        submission.tanh_derivative(z),
        reference.tanh_derivative(z),
        what=f"tanh_derivative(z) for z of shape {z.shape} with |z| up to 1e4",
    )


# -- ReLU and leaky ReLU --------------------------------------------------------------


@check("relu is max(0, z) on both sides of 0")
def relu_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "relu", with_zeros(rng, shape))


@check("relu_derivative is 1 for positive and 0 for negative inputs")
def relu_derivative_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "relu_derivative", away_from_zero(rng, shape))


@check("leaky_relu is z for z >= 0 and 0.01 * z below, by default")
def leaky_relu_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "leaky_relu", with_zeros(rng, shape))


@check("leaky_relu_derivative is 1 for positive and 0.01 for negative inputs, by default")
def leaky_relu_derivative_values(submission, reference, rng):
    for shape in shapes(rng):
        expect_same(submission, reference, "leaky_relu_derivative", away_from_zero(rng, shape))


@check("leaky_relu uses the alpha it is given (alpha=... by keyword)", points=0.5)
def leaky_relu_alpha(submission, reference, rng):
    for shape in shapes(rng)[2:]:
        alpha = float(rng.uniform(0.05, 0.5))
        expect_same(submission, reference, "leaky_relu", away_from_zero(rng, shape), alpha=alpha)


@check("leaky_relu_derivative uses the alpha it is given (alpha=... by keyword)", points=0.5)
def leaky_relu_derivative_alpha(submission, reference, rng):
    for shape in shapes(rng)[2:]:
        alpha = float(rng.uniform(0.05, 0.5))
        z = away_from_zero(rng, shape)
        expect_same(submission, reference, "leaky_relu_derivative", z, alpha=alpha)


@check(
    "at exactly z == 0 the ReLU derivatives give one of the accepted values",
    points=0.5,
    visibility="after_due_date",
)
def derivatives_at_zero(submission, reference, rng, tolerances):
    z = with_zeros(rng, tuple(int(k) for k in rng.integers(3, 7, size=2)))
    zero = z == 0
    for name, accepted in (("relu_derivative", (0.0, 1.0)), ("leaky_relu_derivative", (0.01, 1.0))):
        got, expected = getattr(submission, name)(z), getattr(reference, name)(z)
        expect_array(got, expected, what=f"{name}(z)")
        expect_close(got[~zero], expected[~zero], what=f"{name}(z) where z != 0")
        at_zero = got[zero].astype(float)
        close = np.isclose(at_zero[:, None], np.array(accepted), rtol=tolerances.rtol, atol=0.0)
        wrong = at_zero[~close.any(axis=1)]
        if wrong.size:
            raise CheckFailed(
                f"{name}(0) should be {accepted[0]:g} or {accepted[1]:g} (either is accepted), "
                f"but it gave {wrong[0]:.10g}"
            )


# -- every function ---------------------------------------------------------------------


@check(
    "every function returns a float array for an integer array z",
    points=0.5,
    visibility="after_due_date",
)
def integer_inputs(submission, reference, rng):
    n, m = (int(k) for k in rng.integers(2, 6, size=2))
    z = rng.integers(1, 6, size=(n, m)) * rng.choice([-1, 1], size=(n, m))
    expect_each(ALL, lambda name: expect_same(submission, reference, name, z))


@check("every function returns a new, right array and never modifies the one it is given")
def inputs_unmodified(submission, reference, rng):
    # The property earns its points only with the right values: returning zeros for
    # everything leaves every input unmodified too. Every function is tried, so that each
    # wrong one is told (and a known bug in each can be named).
    shapes = {name: tuple(int(k) for k in rng.integers(2, 6, size=2)) for name in ALL}
    zs = {name: with_zeros(rng, shape) for name, shape in shapes.items()}
    expect_each(ALL, lambda name: _unmodified_and_right(submission, reference, name, zs[name]))


def _unmodified_and_right(submission, reference, name, z):
    call = getattr(submission, name).inspect(z.copy())
    expect_unmodified(z, call.args[0], what=f"the array z given to {name}(z)")
    value = call.value
    got = value.shape if isinstance(value, np.ndarray) else type(value).__name__
    expect(
        got == z.shape,
        f"{name}(z) should return a new array of shape {z.shape}, but it returned {got}",
    )
    expected, what = getattr(reference, name)(z), f"{name}(z)"
    if name in ("relu_derivative", "leaky_relu_derivative"):  # either value at 0
        value, expected, what = value[z != 0], expected[z != 0], f"{what} where z != 0"
    expect_close(value, expected, what=what)


# -- softmax ----------------------------------------------------------------------------


@check("softmax matches the reference column by column, and each column sums to 1")
def softmax_values(submission, reference, rng):
    c, m = (int(k) for k in rng.integers(2, 7, size=2))
    for shape in ((c, m + 1), (c, 1), (1, m), (m + 1, m + 1)):
        z = rng.normal(0.0, 3.0, size=shape)
        got, expected = submission.softmax(z), reference.softmax(z)
        expect_array(got, expected, what=f"softmax(z) for z of shape {shape}")
        expect_close(
            got.sum(axis=0),
            np.ones(shape[1]),
            what=f"the column sums of softmax(z) for z of shape {shape} (normalise over axis 0)",
        )
        expect_close(got, expected, what=f"softmax(z) for z of shape {shape}")


@check("softmax stays finite and correct for scores of 1e3 to 1e4")
def softmax_large(submission, reference, rng):
    c = int(rng.integers(3, 7))
    columns = [
        1e4 - rng.uniform(0.0, 5.0, size=c),  # all huge and close: no class dominates
        1e3 + rng.normal(0.0, 2.0, size=c),
        rng.uniform(1e3, 1e4, size=c),  # one class dominates
        -1e3 + rng.normal(0.0, 2.0, size=c),  # huge and negative
    ]
    z = np.column_stack([columns[i] for i in rng.permutation(len(columns))])
    expect_close(
        submission.softmax(z),
        reference.softmax(z),
        what=f"softmax(z) for z of shape {z.shape} with entries from 1e3 to 1e4",
    )
