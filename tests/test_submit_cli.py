"""`grade submit` end to end, on the toy exercise, with every scenario submission.

In-process through Click's CliRunner under every sandbox backend that works here, and
as a real `python -m grader submit` subprocess. For each scenario what matters is
asserted: the exit code (1, never a crash, 2 only for usage errors), a result valid
against the schema, the right score per check, a bound on the time (hangs, not speed),
no process or scratch folder left behind (``scratch_root``), nothing written outside.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from grader.cli import main
from grader.result import validate_document
from grader.sandbox import backends

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXERCISES = TESTS / "fixtures" / "exercises"
SCENARIOS = TESTS / "scenarios" / "toy"  # submission files of the toy exercise


def scenario(name: str) -> Path:
    path = SCENARIOS / name
    assert path.exists(), f"missing scenario {path}"
    return path


pytestmark = pytest.mark.slow

HANG_BOUND = 30.0  # seconds: a bound on hangs, not a performance assertion
TOY = ["--exercises", str(EXERCISES), "--exercise", "toy"]


@dataclass(frozen=True)
class Expected:
    """What grading a scenario must give: per-check scores and what the messages say."""

    scores: tuple[float, float, float, float]  # double_small, double_random, pure, acc
    status: str = "graded"
    error: str = ""  # a regex the top-level error must match ("" = no error)
    outputs: dict[int, str] = field(default_factory=dict)  # check index -> regex
    misconceptions: dict[int, str] = field(default_factory=dict)  # check index -> bug id


NOT_LOADED = "not run: the submission could not be loaded"
ADDS_TWO = {0: "double-adds", 1: "double-adds"}  # the toy's catalogued bug, on both checks
IMPORT_REFUSED = r"(ImportError|ModuleNotFoundError).*(not available to submissions|No module)"

SCENARIO_RESULTS = {
    "correct.py": Expected((1, 1, 1, 1)),
    "magics.ipynb": Expected((1, 1, 1, 1)),
    "wrong_values.py": Expected(
        (0, 0, 1, 1),
        outputs={
            0: r"wrong in 2 of 2 entries; worst at index 1: got 0, expected -4",
            1: r"Likely misconception: Adds 2 instead of multiplying by 2\.",
        },
        misconceptions=ADDS_TWO,
    ),
    "wrong_shape.py": Expected((0, 0, 1, 1), outputs={0: r"has shape \(2, 1\), expected \(2,\)"}),
    "raises.py": Expected(
        (0, 0, 0, 1), outputs={0: r"double\(<array \(2,\)>\) raised ValueError: not done yet"}
    ),
    "syntax_error.py": Expected(
        (0, 0, 0, 0),
        status="load-error",
        error=r"^syntax_error\.py, line 8: syntax error",
        outputs={i: NOT_LOADED for i in range(4)},
    ),
    "infinite_loop.py": Expected(
        (1, 1, 0, 1), outputs={2: r"did not finish within 1 s \(an infinite loop\?\)"}
    ),
    "memory_hog.py": Expected((1, 1, 0, 1), outputs={2: r"MemoryError|out of memory|killed"}),
    "sys_exit.py": Expected((1, 1, 1, 0), outputs={3: r"called sys\.exit\(\) \(exit code 3\)"}),
    "os_exit.py": Expected((1, 1, 0, 1), outputs={2: r"exited with code 0 during double"}),
    "patches_numpy.py": Expected((0, 0, 1, 1), misconceptions=ADDS_TWO),
    "fake_result.py": Expected((0, 0, 1, 1), misconceptions=ADDS_TWO),
    "imports_reference.py": Expected(
        (0, 0, 0, 0), outputs={0: IMPORT_REFUSED + "|'reference'", 3: IMPORT_REFUSED + "|'grader'"}
    ),
    "not_utf8.py": Expected((0, 0, 0, 0), status="load-error", error=r"not UTF-8 text \(byte 0xe9"),
    "corrupt.ipynb": Expected(
        (0, 0, 0, 0), status="load-error", error=r"^corrupt\.ipynb: not a notebook \(invalid JSON"
    ),
    "not_a_notebook.ipynb": Expected(
        (0, 0, 0, 0), status="load-error", error=r"JSON, but not a Jupyter notebook"
    ),
    "empty.py": Expected(
        (0, 0, 0, 0),
        outputs={0: r"your file does not define `double`", 3: r"does not define `Accumulator`"},
    ),
    "wrong_extension.txt": Expected(
        (0, 0, 0, 0), status="load-error", error=r"must be a \.py file or a \.ipynb notebook"
    ),
    "missing_function.py": Expected(
        (1, 1, 1, 0), outputs={3: r"^your file does not define `Accumulator`$"}
    ),
    "wrong_signature.py": Expected(
        (0, 0, 0, 1), outputs={0: r"TypeError: double\(\) missing 1 required positional"}
    ),
    "forks.py": Expected((1, 1, 1, 1)),
    "loud.py": Expected((1, 1, 1, 1)),
}
# Scenarios that never start a student process: grading them once is enough.
UNRUN = {name for name, e in SCENARIO_RESULTS.items() if e.status == "load-error"}
RUN = sorted(set(SCENARIO_RESULTS) - UNRUN)


def test_every_scenario_file_is_covered() -> None:
    files = {p.name for p in SCENARIOS.iterdir() if p.is_file()}
    assert files == set(SCENARIO_RESULTS)


class Hang(Exception):
    """The grader did not return within twice the hang bound."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"grade did not return within {2 * HANG_BOUND:g} s")


def invoke(args: list[str], cwd: Path | None = None) -> tuple[Result, float]:
    """Run the CLI in this process (in ``cwd``), interrupted if it hangs."""
    runner = CliRunner()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 2 * HANG_BOUND)
    started = time.monotonic()
    try:
        with pytest.MonkeyPatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            result = runner.invoke(main, args, catch_exceptions=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return result, time.monotonic() - started


def no_crash(result: Result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"the grader crashed: {result.exception!r}") from result.exception


def check_document(document: dict[str, Any], expected: Expected) -> None:
    validate_document(document)
    tests = document["tests"]
    assert [t["score"] for t in tests] == list(expected.scores), [t["output"] for t in tests]
    assert document["score"] == sum(expected.scores)
    assert document["max_score"] == 4
    extra = document["extra_data"]
    assert extra["status"] == expected.status
    if expected.error:
        assert extra["error"] and re.search(expected.error, extra["error"]), extra["error"]
    else:
        assert extra["error"] is None
    for index, pattern in expected.outputs.items():
        assert re.search(pattern, tests[index]["output"]), (index, tests[index]["output"])
    for index, test in enumerate(tests):
        assert (test["status"] == "passed") == (test["score"] == test["max_score"])
        if test["status"] == "failed":
            assert test["output"].strip(), f"check {index} failed without a message"
        bug = expected.misconceptions.get(index)
        if bug is not None:
            assert f"misconception:{bug}" in test["tags"]
        elif test["status"] == "failed":
            assert test["tags"] == [], (index, test["tags"])


def grade_in_process(name: str, sandbox: str, cwd: Path) -> dict[str, Any]:
    args = ["submit", str(scenario(name)), *TOY, "--sandbox", sandbox, "--timeout", "1"]
    result, seconds = invoke([*args, "--format", "json"], cwd)
    no_crash(result)
    assert seconds < HANG_BOUND
    expected = SCENARIO_RESULTS[name]
    assert result.exit_code == (0 if sum(expected.scores) == 4 else 1), result.stderr
    document = json.loads(result.stdout)  # stdout is the result and nothing else
    check_document(document, expected)
    assert document["extra_data"]["sandbox"]["backend"] == sandbox
    return document


@pytest.mark.parametrize("name", RUN)
def test_scenario_in_process(name: str, sandbox: str, scratch_root: Path, tmp_path: Path) -> None:
    if name == "forks.py" and sandbox == "process" and os.geteuid() != 0:
        pytest.xfail("known limit: without root the process sandbox cannot kill setsid() forks")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    document = grade_in_process(name, sandbox, cwd)
    assert list(cwd.iterdir()) == []  # nothing written where the grader runs
    if name == "infinite_loop.py":
        assert document["extra_data"]["events"] == ["double(<array (2, 5)>): no answer within 1 s"]
    if name == "loud.py":
        assert len(document["extra_data"]["stdout"]) < 100_000  # capped, not 8 MB
        assert "more bytes not kept" in document["extra_data"]["stdout"]


@pytest.mark.parametrize("name", sorted(UNRUN))
def test_unloadable_scenario_in_process(name: str, scratch_root: Path, tmp_path: Path) -> None:
    grade_in_process(name, "process", tmp_path)
    assert list(scratch_root.iterdir()) == []  # no student process was even started


def test_a_fake_result_stays_in_the_sandbox(
    sandbox: str, scratch_root: Path, tmp_path: Path
) -> None:
    outside = [Path.home() / "results.json", Path("/autograder/results/results.json")]
    before = {p: p.exists() and p.stat().st_mtime for p in outside}
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    document = grade_in_process("fake_result.py", sandbox, cwd)
    assert not (cwd / "results.json").exists()
    assert {p: p.exists() and p.stat().st_mtime for p in outside} == before
    # what it printed is kept as its output, never taken for the result
    assert '"score": 100.0' in document["extra_data"]["stdout"]
    assert document["score"] == 2


# -- as a real command -----------------------------------------------------------------------


def run_grade(
    args: list[str], cwd: Path, scratch_root: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "TMPDIR": str(scratch_root)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=2 * HANG_BOUND,
        check=False,
    )
    return completed, time.monotonic() - started


SUBPROCESS_SCENARIOS = [
    "correct.py",
    "infinite_loop.py",
    "os_exit.py",
    "fake_result.py",
    "syntax_error.py",
    "magics.ipynb",
]


@pytest.mark.parametrize("name", SUBPROCESS_SCENARIOS)
def test_scenario_as_a_subprocess(name: str, scratch_root: Path, tmp_path: Path) -> None:
    args = ["submit", str(scenario(name)), *TOY, "--format", "json", "--timeout", "1"]
    completed, seconds = run_grade(args, tmp_path, scratch_root)
    assert seconds < HANG_BOUND
    expected = SCENARIO_RESULTS[name]
    assert completed.returncode == (0 if sum(expected.scores) == 4 else 1), completed.stderr
    assert "Traceback" not in completed.stderr
    check_document(json.loads(completed.stdout), expected)
    assert list(tmp_path.iterdir()) == []


def test_output_file_is_written_atomically(scratch_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "results.json"
    args = ["submit", str(scenario("wrong_values.py")), *TOY, "--format", "gradescope"]
    completed, _ = run_grade([*args, "--output", str(target)], tmp_path, scratch_root)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert f"toy: 2 / 4 -> {target}" in completed.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["score"] == 2 and document["output_format"] == "text"
    (ours,) = document["extra_data"]["results"]  # Gradescope's fields, ours in extra_data
    check_document(ours, SCENARIO_RESULTS["wrong_values.py"])
    assert [p.name for p in target.parent.iterdir()] == ["results.json"]  # no temporary left


def test_output_file_replaces_an_older_result(scratch_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "results.json"
    target.write_text("old and half-writ")
    args = ["submit", str(scenario("correct.py")), *TOY, "-o", str(target)]
    result, _ = invoke(args)
    no_crash(result)
    assert result.exit_code == 0
    assert json.loads(target.read_text())["score"] == 4  # json is the default off a terminal
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


@pytest.mark.parametrize(
    ("name", "failures", "errors"),
    [
        ("correct.py", 0, 0),
        ("wrong_values.py", 2, 0),
        ("raises.py", 0, 3),
        ("syntax_error.py", 0, 4),
    ],
)
def test_junit_format(name: str, failures: int, errors: int, scratch_root: Path) -> None:
    """Wrong values are failures; code that raised or did not load, errors (Ant's terms)."""
    result, _ = invoke(["submit", str(scenario(name)), *TOY, "--format", "junit"])
    no_crash(result)
    suite = ET.fromstring(result.stdout)
    assert suite.tag == "testsuite" and suite.get("tests") == "4"
    assert (suite.get("failures"), suite.get("errors")) == (str(failures), str(errors))
    assert len(suite.findall("testcase/failure")) == failures
    assert len(suite.findall("testcase/error")) == errors
    assert result.exit_code == (0 if failures + errors == 0 else 1)


def test_text_format_mentions_the_score(scratch_root: Path) -> None:
    result, _ = invoke(["submit", str(scenario("raises.py")), *TOY, "--format", "text"])
    no_crash(result)
    assert "Score: 1 / 4" in result.stdout
    assert "FAIL  double doubles a small vector  [0/1]" in result.stdout
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("min_score", "code"), [(None, 1), ("2", 0), ("2.0", 0), ("2.5", 1), ("0", 0)]
)
def test_exit_code_follows_min_score(min_score: str | None, code: int, scratch_root: Path) -> None:
    args = ["submit", str(scenario("wrong_values.py")), *TOY]
    result, _ = invoke(args + (["--min-score", min_score] if min_score else []))
    no_crash(result)
    assert result.exit_code == code
    assert json.loads(result.stdout)["score"] == 2


def test_min_score_applies_to_unloadable_submissions_too(scratch_root: Path) -> None:
    args = ["submit", str(scenario("syntax_error.py")), *TOY, "--min-score", "0"]
    result, _ = invoke(args)
    assert result.exit_code == 0


def test_public_only_runs_the_visible_check(scratch_root: Path) -> None:
    result, _ = invoke(["submit", str(scenario("raises.py")), *TOY, "--public-only"])
    no_crash(result)
    document = json.loads(result.stdout)
    validate_document(document)
    assert [t["name"] for t in document["tests"]] == ["double doubles a small vector"]
    assert document["extra_data"]["public_only"] is True
    assert result.exit_code == 1


def test_grade_check_runs_public_checks_as_text(scratch_root: Path) -> None:
    result, _ = invoke(["check", str(scenario("correct.py")), *TOY])
    no_crash(result)
    assert result.exit_code == 0
    assert "PASS  double doubles a small vector  [1/1]" in result.stdout
    assert "Score: 1 / 1" in result.stdout


def test_the_student_seed_changes_hidden_inputs_not_the_grade(scratch_root: Path) -> None:
    seeds = []
    for student in ("alice", "bob"):
        args = ["submit", str(scenario("correct.py")), *TOY, "--student", student]
        result, _ = invoke(args)
        document = json.loads(result.stdout)
        assert document["score"] == 4 and document["extra_data"]["student"] == student
        seeds.append([t["extra_data"]["seed"] for t in document["tests"]])
    assert seeds[0] != seeds[1]


# -- usage errors: exit code 2, one line, no traceback ---------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exercise", "nope"], "error: unknown exercise 'nope'; available: toy"),
        (["--exercises", "/nonexistent/exercises"], "does not exist or is not readable"),
        ([], "cannot tell which exercise correct.py is for; pass --exercise"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    base = ["submit", str(scenario("correct.py"))]
    if "--exercises" not in args:
        base += ["--exercises", str(EXERCISES)]
    result, _ = invoke(base + args)
    no_crash(result)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_an_unknown_option_value_is_a_usage_error() -> None:
    result, _ = invoke(["submit", str(scenario("correct.py")), *TOY, "--format", "yaml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_usage_error_as_a_subprocess(scratch_root: Path, tmp_path: Path) -> None:
    completed, _ = run_grade(
        ["submit", str(scenario("correct.py")), "--exercises", str(EXERCISES), "--exercise", "x"],
        tmp_path,
        scratch_root,
    )
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: unknown exercise 'x'")
    assert "Traceback" not in completed.stderr


def test_a_missing_submission_file_is_graded_zero_not_a_usage_error(scratch_root: Path) -> None:
    result, _ = invoke(["submit", "/nonexistent/toy.py", *TOY])
    no_crash(result)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    validate_document(document)
    assert document["extra_data"]["error"] == "toy.py: no such file"


def test_every_command_has_help_with_an_example() -> None:
    for command in ("submit", "check"):
        result, _ = invoke([command, "--help"])
        assert result.exit_code == 0
        assert f"grade {command} " in result.stdout


def test_the_bwrap_backend_is_picked_when_it_works(scratch_root: Path) -> None:
    if not backends.available("bwrap"):
        pytest.skip("bubblewrap does not work on this machine")
    result, _ = invoke(["submit", str(scenario("correct.py")), *TOY])
    assert json.loads(result.stdout)["extra_data"]["sandbox"]["backend"] == "bwrap"


def test_an_unwritable_output_path_is_a_usage_error(scratch_root: Path) -> None:
    args = ["submit", str(scenario("correct.py")), *TOY, "-o", "/proc/no/such/results.json"]
    result, _ = invoke(args)
    no_crash(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_a_negative_timeout_is_a_usage_error(scratch_root: Path) -> None:
    result, _ = invoke(["submit", str(scenario("correct.py")), *TOY, "--timeout", "-1"])
    assert result.exit_code == 2
