"""Folders a killed grader left: named for their maker, deleted by the next grader."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from grader.sandbox.stale import grader_folder, sweep_stale


def test_a_dead_makers_folder_goes_and_a_live_ones_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code = "from grader.sandbox.stale import grader_folder; print(grader_folder('task'))"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    made = Path(run.stdout.strip())
    (made / "deep" / "er").mkdir(parents=True)  # its maker exited without cleaning up
    mine = grader_folder("course")  # this process is alive
    reused = tmp_path / f"grade-task-{os.getpid()}-1-abc"  # this pid, another start time
    reused.mkdir()
    target = tmp_path / "precious"
    target.mkdir()
    (tmp_path / "grade-task-1-1-link").symlink_to(target)  # a link is never followed
    (tmp_path / "grade-notes.txt").write_text("not a grader folder")
    assert sweep_stale() == 2
    assert not made.exists() and not reused.exists()
    assert mine.is_dir() and target.is_dir() and (tmp_path / "grade-notes.txt").exists()
    assert mine.name.startswith(f"grade-course-{os.getpid()}-")
    assert oct(mine.stat().st_mode & 0o777) == "0o700"
