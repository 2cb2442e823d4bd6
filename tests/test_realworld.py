"""Feedback on real student code: every verdict right, no misconception named that the
code does not have, and the catalogued bugs it does have named.

Each file of ``tests/realworld/<exercise>/`` is a complete submission that reproduces one
real implementation seen in a public repository (its pattern and its bugs, written anew:
the original code is not copied here). Its header says where the pattern was seen and what
is true of it, as read by hand and checked with NumPy (never by the grader):

    # source: owner/name, path, commit
    # truth: correct | buggy
    # named: catalogue ids the feedback must name (or: none)
    # unnamed: real bugs the catalogue has no entry for, in words, ";"-separated

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
HEADER = re.compile(r"^# (source|truth|named|unnamed): (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    path: Path
    exercise: str
    source: str
    correct: bool
    named: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> Case:
        fields = dict(HEADER.findall(path.read_text()))
        for needed in ("source", "truth", "named"):
            assert needed in fields, f"{path.name}: no '# {needed}:' line"
        truth = fields["truth"].strip()
        assert truth in ("correct", "buggy"), f"{path.name}: truth is {truth!r}"
        named = {n for n in re.split(r"[,\s]+", fields["named"]) if n and n != "none"}
        return cls(path, path.parent.name, fields["source"], truth == "correct", frozenset(named))


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
        assert named == set()
    else:
        assert result.score < result.max_score
    assert named <= case.named, f"named what the code does not have: {named - case.named}"
    assert case.named <= named, f"a real bug went unnamed: {case.named - named}"
    exercise = demo_exercise(case.exercise)
    assert case.named <= set(exercise.bug_ids), "the header names a bug the catalogue lacks"


def test_nine_in_ten_real_bugs_have_a_name_in_the_catalogue() -> None:
    """Bugs the catalogue cannot name are listed in the headers (``# unnamed:``)."""
    named = sum(len(case.named) for case in CASES)
    unnamed = sum(
        len(
            [
                b
                for b in dict(HEADER.findall(case.path.read_text())).get("unnamed", "").split(";")
                if b.strip()
            ]
        )
        for case in CASES
    )
    assert named + unnamed > 0
    assert named / (named + unnamed) >= 0.9, (named, unnamed)
