"""Shared fixtures: the toy exercise, each sandbox backend, a temporary folder that must
be left clean. Helpers to import live in ``support.py``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import support

from grader.course import ENVIRONMENT
from grader.exercise import Exercise, load_exercise

# The tests grade against this repository's demo course unless they name another one,
# wherever they run (subprocesses of the tests inherit this).
os.environ.setdefault(ENVIRONMENT, str(support.REPO))


@pytest.fixture(params=support.SANDBOXES)
def sandbox(request: pytest.FixtureRequest) -> str:
    """Each sandbox backend in turn; skipped where it does not work."""
    return support.require_sandbox(str(request.param))


@pytest.fixture(scope="session")
def toy() -> Exercise:
    return load_exercise(support.EXERCISES / "toy")


@pytest.fixture
def scratch_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A temporary-files folder of the test's own; after the test, no process the test
    started may be alive and no folder the grader made (``grade-*``) may remain in it.

    It is world-traversable (0755): as root, the student process runs as an
    unprivileged user and must reach its scratch folder inside it.
    """
    tmp_path_factory.getbasetemp()  # pytest's own temporary folders stay where they are
    root = Path(tempfile.mkdtemp(prefix="grade-tests-", dir="/tmp"))
    root.chmod(0o755)
    with support.subreaper():
        support._BASELINES[root] = support.descendants()
        monkeypatch.setenv("TMPDIR", str(root))
        monkeypatch.setattr(tempfile, "tempdir", str(root))
        try:
            yield root
            left = support.leftovers(root)
            assert not left, "left behind:\n" + "\n".join(left)
        finally:
            baseline = support._BASELINES.pop(root)
            support.kill_all((support.descendants() - baseline) | support.mentioning(str(root)))
            support.reap_adopted()
            shutil.rmtree(root, ignore_errors=True)
