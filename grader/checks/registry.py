"""Declaring checks: a small function with a readable name, points and a visibility.

    from grader.checks import check, expect_close

    @check("relu_derivative is 0 for negative inputs", points=1, visibility="hidden")
    def relu_derivative_negative(submission, reference, rng):
        z = -rng.uniform(0.1, 5.0, size=(3, 4))
        expect_close(submission.relu_derivative(z), reference.relu_derivative(z))

Checks ask for what they need by parameter name, as pytest fixtures do:
``submission``, ``reference``, ``rng`` (a seeded ``numpy.random.Generator``),
``tolerances``, ``exercise``, ``source`` (the submission's code as text, to inspect
with ``ast``; never executed in the grader) and ``provided`` (the exercise's template,
as students receive it, run apart from the submission: to compare with provided code
the student may have changed).
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.result import VISIBILITIES, Visibility

FIXTURES = frozenset(
    {"submission", "reference", "rng", "tolerances", "exercise", "source", "provided"}
)


@dataclass(frozen=True)
class Check:
    """One check of an exercise."""

    id: str
    name: str
    points: float
    visibility: Visibility
    function: Callable[..., Any]
    misconceptions: bool
    public: bool
    line: int
    requires: tuple[str, ...] = ()  # checks that must pass too for this one's points

    @property
    def fixtures(self) -> tuple[str, ...]:
        return _parameters(self.function)


@functools.lru_cache(maxsize=4096)
def _parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    """A check function's parameters (asked for at every run and every replay)."""
    return tuple(inspect.signature(function).parameters)


def check(
    name: str,
    *,
    points: float = 1.0,
    visibility: Visibility = "hidden",
    misconceptions: bool = True,
    requires: tuple[str, ...] | list[str] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a function as a check worth ``points``, shown to students per ``visibility``.

    ``misconceptions=False`` skips known-bug matching for checks whose failure is not
    about values (speed, style). ``requires`` names checks (by function name) that must
    pass too for this one to earn its points: a public check on fixed inputs, whose
    answers students can read, earns them only when the hidden checks of the same
    function, on inputs nobody knows in advance, pass as well.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    if points < 0:
        raise ValueError("points must not be negative")

    def mark(function: Callable[..., Any]) -> Callable[..., Any]:
        unknown = set(inspect.signature(function).parameters) - FIXTURES
        if unknown:
            raise TypeError(
                f"check {function.__name__} asks for {sorted(unknown)}; "
                f"available: {sorted(FIXTURES)}"
            )
        function.__grade_check__ = {  # type: ignore[attr-defined]
            "name": name,
            "points": float(points),
            "visibility": visibility,
            "misconceptions": misconceptions,
            "requires": tuple(requires),
        }
        return function

    return mark


def load_module(path: Path, name: str) -> Any:
    """Import a Python file of an exercise (checks, bugs) under a private name."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def collect_checks(path: Path, *, public: bool) -> list[Check]:
    """The checks defined in one file, in the order they are written (the file is
    imported once per process, and again only when it changes)."""
    info = path.stat()
    return list(_collect(path.resolve(), public, info.st_mtime_ns, info.st_size))


@functools.cache
def _collect(path: Path, public: bool, mtime_ns: int, size: int) -> tuple[Check, ...]:
    module = load_module(path, f"grade_checks_{abs(hash(str(path)))}")
    found = []
    for attribute, function in vars(module).items():
        meta = getattr(function, "__grade_check__", None)
        if meta is None:
            continue
        found.append(
            Check(
                id=attribute,
                name=meta["name"],
                points=meta["points"],
                visibility=meta["visibility"],
                function=function,
                misconceptions=meta["misconceptions"],
                public=public,
                line=function.__code__.co_firstlineno,
                requires=meta.get("requires", ()),
            )
        )
    return tuple(sorted(found, key=lambda c: c.line))
