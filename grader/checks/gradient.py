"""Gradient checks: the student's gradient against central differences of the grader's loss."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.checks.expect import current_tolerances, expect_array
from grader.failures import CheckFailed

Params = dict[str, np.ndarray[Any, Any]]
KINK_MARGIN = 1e-3

current_notes: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "current_notes", default=None
)


def note(text: str) -> None:
    """Attach a remark to the running check's output (shown even when it passes)."""
    notes = current_notes.get()
    if notes is not None:
        notes.append(text)


@dataclass
class GradientReport:
    """Relative error per tensor and the entries that were skipped near a kink."""

    errors: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def relative_error(a: np.ndarray[Any, Any], n: np.ndarray[Any, Any]) -> float:
    """``||a - n|| / max(||a|| + ||n||, tiny)``."""
    denominator = max(float(np.linalg.norm(a) + np.linalg.norm(n)), float(np.finfo(float).tiny))
    return float(np.linalg.norm(a - n)) / denominator


def _shifted(params: Params, name: str, delta: np.ndarray[Any, Any]) -> Params:
    moved = dict(params)
    moved[name] = params[name] + delta
    return moved


def _crosses_kink(
    kinks: Callable[[Params], np.ndarray[Any, Any]] | None,
    base: np.ndarray[Any, Any] | None,
    plus: Params,
    minus: Params,
) -> bool:
    """Whether a step moves a kink variable across its kink, or one that sits near it.

    Only the kink variables that the step moves count: a unit near its kink elsewhere
    in the network does not make this entry's difference quotient unreliable.
    """
    if kinks is None or base is None:
        return False
    after_plus, after_minus = kinks(plus), kinks(minus)
    moved = (after_plus != base) | (after_minus != base)
    return bool(
        np.any(moved & (np.abs(base) <= KINK_MARGIN))
        or np.any(np.sign(after_plus) != np.sign(base))
        or np.any(np.sign(after_minus) != np.sign(base))
    )


def numerical_gradient(
    loss: Callable[[Params], float],
    params: Params,
    name: str,
    h: float = 1e-5,
    kinks: Callable[[Params], np.ndarray[Any, Any]] | None = None,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Central differences of ``loss`` w.r.t. every entry of ``params[name]``.

    Returns the gradient and a mask of the entries skipped because a step of ``h``
    would cross a kink of the loss (where ``kinks(params)`` changes sign).
    """
    tensor = params[name]
    grad = np.zeros_like(tensor, dtype=np.float64)
    skipped = np.zeros(tensor.shape, dtype=bool)
    base = kinks(params) if kinks is not None else None
    for index in np.ndindex(tensor.shape):
        step = np.zeros_like(tensor, dtype=np.float64)
        step[index] = h
        plus, minus = _shifted(params, name, step), _shifted(params, name, -step)
        if _crosses_kink(kinks, base, plus, minus):
            skipped[index] = True
            continue
        grad[index] = (loss(plus) - loss(minus)) / (2 * h)
    return grad, skipped


def _hint(a: np.ndarray[Any, Any], n: np.ndarray[Any, Any], m: int | None) -> str:
    nn = float(np.vdot(n, n))
    if nn == 0.0:
        return "the true gradient is zero here but yours is not"
    ratio = float(np.vdot(a, n)) / nn
    if relative_error(a, ratio * n) > 1e-3:
        return ""
    if abs(ratio + 1) < 0.05:
        return "yours is the negative of the true gradient: a sign error"
    if m and m > 1 and abs(ratio - m) < 0.05 * m:
        return f"yours is {m} (= m) times too large: a missing 1/m?"
    if m and m > 1 and abs(ratio - 1 / m) < 0.05 / m:
        return f"yours is {m} (= m) times too small: an extra 1/m?"
    return f"yours is the true gradient scaled by {ratio:.4g}"


def gradient_check(
    loss: Callable[[Params], float],
    params: Mapping[str, np.ndarray[Any, Any]],
    gradients: Mapping[str, Any],
    *,
    kinks: Callable[[Params], np.ndarray[Any, Any]] | None = None,
    h: float = 1e-5,
    tol: float | None = None,
    m: int | None = None,
    rng: np.random.Generator | None = None,
    full_below: int = 2000,
    directions: int = 12,
) -> GradientReport:
    """Compare ``gradients[name]`` with the numerical gradient of ``loss`` for every tensor.

    Small tensors are checked entry by entry; large ones along random directions, and
    entry by entry only when a direction fails (to locate the bad entries). Entries
    whose step would cross a kink (``kinks``) are skipped and reported.
    """
    tol = current_tolerances.get().gradient if tol is None else tol
    base: Params = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    report = GradientReport()
    failures = []
    for name, tensor in base.items():
        analytic = gradients.get(name)
        expect_array(analytic, tensor, what=f"the gradient {name}")
        analytic = np.asarray(analytic, dtype=np.float64)
        if tensor.size > full_below and kinks is None:
            generator = rng if rng is not None else np.random.default_rng(0)
            worst = 0.0
            for _ in range(directions):
                d: np.ndarray[Any, Any] = np.asarray(generator.standard_normal(tensor.shape))
                d = d / np.linalg.norm(d)
                slope = (loss(_shifted(base, name, h * d)) - loss(_shifted(base, name, -h * d))) / (
                    2 * h
                )
                along = float(np.vdot(analytic, d))
                worst = max(worst, relative_error(np.array(along), np.array(slope)))
            if worst <= tol:
                report.errors[name] = worst
                continue
        numeric, skipped = numerical_gradient(loss, base, name, h, kinks)
        if skipped.any():
            report.skipped[name] = int(skipped.sum())
            note(f"{int(skipped.sum())} entries of {name} were not checked: too close to a kink")
        a, n = analytic[~skipped], numeric[~skipped]
        error = relative_error(a, n)
        report.errors[name] = error
        if error > tol:
            failures.append(_describe_failure(name, analytic, numeric, skipped, error, tol, m))
    if failures:
        raise CheckFailed("\n".join(failures))
    return report


def _describe_failure(
    name: str,
    analytic: np.ndarray[Any, Any],
    numeric: np.ndarray[Any, Any],
    skipped: np.ndarray[Any, Any],
    error: float,
    tol: float,
    m: int | None,
) -> str:
    diff = np.where(skipped, 0.0, np.abs(analytic - numeric))
    worst = np.unravel_index(int(np.argmax(diff)), diff.shape)
    index = tuple(int(i) for i in worst)
    hint = _hint(analytic[~skipped], numeric[~skipped], m)
    return (
        f"the gradient {name} is wrong: relative error {error:.3g} (allowed {tol:g}); "
        f"worst entry {index}: yours {float(analytic[worst]):.8g}, "
        f"numerical {float(numeric[worst]):.8g}" + (f". {hint}" if hint else "")
    )
