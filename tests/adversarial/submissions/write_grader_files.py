"""Tampers with the grader: appends to the hidden checks a line that would make every
later check pass, appends to the grader's own modules, creates new check files,
renames/deletes/chmods the hidden checks. Returns correct values, raising BREACH if any
write worked."""

import os

import numpy as np

MARKER = "@@MARKER@@"
PAYLOAD = (
    f"\n# {MARKER}\n"
    "import grader.checks.expect as _e\n"
    "_e.expect_close = lambda *args, **kwargs: None\n"
)
APPEND = [
    "@@EXERCISE@@/checks/hidden.py",
    "@@EXERCISE@@/manifest.toml",
    "@@FIXTURE@@/checks/hidden.py",
    "@@REPO@@/grader/grading.py",
    "@@REPO@@/grader/checks/expect.py",
    "@@REPO@@/reference/__init__.py",
]
CREATE = ["@@EXERCISE@@/checks/evil.py", "@@REPO@@/grader/evil.py"]


def _tamper():
    done = []
    for path in APPEND:
        try:
            with open(path, "a") as handle:
                handle.write(PAYLOAD)
            done.append(f"appended to {path}")
        except OSError:
            pass
    for path in CREATE:
        try:
            with open(path, "x") as handle:
                handle.write(PAYLOAD)
            done.append(f"created {path}")
        except OSError:
            pass
    hidden = APPEND[0]
    for label, action in (
        ("chmod", lambda: os.chmod(hidden, 0o666)),
        ("utime", lambda: os.utime(hidden, (0, 0))),
        ("rename", lambda: os.rename(hidden, hidden + ".bak")),
        ("unlink", lambda: os.unlink(hidden)),
    ):
        try:
            action()
            done.append(f"{label} {hidden}")
        except OSError:
            pass
    return done


def double(x):
    done = _tamper()
    if done:
        raise RuntimeError("BREACH: " + "; ".join(done))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
