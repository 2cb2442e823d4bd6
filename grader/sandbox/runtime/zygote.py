"""The fork server: one sandboxed process that has imported NumPy, forking a fresh
student process per submission. Loaded by path by ``child.py``; imports nothing of
the grader, and never runs student code itself.

The grader sends, over a SOCK_SEQPACKET socket, a JSON request and (for ``fork``) the
four pipe ends of the new child: protocol in, protocol out, stdout, stderr. Every reply
carries its request's ``id``, so a reply the grader gave up waiting for is never taken
for the next one's. The fork makes its own scratch directory and then hardens itself
exactly as a freshly started student process does (limits, uid drop, no_new_privs)
before any student code runs. A dead child's folder is deleted by a cleaner process
of its own, so that a folder of a million files never keeps the server from answering.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import traceback
from collections.abc import Callable
from typing import Any

_MAX_REQUEST = 1 << 16


def serve_forks(
    config: dict[str, Any],
    run: Callable[[dict[str, Any]], None],
    remove_tree: Callable[..., bool],
) -> None:
    control = socket.socket(fileno=config["fd_ctl"])
    statuses: dict[int, int] = {}  # reaped children: pid -> returncode (-signal if killed)
    scratches: dict[int, str] = {}  # live children: pid -> their folder
    cleaners: set[int] = set()  # live cleaners of dead children's folders
    # Each fork works in a 0700 directory of its own uid under the scratch root, which
    # other uids may cross but not list.
    os.chmod(config["scratch"], 0o711)
    control.send(json.dumps({"ready": True}).encode())
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, _MAX_REQUEST, 4)
        except OSError:
            return
        if not data:
            return  # the grader hung up
        _reap(statuses, scratches, cleaners, lambda path: _clean(path, control, remove_tree))
        request = json.loads(data)
        op = request.get("op")
        room = _room(config["scratch"])
        if op == "fork" and room < config.get("low_room", 0.0):
            reply: dict[str, Any] = {"full": room}  # the grader starts a new server
        elif op == "fork":
            pid = _fork(request["config"], fds, control, run)
            scratches[pid] = request["config"]["scratch"]
            reply = {"pid": pid}
        elif op == "status":
            reply = {"status": statuses.get(int(request["pid"]))}
        elif op == "kill":
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(request["pid"]), signal.SIGKILL)
            reply = {"ok": True}
        else:
            reply = {"error": f"unknown request {op!r}"}
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({**reply, "id": request.get("id")}).encode())


def _reap(
    statuses: dict[int, int],
    scratches: dict[int, str],
    cleaners: set[int],
    clean: Callable[[str], int],
) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in cleaners:
            cleaners.discard(pid)
            continue
        statuses[pid] = os.waitstatus_to_exitcode(status)
        if pid in scratches:
            cleaners.add(clean(scratches.pop(pid)))
        if len(statuses) > 4096:
            statuses.pop(next(iter(statuses)))


def _clean(path: str, control: socket.socket, remove_tree: Callable[..., bool]) -> int:
    """Delete ``path`` in a process of its own; its pid."""
    pid = os.fork()
    if pid:
        return pid
    try:
        control.close()
        remove_tree(path, 300.0)  # bounded in time, never raises
    finally:
        os._exit(0)


def _room(scratch: str) -> float:
    """The share of the scratch file system's space, or of its files, that is free
    (the smaller): a folder of a million files still being deleted leaves little."""
    try:
        info = os.statvfs(scratch)
    except OSError:
        return 1.0
    space = info.f_bavail / info.f_blocks if info.f_blocks else 1.0
    files = info.f_favail / info.f_files if info.f_files else 1.0
    return min(space, files)


def _fork(
    config: dict[str, Any],
    fds: list[int],
    control: socket.socket,
    run: Callable[[dict[str, Any]], None],
) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:  # the child: never return into the server loop
        control.close()
        os.setsid()
        proto_in, proto_out, out, err = fds
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        scratch = config["scratch"]
        os.makedirs(scratch, mode=0o700, exist_ok=True)
        os.environ["HOME"] = os.environ["TMPDIR"] = scratch
        run({**config, "fd_in": proto_in, "fd_out": proto_out})
    except BaseException:
        code = 70
        with contextlib.suppress(BaseException):
            traceback.print_exc()  # to the child's stderr, which the grader reads
    finally:
        os._exit(code)
