"""Fork server: student processes forked from a warm, sandboxed process.

Starting Python and importing NumPy costs about 0.1 s of CPU per student process;
forking a process that has already done so costs a few milliseconds. Inside
``with reuse_sandboxes():`` (used by ``grade batch`` and ``grade validate``), each new
student process is forked by a zygote: a long-lived process started in the sandbox,
which imports NumPy and nothing secret, and never runs student code itself.

With the bwrap and unshare backends, as root or not (``FORK_SERVERS``). Each fork has a
PID namespace of its own (whose PID 1 is a reaper, as bwrap's init is in a fresh
sandbox), mount, IPC and network namespaces of its own, a fresh scratch tmpfs, and,
under unshare, fresh /tmp and its like: successive submissions share nothing, and
killing a fork kills everything it started. Then it hardens itself as any student
process does: as root it drops to a uid leased for it alone; without root it enters a
user namespace of its own and drops every capability. The process backend starts every
student process afresh (SECURITY.md says why).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from grader.errors import SandboxError
from grader.sandbox.backends import Backend, scrubbed_environment
from grader.sandbox.packages import Packages
from grader.sandbox.procfs import tree_of, wait_gone

READY_SECONDS = 60.0
FORK_SERVERS = ("bwrap", "unshare")  # the backends whose forks get namespaces of their own
EXIT_SECONDS = 30.0  # how long a killed server may take to exit (to free its tmpfs)
_pool: dict[tuple[str, int, tuple[str, ...], tuple[str, ...]], Zygote] | None = None


@contextlib.contextmanager
def reuse_sandboxes() -> Iterator[None]:
    """Fork student processes from zygotes for the duration of the block."""
    global _pool
    outer, _pool = _pool, {} if _pool is None else _pool
    try:
        yield
    finally:
        if outer is None:
            for zygote in _pool.values():
                zygote.close()
            _pool = None


def zygote_for(
    backend: Backend, scratch_bytes: int, private: tuple[str, ...], packages: Packages
) -> Zygote | None:
    """The zygote to fork from, or None to start a process as usual."""
    if _pool is None or backend.name not in FORK_SERVERS:
        return None
    key = (backend.name, scratch_bytes, private, packages.names)
    zygote = _pool.get(key)
    if zygote is None or not zygote.alive:
        if zygote is not None:
            zygote.close(wait=False)  # what ran in it may take seconds to exit
        zygote = _pool[key] = Zygote(backend, scratch_bytes, private, packages)
    return zygote


def retire(zygote: Zygote) -> None:
    """Stop forking from ``zygote`` (it failed): the next fork starts a new one."""
    zygote.close(wait=False)


def fork_student(
    backend: Backend,
    scratch_bytes: int,
    private: tuple[str, ...],
    packages: Packages,
    config: dict[str, Any],
    scratch: Path,
) -> ForkedChild | None:
    """A student process forked by the fork server of these settings (see
    ``Zygote.fork``), or None to start one as usual. A server that fails is replaced,
    once."""
    zygote = zygote_for(backend, scratch_bytes, private, packages)
    if zygote is None:
        return None
    try:
        return zygote.fork(config, scratch)
    except SandboxError:  # the server died or stopped answering: a new one, once
        retire(zygote)
        zygote = zygote_for(backend, scratch_bytes, private, packages)
        assert zygote is not None
        return zygote.fork(config, scratch)


class Zygote:
    """A sandboxed process that forks student processes on request."""

    def __init__(
        self, backend: Backend, scratch_bytes: int, private: tuple[str, ...], packages: Packages
    ) -> None:
        self.backend = backend
        self.closed = False
        self._requests = 0
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the zygote
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control = ours
        launch = backend.launch(Path("/"), scratch_bytes, private, packages, fork_server=True)
        self.scratch = launch.scratch  # under bwrap, where each fork mounts its scratch tmpfs
        root = os.geteuid() == 0
        # How each fork isolates itself before it hardens (runtime/harden.py): under
        # unshare as a fresh process does; under bwrap every mount read-only but a fresh
        # scratch tmpfs, as a fresh bwrap sandbox has it.
        self.isolation: dict[str, Any] = {
            "hide": list(launch.hide),
            "private_dirs": list(launch.private_dirs),
            "read_only": True,
            "scratch_bytes": scratch_bytes,
            "user_namespace": not root,
            "drop_capabilities": not root,
        }
        config = {
            "zygote": True,
            "fd_ctl": theirs.fileno(),
            "site": launch.site,
            "allowed": list(launch.allowed),
            "scratch": launch.scratch,
        }
        argv = [*launch.argv, f"{launch.runtime}/child.py", json.dumps(config)]
        try:
            self.popen = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
                env=scrubbed_environment(launch.scratch),
                cwd="/",
            )
        except OSError as exc:
            self.close()
            raise SandboxError(f"cannot start the {backend.name} fork server: {exc}") from None
        finally:
            theirs.close()
        try:
            self._ask(None, [], READY_SECONDS)
        except SandboxError:
            self.close()
            raise

    @property
    def alive(self) -> bool:
        return not self.closed and self.popen.poll() is None

    def _ask(self, request: dict[str, Any] | None, fds: list[int], timeout: float) -> Any:
        """Send ``request`` (None: only wait for the ready word) and return its reply;
        replies to requests given up on before are skipped."""
        deadline = time.monotonic() + timeout
        self._requests += 1
        number = self._requests if request is not None else None
        try:
            if request is not None:
                message = json.dumps({**request, "id": number}).encode()
                socket.send_fds(self._control, [message], fds)
            while True:
                self._control.settimeout(max(deadline - time.monotonic(), 0.001))
                reply = self._control.recv(1 << 16)
                if not reply:
                    raise SandboxError(f"the {self.backend.name} fork server is gone")
                answer = json.loads(reply)
                if isinstance(answer, dict) and answer.get("id") == number:
                    return answer
        except (OSError, ValueError) as exc:  # OSError includes the timeout
            self._log.seek(0)
            said = self._log.read().decode("utf-8", "replace").strip().splitlines()
            detail = said[-1][:300] if said else str(exc) or type(exc).__name__
            raise SandboxError(f"the {self.backend.name} fork server failed: {detail}") from None

    def fork(self, config: dict[str, Any], scratch: Path) -> ForkedChild:
        """A new student process, with its own pipes, configured by ``config``, working
        in ``scratch`` (the grader's scratch folder, which it sees under unshare)."""
        inner = self.scratch if self.backend.name == "bwrap" else str(scratch)
        config = {**config, **self.isolation, "scratch": inner}
        ends = [os.pipe() for _ in range(4)]  # protocol in, protocol out, stdout, stderr
        theirs = [ends[0][0], ends[1][1], ends[2][1], ends[3][1]]
        try:
            reply = self._ask({"op": "fork", "config": config}, theirs, 10.0)
        except BaseException:
            for pair in ends:
                for fd in pair:
                    os.close(fd)
            raise
        finally:
            for fd in theirs:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if not isinstance(reply.get("pid"), int):
            for fd in (ends[0][1], ends[1][0], ends[2][0], ends[3][0]):
                os.close(fd)
            detail = str(reply.get("error", "no pid"))[:300]
            raise SandboxError(f"the {self.backend.name} fork server cannot fork: {detail}")
        return ForkedChild(
            self,
            int(reply["pid"]),
            ends[0][1],
            ends[1][0],
            os.fdopen(ends[2][0], "rb", buffering=0),
            os.fdopen(ends[3][0], "rb", buffering=0),
        )

    def status(self, pid: int) -> int | None:
        status = self._ask({"op": "status", "pid": pid}, [], 10.0).get("status")
        return status if isinstance(status, int) else None

    def kill(self, pid: int) -> None:
        self._ask({"op": "kill", "pid": pid}, [], 10.0)

    def close(self, wait: bool = True) -> None:
        """Kill the server and everything it forked. Without ``wait`` its exit (the
        kernel freeing a fork's scratch file system takes seconds when a submission
        filled it) is waited for later, at the next close that waits, off the grading
        path."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):
            self._control.close()
        popen = getattr(self, "popen", None)
        if popen is not None:
            # bwrap exits at once when killed; what ran in its namespace may not have.
            _exiting.append((popen, tree_of(popen.pid)))
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(popen.pid, 9)
            popen.kill()
            _reap_exited(EXIT_SECONDS if wait else 0.0)
        self._log.close()


# Servers killed and not yet seen to have exited, with the processes that ran in them.
_exiting: list[tuple[subprocess.Popen[bytes], dict[int, int]]] = []


def _reap_exited(seconds: float) -> None:
    for popen, tree in list(_exiting):
        with contextlib.suppress(subprocess.TimeoutExpired):
            popen.wait(timeout=seconds)
            if wait_gone(tree, seconds):
                _exiting.remove((popen, tree))


class ForkedChild:
    """A forked student process, with the part of ``subprocess.Popen``'s interface the
    grader uses. Its pid is the zygote's (namespace) pid: never signal it from here."""

    host_pid = False

    def __init__(
        self,
        zygote: Zygote,
        pid: int,
        to_child: int,
        from_child: int,
        stdout: IO[bytes],
        stderr: IO[bytes],
    ) -> None:
        self.zygote = zygote
        self.pid = pid
        self.to_child = to_child
        self.from_child = from_child
        self.stdout = stdout
        self.stderr = stderr
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.zygote.status(self.pid)
            except SandboxError:
                self.returncode = -9  # the zygote is gone, and its children with it
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else 3600.0)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("student process", timeout or 0.0)
            time.sleep(0.001)
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        with contextlib.suppress(SandboxError):
            self.zygote.kill(self.pid)
