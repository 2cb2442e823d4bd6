"""Hidden checks of `vectorized-forward`: values against the reference on random and
edge shapes, inputs left alone, and the vectorization itself (no loop in the code, and
much faster than `forward_loop`)."""

import time
from pathlib import Path

import numpy as np

from grader.checks import (
    CheckFailed,
    check,
    definition_that_runs,
    expect_close,
    expect_unmodified,
    find_loops,
    note,
)
from grader.checks.registry import load_module

# The helpers the public checks use too (public.py ships to students; this file does not).
public = load_module(Path(__file__).with_name("public.py"), "vectorized_forward_public_checks")
STAGES, random_network = public.STAGES, public.random_network
call_forward, run_forward = public.call_forward, public.run_forward

# Small layers and many examples: forward_loop's cost is per example (about 0.3-1 s in all),
# while the cost of sending the arrays to the student process, which both timings include,
# stays small next to it. A vectorized forward is 20-60x faster here; the check asks 5x.
SPEED_SHAPE = {"n_x": 2, "n_h": 3, "n_y": 1, "m": 4_000}
SPEED_FACTOR = 5
SPEED_REPEATS = 3


def expect_forward(result, expected, what=""):
    """Compare forward's (A2, cache) with the reference's, stage by stage."""
    A2, cache = result
    A2_ref, cache_ref = expected
    for key in STAGES:  # in the order they are computed: the first difference is the culprit
        expect_close(cache[key], cache_ref[key], what=f'cache["{key}"]{what}')
    expect_close(A2, A2_ref, what=f"the A2 forward returns{what}")


def forward_against_reference(submission, reference, rng, n_x, n_h, n_y, m):
    X, params = random_network(rng, n_x, n_h, n_y, m)
    shapes = f" (n_x = {n_x}, n_h = {n_h}, n_y = {n_y}, m = {m})"
    result = run_forward(submission.forward, X, params)
    expect_forward(result, reference.forward(X, params), shapes)


@check(
    "forward's A2 matches the reference on random shapes (n_x, n_h, n_y, m all different)",
    points=1,
)
def a2_random(submission, reference, rng):
    X, params = random_network(rng, n_x=5, n_h=7, n_y=3, m=11)
    A2, _ = run_forward(submission.forward, X, params)
    A2_ref, _ = reference.forward(X, params)
    expect_close(A2, A2_ref, what="the A2 forward returns (n_y = 3, m = 11)")


@check("every cache entry (Z1, A1, Z2, A2) matches the reference on random shapes", points=2)
def cache_random(submission, reference, rng):
    forward_against_reference(submission, reference, rng, n_x=6, n_h=9, n_y=2, m=13)


@check("forward works for a single example (m = 1)")
def single_example(submission, reference, rng):
    forward_against_reference(submission, reference, rng, n_x=4, n_h=5, n_y=2, m=1)


@check("forward works with a single hidden unit (n_h = 1)")
def single_hidden_unit(submission, reference, rng):
    forward_against_reference(submission, reference, rng, n_x=3, n_h=1, n_y=2, m=6)


@check("forward is right when n_x = n_h = n_y = m (square shapes hide shape mistakes)")
def square_shapes(submission, reference, rng):
    forward_against_reference(submission, reference, rng, n_x=4, n_h=4, n_y=4, m=4)


@check("forward applies ReLU in the hidden layer and sigmoid at the output")
def activations(submission, reference, rng):
    X, params = random_network(rng, n_x=3, n_h=8, n_y=2, m=10)
    params["W2"] *= 4.0  # output pre-activations well spread, up to about +-10
    expected = reference.forward(X, params)
    Z1 = expected[1]["Z1"]
    if not (np.any(Z1 < -0.1) and np.any(Z1 > 0.1)):  # a fault of this check, not the student's
        raise RuntimeError("the hidden pre-activations should have both signs")
    expect_forward(run_forward(submission.forward, X, params), expected)


@check("forward leaves X and params unmodified, and is right", points=1)
def inputs_unmodified(submission, reference, rng):
    X, params = random_network(rng, n_x=4, n_h=6, n_y=2, m=5)
    call = call_forward(submission.forward.inspect, X, params)
    expect_unmodified(X, call.args[0], "X")
    expect_unmodified(params, call.args[1], "params")
    # Leaving the inputs alone earns the point only with the right values.
    expect_forward(public.unpack(call.value), reference.forward(X, params))


@check("forward is right and has no Python loop over the examples", points=3)
def no_loop_in_source(submission, reference, source, rng):
    # The def that really runs as forward (not a stub that the file rebinds later), and
    # every loop it, and the functions of the file it calls, go through.
    tree, forward = definition_that_runs(submission, source, "forward")
    loops = find_loops(source, tree, forward)
    per_example = [loop for loop in loops if loop.per_example]
    fixed = "\n".join(f"  - {loop}" for loop in loops if not loop.per_example)
    if per_example:
        listed = "\n".join(f"  - {loop}" for loop in per_example)
        raise CheckFailed(
            f"forward loops in Python over the data:\n{listed}\nLoops like these run Python "
            "code once per example (or per entry), which is what vectorizing removes. Use "
            "matrix products over the whole X instead: Z1 = W1 @ X + b1 computes all m "
            "columns at once."
            + (
                f"\nThese loops are fine: they do not depend on the examples:\n{fixed}"
                * bool(fixed)
            )
        )
    if fixed:
        note(
            "forward has loops that run a fixed number of times, whatever the number of "
            f"examples (over the layers, or a fixed range); these are fine:\n{fixed}"
        )
    # A forward with no loop earns the points only if it is right: returning zeros has
    # no loop either.
    forward_against_reference(submission, reference, rng, n_x=3, n_h=4, n_y=2, m=5)


def _timed(function, X, params):
    started = time.perf_counter()
    result = run_forward(function, X, params)
    return result, time.perf_counter() - started


@check(
    f"forward is right and at least {SPEED_FACTOR}x faster than the provided forward_loop "
    f"on m = {SPEED_SHAPE['m']} examples",
    points=3,
    misconceptions=False,
)
def faster_than_loop(submission, reference, provided, rng):
    # Timed against the template's own forward_loop, in a sandbox of its own (never the
    # submission's copy, which it may have changed), on new inputs every time (nothing
    # to remember from one call to the next), each answer checked against the reference.
    forward_times, loop_times = [], []
    for repeat in range(SPEED_REPEATS + 1):  # the first round warms both up
        X, params = random_network(rng, **SPEED_SHAPE)
        (A2, _), forward_time = _timed(submission.forward, X, params)
        expect_close(A2, reference.forward(X, params)[0], what="the A2 forward returns")
        _, loop_time = _timed(provided.forward_loop, X, params)
        if repeat:  # interleaved, so that a burst of load hits both alike
            forward_times.append(forward_time)
            loop_times.append(loop_time)
    # the best of the repeats: what the code costs, with the least interference from load
    forward_time, loop_time = min(forward_times), min(loop_times)
    ratio = loop_time / max(forward_time, 1e-9)
    timing = (
        f"forward took {forward_time * 1000:.0f} ms and the provided forward_loop "
        f"{loop_time * 1000:.0f} ms (best of {SPEED_REPEATS}, data transfer included): "
        f"{ratio:.1f}x faster"
    )
    if ratio < SPEED_FACTOR:
        raise CheckFailed(
            f"{timing}; a vectorized forward is at least {SPEED_FACTOR}x faster. "
            "Look for a loop over the examples, or work done once per example."
        )
    note(timing)
