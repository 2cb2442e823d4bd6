"""Shared fixtures: the toy exercise, the scenario submissions, sandboxes, leftovers."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.exercise import Exercise, load_exercise
from grader.sandbox import backends

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXERCISES = TESTS / "fixtures" / "exercises"
SCENARIOS = TESTS / "scenarios" / "toy"
SANDBOXES = ("bwrap", "unshare", "process")


_THIS = sys.modules[__name__]


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Let the test files of this folder import their helpers with ``from conftest import``.

    A conftest.py outside a package is imported as the module ``conftest``; pytest
    replaces that module when it loads another folder's conftest.py (tests/adversarial/),
    so a later ``from conftest import EXERCISES`` would find the wrong one. Point the name
    back at this module before a test file of this folder is imported.
    """
    if isinstance(collector, pytest.Module) and collector.path.parent == TESTS:
        sys.modules["conftest"] = _THIS


def scenario(name: str) -> Path:
    """A submission file of the toy exercise's scenario folder."""
    path = SCENARIOS / name
    assert path.exists(), f"missing scenario {path}"
    return path


def require_sandbox(name: str) -> str:
    """Skip the test, saying why, unless the sandbox backend ``name`` works here."""
    if not backends.available(name):
        explain = getattr(backends, "unavailable_reason", None)
        reason = explain(name) if explain is not None else None
        tool = "bwrap (bubblewrap)" if name == "bwrap" else "unshare (util-linux)"
        pytest.skip(
            f"the {name!r} sandbox does not work here: "
            + (reason or f"{tool} is missing, or this machine refuses its namespaces")
        )
    return name


@pytest.fixture(params=SANDBOXES)
def sandbox(request: pytest.FixtureRequest) -> str:
    """Each sandbox backend in turn; skipped where it does not work."""
    return require_sandbox(str(request.param))


@pytest.fixture(scope="session")
def toy() -> Exercise:
    return load_exercise(EXERCISES / "toy")


def processes_mentioning(
    text: str, table: dict[int, tuple[int, str, str]] | None = None
) -> dict[int, str]:
    """Live processes (not this one) whose command line contains ``text``: pid -> cmdline."""
    table = _process_table() if table is None else table
    return {
        pid: cmdline
        for pid, (_, state, cmdline) in table.items()
        if text in cmdline and pid != os.getpid() and state != "Z"
    }


def _process_table() -> dict[int, tuple[int, str, str]]:
    """Every process: pid -> (parent pid, state, command line)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            raw = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces
        cmdline = raw.replace(b"\0", b" ").decode("utf-8", errors="replace").strip()
        table[int(entry)] = (int(fields[1]), fields[0], cmdline[:300])
    return table


def descendants(table: dict[int, tuple[int, str, str]] | None = None) -> set[int]:
    """The processes below this one (this test run's, never another run's)."""
    table = _process_table() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found: set[int] = set()
    stack = [os.getpid()]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _subreaper(on: bool) -> bool:
    """Adopt orphaned descendants (Linux PR_SET_CHILD_SUBREAPER), so that a process a
    grading run leaves behind stays visible as this process's descendant."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(36, int(on), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _reap_adopted(baseline: set[int]) -> None:
    """Collect the exit status of adopted orphans that have died (zombies)."""
    for pid, (parent, state, _) in _process_table().items():
        if parent == os.getpid() and state == "Z" and pid not in baseline:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)


_BASELINES: dict[Path, set[int]] = {}  # scratch root -> descendants before its test


def leftovers(root: Path, wait: float = 5.0) -> list[str]:
    """Processes and scratch folders a grading run under ``root`` left behind.

    A leftover is a live descendant of this test process that was not there when
    ``root`` was made (orphans are adopted: see ``_subreaper``), or any process whose
    command line names ``root``. Killing is asynchronous for processes outside the
    grader's reach (a namespace's members die after its init), so this polls for up
    to ``wait`` seconds.
    """
    baseline = _BASELINES.get(root, set())
    deadline = time.monotonic() + wait
    while True:
        _reap_adopted(baseline)
        table = _process_table()
        pids = (descendants(table) - baseline) | set(processes_mentioning(str(root), table))
        found = [f"pid {pid}: {table[pid][2]}" for pid in sorted(pids) if table[pid][1] != "Z"]
        found += [f"scratch folder {p}" for p in root.glob("grade-scratch-*")]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


@pytest.fixture
def scratch_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A temporary-files folder of the test's own; after the test, no process the test
    started may be alive and no scratch folder may remain in it.

    It is world-traversable (0755): as root, the student process runs as an
    unprivileged user and must reach its scratch folder inside it.
    """
    tmp_path_factory.getbasetemp()  # pytest's own temporary folders stay where they are
    root = Path(tempfile.mkdtemp(prefix="grade-tests-", dir="/tmp"))
    root.chmod(0o755)
    adopting = _subreaper(True)
    _BASELINES[root] = descendants()
    monkeypatch.setenv("TMPDIR", str(root))
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    try:
        yield root
        left = leftovers(root)
        assert not left, "left behind:\n" + "\n".join(left)
    finally:
        baseline = _BASELINES.pop(root)
        table = _process_table()
        for pid in (descendants(table) - baseline) | set(processes_mentioning(str(root), table)):
            with contextlib.suppress(OSError):  # never leak into the next test
                os.kill(pid, signal.SIGKILL)
        if adopting:
            time.sleep(0.05)
            _reap_adopted(baseline)
            _subreaper(False)
        shutil.rmtree(root, ignore_errors=True)
