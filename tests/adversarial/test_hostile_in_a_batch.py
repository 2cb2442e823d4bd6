"""A hostile submission in the middle of a class: the honest students before and after
it, graded by the same worker (and under bwrap and unshare, forked by the same fork
server), keep the results their code earns, and nothing changes them after the batch
returns."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time

import pytest
from adversarial_harness import Arena, guarantee
from support import descendants, strays, subreaper

HOSTILE = ["spoil_batch.py", "fill_scratch.py", "stealth_daemon.py", "plant_shared.py"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_honest_students_around_a_hostile_one_keep_their_results(
    arena: Arena, hostile: str, request: pytest.FixtureRequest
) -> None:
    if arena.mode.endswith("+fork"):
        pytest.skip("grade batch forks from a fork server under bwrap and unshare anyway")
    guarantee(request, arena.backend, "spoil-batch")
    if hostile == "plant_shared.py":
        guarantee(request, arena.backend, "plant-shared")
    if hostile == "fill_scratch.py":
        guarantee(request, arena.backend, "fill-disk")
    submissions, results = arena.root / "class", arena.root / "results"
    for student, name in (("alice", "honest.py"), ("mallory", hostile), ("zoe", "honest.py")):
        (submissions / student).mkdir(parents=True)
        shutil.copy(arena.render(name), submissions / student / "toy.py")
    command = [sys.executable, "-m", "grader", "batch", str(submissions), "--out", str(results)]
    command += ["--exercises", str(arena.exercise_dir.parent), "--sandbox", arena.backend]
    command += ["--jobs", "1", "--exercise", "toy"]
    baseline = descendants()
    with subreaper():  # an orphan of the batch comes back here, to be seen
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=arena.cwd)
        left = strays(baseline, arena.root)
    assert done.returncode in (0, 1), done.stderr
    assert not left, left
    documents = {s: results / "toy" / f"{s}.json" for s in ("alice", "mallory", "zoe")}
    written = {s: hashlib.sha256(p.read_bytes()).hexdigest() for s, p in documents.items()}
    time.sleep(1.5)  # a daemon that outlived the batch would strike now
    for student, path in documents.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == written[student], student
    scores = {s: json.loads(p.read_text())["score"] for s, p in documents.items()}
    assert scores == {"alice": 4.0, "mallory": 4.0, "zoe": 4.0}, scores
