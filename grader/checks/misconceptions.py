"""Known bugs: name the misconception when a student's output matches one.

A known bug is a file ``exercises/<id>/bugs/<bug-id>.py`` whose docstring's first
line is its title and the rest its explanation, and whose code redefines part of
the solution (it is run after the solution, in the same namespace). A line
``Forms: 0.01 as 0.001, 0.1`` in the docstring makes the one bug also stand for the same
mistake with another number written in place of ``0.01`` (a slope hard-coded to 0.1 is
the same misconception as one hard-coded to 0.01): each form is replayed as a bug of its
own, and all are named by the one id. When a check
fails, the grader re-runs that check in its own process against every known bug,
with the same seed, and compares what the bug returned with what the student's
code returned, call by call.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, TypeVar

from grader.checks.forms import FORMS, one_per_id, written_with
from grader.checks.products import NAME as MATMUL
from grader.checks.products import matmul, with_named_products
from grader.checks.repairs import Repair, read_repairs
from grader.checks.transcripts import part, same_value, transcripts_match
from grader.proxy.records import Transcript

if TYPE_CHECKING:
    from grader.checks.search import BugSearch

__all__ = [
    "KnownBug",
    "compiled",
    "match_bugs",
    "one_per_id",
    "read_bug",
    "read_bug_forms",
    "same_value",
    "transcripts_match",
]
_same = same_value  # the name older callers use

B = TypeVar("B")


@dataclass(frozen=True)
class KnownBug:
    """One catalogued mistake, with the code that reproduces it."""

    id: str
    title: str
    explanation: str
    path: Path
    solution: str  # the exercise's solution source, which the bug then modifies
    literal: str = ""  # a form's number as the bug file writes it ("0.01") ...
    form: str = ""  # ... and the number it stands for here ("0.1"), or a form file's suffix
    repairs: tuple[Repair, ...] = ()  # how to undo its crash in any code (grader.checks.repairs)

    @property
    def label(self) -> str:
        """The id, and for a form the number it is written with (for the self-tests)."""
        return f"{self.id} (as {self.form})" if self.form else self.id

    @property
    def source(self) -> str:
        """The solution followed by the bug: what a student with this bug submits."""
        return self.solution + "\n\n# --- known bug: " + self.id + "\n" + self.code

    @cached_property
    def code(self) -> str:
        text = self.path.read_text()
        return written_with(text, self.literal, self.form) if self.literal else text

    def namespace(self) -> dict[str, Any]:
        """A fresh namespace holding the solution with this bug applied."""
        namespace = replay_namespace(f"bug_{self.id.replace('-', '_')}")
        exec(compiled(self.source, f"<solution + bug {self.id}>"), namespace)
        return namespace


@functools.lru_cache(maxsize=512)
def compiled(source: str, filename: str) -> CodeType:
    """Compiled once per process: a failed check replays every bug of the catalogue. Its
    matrix products report their shapes as ``np.dot`` does (``grader.checks.products``);
    run it in a ``replay_namespace``."""
    return compile(with_named_products(source, filename), filename, "exec")


def replay_namespace(name: str) -> dict[str, Any]:
    """A fresh module namespace for ``compiled`` code."""
    return {"__name__": name, MATMUL: matmul}


def read_bug(path: Path, solution: str) -> KnownBug:
    """Parse a bug file's docstring into title and explanation."""
    info = path.stat()
    title, explanation, (_, repairs) = _docstring(path, info.st_mtime_ns, info.st_size)
    bug_id, _, form = path.stem.partition(".")  # <id>.<form>.py: a form in code of its own
    return KnownBug(bug_id, title, explanation, path, solution, form=form, repairs=repairs)


def read_bug_forms(path: Path, solution: str) -> list[KnownBug]:
    """The bug of a file, then each of its forms (its ``Forms:`` line): the same code,
    title and explanation with another number in place of the one the file writes."""
    bug = read_bug(path, solution)
    info = path.stat()
    literal, numbers = _docstring(path, info.st_mtime_ns, info.st_size)[2][0]
    return [bug] + [
        replace(
            bug,
            title=written_with(bug.title, literal, number),
            explanation=written_with(bug.explanation, literal, number),
            literal=literal,
            form=number,
        )
        for number in numbers
    ]


@functools.cache
def _docstring(path: Path, mtime_ns: int, size: int) -> tuple[str, str, _Directives]:
    """A bug file's title, explanation, forms and repairs (parsed once per process while
    unchanged); the directive lines are not part of the explanation."""
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    docstring, repairs = read_repairs(docstring)
    forms = FORMS.search(docstring)
    literal, numbers = "", []
    if forms is not None:
        literal = forms.group(1)
        numbers = [n for n in re.split(r"[,\s]+", forms.group(2)) if n and n != literal]
        docstring = docstring[: forms.start()] + docstring[forms.end() :]
    title, _, explanation = docstring.strip().partition("\n")
    return title.strip(), " ".join(explanation.split()), ((literal, numbers), repairs)


_Directives = tuple[tuple[str, list[str]], tuple[Repair, ...]]  # (literal, numbers), repairs


def match_bugs(
    student: Transcript,
    bugs: Sequence[B],
    replay: Callable[[Any], tuple[bool, Transcript]],
    search: BugSearch | None = None,
) -> list[B]:
    """The bugs that fail the same check and reproduce the student's behaviour on every
    call of it. In a check made of parts (``expect_each``), each failed part is explained
    on its own: by the bug that does so on every call of the part. Two bugs that both do
    are told apart by what was named on earlier checks or by a check the student passed
    (``search``), or else neither is named. When no bug does alone, the one combination
    of two or three that does (``search``). Weaker resemblance names nothing."""
    replayed = [(bug, *replay(bug)) for bug in bugs]
    alone = [bug for bug, failed, calls in replayed if failed and transcripts_match(student, calls)]
    found = _settle(alone, search)
    if not alone and student.parts:
        found = _by_parts(student, replayed, replay, search)
    elif not alone and search is not None:
        found = search.explain(student, replayed, replay)
    if search is not None:
        search.named += [bug for bug in found if bug not in search.named]
    return found


def _settle(candidates: list[B], search: BugSearch | None) -> list[B]:
    """One of several bugs that reproduce the same calls, when the evidence tells which
    (forms of one bug are one misconception)."""
    if search is not None and len(one_per_id(candidates)) > 1:
        return search.settle(candidates)
    return one_per_id(candidates) if len(one_per_id(candidates)) <= 1 else []


def _by_parts(
    student: Transcript,
    replayed: list[tuple[B, bool, Transcript]],
    replay: Callable[[Any], tuple[bool, Transcript]],
    search: BugSearch | None,
) -> list[B]:
    """Each failed part of the check explained apart: by one bug, or by a combination."""
    found: list[B] = []
    for index in range(len(student.parts)):
        failed, mine = part(student, index)
        if not failed:
            continue
        theirs = [
            (bug, *part(calls, index))
            for bug, _, calls in replayed
            if len(calls.parts) == len(student.parts)
        ]
        alone = [
            bug
            for bug, bug_failed, calls in theirs
            if bug_failed and transcripts_match(mine, calls)
        ]
        explained = _settle(alone, search)
        if not alone and search is not None:
            explained = search.explain(mine, theirs, _part_replay(replay, index))
        found += [bug for bug in explained if bug not in found]
    return found


def _part_replay(
    replay: Callable[[Any], tuple[bool, Transcript]], index: int
) -> Callable[[Any], tuple[bool, Transcript]]:
    """Replays that keep part ``index`` of the check: whether it failed, and its calls."""
    return lambda bug: part(replay(bug)[1], index)
