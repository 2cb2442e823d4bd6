"""No trace left: every folder and process a command makes is gone when it ends, also when
it is stopped with Ctrl-C at any moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import EXERCISES, REPO, leftovers

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
SLOW = SOLUTION.replace(
    '    """Return 2 * x', '    import time\n    time.sleep(0.3)\n    """Return 2 * x'
)


def grade(scratch: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    """``grade ARGS`` in a process of its own, with its temporary files under ``scratch``."""
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "grader", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = process.communicate(timeout=300)
    return process.returncode, err


def stopped(code: int, err: str) -> None:
    """A command stopped by Ctrl-C exits 130 (or had finished, or died of the signal),
    without a traceback of the grader. Only while Python itself is still starting (its
    site module, runpy), before any of the grader was imported, may it fail as any
    Python program does."""
    if "KeyboardInterrupt" in err and "grader/" not in err:
        return  # interrupted while Python was starting
    assert code in (0, 130, -signal.SIGINT), err
    assert "Traceback" not in err


def nothing_left(scratch: Path) -> None:
    assert sorted(p.name for p in scratch.iterdir()) == []
    assert not leftovers(scratch)


def a_class(root: Path, text: str, n: int) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"s{i:02d}.py").write_text(text)
    return root


@pytest.mark.slow
def test_submit_leaves_nothing(scratch_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "toy.py"
    path.write_text(SOLUTION)
    code, err = finished(grade(scratch_root, "submit", str(path), "--exercises", str(EXERCISES)))
    assert code == 0, err
    nothing_left(scratch_root)


@pytest.mark.slow
def test_batch_leaves_nothing_from_any_worker(scratch_root: Path, tmp_path: Path) -> None:
    root = a_class(tmp_path / "class", SOLUTION, 4)
    args = ["batch", str(root), "--out", str(tmp_path / "results"), "--jobs", "2"]
    code, err = finished(grade(scratch_root, *args, "--exercises", str(EXERCISES)))
    assert code == 0, err
    assert len(list((tmp_path / "results" / "toy").glob("*.json"))) == 4
    nothing_left(scratch_root)


@pytest.mark.slow
def test_validate_leaves_nothing(scratch_root: Path) -> None:
    code, err = finished(grade(scratch_root, "validate", "toy", "--exercises", str(EXERCISES)))
    assert code in (0, 1), err  # the toy exercise has fewer known bugs than a real one
    nothing_left(scratch_root)


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.05, 0.3, 0.8, 1.5, 2.5])
def test_ctrl_c_during_a_batch_leaves_nothing(
    after: float, scratch_root: Path, tmp_path: Path
) -> None:
    root = a_class(tmp_path / "class", SLOW, 6)
    args = ["batch", str(root), "--out", str(tmp_path / "results"), "--jobs", "2"]
    process = grade(scratch_root, *args, "--exercises", str(EXERCISES))
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    code, err = finished(process)
    stopped(code, err)
    nothing_left(scratch_root)


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.05, 0.2, 0.5, 1.0])
def test_ctrl_c_during_submit_leaves_nothing(
    after: float, scratch_root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "toy.py"
    path.write_text(SLOW)
    process = grade(scratch_root, "submit", str(path), "--exercises", str(EXERCISES))
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    code, err = finished(process)
    stopped(code, err)
    nothing_left(scratch_root)


def test_ctrl_c_while_the_command_line_loads_exits_130_quietly() -> None:
    """Ctrl-C can land while ``python -m grader`` is still importing the command line."""
    interrupt_on_import = (
        "import runpy, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'grader.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "runpy.run_module('grader', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", interrupt_on_import],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
