"""The backends themselves: refusing an unavailable one, never running student code as
root, and saying which backend graded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from adversarial_harness import Arena

from grader.errors import GradeError, SandboxError
from grader.sandbox import backends


@pytest.fixture
def fresh_probes() -> object:
    backends.unavailable_reason.cache_clear()
    yield
    backends.unavailable_reason.cache_clear()


def test_choosing_a_missing_backend_is_a_sandbox_error(
    monkeypatch: pytest.MonkeyPatch, fresh_probes: object
) -> None:
    real_which = backends.shutil.which
    monkeypatch.setattr(
        backends.shutil,
        "which",
        lambda name, *a, **k: None if name == "bwrap" else real_which(name),
    )
    with pytest.raises(SandboxError, match="not installed"):
        backends.choose("bwrap")
    assert backends.choose("auto").name != "bwrap"
    assert issubclass(SandboxError, GradeError)


def test_an_unknown_backend_is_a_sandbox_error() -> None:
    with pytest.raises(SandboxError, match="unknown sandbox"):
        backends.choose("docker")


def test_the_cli_refuses_a_missing_backend_with_exit_code_2(tmp_path: Path) -> None:
    submission = tmp_path / "toy.py"
    submission.write_text("def double(x):\n    return 2 * x\n")
    exercises = Path(__file__).resolve().parents[1] / "fixtures" / "exercises"
    env = {**os.environ, "PATH": str(tmp_path)}  # no bwrap on this PATH
    command = [sys.executable, "-m", "grader", "submit", str(submission), "--exercise", "toy"]
    command += ["--exercises", str(exercises), "--sandbox", "bwrap"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "sandbox 'bwrap' is not available" in done.stderr
    assert "Traceback" not in done.stderr


def test_isolation_flags_are_on_the_command_line(tmp_path: Path) -> None:
    bwrap = backends.BACKENDS["bwrap"].launch(tmp_path).argv
    for flag in ("--die-with-parent", "--unshare-pid", "--unshare-net", "--new-session"):
        assert flag in bwrap
    unshare = backends.BACKENDS["unshare"].launch(tmp_path).argv
    for flag in ("--pid", "--net", "--mount-proc", "--fork"):
        assert flag in unshare


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop happens when the grader is root")
def test_student_code_never_runs_as_root(arena: Arena) -> None:
    outcome = arena.grade("uid_report.py")
    assert outcome.score == 4
    status = dict(line.split(":", 1) for line in outcome.result.stdout.splitlines())
    uids = {int(uid) for uid in status["Uid"].split()}
    assert len(uids) == 1 and 61000 <= uids.pop() < 62000  # real, effective, saved, fs
    assert status["Groups"].strip() == ""
    assert int(status["CapEff"], 16) == 0 and int(status["CapBnd"], 16) == 0
    assert status["NoNewPrivs"].strip() == "1"


def test_the_result_and_the_text_output_name_the_backend(arena: Arena) -> None:
    done = arena.cli("honest.py", "--format", "text")
    assert f"Sandbox: {arena.backend}" in done.stdout
    outcome = arena.grade("honest.py")
    assert outcome.document["extra_data"]["sandbox"]["backend"] == arena.backend
    assert outcome.score == 4
    if arena.backend == "process":
        assert "does not isolate" in outcome.document["extra_data"]["sandbox"]["warning"]
