"""Comparing what two pieces of code did on one check: the student's and a known bug's.

``transcripts_match`` is the whole test a known bug must pass to be named: the same
values (and dtype kind), the same changes to its inputs and the same exceptions with the
same messages, on every call. ``agreement`` is finer and weaker: the leaves (each array,
number, error, dictionary's keys) on which two transcripts agree. It never names anything;
it only orders the search for several bugs at once.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from grader.proxy.records import Event, Proxied, Transcript, real_type


def _kind(array: np.ndarray[Any, Any]) -> str:
    """bool, integer or float/complex: a bug returning booleans is not a float answer."""
    return {"b": "bool", "i": "int", "u": "int"}.get(array.dtype.kind, "number")


def same_value(student: Any, bug: Any) -> bool:
    """The same value, up to a relative 1e-6: arrays of the same shape and dtype kind,
    objects of the same type, containers item by item."""
    if isinstance(bug, np.ndarray) or isinstance(student, np.ndarray):
        if not (isinstance(bug, np.ndarray) and isinstance(student, np.ndarray)):
            return False
        if bug.shape != student.shape or _kind(bug) != _kind(student):
            return False
        try:
            return bool(np.allclose(student, bug, rtol=1e-6, atol=1e-9, equal_nan=True))
        except TypeError:
            return False
    if isinstance(student, Proxied) or isinstance(bug, Proxied):
        return real_type(student) == real_type(bug)
    if isinstance(bug, dict):
        return (
            isinstance(student, dict)
            and set(student) == set(bug)
            and all(same_value(student[k], bug[k]) for k in bug)
        )
    if isinstance(bug, (list, tuple)):
        return (
            isinstance(student, (list, tuple))
            and len(student) == len(bug)
            and all(same_value(s, b) for s, b in zip(student, bug, strict=True))
        )
    if isinstance(bug, float) or isinstance(student, float):
        try:
            return bool(
                np.isclose(float(student), float(bug), rtol=1e-6, atol=1e-9, equal_nan=True)
            )
        except (TypeError, ValueError):
            return False
    return bool(student == bug)


def error_text(error_type: str, text: str) -> str:
    """An exception's message as compared: spacing and object addresses do not count, nor
    which method a call gave too many arguments (the mistake is in how a method is defined
    or called, whatever its name), and a FloatingPointError's text only tells how it was
    caught (NumPy's check, or the processor's trap in a strict call)."""
    if error_type == "FloatingPointError":
        return ""
    text = _METHOD_CALL.sub("method() takes", text)
    return " ".join(_ADDRESS.sub("0x", text).split())


def same_error(student: Event, bug: Event) -> bool:
    """The same exception with the same message (``error_text``). A matrix product of
    mismatched sizes is the same error whichever spelling made it (``np.dot`` and ``a.dot``
    name both shapes, ``@`` and ``np.matmul`` only the two inner sizes): told in different
    words, the inner sizes must agree."""
    if student.error_type != bug.error_type:
        return False
    mine = error_text(student.error_type or "", student.error_text)
    theirs = error_text(bug.error_type or "", bug.error_text)
    if mine == theirs:
        return True
    products = [_product(text) for text in (mine, theirs)]
    if products[0] is None or products[1] is None or products[0][0] == products[1][0]:
        return False  # in the same words, the same words are needed
    return products[0][1:] == products[1][1:]


def _product(text: str) -> tuple[int, str, str] | None:
    """How a matrix product's shape error is worded (which spelling made it) and the inner
    sizes it names; None for another error."""
    for wording, pattern in enumerate(_PRODUCT):
        found = pattern.fullmatch(text)
        if found:
            return wording, found["left"], found["right"]
    return None


_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
# "Network.sigmoid_derivative() takes 1 positional argument but 2 were given": a method's
# qualified name (a plain function's has no dot)
_METHOD_CALL = re.compile(r"^\w+(?:\.\w+)+\(\) takes(?= \d+ positional arguments? but \d+ w)")
_PRODUCT = (
    # np.dot(A, B), A.dot(B): "shapes (4,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)"
    re.compile(
        r"shapes \([\d, ]*\) and \([\d, ]*\) not aligned: "
        r"(?P<left>\d+) \(dim \d+\) != (?P<right>\d+) \(dim \d+\)"
    ),
    # A @ B, np.matmul(A, B): "... (size 4 is different from 3)"
    re.compile(
        r"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
        r"signature \(n\?,k\),\(k,m\?\)->\(n\?,m\?\) "
        r"\(size (?P<right>\d+) is different from (?P<left>\d+)\)"
    ),
)


def _same_event(student: Event, bug: Event) -> bool:
    if student.error_type or bug.error_type:
        return same_error(student, bug)
    if not same_value(student.value, bug.value):
        return False
    if bool(student.mutated) != bool(bug.mutated):  # a change of the input shows on both sides
        return False
    if student.args_after is not None and bug.args_after is not None:
        return same_value(student.args_after, bug.args_after)
    return True


def transcripts_match(student: Transcript, bug: Transcript) -> bool:
    """True when the bug did what the student's code did on every call of the check: the
    same values, the same changes to its inputs, the same exceptions with the same
    messages, and no call more or less."""
    if not student.events or len(student.events) != len(bug.events):
        return False
    return all(_same_event(s, b) for s, b in zip(student.events, bug.events, strict=True))


def part(transcript: Transcript, index: int) -> tuple[bool, Transcript]:
    """Part ``index`` of a check made of parts (``expect_each``): did it fail, and its calls."""
    if index >= len(transcript.parts):
        return False, Transcript()
    start, end, failed = transcript.parts[index]
    return failed, Transcript(transcript.events[start:end])


# -- leaves: where two transcripts agree, short of matching ---------------------------------

Leaf = tuple[Any, ...]


def leaves(transcript: Transcript) -> dict[Leaf, Any]:
    """Every leaf of a transcript by its place: each call's error, each array or number it
    returned (inside tuples, lists and dictionaries, whose keys and lengths are leaves
    too), whether it changed its input and what the input became."""
    found: dict[Leaf, Any] = {}
    for index, event in enumerate(transcript.events):
        if event.error_type:
            text = error_text(*_error(event))
            product = _product(text)
            found[(index, "raised")] = (event.error_type, product[1:] if product else text)
            continue
        found.update(_flat((index, "value"), event.value))
        found[(index, "mutated")] = bool(event.mutated)
        if event.args_after is not None and event.mutated:
            found.update(_flat((index, "after"), event.args_after))
    return found


def _error(event: Event) -> tuple[str, str]:
    return event.error_type or "", event.error_text


def _flat(place: Leaf, value: Any) -> Iterator[tuple[Leaf, Any]]:
    if isinstance(value, dict):
        yield (*place, "keys"), ("keys", tuple(sorted(map(str, value))))
        for key, item in value.items():
            yield from _flat((*place, str(key)), item)
    elif isinstance(value, (list, tuple)):
        yield (*place, "len"), (type(value).__name__, len(value))
        for position, item in enumerate(value):
            yield from _flat((*place, position), item)
    else:
        yield place, value


def agreement(student: dict[Leaf, Any], other: Transcript | dict[Leaf, Any]) -> frozenset[Leaf]:
    """The leaves of the student's transcript that ``other`` (a transcript, or its leaves)
    has too, with the same value."""
    theirs = _leaves_of(other)
    return frozenset(
        place
        for place, value in student.items()
        if place in theirs and same_value(value, theirs[place])
    )


def remaining(
    student: dict[Leaf, Any], solution: dict[Leaf, Any], other: Transcript | dict[Leaf, Any]
) -> float:
    """How much of the student's departure from the solution ``other`` (a transcript, or
    its leaves) leaves: over the
    student's leaves that the solution gets wrong, the distance from ``other``'s value to
    the student's as a share of the solution's (0 on the student's value, 1 as far off as
    the solution, or where they cannot be compared), summed. Finer than ``agreement``, and
    as weak: it only orders the search."""
    theirs = _leaves_of(other)
    total = 0.0
    for place, value in student.items():
        reference = solution.get(place, _ABSENT)
        if reference is not _ABSENT and same_value(value, reference):
            continue
        total += _share(value, reference, theirs.get(place, _ABSENT))
    return total


def _leaves_of(other: Transcript | dict[Leaf, Any]) -> dict[Leaf, Any]:
    return leaves(other) if isinstance(other, Transcript) else other


_ABSENT = object()
_FAR = 10.0  # a value much farther off than the solution's counts no more than this


def _share(student: Any, solution: Any, other: Any) -> float:
    if other is not _ABSENT and same_value(student, other):
        return 0.0
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # inf, NaN and complex alike
        warnings.simplefilter("ignore")
        try:
            mine, theirs, base = (np.asarray(v, np.float64) for v in (student, other, solution))
        except (TypeError, ValueError):
            return 1.0
        if not mine.shape == theirs.shape == base.shape:
            return 1.0
        scale = float(np.linalg.norm(mine - base))
        share = float(np.linalg.norm(mine - theirs)) / scale if scale > 0 else _FAR
    return min(share, _FAR) if np.isfinite(share) else 1.0
