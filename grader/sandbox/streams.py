"""The pipes from a student process: what it prints, kept up to a cap."""

from __future__ import annotations

import contextlib
import fcntl
import os


class Capture:
    """Keeps the first ``cap`` bytes of a stream and counts the rest."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept = bytearray()
        self.dropped = 0

    def add(self, chunk: bytes) -> None:
        room = self.cap - len(self.kept)
        self.kept += chunk[: max(room, 0)]
        self.dropped += max(len(chunk) - max(room, 0), 0)

    def text(self) -> str:
        text = self.kept.decode("utf-8", errors="replace")
        if self.dropped:
            text += f"\n[... {self.dropped} more bytes not kept]"
        return text


def drain(fd: int, capture: Capture, reads: int = 64) -> None:
    """Keep what is still in an output pipe of a process that is dead (bounded: a
    stray writer cannot keep it reading)."""
    with contextlib.suppress(OSError):
        os.set_blocking(fd, False)
        for _ in range(reads):
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return
            capture.add(chunk)


# Linux's F_SETPIPE_SZ: a 1 MiB pipe moves a large array in 8 hand-offs instead of 128.
_F_SETPIPE_SZ = 1031
_PIPE_BYTES = 1 << 20


def widen_pipe(fd: int) -> None:
    with contextlib.suppress(OSError):
        fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_BYTES)
