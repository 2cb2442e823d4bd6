"""Feedback on real student code: every verdict right, no misconception named that the
code does not have, and the catalogued bugs it does have named.

Each file of ``tests/realworld/<exercise>/`` is a complete submission that reproduces one
real implementation seen in a public repository (its pattern and its bugs, written anew:
the original code is not copied here). Its header says where the pattern was seen and what
is true of it, as read by hand and checked with NumPy (never by the grader):

    # source: owner/name, path, commit
    # truth: correct | buggy
    # named: catalogue ids the feedback must name (or: none)
    # missed: catalogue ids the code has that the feedback cannot name, then why
    #         (e.g. "no-biases: every call raises before the biases are used")
    # unnamed: real bugs the catalogue has no entry for, in words, ";"-separated

A missed bug counts against the feedback exactly as an unnamed one does: the share of real
bugs named is named / (named + missed + unnamed).

``GRADE_REALWORLD=DIR`` grades the cases of another corpus laid out the same way instead
(a local collection of original code, or a held-out set).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import demo_exercise

from grader.grading import GradeOptions, grade_file
from grader.result import GradeResult
from grader.sandbox.zygote import reuse_sandboxes

CORPUS = Path(os.environ.get("GRADE_REALWORLD") or Path(__file__).resolve().parent / "realworld")
HEADER = re.compile(r"^# (source|truth|named|missed|unnamed): (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    path: Path
    exercise: str
    source: str
    correct: bool
    named: frozenset[str]
    missed: frozenset[str] = frozenset()
    unnamed: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: Path) -> Case:
        fields = dict(HEADER.findall(path.read_text()))
        for needed in ("source", "truth", "named"):
            assert needed in fields, f"{path.name}: no '# {needed}:' line"
        truth = fields["truth"].strip()
        assert truth in ("correct", "buggy"), f"{path.name}: truth is {truth!r}"
        missed, _, why = fields.get("missed", "").partition(":")
        assert why.strip() or not missed.strip(), f"{path.name}: say why a bug is missed"
        unnamed = tuple(b.strip() for b in fields.get("unnamed", "").split(";") if b.strip())
        return cls(
            path,
            path.parent.name,
            fields["source"],
            truth == "correct",
            _ids(fields["named"]),
            _ids(missed),
            unnamed,
        )


def _ids(text: str) -> frozenset[str]:
    return frozenset(n for n in re.split(r"[,\s]+", text) if n and n != "none")


def cases() -> Iterator[Case]:
    for path in sorted(CORPUS.glob("*/*.py")):
        yield Case.read(path)


CASES = list(cases())
_results: dict[Path, GradeResult] = {}


def graded(case: Case) -> GradeResult:
    """Every case of the corpus graded once, forked from warm sandboxes."""
    if not _results:
        with reuse_sandboxes():
            for each in CASES:
                exercise = demo_exercise(each.exercise)
                _results[each.path] = grade_file(exercise, each.path, GradeOptions("realworld"))
    return _results[case.path]


def test_the_corpus_is_wide() -> None:
    """At least 40 implementations, from many repositories, for every exercise."""
    assert len(CASES) >= 40
    repositories = {case.source.split(",")[0].strip() for case in CASES}
    assert len(repositories) >= 25
    assert {case.exercise for case in CASES} == {
        "activations",
        "vectorized-forward",
        "forum-backprop",
    }


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.exercise}/{c.path.stem}")
def test_real_code_gets_the_right_verdict_and_true_feedback(case: Case) -> None:
    result = graded(case)
    assert result.status == "graded", result.error
    named = {m.id for check in result.checks for m in check.misconceptions}
    if case.correct:
        assert result.score == result.max_score, [c.message for c in result.checks if not c.passed]
        assert named == set() and not case.missed and not case.unnamed
    else:
        assert result.score < result.max_score
    has = case.named | case.missed  # a missed bug is one the code has: naming it is true
    assert named <= has, f"named what the code does not have: {named - has}"
    assert case.named <= named, f"a real bug went unnamed: {case.named - named}"
    assert not case.named & case.missed
    exercise = demo_exercise(case.exercise)
    assert has <= set(exercise.bug_ids), "the header names a bug the catalogue lacks"


def named_share() -> tuple[float, tuple[int, int, int]]:
    """Real bugs the feedback does not name count against it: those the catalogue lacks
    (``# unnamed:``) and those it has but cannot name in this code (``# missed:``)."""
    named = sum(len(case.named) for case in CASES)
    missed = sum(len(case.missed) for case in CASES)
    unnamed = sum(len(case.unnamed) for case in CASES)
    assert named + missed + unnamed > 0
    return named / (named + missed + unnamed), (named, missed, unnamed)


def test_nine_in_ten_real_bugs_are_named() -> None:
    share, counts = named_share()
    assert share >= 0.9, counts  # 155 of 171 (0.906) when it first held
