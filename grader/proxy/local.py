"""Instructor code (the solution, or the solution with a known bug) run in the grader's
process, with the same copy-in/copy-out behaviour as a remote submission: the known-bug
matcher replays a failed check against each bug this way."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import numpy as np

from grader.failures import StudentCodeError
from grader.proxy.records import CallRecord, Event, Origin, Proxied, Transcript, describe_call


class LocalSubmission:
    """Instructor code (the solution, or the solution with a known bug) run in-process,
    with the same copy-in/copy-out behaviour as a remote submission."""

    def __init__(self, namespace: dict[str, Any], source: str = "") -> None:
        self._namespace = namespace
        self.source = source
        self.filename = ""  # instructor code: compiled under a descriptive name
        self.transcript = Transcript()

    @property
    def names(self) -> dict[str, str]:
        self.transcript.opaque = True
        return {k: "value" for k in self._namespace if not k.startswith("__")}

    def defines(self, name: str) -> bool:
        self.transcript.touched.add(name)
        return name in self._namespace

    def origin(self, name: str) -> Origin:
        self.transcript.touched.add(name)
        if name not in self._namespace:
            raise StudentCodeError("missing", f"your file does not define `{name}`")
        return Origin.of(self._namespace[name])

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self.transcript.touched.add(name)
        if name not in self._namespace:
            raise StudentCodeError("missing", f"your file does not define `{name}`")
        shown = _wrap_local(self._namespace[name], name, self.transcript)
        if not isinstance(shown, LocalCallable):  # a value read, as RemoteObject records it
            self.transcript.events.append(Event(f"submission.{name}", shown))
        return shown


def _wrap_local(value: Any, label: str, transcript: Transcript) -> Any:
    if callable(value):
        return LocalCallable(value, label, transcript)
    if isinstance(value, (int, float, str, bool, list, tuple, dict)) or value is None:
        return copy.deepcopy(value)
    if type(value).__module__ == "numpy":
        return copy.deepcopy(value)
    return LocalObject(value, label, transcript)


class LocalCallable(Proxied):
    @staticmethod
    def _real_type(proxy: Any) -> str:
        return type(proxy._function).__name__

    def __init__(self, function: Any, label: str, transcript: Transcript) -> None:
        self._function = function
        self._label = label
        self._transcript = transcript

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(args, kwargs).value

    def inspect(self, *args: Any, **kwargs: Any) -> CallRecord:
        return self._call(args, kwargs)

    def strict(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(args, kwargs, strict=True).value

    def _call(
        self, args: tuple[Any, ...], kwargs: dict[str, Any], strict: bool = False
    ) -> CallRecord:
        given = (args, kwargs)
        args, kwargs = copy.deepcopy(given)
        label = describe_call(self._label, args, kwargs)
        errors = np.errstate(over="raise", divide="raise", invalid="raise", under="ignore")
        try:
            with errors if strict else contextlib.nullcontext():
                value = self._function(*args, **kwargs)
        except Exception as exc:
            self._transcript.events.append(
                Event(label, error_type=type(exc).__name__, error_text=str(exc)[:2000])
            )
            raise StudentCodeError(
                "exception",
                f"{label} raised {type(exc).__name__}: {exc}",
                error_type=type(exc).__name__,
                detail=str(exc)[:2000],
            ) from exc
        shown = _wrap_local(value, type(value).__name__, self._transcript)
        mutated = _changed(given, (args, kwargs))
        self._transcript.events.append(Event(label, shown, None, copy.deepcopy(args), "", mutated))
        return CallRecord(shown, copy.deepcopy(args), copy.deepcopy(kwargs))


def _changed(given: Any, after: Any) -> bool:
    """Whether a call modified an array it was given, in place (as the student process
    tells it of the student's code)."""
    (args, kwargs), (args_after, kwargs_after) = given, after
    pairs = [*zip(args, args_after, strict=True)]
    pairs += [(kwargs[k], kwargs_after[k]) for k in kwargs]
    return any(
        isinstance(old, np.ndarray)
        and not (old.shape == new.shape and np.array_equal(old, new, equal_nan=True))
        for old, new in pairs
    )


class LocalObject(Proxied):
    @staticmethod
    def _real_type(proxy: Any) -> str:
        return type(object.__getattribute__(proxy, "_target")).__name__

    def __init__(self, target: Any, label: str, transcript: Transcript) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_transcript", transcript)

    def __getattr__(self, name: str) -> Any:
        label = f"{self._label}.{name}"
        value = getattr(self._target, name)
        shown = _wrap_local(value, label, self._transcript)
        if not isinstance(shown, LocalCallable):
            self._transcript.events.append(Event(label, shown))
        return shown

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, copy.deepcopy(value))
