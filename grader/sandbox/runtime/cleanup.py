"""Deleting what a submission left, however hostile its tree. Loaded by path in the
student process (the fork server cleans its children's folders with it) and imported by
the grader; it imports nothing of the grader.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path


def remove_tree(path: Path | str, seconds: float = 10.0) -> bool:
    """Delete ``path`` and everything below it, however deep, without following links;
    never raises. Whatever cannot be deleted within ``seconds`` is left (returns False).

    A submission can nest 100,000 folders (deeper than any path can name), make them
    unlistable, or plant links: this walks down one folder at a time through file
    descriptors (never a path longer than one name, never more than two descriptors
    open), opens up each folder's permissions first (as its owner or root may), and
    never follows a link. ``shutil.rmtree`` exhausts the stack on such trees."""
    deadline = time.monotonic() + seconds
    root = os.fspath(path)
    try:
        if not stat.S_ISDIR(os.lstat(root).st_mode):
            os.unlink(root)
            return True
        fd = _open_folder(root, None)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    names: list[str] = []  # the folders walked down into, from root
    try:
        while time.monotonic() < deadline:
            below = _empty_but_folders(fd)
            if below is not None:
                try:
                    child = _open_folder(below, fd)
                except OSError:  # cannot be entered even so: leave it
                    return False
                os.close(fd)
                fd, names = child, [*names, below]
                continue
            if not names:
                break
            parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = parent
            with contextlib.suppress(OSError):
                os.rmdir(names.pop(), dir_fd=fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(root)
    return not os.path.lexists(root)


def _open_folder(name: str, parent: int | None) -> int:
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(name, flags, dir_fd=parent)
    except PermissionError:  # made unlistable on purpose: open it up first
        os.chmod(name, 0o700, dir_fd=parent, follow_symlinks=False)
        return os.open(name, flags, dir_fd=parent)


def _empty_but_folders(fd: int) -> str | None:
    """Delete every non-folder in the folder ``fd``; the name of a folder left in it."""
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o700)
    with os.scandir(fd) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                return entry.name
            with contextlib.suppress(OSError):
                os.unlink(entry.name, dir_fd=fd)
    return None
