"""Folders a killed grader left behind, and their clean-up by the next one.

A grader process that is killed outright (SIGKILL, the OOM killer, a lost cluster
worker) cannot delete its temporary folders. Each is named for the process that made
it, with that process's start time (``grade-<kind>-<pid>-<start>-<random>``), so the next
grader on the machine can tell a folder whose maker is gone from one still in use, and
delete it (``sweep_stale``): only folders of this user, or, under root, of the sandbox
uids too, and never through a link.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from grader.sandbox.backends import SANDBOX_UID, SANDBOX_UIDS
from grader.sandbox.procfs import process_info
from grader.sandbox.runtime.cleanup import remove_tree

_NAME = re.compile(r"grade-[a-z]+-(\d+)-(\d+)-")
SWEEP_SECONDS = 5.0  # per folder: a huge tree left is finished by a later sweep


def grader_folder(kind: str) -> Path:
    """A new private folder (0700) in the temporary directory, named for this process."""
    me = os.getpid()
    info = process_info(me)
    start = info.start if info is not None else 0
    return Path(tempfile.mkdtemp(prefix=f"grade-{kind}-{me}-{start}-"))


def sweep_stale(root: Path | None = None) -> int:
    """Delete the grader folders in ``root`` (the temporary directory) whose maker is
    gone; return how many. Never raises."""
    removed = 0
    folder = root or Path(tempfile.gettempdir())
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in list(entries):
            match = _NAME.match(entry.name)
            if match is None or not _ours(entry) or _alive(int(match[1]), int(match[2])):
                continue
            removed += remove_tree(entry.path, SWEEP_SECONDS)
    return removed


def _ours(entry: os.DirEntry[str]) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    me = os.geteuid()
    sandbox = me == 0 and SANDBOX_UID <= info.st_uid < SANDBOX_UID + SANDBOX_UIDS
    return info.st_uid == me or sandbox


def _alive(pid: int, start: int) -> bool:
    info = process_info(pid)
    return info is not None and info.alive and info.start == start
