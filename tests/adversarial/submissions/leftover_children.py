"""Correct, but the first call leaves processes behind: a child that sleeps holding
stdout and stderr open, two daemons (double fork + setsid; one execs sleep, one stays
Python) and an exec'd sleeper in a process group of its own."""

import os
import time

import numpy as np

STARTED = []


def _spawn():
    if os.fork() == 0:  # holds the output pipes open and outlives the call
        time.sleep(300)
        os._exit(0)
    for execs in (True, False):
        if os.fork() == 0:  # the classic daemon
            os.setsid()
            if os.fork() == 0:
                if execs:
                    os.execv("/bin/sleep", ["sleep", "301"])
                time.sleep(303)
            os._exit(0)
        os.wait()
    if os.fork() == 0:  # its own process group, closes nothing
        os.setpgid(0, 0)
        os.execv("/bin/sleep", ["sleep", "302"])
    STARTED.append(True)


def double(x):
    if not STARTED:
        _spawn()
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
