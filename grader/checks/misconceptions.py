"""Known bugs: name the misconception when a student's output matches one.

A known bug is a file ``exercises/<id>/bugs/<bug-id>.py`` whose docstring's first
line is its title and the rest its explanation, and whose code redefines part of
the solution (it is run after the solution, in the same namespace). When a check
fails, the grader re-runs that check in its own process against every known bug,
with the same seed, and compares what the bug returned with what the student's
code returned, call by call.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import Any, TypeVar

import numpy as np

from grader.proxy.records import Event, Proxied, Transcript, real_type

B = TypeVar("B")


@dataclass(frozen=True)
class KnownBug:
    """One catalogued mistake, with the code that reproduces it."""

    id: str
    title: str
    explanation: str
    path: Path
    solution: str  # the exercise's solution source, which the bug then modifies

    @property
    def source(self) -> str:
        """The solution followed by the bug: what a student with this bug submits."""
        return self.solution + "\n\n# --- known bug: " + self.id + "\n" + self.code

    @cached_property
    def code(self) -> str:
        return self.path.read_text()

    def namespace(self) -> dict[str, Any]:
        """A fresh namespace holding the solution with this bug applied."""
        namespace: dict[str, Any] = {"__name__": f"bug_{self.id.replace('-', '_')}"}
        exec(compiled(self.source, f"<solution + bug {self.id}>"), namespace)
        return namespace


@functools.lru_cache(maxsize=512)
def compiled(source: str, filename: str) -> CodeType:
    """Compiled once per process: a failed check replays every bug of the catalogue."""
    return compile(source, filename, "exec")


def read_bug(path: Path, solution: str) -> KnownBug:
    """Parse a bug file's docstring into title and explanation."""
    info = path.stat()
    title, explanation = _docstring(path, info.st_mtime_ns, info.st_size)
    return KnownBug(path.stem, title, explanation, path, solution)


@functools.cache
def _docstring(path: Path, mtime_ns: int, size: int) -> tuple[str, str]:
    """A bug file's title and explanation (parsed once per process while unchanged)."""
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    title, _, explanation = docstring.strip().partition("\n")
    return title.strip(), " ".join(explanation.split())


def _kind(array: np.ndarray[Any, Any]) -> str:
    """bool, integer or float/complex: a bug returning booleans is not a float answer."""
    return {"b": "bool", "i": "int", "u": "int"}.get(array.dtype.kind, "number")


def _same(student: Any, bug: Any) -> bool:
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
            and all(_same(student[k], bug[k]) for k in bug)
        )
    if isinstance(bug, (list, tuple)):
        return (
            isinstance(student, (list, tuple))
            and len(student) == len(bug)
            and all(_same(s, b) for s, b in zip(student, bug, strict=True))
        )
    if isinstance(bug, float) or isinstance(student, float):
        try:
            return bool(
                np.isclose(float(student), float(bug), rtol=1e-6, atol=1e-9, equal_nan=True)
            )
        except (TypeError, ValueError):
            return False
    return bool(student == bug)


def _same_error(student: Event, bug: Event) -> bool:
    """The same exception with the same message, up to spacing and object addresses: the
    bug is replayed on the student's own inputs, so its numbers and shapes must agree. A
    FloatingPointError's text tells only how it was caught (NumPy's check, or the
    processor's trap in a strict call), so its type is enough."""
    if student.error_type != bug.error_type:
        return False
    if student.error_type == "FloatingPointError":
        return True
    return _normal_text(student.error_text) == _normal_text(bug.error_text)


def _normal_text(text: str) -> str:
    return " ".join(_ADDRESS.sub("0x", text).split())


_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def _same_event(student: Event, bug: Event) -> bool:
    if student.error_type or bug.error_type:
        return _same_error(student, bug)
    if not _same(student.value, bug.value):
        return False
    if bool(student.mutated) != bool(bug.mutated):  # a change of the input shows on both sides
        return False
    if student.args_after is not None and bug.args_after is not None:
        return _same(student.args_after, bug.args_after)
    return True


def _parts_explained(student: Transcript, bug: Transcript) -> set[int]:
    """For a check made of parts (one per function, ``expect_each``): the parts the
    student's code failed that the bug fails too, doing what it did on every call of the
    part. The check runs every part whatever failed, so both have the same parts."""
    if not student.parts or len(student.parts) != len(bug.parts):
        return set()
    explained = set()
    pairs = zip(student.parts, bug.parts, strict=True)
    for index, ((start, end, failed), (b_start, b_end, b_failed)) in enumerate(pairs):
        part = Transcript(student.events[start:end])
        if failed and b_failed and transcripts_match(part, Transcript(bug.events[b_start:b_end])):
            explained.add(index)
    return explained


def transcripts_match(student: Transcript, bug: Transcript) -> bool:
    """True when the bug did what the student's code did on every call of the check: the
    same values, the same changes to its inputs, the same exceptions with the same
    messages, and no call more or less."""
    if not student.events or len(student.events) != len(bug.events):
        return False
    return all(_same_event(s, b) for s, b in zip(student.events, bug.events, strict=True))


@dataclass
class PairSearch:
    """What the matcher learns over one submission's checks: the bugs named on earlier
    checks (which settle a part two bugs explain alike), and the search for two known bugs
    at once, within a budget of replays (a submission that matches nothing costs a
    bounded time), the pair found on one check tried first on the next."""

    combine: Callable[[Any, Any], Any]
    budget: int = 120  # replays of pairs, over all the checks of a submission
    found: list[tuple[Any, Any]] = field(default_factory=list)
    named: list[Any] = field(default_factory=list)

    def pairs(self, failing: Sequence[Any]) -> Iterator[tuple[Any, Any, Any]]:
        known = [p for p in self.found if p[0] in failing and p[1] in failing]
        rest = [
            (a, b) for i, a in enumerate(failing) for b in failing[i + 1 :] if (a, b) not in known
        ]
        for first, second in known:
            both = self.combine(first, second)
            if both is not None:
                yield first, second, both
        for first, second in rest:
            if self.budget <= 0:
                return
            both = self.combine(first, second)
            if both is not None:
                self.budget -= 1
                yield first, second, both


def match_bugs(
    student: Transcript,
    bugs: Sequence[B],
    replay: Callable[[Any], tuple[bool, Transcript]],
    search: PairSearch | None = None,
) -> list[B]:
    """The bugs that fail the same check and reproduce the student's behaviour on every
    call of it. In a check made of parts, the bug that does so on every call of a failed
    part (two that both do leave it ambiguous, unless one was named on an earlier check).
    When none does alone, the pair that does (``search``): one that did on an earlier
    check, or the only one found. Weaker resemblance names nothing."""
    found, failing = [], []
    by_part: dict[int, list[B]] = {}
    for bug in bugs:
        failed, transcript = replay(bug)
        if not failed:
            continue
        failing.append(bug)
        if transcripts_match(student, transcript):
            found.append(bug)
        for part in _parts_explained(student, transcript):
            by_part.setdefault(part, []).append(bug)
    earlier = search.named if search is not None else []
    for candidates in by_part.values():
        settled = [b for b in candidates if b in earlier] if len(candidates) > 1 else candidates
        if len(settled) == 1 and settled[0] not in found:
            found.append(settled[0])
    if not found and search is not None:
        found = _pair(student, failing, replay, search)
    if search is not None:
        search.named += [bug for bug in found if bug not in search.named]
    return found


def _pair(
    student: Transcript,
    failing: list[B],
    replay: Callable[[Any], tuple[bool, Transcript]],
    search: PairSearch,
) -> list[B]:
    """The one pair of bugs that together reproduce every call of the check."""
    pairs: list[tuple[B, B]] = []
    for first, second, both in search.pairs(failing):
        failed, transcript = replay(both)
        if failed and transcripts_match(student, transcript):
            if (first, second) in search.found:
                return [first, second]
            pairs.append((first, second))
    if len(pairs) != 1:
        return []
    search.found.append(pairs[0])
    return list(pairs[0])
