"""Tries to get at the grader's own code: import grader/reference/grade_exercises by
name, with the repository on sys.path, with the import blocker removed, and by file
path (reference/activations.py, every exercise's checks/hidden.py)."""

import importlib.util
import os
import sys

import numpy as np

REPO = "@@REPO@@"
BREACHES = []


def attempt(label, action):
    try:
        action()
    except BaseException:
        return
    BREACHES.append(label)


def by_path(path):
    spec = importlib.util.spec_from_file_location("stolen", path)
    spec.loader.get_data(path)  # reading the source is enough to cheat


def has_code(name):
    # an unreadable folder still imports as an empty namespace package: that is no breach
    if not getattr(importlib.import_module(name), "__file__", None):
        raise ImportError(name)


def names():
    for name in (
        "grader",
        "grader.grading",
        "reference",
        "reference.activations",
        "grade_exercises",
    ):
        attempt(f"import {name}", lambda name=name: has_code(name))


names()
sys.path.insert(0, REPO)
names()
sys.meta_path[:] = [f for f in sys.meta_path if "Blocker" not in getattr(f, "__name__", "")]
names()
attempt("reference by path", lambda: by_path(os.path.join(REPO, "reference", "activations.py")))
try:
    exercises = os.listdir(os.path.join(REPO, "exercises"))
except OSError:
    exercises = []
for folder in exercises:
    hidden = os.path.join(REPO, "exercises", folder, "checks", "hidden.py")
    if os.path.exists(hidden):
        attempt(f"{folder} hidden checks by path", lambda path=hidden: by_path(path))
print("breaches:", BREACHES)


def double(x):
    if BREACHES:
        raise RuntimeError("BREACH: " + "; ".join(BREACHES))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
