"""The Gradescope autograder zip of a course's exercises (``grade autograder``).

At the zip's root, as Gradescope wants them: ``setup.sh`` (installs bubblewrap, Python
3.11 and the grader) and ``run_autograder`` (grades one upload). Beside them:

- ``wheels/``: a wheel of the grader that built the zip, so the version is pinned;
- ``requirements.txt``: its dependencies, pinned to the versions installed here;
- ``course/``: the course's files for these exercises (``grader.coursepack``);
- ``autograder.toml``: which exercises an upload is graded on, and how.

Gradescope unpacks the zip into ``/autograder/source``; ``grade gradescope`` reads it.
"""

from __future__ import annotations

import importlib.resources
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader import __version__
from grader.coursepack import pack_course
from grader.deploy.wheel import core_requirements, tool_wheel
from grader.exercise import Exercise
from grader.files import write_atomic_bytes

CONFIG = "autograder.toml"
COURSE = "course"
SCRIPTS = ("setup.sh", "run_autograder")


@dataclass(frozen=True)
class Autograder:
    """What ``build_autograder`` wrote."""

    path: Path
    exercises: tuple[str, ...]
    files: int
    size: int
    course_digest: str


def config_text(exercises: Sequence[str], sandbox: str, digest: str) -> str:
    names = ", ".join(f'"{e}"' for e in exercises)
    return (
        "# Written by `grade autograder`: what run_autograder grades each upload on.\n"
        f'grader_version = "{__version__}"\n'
        f"exercises = [{names}]\n"
        f'sandbox = "{sandbox}"\n'
        f'course_digest = "{digest}"\n'
    )


def build_autograder(exercises: Sequence[Exercise], out: Path, sandbox: str = "auto") -> Autograder:
    """Write the zip for ``exercises`` (all of one course) to ``out``."""
    pack = pack_course(exercises)
    wheel_name, wheel = tool_wheel()
    kit = importlib.resources.files("grader.deploy") / "kit"
    entries: list[tuple[str, bytes, int]] = [
        (name, (kit / name).read_bytes(), 0o755) for name in SCRIPTS
    ]
    entries += [
        ("requirements.txt", ("\n".join(core_requirements()) + "\n").encode(), 0o644),
        (f"wheels/{wheel_name}", wheel, 0o644),
        (CONFIG, config_text(pack.exercise_ids, sandbox, pack.digest).encode(), 0o644),
    ]
    entries += [(f"{COURSE}/{name}", data, 0o644) for name, data in pack.files]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16  # a regular file, and its mode
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    write_atomic_bytes(out, buffer.getvalue())
    return Autograder(out, pack.exercise_ids, len(entries), len(buffer.getvalue()), pack.digest)
