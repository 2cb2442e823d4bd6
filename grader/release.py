"""The student bundle of an exercise: template (.py and .ipynb), public checks, instructions.

A bundle is itself an exercise folder whose manifest lists the public checks only, so
``grade check`` runs in it. Before anything is written, the bundle is scanned for
solution code, hidden checks and known-bug code; a leak stops the release.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from grader.checkrun import CHECKING_STUDENT, derive_seed, replay_local
from grader.checks.evidence import EVIDENCE_FILE, StoredBug, evidence_text
from grader.deploy.classroom import WORKFLOW, classroom_workflow
from grader.errors import ExerciseError, UsageError
from grader.exercise import MANIFEST, NO_REFERENCE, Exercise
from grader.files import write_atomic
from grader.template import split_cells
from grader.validation import schema

CHECK_TAG = "skip-grading"
# The template as released, kept apart from the file the student edits: it tells an edited
# file from an untouched one, and it is the provided code checks compare with.
PRISTINE = ".grade"
BUNDLE_MARK = "# The student bundle of this exercise: public checks only."


def split_markdown(text: str) -> list[str]:
    """Split instructions into cells at level-2 headings."""
    parts = re.split(r"(?m)^(?=## )", text)
    return [p.strip("\n") for p in parts if p.strip()]


def build_notebook(exercise: Exercise, code: str) -> Any:
    """A notebook: instruction cells, then the code cells, then a cell running the checks."""
    import nbformat
    from nbformat import v4

    notebook_name = Path(exercise.student_file).stem + ".ipynb"
    cells = [v4.new_markdown_cell(part) for part in split_markdown(exercise.instructions())]
    cells += [v4.new_code_cell(part) for part in split_cells(code)]
    cells.append(
        v4.new_markdown_cell(
            "## Check your work\n\nSave the notebook, then run the cell below: it runs the "
            "public checks on the saved file (the grader ignores this cell)."
        )
    )
    cells.append(v4.new_code_cell(f"!grade check {notebook_name}", metadata={"tags": [CHECK_TAG]}))
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return notebook


def notebook_text(exercise: Exercise, code: str) -> str:
    import nbformat

    text: str = nbformat.writes(build_notebook(exercise, code))
    return text


def _student_readme(exercise: Exercise) -> str:
    stem = Path(exercise.student_file).stem
    return f"""# {exercise.title}

Work in `{exercise.student_file}` or in the notebook `{stem}.ipynb` (either one):
the instructions are in `instructions.md` and at the top of the notebook.

## Check your work

    pip install numpy-grade    # once: the grader (the `grade` command)
    grade check {exercise.student_file}      # or: grade check {stem}.ipynb

`grade check` runs the public checks in `checks/` on your file, in a sandbox, and
explains every failure. Hidden checks run when you submit.

## Submit

Submit `{exercise.student_file}` or `{stem}.ipynb` as your course tells you (for
example to Gradescope, or by pushing to your course repository).
"""


def _bundle_manifest(exercise: Exercise) -> str:
    """A manifest of the public checks only, with every setting resolved (the course's
    defaults included), so that the bundle grades alone, outside the course."""
    public = ", ".join(_toml("checks/" + Path(p).name) for p in exercise.public_checks)
    settable = schema("manifest")["properties"]["limits"]["properties"]
    lines = [
        BUNDLE_MARK,
        f"id = {_toml(exercise.id)}",
        f"title = {_toml(exercise.title)}",
        f"version = {_toml(exercise.version)}",
        f"student_file = {_toml(exercise.student_file)}",
        f"source = {_toml(f'{PRISTINE}/{exercise.student_file}')}",
        f"reference = {_toml(NO_REFERENCE)}",
        'instructions = "instructions.md"',
        f"required_names = [{', '.join(_toml(n) for n in exercise.required_names)}]",
        f"points = {sum(c.points for c in exercise.checks(public_only=True)):g}",
        *(
            [f"packages = [{', '.join(_toml(p) for p in exercise.packages)}]"]
            if exercise.packages is not None
            else []
        ),
        "",
        "[limits]",
        *(f"{k} = {_toml(v)}" for k, v in asdict(exercise.limits).items() if k in settable),
        "",
        "[tolerances]",
        *(f"{k} = {_toml(v)}" for k, v in asdict(exercise.tolerances).items()),
        "",
        "[seed]",
        f"policy = {_toml(exercise.seed_policy)}",
        f"base = {exercise.seed_base}",
        "",
        "[checks]",
        f"public = [{public}]",
    ]
    return "\n".join(lines) + "\n"


def _public_evidence(exercise: Exercise) -> str:
    """What each known bug does on each public check, with the inputs `grade check` uses."""
    checks = exercise.checks(public_only=True)
    stored = []
    for bug in exercise.bugs():
        transcripts = {}
        for check in checks:
            if not check.misconceptions:
                continue
            seed = derive_seed(exercise, CHECKING_STUDENT, check.id)
            failed, transcript = replay_local(check, exercise, seed, bug.namespace(), bug.source)
            if failed:
                transcripts[check.id] = transcript
        if transcripts:
            stored.append(StoredBug(bug.id, bug.title, bug.explanation, transcripts, bug.form))
    return evidence_text(stored)


def _is_bundle(folder: Path) -> bool:
    manifest = folder / MANIFEST
    return manifest.is_file() and manifest.read_text().startswith(BUNDLE_MARK)


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


@dataclass(frozen=True)
class Bundle:
    """The files of a student bundle, by relative path."""

    exercise: Exercise
    files: dict[str, str]


def make_bundle(exercise: Exercise, ci: str | None = None) -> Bundle:
    """The bundle's files; ``ci="github"`` adds the GitHub Classroom workflow."""
    template = exercise.template()
    stem = Path(exercise.student_file).stem
    files = {
        exercise.student_file: template,
        f"{PRISTINE}/{exercise.student_file}": template,
        f"{stem}.ipynb": notebook_text(exercise, template),
        "instructions.md": exercise.instructions(),
        "README.md": _student_readme(exercise),
        MANIFEST: _bundle_manifest(exercise),
        EVIDENCE_FILE: _public_evidence(exercise),
    }
    for name in exercise.public_checks:
        files["checks/" + Path(name).name] = (exercise.root / name).read_text()
    if ci == "github":
        files[WORKFLOW] = classroom_workflow(exercise)
    return Bundle(exercise, files)


def _secret_lines(exercise: Exercise) -> set[str]:
    """Lines that must never reach students: solution-only code, hidden checks, bug code."""
    template = {line.strip() for line in exercise.template().splitlines()}
    public = {
        line.strip()
        for name in exercise.public_checks
        for line in (exercise.root / name).read_text().splitlines()
    }
    candidates = [line for line in exercise.solution().splitlines() if line.strip() not in template]
    for name in exercise.hidden_checks:
        candidates += (exercise.root / name).read_text().splitlines()
    for bug in exercise.bugs():
        candidates += bug.code.splitlines()
    return {
        line.strip()
        for line in candidates
        if _is_code(line) and line.strip() not in template and line.strip() not in public
    }


def _is_code(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) < 12 or stripped.startswith(("#", '"""', "import ", "from ", "@")):
        return False
    return stripped not in {"return", "pass", "else:", "try:"}


def find_leaks(bundle: Bundle) -> list[str]:
    """Every secret line found in the bundle, as ``file: line``."""
    secrets = _secret_lines(bundle.exercise)
    leaks = []
    for name, text in bundle.files.items():
        if name.endswith(".ipynb"):
            text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
        lines = {line.strip() for line in text.splitlines()}
        leaks += [f"{name}: {line}" for line in sorted(secrets & lines)]
    return leaks


def release(exercise: Exercise, out: Path, ci: str | None = None) -> Path:
    """Write the bundle of ``exercise`` under ``out/<id>`` and return that folder."""
    bundle = make_bundle(exercise, ci)
    leaks = find_leaks(bundle)
    if leaks:
        raise ExerciseError(
            f"{exercise.id}: the bundle would reveal solution or hidden code:\n  "
            + "\n  ".join(leaks[:10])
        )
    target = out / exercise.id
    if target.exists():
        if not _is_bundle(target):
            raise UsageError(
                f"{target} exists and is not a bundle made by grade release: "
                "remove it or choose another --out"
            )
        shutil.rmtree(target)  # an earlier release of this bundle
    for name, text in bundle.files.items():
        write_atomic(target / name, text)
    return target
