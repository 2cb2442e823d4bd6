"""Facts worth remembering between runs: "this sandbox works here", "this manifest is valid".

Each fact is a fingerprint (a hash of everything it depends on) in a small JSON list per
kind under ``$GRADE_CACHE_DIR`` (default ``~/.cache/grade``). The cache only saves time:
when it cannot be read or written, the fact is simply established again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

KEEP = 64  # fingerprints kept per kind
MAX_BYTES = 1 << 20  # a larger cache file is not read


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _file(kind: str) -> Path:
    base = os.environ.get("GRADE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "grade" / f"{kind}.json"


def recall(kind: str) -> list[str]:
    """What is remembered of ``kind``, oldest first ([] when it cannot be read)."""
    path = _file(kind)
    try:  # only a regular file of bounded size: never a FIFO a submission planted
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return []
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return []
        known = json.loads(os.read(fd, MAX_BYTES))
    except (OSError, ValueError):
        return []
    finally:
        os.close(fd)
    return [f for f in known if isinstance(f, str)] if isinstance(known, list) else []


def store(kind: str, entries: list[str]) -> None:
    """Replace what is remembered of ``kind`` (quietly, when it cannot be written)."""
    path = _file(kind)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entries[-KEEP:]))
        os.replace(temporary, path)
    except OSError:
        pass


def known(kind: str, key: str) -> bool:
    return key in recall(kind)


def remember(kind: str, key: str, *, holds: bool = True) -> None:
    """Record that the fact ``key`` holds (or, with ``holds=False``, no longer does)."""
    facts = [f for f in recall(kind) if f != key]
    store(kind, [*facts, key] if holds else facts)
