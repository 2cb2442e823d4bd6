"""One student process: start it isolated, exchange frames with a deadline, kill it whole."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import selectors
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import SandboxError
from grader.sandbox.backends import SANDBOX_UID, SANDBOX_UIDS, Backend
from grader.sandbox.runtime import wire

# What a reply may hold: far more than any exercise needs, far less than the grader has.
REPLY_LIMITS = wire.Limits(max_bytes=128 << 20)
_SHARED_TMP = ("/tmp", "/var/tmp", "/dev/shm")
_DECODE_ERRORS = (wire.WireError, ValueError, TypeError, OverflowError, RecursionError)


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


class StudentProcess:
    """A started student process and the pipes to it."""

    popen: subprocess.Popen[bytes]

    def __init__(self, backend: Backend, limits: Limits) -> None:
        self.backend = backend
        self.limits = limits
        self.stdout = Capture(limits.output_bytes)
        self.stderr = Capture(limits.output_bytes)
        self.scratch = Path(tempfile.mkdtemp(prefix="grade-scratch-"))
        self._to_child = self._from_child = -1
        self._lease: tuple[int, int] | None = None
        self.uid: int | None = None
        try:
            self._lease = _lease_uid()  # under root: a uid no other live sandbox uses
            self.uid = self._lease[0] if self._lease else None
            self._start()
        except BaseException:
            popen = getattr(self, "popen", None)
            if popen is not None:  # started, then interrupted: never leave it running
                popen.kill()
                popen.wait()
            self._release()
            raise
        self.reader = wire.FrameReader(REPLY_LIMITS)
        self.started = time.monotonic()

    def _start(self) -> None:
        if self.uid is not None:
            _kill_uid(self.uid)  # what a crashed grader may have left running as this uid
            os.chown(self.scratch, self.uid, self.uid)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        launch = self.backend.launch(self.scratch, 4 * self.limits.file_bytes)
        config = {
            "fd_in": to_child_r,
            "fd_out": from_child_w,
            "site": launch.site,
            "scratch": launch.scratch,
            "limits": self.limits.rlimits(),
            "uid": self.uid,
            "gid": self.uid,
            "hide": list(launch.hide),
            "private_dirs": list(launch.private_dirs),
            "scratch_bytes": 4 * self.limits.file_bytes,
            "host_mount_ns": _mount_namespace(),
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
        except OSError as exc:
            raise SandboxError(f"cannot start the {self.backend.name} sandbox: {exc}") from None
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        os.set_blocking(self._to_child, False)

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
                    # Everything below comes from student code: any malformed frame is
                    # a protocol error, never an exception in the grader.
                    try:
                        self.reader.feed(chunk)
                        frame = self.reader.frame()
                        if frame is not None:
                            return wire.loads(*frame, limits=REPLY_LIMITS, resolve=resolve)
                    except _DECODE_ERRORS as exc:
                        raise ProtocolError(str(exc)[:300]) from None
                    except MemoryError:
                        raise ProtocolError("reply too large") from None

    def exit_reason(self) -> str:
        """Why the process ended, in words."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=0.5)
        code = self.popen.returncode
        if code is None:
            return "stopped answering"
        if code > 128 and self.backend.name == "bwrap":
            code = 128 - code  # bwrap reports "killed by signal N" as exit code 128 + N
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
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
            _kill_uid(self.uid)  # forks that left the process group or the session
        else:
            _kill_marked(str(self.scratch))
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream is not None:
                stream.close()
        self._release()

    def _release(self) -> None:
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_child = self._from_child = -1
        shutil.rmtree(self.scratch, ignore_errors=True)
        if self._lease is not None:
            uid, fd = self._lease
            self._lease = None
            _kill_uid(uid)
            _remove_files_of(uid)
            self._unlock(uid, fd)

    def _unlock(self, uid: int, fd: int) -> None:
        """Give the uid back: from now on another sandbox may lease it."""
        os.close(fd)


def _mount_namespace() -> int | None:
    try:
        return os.stat("/proc/self/ns/mnt").st_ino
    except OSError:
        return None


# -- sandbox uids (only when the grader runs as root) --------------------------------


def _lease_directory() -> Path:
    for base in ("/run", tempfile.gettempdir()):
        directory = Path(base) / "grade-sandbox-uids"
        with contextlib.suppress(OSError):
            directory.mkdir(mode=0o700, exist_ok=True)
            info = os.lstat(directory)
            if stat.S_ISDIR(info.st_mode) and info.st_uid == 0 and not info.st_mode & 0o077:
                return directory
    raise SandboxError("no safe directory for the sandbox uid locks (/run/grade-sandbox-uids)")


def _lease_uid() -> tuple[int, int] | None:
    """A sandbox uid locked for this process's lifetime, and the lock's descriptor.

    The lock (flock on a file per uid) is shared by every grader on the machine, so
    two submissions graded at once never share a uid and cannot signal each other.
    """
    if os.geteuid() != 0:
        return None
    directory = _lease_directory()
    start = os.getpid() % SANDBOX_UIDS
    for step in range(SANDBOX_UIDS):
        uid = SANDBOX_UID + (start + step) % SANDBOX_UIDS
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(directory / f"{uid}.lock", flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return uid, fd
    raise SandboxError(f"all {SANDBOX_UIDS} sandbox uids are in use")


def _processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes whose effective uid is ``uid``.

    The owner of /proc/<pid> is always the effective uid (unlike the files in it), and
    under no_new_privs a sandbox process cannot change its uids.
    """
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            if os.stat(f"/proc/{entry}").st_uid != uid:
                continue
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
            if state not in (b"Z", b"X"):
                found.append(int(entry))
    return found


def _kill_uid(uid: int) -> None:
    """Kill every process running as ``uid``, however it detached itself.

    ``kill(-1, SIGKILL)`` sent *as* that uid reaches all its processes in one atomic
    sweep, so a fork bomb cannot outrun it; a /proc scan is the fallback.
    """
    killer = shutil.which("kill", path="/usr/bin:/bin")
    for _ in range(20):
        pids = _processes_of(uid)
        if not pids:
            return
        if killer is not None:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    [killer, "-9", "-1"],
                    user=uid,
                    group=uid,
                    extra_groups=[],
                    env={},
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=5,
                    check=False,
                )
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _kill_marked(scratch: str) -> None:
    """Without root: kill our own processes that work in, or were started for, ``scratch``.

    This finds daemons that left the process group unless they also changed their
    directory and environment on purpose (a limitation listed in SECURITY.md).
    """
    marker = scratch.encode()
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = handle.read()
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:
            continue
        if (
            cwd == scratch
            or cwd.startswith(scratch + "/")
            or marker in cmdline
            or marker in environ
        ):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry), signal.SIGKILL)


def _remove_files_of(uid: int) -> None:
    """Delete what ``uid`` left in the machine's shared temporary directories."""
    for directory in _SHARED_TMP:
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in list(entries):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_uid != uid:
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path, ignore_errors=True)  # symlink-safe on Linux
                    else:
                        os.unlink(entry.path)
