"""The submission in its own process, through proxies that copy values both ways.

``submission.relu(z)`` calls ``relu`` in the student process and returns a copy of
what it returned. ``submission.NeuralNetwork([5, 2, 1], 0.1)`` returns a proxy of
the object, whose attributes can be read and set and whose methods can be called.
``submission.relu.inspect(z)`` also returns the arguments as they were after the
call, to see whether the student modified them.
"""

from __future__ import annotations

from typing import Any

from grader.failures import StudentCodeError
from grader.proxy.records import CallRecord, Event, Origin, Proxied, Transcript, describe_call
from grader.sandbox.runtime.wire import ObjectRef
from grader.sandbox.session import Session


class RemoteAttributeError(StudentCodeError, AttributeError):
    """The student's object has no such attribute: a failed check for the student, and an
    ``AttributeError`` for ``hasattr`` and ``getattr(obj, name, default)`` in a check."""


class _Remote(Proxied):
    """Shared plumbing of the remote proxies (attribute names kept off the student's)."""

    __slots__ = ("_g_label", "_g_owner", "_g_ref")
    _g_owner: RemoteSubmission
    _g_ref: int | None
    _g_label: str

    def __init__(self, owner: RemoteSubmission, ref: int | None, label: str) -> None:
        object.__setattr__(self, "_g_owner", owner)
        object.__setattr__(self, "_g_ref", ref)
        object.__setattr__(self, "_g_label", label)

    def _target(self) -> Any:
        ref = self._g_ref
        return None if ref is None else ObjectRef(ref)


class RemoteCallable(_Remote):
    """A function, class or method in the student process."""

    __slots__ = ("_g_name",)
    _g_name: str

    def __init__(self, owner: RemoteSubmission, ref: int | None, name: str, label: str) -> None:
        super().__init__(owner, ref, label)
        object.__setattr__(self, "_g_name", name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(args, kwargs, False).value

    def inspect(self, *args: Any, **kwargs: Any) -> CallRecord:
        """Call, and also return the arguments as they were after the call."""
        return self._call(args, kwargs, True)

    def strict(self, *args: Any, **kwargs: Any) -> Any:
        """Call with NumPy raising FloatingPointError on overflow, division by zero and
        invalid values instead of warning, whatever the submission imported."""
        return self._call(args, kwargs, False, strict=True).value

    def __repr__(self) -> str:
        return f"<{self._g_label} in the student process>"

    @staticmethod
    def _real_type(proxy: Any) -> str:
        return "function"

    def _call(
        self,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        return_args: bool,
        strict: bool = False,
    ) -> CallRecord:
        owner = self._g_owner
        label = describe_call(self._g_label, args, kwargs)
        message = {
            "op": "call",
            "target": self._target(),
            "name": self._g_name,
            "args": [_to_wire(a) for a in args],
            "kwargs": {k: _to_wire(v) for k, v in kwargs.items()},
            "return_args": return_args,
            "strict": strict,
        }
        reply = owner._request(message, label)
        changed = reply.get("changed") is True
        after = tuple(reply.get("args") or ()) if return_args or changed else None
        event = Event(label, reply.get("value"), None, after, mutated=changed)
        owner.transcript.events.append(event)
        return CallRecord(reply.get("value"), after or (), dict(reply.get("kwargs") or {}))


class RemoteObject(_Remote):
    """An object in the student process: read and set attributes, call methods."""

    __slots__ = ("_g_type",)
    _g_type: str

    def __init__(
        self, owner: RemoteSubmission, ref: int | None, type_name: str, label: str
    ) -> None:
        super().__init__(owner, ref, label)
        object.__setattr__(self, "_g_type", type_name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        label = f"{self._g_label}.{name}"
        try:
            reply = self._g_owner._request(
                {"op": "getattr", "target": self._target(), "name": name}, label
            )
        except StudentCodeError as error:
            if error.error_type != "AttributeError":
                raise
            kind, message = error.kind, error.message
            raise RemoteAttributeError(kind, message, error_type="AttributeError") from None

        value = reply.get("value")
        if isinstance(value, RemoteObject) and value._g_type in _CALLABLE_TYPES:
            return RemoteCallable(self._g_owner, value._g_ref, "__call__", label)
        self._g_owner.transcript.events.append(Event(label, value))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        label = f"{self._g_label}.{name} = ..."
        message = {"op": "setattr", "target": self._target(), "name": name}
        self._g_owner._request({**message, "value": _to_wire(value)}, label)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return RemoteCallable(self._g_owner, self._g_ref, "__call__", self._g_label)(
            *args, **kwargs
        )

    def __repr__(self) -> str:
        return f"<{self._g_type} object in the student process>"

    @staticmethod
    def _real_type(proxy: Any) -> str:
        return str(object.__getattribute__(proxy, "_g_type"))


_CALLABLE_TYPES = frozenset({"method", "function", "builtin_function_or_method", "type"})


def _to_wire(value: Any) -> Any:
    """An argument as it is sent: proxies become references to the objects they stand for
    (a check may pass one of the submission's objects or functions back to it)."""
    if isinstance(value, _Remote):
        ref = object.__getattribute__(value, "_g_ref")
        if ref is None and isinstance(value, RemoteCallable):  # a module-level name
            owner = object.__getattribute__(value, "_g_owner")
            name = object.__getattribute__(value, "_g_name")
            label = object.__getattribute__(value, "_g_label")
            reply = owner._request({"op": "getattr", "target": None, "name": name}, label)
            found = reply.get("value")
            ref = object.__getattribute__(found, "_g_ref") if isinstance(found, _Remote) else None
        if ref is None:
            raise TypeError(f"{value!r} cannot be passed to the submission")
        return ObjectRef(ref)
    if type(value) in (list, tuple):
        return type(value)(_to_wire(v) for v in value)
    if type(value) is dict:
        return {k: _to_wire(v) for k, v in value.items()}
    return value


class RemoteSubmission:
    """The student's module, in its own process."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.source = session.source
        self.filename = session.filename
        self.transcript = Transcript()

    @property
    def names(self) -> dict[str, str]:
        self.transcript.opaque = True
        return self._names()

    def _names(self) -> dict[str, str]:
        report = self._session.load_report
        return report.names if report is not None else {}

    def defines(self, name: str) -> bool:
        self.transcript.touched.add(name)
        return name in self._names()

    def origin(self, name: str) -> Origin:
        self.transcript.touched.add(name)
        reply = self._request({"op": "origin", "target": None, "name": name}, name)
        return Origin.from_wire(reply.get("value"))

    def _resolve(self, oid: int, type_name: str, text: str) -> RemoteObject:
        return RemoteObject(self, oid, type_name, type_name)

    def _request(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        try:
            return self._session.request(message, label, self._resolve)
        except StudentCodeError as error:
            self.transcript.events.append(
                Event(label, error_type=error.error_type or error.kind, error_text=error.detail)
            )
            raise

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self.transcript.touched.add(name)
        report = self._session.load_report
        if report is not None and report.error is None and name not in report.names:
            raise StudentCodeError("missing", f"your file does not define `{name}`")
        kind = self._names().get(name, "function")
        if kind == "value":
            return RemoteObject(self, None, "module", "submission").__getattr__(name)
        return RemoteCallable(self, None, name, name)
