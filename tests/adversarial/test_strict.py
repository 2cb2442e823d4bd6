"""Strict calls (NumPy raising on overflow) stay strict whatever the function does to
NumPy's error state: the processor's floating-point traps catch what NumPy was told
to ignore."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from grader.failures import StudentCodeError
from grader.limits import Limits
from grader.proxy import RemoteSubmission
from grader.sandbox.backends import choose
from grader.sandbox.session import Session
from grader.sandbox.zygote import reuse_sandboxes

SOURCE = """
import ctypes
import functools

import numpy as np

np.seterr(all="ignore")  # at import: undone by the grader's strict call


def naive(z):
    return 1 / (1 + np.exp(-z))


def inside_errstate(z):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


@np.errstate(all="ignore")
def decorated(z):
    return 1 / (1 + np.exp(-z))


def seterr_inside(z):
    np.seterr(all="ignore")
    return 1 / (1 + np.exp(-z))


def patched_errstate(z):
    np.errstate = lambda **kwargs: __import__("contextlib").nullcontext()
    return 1 / (1 + np.exp(-z))


def traps_switched_off(z):
    ctypes.CDLL("libm.so.6").fedisableexcept(0x3D)
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


def stable(z):
    t = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + t), t / (1 + t))
"""
CHEATS = [
    "naive",
    "inside_errstate",
    "decorated",
    "seterr_inside",
    "patched_errstate",
    "traps_switched_off",
]
Z = np.array([-1e4, -1.0, 0.0, 1.0, 1e4])


@pytest.mark.parametrize("name", CHEATS)
def test_an_overflow_fails_a_strict_call_however_numpy_is_told(backend: str, name: str) -> None:
    forking = reuse_sandboxes() if backend.endswith("+fork") else contextlib.nullcontext()
    with forking, Session(choose(backend.removesuffix("+fork")), Limits()) as session:
        session.load(SOURCE, "strict.py")
        submission = RemoteSubmission(session)
        with np.errstate(over="ignore"):
            expected = 1 / (1 + np.exp(-Z))
        np.testing.assert_allclose(getattr(submission, name)(Z), expected)  # not strict: fine
        with pytest.raises(StudentCodeError) as caught:
            getattr(submission, name).strict(Z)
        assert caught.value.error_type == "FloatingPointError", caught.value.message
        # the next strict call of honest code, in the process started again, passes
        np.testing.assert_allclose(submission.stable.strict(Z), expected)
