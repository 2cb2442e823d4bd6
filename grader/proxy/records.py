"""What a proxy records, and what every proxy is: the interface checks are typed against.

A check's ``submission`` is a ``SubmissionProxy``: the student's module in its own
process (``RemoteSubmission``) or, when a failed check is replayed against a known bug,
instructor code in the grader's process (``LocalSubmission``). Both give the same
answers through the same interface and record a ``Transcript`` of what came back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class CallRecord:
    """A call's result and its arguments as they were after the call."""

    value: Any
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class Event:
    """One thing the submission gave back: a value, or an error of some type.

    ``mutated`` says whether the call changed an array it was given (None: not known, as
    for a value read or an exception), and ``args_after`` holds the arguments as they were
    after the call when it did or the check asked for them (``.inspect``): a known bug
    that modifies its input is named only for code that does too.
    """

    label: str
    value: Any = None
    error_type: str | None = None
    args_after: tuple[Any, ...] | None = None
    error_text: str = ""
    mutated: bool | None = None


@dataclass
class Transcript:
    events: list[Event] = field(default_factory=list)
    # Parts of a check that tests several things in turn (``expect_each``): the events of
    # each, events[start:end], and whether it failed. Known bugs are matched part by part.
    parts: list[tuple[int, int, bool]] = field(default_factory=list)
    # The module-level names the check used (called, read, asked about); ``opaque`` when it
    # looked at the whole module (its list of names), so that any name may have counted.
    touched: set[str] = field(default_factory=set)
    opaque: bool = False
    part_touched: list[frozenset[str]] = field(default_factory=list)  # per part, as ``parts``


@dataclass(frozen=True)
class Origin:
    """What a module-level name of the submission is bound to when asked: the object's
    type and, for a function defined with ``def`` or ``lambda``, where its code was
    compiled (the file or notebook cell, and the first line: that of its first
    decorator) and the name it was defined with."""

    type: str
    file: str = ""
    line: int = 0
    defined_as: str = ""
    wraps: bool = False  # it has a ``__wrapped__``: a decorator's wrapper

    @classmethod
    def of(cls, value: Any) -> Origin:
        import types

        if isinstance(value, types.FunctionType):
            code = value.__code__
            wraps = hasattr(value, "__wrapped__")
            return cls("function", code.co_filename, code.co_firstlineno, code.co_name, wraps)
        return cls(type(value).__name__)

    def to_wire(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "file": self.file,
            "line": self.line,
            "defined_as": self.defined_as,
            "wraps": self.wraps,
        }

    @classmethod
    def from_wire(cls, data: Any) -> Origin:
        """From what the student process sent (any shape: it is not trusted)."""
        if not isinstance(data, dict):
            return cls("unknown")
        line = data.get("line")
        return cls(
            str(data.get("type", "unknown"))[:100],
            str(data.get("file", ""))[:300],
            line if isinstance(line, int) and not isinstance(line, bool) else 0,
            str(data.get("defined_as", ""))[:100],
            data.get("wraps") is True,
        )


class FunctionProxy(Protocol):
    """A function, class or method of the submission, as a check calls it."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call it; returns a copy of what it returned (objects come back as proxies)."""

    def inspect(self, *args: Any, **kwargs: Any) -> CallRecord:
        """Call it, and also return the arguments as they were after the call."""

    def strict(self, *args: Any, **kwargs: Any) -> Any:
        """Call it with NumPy raising FloatingPointError on overflow, division by zero and
        invalid values, whatever the submission does with NumPy's error state."""


class SubmissionProxy(Protocol):
    """What a check's ``submission`` is: ``submission.relu`` is a ``FunctionProxy``,
    ``submission.NeuralNetwork(...)`` an object proxy, a module-level value a copy."""

    source: str  # the submission's code as text (never executed in the grader)
    filename: str  # the file its code was compiled as ("" for instructor code)
    transcript: Transcript  # what came back, call by call, for the known-bug matcher

    @property
    def names(self) -> dict[str, str]:
        """Name -> kind (``function(...)``, ``class``, ``value``) of what it defines."""

    def defines(self, name: str) -> bool:
        """Whether the submission defines ``name``."""

    def origin(self, name: str) -> Origin:
        """What ``name`` is bound to now: the function that really runs when a check
        calls it, wherever the source rebinds it."""

    def __getattr__(self, name: str) -> Any: ...


class Proxied:
    """Base of every proxy class: lets a label or a comparison ask for the real type
    behind a proxy without reaching into its private state."""

    __slots__ = ()

    @staticmethod
    def _real_type(proxy: Any) -> str:
        raise NotImplementedError


def real_type(value: Any) -> str:
    """The type name of the object behind a proxy, or of a plain value."""
    if isinstance(value, Proxied):
        return type(value)._real_type(value)  # looked up on the class, never the student's
    return type(value).__name__


def describe_call(label: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return f"{label}({', '.join(parts)})"


def _short(value: Any) -> str:
    if isinstance(value, Proxied):  # never ask the student process just for a label
        return repr(value)
    shape = getattr(value, "shape", None)
    if shape is not None and hasattr(value, "dtype"):
        return f"<array {tuple(shape)}>"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)) and any(hasattr(v, "shape") for v in value):
        inner = ", ".join(_short(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    text = " ".join(repr(value).split())
    return text if len(text) <= 30 else text[:27] + "..."
