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
import importlib.machinery
import importlib.util
import json
import os
import sys
import time
import traceback
import types
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_SITE: list[str] = []  # the site-packages folders: frames there are not the student's
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
    "IPython",  # the stand-in of runtime/stubs, unless the real one is allowed
    "IPython.display",
    "IPython.core.display",
    "IPython.core.interactiveshell",
    "IPython.core.pylabtools",
)


def _load(name: str) -> types.ModuleType:
    """A sibling module of the runtime, by path (the grader's packages are not importable)."""
    spec = importlib.util.spec_from_file_location(f"_grade_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"_grade_{name}"] = module
    spec.loader.exec_module(module)
    return module


class _SitePackages:
    """Imports from site-packages only the packages the sandbox may use (NumPy and what
    the course declares, with their dependencies); the rest of site-packages, where the
    backend shows it at all, cannot be imported by name."""

    def __init__(self, folders: list[str], allowed: list[str]) -> None:
        self.folders = folders
        self.allowed = frozenset(allowed)

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if path is not None or name not in self.allowed:
            return None  # a submodule is found through its package's __path__
        return importlib.machinery.PathFinder.find_spec(name, self.folders)

    def find_distributions(self, context: Any = None) -> Any:
        """Their metadata, for importlib.metadata.version("matplotlib") and the like."""
        from importlib.metadata import DistributionFinder, MetadataPathFinder

        name = getattr(context, "name", None)
        wanted = DistributionFinder.Context(name=name, path=self.folders)
        return MetadataPathFinder.find_distributions(wanted)


class _Blocker:
    """Refuses to import the grader's own packages inside the student process."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name.split(".")[0] in BLOCKED_PACKAGES:
            raise ImportError(f"{name!r} is not available to submissions")
        return None


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
        self.pid = os.getpid()

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
            if os.getpid() != self.pid:  # a copy, as in send: it never reads a request
                os._exit(0)
            chunk = os.read(self.fd_in, 1 << 20)
            if not chunk:
                return None
            self.reader.feed(chunk)

    def send(self, message: dict[str, Any]) -> None:
        if os.getpid() != self.pid:
            # A copy made by os.fork() in student code that returned into this loop (a
            # failed exec, a forgotten os._exit): only the process started for the
            # submission answers, or replies would reach the grader twice.
            _flush()
            os._exit(0)
        _flush()
        try:
            frame = self.wire.frame_parts(message, objects=self.register)
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
            return self.load(request)
        if op == "ping":
            return {"ok": True, "pid": os.getpid(), "uid": os.getuid()}
        target = self.target(request.get("target"))
        name = request["name"]
        if op == "getattr":
            return {"ok": True, "value": getattr(target, name)}
        if op == "origin":
            return {"ok": True, "value": _origin(getattr(target, name))}
        if op == "setattr":
            setattr(target, name, request["value"])
            return {"ok": True}
        if op == "call":
            function = getattr(target, name)
            args, kwargs = list(request.get("args", [])), dict(request.get("kwargs", {}))
            strict = request.get("strict") is True
            before = _array_copies(args, kwargs)
            started = time.perf_counter()
            with sys.modules["_grade_strict"].strict() if strict else contextlib.nullcontext():
                value = function(*args, **kwargs)
            seconds = time.perf_counter() - started  # the student's code alone
            changed = _changed(before, args, kwargs)
            reply: dict[str, Any] = {
                "ok": True, "value": value, "seconds": seconds, "changed": changed,
            }  # fmt: skip
            if request.get("return_args") or changed:  # a changed input is evidence
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

    def load(self, request: dict[str, Any]) -> dict[str, Any]:
        """A .py file (``source``) runs as one unit; a notebook's ``cells`` run one by one,
        and the reply lists the cells that failed."""
        filename = str(request["filename"])
        module = types.ModuleType("submission")
        module.__file__ = filename
        sys.modules["submission"] = module
        self.module = module
        _jupyter_names(module.__dict__)
        started = time.perf_counter()
        failed: list[dict[str, Any]] = []
        cells = sys.modules["_grade_cells"]  # loaded before the sandbox closed
        if "cells" in request:
            failed = cells.run_cells(
                module.__dict__,
                list(request["cells"]),
                float(request["cell_seconds"]),
                float(request["budget"]),
                _error,
                lambda number: self.send({"ok": True, "progress": number}),
            )
        else:
            source = str(request["source"])
            cells.remember(filename, source)
            exec(compile(source, filename, "exec"), module.__dict__)
        seconds = time.perf_counter() - started
        return {"ok": True, "names": _describe(module), "seconds": seconds, "cells": failed}


def _origin(value: Any) -> dict[str, Any]:
    """What an object is and, for a function, where its code was compiled (as
    ``grader.proxy.Origin`` reads it)."""
    if isinstance(value, types.FunctionType):
        code = value.__code__
        return {
            "type": "function",
            "file": code.co_filename,
            "line": code.co_firstlineno,
            "defined_as": code.co_name,
            "wraps": hasattr(value, "__wrapped__"),
        }
    return {"type": type(value).__name__}


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


def _jupyter_names(namespace: dict[str, Any]) -> None:
    """``get_ipython`` and ``display``, which Jupyter provides without an import (and
    which `jupyter nbconvert --to script` leaves in .py files): stand-ins that do
    nothing and never run a shell."""
    try:
        ipython: Any = importlib.import_module("IPython")
        display: Any = importlib.import_module("IPython.display")
    except ImportError:
        return
    if not str(getattr(ipython, "__version__", "")).endswith("(grade stand-in)"):
        return  # the real IPython, which a course declared: no shell to stand in for
    ipython.get_ipython().user_ns = namespace
    namespace.setdefault("get_ipython", ipython.get_ipython)
    namespace.setdefault("display", display.display)


def _array_copies(args: list[Any], kwargs: dict[str, Any]) -> list[Any]:
    """A copy of each array argument, to tell afterwards whether the call changed it."""
    numpy = sys.modules["numpy"]
    values = [*args, *kwargs.values()]
    return [v.copy() if isinstance(v, numpy.ndarray) else None for v in values]


def _changed(before: list[Any], args: list[Any], kwargs: dict[str, Any]) -> bool:
    """Whether the call modified an array it was given, in place."""
    numpy = sys.modules["numpy"]
    for old, new in zip(before, [*args, *kwargs.values()], strict=True):
        if old is not None and not (
            old.shape == new.shape and numpy.array_equal(old, new, equal_nan=True)
        ):
            return True
    return False


def _in_a_library(filename: str) -> bool:
    """A frame of the standard library or an installed package (NumPy's Python code), as
    opposed to the submission's own file, cells and the modules it wrote."""
    if filename.startswith(("<frozen", "/proc/self/fd/")):
        return True
    numpy = getattr(sys.modules.get("numpy"), "__file__", None) or ""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(numpy), *_SITE}
    return any(root and filename.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _error(exc: BaseException, context: str = "") -> dict[str, Any]:
    """An exception as plain data: type, message, and where in the student's code (the
    file or ``cell N``, the line and its text)."""
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith(str(HERE))
    ]
    if isinstance(exc, SyntaxError) and not frames and exc.lineno is not None:
        frames = [traceback.FrameSummary(exc.filename or "", exc.lineno, "", line=exc.text)]
    lines = traceback.format_list(frames[-8:])
    message = str(exc) if not isinstance(exc, SystemExit) else f"exit code {exc.code!r}"
    if isinstance(exc, SyntaxError):
        message = exc.msg
    own = [f for f in frames if not _in_a_library(f.filename)]
    last = (own or frames)[-1] if frames else None  # the student's line, not NumPy's
    return {
        "type": type(exc).__name__,
        "message": message[:2000],
        "traceback": "".join(lines)[-4000:],
        "line": last.lineno if last else None,
        "file": last.filename[:200] if last else "",
        "code": (last.line or "").strip()[:300] if last else "",
        "context": context,
    }


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()


def main() -> None:
    config = json.loads(sys.argv[1])
    sys.meta_path.insert(0, _Blocker)
    _SITE[:] = [str(path) for path in config.get("site", [])]
    sys.meta_path.insert(1, _SitePackages(config.get("site", []), config.get("allowed", [])))
    sys.path.append(str(HERE / "stubs"))  # IPython stand-ins, when the real one is not allowed
    wire = _load("wire")
    harden = _load("harden")
    _load("cells")  # everything the runtime needs, loaded while its files can be read
    _load("strict")
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    if config.get("zygote"):
        _load("zygote").serve_forks(config, lambda child: run(child, wire, harden))
    else:
        run(config, wire, harden)


def run(config: dict[str, Any], wire: types.ModuleType, harden: types.ModuleType) -> None:
    """Harden this process, then serve the grader's requests until it hangs up."""
    fd_in, fd_out = config["fd_in"], config["fd_out"]
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    harden.close_other_fds({fd_in, fd_out})
    facts = harden.harden(config)
    os.chdir(config["scratch"])
    sys.path.append(os.getcwd())  # as in Jupyter: a helper module written here imports
    os.umask(0o077)
    sys.argv = ["submission"]
    server = Server(wire, fd_in, fd_out)
    server.send({"ok": True, "ready": True, **facts})  # the sandbox stands; no student code ran
    server.serve()


if __name__ == "__main__":
    main()
