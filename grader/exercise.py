"""An exercise folder: manifest, marked source, instructions, checks and known bugs."""

from __future__ import annotations

import functools
import importlib
import json
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from grader import cache
from grader.checks.expect import Tolerances
from grader.checks.misconceptions import KnownBug, read_bug
from grader.checks.registry import Check, collect_checks
from grader.errors import ExerciseError, UsageError
from grader.limits import Limits
from grader.template import render

MANIFEST = "manifest.toml"
MANIFESTS = "valid-manifests"  # cache kind: fingerprints of manifests found valid


@dataclass(frozen=True)
class Exercise:
    """Everything the grader knows about one exercise."""

    root: Path
    id: str
    title: str
    version: str
    student_file: str
    source_file: str
    reference_module: str
    instructions_file: str
    required_names: tuple[str, ...]
    points: float
    limits: Limits
    tolerances: Tolerances
    seed_policy: str
    seed_base: int
    public_checks: tuple[str, ...]
    hidden_checks: tuple[str, ...]
    bug_ids: tuple[str, ...] = field(default=())

    @property
    def has_hidden(self) -> bool:
        """False in a released student bundle, which ships the public checks only."""
        return bool(self.hidden_checks)

    @property
    def source(self) -> str:
        return (self.root / self.source_file).read_text()

    def solution(self) -> str:
        return render(self.source, "solution")

    def solution_namespace(self) -> dict[str, Any]:
        """The solution executed in a fresh namespace (instructor code, run in-process)."""
        namespace: dict[str, Any] = {"__name__": f"solution_{self.id.replace('-', '_')}"}
        exec(compile(self.solution(), str(self.root / self.source_file), "exec"), namespace)
        return namespace

    def template(self) -> str:
        return render(self.source, "template")

    def instructions(self) -> str:
        return (self.root / self.instructions_file).read_text()

    def checks(self, public_only: bool = False) -> list[Check]:
        found: list[Check] = []
        for name in self.public_checks:
            found += collect_checks(self.root / name, public=True)
        if not public_only:
            for name in self.hidden_checks:
                found += collect_checks(self.root / name, public=False)
        return found

    def bugs(self) -> list[KnownBug]:
        solution = self.solution()
        return [read_bug(self.root / "bugs" / f"{bug}.py", solution) for bug in self.bug_ids]

    def reference(self) -> ModuleType:
        return importlib.import_module(self.reference_module)

    def with_limits(self, **overrides: Any) -> Exercise:
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, limits=replace(self.limits, **given)) if given else self


@functools.cache
def _schema() -> dict[str, Any]:
    text = resources.files("grader").joinpath("schemas/manifest.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_manifest(data: dict[str, Any], where: str) -> None:
    """Raise ExerciseError unless ``data`` matches the manifest schema.

    A manifest already found valid (same content, same schema) is not checked again,
    which keeps jsonschema's import off the start of `grade submit`."""
    key = cache.fingerprint(
        json.dumps(data, sort_keys=True, default=str), json.dumps(_schema(), sort_keys=True)
    )
    if cache.known(MANIFESTS, key):
        return
    _check_manifest(data, where)
    cache.remember(MANIFESTS, key)


def _check_manifest(data: dict[str, Any], where: str) -> None:
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=str)
    if errors:
        first = errors[0]
        path = ".".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ExerciseError(f"{where}: invalid manifest at {path}: {first.message}")


def load_exercise(root: Path) -> Exercise:
    """Read and validate ``root/manifest.toml``."""
    path = root / MANIFEST
    try:
        data = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise ExerciseError(f"{root}: no {MANIFEST}") from None
    except OSError as exc:
        raise ExerciseError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExerciseError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ExerciseError(f"{path}: not valid TOML: nested too deeply") from None
    validate_manifest(data, str(path))
    limits, tolerances, seed = (
        data.get("limits", {}),
        data.get("tolerances", {}),
        data.get("seed", {}),
    )
    exercise = Exercise(
        root=root,
        id=data["id"],
        title=data["title"],
        version=data["version"],
        student_file=data["student_file"],
        source_file=data["source"],
        reference_module=data["reference"],
        instructions_file=data["instructions"],
        required_names=tuple(data["required_names"]),
        points=float(data["points"]),
        limits=Limits(**limits),
        tolerances=Tolerances(**tolerances),
        seed_policy=seed.get("policy", "per-student"),
        seed_base=int(seed.get("base", 0)),
        public_checks=tuple(data["checks"]["public"]),
        hidden_checks=tuple(data["checks"].get("hidden", [])),
        bug_ids=tuple(data.get("bugs", [])),
    )
    missing = [
        name
        for name in (
            exercise.source_file,
            exercise.instructions_file,
            *exercise.public_checks,
            *exercise.hidden_checks,
            *(f"bugs/{b}.py" for b in exercise.bug_ids),
        )
        if not (root / name).is_file()
    ]
    if missing:
        raise ExerciseError(
            f"{root}: files named in the manifest are missing: {', '.join(missing)}"
        )
    return exercise


def default_exercises_dir() -> Path:
    """The exercises installed with the grader."""
    import grade_exercises  # type: ignore[import-not-found,unused-ignore]

    return Path(grade_exercises.__file__).resolve().parent


def find_exercises(directory: Path | None = None) -> dict[str, Path]:
    """Exercise id -> folder, for every folder with a manifest."""
    directory = directory or default_exercises_dir()
    if not directory.is_dir():
        raise UsageError(f"exercises directory {directory} does not exist or is not readable")
    found = {}
    for manifest in sorted(directory.glob(f"*/{MANIFEST}")):
        found[manifest.parent.name] = manifest.parent
    return found


def resolve_exercise(
    exercise_id: str | None, submission: Path | None, directory: Path | None = None
) -> Exercise:
    """The exercise named, or the one whose student file matches the submission's name.

    A submission that sits in a released bundle (a folder with a manifest) is graded
    against that bundle, which holds the public checks only.
    """
    if directory is None and submission is not None and (submission.parent / MANIFEST).is_file():
        bundle = load_exercise(submission.parent)
        if exercise_id in (None, bundle.id):
            return bundle
    available = find_exercises(directory)
    if exercise_id is not None:
        if exercise_id not in available:
            raise UsageError(
                f"unknown exercise {exercise_id!r}; available: {', '.join(available) or 'none'}"
            )
        return load_exercise(available[exercise_id])
    if submission is None:
        raise UsageError("name the exercise with --exercise")
    for root in available.values():
        exercise = load_exercise(root)
        if Path(exercise.student_file).stem == submission.stem:
            return exercise
    raise UsageError(
        f"cannot tell which exercise {submission.name} is for; pass --exercise "
        f"(one of: {', '.join(available)})"
    )
