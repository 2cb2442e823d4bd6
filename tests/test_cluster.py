"""`grade batch --scheduler`: grading on a Dask cluster, with a real `dask scheduler` and
`dask worker` processes on 127.0.0.1, one of them killed in the middle of the batch."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import EXERCISES, leftovers

pytest.importorskip("distributed")

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
ADDS_TWO = SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return x + 2.0")
SLOW = "import time\ntime.sleep(0.6)\n"
DASK = shutil.which("dask") or str(Path(sys.executable).parent / "dask")


def write_class(root: Path, n: int) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        code = SLOW + (ADDS_TWO if i % 3 == 0 else SOLUTION)
        (root / f"s{i:02d}.py").write_text(code)
    (root / "broken.py").write_text("def double(x) return")  # a load error travels too
    return root


def batch(root: Path, results: Path, *extra: str, env: dict[str, str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "grader", "batch", str(root), "--out", str(results),
               "--exercises", str(EXERCISES), *extra]  # fmt: skip
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def outcomes(results: Path) -> dict[str, Any]:
    """What each result says, without its timings."""
    found = {}
    for path in sorted(results.glob("toy/*.json")):
        document = json.loads(path.read_text())
        tests = [
            (t["extra_data"]["id"], t["score"], t["extra_data"]["kind"]) for t in document["tests"]
        ]
        found[path.stem] = (document["score"], document["extra_data"]["status"], tests)
    return found


def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as handle:
        return subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.mark.slow
def test_a_cluster_grades_as_a_local_batch_even_when_a_worker_is_killed(
    tmp_path: Path, scratch_root: Path
) -> None:
    env = {**os.environ, "TMPDIR": str(scratch_root)}
    root = write_class(tmp_path / "subs", 10)
    local = batch(root, tmp_path / "local", "--jobs", "2", env=env)
    _, err = local.communicate(timeout=300)
    assert local.returncode == 0, err
    expected = outcomes(tmp_path / "local")
    assert len(expected) == 11

    address_file = tmp_path / "scheduler.json"
    scheduler = start(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(address_file)],
        tmp_path / "scheduler.log",
    )  # fmt: skip
    workers = []
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert scheduler.poll() is None, (tmp_path / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        for name in ("w1", "w2"):
            workers.append(
                start(
                    [DASK, "worker", address, "--nthreads", "1", "--no-nanny",
                     "--no-dashboard", "--name", name, "--host", "127.0.0.1"],
                    tmp_path / f"{name}.log",
                )
            )  # fmt: skip
        results = tmp_path / "cluster"
        run = batch(root, results, "--scheduler", address, env=env)
        deadline = time.monotonic() + 120
        while len(list(results.glob("toy/*.json"))) < 3:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "the cluster produced no results"
            time.sleep(0.05)
        os.killpg(workers[0].pid, signal.SIGKILL)  # a worker dies mid-batch
        workers[0].wait()
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "graded 11" in err
        assert outcomes(results) == expected  # every result present, and the same
        assert [p for p in results.rglob("*.tmp")] == []
        # The killed worker could not remove its copy of the course: the next grader
        # that starts on this machine does.
        assert any(p.name.startswith("grade-course-") for p in scratch_root.iterdir())
        again = batch(root, results, "--scheduler", address, env=env)
        _, err = again.communicate(timeout=300)  # resumes: nothing to grade
        assert again.returncode == 0 and "graded 0" in err and "11 already done" in err, err
    finally:
        for process in [*workers, scheduler]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert not leftovers(scratch_root), "processes or folders outlived the cluster"


def test_a_bad_scheduler_address_is_a_usage_error(tmp_path: Path) -> None:
    root = write_class(tmp_path / "subs", 1)
    for address, message in (("local:0", "local:N"), ("local:x", "local:N")):
        run = batch(root, tmp_path / "r", "--scheduler", address, env=dict(os.environ))
        _, err = run.communicate(timeout=120)
        assert run.returncode == 2, err
        assert message in err and "Traceback" not in err


def test_workers_of_another_grader_version_are_refused(tmp_path: Path) -> None:
    """A client whose grader differs from its workers' stops before grading anyone.
    (In a process of its own: a LocalCluster's workers outlive their close() a moment.)"""
    root = write_class(tmp_path / "subs", 1)
    code = f"""
import grader, sys
grader.__version__ = "0.0.0-client"  # the workers import the real one
from grader.cli import main
sys.argv = ["grade", "batch", {str(root)!r}, "--out", {str(tmp_path / "r")!r},
            "--exercises", {str(EXERCISES)!r}, "--scheduler", "local:1"]
main()
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert "another version of the grader" in run.stderr and "Traceback" not in run.stderr
    assert not list((tmp_path / "r").glob("toy/*.json"))
