"""Repairs: a known bug's crash undone in the student's code, to see what it hid.

A bug that raises before anything is computed (``np.mat``, removed in NumPy 2) hides every
bug after it: the checks see one error and nothing else. Its bug file may say how to undo
it in any code that has it, with a docstring line in ``re.sub`` syntax::

    Repair: \\b(np|numpy)\\.mat\\( => \\1.asmatrix(

When such a bug is named, the grader applies its repairs to the student's code and grades
the result once more (``grader.grading``); the bugs named there and not before are told
too, as found behind the crash. The score is never changed by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

REPAIR = re.compile(r"^Repair:\s*(\S.*?)\s+=>\s+(.*?)\s*$", re.MULTILINE)

Repair = tuple[str, str]  # (pattern, replacement), as re.sub takes them


def read_repairs(docstring: str) -> tuple[str, tuple[Repair, ...]]:
    """The docstring without its ``Repair:`` lines, and the repairs they give."""
    repairs = tuple((m.group(1), m.group(2)) for m in REPAIR.finditer(docstring))
    return REPAIR.sub("", docstring), repairs


def repair_error(repair: Repair) -> str | None:
    """Why a repair's pattern is no regular expression, or None. (Its replacement is
    proved by ``grade validate``, which repairs the bug's own code.)"""
    try:
        re.compile(repair[0])
    except re.error as error:
        return f"Repair: {repair[0]} => {repair[1]}: {error}"
    return None


def repaired(text: str, repairs: Sequence[Repair]) -> str:
    """``text`` with every repair applied, in order (one whose replacement is invalid
    changes nothing)."""
    for pattern, replacement in repairs:
        try:
            text = re.sub(pattern, replacement, text)
        except re.error:
            continue
    return text
