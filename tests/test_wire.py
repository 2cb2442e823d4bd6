"""The wire format: round trips, and rejection of everything that is not plain data."""

from __future__ import annotations

import io
import json
import math
import struct
import tokenize
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.sandbox.runtime import wire
from grader.sandbox.runtime.wire import Limits, ObjectRef, WireError


def roundtrip(message: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    reader = wire.FrameReader()
    reader.feed(wire.dumps(message))
    frame = reader.frame()
    assert frame is not None
    assert reader.data == bytearray()  # the frame was consumed whole
    return wire.loads(*frame, **kwargs)


def raw_frame(header: Any, buffers: list[bytes] | None = None) -> bytes:
    """A frame built by hand, to say things ``dumps`` never would."""
    buffers = buffers or []
    text = json.dumps(header).encode()
    lengths = struct.pack(f"<{len(buffers)}Q", *(len(b) for b in buffers))
    parts = [struct.pack("<4sII", b"GRD2", len(text), len(buffers)), lengths, text, *buffers]
    return b"".join(parts)


def read(frame: bytes, limits: Limits = wire.DEFAULT_LIMITS) -> dict[str, Any]:
    reader = wire.FrameReader(limits)
    reader.feed(frame)
    got = reader.frame()
    assert got is not None
    return wire.loads(*got, limits=limits)


# -- round trips ---------------------------------------------------------------------------

DTYPES = sorted(wire.ALLOWED_DTYPES)


@pytest.mark.parametrize("dtype", DTYPES)
def test_every_allowed_dtype_round_trips_exactly(dtype: str) -> None:
    rng = np.random.default_rng(0)
    kind = np.dtype(dtype).kind
    if kind == "b":
        value = rng.random((3, 4)) > 0.5
    elif kind in "iu":
        info = np.iinfo(np.dtype(dtype))
        value = rng.integers(info.min, info.max, size=(3, 4), endpoint=True, dtype=dtype)
    elif kind == "c":
        value = (rng.normal(size=(3, 4)) + 1j * rng.normal(size=(3, 4))).astype(dtype)
    else:
        value = rng.normal(size=(3, 4)).astype(dtype)
    got = roundtrip({"v": value})["v"]
    assert type(got) is np.ndarray
    assert got.dtype == np.dtype(dtype)
    assert got.shape == (3, 4)
    assert np.array_equal(got, value)


@pytest.mark.parametrize(
    "value",
    [np.float64(2.5), np.int8(-3), np.uint64(2**64 - 1), np.bool_(True), np.complex64(1 - 2j)],
    ids=repr,
)
def test_numpy_scalars_come_back_as_numpy_scalars(value: np.generic) -> None:
    got = roundtrip({"v": value})["v"]
    assert type(got) is type(value)
    assert got == value


def test_zero_dimensional_and_empty_arrays() -> None:
    message = {
        "zero_d": np.array(3.5),
        "empty": np.zeros((0,)),
        "empty_2d": np.zeros((0, 4), dtype=np.int32),
        "empty_3d": np.ones((2, 0, 3), dtype=bool),
    }
    got = roundtrip(message)
    for key, value in message.items():
        assert type(got[key]) is np.ndarray, key
        assert got[key].shape == value.shape, key
        assert got[key].dtype == value.dtype, key
    assert got["zero_d"][()] == 3.5


def test_non_contiguous_views_are_sent_by_value() -> None:
    base = np.arange(24, dtype=np.float64).reshape(4, 6)
    views = {
        "strided": base[::2, 1::2],
        "transposed": base.T,
        "reversed": base[::-1],
        "fortran": np.asfortranarray(base),
        "broadcast": np.broadcast_to(np.arange(3.0), (4, 3)),
    }
    got = roundtrip(views)
    for key, value in views.items():
        assert got[key].shape == value.shape, key
        assert np.array_equal(got[key], value), key


@pytest.mark.parametrize("dtype", [">f8", ">i4", ">c16", ">u2", "=f4"])
def test_big_endian_arrays_arrive_little_endian_with_the_same_values(dtype: str) -> None:
    value = np.arange(6).reshape(2, 3).astype(dtype)
    got = roundtrip({"v": value})["v"]
    assert got.dtype.byteorder in ("<", "=", "|")
    assert got.dtype == value.dtype.newbyteorder("<")
    assert np.array_equal(got, value)


def test_ndarray_subclasses_arrive_as_plain_arrays() -> None:
    class Tagged(np.ndarray):  # type: ignore[type-arg]
        pass

    tagged = np.arange(3.0).view(Tagged)
    got = roundtrip({"t": tagged, "ma": np.ma.masked_array([1.0, 2.0])})
    assert type(got["t"]) is np.ndarray
    assert type(got["ma"]) is np.ndarray
    assert np.array_equal(got["t"], [0.0, 1.0, 2.0])


def test_plain_values_nested_lists_dicts_tuples() -> None:
    message = {
        "none": None,
        "flags": [True, False],
        "int": -(2**62),
        "float": 0.1,
        "text": "héllo \u2603 \n\t",
        "nested": {"a": [1, (2, [3, {"b": (4,)}])], "": {}},
        "empty": ([], (), {}),
        "mixed": [np.arange(3), {"w": np.eye(2)}, (np.float32(1.5), "x")],
    }
    got = roundtrip(message)
    assert got["none"] is None
    assert got["flags"] == [True, False]
    assert got["int"] == -(2**62) and type(got["int"]) is int
    assert got["float"] == 0.1 and type(got["float"]) is float
    assert got["text"] == message["text"]
    assert got["nested"] == {"a": [1, (2, [3, {"b": (4,)}])], "": {}}
    assert type(got["nested"]["a"][1]) is tuple
    assert got["empty"] == ([], (), {})
    assert np.array_equal(got["mixed"][0], np.arange(3))
    assert np.array_equal(got["mixed"][1]["w"], np.eye(2))
    assert got["mixed"][2] == (np.float32(1.5), "x")


def test_non_finite_floats_round_trip() -> None:
    got = roundtrip({"v": [math.nan, math.inf, -math.inf, -0.0, 1e308, 5e-324]})["v"]
    assert math.isnan(got[0])
    assert got[1:3] == [math.inf, -math.inf]
    assert math.copysign(1.0, got[3]) == -1.0
    assert got[4:] == [1e308, 5e-324]


def test_non_finite_entries_of_arrays_round_trip() -> None:
    value = np.array([np.nan, np.inf, -np.inf, 0.0])
    got = roundtrip({"v": value})["v"]
    assert np.array_equal(got, value, equal_nan=True)


def test_integers_beyond_int64_travel_as_floats() -> None:
    got = roundtrip({"v": 2**70})["v"]
    assert float(got) == 2.0**70


def test_object_references_are_resolved_by_the_receiver() -> None:
    registered: list[Any] = []

    def register(value: Any) -> ObjectRef:
        registered.append(value)
        return ObjectRef(len(registered), type(value).__name__, "r")

    class Thing:
        pass

    thing = Thing()
    frame = wire.dumps({"v": [thing, ObjectRef(7)]}, objects=register)
    assert registered == [thing]
    reader = wire.FrameReader()
    reader.feed(frame)
    frame = reader.frame()
    assert frame is not None
    got = wire.loads(*frame, resolve=lambda oid, kind, text: (oid, kind, text))
    assert got["v"] == [(1, "Thing", "r"), (7, "object", "")]


def test_decoded_arrays_are_writable_and_independent() -> None:
    """Arrays decoded from a reader's frame are views of that frame's private buffer
    (no copy), each independent of the others; arrays decoded from bytes the caller
    owns are copies, never views of the caller's bytes."""
    value = np.arange(4.0)
    reader = wire.FrameReader()
    reader.feed(wire.dumps({"a": value, "b": value}))
    frame = reader.frame()
    assert frame is not None
    header, buffers = frame
    got = wire.loads(header, buffers)
    a, b = got["a"], got["b"]
    assert a.flags.writeable and b.flags.writeable
    assert not np.shares_memory(a, b)
    a[0] = 99.0  # must not raise, nor change anything else
    assert b[0] == 0.0
    owned = [bytes(x) for x in buffers]
    copied = wire.loads(header, owned)
    copied["a"][1] = -1.0
    assert owned[0] == np.array([99.0, 1.0, 2.0, 3.0]).tobytes()
    assert copied["a"].flags.writeable


def test_frames_arrive_in_pieces_and_back_to_back() -> None:
    first = wire.dumps({"n": 1, "a": np.arange(5)})
    second = wire.dumps({"n": 2, "t": (1, 2)})
    stream = first + second
    reader = wire.FrameReader()
    got = []
    for i in range(len(stream)):
        reader.feed(stream[i : i + 1])
        frame = reader.frame()
        if frame is not None:
            got.append(wire.loads(*frame))
            if i < len(first) - 1:
                pytest.fail("a frame was returned before it was complete")
    assert [g["n"] for g in got] == [1, 2]
    assert np.array_equal(got[0]["a"], np.arange(5))
    assert reader.frame() is None


@pytest.mark.parametrize("cut", [0, 3, 11, 12, 20, -9, -1])
def test_a_truncated_frame_is_incomplete_not_an_error(cut: int) -> None:
    frame = wire.dumps({"a": np.arange(3.0), "b": "text"})
    reader = wire.FrameReader()
    reader.feed(frame[:cut] if cut else b"")
    assert reader.frame() is None
    reader.feed(frame[cut:] if cut else frame)
    assert reader.frame() is not None


def test_write_frame_writes_everything(tmp_path: Path) -> None:
    import os

    frame = wire.dumps({"a": np.zeros(100_000)})
    path = tmp_path / "frame.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        wire.write_frame(fd, frame)
    finally:
        os.close(fd)
    assert path.read_bytes() == frame


# -- what is refused when sending ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        np.array([object()]),
        np.array([None, 1]),
        np.array(["text"]),
        np.array([b"bytes"]),
        np.zeros(2, dtype=[("a", "<f8")]),
        np.array(["2024-01-01"], dtype="M8[D]"),
        np.array([1], dtype="m8[s]"),
        np.zeros(2, dtype=np.longdouble),
    ],
    ids=lambda a: str(a.dtype),
)
def test_arrays_of_forbidden_dtypes_are_refused(value: np.ndarray[Any, Any]) -> None:
    with pytest.raises(WireError, match="cannot be sent"):
        wire.dumps({"v": value})


@pytest.mark.parametrize(
    "value",
    [object(), {1: "int key"}, {1, 2}, b"bytes", bytearray(b"x"), 1 + 2j, range(3), len],
    ids=lambda v: type(v).__name__,
)
def test_values_that_are_not_plain_data_are_refused_without_an_object_table(value: Any) -> None:
    with pytest.raises(WireError, match="cannot send"):
        wire.dumps({"v": value})


def test_dict_keys_starting_with_dollar_are_refused() -> None:
    with pytest.raises(WireError, match=r"\$"):
        wire.dumps({"v": {"$nd": 0, "dtype": "<f8", "shape": []}})


def test_self_referencing_list_is_refused_by_depth() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(WireError, match="deeper"):
        wire.dumps({"v": loop})


def test_sending_too_many_items_or_arrays_is_refused() -> None:
    with pytest.raises(WireError, match="items"):
        wire.dumps({"v": list(range(100))}, limits=Limits(max_items=50))
    with pytest.raises(WireError, match="too many arrays"):
        wire.dumps({"v": [np.zeros(1)] * 5}, limits=Limits(max_buffers=4))


# -- what is refused when receiving --------------------------------------------------------


def test_no_pickle_anywhere_in_the_wire_module() -> None:
    """No name in the wire module's code (docstrings and comments aside) can run code."""
    source = Path(wire.__file__).read_text()
    names = {
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.NAME
    }
    forbidden = {"pickle", "cPickle", "marshal", "shelve", "dill", "eval", "exec", "__import__"}
    assert not names & forbidden
    assert "allow_pickle" not in names
    assert not any("pickle" in name.lower() for name in names)
    assert not any(dtype.endswith("O") for dtype in wire.ALLOWED_DTYPES)


def test_object_dtype_in_a_received_header_is_refused() -> None:
    frame = raw_frame({"v": {"$nd": 0, "dtype": "|O", "shape": [1]}}, [b"\0" * 8])
    with pytest.raises(WireError, match="not accepted"):
        read(frame)


@pytest.mark.parametrize("dtype", ["<U1", "|V8", "<M8[s]", ">f8", "f8", "float64", None, 3])
def test_received_dtypes_must_be_in_the_allowed_list(dtype: Any) -> None:
    frame = raw_frame({"v": {"$nd": 0, "dtype": dtype, "shape": [1]}}, [b"\0" * 8])
    with pytest.raises(WireError):
        read(frame)


def test_bad_magic_is_refused() -> None:
    frame = b"EVIL" + wire.dumps({"a": 1})[4:]
    reader = wire.FrameReader()
    reader.feed(frame)
    with pytest.raises(WireError, match="magic"):
        reader.frame()


def test_a_pickle_stream_is_not_a_frame() -> None:
    import pickle

    reader = wire.FrameReader()
    reader.feed(pickle.dumps({"a": np.arange(3)}))
    with pytest.raises(WireError):
        reader.frame()


def test_a_header_larger_than_the_limit_is_refused_before_it_arrives() -> None:
    reader = wire.FrameReader(Limits(max_header=100))
    reader.feed(struct.pack("<4sII", b"GRD2", 101, 0))
    with pytest.raises(WireError, match="header too large"):
        reader.frame()


def test_too_many_buffers_are_refused() -> None:
    reader = wire.FrameReader(Limits(max_buffers=2))
    reader.feed(struct.pack("<4sII", b"GRD2", 2, 3))
    with pytest.raises(WireError, match="too many arrays"):
        reader.frame()


def test_buffers_larger_than_the_limit_are_refused_before_they_arrive() -> None:
    reader = wire.FrameReader(Limits(max_bytes=1000))
    reader.feed(struct.pack("<4sII", b"GRD2", 2, 1) + struct.pack("<Q", 10**12))
    with pytest.raises(WireError, match="too large"):
        reader.frame()


def test_feeding_more_than_the_limits_allow_is_refused() -> None:
    reader = wire.FrameReader(Limits(max_header=10, max_bytes=10))
    with pytest.raises(WireError, match="too large"):
        reader.feed(b"x" * (100 * 1024))


@pytest.mark.parametrize(
    ("shape", "buffer"),
    [([3], b"\0" * 16), ([2, 2], b"\0" * 8), ([], b""), ([0], b"\0" * 8), ([1], b"\0" * 9)],
)
def test_buffer_length_must_match_shape_and_dtype(shape: list[int], buffer: bytes) -> None:
    frame = raw_frame({"v": {"$nd": 0, "dtype": "<f8", "shape": shape}}, [buffer])
    with pytest.raises(WireError, match="does not match"):
        read(frame)


@pytest.mark.parametrize(
    "node",
    [
        {"$nd": 1, "dtype": "<f8", "shape": [1]},
        {"$nd": -1, "dtype": "<f8", "shape": [1]},
        {"$nd": True, "dtype": "<f8", "shape": [1]},
        {"$nd": "0", "dtype": "<f8", "shape": [1]},
        {"$nd": 0, "dtype": "<f8", "shape": 1},
        {"$nd": 0, "dtype": "<f8", "shape": [-1]},
        {"$nd": 0, "dtype": "<f8", "shape": [1.0]},
        {"$nd": 0, "dtype": "<f8", "shape": [True]},
        {"$nd": 0, "dtype": "<f8", "shape": [1] * 33},
        {"$nd": 0, "dtype": "<f8", "shape": [1], "scalar": True},
    ],
)
def test_malformed_array_descriptions_are_refused(node: dict[str, Any]) -> None:
    with pytest.raises(WireError):
        read(raw_frame({"v": node}, [b"\0" * 8]))


@pytest.mark.parametrize(
    "node",
    [
        {"$pickle": "gASVAAAAAAAAAAA="},
        {"$obj": 1},  # no resolver: an object reference is not expected here
        {"$obj": "1"},
        {"$tuple": "ab"},
        {"$float": "NaN"},
        {"$float": 1.0},
        {"$code": "print(1)"},
        {"a": 1, "$b": 2},
    ],
)
def test_unknown_or_malformed_tags_are_refused(node: dict[str, Any]) -> None:
    with pytest.raises(WireError):
        read(raw_frame({"v": node}))


@pytest.mark.parametrize("shape", [[0, 2**62, 2**62], [0, 2**70], [2**31, 0, 2**40]])
def test_zero_size_shapes_with_absurd_dimensions_are_refused(shape: list[int]) -> None:
    """The buffer (empty) matches the size (0), but NumPy cannot build such an array."""
    with pytest.raises(WireError, match="shape"):
        read(raw_frame({"v": {"$nd": 0, "dtype": "<f8", "shape": shape}}, [b""]))


def test_too_deep_nesting_is_refused() -> None:
    deep: Any = 1
    for _ in range(70):
        deep = [deep]
    with pytest.raises(WireError, match="deeper"):
        read(raw_frame({"v": deep}))
    # deeper than the JSON parser's own recursion limit: still a WireError
    text = b'{"v": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(WireError):
        wire.loads(text, [])


def test_too_many_items_are_refused_on_arrival() -> None:
    frame = raw_frame({"v": list(range(1000))})
    with pytest.raises(WireError, match="items"):
        read(frame, Limits(max_items=100))


@pytest.mark.parametrize(
    "header",
    [b"\xff\xfe not utf-8", b"{not json", b"[1, 2]", b'"text"', b"null", b"1" * 5000],
)
def test_a_header_that_is_not_a_json_object_is_refused(header: bytes) -> None:
    with pytest.raises(WireError):
        wire.loads(header, [])


def test_lone_surrogates_in_received_text_are_replaced() -> None:
    """JSON may escape a lone surrogate, which no UTF-8 writer accepts afterwards."""
    got = wire.loads(b'{"v": "bad \\ud800 text", "\\udfff": ["\\ud83d"]}', [])
    assert got["v"] == "bad ? text"
    assert got["?"] == ["?"]
    json.dumps(got, ensure_ascii=False).encode("utf-8")  # writable now
