"""Submissions that patch NumPy, import or read the grader, or write into its files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from adversarial_harness import FIXTURE, REPO, Arena, guarantee


def test_patching_numpy_and_builtins_does_not_fool_the_grader(arena: Arena) -> None:
    outcome = arena.grade("patch_numpy.py")
    assert outcome.failed == {"double_small", "double_random"}
    assert outcome.score == 2
    assert "is wrong in" in outcome.message("double_random")


def test_the_grader_and_reference_cannot_be_imported(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "import-grader")
    outcome = arena.grade("import_grader.py")
    assert "BREACH" not in outcome.text
    assert outcome.score == 4


def test_the_hidden_checks_cannot_be_read(arena: Arena, request: pytest.FixtureRequest) -> None:
    guarantee(request, arena.backend, "read-hidden")
    outcome = arena.grade("read_hidden_checks.py")
    assert "BREACH" not in outcome.text
    assert outcome.score == 4


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop that protects them needs root")
def test_hidden_checks_without_world_read_are_safe_in_every_backend(arena: Arena) -> None:
    # The mitigation SECURITY.md gives for the unshare and process backends.
    private = arena.root / "private"
    private.mkdir(mode=0o700)
    shutil.copytree(FIXTURE, private / "toy")
    hidden = str(private / "toy")
    outcome = arena.grade("read_hidden_checks.py", FIXTURE=hidden, EXERCISE=hidden)
    assert "BREACH" not in outcome.text
    assert outcome.score == 4


def test_root_secrets_stay_out_of_reach(arena: Arena) -> None:
    outcome = arena.grade("read_system_files.py")
    assert "BREACH" not in outcome.text
    assert outcome.score == 4
    if arena.backend == "bwrap":  # not even the host's public files are there
        assert "passwd: FileNotFoundError" in outcome.result.stdout


def test_tampering_with_the_grader_changes_nothing_for_later_submissions(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "write-grader")
    targets = [REPO / "grader" / "grading.py", REPO / "grader" / "checks" / "expect.py"]
    targets += [REPO / "reference" / "__init__.py", FIXTURE / "checks" / "hidden.py"]
    saved = {path: path.read_bytes() for path in targets}
    baseline = arena.grade("honest_wrong.py")
    try:
        attack = arena.grade("write_grader_files.py")
    finally:
        _restore(saved)  # only ever needed if the sandbox failed: keep the repo intact
    assert "BREACH" not in attack.text
    assert attack.score == 4
    later = arena.grade("honest_wrong.py")
    assert [(c.id, c.score, c.message) for c in later.result.checks] == [
        (c.id, c.score, c.message) for c in baseline.result.checks
    ]
    assert later.failed == {"double_small", "double_random"}


def _restore(saved: dict[Path, bytes]) -> None:
    for path, data in saved.items():
        if path.read_bytes() != data:
            path.write_bytes(data)
