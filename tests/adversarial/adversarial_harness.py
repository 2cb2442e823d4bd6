"""The arena of the adversarial suite: hostile submissions graded in every sandbox.

A test renders a hostile file from ``submissions/`` (placeholders such as
``@@REPO@@`` name the real paths an attacker would aim at), grades it against a
private copy of the toy exercise, in-process (``Arena.grade``) or through the CLI
(``Arena.cli``), and then checks what the attack did to the score. The arena itself
checks, after every grading, the invariants no attack may break:

- the result is a valid document (``validate_document``) and came in bounded time;
- no process survived: the test process is a child subreaper while grading, so every
  orphan of the sandbox comes back to it, and each sandbox uid had no process left
  when its lease was given back; no process mentions the arena's folder;
- nothing outside the scratch folder changed: the exercise copy and the grader's
  working directory are compared file by file (mode, size, mtime, SHA-256); the
  repository's ``grader/``, ``reference/``, ``exercises/`` and ``tests/fixtures/``
  folders, which other people may be editing while the suite runs, must hold no file
  made by a sandbox uid and no trace of the tampering marker the attacks write.

A broken invariant raises ``InvariantBroken``, not ``AssertionError``, so that an
``xfail`` marking an attack outside a backend's guarantee (see ``guarantee``) never
hides it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from support import (
    SANDBOX_UIDS,
    cmdline,
    descendants,
    kill_all,
    mentioning,
    reap_adopted,
    subreaper,
)

from grader.exercise import Exercise, load_exercise
from grader.grading import GradeOptions, grade_file
from grader.limits import Limits
from grader.result import GradeResult, validate_document
from grader.sandbox import backends
from grader.sandbox.backends import Backend
from grader.sandbox.process import StudentProcess
from grader.sandbox.procfs import processes_of
from grader.sandbox.zygote import reuse_sandboxes

ADVERSARIAL = Path(__file__).resolve().parent
SUBMISSIONS = ADVERSARIAL / "submissions"
REPO = ADVERSARIAL.parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "exercises" / "toy"
# "<backend>+fork": student processes forked from a warm zygote, as in grade batch.
FORK_MODES = ("bwrap+fork", "unshare+fork")
BACKENDS = ("bwrap", "bwrap+fork", "unshare", "unshare+fork", "process")
ROOT = os.geteuid() == 0
MARKER = "ADVERSARIAL-TAMPER-MARKER"
SECRET = ("GRADE_SECRET", "xyz-grader-secret-do-not-leak")
LIMITS = {"call_seconds": 1.5, "load_seconds": 4.0}
TIME_BOUND = 60.0  # seconds one grading may take, however hostile the submission
CHECKS = ("double_small", "double_random", "double_pure", "accumulator_adds")

# Attacks that a backend cannot stop (they are listed in SECURITY.md): the test is an
# expected failure there. A reason of ``None`` means the attack would change files or
# processes outside the test where it succeeds, so the test is skipped instead.
_OUTSIDE_GUARANTEE: dict[tuple[str, str, bool], str | None] = {
    ("process", "read-hidden", True): "the process backend shows every world-readable file",
    ("process", "read-hidden", False): "the process backend shows every file the user reads",
    ("process", "import-grader", True): "the process backend shows the grader's files",
    ("process", "import-grader", False): "the process backend shows the grader's files",
    ("process", "network", True): "the process backend has no network namespace",
    ("process", "network", False): "the process backend has no network namespace",
    ("process", "attack-grader", False): None,
    # Without root, PID 1 inside bwrap is bubblewrap's own init, running as the grader's
    # user: the submission can trace it (it holds nothing of the grader's, which is outside
    # the namespace). (A fork's PID 1 is a reaper of ours, which is not traceable.)
    ("bwrap", "attack-grader", False): "without root, bwrap's own init can be traced",
    ("process", "write-grader", False): None,
    ("unshare", "write-grader", False): None,
    ("process", "write-files", False): None,
    ("process", "plant-shared", False): None,  # the user's own files: nothing tells them apart
    ("process", "leave-traces", False): None,  # the same: they would stay on the machine
    ("process", "spoil-batch", False): None,  # it may write every file the grader's user may
    ("process", "fill-disk", True): None,  # no scratch tmpfs: it would fill the machine's disk
    ("process", "fill-disk", False): None,
}


# Outside the guarantee, but whether the attack succeeds depends on where the files sit
# (none at present).
_DEPENDS_ON_LOCATION: frozenset[tuple[str, str, bool]] = frozenset()


class InvariantBroken(Exception):
    """An attack broke something no backend may let it break."""


def guarantee(request: pytest.FixtureRequest, backend: str, attack: str) -> None:
    """Mark the running test as an expected failure (or skip it) where ``attack`` is
    outside what ``backend`` (a mode, ``bwrap+fork``, or its backend) guarantees; an
    entry of "" says a mode keeps a guarantee its backend alone does not."""
    key = (backend, attack, ROOT)
    if key not in _OUTSIDE_GUARANTEE:
        key = (backend.removesuffix("+fork"), attack, ROOT)
    if key not in _OUTSIDE_GUARANTEE or _OUTSIDE_GUARANTEE[key] == "":
        return
    reason = _OUTSIDE_GUARANTEE[key]
    if reason is None:
        who = "" if ROOT else " without root"
        pytest.skip(f"{attack}: outside what {backend} guarantees{who} (SECURITY.md)")
    strict = key not in _DEPENDS_ON_LOCATION
    request.applymarker(
        pytest.mark.xfail(reason=f"{reason} (SECURITY.md)", strict=strict, raises=AssertionError)
    )


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    name = str(request.param)
    reason = backends.unavailable_reason(name.removesuffix("+fork"))
    if reason is not None:
        pytest.skip(reason)
    return name


@dataclass
class Outcome:
    """A graded attack."""

    result: GradeResult
    document: dict[str, Any]
    seconds: float

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def failed(self) -> set[str]:
        return {c.id for c in self.result.checks if not c.passed}

    def message(self, check_id: str) -> str:
        return next(c.message for c in self.result.checks if c.id == check_id)

    def kind(self, check_id: str) -> str | None:
        return next(c.kind for c in self.result.checks if c.id == check_id)

    @property
    def text(self) -> str:
        """Everything the result says, for 'no BREACH anywhere' assertions."""
        return json.dumps(self.document)


@dataclass
class CliOutcome:
    returncode: int
    stdout: str
    stderr: str
    document: dict[str, Any] | None
    seconds: float


@dataclass
class Arena:
    """A world-traversable folder with the exercise copy, the grader's working
    directory, the temporary files of this test's sandboxes, and the checks."""

    mode: str  # a backend name, or one of FORK_MODES
    root: Path
    exercise_dir: Path
    cwd: Path
    leases: list[tuple[int, list[int]]] = field(default_factory=list)

    @property
    def backend(self) -> str:
        return self.mode.removesuffix("+fork")

    @property
    def exercise(self) -> Exercise:
        return load_exercise(self.exercise_dir)

    def placeholders(self, extra: dict[str, str]) -> dict[str, str]:
        values = {
            "REPO": str(REPO),
            "FIXTURE": str(FIXTURE),
            "EXERCISE": str(self.exercise_dir),
            "CWD": str(self.cwd),
            "OUTPUT": str(self.root / "out" / "results.json"),
            "MARKER": MARKER,
            "PORT": "9",
        }
        return values | extra

    def render(self, name: str, **extra: str) -> Path:
        text = (SUBMISSIONS / name).read_text()
        for key, value in self.placeholders(extra).items():
            text = text.replace(f"@@{key}@@", value)
        path = self.root / "submissions" / "toy.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        return path

    # -- grading ---------------------------------------------------------------------
    def grade(self, name: str, limits: dict[str, Any] | None = None, **extra: str) -> Outcome:
        return self.grade_in_turn([name], limits, **extra)[0]

    def grade_in_turn(
        self, names: list[str], limits: dict[str, Any] | None = None, **extra: str
    ) -> list[Outcome]:
        """Grade ``names`` one after the other, as one worker of ``grade batch`` does: in
        a fork mode, every student process is forked from the same fork server."""
        before = self._snapshots()
        self.leases.clear()
        options = GradeOptions(sandbox=self.backend, limit_overrides=limits or LIMITS)
        forking = reuse_sandboxes() if self.mode.endswith("+fork") else contextlib.nullcontext()
        graded: list[tuple[GradeResult, float]] = []
        with subreaper():
            with forking:
                for name in names:
                    path = self.render(name, **extra)
                    started = time.monotonic()
                    result = grade_file(self.exercise, path, options, spawn=self.spawn)
                    graded.append((result, time.monotonic() - started))
            self._check_processes()
        self._check_files(before)
        return [self._outcome(result, seconds) for result, seconds in graded]

    def _outcome(self, result: GradeResult, seconds: float) -> Outcome:
        document = result.to_document()
        try:
            validate_document(document)
        except ValueError as error:
            raise InvariantBroken(str(error)) from None
        if seconds > TIME_BOUND:
            raise InvariantBroken(f"grading took {seconds:.1f} s")
        if result.sandbox.get("backend") != self.backend:
            raise InvariantBroken(f"graded by {result.sandbox.get('backend')}")
        return Outcome(result, document, seconds)

    def cli(self, name: str, *args: str, **extra: str) -> CliOutcome:
        """``grade submit`` in a process of its own (the grader an attack may target)."""
        path = self.render(name, **extra)
        before = self._snapshots()
        command = [sys.executable, "-m", "grader", "submit", str(path), "--exercise", "toy"]
        command += ["--exercises", str(self.exercise_dir.parent), "--sandbox", self.backend]
        command += ["--timeout", str(LIMITS["call_seconds"]), *args]
        started = time.monotonic()
        with subreaper():
            try:
                done = subprocess.run(
                    command, cwd=self.cwd, capture_output=True, text=True, timeout=TIME_BOUND
                )
            except subprocess.TimeoutExpired:
                raise InvariantBroken(f"the grader hung for {TIME_BOUND} s") from None
            seconds = time.monotonic() - started
            self._check_processes()
        if done.returncode not in (0, 1):
            raise InvariantBroken(f"grade submit exited with {done.returncode}: {done.stderr}")
        document = None
        with contextlib.suppress(ValueError):
            document = json.loads(done.stdout)
        if document is not None:
            # --format gradescope holds the result documents in extra_data.results
            inner = document.get("extra_data", {}).get("results") if "tests" in document else None
            try:
                for each in inner if "schema_version" not in document and inner else [document]:
                    validate_document(each)
            except ValueError as error:
                raise InvariantBroken(str(error)) from None
        self._check_files(before)
        return CliOutcome(done.returncode, done.stdout, done.stderr, document, seconds)

    def spawn(self, backend: Backend, limits: Limits) -> StudentProcess:
        """Student processes that record, when their uid is given back, what still runs
        as that uid (nothing may)."""
        return StudentProcess(backend, limits, on_release=self._released)

    def _released(self, uid: int) -> None:
        self.leases.append((uid, processes_of(uid)))

    # -- invariants ------------------------------------------------------------------
    def _check_processes(self) -> None:
        left = [f"uid {uid}: pids {pids}" for uid, pids in self.leases if pids]
        deadline = time.monotonic() + 5.0  # namespaces die asynchronously
        while True:
            found = sorted(descendants() | mentioning(str(self.root)))
            if not found or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        kill_all(set(found))
        reap_adopted()
        if left or found:
            described = [f"pid {pid}: {cmdline(pid)}" for pid in found]
            raise InvariantBroken("processes left behind:\n" + "\n".join(left + described))

    def _snapshots(self) -> dict[str, dict[str, tuple[int, int, int, str]]]:
        return {str(d): _snapshot(d) for d in (self.exercise_dir.parent, self.cwd)}

    def _check_files(self, before: dict[str, dict[str, tuple[int, int, int, str]]]) -> None:
        changed = []
        for directory, files in before.items():
            now = _snapshot(Path(directory))
            changed += [
                f"{directory}/{p}" for p in set(files) | set(now) if files.get(p) != now.get(p)
            ]
        for directory in ("grader", "reference", "exercises", "tests/fixtures"):
            for path in (REPO / directory).rglob("*"):
                with contextlib.suppress(OSError):
                    if not path.is_file():
                        continue
                    made_by_sandbox = path.stat().st_uid in SANDBOX_UIDS
                    if made_by_sandbox or MARKER.encode() in path.read_bytes():
                        changed.append(str(path))
        if changed:
            raise InvariantBroken(
                "files outside the scratch folder changed:\n" + "\n".join(changed)
            )


@pytest.fixture
def arena(backend: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Arena]:
    root = Path(tempfile.mkdtemp(prefix="grade-adversarial-", dir="/tmp"))
    exercise_dir = root / "exercises" / "toy"
    shutil.copytree(FIXTURE, exercise_dir)
    cwd = root / "cwd"
    (root / "out").mkdir()
    cwd.mkdir()
    for path in [root, *root.rglob("*")]:  # like an installed grader: readable, not writable
        path.chmod(0o755 if path.is_dir() else 0o644)
    load_exercise(exercise_dir).checks()  # the grader's own bytecode cache, made up front
    arena = Arena(backend, root, exercise_dir, cwd)
    monkeypatch.setenv("TMPDIR", str(root))
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    monkeypatch.setenv(*SECRET)
    monkeypatch.chdir(cwd)
    try:
        yield arena
    finally:
        kill_all(mentioning(str(root)))
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP server on a loopback port of the grader's machine."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    try:
        yield server
    finally:
        server.close()


def connections(server: socket.socket) -> int:
    """How many connections reached ``server``."""
    count = 0
    with contextlib.suppress(BlockingIOError):
        while True:
            connection, _ = server.accept()
            connection.close()
            count += 1
    return count


def _snapshot(directory: Path) -> dict[str, tuple[int, int, int, str]]:
    """relative path -> (mode, size, mtime, sha256) of every file and folder."""
    found = {}
    for path in [directory, *directory.rglob("*")]:
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path.relative_to(directory))] = (
            info.st_mode,
            info.st_size if path.is_file() else 0,
            info.st_mtime_ns,
            digest,
        )
    return found
