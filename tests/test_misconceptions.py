"""Known bugs: named when the student's outputs match the bug's, and only then."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.checkrun import run_check
from grader.checks.misconceptions import (
    KnownBug,
    match_bugs,
    read_bug,
    read_bug_forms,
    transcripts_match,
)
from grader.checks.search import BugSearch
from grader.exercise import Exercise
from grader.proxy import Event, LocalSubmission, Transcript
from grader.result import CheckResult

TESTS = Path(__file__).resolve().parent
SCENARIOS = TESTS / "scenarios" / "toy"  # submission files of the toy exercise


def scenario(name: str) -> Path:
    path = SCENARIOS / name
    assert path.exists(), f"missing scenario {path}"
    return path


def transcript(*events: Event) -> Transcript:
    return Transcript(list(events))


def namespace_of(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "student"}
    exec(compile(source, "student.py", "exec"), namespace)
    return namespace


def grade_locally(toy: Exercise, source: str, bugs: list[KnownBug]) -> dict[str, CheckResult]:
    """Run every toy check in-process against ``source`` (as the matcher runs bugs)."""
    student = LocalSubmission(namespace_of(source), source)
    return {c.id: run_check(c, toy, "alice", student, bugs) for c in toy.checks(public_only=False)}


def named(result: CheckResult) -> list[str]:
    return [m.id for m in result.misconceptions]


# -- comparing transcripts -----------------------------------------------------------------


def test_equal_outputs_match_and_different_outputs_do_not() -> None:
    a = np.array([1.0, 2.0])
    assert transcripts_match(transcript(Event("f", a)), transcript(Event("f", a + 1e-12)))
    assert not transcripts_match(transcript(Event("f", a)), transcript(Event("f", a + 1e-3)))
    assert not transcripts_match(transcript(Event("f", a)), transcript(Event("f", a[:1])))
    assert not transcripts_match(transcript(Event("f", a)), transcript(Event("f", a.tolist())))


def test_every_call_must_match_not_just_one() -> None:
    a, b = np.zeros(2), np.ones(2)
    student = transcript(Event("f", a), Event("g", b))
    assert transcripts_match(student, transcript(Event("f", a), Event("g", b)))
    assert not transcripts_match(student, transcript(Event("f", a), Event("g", a)))


def test_nothing_to_compare_is_not_a_match() -> None:
    assert not transcripts_match(transcript(), transcript(Event("f", 1.0)))
    assert not transcripts_match(transcript(Event("f", 1.0)), transcript())


def test_plain_values_and_containers() -> None:
    value = {"A2": np.ones((1, 3)), "cache": [1, (2.0, "x")]}
    same = {"A2": np.ones((1, 3)), "cache": [1, (2.0 + 1e-12, "x")]}
    other = {"A2": np.ones((1, 3)), "cache": [1, (2.5, "x")]}
    assert transcripts_match(transcript(Event("f", value)), transcript(Event("f", same)))
    assert not transcripts_match(transcript(Event("f", value)), transcript(Event("f", other)))
    assert transcripts_match(transcript(Event("f", np.float64(0.5))), transcript(Event("f", 0.5)))


def test_exception_types_match_only_the_same_type() -> None:
    raised = transcript(Event("f", error_type="ZeroDivisionError"))
    assert transcripts_match(raised, transcript(Event("f", error_type="ZeroDivisionError")))
    assert not transcripts_match(raised, transcript(Event("f", error_type="ValueError")))
    assert not transcripts_match(raised, transcript(Event("f", value=None)))


def test_exceptions_match_only_with_the_same_message() -> None:
    """Every NumPy shape mistake is a ValueError; the shapes it names tell them apart."""
    student = transcript(
        Event("f", error_type="ValueError", error_text="shapes (8,5) and (8,5) not aligned")
    )
    same = Event("f", error_type="ValueError", error_text="shapes  (8,5) and (8,5) not aligned")
    other = Event("f", error_type="ValueError", error_text="shapes (5,8) and (4,5) not aligned")
    assert transcripts_match(student, transcript(same))
    assert not transcripts_match(student, transcript(other))
    at = "object at 0x7f3a2c1b9e50"
    moved = Event("f", error_type="TypeError", error_text=at.replace("7f3a", "55aa"))
    assert transcripts_match(
        transcript(Event("f", error_type="TypeError", error_text=at)), transcript(moved)
    )


def test_a_bug_that_changes_its_input_needs_code_that_does_too() -> None:
    z = np.array([0.0, 2.0])
    plain = transcript(Event("relu", z, mutated=False))
    in_place = transcript(Event("relu", z, args_after=(z,), mutated=True))
    assert not transcripts_match(plain, in_place)
    assert not transcripts_match(in_place, plain)
    assert transcripts_match(in_place, transcript(Event("relu", z, args_after=(z,), mutated=True)))
    assert not transcripts_match(transcript(Event("relu", z)), in_place)  # no evidence either way


def test_a_bug_must_reproduce_every_call() -> None:
    a = np.ones(2)
    student = transcript(Event("f", a), Event("f", 2 * a))
    assert not transcripts_match(student, transcript(Event("f", a)))
    assert not transcripts_match(
        transcript(Event("f", a)), transcript(Event("f", a), Event("g", a))
    )


def test_arguments_after_the_call_are_compared_when_both_have_them() -> None:
    x = np.ones(3)
    student = transcript(Event("f", 2 * x, args_after=(2 * x,)))
    assert transcripts_match(student, transcript(Event("f", 2 * x, args_after=(2 * x,))))
    assert not transcripts_match(student, transcript(Event("f", 2 * x, args_after=(x,))))
    assert transcripts_match(student, transcript(Event("f", 2 * x)))


def test_a_bug_that_passes_the_check_is_never_named(tmp_path: Path) -> None:
    path = tmp_path / "bug.py"
    path.write_text('"""Title"""\n')
    bug = read_bug(path, "")
    student = transcript(Event("f", 1.0))
    assert match_bugs(student, [bug], lambda b: (True, transcript(Event("f", 1.0)))) == [bug]
    assert match_bugs(student, [bug], lambda b: (False, transcript(Event("f", 1.0)))) == []
    assert match_bugs(student, [bug], lambda b: (True, transcript(Event("f", 2.0)))) == []


def test_read_bug_takes_title_and_explanation_from_the_docstring(tmp_path: Path) -> None:
    path = tmp_path / "sign-flip.py"
    path.write_text(
        '"""Flips the sign\n\nThe gradient points uphill;\n  descend instead.\n"""\nx = 1\n'
    )
    bug = read_bug(path, "y = 2")
    assert (bug.id, bug.title) == ("sign-flip", "Flips the sign")
    assert bug.explanation == "The gradient points uphill; descend instead."
    assert bug.namespace()["x"] == 1 and bug.namespace()["y"] == 2


def test_a_forms_line_makes_one_bug_of_the_same_mistake_with_other_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "adds-a-constant.py"
    path.write_text(
        '"""Adds 2.0 instead of multiplying by 2\n\nx + 2.0 is a shift, not a scaling by'
        ' 2.0; 0.015 and 12.0 stay as written, 2.0.\n\nForms: 2.0 as 3.0, 0.5\n"""\n\n'
        "def double(x):\n    return x + 2.0  # not 12.0\n"
    )
    bug, *forms = read_bug_forms(path, "")
    assert [f.form for f in forms] == ["3.0", "0.5"] and {f.id for f in forms} == {bug.id}
    assert "Forms:" not in bug.explanation and bug.form == "" and bug.label == bug.id
    three = forms[0]
    assert three.title == "Adds 3.0 instead of multiplying by 2"
    assert (
        three.explanation
        == "x + 3.0 is a shift, not a scaling by 3.0; 0.015 and 12.0 stay as written, 3.0."
    )
    assert three.label == "adds-a-constant (as 3.0)"
    assert three.namespace()["double"](1.0) == 4.0 and "# not 12.0" in three.code
    assert bug.namespace()["double"](1.0) == 3.0  # the file's own number is a form too


def test_a_number_hard_coded_otherwise_is_named_by_a_form_of_the_bug(
    toy: Exercise, tmp_path: Path
) -> None:
    path = tmp_path / "double-adds.py"
    path.write_text(
        '"""Adds 2.0 instead of multiplying by 2\n\nAdding is not scaling.\n\n'
        'Forms: 2.0 as 3.0\n"""\n\ndef double(x):\n    return x + 2.0\n'
    )
    bugs = read_bug_forms(path, toy.solution())
    adds_three = scenario("wrong_values.py").read_text().replace("+ 2.0", "+ 3.0")
    results = grade_locally(toy, adds_three, bugs)
    assert named(results["double_random"]) == ["double-adds"]
    assert (
        results["double_random"].misconceptions[0].title == "Adds 3.0 instead of multiplying by 2"
    )
    adds_four = adds_three.replace("+ 3.0", "+ 4.0")  # no form of the bug has 4.0
    assert named(grade_locally(toy, adds_four, bugs)["double_random"]) == []


def test_a_file_named_id_dot_form_is_a_form_of_that_bug_in_code_of_its_own(
    tmp_path: Path,
) -> None:
    import shutil

    from grader.exercise import load_exercise

    copy = tmp_path / "toy"
    shutil.copytree(TESTS / "fixtures" / "exercises" / "toy", copy)
    (copy / "bugs" / "double-adds.squared.py").write_text(
        '"""Adds 2 to the square instead of doubling\n\nStill adding.\n"""\n\n'
        "def double(x):\n    return np.asarray(x, dtype=float) ** 2 + 2.0\n"
    )
    toy = load_exercise(copy)
    assert "double-adds.squared" not in toy.bug_ids
    forms = [(b.id, b.form) for b in toy.bugs() if b.id == "double-adds"]
    assert forms == [("double-adds", ""), ("double-adds", "squared")]
    squared = (
        "import numpy as np\n\ndef double(x):\n    return np.asarray(x, dtype=float) ** 2 + 2.0\n"
    )
    results = grade_locally(toy, squared, toy.bugs())
    assert named(results["double_random"]) == ["double-adds"]
    assert results["double_random"].misconceptions[0].title.startswith("Adds 2 to the square")


def test_forms_that_do_the_same_are_one_misconception_not_rivals(
    toy: Exercise, tmp_path: Path
) -> None:
    """On float input x + 2 and x + 2.0 are the same: two forms that both fit are one
    bug, named once, not two candidates that leave each other unnamed."""
    path = tmp_path / "double-adds.py"
    path.write_text(
        '"""Adds 2.0 instead of multiplying by 2\n\nAdding is not scaling.\n\n'
        'Forms: 2.0 as 2\n"""\n\ndef double(x):\n    return x + 2.0\n'
    )
    bugs = read_bug_forms(path, toy.solution())
    results = grade_locally(toy, scenario("wrong_values.py").read_text(), bugs)
    assert named(results["double_small"]) == ["double-adds"]
    assert named(results["double_random"]) == ["double-adds"]


def test_a_form_is_kept_apart_in_a_bundles_evidence() -> None:
    from grader.checks.evidence import StoredBug, evidence_text, read_evidence

    bugs = [StoredBug("b", "t", "e", {}, ""), StoredBug("b", "t2", "e2", {}, "0.1")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "known-bugs.json"
        path.write_text(evidence_text(bugs))
        assert [(b.id, b.form) for b in read_evidence(path)] == [("b", ""), ("b", "0.1")]


# -- through run_check, with the toy exercise's catalogue ----------------------------------


def test_the_toy_bug_is_named_when_the_outputs_match(toy: Exercise) -> None:
    results = grade_locally(toy, scenario("wrong_values.py").read_text(), toy.bugs())
    assert named(results["double_small"]) == ["double-adds"]
    assert named(results["double_random"]) == ["double-adds"]
    assert results["double_random"].misconceptions[0].title == "Adds 2 instead of multiplying by 2"
    assert results["accumulator_adds"].passed and named(results["accumulator_adds"]) == []


def test_a_different_mistake_is_not_given_the_bug_name(toy: Exercise) -> None:
    source = scenario("wrong_values.py").read_text().replace("+ 2.0", "+ 3.0")
    results = grade_locally(toy, source, toy.bugs())
    assert not results["double_small"].passed
    assert named(results["double_small"]) == []
    assert named(results["double_random"]) == []


def test_modifying_the_input_is_named_from_the_arguments_after_the_call(toy: Exercise) -> None:
    source = "def double(x):\n    x *= 2\n    return x\n"
    results = grade_locally(toy, source, toy.bugs())
    assert results["double_small"].passed  # the values are right
    assert not results["double_pure"].passed
    assert named(results["double_pure"]) == ["double-in-place"]


def test_a_correct_submission_names_nothing(toy: Exercise) -> None:
    results = grade_locally(toy, toy.solution(), toy.bugs())
    assert all(r.passed and not r.misconceptions for r in results.values())


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        ("ZeroDivisionError('division by zero')", True),
        ("ZeroDivisionError('no')", False),  # the same type, another mistake
        ("KeyError('division by zero')", False),
    ],
)
def test_exception_bugs_match_by_type_and_message(
    toy: Exercise, tmp_path: Path, raised: str, expected: bool
) -> None:
    path = tmp_path / "divides-by-zero.py"
    path.write_text('"""Divides by zero\n\nm was 0."""\n\ndef double(x):\n    return 1 / 0\n')
    bug = read_bug(path, toy.solution())
    source = f"def double(x):\n    raise {raised}\n"
    results = grade_locally(toy, source, [bug])
    assert not results["double_small"].passed
    assert (named(results["double_small"]) == ["divides-by-zero"]) is expected


# -- two known bugs at once --------------------------------------------------------------


def test_two_bugs_on_different_lines_combine_and_overlapping_ones_do_not() -> None:
    from support import demo_exercise

    from grader.checks.combine import combine

    bugs = {b.id: b for b in demo_exercise("vectorized-forward").bugs()}
    both = combine(bugs["no-biases"], bugs["sigmoid-hidden"])
    assert both is not None
    assert callable(both.namespace()["forward"])  # the combined code runs
    assert "params['W1'] @ X\n" in both.code and "A1 = sigmoid(Z1)" in both.code
    assert combine(bugs["no-biases"], bugs["missing-b2"]) is None  # both change Z2's line


def test_code_with_two_catalogued_bugs_is_told_both(tmp_path: Path) -> None:
    """Real code without biases and with a sigmoid hidden layer matched no single bug."""
    from support import demo_exercise

    from grader.grading import GradeOptions, grade_file

    exercise = demo_exercise("vectorized-forward")
    forward = (
        "\n\ndef forward(X, params):\n"
        "    W1, W2 = params['W1'], params['W2']\n"
        "    Z1 = np.dot(W1, X)\n"
        "    A1 = 1 / (1 + np.exp(-Z1))\n"
        "    Z2 = np.dot(W2, A1)\n"
        "    A2 = 1 / (1 + np.exp(-Z2))\n"
        "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"
    )
    code = exercise.solution() + forward
    path = tmp_path / "forward.py"
    path.write_text(code)
    result = grade_file(exercise, path, GradeOptions("alice"))
    named_ids = {m.id for c in result.checks for m in c.misconceptions}
    assert named_ids == {"no-biases", "sigmoid-hidden"}
    only_biases = code.replace("A1 = 1 / (1 + np.exp(-Z1))", "A1 = np.maximum(Z1, 0.0)")
    path.write_text(only_biases)
    result = grade_file(exercise, path, GradeOptions("alice"))
    assert {m.id for c in result.checks for m in c.misconceptions} == {"no-biases"}


# -- evidence over the whole submission, and several bugs at once --------------------------


def test_a_matrix_product_of_mismatched_sizes_is_one_error_however_it_is_written() -> None:
    """np.dot and @ word the same mistake differently; the inner sizes must still agree."""
    dot = "shapes (4,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)"
    matmul = (
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
        "signature (n?,k),(k,m?)->(n?,m?) (size {} is different from 3)"
    )

    def raised(text: str) -> Transcript:
        return transcript(Event("forward", error_type="ValueError", error_text=text))

    assert transcripts_match(raised(dot), raised(matmul.format(4)))
    assert not transcripts_match(raised(dot), raised(matmul.format(5)))
    # In the same words, the words must agree: np.dot names both shapes.
    assert not transcripts_match(raised(dot), raised(dot.replace("(4,3)", "(2,3)")))
    assert not transcripts_match(
        raised(dot), raised("operands could not be broadcast together with shapes (4,3) (4,5)")
    )


def _graded_in_order(exercise_id: str, code: str) -> dict[str, CheckResult]:
    """Every check of a demo exercise, in order, on ``code`` run in-process, with one
    search over the submission (as ``grade_file`` does)."""
    from support import demo_exercise

    from grader.checkrun import pair_search

    exercise = demo_exercise(exercise_id)
    student = LocalSubmission(namespace_of(code), code)
    bugs, search = exercise.bugs(), pair_search()
    return {
        c.id: run_check(c, exercise, "alice", student, bugs, None, search)
        for c in exercise.checks()
    }


def _activations_with(code: str) -> dict[str, CheckResult]:
    from support import demo_exercise

    return _graded_in_order("activations", demo_exercise("activations").solution() + code)


def test_biases_summed_over_the_units_are_not_told_they_are_summed_over_everything() -> None:
    """On one example, np.sum(dz, axis=1) is the sum of every entry, as np.sum(dz) is:
    the one-example check alone cannot tell them apart, and the checks with more examples
    show which it is (a broadcast error, not a bias shifted by one shared number)."""
    from support import demo_exercise

    code = demo_exercise("forum-backprop").solution()
    for axis_0 in ("db1 = np.sum(dely, axis=0)", "db0 = np.sum(dz, axis=0).T"):
        assert axis_0 in code
        code = code.replace(axis_0, axis_0.replace("axis=0", "axis=1").replace(".T", ""))
    results = _graded_in_order("forum-backprop", code)
    named_anywhere = {m for r in results.values() for m in named(r)}
    assert named_anywhere == {"bias-gradient-summed-over-units"}


def test_two_bugs_alike_on_a_check_are_told_apart_by_a_check_the_student_passed() -> None:
    """On integers, np.where(z > 0, 1, 0) and a zeros_like step return the same integers;
    the first also returns integers for floats, which this code passed: it is the second."""
    results = _activations_with(
        "\n\ndef relu_derivative(z):\n    d = np.zeros_like(z)\n    d[z > 0] = 1\n    return d\n"
    )
    assert results["relu_small"].passed
    assert named(results["integer_inputs"]) == ["relu-derivative-keeps-dtype"]


def test_a_bug_that_changes_only_the_input_combines_with_one_the_check_sees() -> None:
    """relu zeroing z in place returns integers for integers: the in-place bug passes the
    integer check alone (it returns floats), but with the integer one it is the code."""
    results = _activations_with("\n\ndef relu(z):\n    z[z < 0] = 0\n    return z\n")
    assert named(results["integer_inputs"]) == ["relu-in-place", "relu-integer-dtype"]
    assert named(results["inputs_unmodified"]) == ["relu-in-place"]


def test_a_line_inserted_before_a_line_the_other_bug_changes_combines() -> None:
    from support import demo_exercise

    from grader.checks.combine import combine

    bugs = {b.id: b for b in demo_exercise("activations").bugs()}
    both = combine(bugs["relu-in-place"], bugs["relu-integer-dtype"])
    assert both is not None and "z[z < 0] = 0\n    return np.maximum(z, 0)" in both.code
    assert combine(bugs["relu-integer-dtype"], bugs["relu-scalar-code"]) is None  # one line


def test_three_known_bugs_at_once_are_told_all_three() -> None:
    from support import demo_exercise

    forward = (
        "\n\ndef forward(X, params):\n"
        "    Z1 = np.dot(params['W1'], X) + params['b1']\n"
        "    A1 = np.tanh(Z1)\n"
        "    Z2 = np.dot(params['W1'], A1) + params['b2']\n"
        "    A2 = np.tanh(Z2)\n"
        "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"
    )
    code = demo_exercise("vectorized-forward").solution() + forward
    results = _graded_in_order("vectorized-forward", code)
    three = {"w1-in-layer-two", "tanh-hidden", "tanh-output"}
    assert set(named(results["square_shapes"])) == three
    # Elsewhere np.dot(W1, A1) raises, worded unlike the bugs' @, then a square call shows
    # the values: the same three, on every check that is about values.
    about_values = [r for r in results.values() if r.kind and r.id != "faster_than_loop"]
    assert len(about_values) == 12
    assert all(set(named(r)) == three for r in about_values)


@dataclass(frozen=True)
class Fake:
    """A stand-in bug, known by its id."""

    id: str


def _twins(ids: set[str]) -> dict[str, float]:
    """What stand-in code returns: ``a`` sets the first output right, ``b`` and its twin
    ``c`` the second (the student's code has ``a`` and one of them)."""
    return {"first": 1.0 if "a" in ids else 0.0, "second": 2.0 if ids & {"b", "c"} else 0.0}


def _fake_search(
    outputs: Callable[[set[str]], dict[str, float]] = _twins,
    contradicted: frozenset[str] = frozenset(),
) -> tuple[BugSearch, Callable[[Any], tuple[bool, Transcript]], list[Any]]:
    """A search over stand-in bugs, whose replays are counted."""
    replays: list[Any] = []

    def replay(bug: Any) -> tuple[bool, Transcript]:
        replays.append(bug)
        ids = {m.id for m in bug} if isinstance(bug, tuple) else {bug.id}
        value = outputs(ids)
        return value != outputs(set()), transcript(Event("f", value))

    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    search.passed.append(lambda bug: (bug.id in contradicted, Transcript()))
    return search, replay, replays


def _student_with_a_and_b() -> Transcript:
    return transcript(Event("f", {"first": 1.0, "second": 2.0}))


def test_a_combination_is_named_only_when_no_rival_fits_in_its_place() -> None:
    bugs = [Fake("a"), Fake("b"), Fake("c")]
    search, replay, _ = _fake_search()
    assert match_bugs(_student_with_a_and_b(), bugs, replay, search) == []  # b or c?
    search, replay, _ = _fake_search(contradicted=frozenset({"c"}))
    assert match_bugs(_student_with_a_and_b(), bugs, replay, search) == [bugs[0], bugs[1]]
    assert search.found == [(bugs[0], bugs[1])]


def test_the_search_for_combinations_stays_within_its_budget() -> None:
    """Thirty bugs that each change the output, none of them as the student's code did:
    a bounded number of replays, however many combinations there are."""
    bugs = [Fake(str(i)) for i in range(30)]
    search, replay, replays = _fake_search(lambda ids: {"first": float(sum(map(int, ids)))})
    student = transcript(Event("f", {"first": -1.0}))
    assert match_bugs(student, bugs, replay, search) == []
    assert len(replays) <= len(bugs) + 1 + BugSearch.budget
    assert search.budget <= 0
    again = len(replays)
    assert match_bugs(student, bugs, replay, search) == []  # the next check: no budget left
    assert len(replays) == again + len(bugs)


@dataclass(frozen=True)
class FakeForm:
    """A stand-in form of a bug: its id, and the number it is written with."""

    id: str
    form: str = ""


def test_a_form_that_is_not_the_closest_alone_is_still_found_in_a_combination() -> None:
    """The student's code adds 10 (bug a) and 4 (the form 4 of bug x). Alone, the form 5
    comes closest to the student's 14, so its pair is tried first; the form 4 is tried
    next, and named: forms are ordered, never dropped."""
    bugs = [FakeForm("a"), *(FakeForm("x", str(k)) for k in range(1, 6))]

    def replay(bug: Any) -> tuple[bool, Transcript]:
        members = bug if isinstance(bug, tuple) else (bug,)
        value = sum(10.0 if m.id == "a" else float(m.form) for m in members)
        return value != 0.0, transcript(Event("f", value))

    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    found = match_bugs(transcript(Event("f", 14.0)), bugs, replay, search)
    assert [(b.id, b.form) for b in found] == [("a", ""), ("x", "4")]


def _starving(
    twins: bool,
) -> tuple[list[FakeForm], Callable[[Any], tuple[bool, Transcript]], Transcript]:
    """a, b and c each set one output right; 27 others get the first output wrong in their
    own way (435 pairs, more than the budget); with ``twins``, p and q, which explain
    nothing alone, set all three outputs right together."""
    bugs = [FakeForm("a"), FakeForm("b"), FakeForm("c"), *(FakeForm(f"d{i}") for i in range(27))]
    bugs += [FakeForm("p"), FakeForm("q")] if twins else []

    def replay(bug: Any) -> tuple[bool, Transcript]:
        ids = {m.id for m in (bug if isinstance(bug, tuple) else (bug,))}
        value = {"first": 1.0 if "a" in ids else 0.0, "second": 2.0 if "b" in ids else 0.0}
        value["third"] = 3.0 if "c" in ids else 0.0
        for i in range(27):
            if f"d{i}" in ids:
                value["first"] = 5.0 + i
        if {"p", "q"} <= ids:
            value = {"first": 1.0, "second": 2.0, "third": 3.0}
        elif ids & {"p", "q"}:
            value["first"] = 90.0 + ("q" in ids)
        return value != {"first": 0.0, "second": 0.0, "third": 0.0}, transcript(Event("f", value))

    return bugs, replay, transcript(Event("f", {"first": 1.0, "second": 2.0, "third": 3.0}))


def test_too_many_pairs_never_starve_the_triples() -> None:
    """Trying all 435 pairs first would spend the whole budget before any triple: a
    reserve of the budget goes to the triples grown from the best pairs."""
    bugs, replay, student = _starving(twins=False)
    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    assert sorted(b.id for b in match_bugs(student, bugs, replay, search)) == ["a", "b", "c"]


def test_a_triple_found_before_every_pair_was_tried_gives_way_to_a_pair_that_fits() -> None:
    """A member that adds nothing is not named: when the triple a + b + c fits but the
    untried pair a + b fits too, a + b is what is named."""
    from grader.checks.search import Tried

    a, b, c = FakeForm("a"), FakeForm("b"), FakeForm("c")

    def replay(bug: Any) -> tuple[bool, Transcript]:
        ids = {m.id for m in bug}
        return True, transcript(Event("f", 1.0 if {"a", "b"} <= ids else 0.0))

    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    student = transcript(Event("f", 1.0))
    untried = [(Tried((a,), frozenset()), Tried((b,), frozenset()))]
    assert search._fewest(student, (a, b, c), untried, replay) == (a, b)
    assert search._fewest(student, (a, b, c), [], replay) == (a, b, c)  # a + b was tried: no fit


def test_a_triple_found_early_is_not_named_when_a_pair_left_untried_fits_too() -> None:
    """p and q fit together, but their pair is ranked last and left untried when the
    triple a + b + c is found. Both explain the check, so neither is named."""
    bugs, replay, student = _starving(twins=True)
    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    assert match_bugs(student, bugs, replay, search) == []


def test_the_forms_of_a_bug_are_ruled_out_only_when_every_form_is() -> None:
    """x (as 0.01), x (as 0.1) and y reproduce the same calls; a passed check rules out
    x as 0.01 only. x as 0.1 and y are still both possible: nothing is named."""
    bugs = [FakeForm("x", "0.01"), FakeForm("x", "0.1"), FakeForm("y")]
    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    search.passed.append(lambda bug: (bug.form == "0.01", Transcript()))
    assert search.settle(bugs) == []
    search.passed.append(lambda bug: (bug.id == "y", Transcript()))
    assert search.settle(bugs) == [bugs[1]]


def test_two_forms_of_one_number_in_different_files_are_ruled_out_apart() -> None:
    @dataclass(frozen=True)
    class FromFile:
        id: str
        form: str
        path: str

    base, other = FromFile("x", "0.1", "x.py"), FromFile("x", "0.1", "x.again.py")
    search = BugSearch(lambda members: tuple(members), lambda bugs: ())
    search.passed.append(lambda bug: (bug.path == "x.py", Transcript()))
    assert search.contradicted(base) and not search.contradicted(other)


def test_no_combination_is_sought_for_an_error_no_known_bug_raises() -> None:
    bugs = [Fake("a"), Fake("b"), Fake("c")]
    search, replay, replays = _fake_search()
    student = transcript(Event("f", error_type="TypeError", error_text="no self"))
    assert match_bugs(student, bugs, replay, search) == []
    assert len(replays) == len(bugs) + 1  # each bug alone, and the solution


def test_three_bugs_that_each_change_every_entry_are_found_by_how_close_pairs_come() -> None:
    """Each of a, b and c scales every entry, so no pair gets a single leaf right; the
    pairs that come closer to the student's values than their members lead to the triple.
    The decoys d and e move it away from the student's, and are never named."""
    factors = {"a": 2.0, "b": 3.0, "c": 5.0, "d": 0.5, "e": -1.0}

    def scaled(ids: set[str]) -> dict[str, Any]:
        scale = float(np.prod([factors[i] for i in ids]))
        return {"w": (1.0 * scale, 2.0 * scale, 3.0 * scale)}

    bugs = [Fake(i) for i in factors]
    search, replay, _ = _fake_search(scaled)
    student = transcript(Event("f", scaled({"a", "b", "c"})))
    assert {bug.id for bug in match_bugs(student, bugs, replay, search)} == {"a", "b", "c"}


def test_how_much_of_the_departure_from_the_solution_is_left() -> None:
    from grader.checks.transcripts import leaves, remaining

    mine = leaves(transcript(Event("f", {"w": np.array([3.0, 5.0]), "n": 2})))
    solved = leaves(transcript(Event("f", {"w": np.array([1.0, 1.0]), "n": 2})))
    assert remaining(mine, solved, transcript(Event("f", {"w": np.array([3.0, 5.0])}))) == 0.0
    assert remaining(mine, solved, transcript(Event("f", {"w": np.array([1.0, 1.0])}))) == 1.0
    halfway = transcript(Event("f", {"w": np.array([2.0, 3.0]), "n": 2}))
    assert remaining(mine, solved, halfway) == pytest.approx(0.5)
    assert remaining(mine, solved, transcript(Event("f", error_type="ValueError"))) == 1.0


def test_how_much_is_left_is_told_quietly_of_inf_nan_and_complex_values() -> None:
    """The search runs in the grader's process: no warning may reach its output."""
    import warnings

    from grader.checks.transcripts import leaves, remaining

    mine = leaves(transcript(Event("f", np.array([np.inf, 1.0]))))
    solved = leaves(transcript(Event("f", np.array([1.0, 1.0]))))
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for value in (np.array([2.0, np.nan]), np.array([1j, 1.0]), np.array([np.inf, 1.0])):
            share = remaining(mine, solved, transcript(Event("f", value)))
            assert 0.0 <= share <= 10.0
        assert remaining(mine, solved, transcript(Event("f", np.array([np.inf, 1.0])))) == 0.0


def test_a_replayed_product_names_both_shapes_as_np_dot_does() -> None:
    """Known bugs are written with @; replayed, their shape errors are worded as np.dot's,
    so the full shapes are compared with a student's np.dot (and only the inner sizes
    with a student's @). W1.T @ X and W2 @ X put the same sizes against each other, at
    other shapes: a np.dot student's error tells them apart."""
    from grader.checks.misconceptions import compiled, replay_namespace
    from grader.checks.transcripts import same_error

    namespace = replay_namespace("bugs")
    exec(compiled("def f(a, b):\n    return a @ b\n", "<bugs>"), namespace)
    x, transposed_w1, w2 = np.ones((3, 5)), np.ones((3, 4)), np.ones((2, 4))
    raised = []
    for left in (transposed_w1, w2):
        with pytest.raises(ValueError) as error:
            namespace["f"](left, x)
        raised.append(Event("f", None, error_type="ValueError", error_text=str(error.value)))
    with pytest.raises(ValueError) as error:
        np.dot(transposed_w1, x)
    student = Event("f", None, error_type="ValueError", error_text=str(error.value))
    assert same_error(student, raised[0]) and not same_error(student, raised[1])
    with pytest.raises(ValueError) as error:
        _ = transposed_w1 @ x
    at = Event("f", None, error_type="ValueError", error_text=str(error.value))
    assert same_error(at, raised[0]) and same_error(at, raised[1])  # @ names sizes only
    assert (namespace["f"](np.eye(2), np.ones((2, 3))) == np.ones((2, 3))).all()


def test_a_method_given_an_argument_too_many_is_one_error_whatever_its_name() -> None:
    """Python names the method in the message; a method defined without self is the same
    mistake whichever method it is. A plain function's call is not a method's."""
    text = "{}() takes 1 positional argument but 2 were given"
    mine = transcript(Event("f", error_type="TypeError", error_text=text.format("Net.sig_prime")))
    bug = Event("f", error_type="TypeError", error_text=text.format("NeuralNetwork.relu_slope"))
    plain = Event("f", error_type="TypeError", error_text=text.format("relu_slope"))
    other = Event("f", error_type="TypeError", error_text=text.format("Net.relu_slope") + "!")
    assert transcripts_match(mine, transcript(bug))
    assert not transcripts_match(mine, transcript(plain))
    assert not transcripts_match(mine, transcript(other))
