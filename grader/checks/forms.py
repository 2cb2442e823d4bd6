"""Forms of a known bug: the same mistake written with another number.

A bug file's docstring may end with a line ``Forms: 0.01 as 0.001, 0.1``: a slope
hard-coded to 0.1 is the same misconception as one hard-coded to 0.01. Each form is
replayed as a bug of its own (its code, title and explanation with the number replaced,
as a whole token), and all of them are named by the file's one id: two forms that both
reproduce a check are one misconception, never rivals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

B = TypeVar("B")

FORMS = re.compile(r"^Forms:\s*(\S+)\s+as\s+(.+?)\.?\s*$", re.MULTILINE)


def written_with(text: str, literal: str, number: str) -> str:
    """``text`` with the number ``literal`` as ``number``: a whole token (not the 0.01 of
    0.015 or 10.01), which may end a sentence ("is 0.01.")."""
    return re.sub(rf"(?<![\w.]){re.escape(literal)}(?!\w|\.\d)", lambda _: number, text)


def one_per_id(bugs: Sequence[B]) -> list[B]:
    """The first of each id: forms of one bug are one misconception."""
    seen: set[str] = set()
    kept = []
    for bug in bugs:
        if str(getattr(bug, "id", "")) not in seen:
            seen.add(str(getattr(bug, "id", "")))
            kept.append(bug)
    return kept


NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def forms_error(literal: str, numbers: Sequence[str], code: str) -> str | None:
    """Why a ``Forms:`` line cannot stand for forms of its bug, or None: each must be a
    number, and the one the file writes must be in its code."""
    wrong = [n for n in (literal, *numbers) if not NUMBER.fullmatch(n)]
    if wrong:
        return f"Forms: {', '.join(wrong)} is not a number"
    if written_with(code, literal, "\0") == code:
        return f"Forms: {literal} is not written in the bug's code"
    return None
