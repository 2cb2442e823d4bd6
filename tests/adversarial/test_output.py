"""Submissions that flood the output or fake a result, on screen or on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from adversarial_harness import ROOT, Arena, guarantee

FAKE_SCORE = 100


def test_floods_on_both_streams_are_capped(arena: Arena) -> None:
    outcome = arena.grade("flood_streams.py", limits={"call_seconds": 20.0})
    assert outcome.score == 4
    extra = outcome.document["extra_data"]
    for stream in ("stdout", "stderr"):
        assert len(extra[stream]) < 200_000
        assert "more bytes not kept" in extra[stream]
    assert len(json.dumps(outcome.document)) < 1_000_000


def test_a_printed_fake_result_is_not_the_result(arena: Arena) -> None:
    done = arena.cli("fake_result_printed.py", "--format", "json")
    assert done.document is not None  # standard output is the grader's document alone
    assert done.document["score"] == 2  # double is wrong: only double_pure and Accumulator
    assert done.document["max_score"] == 4
    assert done.returncode == 1
    assert '"score": 100' in done.document["extra_data"]["stdout"]  # kept, as evidence
    scores = {test["name"]: test["score"] for test in done.document["tests"]}
    assert sum(scores.values()) == 2


def test_a_gradescope_run_ignores_printed_results_too(arena: Arena) -> None:
    done = arena.cli("fake_result_printed.py", "--format", "gradescope")
    document = json.loads(done.stdout)
    assert document["score"] == 2
    assert all(test["score"] <= test["max_score"] for test in document["tests"])


def test_results_written_to_disk_are_not_the_result(
    arena: Arena, request: pytest.FixtureRequest
) -> None:
    guarantee(request, arena.backend, "write-files")
    output = arena.root / "out" / "results.json"
    autograder = Path("/autograder/results/results.json")
    before = autograder.read_bytes() if autograder.exists() else None
    done = arena.cli("fake_result_written.py", "--format", "json", "--output", str(output))
    document = json.loads(output.read_text())
    assert document["score"] == 2
    # (not merely "100" anywhere: seeds and timings are digits too)
    assert f'"score": {FAKE_SCORE}' not in json.dumps(document["tests"])
    # As root, the only place it could write was its own scratch folder; without root
    # its other writes land in the sandbox's own private folders (checked below: none of
    # the grader's files changed).
    planted = "planted: ['results.json']" if ROOT else "planted: ['results.json'"
    assert planted in document["extra_data"]["stdout"]
    assert not (arena.cwd / "results.json").exists()
    assert (autograder.read_bytes() if autograder.exists() else None) == before
    assert done.returncode == 1
