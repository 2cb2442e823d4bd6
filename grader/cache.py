"""Facts worth remembering between runs: "this sandbox works here", "this manifest is valid".

Each fact is a fingerprint (a hash of everything it depends on) in a small JSON list per
kind under ``$GRADE_CACHE_DIR`` (default ``~/.cache/grade``). The cache only saves time:
when it cannot be read or written, the fact is simply established again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

KEEP = 64  # fingerprints kept per kind


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _file(kind: str) -> Path:
    base = os.environ.get("GRADE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "grade" / f"{kind}.json"


def _read(kind: str) -> list[str]:
    try:
        known = json.loads(_file(kind).read_text())
    except (OSError, ValueError):
        return []
    return [f for f in known if isinstance(f, str)] if isinstance(known, list) else []


def known(kind: str, key: str) -> bool:
    return key in _read(kind)


def remember(kind: str, key: str, *, holds: bool = True) -> None:
    """Record that the fact ``key`` holds (or, with ``holds=False``, no longer does)."""
    facts = [f for f in _read(kind) if f != key][-(KEEP - 1) :]
    if holds:
        facts.append(key)
    path = _file(kind)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(facts))
        os.replace(temporary, path)
    except OSError:
        pass
