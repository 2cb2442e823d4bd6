"""What a student process costs to start, fresh or forked from the fork server.

For each backend that works here: ``--cycles`` student processes, one after the other,
each started, waited for until its sandbox stands (no student code) and killed, first
started afresh and then inside ``reuse_sandboxes()`` (as ``grade batch`` does). Prints
the wall time and the CPU time per process: the grader's own, and that of every process
of the sandbox (read from /proc before it is killed; for forks, the fork server's, which
includes the forks it reaped and its own start).

    python bench/fork_server.py --cycles 50
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import time

from grader.limits import Limits
from grader.sandbox import zygote
from grader.sandbox.backends import BACKENDS, available
from grader.sandbox.process import StudentProcess
from grader.sandbox.procfs import tree_of
from grader.sandbox.zygote import ForkedChild, reuse_sandboxes


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid``, the processes below it and the children they reaped."""
    ticks = 0
    for member in tree_of(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            with open(f"/proc/{member}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            ticks += sum(int(field) for field in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def cycles(backend: str, count: int, forked: bool) -> tuple[float, float]:
    """Seconds of wall and CPU time per started, ready and killed student process."""
    limits = Limits()
    wall, cpu, sandboxes = time.perf_counter(), _own_cpu(), 0.0
    with reuse_sandboxes() if forked else contextlib.nullcontext():
        for _ in range(count):
            process = StudentProcess(BACKENDS[backend], limits)
            try:
                process.wait_ready(60)
                assert isinstance(process.popen, ForkedChild) == forked
                if not forked:
                    sandboxes += _tree_cpu(process.popen.pid)
            finally:
                process.kill()
        if forked:
            assert zygote._pool is not None
            sandboxes = sum(_tree_cpu(server.popen.pid) for server in zygote._pool.values())
    cpu = _own_cpu() - cpu + sandboxes
    return (time.perf_counter() - wall) / count, cpu / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=50)
    count = parser.parse_args().cycles
    user = "root" if os.geteuid() == 0 else "non-root"
    print(f"| backend ({user}) | fresh: wall / CPU | forked: wall / CPU |")
    print("|---|---|---|")
    for name in BACKENDS:
        if not available(name):
            continue
        cycles(name, 2, False)  # warm caches (the backend's verdict, the packages)
        fresh = cycles(name, count, False)
        forked = "not forked"
        if name != "process":
            cycles(name, 2, True)
            wall, cpu = cycles(name, count, True)
            forked = f"{wall * 1000:.1f} ms / {cpu * 1000:.1f} ms"
        print(f"| {name} | {fresh[0] * 1000:.1f} ms / {fresh[1] * 1000:.1f} ms | {forked} |")


if __name__ == "__main__":
    main()
