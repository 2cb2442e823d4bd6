"""Strict calls: a floating-point overflow, division by zero or invalid operation in the
student's function fails the call, whatever the function does to switch that off.

NumPy raises FloatingPointError under ``np.errstate(over="raise", ...)``, but the
student's own ``np.errstate(all="ignore")`` undoes that inside the call. So the
processor's traps are switched on as well (``feenableexcept``): such an operation then
stops the process with SIGFPE, which the grader reports as that FloatingPointError.
A submission would have to call into the C library itself to switch the traps off; the
call fails when it returns with them changed. Loaded by path in the student process.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator
from typing import Any

FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW = 0x01, 0x04, 0x08  # x86-64 and i386 <fenv.h>
TRAPS = FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW


class _Traps:
    def __init__(self) -> None:
        self.libm: Any = None
        with contextlib.suppress(OSError):
            self.libm = ctypes.CDLL("libm.so.6")
        # Other processors number the flags differently, or cannot trap: NumPy only.
        if self.libm is not None and self.libm.fegetexcept() == -1:
            self.libm = None

    @contextlib.contextmanager
    def on(self) -> Iterator[None]:
        if self.libm is None:
            yield
            return
        before = self.libm.fegetexcept()
        self.libm.feclearexcept(TRAPS)
        self.libm.feenableexcept(TRAPS)
        try:
            yield
            if self.libm.fegetexcept() & TRAPS != TRAPS:
                raise FloatingPointError(
                    "the function switched off the floating-point checks of this call"
                )
        finally:
            self.libm.fedisableexcept(TRAPS & ~before)
            self.libm.feclearexcept(TRAPS)


_traps = _Traps()  # set up while the C library can still be found


@contextlib.contextmanager
def strict() -> Iterator[None]:
    """NumPy raises FloatingPointError on overflow, division by zero and invalid values
    (underflow is fine), and the processor traps them, for the duration of the block."""
    import numpy

    errors = numpy.errstate(over="raise", divide="raise", invalid="raise", under="ignore")
    with errors, _traps.on():
        yield
