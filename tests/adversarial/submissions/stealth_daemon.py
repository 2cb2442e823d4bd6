"""Correct, but the first call leaves daemons that hide every trace a clean-up without
root looks for: double fork and setsid, non-dumpable (their /proc files unreadable to
the grader's user), working in /, and a fresh Python with an empty environment and a
command line that names no folder of the grading."""

import ctypes
import os
import sys

import numpy as np

STARTED = []
PR_SET_DUMPABLE = 4


def _daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
            os.chdir("/")
            code = "import time\nfor _ in range(600): time.sleep(0.5)"
            os.execve(sys.executable, [sys.executable, "-c", code], {})
        os._exit(0)
    os.wait()


def double(x):
    if not STARTED:
        STARTED.append(True)
        _daemon()
        _daemon()
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
