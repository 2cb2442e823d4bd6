"""One student process: start it isolated, exchange frames with a deadline, kill it whole."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.sandbox.backends import SANDBOX_UID, Backend
from grader.sandbox.runtime import wire


@dataclass(frozen=True)
class Limits:
    """What one student process may use. Defaults come from the exercise manifest."""

    call_seconds: float = 5.0
    load_seconds: float = 10.0
    total_seconds: float = 120.0
    cpu_seconds: int = 60
    memory_mb: int = 1024
    processes: int = 16
    output_bytes: int = 64 * 1024
    file_bytes: int = 16 * 1024 * 1024

    def rlimits(self) -> dict[str, int]:
        return {
            "memory_bytes": self.memory_mb * 1024 * 1024,
            "cpu_seconds": self.cpu_seconds,
            "processes": self.processes,
            "file_bytes": self.file_bytes,
            "open_files": 64,
        }


class CallTimeout(Exception):
    """The student process did not answer before the deadline."""


class ProcessDied(Exception):
    """The student process exited or was killed while a request was open."""


class ProtocolError(Exception):
    """The student process sent something that is not a valid reply."""


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


def scrubbed_environment(home: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "TMPDIR": home,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
    }


def _sandbox_uid() -> int | None:
    if os.geteuid() != 0:
        return None
    return SANDBOX_UID + os.getpid() % 1000


class StudentProcess:
    """A started student process and the pipes to it."""

    def __init__(self, backend: Backend, limits: Limits) -> None:
        self.backend = backend
        self.limits = limits
        self.stdout = Capture(limits.output_bytes)
        self.stderr = Capture(limits.output_bytes)
        self.uid = _sandbox_uid()
        self.scratch = Path(tempfile.mkdtemp(prefix="grade-scratch-"))
        if self.uid is not None:
            os.chown(self.scratch, self.uid, self.uid)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        launch = backend.launch(self.scratch)
        config = {
            "fd_in": to_child_r,
            "fd_out": from_child_w,
            "site": launch.site,
            "scratch": launch.scratch,
            "limits": limits.rlimits(),
            "uid": self.uid,
            "gid": self.uid,
        }
        argv = [*launch.argv, f"{launch.runtime}/child.py", json.dumps(config)]
        try:
            self.popen = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(to_child_r, from_child_w),
                start_new_session=True,
                env=scrubbed_environment(launch.scratch),
                cwd=self.scratch,
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        os.set_blocking(self._to_child, False)
        self.reader = wire.FrameReader()
        self.started = time.monotonic()

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def request(
        self, message: dict[str, Any], timeout: float, resolve: Any = None
    ) -> dict[str, Any]:
        """Send one request and wait for its reply, reading output meanwhile."""
        pending = memoryview(wire.dumps(message))
        deadline = time.monotonic() + timeout
        assert self.popen.stdout is not None and self.popen.stderr is not None
        streams = {self.popen.stdout.fileno(): self.stdout, self.popen.stderr.fileno(): self.stderr}
        with selectors.DefaultSelector() as selector:
            selector.register(self._from_child, selectors.EVENT_READ)
            for fd in streams:
                selector.register(fd, selectors.EVENT_READ)
            if pending:
                selector.register(self._to_child, selectors.EVENT_WRITE)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CallTimeout()
                for key, _ in selector.select(min(left, 1.0)):
                    fd = key.fd
                    if fd == self._to_child:
                        try:
                            pending = pending[os.write(fd, pending) :]
                        except BrokenPipeError:
                            raise ProcessDied() from None
                        if not pending:
                            selector.unregister(fd)
                        continue
                    chunk = os.read(fd, 1 << 20)
                    if fd in streams:
                        if chunk:
                            streams[fd].add(chunk)
                        else:
                            selector.unregister(fd)
                        continue
                    if not chunk:
                        raise ProcessDied()
                    try:
                        self.reader.feed(chunk)
                        frame = self.reader.frame()
                        if frame is not None:
                            return wire.loads(*frame, resolve=resolve)
                    except wire.WireError as exc:
                        raise ProtocolError(str(exc)) from None

    def exit_reason(self) -> str:
        """Why the process ended, in words."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=0.5)
        code = self.popen.returncode
        if code is None:
            return "stopped answering"
        if code < 0:
            name = signal.Signals(-code).name
            hints = {
                "SIGXCPU": " (CPU time limit reached)",
                "SIGXFSZ": " (file size limit reached)",
                "SIGSEGV": " (crashed)",
                "SIGKILL": " (killed: out of memory or limit reached)",
            }
            return f"was killed by {name}{hints.get(name, '')}"
        return f"exited with code {code}"

    def kill(self) -> None:
        """Kill the process and everything it started; release its files."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()
        if self.uid is not None:
            _kill_uid(self.uid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream is not None:
                stream.close()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _kill_uid(uid: int) -> None:
    """Kill every process running as ``uid`` (forks that left the process group)."""
    for _ in range(3):
        found = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.stat(f"/proc/{entry}").st_uid != uid:
                    continue
                os.kill(int(entry), signal.SIGKILL)
                found = True
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
        if not found:
            return
        time.sleep(0.01)
