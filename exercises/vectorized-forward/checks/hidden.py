"""Hidden checks of `vectorized-forward`: values against the reference on random and
edge shapes, inputs left alone, and the vectorization itself (no loop in the code, and
much faster than `forward_loop`)."""

import ast
import time
from pathlib import Path

import numpy as np

from grader.checks import CheckFailed, check, expect, expect_close, expect_unmodified, note
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

LOOPING_CALLS = {  # a Python-level loop in disguise, by the name it is called with
    "map": "map(...)",
    "vectorize": "np.vectorize",
    "frompyfunc": "np.frompyfunc",
    "apply_along_axis": "np.apply_along_axis",
    "starmap": "itertools.starmap",
}
LOOP_NODES = {
    ast.For: "a `for` loop",
    ast.AsyncFor: "a `for` loop",
    ast.While: "a `while` loop",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}


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


@check("forward leaves X and params unmodified", points=1)
def inputs_unmodified(submission, rng):
    X, params = random_network(rng, n_x=4, n_h=6, n_y=2, m=5)
    call = call_forward(submission.forward.inspect, X, params)
    expect_unmodified(X, call.args[0], "X")
    expect_unmodified(params, call.args[1], "params")


def _functions(tree):
    """Module-level functions by name; a later definition replaces an earlier one."""
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def _called_name(call):
    """``f`` for ``f(...)`` and ``np.f(...)``."""
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


DICT_VIEWS = {"items", "keys", "values"}


def _over_entries(iterable, dict_names):
    """A loop over a dict's entries or a literal list of names (e.g. the keys W1, b1, ...)
    runs a fixed, small number of times: it is not a loop over the examples."""
    if isinstance(iterable, ast.Name):
        return iterable.id in dict_names
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute):
        return iterable.func.attr in DICT_VIEWS
    if isinstance(iterable, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(element, ast.Constant) for element in iterable.elts)
    return False


def _loop_kind(node, dict_names):
    """What kind of loop ``node`` is, or None when it is none (or one over dict entries)."""
    kind = LOOP_NODES.get(type(node))
    if kind is None:
        return None
    if isinstance(node, (ast.For, ast.AsyncFor)):
        iterables = [node.iter]
    elif isinstance(node, ast.While):
        return kind
    else:
        iterables = [generator.iter for generator in node.generators]
    return None if all(_over_entries(i, dict_names) for i in iterables) else kind


def find_loops(source, name="forward"):
    """One line for each Python-level loop that running ``name`` goes through, in its body
    or in a function of the same file that it calls: what it is, where, and the code."""
    lines = source.splitlines()
    functions = _functions(ast.parse(source))
    helpers = functions.keys() - {"forward_loop"}  # a call to forward_loop is named, not entered
    found, seen, todo = {}, set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in functions:
            continue
        seen.add(current)
        function = functions[current]
        arguments = [a.arg for a in function.args.args]
        dict_names = {"params", "parameters", "cache", *arguments[1:2]}
        for node in ast.walk(function):
            called = _called_name(node) if isinstance(node, ast.Call) else None
            what = None
            if type(node) in LOOP_NODES:
                what = _loop_kind(node, dict_names)
            elif isinstance(node, ast.Name) and node.id == "forward_loop":
                what = "a call to forward_loop"
            elif called in LOOPING_CALLS:
                what = LOOPING_CALLS[called]
            elif called in helpers and isinstance(node.func, ast.Name):
                todo.append(called)
            if what:
                # lines counted from the def, which reads the same in a .py file and a notebook
                line = node.lineno - function.lineno + 1
                code = lines[node.lineno - 1].strip()
                code = code if len(code) <= 80 else code[:77] + "..."
                called_by = "" if current == name else f" (which {name} calls)"
                found[(current != name, current, node.lineno, what)] = (
                    f"{what} at line {line} of {current}{called_by}: `{code}`"
                )
    return [found[key] for key in sorted(found)]


@check("forward has no Python loop over the examples", points=3)
def no_loop_in_source(submission, source, rng):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise CheckFailed(f"your file could not be parsed: {error}") from None
    expect("forward" in _functions(tree), "your file has no `def forward(X, params):`")
    loops = find_loops(source)
    if loops:
        listed = "\n".join(f"  - {loop}" for loop in loops)
        raise CheckFailed(
            f"forward loops in Python:\n{listed}\nLoops like these run Python code once per "
            "example (or per entry), which is what vectorizing removes. Use matrix products "
            "over the whole X instead: Z1 = W1 @ X + b1 computes all m columns at once."
        )
    X, params = random_network(rng, n_x=3, n_h=4, n_y=2, m=5)
    run_forward(submission.forward, X, params)  # a forward that does not run earns nothing


def _seconds(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


@check(
    f"forward computes the same A2 as forward_loop at least {SPEED_FACTOR}x faster "
    f"on m = {SPEED_SHAPE['m']} examples",
    points=3,
    misconceptions=False,
)
def faster_than_loop(submission, rng):
    X, params = random_network(rng, **SPEED_SHAPE)
    A2, _ = run_forward(submission.forward, X, params)  # also a warm-up for the timings
    _, expected = run_forward(submission.forward_loop, X, params)
    expect_close(A2, expected["A2"], what="the A2 forward returns on the large input")
    forward_times, loop_times = [], []
    for _ in range(SPEED_REPEATS):  # interleaved, so that a burst of load hits both alike
        forward_times.append(_seconds(submission.forward, X, params))
        loop_times.append(_seconds(submission.forward_loop, X, params))
    # the best of the repeats: what the code costs, with the least interference from load
    forward_time, loop_time = min(forward_times), min(loop_times)
    ratio = loop_time / max(forward_time, 1e-9)
    timing = (
        f"forward took {forward_time * 1000:.0f} ms and forward_loop {loop_time * 1000:.0f} ms "
        f"(best of {SPEED_REPEATS}, data transfer included): {ratio:.1f}x faster"
    )
    if ratio < SPEED_FACTOR:
        raise CheckFailed(
            f"{timing}; a vectorized forward is at least {SPEED_FACTOR}x faster. "
            "Look for a loop over the examples, or work done once per example."
        )
    note(timing)
