"""Importing an exercise's reference code by path, with no PYTHONPATH.

A manifest's ``reference`` is one of:

- ``"solution"``: the solution in the exercise's ``source.py`` is the reference;
- a file or folder, relative to the exercise folder (or the course): ``"ce_reference.py"``,
  ``"lib/reference"``;
- a module name, ``"reference.activations"``: its top-level package or module
  (``reference/`` or ``reference.py``) is looked for in the exercise folder, then in the
  course, and imported from there under its own name, so that its own absolute imports
  work; a module installed in the grader's environment is the last resort.

Anything that fails to import is an ``ExerciseError`` naming the file and the exception:
a misconfigured course stops before anyone is graded.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from grader.errors import ExerciseError


def import_reference(name: str, search: Sequence[Path]) -> ModuleType:
    """The reference ``name`` (a path or a module name), found along ``search``."""
    return _import(name, tuple(p.resolve() for p in search))


def reference_path(name: str, search: Sequence[Path]) -> Path | None:
    """The file or folder that ``import_reference(name, search)`` imports from, or None
    for a module of the grader's environment."""
    if name.endswith(".py") or "/" in name:
        return next((root / name for root in search if (root / name).exists()), None)
    top = name.split(".")[0]
    for root in search:
        if (root / top / "__init__.py").is_file():
            return root / top
        if (root / f"{top}.py").is_file():
            return root / f"{top}.py"
    return None


@functools.cache
def _import(name: str, search: tuple[Path, ...]) -> ModuleType:
    if name.endswith(".py") or "/" in name:
        for root in search:
            if (root / name).exists():
                return _from_path(root / name)
        raise ExerciseError(f"the reference {name} is not in {' or '.join(map(str, search))}")
    top = name.split(".")[0]
    for root in search:
        package, module = root / top / "__init__.py", root / f"{top}.py"
        if package.is_file() or module.is_file():
            _install(top, package if package.is_file() else module)
            return _run(name, lambda: importlib.import_module(name), root / top)
    return _run(name, lambda: importlib.import_module(name), Path(name))


def _from_path(path: Path) -> ModuleType:
    """A reference file or package, imported under a private name."""
    if path.is_dir():
        path = path / "__init__.py"
    key = f"grade_reference_{abs(hash(str(path)))}"
    return _run(str(path), lambda: _execute(key, path), path)


def _install(name: str, path: Path) -> None:
    """Make ``name`` the module or package at ``path`` (replacing another of that name)."""
    loaded = sys.modules.get(name)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "") == path:
        return
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]
    _run(name, lambda: _execute(name, path), path)


def _execute(name: str, path: Path) -> ModuleType:
    locations = [str(path.parent)] if path.name == "__init__.py" else None
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=locations)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _run(what: str, load: Callable[[], ModuleType], where: Path) -> ModuleType:
    try:
        module = load()
    except Exception as exc:
        raise ExerciseError(
            f"the reference {what} cannot be imported ({_where(exc, where)}"
            f"{type(exc).__name__}: {exc})"
        ) from None
    return module


def _where(exc: BaseException, where: Path) -> str:
    """``file, line N: `` of the innermost frame in the reference's own files, or ''."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if str(where) in f.filename]
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{exc.filename}, line {exc.lineno}: "
    return f"{frames[-1].filename}, line {frames[-1].lineno}: " if frames else ""
