"""Which installed packages the student process may import, and where they are.

NumPy always; besides it, what the course declares (``[sandbox] packages``), by default
matplotlib when it is installed; and every distribution those depend on. The sandbox
shows exactly these, read-only: bubblewrap binds each of their folders in, and the other
backends let the student process import only these from site-packages.
"""

from __future__ import annotations

import functools
import importlib.metadata as metadata
import importlib.util
import json
import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader import cache
from grader.errors import SandboxError

CACHE_KIND = "sandbox-packages"
RULES = "2"  # requirements whose markers hold are followed too
DEFAULT_PACKAGES = ("matplotlib",)  # when installed: a NumPy course plots
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Packages:
    """What the student process may import from site-packages."""

    names: tuple[str, ...]  # top-level import names, sorted
    paths: tuple[Path, ...]  # their folders and files (with .libs and .dist-info folders)


def _site_dirs() -> tuple[Path, ...]:
    found = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return tuple(sorted(found))


def _distribution(import_name: str) -> metadata.Distribution | None:
    for name in metadata.packages_distributions().get(import_name, []):
        try:
            return metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _requirements(distribution: metadata.Distribution) -> list[str]:
    """The distributions it needs here: extras left out, and a requirement with a marker
    (``pexpect; sys_platform != "win32"``) kept when the marker holds on this machine."""
    names = []
    for requirement in distribution.requires or []:
        if ";" in requirement and not _marker_holds(requirement.split(";", 1)[1]):
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def _marker_holds(marker: str) -> bool:
    """Whether an environment marker holds here, for no extra (packaging evaluates it;
    without packaging, or for a marker it cannot read, the requirement is left out)."""
    try:
        from packaging.markers import Marker
    except ImportError:
        return False
    try:
        return bool(Marker(marker.strip()).evaluate({"extra": ""}))
    except Exception:  # an invalid marker: as if it did not hold
        return False


def _top_levels(distribution: metadata.Distribution, sites: tuple[Path, ...]) -> set[Path]:
    """The first path below site-packages of every file of a distribution."""
    tops: set[Path] = set()
    for file in distribution.files or []:
        located = Path(str(distribution.locate_file(file))).resolve()
        for site in sites:
            if located.is_relative_to(site) and located != site:
                first = site / located.relative_to(site).parts[0]
                if first.name != "__pycache__" and first.suffix != ".pth":
                    tops.add(first)
    return tops


@functools.cache
def allowed_packages(declared: tuple[str, ...] | None) -> Packages:
    """NumPy and the packages ``declared`` (the course's list; None: the default), with
    everything they depend on. A declared package that is not installed is an error.

    Reading every distribution's metadata costs about a second where many are installed,
    so the answer is remembered between runs (``grader.cache``) for as long as nothing is
    installed or removed in site-packages (which changes its folders' times)."""
    sites = _site_dirs()
    key = _fingerprint(declared, sites)
    remembered = _recall(key)
    if remembered is not None:
        return remembered
    found = _resolve(declared, sites)
    entry = json.dumps([found.names, [str(p) for p in found.paths]])
    others = [e for e in cache.recall(CACHE_KIND) if not e.startswith(key)]
    cache.store(CACHE_KIND, [*others, f"{key}\t{entry}"])
    return found


def _fingerprint(declared: tuple[str, ...] | None, sites: tuple[Path, ...]) -> str:
    times = []
    for site in sites:
        try:
            times.append(f"{site}:{site.stat().st_mtime_ns}")
        except OSError:
            times.append(f"{site}:-")
    # RULES: how the answer is worked out; a change of it must not reuse old answers
    return cache.fingerprint("packages", RULES, repr(declared), sys.executable, *times)


def _recall(key: str) -> Packages | None:
    for entry in cache.recall(CACHE_KIND):
        fingerprint, _, data = entry.partition("\t")
        if fingerprint != key:
            continue
        try:
            names, paths = json.loads(data)
            found = Packages(tuple(map(str, names)), tuple(Path(p) for p in paths))
        except (ValueError, TypeError):
            return None
        return found if all(p.exists() for p in found.paths) else None
    return None


def _resolve(declared: tuple[str, ...] | None, sites: tuple[Path, ...]) -> Packages:
    wanted = ["numpy"]
    if declared is None:
        wanted += [n for n in DEFAULT_PACKAGES if importlib.util.find_spec(n) is not None]
    else:
        missing = [n for n in declared if importlib.util.find_spec(n) is None]
        if missing:
            raise SandboxError(
                f"the course lets the sandbox import {', '.join(missing)}, which the grader's "
                "Python does not have: install them next to the grader"
            )
        wanted += list(declared)
    distributions: dict[str, metadata.Distribution] = {}
    todo = [d for d in (_distribution(n) for n in wanted) if d is not None]
    while todo:
        distribution = todo.pop()
        key = distribution.metadata["Name"].lower().replace("_", "-")
        if key in distributions:
            continue
        distributions[key] = distribution
        for name in _requirements(distribution):
            try:
                todo.append(metadata.distribution(name))
            except metadata.PackageNotFoundError:
                continue  # not installed: the package copes without it, or fails to import
    paths: set[Path] = set()
    for distribution in distributions.values():
        paths |= _top_levels(distribution, sites)
    names = {_import_name(p) for p in paths if _import_name(p)} | set(wanted)
    return Packages(tuple(sorted(names)), tuple(sorted(paths)))


def _import_name(path: Path) -> str:
    """``numpy`` for site-packages/numpy, ``six`` for six.py; '' for metadata folders."""
    if path.name.endswith((".dist-info", ".egg-info", ".libs", ".data")):
        return ""
    if path.is_dir():
        return path.name if path.name.isidentifier() else ""
    stem = path.name.split(".")[0]
    return stem if path.suffix in (".py", ".so", ".pyd") and stem.isidentifier() else ""


def names_of(packages: Iterable[Path]) -> list[str]:
    return sorted({_import_name(p) for p in packages} - {""})
