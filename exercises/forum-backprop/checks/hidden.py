"""Hidden checks of forum-backprop: the update read back as a gradient, and training.

The grader sets known weights, calls ``update_weights`` once and reads the weights
back: ``(W_old - W_new) / alpha`` is the gradient the student's code applied. It is
compared with central differences of the grader's own loss, on inputs where every
hidden unit is active on some examples and inactive on others, with no
pre-activation near the ReLU kink.
"""

import numpy as np

from grader.checks import (
    check,
    expect,
    expect_array,
    expect_close,
    expect_unmodified,
    gradient_check,
    note,
)

ALPHA = 0.01  # learning rate of the single steps read back as gradients
M = 8  # examples per gradient case
KINK_GAP = 0.02  # no hidden pre-activation closer than this to 0
NAMES = {
    "W0": 'weights[0]["W"]',
    "b0": 'weights[0]["b"]',
    "W1": 'weights[1]["W"]',
    "b1": 'weights[1]["b"]',
}
OUTPUT_LAYER, HIDDEN_LAYER = ("W1", "b1"), ("W0", "b0")
CONVENTION_NOTES = {
    "sum": "your update is a step on the summed error L = 1/2 * sum((T - y)**2)",
    "mean": "your update is a step on the mean error L/m (accepted)",
}


def _layers(rng):
    """Two shapes with n_in != n_h != n_out: one with two outputs, one with one."""
    return [[int(rng.integers(5, 7)), int(rng.integers(3, 5)), n_out] for n_out in (2, 1)]


def _as_weights(params):
    return [{"W": params["W0"], "b": params["b0"]}, {"W": params["W1"], "b": params["b1"]}]


def _hidden_z(params, X):
    return X @ params["W0"] + params["b0"]


def _case(rng, layers, m=M):
    """Weights, inputs and targets where each hidden unit is on for some rows, off for others."""
    n_in, n_h, n_out = layers
    for _ in range(1000):
        params = {
            "W0": rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_h)),
            "b0": rng.normal(0, 0.5, size=n_h),
            "W1": rng.normal(0, 1, size=(n_h, n_out)),
            "b1": rng.normal(0, 0.5, size=n_out),
        }
        X = rng.uniform(-1.5, 1.5, size=(m, n_in))
        z = _hidden_z(params, X)
        mixed = np.all((z > 0).any(axis=0) & (z < 0).any(axis=0))
        if mixed and np.min(np.abs(z)) > KINK_GAP:
            return params, X, rng.normal(0, 1, size=(m, n_out))
    raise RuntimeError(f"could not draw a gradient case for layers {layers}")


def _reference_net(reference, layers, params):
    net = reference.NeuralNetwork(layers, ALPHA)
    net.weights = _as_weights({k: np.array(v, dtype=float) for k, v in params.items()})
    return net


def _read_weights(net, params, when):
    """The student's weights as a flat dict like ``params``, shapes checked."""
    weights = net.weights
    well_formed = isinstance(weights, list) and len(weights) == 2
    expect(
        well_formed and all(isinstance(layer, dict) for layer in weights),
        f"{when}, weights should be a list of two dicts with keys 'W' and 'b'",
    )
    new = {}
    for key in params:
        layer, name = weights[int(key[1])], key[0]
        expect(name in layer, f"{when}, {NAMES[key]} is missing")
        expect_array(layer[name], params[key], what=f"{NAMES[key]} {when}")
        new[key] = layer[name]
    return new


def _applied_gradient(submission, layers, params, X, T, alpha=ALPHA):
    """``(old - new) / alpha`` for every parameter, after one ``update_weights``."""
    net = submission.NeuralNetwork(layers, alpha)
    net.weights = _as_weights(params)
    net.update_weights(X, T)
    new = _read_weights(net, params, "after update_weights")
    return {key: (params[key] - new[key]) / alpha for key in params}


def _convention(applied, exact, m):
    """'mean' if the output weights moved by about 1/m of the summed gradient, else 'sum'."""
    g, s = applied["W1"], exact["W1"]
    if g.shape != s.shape or not np.all(np.isfinite(g)):
        return "sum"
    ratio = float(np.vdot(g, s)) / max(float(np.vdot(s, s)), np.finfo(float).tiny)
    return "mean" if abs(ratio) < 1 / np.sqrt(m) else "sum"


def _exact_gradient(reference, layers, params, X, T):
    grads = _reference_net(reference, layers, params).gradients(X, T)
    return {f"{name}{i}": grads[i][name] for i in (0, 1) for name in ("W", "b")}


def _check_layer(submission, reference, rng, keys):
    """Compare the applied gradient of ``keys`` with the numerical gradient of L (or L/m)."""
    noted = set()
    for layers in _layers(rng):
        params, X, T = _case(rng, layers)
        applied = _applied_gradient(submission, layers, params, X, T)
        exact = _exact_gradient(reference, layers, params, X, T)
        convention = _convention(applied, exact, len(X))
        scale = 1.0 / len(X) if convention == "mean" else 1.0

        def loss(moved, params=params, layers=layers, X=X, T=T, scale=scale):
            full = {**params, **_unnamed(moved)}
            return scale * _reference_net(reference, layers, full).loss(X, T)

        def kinks(moved, params=params, X=X):
            return _hidden_z({**params, **_unnamed(moved)}, X)

        gradient_check(
            loss,
            {NAMES[k]: params[k] for k in keys},
            {NAMES[k]: applied[k] for k in keys},
            kinks=kinks,
            m=len(X),
        )
        if convention not in noted:  # said only of an update that is that step
            noted.add(convention)
            note(CONVENTION_NOTES[convention])


def _unnamed(named):
    back = {v: k for k, v in NAMES.items()}
    return {back[k]: v for k, v in named.items()}


@check("evaluate gives the same outputs as the reference network", points=2)
def evaluate_matches(submission, reference, rng):
    for layers in _layers(rng):
        params, X, _ = _case(rng, layers, m=7)
        net = submission.NeuralNetwork(layers, ALPHA)
        net.weights = _as_weights(params)
        expected = _reference_net(reference, layers, params).evaluate(X)
        expect_close(net.evaluate(X), expected, what=f"evaluate(X) with layers {layers}")


@check(
    "update_weights applies the gradient of the squared error to the output-layer weights and bias",
    points=3,
)
def output_layer_gradient(submission, reference, rng):
    _check_layer(submission, reference, rng, OUTPUT_LAYER)


@check(
    "update_weights applies the gradient of the squared error to the hidden-layer "
    "weights and bias, where some ReLU units are inactive",
    points=5,
)
def hidden_layer_gradient(submission, reference, rng):
    _check_layer(submission, reference, rng, HIDDEN_LAYER)


def _expect_gradient_step(applied, exact, m, when):
    """``applied`` (the read-back step over alpha) is the gradient of L, or of L/m."""
    scale = 1.0 / m if _convention(applied, exact, m) == "mean" else 1.0
    for key, value in applied.items():
        expected = scale * exact[key]
        error = float(np.linalg.norm(value - expected))
        size = max(float(np.linalg.norm(expected)), 1e-12)
        expect(
            error <= STEP_RTOL * size,
            f"{when}, {NAMES[key]} did not move by alpha times the gradient of the squared "
            f"error: it moved by {float(np.linalg.norm(value)):.6g} / alpha where the gradient "
            f"has size {size:.6g} (relative difference {error / size:.3g})",
        )


STEP_RTOL = 1e-6  # a gradient step, read back: only rounding differs


@check(
    "update_weights does not modify the training inputs and targets, and takes a gradient step",
    points=1,
)
def inputs_unmodified(submission, reference, rng):
    layers = _layers(rng)[0]
    params, X, T = _case(rng, layers)
    net = submission.NeuralNetwork(layers, ALPHA)
    net.weights = _as_weights(params)
    call = net.update_weights.inspect(X.copy(), T.copy())
    expect_unmodified(X, call.args[0], "training_input")
    expect_unmodified(T, call.args[1], "target_output")
    # Leaving the inputs alone earns the point only with an update that is right: one
    # that does nothing leaves them alone too.
    new = _read_weights(net, params, "after update_weights")
    applied = {key: (params[key] - new[key]) / ALPHA for key in params}
    exact = _exact_gradient(reference, layers, params, X, T)
    _expect_gradient_step(applied, exact, len(X), "after update_weights")


# Training: the network of the post learns a linear map of 5 inputs, y = X @ w + c,
# with w and c drawn for each student (code cannot recognise the task: not the sum).
# Two ReLU units compute it exactly, as relu(s) - relu(-s) for s = X @ w + c; training
# starts from that solution, perturbed, with both hidden units alive. Every step is
# read back and must be a gradient step, and the trained network is judged by the
# reference's forward pass on the weights the student's code holds, not by the
# student's evaluate.
# 80 steps at a mean-convention rate of 0.5 reach a median error of 0.003 (at most 0.09
# over 2,000 draws) for the reference: the bound is 0.05, or twice what the reference's
# own training reaches from the same start, whichever is larger.
TRAIN_M, TRAIN_STEPS, TRAIN_ALPHA_MEAN, TRAIN_RMS = 200, 80, 0.5, 0.05
TRAIN_NOISE = 0.2  # how far from the exact solution training starts
START_RMS = 0.15  # the start is at least this far off: not learning fails


def _linear_task(rng):
    """A map y = X @ w + c, the perturbed exact solution to start from, and data."""
    for _ in range(1000):
        w = rng.uniform(0.5, 1.5, size=5) * rng.choice([-1.0, 1.0], size=5)
        c = float(rng.uniform(-0.5, 0.5))
        exact = {
            "W0": np.stack([w, -w], axis=1),
            "b0": np.array([c, -c]),
            "W1": np.array([[1.0], [-1.0]]),
            "b1": np.array([0.0]),
        }
        start = {k: v + rng.normal(0, TRAIN_NOISE, size=v.shape) for k, v in exact.items()}
        X = rng.uniform(-1, 1, size=(TRAIN_M, 5))
        T = X @ w[:, None] + c
        alive = (_hidden_z(start, X) > 0).mean(axis=0)
        off = float(np.sqrt(np.mean((_forward(start, X) - T) ** 2)))
        if np.all((alive > 0.2) & (alive < 0.8)) and off > START_RMS:
            return w, c, start, X, T
    raise RuntimeError("could not draw a training task")


def _forward(params, X):
    return np.maximum(_hidden_z(params, X), 0.0) @ params["W1"] + params["b1"]


@check(
    f"the fixed network learns a linear map of 5 inputs within {TRAIN_STEPS} update_weights "
    "calls, each a gradient step",
    points=3,
)
def learns_a_linear_map(submission, reference, rng):
    w, c, params, X, T = _linear_task(rng)
    layers = [5, 2, 1]
    applied = _applied_gradient(submission, layers, params, X, T)
    exact = _exact_gradient(reference, layers, params, X, T)
    mean = _convention(applied, exact, TRAIN_M) == "mean"
    alpha = TRAIN_ALPHA_MEAN if mean else TRAIN_ALPHA_MEAN / TRAIN_M

    net = submission.NeuralNetwork(layers, alpha)
    net.weights = _as_weights(params)
    current = params
    with np.errstate(all="ignore"):  # a diverging known bug, replayed in-process
        for step in range(1, TRAIN_STEPS + 1):
            net.update_weights(X, T)
            moved = _read_weights(net, params, f"after update_weights call {step}")
            applied = {key: (current[key] - moved[key]) / alpha for key in params}
            if not all(np.all(np.isfinite(v)) for v in moved.values()):
                expect(False, f"after {step} calls of update_weights the weights hold NaN or inf")
            exact = _exact_gradient(reference, layers, current, X, T)
            _expect_gradient_step(applied, exact, TRAIN_M, f"at update_weights call {step}")
            current = moved
        X_new = rng.uniform(-1, 1, size=(100, 5))
        truth = X_new @ w[:, None] + c
        rms = _rms(_reference_net(reference, layers, current).evaluate(X_new), truth)
        trained = reference.NeuralNetwork(layers, TRAIN_ALPHA_MEAN / TRAIN_M)
        trained.weights = _as_weights(params)
        for _ in range(TRAIN_STEPS):
            trained.update_weights(X, T)
        bound = max(TRAIN_RMS, 2 * _rms(trained.evaluate(X_new), truth))
    alive = (_hidden_z(current, X_new) > 0).any(axis=0)
    dead = int((~alive).sum())
    why = f"; {dead} of the 2 hidden units output 0 for every input (dead ReLUs)" if dead else ""
    expect(
        rms <= bound,
        f"after {TRAIN_STEPS} calls of update_weights with alpha = {alpha:g} on {TRAIN_M} "
        f"examples of y = X @ w + c, the network its weights define is off by {rms:.4g} "
        f"(root-mean-square, on 100 new inputs; should be at most {bound:.3g}){why}",
    )


def _rms(y, truth):
    return float(np.sqrt(np.mean((y - truth) ** 2)))
