"""Starting the sandbox: the ready signal, and the cached verdict that a backend works."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from grader.errors import SandboxError
from grader.limits import Limits
from grader.sandbox import backends
from grader.sandbox.session import Session


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GRADE_CACHE_DIR", str(tmp_path / "cache"))
    backends.unavailable_reason.cache_clear()
    yield tmp_path / "cache"
    backends.unavailable_reason.cache_clear()


def test_a_working_backend_is_remembered_on_disk(cache_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if backends.unavailable_reason("unshare") is not None:
        pytest.skip("unshare does not work here")
    assert (cache_dir / "grade" / "sandbox-works.json").exists()
    probes: list[str] = []
    monkeypatch.setattr(backends, "_probe", lambda name: probes.append(name))
    backends.unavailable_reason.cache_clear()
    assert backends.unavailable_reason("unshare") is None
    assert probes == []  # answered from the cache, no sandbox started


def test_a_sandbox_that_never_gets_ready_is_the_machines_fault(  # type: ignore[no-untyped-def]
    cache_dir: Path, monkeypatch
) -> None:
    """Before the ready signal existed, a sandbox that could not start was graded as
    the student's crash ("exited with code 1 during loading your file")."""

    class NoPython(backends.Backend):
        def launch(
            self,
            scratch: Path,
            scratch_bytes: int = 1 << 26,
            private: tuple[str, ...] = (),
            packages: Any = None,
        ) -> backends.Launch:
            real = super().launch(scratch, scratch_bytes, private, packages)
            return backends.Launch(["/bin/false"], real.scratch, real.site, real.runtime, False)

    broken = NoPython("process", "broken", isolates_files=False, isolates_network=False)
    forgotten: list[str] = []
    monkeypatch.setattr("grader.sandbox.session.forget", forgotten.append)
    session = Session(broken, Limits())
    with pytest.raises(SandboxError, match="did not start"):
        session.load("x = 1\n", "x.py")
    assert forgotten == ["process"]
    assert session.process is None


def test_what_the_sandbox_may_import_is_remembered_until_site_packages_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every distribution's metadata costs about a second per `grade submit`;
    the answer is kept between runs, and worked out again once a package is installed."""
    from grader.sandbox import packages

    monkeypatch.setenv("GRADE_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(packages, "_site_dirs", lambda: (site,))
    calls: list[object] = []
    answer = packages.Packages(("numpy",), (tmp_path,))

    def resolve(declared: object, sites: object) -> packages.Packages:
        calls.append(declared)
        return answer

    monkeypatch.setattr(packages, "_resolve", resolve)
    for _ in range(3):
        packages.allowed_packages.cache_clear()  # a new `grade` process
        assert packages.allowed_packages(("x",)) == answer
    assert calls == [("x",)]
    (site / "newly_installed").mkdir()  # site-packages changed: work it out again
    os.utime(site, ns=(1, 1))
    packages.allowed_packages.cache_clear()
    assert packages.allowed_packages(("x",)) == answer
    assert calls == [("x",), ("x",)]
    packages.allowed_packages.cache_clear()


def test_a_requirement_with_a_marker_that_holds_here_is_allowed_too() -> None:
    """IPython needs pexpect on every platform but Windows: a course that lets the
    sandbox import IPython must let it import pexpect as well."""
    from types import SimpleNamespace

    from grader.sandbox.packages import _requirements

    distribution: Any = SimpleNamespace(
        requires=[
            'pexpect>4.3; sys_platform != "win32" and sys_platform != "emscripten"',
            "decorator",
            'pytest; extra == "test"',
            'backports.zoneinfo; python_version < "3.9"',
        ]
    )
    assert _requirements(distribution) == ["pexpect", "decorator"]
