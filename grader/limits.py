"""The numbers a manifest sets: what one student process may use (time, memory,
processes, output, files), and the tolerances numerical checks compare with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one student process may use. Defaults come from the course and the manifest."""

    call_seconds: float = 5.0  # one call into the submission
    load_seconds: float = 10.0  # loading the submission (all of a notebook's cells)
    total_seconds: float = 120.0  # every call of one grading together
    cpu_seconds: int = 60
    memory_mb: int = 1024
    processes: int = 16
    output_bytes: int = 64 * 1024  # standard output and error kept, each
    file_bytes: int = 16 * 1024 * 1024  # the largest file the submission may write
    private: tuple[str, ...] = ()  # folders it must not see (the course's), where possible
    packages: tuple[str, ...] | None = None  # it may import these and NumPy (None: default)
    cell_seconds: float = 10.0  # one notebook cell, before it is interrupted
    notebook_seconds: float = 60.0  # all of a notebook's cells together

    def rlimits(self) -> dict[str, int]:
        """The resource limits the student process sets on itself, by name."""
        return {
            "memory_bytes": self.memory_mb * 1024 * 1024,
            "cpu_seconds": self.cpu_seconds,
            "processes": self.processes,
            "file_bytes": self.file_bytes,
            "open_files": 64,
        }

    @property
    def scratch_bytes(self) -> int:
        """The size of the scratch folder where a backend gives it a tmpfs of its own."""
        return 4 * self.file_bytes


@dataclass(frozen=True)
class Tolerances:
    """Numerical tolerances of an exercise (from its manifest)."""

    rtol: float = 1e-7
    atol: float = 1e-10
    gradient: float = 1e-6
