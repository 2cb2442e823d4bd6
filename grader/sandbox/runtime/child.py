"""The student process: loads the submission and answers the grader's requests.

Run by path (``python -I -S child.py CONFIG``), never imported by the grader. It holds
no check, no reference and no expected value: it only runs student code and sends
back what that code returned, as plain data and arrays (see ``wire.py``).

Start-up order matters: import NumPy while the interpreter's files are still
readable; as root in a private mount namespace, hide the grader's files; set the
resource limits and no_new_privs; drop to the sandbox uid (no groups, no
capabilities); enter the scratch directory; block the grader's packages; and only
then run student code.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import resource
import sys
import traceback
import types
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BLOCKED_PACKAGES = ("grader", "reference", "grade_exercises", "exercises")
PRELOAD = (
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.fft",
    "math",
    "random",
    "time",
    "itertools",
    "functools",
    "collections",
    "copy",
    "typing",
    "dataclasses",
    "warnings",
    "re",
    "statistics",
    "string",
    "abc",
    "enum",
    "decimal",
    "fractions",
    "operator",
)


def _load_wire() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("_grade_wire", HERE / "wire.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_grade_wire"] = module
    spec.loader.exec_module(module)
    return module


class _Blocker:
    """Refuses to import the grader's own packages inside the student process."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name.split(".")[0] in BLOCKED_PACKAGES:
            raise ImportError(f"{name!r} is not available to submissions")
        return None


def _set_limits(limits: dict[str, int]) -> None:
    table = {
        "memory_bytes": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_bytes": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for key, which in table.items():
        if key in limits:
            value = int(limits[key])
            hard = value + 1 if which == resource.RLIMIT_CPU else value
            resource.setrlimit(which, (value, hard))


class _Libc:
    """The few system calls the standard library does not offer (Linux only)."""

    PR_SET_PDEATHSIG = 1
    PR_CAPBSET_DROP = 24
    PR_SET_NO_NEW_PRIVS = 38
    MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8

    def __init__(self) -> None:
        import ctypes

        self.ctypes = ctypes
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
        self.libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]

    def _check(self, result: int, what: str) -> None:
        if result != 0:
            errno = self.ctypes.get_errno()
            raise SystemExit(f"sandbox setup failed: {what}: {os.strerror(errno)}")

    def prctl(self, option: int, arg: int, what: str) -> None:
        self._check(self.libc.prctl(option, arg, 0, 0, 0), what)

    def mount_tmpfs(self, target: str, flags: int, options: str) -> None:
        result = self.libc.mount(b"tmpfs", target.encode(), b"tmpfs", flags, options.encode())
        self._check(result, f"mount a tmpfs on {target}")


def _isolate_files(libc: _Libc, config: dict[str, Any]) -> None:
    """Root in a private mount namespace (unshare backend): cover the grader's packages
    with empty unreadable tmpfs mounts and give /tmp and friends fresh small ones."""
    hide, private = config.get("hide") or [], config.get("private_dirs") or []
    if not hide and not private:
        return
    if os.geteuid() != 0:
        raise SystemExit("sandbox setup failed: hiding files needs root")
    host = config.get("host_mount_ns")
    if host is None or os.stat("/proc/self/ns/mnt").st_ino == host:
        raise SystemExit("sandbox setup failed: not in a private mount namespace")
    quiet = libc.MS_NOSUID | libc.MS_NODEV | libc.MS_NOEXEC
    for path in hide:
        if os.path.isdir(path):
            libc.mount_tmpfs(path, quiet | libc.MS_RDONLY, "mode=000,size=4k,nr_inodes=16")
    size = int(config.get("scratch_bytes", 64 << 20))
    for path in private:
        if os.path.isdir(path):
            options = f"mode=1777,size={size},nr_inodes=16384"
            libc.mount_tmpfs(path, libc.MS_NOSUID | libc.MS_NODEV, options)
    os.makedirs(config["scratch"], mode=0o700, exist_ok=True)


def _drop_privileges(libc: _Libc, uid: int, gid: int) -> None:
    """Become the sandbox uid for good: no groups, no capabilities, no way back."""
    last_cap = 40
    with contextlib.suppress(OSError, ValueError), open("/proc/sys/kernel/cap_last_cap") as f:
        last_cap = int(f.read())
    for cap in range(last_cap + 1):  # best effort: no-new-privs already bars regaining them
        libc.libc.prctl(libc.PR_CAPBSET_DROP, cap, 0, 0, 0)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid) or os.getgroups():
        raise SystemExit("sandbox setup failed: could not drop privileges")
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise SystemExit("refusing to run student code as root")


def _open_import_roots() -> dict[str, int]:
    """A descriptor of every import path, opened while the folders above it can still
    be entered."""
    roots: dict[str, int] = {}
    for entry in sys.path:
        if entry and entry not in roots and os.path.isdir(entry):
            with contextlib.suppress(OSError):
                roots[entry] = os.open(entry, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    return roots


def _reach_imports_through(roots: dict[str, int]) -> None:
    """After the privilege drop, reach the import paths the sandbox uid cannot enter
    (an interpreter installed below a private folder, such as /root/.pyenv) through the
    descriptors opened before it: ``/proc/self/fd/N`` leads into that folder alone."""
    moved: dict[str, str] = {}
    for entry, fd in roots.items():
        inside = any(entry.startswith(old + os.sep) for old in moved)
        if inside or os.access(entry, os.R_OK | os.X_OK):
            os.close(fd)  # reachable as it is, or through the folder it is in
        else:
            moved[entry] = f"/proc/self/fd/{fd}"
    if not moved:
        return

    def move(path: str) -> str:
        for old, new in moved.items():
            if path == old or path.startswith(old + os.sep):
                return new + path[len(old) :]
        return path

    sys.path[:] = [move(path) for path in sys.path]
    for module in list(sys.modules.values()):
        paths = getattr(module, "__path__", None)
        if type(paths) is list:
            paths[:] = [move(path) if isinstance(path, str) else path for path in paths]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()


def _harden(config: dict[str, Any]) -> None:
    """Everything between "NumPy is imported" and "student code may run"."""
    libc = _Libc()
    parent = os.getppid()
    _isolate_files(libc, config)
    uid: int | None = config.get("uid")
    gid: int = config.get("gid") or uid or 0
    if uid is not None:
        os.chown(config["scratch"], uid, gid)
    _set_limits(config.get("limits", {}))
    # No setuid binary, file capability or exec can give the submission more rights.
    libc.prctl(libc.PR_SET_NO_NEW_PRIVS, 1, "set no_new_privs")
    if uid is not None:
        roots = _open_import_roots()
        _drop_privileges(libc, uid, gid)
        _reach_imports_through(roots)
    # Die with the grader (set after the uid change, which clears it).
    libc.prctl(libc.PR_SET_PDEATHSIG, 9, "set the parent-death signal")
    if os.getppid() != parent:
        raise SystemExit("the grader is gone")


def _close_other_fds(keep: set[int]) -> None:
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


class Server:
    """Answers one request at a time over the protocol pipes."""

    def __init__(self, wire: types.ModuleType, fd_in: int, fd_out: int) -> None:
        self.wire = wire
        self.fd_in = fd_in
        self.fd_out = fd_out
        self.reader = wire.FrameReader()
        self.module: types.ModuleType | None = None
        self.objects: dict[int, Any] = {}
        self.next_id = 1

    # -- object table -------------------------------------------------------------
    def register(self, value: Any) -> Any:
        oid = next((key for key, obj in self.objects.items() if obj is value), None)
        if oid is None:
            oid = self.next_id
            self.next_id += 1
            self.objects[oid] = value
        try:
            text = repr(value)[:200]
        except BaseException:
            text = ""
        return self.wire.ObjectRef(oid, type(value).__name__, text)

    def resolve(self, oid: int, kind: str, text: str) -> Any:
        if oid not in self.objects:
            raise self.wire.WireError(f"unknown object {oid}")
        return self.objects[oid]

    # -- transport --------------------------------------------------------------
    def receive(self) -> dict[str, Any] | None:
        while True:
            frame = self.reader.frame()
            if frame is not None:
                return self.wire.loads(*frame, resolve=self.resolve)  # type: ignore[no-any-return]
            chunk = os.read(self.fd_in, 1 << 20)
            if not chunk:
                return None
            self.reader.feed(chunk)

    def send(self, message: dict[str, Any]) -> None:
        _flush()
        try:
            frame = self.wire.dumps(message, objects=self.register)
        except BaseException as exc:  # the value could not be sent: say why
            frame = self.wire.dumps(
                {"ok": False, "error": _error(exc, "the returned value cannot be sent back")}
            )
        self.wire.write_frame(self.fd_out, frame)

    # -- requests ---------------------------------------------------------------
    def serve(self) -> None:
        while True:
            try:
                request = self.receive()
            except self.wire.WireError as exc:
                self.send({"ok": False, "error": _error(exc, "bad request")})
                continue
            if request is None:
                return
            try:
                reply = self.handle(request)
            except BaseException as exc:
                reply = {"ok": False, "error": _error(exc)}
            self.send(reply)

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        if op == "load":
            return self.load(request["source"], request["filename"])
        if op == "ping":
            return {"ok": True, "pid": os.getpid(), "uid": os.getuid()}
        target = self.target(request.get("target"))
        name = request["name"]
        if op == "getattr":
            return {"ok": True, "value": getattr(target, name)}
        if op == "setattr":
            setattr(target, name, request["value"])
            return {"ok": True}
        if op == "call":
            function = getattr(target, name)
            args, kwargs = list(request.get("args", [])), dict(request.get("kwargs", {}))
            value = function(*args, **kwargs)
            reply: dict[str, Any] = {"ok": True, "value": value}
            if request.get("return_args"):
                reply["args"] = args
                reply["kwargs"] = kwargs
            return reply
        raise ValueError(f"unknown request {op!r}")

    def target(self, ref: Any) -> Any:
        if ref is None:
            if self.module is None:
                raise RuntimeError("the submission is not loaded")
            return self.module
        return ref

    def load(self, source: str, filename: str) -> dict[str, Any]:
        module = types.ModuleType("submission")
        module.__file__ = filename
        sys.modules["submission"] = module
        self.module = module
        code = compile(source, filename, "exec")
        exec(code, module.__dict__)
        return {"ok": True, "names": _describe(module)}


def _describe(module: types.ModuleType) -> dict[str, str]:
    """Name -> kind and signature of what the submission defines."""
    import inspect

    names: dict[str, str] = {}
    for name, value in list(vars(module).items()):
        if name.startswith("__"):
            continue
        if inspect.isclass(value):
            names[name] = "class"
        elif callable(value):
            try:
                names[name] = "function" + str(inspect.signature(value))
            except (TypeError, ValueError):
                names[name] = "function(...)"
        else:
            names[name] = "value"
    return names


def _error(exc: BaseException, context: str = "") -> dict[str, Any]:
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith(str(HERE))
    ]
    lines = traceback.format_list(frames[-8:])
    message = str(exc) if not isinstance(exc, SystemExit) else f"exit code {exc.code!r}"
    return {
        "type": type(exc).__name__,
        "message": message[:2000],
        "traceback": "".join(lines)[-4000:],
        "line": frames[-1].lineno if frames else None,
        "context": context,
    }


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()


def main() -> None:
    config = json.loads(sys.argv[1])
    sys.path.extend(config.get("site", []))
    sys.meta_path.insert(0, _Blocker)
    wire = _load_wire()
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    fd_in, fd_out = config["fd_in"], config["fd_out"]
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    _close_other_fds({fd_in, fd_out})
    _harden(config)
    os.chdir(config["scratch"])
    os.umask(0o077)
    sys.argv = ["submission"]
    Server(wire, fd_in, fd_out).serve()


if __name__ == "__main__":
    main()
