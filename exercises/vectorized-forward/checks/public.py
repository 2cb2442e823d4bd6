"""Public checks of `vectorized-forward`: they ship to students, so they never use the
reference. They compare with a small network worked out by hand and with the template's
own `forward_loop` (run apart from the submission, whose copy of it may be changed)."""

import contextlib

import numpy as np

from grader.checks import CheckFailed, StudentCodeError, check, expect_array, expect_close

STAGES = ("Z1", "A1", "Z2", "A2")  # the cache keys, in the order the forward pass computes them
SQUARE_SEED = 2024  # the fixed inputs of the diagnostic call after an exception (not graded)

# A network small enough to work out by hand: n_x = 2 inputs, n_h = 2 hidden units,
# n_y = 1 output, m = 3 examples (one per column of X).
TINY_X = np.array([[1.0, 2.0, -1.0], [0.0, 1.0, 3.0]])
TINY_PARAMS = {
    "W1": np.array([[1.0, -1.0], [2.0, 1.0]]),
    "b1": np.array([[0.5], [-3.0]]),
    "W2": np.array([[1.0, -2.0]]),
    "b2": np.array([[0.5]]),
}
TINY_EXPECTED = {
    # Z1 = W1 @ X + b1: the first column is [1*1 - 1*0 + 0.5, 2*1 + 1*0 - 3] = [1.5, -1]
    "Z1": np.array([[1.5, 1.5, -3.5], [-1.0, 2.0, -2.0]]),
    "A1": np.array([[1.5, 1.5, 0.0], [0.0, 2.0, 0.0]]),  # relu(Z1)
    "Z2": np.array([[2.0, -2.0, 0.5]]),  # W2 @ A1 + b2
    "A2": np.array([[0.8807970779778823, 0.11920292202211755, 0.6224593312018546]]),  # sigmoid
}


def unpack(result):
    """``(A2, cache)`` from what forward returned, or a failure that says what is wrong."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        got = f"a {type(result).__name__}"
        if isinstance(result, np.ndarray):
            got = f"a single array of shape {result.shape}"
        raise CheckFailed(
            f"forward should return a pair (A2, cache), but it returned {got}: "
            'end with `return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}`'
        )
    A2, cache = result
    if not isinstance(cache, dict):
        raise CheckFailed(
            f"the second value forward returns should be the cache dict, not a "
            f"{type(cache).__name__}"
        )
    missing = [key for key in STAGES if key not in cache]
    if missing:
        raise CheckFailed(
            f"the cache has no {'key' if len(missing) == 1 else 'keys'} "
            f"{', '.join(map(repr, missing))}; it has "
            f"{sorted(map(str, cache))}. It should hold 'Z1', 'A1', 'Z2' and 'A2' "
            "(capital letters, as in the lecture)"
        )
    return A2, cache


def run_forward(function, X, params):
    """``(A2, cache)`` from ``forward`` (or ``forward_loop``), or a failure that explains."""
    return unpack(call_forward(function, X, params))


def call_forward(function, X, params):
    """``function(X, params)``; when it raises, add a hint for the shape errors."""
    try:
        return function(X, params)
    except StudentCodeError as error:
        if error.kind == "exception":
            _square_call(function)
        hint = _error_hint(error.message)
        if not hint:
            raise
        raise StudentCodeError(
            error.kind, f"{error.message}\n{hint}", error_type=error.error_type
        ) from None


def _square_call(function):
    """Call again with n_x = n_h = n_y = m, where shape mistakes run instead of raising.

    Its result is not graded: it is there for the known-bug matcher, which compares
    exceptions by type only (every shape mistake is a ValueError) but values entry by
    entry, so that a flattened bias, a transposed W1 and W1 * X are told apart.
    """
    X, params = random_network(np.random.default_rng(SQUARE_SEED), 3, 3, 3, 3)
    with contextlib.suppress(StudentCodeError):
        function(X, params)


def _error_hint(message):
    if "could not be broadcast" in message:
        return (
            "Hint: the shapes do not line up. Are b1 and b2 columns of shape (n, 1)? "
            "A bias of shape (n,) is added along the wrong axis. And W1 @ X, not W1 * X."
        )
    if "matmul" in message or "not aligned" in message:
        return (
            "Hint: the inner sizes of a matrix product differ. With X of shape (n_x, m), "
            "the products are W1 @ X: (n_h, n_x) @ (n_x, m), and W2 @ A1: (n_y, n_h) @ (n_h, m)."
        )
    return ""


def random_network(rng, n_x, n_h, n_y, m):
    """X (n_x, m) and params with non-zero (n, 1) biases, all float64."""
    X = rng.normal(size=(n_x, m))
    params = {
        "W1": rng.normal(size=(n_h, n_x)) / np.sqrt(n_x),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(n_y, n_h)) / np.sqrt(n_h),
        "b2": rng.normal(size=(n_y, 1)),
    }
    return X, params


@check(
    "forward gives the hand-computed Z1, A1, Z2, A2 of a 2-input, 2-unit, 3-example network",
    points=2,
    visibility="visible",
    requires=("cache_random",),
)
def tiny_example(submission):
    A2, cache = run_forward(submission.forward, TINY_X, TINY_PARAMS)
    for key in STAGES:  # in the order they are computed: the first difference is the culprit
        expect_close(cache[key], TINY_EXPECTED[key], what=f'cache["{key}"]')
    expect_close(A2, TINY_EXPECTED["A2"], what="the A2 forward returns")


# A shape earns its points only with the right values: an array of zeros has the right
# shape too. The values are the template's own forward_loop's, run apart.


@check("forward returns the right A2, of shape (n_y, m)", points=1, visibility="visible")
def output_shape(submission, provided, rng):
    X, params = random_network(rng, n_x=3, n_h=4, n_y=2, m=5)
    A2, _ = run_forward(submission.forward, X, params)
    expect_array(A2, np.empty((2, 5)), "A2 (n_y = 2, m = 5)")
    expected, _ = run_forward(provided.forward_loop, X, params)
    expect_close(A2, expected, what="A2 (n_y = 2, m = 5)")


@check(
    "forward's cache holds the right Z1 and A1 of shape (n_h, m), Z2 and A2 of shape (n_y, m)",
    points=1,
    visibility="visible",
)
def cache_shapes(submission, provided, rng):
    X, params = random_network(rng, n_x=3, n_h=4, n_y=2, m=5)
    _, cache = run_forward(submission.forward, X, params)
    _, expected = run_forward(provided.forward_loop, X, params)
    shapes = {"Z1": (4, 5), "A1": (4, 5), "Z2": (2, 5), "A2": (2, 5)}
    for key, shape in shapes.items():
        what = f'cache["{key}"] (n_h = 4, n_y = 2, m = 5)'
        expect_array(cache[key], np.empty(shape), what)
        expect_close(cache[key], expected[key], what=what)


@check(
    "forward agrees with the provided forward_loop on random inputs",
    points=2,
    visibility="visible",
)
def agrees_with_loop(submission, provided, rng):
    # The template's forward_loop, run apart: never the submission's copy of it.
    X, params = random_network(rng, n_x=4, n_h=6, n_y=3, m=7)
    _, expected = run_forward(provided.forward_loop, X, params)
    A2, cache = run_forward(submission.forward, X, params)
    for key in STAGES:
        expect_close(cache[key], expected[key], what=f'cache["{key}"]')
    expect_close(A2, expected["A2"], what="the A2 forward returns")
