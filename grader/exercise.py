"""An exercise folder: manifest, marked source, instructions, checks and known bugs.

An exercise belongs to a course (``grader.course``), whose defaults its manifest starts
from; its known bugs are the files of ``bugs/`` (the manifest's ``bugs`` list, when it has
one, only orders them).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from grader.course import Course, require_course
from grader.errors import ExerciseError, SandboxError, UsageError
from grader.limits import Limits, Tolerances
from grader.references import import_reference, reference_path
from grader.template import render
from grader.validation import check_data, load_toml

if TYPE_CHECKING:  # the checks import NumPy: loaded when an exercise's checks are asked for,
    # so that reading a manifest (and starting the sandbox) does not wait for them
    from grader.checks.evidence import StoredBug
    from grader.checks.misconceptions import KnownBug
    from grader.checks.registry import Check

MANIFEST = "manifest.toml"
SOLUTION_REFERENCE = "solution"  # a manifest's `reference` when the solution is the reference
NO_REFERENCE = "none"  # a student bundle's: its public checks never use one


@dataclass(frozen=True)
class Exercise:
    """Everything the grader knows about one exercise."""

    root: Path
    id: str
    title: str
    version: str
    student_file: str
    source_file: str
    reference_name: str  # see grader.references
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
    course: Course | None = None
    declared_packages: tuple[str, ...] | None = None  # the manifest's own `packages`

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
        return self._executed(self.solution(), "solution")

    def template(self) -> str:
        return render(self.source, "template")

    def template_namespace(self) -> dict[str, Any]:
        """The template (what students receive) executed in a fresh namespace."""
        return self._executed(self.template(), "template")

    def _executed(self, code: str, kind: str) -> dict[str, Any]:
        namespace: dict[str, Any] = {"__name__": f"{kind}_{self.id.replace('-', '_')}"}
        exec(compile(code, str(self.root / self.source_file), "exec"), namespace)
        return namespace

    def instructions(self) -> str:
        return (self.root / self.instructions_file).read_text()

    def checks(self, public_only: bool = False) -> list[Check]:
        found: list[Check] = []
        for name in self.public_checks:
            found += _checks_of(self.root / name, public=True)
        if not public_only:
            for name in self.hidden_checks:
                found += _checks_of(self.root / name, public=False)
        return found

    def bugs(self) -> list[KnownBug]:
        """The known bugs in the manifest's order, each followed by its forms: the same
        mistake written with another number (a ``Forms:`` line), or in other code (a file
        ``bugs/<id>.<form>.py``, for another convention the exercise accepts)."""
        from grader.checks.misconceptions import read_bug_forms

        if not self.bug_ids:
            return []
        solution = self.solution()
        folder = self.root / "bugs"
        forms = _form_files(folder)  # one listing of the folder, not one per bug
        return [
            form
            for bug in self.bug_ids
            for path in [folder / f"{bug}.py", *forms.get(bug, [])]
            for form in read_bug_forms(path, solution)
        ]

    def variants(self) -> list[KnownBug]:
        """Other ways to write the solution, as real code writes it (``variants/*.py``, in
        the bug-file format): ``grade validate`` proves each is named by exactly the known
        bugs its docstring's ``Expected:`` line lists, so the feedback is never wrong."""
        from grader.checks.misconceptions import read_bug

        folder = self.root / "variants"
        if not folder.is_dir():
            return []
        solution = self.solution()
        return [read_bug(path, solution) for path in sorted(folder.glob("*.py"))]

    def stored_bugs(self) -> list[StoredBug]:
        """What known bugs do on the public checks, as a student bundle records it."""
        from grader.checks.evidence import EVIDENCE_FILE, read_evidence

        try:
            return read_evidence(self.root / EVIDENCE_FILE)
        except ValueError as error:
            raise ExerciseError(str(error)) from None

    def reference(self) -> ModuleType:
        """The reference the hidden checks compare against (imported by path)."""
        if self.reference_name == NO_REFERENCE:
            raise ExerciseError(f"{self.root}: this exercise has no reference (a student bundle)")
        if self.reference_name == SOLUTION_REFERENCE:
            return _solution_module(self.id, str(self.root / self.source_file), self.solution())
        return _reference(self.reference_name, self.root, self.course)

    @property
    def reference_source(self) -> Path | None:
        """The file or folder the reference is imported from (None: the solution, no
        reference, or a module installed beside the grader)."""
        if self.reference_name in (NO_REFERENCE, SOLUTION_REFERENCE):
            return None
        search = (self.root, *(self.course.search_path if self.course else ()))
        return reference_path(self.reference_name, search)

    @property
    def packages(self) -> tuple[str, ...] | None:
        """What student code may import besides NumPy (None: the default)."""
        if self.declared_packages is not None:
            return self.declared_packages
        return self.course.packages if self.course is not None else None

    @property
    def private_paths(self) -> tuple[str, ...]:
        """What the student process must not see: the exercise, the course, its reference."""
        paths = [self.root]
        if self.course is not None:
            paths += [self.course.root, self.course.exercises_dir]
            paths += [self.course.reference] if self.course.reference is not None else []
        resolved = (str(p.resolve()) for p in paths)
        return tuple(sorted({p for p in resolved if p != "/"}))

    def with_limits(self, **overrides: Any) -> Exercise:
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, limits=replace(self.limits, **given)) if given else self

    def _check_bug_files(self) -> None:
        """Every form file belongs to a bug, and every ``Forms:`` and ``Repair:`` line can
        be applied (a known bug's lines are read wherever the exercise is graded)."""
        from grader.checks.forms import forms_error
        from grader.checks.repairs import repair_error

        folder = self.root / "bugs"
        orphans = [
            path.name
            for bug, paths in _form_files(folder).items()
            if bug not in self.bug_ids
            for path in paths
        ]
        if orphans:
            raise ExerciseError(
                f"{folder}: {', '.join(sorted(orphans))}: a form file <id>.<form>.py needs "
                "the bug file <id>.py"
            )
        for bug in self.bugs():
            problems = [repair_error(r) for r in bug.repairs]
            if bug.form and bug.literal:
                problems.append(forms_error(bug.literal, [bug.form], bug.path.read_text()))
            for problem in problems:
                if problem is not None:
                    raise ExerciseError(f"{bug.path}: {problem}")

    def preflight(self, public_only: bool = False) -> None:
        """Import everything the grading of this exercise runs in the grader (checks,
        reference, known bugs), so that a misconfigured course stops with an
        ExerciseError naming the file before anyone is graded."""
        checks = self.checks(public_only=public_only)
        if not public_only:  # a student bundle has the public checks only
            ids = {c.id for c in checks}
            for item in checks:
                unknown = [r for r in item.requires if r not in ids]
                if unknown:
                    raise ExerciseError(
                        f"{self.root}: check {item.id} requires {', '.join(unknown)}, "
                        "which the exercise does not define"
                    )
        self.stored_bugs()
        self._check_bug_files()
        try:
            from grader.sandbox.packages import allowed_packages

            allowed_packages(self.packages)
        except SandboxError as error:
            raise ExerciseError(f"{self.root}: {error}") from None
        if public_only or not self.has_hidden:
            return
        self.reference()
        for bug in self.bugs():
            try:
                bug.namespace()
            except Exception as exc:
                raise ExerciseError(
                    f"{bug.path}: the known bug cannot be run on top of the solution "
                    f"({type(exc).__name__}: {exc})"
                ) from None


def _reference(name: str, root: Path, course: Course | None) -> ModuleType:
    """The reference, imported once per process (every check asks for it)."""
    key = (name, root, course.root if course is not None else None)
    if key not in _REFERENCES:
        search = (root, *(course.search_path if course else ()))
        _REFERENCES[key] = import_reference(name, search)
    return _REFERENCES[key]


_REFERENCES: dict[tuple[str, Path, Path | None], ModuleType] = {}


def validate_manifest(data: dict[str, Any], where: str) -> None:
    """Raise ExerciseError unless ``data`` is a valid manifest."""
    check_data(data, "manifest", where, ExerciseError)


def _checks_of(path: Path, public: bool) -> list[Check]:
    from grader.checks.registry import collect_checks

    try:
        return collect_checks(path, public=public)
    except Exception as exc:  # an instructor's file that does not import
        raise ExerciseError(
            f"{path}: the checks cannot be imported ({type(exc).__name__}: {exc})"
        ) from None


@functools.cache
def _solution_module(exercise_id: str, filename: str, solution: str) -> ModuleType:
    """The solution as a module, when it is the reference (run once per process)."""
    module = ModuleType(f"solution_{exercise_id.replace('-', '_')}")
    try:
        exec(compile(solution, filename, "exec"), module.__dict__)
    except Exception as exc:
        raise ExerciseError(
            f"{filename}: the solution, which is the reference, cannot be run "
            f"({type(exc).__name__}: {exc})"
        ) from None
    return module


def _form_files(folder: Path) -> dict[str, list[Path]]:
    """The form files of ``bugs/`` (``<id>.<form>.py``) by the bug id they belong to."""
    forms: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.*.py")) if folder.is_dir() else []:
        forms.setdefault(path.stem.partition(".")[0], []).append(path)
    return forms


def _bug_ids(root: Path, listed: list[str]) -> tuple[str, ...]:
    """The manifest's bugs in its order, then every other file of bugs/ by name (a file
    ``<id>.<form>.py`` is a form of bug ``<id>``, not a bug of its own)."""
    folder = root / "bugs"
    files = folder.glob("*.py") if folder.is_dir() else []
    found = sorted(p.stem for p in files if "." not in p.stem)
    return (*listed, *(bug for bug in found if bug not in listed))


def load_exercise(root: Path, course: Course | None = None) -> Exercise:
    """Read and validate ``root/manifest.toml``; the course's defaults come first."""
    data = load_toml(root / MANIFEST, "manifest", ExerciseError)
    seed = data.get("seed", {})
    defaults = course or Course(root=root, name="", exercises_dir=root)
    exercise = Exercise(
        root=root,
        id=data["id"],
        title=data["title"],
        version=data["version"],
        student_file=data["student_file"],
        source_file=data["source"],
        reference_name=data["reference"],
        instructions_file=data["instructions"],
        required_names=tuple(data["required_names"]),
        points=float(data["points"]),
        limits=Limits(**{**defaults.limits, **data.get("limits", {})}),
        tolerances=Tolerances(**{**defaults.tolerances, **data.get("tolerances", {})}),
        seed_policy=seed.get("policy", "per-student"),
        seed_base=int(seed.get("base", 0)),
        public_checks=tuple(data["checks"]["public"]),
        hidden_checks=tuple(data["checks"].get("hidden", [])),
        bug_ids=_bug_ids(root, data.get("bugs", [])),
        course=course,
        declared_packages=tuple(data["packages"]) if "packages" in data else None,
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


def find_exercises(course: Course) -> dict[str, Path]:
    """Exercise folder name -> folder, for every folder of the course with a manifest."""
    if not course.exercises_dir.is_dir():
        raise UsageError(f"exercises directory {course.exercises_dir} does not exist")
    return {m.parent.name: m.parent for m in sorted(course.exercises_dir.glob(f"*/{MANIFEST}"))}


def in_bundle(submission: Path) -> Exercise | None:
    """The released bundle a submission sits in (a folder with a manifest), if any."""
    if (submission.parent / MANIFEST).is_file():
        return load_exercise(submission.parent)
    return None


def resolve_exercise(
    exercise_id: str | None, submission: Path | None, course: Course | None
) -> Exercise:
    """The exercise named, or the one whose student file matches the submission's name.

    Without a course, a submission that sits in a released bundle is graded against that
    bundle, which holds the public checks only.
    """
    if course is None:
        bundle = in_bundle(submission) if submission is not None else None
        if bundle is not None and exercise_id in (None, bundle.id):
            return bundle
        course = require_course()
    available = find_exercises(course)
    if exercise_id is not None:
        if exercise_id not in available:
            raise UsageError(
                f"unknown exercise {exercise_id!r}; available: {', '.join(available) or 'none'}"
            )
        return load_exercise(available[exercise_id], course)
    if submission is None:
        raise UsageError("name the exercise with --exercise")
    for root in available.values():
        exercise = load_exercise(root, course)
        if Path(exercise.student_file).stem == submission.stem:
            return exercise
    raise UsageError(
        f"cannot tell which exercise {submission.name} is for; pass --exercise "
        f"(one of: {', '.join(available)})"
    )
