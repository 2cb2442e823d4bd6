"""A wheel of the grader as it runs here, so an autograder installs this very version.

Built from the installed package's own files (``grader/``, caches left out) and its
installed metadata, whether the tool was installed from a wheel or from a clone in
editable mode: the wheel format (PEP 427) is a zip with a ``.dist-info`` folder.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import zipfile
from pathlib import Path

import grader
from grader.errors import UsageError

DISTRIBUTION = "numpy-grade"
_SKIP = frozenset({"__pycache__"})


def _metadata() -> importlib.metadata.Distribution:
    try:
        return importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise UsageError(
            f"the grader is not installed as a package ({DISTRIBUTION}): install it "
            "(pip install numpy-grade, or pip install -e . in a clone) to build an autograder"
        ) from None


def core_requirements() -> list[str]:
    """The tool's own dependencies, pinned to the versions installed here."""
    pins = []
    for requirement in _metadata().requires or []:
        if "extra ==" in requirement:
            continue
        name = requirement.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        pins.append(f"{name}=={importlib.metadata.version(name)}")
    return pins


def tool_wheel() -> tuple[str, bytes]:
    """The wheel's file name and content."""
    dist = _metadata()
    version = dist.version
    info = f"numpy_grade-{version}.dist-info"
    package = Path(grader.__file__).resolve().parent
    entries: list[tuple[str, bytes]] = []
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if path.is_file() and not _SKIP.intersection(parts) and path.suffix != ".pyc":
            entries.append(("grader/" + "/".join(parts), path.read_bytes()))
    meta = dist.metadata
    lines = ["Metadata-Version: 2.1", f"Name: {DISTRIBUTION}", f"Version: {version}"]
    lines += [f"Summary: {meta['Summary']}"] if meta["Summary"] else []
    lines += [f"Requires-Python: {meta['Requires-Python']}"] if meta["Requires-Python"] else []
    lines += [f"Provides-Extra: {extra}" for extra in meta.get_all("Provides-Extra") or []]
    lines += [f"Requires-Dist: {requirement}" for requirement in dist.requires or []]
    entries += [
        (f"{info}/METADATA", ("\n".join(lines) + "\n").encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: grade\nRoot-Is-Purelib: true\n"
         b"Tag: py3-none-any\n"),
        (f"{info}/entry_points.txt", b"[console_scripts]\ngrade = grader.cli:main\n"),
    ]  # fmt: skip
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in entries]
    entries.append((f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            wheel.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return f"numpy_grade-{version}-py3-none-any.whl", buffer.getvalue()


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
