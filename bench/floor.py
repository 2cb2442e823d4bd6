"""The floor of process-per-submission isolation, measured on the same submissions.

A NumPy-warm parent (``numpy.random`` imported too) forks a fresh child per submission,
two at a time; each child executes the submission's source and calls its functions on
a small array three times each. No sandbox, no checks, no result: what any grader that
runs each submission in a process of its own pays at least.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

ACTIVATIONS = (
    "sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative",
    "leaky_relu", "leaky_relu_derivative", "softmax",
)  # fmt: skip


def _child(source: str, names: tuple[str, ...]) -> None:
    import numpy as np

    z = np.random.default_rng(0).standard_normal((4, 6))
    namespace: dict[str, object] = {"__name__": "submission"}
    try:
        exec(compile(source, "submission.py", "exec"), namespace)
        for name in names:
            function = namespace.get(name)
            for _ in range(3):
                with contextlib.suppress(Exception):  # a buggy submission raises: go on
                    function(z.copy())  # type: ignore[operator]
    finally:
        os._exit(0)


def fork_floor(
    files: list[Path], workers: int = 2, names: tuple[str, ...] = ACTIVATIONS
) -> dict[str, float]:
    """Submissions per second at the floor, ``workers`` children at a time."""
    import numpy as np
    import numpy.random  # warm, as the definition says

    np.random.default_rng(0)
    sources = [path.read_text() for path in files]
    running: set[int] = set()
    started = time.perf_counter()
    for source in sources:
        while len(running) >= workers:
            pid, _ = os.wait()
            running.discard(pid)
        pid = os.fork()
        if pid == 0:
            _child(source, names)
        running.add(pid)
    while running:
        pid, _ = os.wait()
        running.discard(pid)
    wall = time.perf_counter() - started
    return {"submissions": len(sources), "seconds": wall, "per_second": len(sources) / wall}
