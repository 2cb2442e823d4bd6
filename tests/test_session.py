"""The student process across a submission's checks: restarts, limits, isolation, proxies.

Every test runs under each sandbox backend that works here, in a temporary folder of
its own that must hold no process and no scratch folder afterwards (``scratch_root``).
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.failures import StudentCodeError
from grader.limits import Limits
from grader.proxy import RemoteSubmission
from grader.sandbox.backends import BACKENDS
from grader.sandbox.session import LoadReport, Session

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXERCISES = TESTS / "fixtures" / "exercises"

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("scratch_root")]

FAST = Limits(call_seconds=1.0, load_seconds=5.0, total_seconds=30.0, memory_mb=512)

SOURCE = textwrap.dedent(
    """
    import os
    import sys

    import numpy as np


    def double(x):
        return 2.0 * np.asarray(x, dtype=float)


    def spin():
        while True:
            pass


    def die(code):
        os._exit(code)


    def leave(code):
        sys.exit(code)


    def fail():
        raise ValueError("failing on purpose")


    def where():
        with open("written.txt", "w") as handle:
            handle.write("hello")
        return os.getcwd(), sorted(os.listdir(".")), os.environ.get("HOME")


    def read(path):
        with open(path) as handle:
            return handle.read()


    def hog(mb):
        return len(bytearray(mb * 1024 * 1024))


    def shout(n):
        sys.stdout.write("x" * n)
        return n


    def scribble():
        for fd in range(3, 64):
            try:
                os.write(fd, b"EVIL" * 64)
            except OSError:
                pass
        return "scribbled"


    def stdlib():
        import csv
        import json

        return json.dumps(list(csv.reader(["a,b"])))


    def total_of(accumulator):
        return accumulator.total


    def apply(function, x):
        return function(x)


    class Accumulator:
        def __init__(self, n):
            self.total = np.zeros(n)

        def add(self, x):
            self.total = self.total + x
            return self.total

        def add_in_place(self, x):
            x += 1
            return x
    """
)


def open_session(sandbox: str, source: str = SOURCE, limits: Limits = FAST) -> Session:
    """A session whose process is starting; it loads ``source`` on its first request."""
    session = Session(BACKENDS[sandbox], limits)
    session.prepare(source, "student.py")
    return session


def start(session: Session) -> LoadReport:
    return session.load(session.source, session.filename)


def call(session: Session, name: str, *args: Any) -> Any:
    reply = session.request({"op": "call", "name": name, "args": list(args)}, name)
    return reply.get("value")


def failure(session: Session, name: str, *args: Any) -> StudentCodeError:
    with pytest.raises(StudentCodeError) as caught:
        call(session, name, *args)
    return caught.value


@pytest.fixture
def session(sandbox: str) -> Any:
    opened = open_session(sandbox)
    report = start(opened)
    assert report.error is None, report.error
    yield opened
    opened.close()


def test_load_reports_names_and_calls_return_copies(session: Session) -> None:
    assert session.load_report is not None
    names = session.load_report.names
    assert names["double"] == "function(x)"
    assert names["Accumulator"] == "class"
    assert names["np"] == "value"
    x = np.arange(3.0)
    got = call(session, "double", x)
    assert np.array_equal(got, [0.0, 2.0, 4.0]) and got.flags.writeable
    assert np.array_equal(x, [0.0, 1.0, 2.0])


def test_the_student_process_is_not_the_grader_and_not_root(session: Session) -> None:
    reply = session.request({"op": "ping"}, "ping")
    assert reply["pid"] != os.getpid()
    if os.geteuid() == 0:
        assert reply["uid"] != 0  # privileges were dropped


def test_an_exception_is_reported_with_type_message_and_line(session: Session) -> None:
    error = failure(session, "fail")
    assert error.kind == "exception" and error.error_type == "ValueError"
    line = SOURCE.split("\n").index('    raise ValueError("failing on purpose")') + 1
    assert error.message == (
        f"fail raised ValueError: failing on purpose\nat line {line}: "
        'raise ValueError("failing on purpose")'
    )
    assert session.generation == 0  # no restart needed
    assert np.array_equal(call(session, "double", np.ones(1)), [2.0])


def test_a_timeout_stops_only_that_call(sandbox: str) -> None:
    session = open_session(sandbox, limits=Limits(call_seconds=0.5, memory_mb=512))
    try:
        start(session)
        first = session.process
        error = failure(session, "spin")
        assert error.kind == "timeout"
        assert "did not finish within 0.5 s" in error.message
        assert "the other checks still ran" in error.message
        assert session.generation == 1
        assert session.events == ["spin: no answer within 0.5 s"]
        assert np.array_equal(call(session, "double", np.ones(2)), [2.0, 2.0])  # restarted
        assert session.process is not first and first is not None and not first.alive
    finally:
        session.close()


@pytest.mark.parametrize("code", [0, 3])
def test_a_process_that_exits_is_restarted(session: Session, code: int) -> None:
    error = failure(session, "die", code)
    assert error.kind == "crash"
    assert f"exited with code {code} during die" in error.message
    assert call(session, "double", 1.5) == 3.0


def test_sys_exit_is_an_error_not_an_exit(session: Session) -> None:
    error = failure(session, "leave", 4)
    assert error.kind == "exception" and error.error_type == "SystemExit"
    assert "called sys.exit() (exit code 4)" in error.message
    assert session.generation == 0


def test_the_memory_limit_gives_a_memory_error(session: Session) -> None:
    error = failure(session, "hog", 2048)  # the limit is 512 MiB
    assert error.error_type == "MemoryError"
    assert call(session, "hog", 1) == 1024 * 1024  # small allocations still work


def test_an_empty_scratch_folder_is_the_working_directory_and_home(
    session: Session, scratch_root: Path
) -> None:
    cwd, listing, home = call(session, "where")
    assert listing == ["written.txt"]  # nothing but what the submission wrote
    assert home == cwd
    assert cwd != os.getcwd()  # not the grader's folder
    process = session.process
    assert process is not None
    assert process.scratch.parent == scratch_root
    session.close()
    assert not process.scratch.exists()  # removed with the process


def test_output_is_captured_and_capped(sandbox: str) -> None:
    limits = Limits(call_seconds=5.0, output_bytes=1000)
    session = open_session(sandbox, limits=limits)
    try:
        assert call(session, "shout", 5000) == 5000
    finally:
        session.close()
    (out,) = session.stdout
    assert out.startswith("x" * 1000)
    assert out.endswith("[... 4000 more bytes not kept]")


def test_output_printed_just_before_the_last_reply_is_kept(sandbox: str) -> None:
    """Regression: what a call printed right before replying was lost when the session
    closed before reading it (the reply and the output come on different pipes)."""
    for _ in range(15):
        session = open_session(sandbox, limits=Limits(call_seconds=5.0, output_bytes=100_000))
        try:
            assert call(session, "shout", 3000) == 3000
        finally:
            session.close()
        assert "".join(session.stdout).count("x") == 3000


def test_garbage_written_to_the_protocol_pipe_is_a_protocol_error(session: Session) -> None:
    with pytest.raises(StudentCodeError) as caught:
        call(session, "scribble")
    assert caught.value.kind == "protocol"
    assert "cannot read" in caught.value.message
    assert session.generation == 1
    assert call(session, "double", 2.0) == 4.0


def test_a_load_error_is_reported_once_and_for_every_request(sandbox: str) -> None:
    session = open_session(sandbox, "import numpy as np\nx = 1 / 0\n")
    try:
        report = start(session)
        assert report.error is not None and report.error.kind == "load"
        assert report.error.message == (
            "loading your file raised ZeroDivisionError: division by zero\nat line 2: x = 1 / 0"
        )
        with pytest.raises(StudentCodeError) as caught:
            call(session, "double", 1.0)
        assert caught.value is report.error
    finally:
        session.close()


def test_a_loop_at_import_is_a_load_timeout(sandbox: str) -> None:
    limits = Limits(call_seconds=0.5, load_seconds=0.5)
    session = open_session(sandbox, "while True:\n    pass\n", limits)
    try:
        report = start(session)
        assert report.error is not None and report.error.kind == "timeout"
        assert "loading your file did not finish within 0.5 s" in report.error.message
    finally:
        session.close()


def test_the_total_budget_ends_with_a_clear_reason(sandbox: str) -> None:
    limits = Limits(call_seconds=0.3, load_seconds=5.0, total_seconds=1.5)
    session = open_session(sandbox, limits=limits)
    kinds = []
    started = time.monotonic()
    try:
        for _ in range(30):
            with pytest.raises(StudentCodeError) as caught:
                call(session, "spin")
            kinds.append(caught.value.kind)
            if caught.value.kind == "budget":
                assert "used up its total time of 1.5 s" in caught.value.message
                break
    finally:
        session.close()
    assert kinds[-1] == "budget" and set(kinds[:-1]) == {"timeout"}, kinds
    assert time.monotonic() - started < 1.5 + 5.0  # the budget bounds the whole session


def test_the_graders_packages_cannot_be_imported(sandbox: str) -> None:
    packages = ["grader", "grader.checks", "reference", "exercises", "grade_exercises"]
    source = textwrap.dedent(
        f"""
        import importlib
        import sys

        sys.path.insert(0, {str(REPO)!r})  # even where the grader's files are visible


        def attempt():
            outcome = {{}}
            for name in {packages!r}:
                try:
                    importlib.import_module(name)
                    outcome[name] = "imported"
                except ImportError as error:
                    outcome[name] = type(error).__name__ + ": " + str(error)
            return outcome
        """
    )
    session = open_session(sandbox, source)
    try:
        outcome = call(session, "attempt")
    finally:
        session.close()
    for name in packages:
        assert outcome[name].startswith(("ImportError", "ModuleNotFoundError")), outcome[name]
        assert name.split(".")[0] in outcome[name]


def test_hidden_checks_are_out_of_reach_where_files_are_isolated(session: Session) -> None:
    hidden = EXERCISES / "toy" / "checks" / "hidden.py"
    assert hidden.exists()
    process = session.process
    assert process is not None
    if not process.backend.isolates_files:
        pytest.skip(f"the {process.backend.name!r} sandbox does not isolate files (documented)")
    error = failure(session, "read", str(hidden))
    assert error.error_type in ("FileNotFoundError", "PermissionError")


def test_student_code_can_import_the_standard_library(sandbox: str) -> None:
    """Even where the sandbox runs as another user than the Python installation's owner."""
    session = open_session(sandbox)
    try:
        assert call(session, "stdlib") == '[["a", "b"]]'
    finally:
        session.close()


# -- the proxy a check sees ----------------------------------------------------------------


def test_remote_objects_methods_and_attributes(session: Session) -> None:
    submission = RemoteSubmission(session)
    assert submission.defines("Accumulator") and not submission.defines("missing")
    acc = submission.Accumulator(3)
    assert repr(acc) == "<Accumulator object in the student process>"
    acc.add(np.ones(3))
    got = acc.add(np.ones(3))
    assert np.array_equal(got, [2.0, 2.0, 2.0])
    assert np.array_equal(acc.total, [2.0, 2.0, 2.0])
    acc.total = np.full(3, 10.0)
    assert np.array_equal(acc.add(np.ones(3)), [11.0, 11.0, 11.0])
    labels = [e.label for e in submission.transcript.events]
    assert labels[0] == "Accumulator(3)"
    assert "Accumulator.total" in labels


def test_inspect_returns_the_arguments_as_they_were_after_the_call(session: Session) -> None:
    submission = RemoteSubmission(session)
    acc = submission.Accumulator(2)
    x = np.zeros(2)
    record = acc.add_in_place.inspect(x)
    assert np.array_equal(record.value, [1.0, 1.0])
    assert np.array_equal(record.args[0], [1.0, 1.0])  # modified in the student process
    assert np.array_equal(x, [0.0, 0.0])  # never in the grader's


def test_every_call_records_whether_it_changed_its_arguments(session: Session) -> None:
    """Without .inspect too: a known bug that modifies its input is named only for code
    that did (a plain np.maximum(0, x) was told it modified its input)."""
    submission = RemoteSubmission(session)
    acc = submission.Accumulator(2)
    acc.add(np.zeros(2))
    acc.add_in_place(np.zeros(2))
    add, in_place = submission.transcript.events[-2:]
    assert add.mutated is False and add.args_after is None
    assert in_place.mutated is True
    assert in_place.args_after is not None and np.array_equal(in_place.args_after[0], [1.0, 1.0])


def test_a_missing_name_fails_without_a_call(session: Session) -> None:
    submission = RemoteSubmission(session)
    with pytest.raises(StudentCodeError) as caught:
        submission.relu(1.0)
    assert caught.value.kind == "missing"
    assert caught.value.message == "your file does not define `relu`"


def test_errors_are_recorded_in_the_transcript(session: Session) -> None:
    submission = RemoteSubmission(session)
    with pytest.raises(StudentCodeError):
        submission.fail()
    (event,) = submission.transcript.events
    assert (event.label, event.error_type) == ("fail()", "ValueError")


def test_objects_and_functions_can_be_passed_back_to_the_submission(session: Session) -> None:
    submission = RemoteSubmission(session)
    acc = submission.Accumulator(2)
    acc.add(np.ones(2))
    assert np.array_equal(submission.total_of(acc), [1.0, 1.0])
    assert np.array_equal(submission.apply(submission.double, np.ones(1)), [2.0])
    assert np.array_equal(submission.apply(acc.add, np.ones(2)), [2.0, 2.0])
    other = submission.Accumulator(2)
    acc.partner = other  # an object as an attribute value
    assert repr(acc.partner) == "<Accumulator object in the student process>"
    labels = [e.label for e in submission.transcript.events]
    assert "total_of(<Accumulator object in the student process>)" in labels


def test_a_missing_attribute_fails_the_check_and_works_with_hasattr(session: Session) -> None:
    submission = RemoteSubmission(session)
    acc = submission.Accumulator(2)
    assert not hasattr(acc, "weights")
    assert getattr(acc, "weights", "default") == "default"
    with pytest.raises(StudentCodeError) as caught:
        acc.weights  # noqa: B018
    assert "has no attribute 'weights'" in caught.value.message
    assert caught.value.error_type == "AttributeError"


def test_an_error_inside_numpy_points_at_the_students_line(sandbox: str) -> None:
    """NumPy's own Python code raised: the feedback shows the student's call of it."""
    source = "import numpy as np\n\ndef join(z):\n    return np.concatenate(z, axis=5)\n"
    session = open_session(sandbox, source)
    try:
        start(session)
        with pytest.raises(StudentCodeError) as caught:
            call(session, "join", [np.ones(2)])
        message = caught.value.message
        assert message.endswith("at line 4: return np.concatenate(z, axis=5)"), message
    finally:
        session.close()
