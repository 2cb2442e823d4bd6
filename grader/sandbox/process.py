"""One student process: start it isolated, exchange frames with a deadline, kill it whole."""

from __future__ import annotations

import collections
import contextlib
import json
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Callable
from typing import Any

from grader.errors import SandboxError
from grader.limits import Limits
from grader.sandbox.backends import Backend, scrubbed_environment
from grader.sandbox.leftovers import remove_files_of, remove_ipc_of
from grader.sandbox.packages import Packages, allowed_packages
from grader.sandbox.procfs import (
    boot_ticks,
    is_subreaper,
    set_subreaper,
    set_undumpable,
    tree_of,
    wait_gone,
)
from grader.sandbox.reaper import (
    DYING_SECONDS,
    kill_adopted,
    kill_marked,
    kill_tree,
    kill_uid,
    lease_uid,
    mount_namespace,
)
from grader.sandbox.runtime import wire
from grader.sandbox.runtime.cleanup import remove_tree
from grader.sandbox.stale import grader_folder
from grader.sandbox.streams import Capture, drain, widen_pipe
from grader.sandbox.zygote import ForkedChild, fork_student

# What a reply may hold: far more than any exercise needs, far less than the grader has.
REPLY_LIMITS = wire.Limits(max_bytes=128 << 20)
_DECODE_ERRORS = (wire.WireError, ValueError, TypeError, OverflowError, RecursionError)

# Every process this one started for a submission: its own children, never orphans.
_LAUNCHED: set[int] = set()
# Student processes alive that run as the grader's own user, and whether this process
# adopted orphans before the first of them started.
_adopting: list[bool] = []


def _guard_grader() -> None:
    """Without a uid of its own, a submission runs as the grader's user (process
    backend): make this process untraceable by it and the adopter of its orphans, for
    as long as such a submission runs."""
    set_undumpable()
    _adopting.append(is_subreaper())
    set_subreaper(True)


def _unguard_grader() -> None:
    if _adopting and not _adopting.pop() and not _adopting:
        set_subreaper(False)


class CallTimeout(Exception):
    """The student process did not answer before the deadline."""


class ProcessDied(Exception):
    """The student process exited or was killed while a request was open."""


class ProtocolError(Exception):
    """The student process sent something that is not a valid reply."""


class StudentProcess:
    """A started student process and the pipes to it."""

    popen: subprocess.Popen[bytes] | ForkedChild

    def __init__(
        self,
        backend: Backend,
        limits: Limits,
        *,
        on_release: Callable[[int], None] | None = None,
    ) -> None:
        """Start the process. ``on_release`` is called with the sandbox uid (under root)
        just before its lease is given back, when nothing of the submission should run."""
        self.backend = backend
        self.on_release = on_release
        self.limits = limits
        self.stdout = Capture(limits.output_bytes)
        self.stderr = Capture(limits.output_bytes)
        self.scratch = grader_folder("scratch")
        self._to_child = self._from_child = -1
        self._gone = False  # the reply pipe closed: the process is dead
        self._poll: selectors.BaseSelector | None = None
        self._streams: dict[int, Capture] = {}
        self._lease: tuple[int, int] | None = None
        self.uid: int | None = None
        # Without a uid of its own, its process limit was raised by what the user runs.
        self.processes_already: int | None = None
        self._since = 0  # when it started, in clock ticks since boot
        self._guarded = False  # it runs as the grader's user: see _guard_grader
        try:
            self._lease = lease_uid()  # under root: a uid no other live sandbox uses
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
            kill_uid(self.uid)  # what a crashed grader may have left running as this uid
            os.chown(self.scratch, self.uid, self.uid)
        # A folder the scratch folder lies in cannot be hidden from the submission.
        private = tuple(p for p in self.limits.private if not self.scratch.is_relative_to(p))
        packages = allowed_packages(self.limits.packages)
        if self._forked(private, packages):
            return
        if self.uid is None and self.backend.name == "process":
            _guard_grader()
            self._guarded = True
        self._since = boot_ticks()
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        for fd in (self._to_child, from_child_w):
            widen_pipe(fd)
        launch = self.backend.launch(self.scratch, self.limits.scratch_bytes, private, packages)
        config = {
            "fd_in": to_child_r,
            "fd_out": from_child_w,
            "site": launch.site,
            "allowed": list(launch.allowed),
            "scratch": launch.scratch,
            "limits": self.limits.rlimits(),
            "uid": self.uid,
            "gid": self.uid,
            "hide": list(launch.hide),
            "private_dirs": list(launch.private_dirs),
            "drop_capabilities": launch.drop_capabilities,
            "scratch_bytes": self.limits.scratch_bytes,
            "host_mount_ns": mount_namespace(),
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
        _LAUNCHED.add(self.popen.pid)
        os.set_blocking(self._to_child, False)

    def _forked(self, private: tuple[str, ...], packages: Packages) -> bool:
        """Fork the process from a fork server, where one is used (grader/sandbox/zygote.py)."""
        config: dict[str, Any] = {
            "site": [],  # the zygote has NumPy imported already
            "limits": self.limits.rlimits(),
            "uid": self.uid,
            "gid": self.uid,
            "host_mount_ns": mount_namespace(),
        }
        scratch_bytes = self.limits.scratch_bytes
        child = fork_student(self.backend, scratch_bytes, private, packages, config, self.scratch)
        if child is None:
            return False
        self.popen = child
        self._to_child, self._from_child = child.to_child, child.from_child
        for fd in (self._to_child, self._from_child):
            widen_pipe(fd)
        os.set_blocking(self._to_child, False)
        return True

    @property
    def alive(self) -> bool:
        if isinstance(self.popen, ForkedChild):  # asking the zygote costs a round trip
            return not self._gone
        return self.popen.poll() is None

    def wait_ready(self, timeout: float) -> None:
        """Wait for the child's word that the sandbox stands (before any student code).

        A sandbox that fails to start is the machine's problem, not the student's: it
        raises SandboxError with what the sandbox said.
        """
        try:
            reply = self._exchange(None, timeout, None)
        except (CallTimeout, ProcessDied, ProtocolError) as exc:
            reason = self.exit_reason() if isinstance(exc, ProcessDied) else type(exc).__name__
            said = self.stderr.text().strip().splitlines()
            detail = said[-1][:300] if said else reason
            raise SandboxError(f"the {self.backend.name} sandbox did not start: {detail}") from None
        if reply.get("ready") is not True:
            raise SandboxError(f"the {self.backend.name} sandbox sent no ready signal")
        already = reply.get("processes_already")
        if isinstance(already, int) and already >= 0:
            self.processes_already = already

    def request(
        self, message: dict[str, Any] | None, timeout: float, resolve: Any = None
    ) -> dict[str, Any]:
        """Send one request (None: none) and wait for a reply, reading output meanwhile."""
        return self._exchange(message, timeout, resolve)

    def _exchange(
        self, message: dict[str, Any] | None, timeout: float, resolve: Any
    ) -> dict[str, Any]:
        if message is None:  # only a reply: one may have come in with the last one
            waiting = self._next_frame(b"", resolve)
            if waiting is not None:
                return waiting
        parts = wire.frame_parts(message) if message is not None else []
        pending = collections.deque(memoryview(p).cast("B") for p in parts if len(p))
        deadline = time.monotonic() + timeout
        selector = self._selector()
        self._write(pending)  # a small request fits in the pipe at once: no poll needed
        registered = bool(pending)
        if registered:
            selector.register(self._to_child, selectors.EVENT_WRITE)
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CallTimeout()
                for key, _ in selector.select(min(left, 1.0)):
                    if key.fd == self._to_child:
                        self._write(pending)
                        if not pending:
                            selector.unregister(self._to_child)
                            registered = False
                        continue
                    reply = self._read(key.fd, resolve)
                    if reply is not None:
                        return reply
        finally:
            if registered:
                selector.unregister(self._to_child)

    def _selector(self) -> selectors.BaseSelector:
        """One selector for the process's life: the reply pipe and both output streams."""
        if self._poll is None:
            assert self.popen.stdout is not None and self.popen.stderr is not None
            self._streams = {
                self.popen.stdout.fileno(): self.stdout,
                self.popen.stderr.fileno(): self.stderr,
            }
            self._poll = selectors.DefaultSelector()
            for fd in (self._from_child, *self._streams):
                self._poll.register(fd, selectors.EVENT_READ)
        return self._poll

    def _write(self, pending: collections.deque[memoryview]) -> None:
        while pending:
            try:
                written = os.write(self._to_child, pending[0])
            except BlockingIOError:
                return
            except BrokenPipeError:
                self._gone = True
                raise ProcessDied() from None
            pending[0] = pending[0][written:]
            if not pending[0]:
                pending.popleft()

    def _read(self, fd: int, resolve: Any) -> dict[str, Any] | None:
        chunk = os.read(fd, 1 << 20)
        if fd in self._streams:
            if chunk:
                self._streams[fd].add(chunk)
            else:
                self._poll.unregister(fd)  # type: ignore[union-attr]
            return None
        if not chunk:
            self._gone = True
            raise ProcessDied()
        return self._next_frame(chunk, resolve)

    def _next_frame(self, chunk: bytes, resolve: Any) -> dict[str, Any] | None:
        """The next whole frame, after feeding ``chunk`` (which may hold several)."""
        # Everything below comes from student code: any malformed frame is a protocol
        # error, never an exception in the grader.
        try:
            if chunk:
                self.reader.feed(chunk)
            frame = self.reader.frame()
            if frame is not None:
                return wire.loads(*frame, limits=REPLY_LIMITS, resolve=resolve)
        except _DECODE_ERRORS as exc:
            raise ProtocolError(str(exc)[:300]) from None
        except MemoryError:
            raise ProtocolError("reply too large") from None
        return None

    def exit_reason(self) -> str:
        """Why the process ended, in words."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=0.5)
        code = self.popen.returncode
        if code is None:
            return "stopped answering"
        if code > 128 and self.backend.name == "bwrap" and not isinstance(self.popen, ForkedChild):
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
        tree: dict[int, int] = {}
        if not isinstance(self.popen, ForkedChild):  # a forked child's pid is not a host pid
            tree = tree_of(self.popen.pid)  # not reaped yet: the pid is still its own
            kill_tree(self.popen.pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()
        if self.uid is not None:
            kill_uid(self.uid)  # forks that left the process group or the session
        else:
            kill_marked(str(self.scratch))
            if self.backend.name == "process":  # daemons that double-forked to us
                kill_adopted(_LAUNCHED, self._since)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)
        # A killed sandbox can take seconds to exit (the kernel freeing a tmpfs of a
        # million files): nothing of it may outlive its grading.
        wait_gone(tree, DYING_SECONDS)
        if not isinstance(self.popen, ForkedChild):
            _LAUNCHED.discard(self.popen.pid)
        for stream, capture in ((self.popen.stdout, self.stdout), (self.popen.stderr, self.stderr)):
            if stream is not None:
                drain(stream.fileno(), capture)  # what it printed just before its last reply
                stream.close()
        self._release()

    def _release(self) -> None:
        if self._poll is not None:
            self._poll.close()
            self._poll = None
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_child = self._from_child = -1
        remove_tree(self.scratch)  # however deep; bounded in time, never raises
        if self._guarded:
            self._guarded = False
            _unguard_grader()
        if self._lease is not None:
            uid, fd = self._lease
            self._lease = None
            kill_uid(uid)
            if self.backend.name == "process":  # the others see private /tmp and IPC
                remove_files_of(uid)
                remove_ipc_of(uid)
            if self.on_release is not None:
                self.on_release(uid)
            os.close(fd)  # the uid is given back: another sandbox may lease it now
