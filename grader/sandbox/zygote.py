"""Fork server: student processes forked from a warm, sandboxed process.

Starting Python and importing NumPy costs about 0.1 s of CPU per student process;
forking a process that has already done so costs a few milliseconds. Inside
``with reuse_sandboxes():`` (used by ``grade batch`` and ``grade validate``), each new
student process is forked by a zygote: a long-lived process started in the sandbox,
which imports NumPy and nothing secret, and never runs student code itself.

Only with the bwrap backend and a grader running as root: every fork still drops to
a uid leased for it alone, so everything it starts is found and killed by uid, and
bwrap's namespaces hide the machine as for any other student process.
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
# A server whose scratch file system has less than this share of its space or files
# free (a submission filled it, or its folder is still being deleted) forks no more:
# a new one takes its place.
LOW_ROOM = 0.5
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
    if _pool is None or backend.name != "bwrap" or os.geteuid() != 0:
        return None
    key = (backend.name, scratch_bytes, private, packages.names)
    zygote = _pool.get(key)
    if zygote is None or not zygote.alive:
        if zygote is not None:
            zygote.close(wait=False)  # a full scratch tmpfs takes seconds to free
        zygote = _pool[key] = Zygote(backend, scratch_bytes, private, packages)
    return zygote


def retire(zygote: Zygote) -> None:
    """Stop forking from ``zygote`` (it failed): the next fork starts a new one."""
    zygote.close(wait=False)


class Zygote:
    """A sandboxed process that forks student processes on request."""

    def __init__(
        self, backend: Backend, scratch_bytes: int, private: tuple[str, ...], packages: Packages
    ) -> None:
        self.backend = backend
        self.forks = 0
        self.closed = False
        self._requests = 0
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the zygote
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control = ours
        # Under bwrap the scratch root is a tmpfs of the zygote's own: nothing on the host.
        launch = backend.launch(Path("/"), scratch_bytes, private, packages)
        self.scratch = launch.scratch
        config = {
            "zygote": True,
            "fd_ctl": theirs.fileno(),
            "site": launch.site,
            "allowed": list(launch.allowed),
            "scratch": launch.scratch,
            "low_room": LOW_ROOM,
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

    def fork(self, config: dict[str, Any]) -> ForkedChild:
        """A new student process, with its own pipes, configured by ``config``."""
        self.forks += 1
        scratch = f"{self.scratch}/{self.forks}"
        ends = [os.pipe() for _ in range(4)]  # protocol in, protocol out, stdout, stderr
        theirs = [ends[0][0], ends[1][1], ends[2][1], ends[3][1]]
        try:
            reply = self._ask(
                {"op": "fork", "config": {**config, "scratch": scratch}}, theirs, 10.0
            )
        except BaseException:
            for pair in ends:
                for fd in pair:
                    os.close(fd)
            raise
        finally:
            for fd in theirs:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if "full" in reply:
            raise SandboxError(f"the {self.backend.name} fork server's scratch space is full")
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
        kernel freeing its scratch file system takes seconds when a submission filled
        it) is waited for later, at the next close that waits, off the grading path."""
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
