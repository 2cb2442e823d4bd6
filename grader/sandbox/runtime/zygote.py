"""The fork server: one sandboxed process that has imported NumPy, forking a fresh
student process per submission. Loaded by path by ``child.py``; imports nothing of
the grader, and never runs student code itself.

The grader sends, over a SOCK_SEQPACKET socket, a JSON request and (for ``fork``) the
four pipe ends of the new child: protocol in, protocol out, stdout, stderr. Every reply
carries its request's ``id``, so a reply the grader gave up waiting for is never taken
for the next one's.

Successive forks share nothing of each other. The server forks each student process
into a PID namespace of its own, whose PID 1 is a reaper the server forks first (as
bwrap's init is in a fresh sandbox): the student process is PID 2, the server's own
child, so its exit status is known exactly. It enters mount, IPC and network namespaces
of its own with a /proc that shows its namespace only, then hardens itself exactly as a
freshly started student process does (a fresh scratch tmpfs, limits, the uid drop or a
user namespace of its own, no_new_privs). When it ends or is killed, the server kills
its reaper, and with it everything it started; its status is told only once all of its
namespace is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

_MAX_REQUEST = 1 << 16
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWPID = 0x20000, 0x8000000, 0x40000000, 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 0x4000, 0x40000
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4


class _Namespaces:
    """The system calls that give each fork namespaces of its own."""

    def __init__(self) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]
        self.server_pids = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)

    def _check(self, result: int, what: str) -> None:
        if result != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, f"sandbox setup failed: {what}: {os.strerror(errno)}")

    def fork_alone(self) -> tuple[int, int]:
        """Fork a reaper that is PID 1 of a new PID namespace, then a child that is PID 2
        of it: their pids in the server, (0, 0) in the child."""
        self._check(self.libc.unshare(CLONE_NEWPID), "a PID namespace for the fork")
        reaper = child = -1
        try:
            reaper = os.fork()
            if reaper == 0:
                _reap_orphans()
            child = os.fork()
        except OSError:
            if reaper > 0:
                os.kill(reaper, signal.SIGKILL)
            raise
        finally:
            if child != 0 and self.libc.setns(self.server_pids, CLONE_NEWPID) != 0:
                # Its next child would join this fork's namespace: never fork again.
                raise SystemExit("the fork server cannot leave the PID namespace it made")
        return (0, 0) if child == 0 else (reaper, child)

    def enter_own(self) -> None:
        """In the child: mount, IPC and network namespaces of its own, mounts that no
        longer propagate to the server's, and a /proc of its own PID namespace."""
        self._check(self.libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
        self._check(self.libc.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET), "namespaces")
        self._check(self.libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "private")
        flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
        self._check(self.libc.mount(b"proc", b"/proc", b"proc", flags, None), "mount /proc")


def _reap_orphans() -> NoReturn:
    """PID 1 of a fork's namespace: collect the orphans the student process leaves there,
    until the server kills it (then the kernel kills the whole namespace)."""
    try:
        os.closerange(0, 1 << 16)  # the grader's pipes, the server's socket: none held here
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        libc = ctypes.CDLL(None)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # Without root it runs as the student process's user: not traceable, its memory
        # and environment not readable by it (signals from inside its namespace it ignores).
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        while True:
            with contextlib.suppress(ChildProcessError):
                while os.waitpid(-1, os.WNOHANG)[0] > 0:
                    pass
            signal.sigtimedwait({signal.SIGCHLD}, 1.0)
    finally:
        os._exit(0)


class _Forks:
    """The student processes forked, each with the reaper of its namespace."""

    def __init__(self) -> None:
        self.reaper_of: dict[int, int] = {}  # child -> its reaper, while the reaper lives
        self.child_of: dict[int, int] = {}  # reaper -> its child
        self.ended: dict[int, int] = {}  # children reaped whose reaper still lives
        self.statuses: dict[int, int] = {}  # children gone with their namespace: returncode

    def add(self, reaper: int, child: int) -> None:
        self.reaper_of[child], self.child_of[reaper] = reaper, child

    def kill(self, child: int) -> None:
        """Kill ``child`` and its namespace (its reaper is PID 1 there)."""
        for pid in (self.reaper_of.get(child), child):
            if pid is not None and pid not in self.statuses:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.child_of:  # a reaper: its namespace is gone
                child = self.child_of.pop(pid)
                self.reaper_of.pop(child, None)
                if child in self.ended:
                    self._gone(child, self.ended.pop(child))
            elif pid in self.reaper_of:  # a student process, whose namespace ends now
                self.ended[pid] = os.waitstatus_to_exitcode(status)
                self.kill(pid)
            else:
                self._gone(pid, os.waitstatus_to_exitcode(status))

    def _gone(self, child: int, code: int) -> None:
        self.statuses[child] = code
        if len(self.statuses) > 4096:
            self.statuses.pop(next(iter(self.statuses)))


def serve_forks(config: dict[str, Any], run: Callable[[dict[str, Any]], None]) -> None:
    control = socket.socket(fileno=config["fd_ctl"])
    namespaces, forks = _Namespaces(), _Forks()
    control.send(json.dumps({"ready": True}).encode())
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, _MAX_REQUEST, 4)
        except OSError:
            return
        if not data:
            return  # the grader hung up
        forks.reap()
        request = json.loads(data)
        op = request.get("op")
        if op == "fork":
            try:
                reaper, child = _fork(request["config"], fds, namespaces, run)
                forks.add(reaper, child)
                reply: dict[str, Any] = {"pid": child}
            except OSError as exc:
                reply = {"error": str(exc)[:300]}
        elif op == "status":
            reply = {"status": forks.statuses.get(int(request["pid"]))}
        elif op == "kill":
            forks.kill(int(request["pid"]))
            reply = {"ok": True}
        else:
            reply = {"error": f"unknown request {op!r}"}
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({**reply, "id": request.get("id")}).encode())


def _fork(
    config: dict[str, Any],
    fds: list[int],
    namespaces: _Namespaces,
    run: Callable[[dict[str, Any]], None],
) -> tuple[int, int]:
    reaper, child = namespaces.fork_alone()
    if child:
        return reaper, child
    code = 0
    try:  # the child: never return into the server loop
        os.setsid()
        proto_in, proto_out, out, err = fds
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        namespaces.enter_own()
        scratch = config["scratch"]
        os.environ["HOME"] = os.environ["TMPDIR"] = scratch
        run({**config, "fd_in": proto_in, "fd_out": proto_out})
    except BaseException:
        code = 70
        with contextlib.suppress(BaseException):
            traceback.print_exc()  # to the child's stderr, which the grader reads
    finally:
        os._exit(code)
