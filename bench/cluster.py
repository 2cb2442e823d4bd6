"""`grade batch` on a Dask LocalCluster against the local pool, on the same class."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def time_batch(folder: Path, exercise_id: str, *how: str) -> dict[str, float]:
    """One `grade batch` of ``folder`` (``how``: --jobs N or --scheduler local:N)."""
    out = folder.parent / f"results-{folder.name}-{'-'.join(how).replace(':', '')}"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "grader", "batch", str(folder), "--out", str(out),
               "--exercise", exercise_id, *how]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"grade batch {' '.join(how)} failed: {done.stderr.decode()[-800:]}")
    graded = len(list(out.rglob("*.json")))
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": wall, "submissions": graded, "per_second": graded / wall}


def dask_figures(folder: Path, exercise_id: str, pool: dict[str, Any]) -> dict[str, Any] | None:
    """LocalCluster of 1 and 2 workers against the pool of 1 and 2 processes."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return None
    figures: dict[str, Any] = {}
    for workers in (1, 2):
        run = time_batch(folder, exercise_id, "--scheduler", f"local:{workers}")
        local = pool[f"jobs{workers}"]
        run["overhead_per_task_ms"] = (
            1000 * (run["seconds"] - local["seconds"]) / max(1, run["submissions"])
        )
        figures[f"workers{workers}"] = run
    return figures
