"""The wire format between the grader and the student process.

This file is loaded on both sides: the grader imports it as
``grader.sandbox.runtime.wire`` and the student process loads it by path, so it must
import nothing from the grader. It carries plain data and arrays only — no pickle,
nothing that executes code when read (SPEC invariant 2).

A frame is::

    b"GRD2" | u32 header length | u32 buffer count | buffer count x u64 buffer length
            | header (UTF-8 JSON) | the buffers' raw bytes, one after the other

All lengths come first, so a reader knows a frame's size from its first bytes: it
allocates the frame once, fills it in place, and decodes arrays as views of it. A
sender writes arrays straight from their own memory.

Values in the JSON header are ``None``, ``bool``, ``int``, ``float``, ``str``, lists
and string-keyed dicts; anything else is a tagged dict:

    {"$nd": i, "dtype": "<f8", "shape": [..], "cls": "ndarray", "scalar": false}
    {"$tuple": [...]}
    {"$obj": id, "type": "NeuralNetwork", "repr": "..."}  (a remote object)
    {"$float": "nan" | "inf" | "-inf"}
"""

from __future__ import annotations

import json
import math
import os
import struct
from typing import Any

import numpy as np

MAGIC = b"GRD2"
_HEAD = struct.Struct("<4sII")
_LENGTH = 8  # bytes of one u64 buffer length

ALLOWED_DTYPES = frozenset(
    {"|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8"}
    | {"<f2", "<f4", "<f8", "<c8", "<c16"}
)


class WireError(Exception):
    """A frame that is malformed, too large or of a forbidden kind."""


class Limits:
    """Caps on what one frame may hold."""

    def __init__(
        self,
        max_header: int = 4 << 20,
        max_buffers: int = 4096,
        max_bytes: int = 512 << 20,
        max_depth: int = 64,
        max_items: int = 200_000,
    ) -> None:
        self.max_header = max_header
        self.max_buffers = max_buffers
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_items = max_items


DEFAULT_LIMITS = Limits()


class ObjectRef:
    """A reference to an object that lives in the student process."""

    __slots__ = ("id", "repr", "type")

    def __init__(self, id: int, type: str = "object", repr: str = "") -> None:
        self.id = id
        self.type = type
        self.repr = repr

    def __repr__(self) -> str:
        return f"<{self.type} object in the student process>"


def _normal_dtype(dtype: np.dtype[Any]) -> str:
    return dtype.newbyteorder("<").str if dtype.byteorder == ">" else dtype.str


class Encoder:
    """Turns a value into a JSON-able header and a list of raw buffers."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, objects: Any = None) -> None:
        self.limits = limits
        self.buffers: list[memoryview] = []
        self.items = 0
        self.objects = objects  # callable(value) -> ObjectRef, or None to refuse

    def encode(self, value: Any, depth: int = 0) -> Any:
        self.items += 1
        if self.items > self.limits.max_items:
            raise WireError(f"value too large: more than {self.limits.max_items} items")
        if depth > self.limits.max_depth:
            raise WireError(f"value nested deeper than {self.limits.max_depth} levels")
        if value is None or type(value) in (bool, str):
            return value
        if type(value) is int:
            if abs(value) >= 2**63:
                return self._array(np.asarray(float(value)), scalar=True)
            return value
        if type(value) is float:
            if math.isfinite(value):
                return value
            return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
        if isinstance(value, ObjectRef):
            return {"$obj": value.id}
        if isinstance(value, np.ndarray):
            return self._array(value, cls=type(value).__name__)
        if isinstance(value, np.generic):
            return self._array(np.asarray(value), scalar=True, cls=type(value).__name__)
        if type(value) in (list, tuple):
            items = [self.encode(v, depth + 1) for v in value]
            return items if type(value) is list else {"$tuple": items}
        if type(value) is dict and all(type(k) is str for k in value):
            if any(k.startswith("$") for k in value):
                raise WireError("dict keys may not start with '$'")
            return {k: self.encode(v, depth + 1) for k, v in value.items()}
        if self.objects is not None:
            ref: ObjectRef = self.objects(value)
            return {"$obj": ref.id, "type": ref.type, "repr": ref.repr}
        raise WireError(f"cannot send a value of type {type(value).__name__}")

    def _array(self, array: np.ndarray[Any, Any], scalar: bool = False, cls: str = "") -> Any:
        plain = np.asarray(array)  # drops ndarray subclasses, keeps the data
        if type(plain) is not np.ndarray:  # pragma: no cover - numpy guarantees this
            raise WireError("not an array")
        dtype = _normal_dtype(plain.dtype)
        if dtype not in ALLOWED_DTYPES:
            raise WireError(f"arrays of dtype {plain.dtype} cannot be sent")
        # A view of the array's own bytes (a copy only if it is not contiguous).
        flat = np.ascontiguousarray(plain, dtype=dtype).reshape(-1).view(np.uint8)
        data = memoryview(flat)  # type: ignore[arg-type]
        if len(self.buffers) >= self.limits.max_buffers:
            raise WireError("too many arrays in one value")
        self.buffers.append(data)
        head: dict[str, Any] = {
            "$nd": len(self.buffers) - 1,
            "dtype": dtype,
            "shape": list(plain.shape),
        }
        if scalar:
            head["scalar"] = True
        if cls and cls not in ("ndarray",):
            head["cls"] = cls
        return head


def frame_parts(
    message: dict[str, Any], limits: Limits = DEFAULT_LIMITS, objects: Any = None
) -> list[bytes | memoryview]:
    """Encode one message as the parts of a frame, arrays as views of their memory."""
    encoder = Encoder(limits, objects)
    header = {k: encoder.encode(v) for k, v in message.items()}
    text = json.dumps(header, allow_nan=False, separators=(",", ":")).encode()
    count = len(encoder.buffers)
    lengths = struct.pack(f"<{count}Q", *(len(b) for b in encoder.buffers))
    return [_HEAD.pack(MAGIC, len(text), count), lengths, text, *encoder.buffers]


def dumps(message: dict[str, Any], limits: Limits = DEFAULT_LIMITS, objects: Any = None) -> bytes:
    """Encode one message as a frame, in one bytes object."""
    return b"".join(frame_parts(message, limits, objects))


class Decoder:
    """Rebuilds values from a header and buffers, validating every array."""

    def __init__(
        self, buffers: list[bytes] | list[memoryview], limits: Limits, resolve: Any = None
    ) -> None:
        self.buffers = buffers
        self.limits = limits
        self.resolve = resolve  # callable(id, type, repr) -> object, for "$obj"
        self.items = 0

    def decode(self, node: Any, depth: int = 0) -> Any:
        self.items += 1
        if self.items > self.limits.max_items:
            raise WireError(f"value too large: more than {self.limits.max_items} items")
        if depth > self.limits.max_depth:
            raise WireError(f"value nested deeper than {self.limits.max_depth} levels")
        if node is None or type(node) in (bool, int, float):
            return node
        if type(node) is str:
            return _text(node)
        if type(node) is list:
            return [self.decode(v, depth + 1) for v in node]
        if type(node) is not dict:
            raise WireError(f"unexpected JSON value {type(node).__name__}")
        if "$nd" in node:
            return self._array(node)
        if "$tuple" in node:
            items = node["$tuple"]
            if type(items) is not list:
                raise WireError("malformed tuple")
            return tuple(self.decode(v, depth + 1) for v in items)
        if "$float" in node:
            table = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
            if node["$float"] not in table:
                raise WireError("malformed float")
            return table[node["$float"]]
        if "$obj" in node:
            if type(node["$obj"]) is not int or self.resolve is None:
                raise WireError("unexpected object reference")
            return self.resolve(
                node["$obj"], str(node.get("type", "object")), str(node.get("repr", ""))
            )
        if any(k.startswith("$") for k in node):
            raise WireError("unknown tagged value")
        return {_text(k): self.decode(v, depth + 1) for k, v in node.items()}

    def _array(self, node: dict[str, Any]) -> Any:
        index, dtype, shape = node.get("$nd"), node.get("dtype"), node.get("shape")
        if type(index) is not int or not 0 <= index < len(self.buffers):
            raise WireError("array refers to a missing buffer")
        if dtype not in ALLOWED_DTYPES:
            raise WireError(f"arrays of dtype {dtype!r} are not accepted")
        if type(shape) is not list or len(shape) > 32:
            raise WireError("malformed array shape")
        if not all(type(n) is int and n >= 0 for n in shape):
            raise WireError("malformed array shape")
        size = math.prod(shape)
        data: bytes | bytearray | memoryview = self.buffers[index]
        if size * np.dtype(dtype).itemsize != len(data):
            raise WireError("array buffer does not match its shape and dtype")
        if isinstance(data, bytes) or (isinstance(data, memoryview) and data.readonly):
            data = bytearray(data)  # decoded arrays are the grader's own, and writable
        try:  # a zero-size shape can still name dimensions NumPy refuses
            array = np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape)
        except ValueError:
            raise WireError("malformed array shape") from None
        if node.get("scalar"):
            if shape:
                raise WireError("malformed scalar")
            return array[()]
        return array


def loads(
    header: bytes,
    buffers: list[bytes] | list[memoryview],
    limits: Limits = DEFAULT_LIMITS,
    resolve: Any = None,
) -> dict[str, Any]:
    """Decode a frame's header and buffers into a message dict."""
    try:
        raw = json.loads(header.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WireError(f"malformed header: {exc}") from None
    if type(raw) is not dict:
        raise WireError("a message must be a JSON object")
    decoder = Decoder(buffers, limits, resolve)
    return {_text(k): decoder.decode(v) for k, v in raw.items()}


def _text(value: str) -> str:
    """``value``, with lone surrogates (valid as JSON escapes, not in UTF-8) replaced by '?'."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


class FrameReader:
    """Assembles frames from bytes read off a pipe.

    Until a frame's size is known its first bytes collect in ``data``; then the frame
    gets a buffer of exactly its size, filled in place as bytes arrive.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.data = bytearray()
        self._frame: bytearray | None = None
        self._filled = 0
        self._layout: tuple[int, list[int]] = (0, [])
        self._rest: list[bytes] = []

    def feed(self, chunk: bytes) -> None:
        if self._frame is None:
            self.data += chunk
            if len(self.data) > self.limits.max_header + self.limits.max_bytes + 64 * 1024:
                raise WireError("reply too large")
            return
        take = min(len(chunk), len(self._frame) - self._filled)
        self._frame[self._filled : self._filled + take] = memoryview(chunk)[:take]
        self._filled += take
        if take < len(chunk):
            self._rest.append(bytes(chunk[take:]))
            if sum(len(r) for r in self._rest) > self.limits.max_header + 64 * 1024:
                raise WireError("reply too large")

    def _begin(self) -> bool:
        """Read the sizes at the start of a frame; give it its buffer when they are in."""
        data = self.data
        if len(data) < _HEAD.size:
            return False
        magic, head_len, count = _HEAD.unpack_from(data)
        if magic != MAGIC:
            raise WireError("corrupt frame (bad magic)")
        if head_len > self.limits.max_header:
            raise WireError("header too large")
        if count > self.limits.max_buffers:
            raise WireError("too many arrays")
        start = _HEAD.size + _LENGTH * count
        if len(data) < start:
            return False
        lengths = list(struct.unpack_from(f"<{count}Q", data, _HEAD.size))
        if sum(lengths) > self.limits.max_bytes:
            raise WireError("reply too large")
        size = start + head_len + sum(lengths)
        self._frame = bytearray(size)
        self._layout = (head_len, lengths)
        self.data = bytearray()
        self._filled = 0
        self.feed(bytes(data))
        return True

    def frame(self) -> tuple[bytes, list[memoryview]] | None:
        """Return one complete frame and drop it from the buffer, or None if incomplete."""
        if self._frame is None and not self._begin():
            return None
        assert self._frame is not None
        if self._filled < len(self._frame):
            return None
        frame, (head_len, lengths) = self._frame, self._layout
        start = _HEAD.size + _LENGTH * len(lengths)
        header = bytes(frame[start : start + head_len])
        view, position, buffers = memoryview(frame), start + head_len, []
        for length in lengths:
            buffers.append(view[position : position + length])
            position += length
        rest, self._rest, self._frame = self._rest, [], None
        for chunk in rest:  # the start of the next frame, if the sender sent more
            self.feed(chunk)
        return header, buffers


def write_frame(fd: int, frame: bytes | list[bytes | memoryview]) -> None:
    """Write a whole frame (or its parts, in order) to a blocking file descriptor."""
    for part in [frame] if isinstance(frame, bytes) else frame:
        view = memoryview(part).cast("B") if isinstance(part, memoryview) else memoryview(part)
        while view:
            written = os.write(fd, view)
            view = view[written:]
