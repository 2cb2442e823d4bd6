"""A course is a folder: finding it, scaffolding it, importing its reference by path,
refusing a misconfigured one before anyone is graded, and a wheel that carries none."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import EXERCISES, REPO

from grader.course import ENVIRONMENT, find_course, load_course
from grader.errors import CourseError, ExerciseError
from grader.exercise import find_exercises, load_exercise
from grader.template import render

GRADE = [sys.executable, "-m", "grader"]


def grade(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed `grade` in ``cwd``, with no course named and no PYTHONPATH."""
    clean = {k: v for k, v in os.environ.items() if k not in (ENVIRONMENT, "PYTHONPATH")}
    return subprocess.run(
        [*GRADE, *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A new course with one scaffolded exercise, outside the checkout."""
    done = grade(tmp_path, "init", "c")
    assert done.returncode == 0, done.stderr
    done = grade(tmp_path / "c", "new", "double-it")
    assert done.returncode == 0, done.stderr
    return tmp_path / "c"


# -- finding the course -----------------------------------------------------------------


def test_the_course_is_found_from_option_then_environment_then_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        (tmp_path / name / "exercises").mkdir(parents=True)
        (tmp_path / name / "course.toml").write_text(f'[course]\nname = "{name}"\n')
    inner = tmp_path / "b" / "exercises" / "deep"
    inner.mkdir()
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    found = find_course(cwd=inner)
    assert found is not None and found.name == "b"
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "a"))
    found = find_course(cwd=inner)
    assert found is not None and found.name == "a"
    found = find_course(tmp_path / "b", cwd=inner)
    assert found is not None and found.name == "b"
    monkeypatch.delenv(ENVIRONMENT)
    assert find_course(cwd=tmp_path) is None


def test_outside_any_course_commands_say_how_to_name_one(tmp_path: Path) -> None:
    (tmp_path / "toy.py").write_text("x = 1\n")
    for args in (["submit", "toy.py"], ["validate"], ["batch", ".", "--out", "r"]):
        done = grade(tmp_path, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert "--course" in done.stderr and "GRADE_COURSE" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "r").exists()


def test_an_invalid_course_toml_is_refused_with_the_place(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "course.toml").write_text('[course]\nname = "x"\nprefer = "latest"\n')
    with pytest.raises(CourseError, match=r"course\.toml at course\.prefer"):
        load_course(tmp_path)


def test_course_defaults_come_first_and_the_manifest_wins(tmp_path: Path) -> None:
    shutil.copytree(EXERCISES / "toy", tmp_path / "exercises" / "toy")
    (tmp_path / "course.toml").write_text(
        '[course]\nname = "x"\n[defaults.limits]\ncpu_seconds = 7\ncall_seconds = 9\n'
        "[defaults.tolerances]\nrtol = 0.5\n"
    )
    course = load_course(tmp_path)
    exercise = load_exercise(find_exercises(course)["toy"], course)
    assert exercise.limits.cpu_seconds == 7  # the course's
    assert exercise.limits.call_seconds == 2  # the manifest's own
    assert exercise.tolerances.rtol == 0.5


# -- the instructor's path, outside the checkout ------------------------------------------


@pytest.mark.slow
def test_init_new_validate_release_and_check_outside_the_checkout(course: Path) -> None:
    done = grade(course, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "double-it 1.0: ok" in done.stdout
    assert "bug gradient-sign" in done.stdout and "named by" in done.stdout  # what it proved
    assert "the template scores 0/4" in done.stdout
    done = grade(course, "release", "double-it", "--out", "rel")
    assert done.returncode == 0, done.stderr
    bundle = course / "rel" / "double-it"
    assert "pip install numpy-grade" in (bundle / "README.md").read_text()
    outside = course.parent / "student"
    shutil.copytree(bundle, outside)  # the student has the bundle and the tool, no course
    done = grade(outside, "check", "double_it.py")
    assert done.returncode == 1, done.stderr  # the template fails its public check
    assert "scale multiplies every entry by w" in done.stdout
    solution = (course / "exercises" / "double-it" / "source.py").read_text()
    (outside / "double_it.py").write_text(render(solution, "solution"))
    done = grade(outside, "check", "double_it.py")
    assert done.returncode == 0, done.stdout


def test_new_refuses_a_bad_id_and_an_existing_exercise(course: Path) -> None:
    for bad in ("Double", "1x", "a_b"):
        done = grade(course, "new", bad)
        assert done.returncode == 2 and "not an exercise id" in done.stderr
    done = grade(course, "new", "double-it")
    assert done.returncode == 2 and "exists already" in done.stderr
    done = grade(course, "init", ".")
    assert done.returncode == 2 and "a course already" in done.stderr


# -- a misconfigured course stops before anyone is graded --------------------------------


def _class_of_two(root: Path, course: Path) -> Path:
    solution = (course / "exercises" / "double-it" / "source.py").read_text()
    for student in ("ann", "bob"):
        (root / student).mkdir(parents=True)
        (root / student / "double_it.py").write_text(solution)
    return root


@pytest.mark.slow
@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ("reference-missing", "reference.py"),
        ("reference-raises", "reference.py"),
        ("checks-broken", "hidden.py"),
        ("bug-broken", "gradient-sign.py"),
    ],
)
def test_a_misconfigured_course_is_exit_2_before_anyone_is_graded(
    course: Path, tmp_path: Path, breakage: str, named: str
) -> None:
    folder = course / "exercises" / "double-it"
    submissions = _class_of_two(tmp_path / "class", course)
    if breakage == "reference-missing":
        (folder / "reference.py").unlink()
    elif breakage == "reference-raises":
        (folder / "reference.py").write_text("import numpy as np\nraise RuntimeError('oops')\n")
    elif breakage == "checks-broken":
        (folder / "checks" / "hidden.py").write_text("from grader.checks import nothing\n")
    else:
        (folder / "bugs" / "gradient-sign.py").write_text('"""t\n\ne\n"""\nundefined_name\n')
    done = grade(course, "batch", str(submissions), "--out", str(tmp_path / "results"))
    assert done.returncode == 2, done.stderr
    assert named in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "results").rglob("*.json"))  # nobody was graded
    done = grade(course, "submit", str(submissions / "ann" / "double_it.py"))
    assert done.returncode == 2 and named in done.stderr, done.stderr
    done = grade(course, "validate")
    assert done.returncode == 2 and named in done.stderr, done.stderr


def test_the_reference_is_found_beside_the_manifest_in_the_course_or_as_the_solution(
    tmp_path: Path,
) -> None:
    demo = load_course(REPO)
    activations = load_exercise(find_exercises(demo)["activations"], demo)
    assert activations.reference().relu.__module__ == "reference.activations"  # course root
    toy = load_exercise(EXERCISES / "toy")
    assert toy.reference().double(2.0) == 4.0  # reference = "solution"
    copy = tmp_path / "exercises" / "toy"
    shutil.copytree(EXERCISES / "toy", copy)
    (copy / "ce_reference.py").write_text("def double(x):\n    return 2 * x\n")
    manifest = copy / "manifest.toml"
    manifest.write_text(manifest.read_text().replace('"solution"', '"ce_reference"'))
    (tmp_path / "course.toml").write_text('[course]\nname = "t"\n')
    course = load_course(tmp_path)
    assert load_exercise(copy, course).reference().double(3) == 6  # beside the manifest
    manifest.write_text(manifest.read_text().replace('"ce_reference"', '"nowhere_at_all"'))
    with pytest.raises(ExerciseError, match="nowhere_at_all"):
        load_exercise(copy, course).reference()


# -- what students get ---------------------------------------------------------------------


def test_the_wheel_carries_no_course_content(tmp_path: Path) -> None:
    # Built from a copy of the checkout (course content included): a build writes into
    # the source folder, which may not be ours; caches and git's folder are left out.
    source = tmp_path / "source"
    shutil.copytree(
        REPO, source, ignore=shutil.ignore_patterns(".*", "*.egg-info", "build", "__pycache__")
    )
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = glob.glob(str(tmp_path / "*.whl"))
    assert Path(wheel).name.startswith("numpy_grade-")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        contents = {hashlib.sha256(archive.read(n)).hexdigest() for n in names}
    outside = [n for n in names if not n.startswith(("grader/", "numpy_grade-"))]
    assert outside == []
    course = [
        p
        for folder in ("exercises", "reference", "examples")
        for p in (REPO / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.stat().st_size > 100
    ]
    assert len(course) > 40
    leaked = [str(p) for p in course if hashlib.sha256(p.read_bytes()).hexdigest() in contents]
    assert leaked == []
    assert not any("hidden" in n for n in names if not n.startswith("grader/skeleton/"))


def _solution_with(bug: str) -> str:
    source = (REPO / "exercises" / "activations" / "source.py").read_text()
    return render(source, "solution") + "\n" + bug


@pytest.mark.slow
def test_grade_check_in_a_bundle_names_the_misconception_of_a_public_check(
    tmp_path: Path,
) -> None:
    done = grade(tmp_path, "release", "activations", "--course", str(REPO), "--out", "rel")
    assert done.returncode == 0, done.stderr
    bundle = tmp_path / "rel" / "activations"
    evidence = json.loads((bundle / "known-bugs.json").read_text())
    assert "relu-derivative-is-relu" in {b["id"] for b in evidence["bugs"]}
    code = (REPO / "exercises" / "activations" / "bugs" / "relu-derivative-is-relu.py").read_text()
    assert "def " not in (bundle / "known-bugs.json").read_text()  # no bug code
    (bundle / "activations.py").write_text(_solution_with(code))
    done = grade(bundle, "check", "activations.py")
    assert done.returncode == 1
    assert "Likely misconception: ReLU derivative computed as max(z, 0)" in done.stdout


# -- which of a student's files is graded -------------------------------------------------


def test_the_file_the_student_edited_is_graded_and_the_result_says_why(
    course: Path, tmp_path: Path
) -> None:
    from grader.batch import discover, load_exercises
    from grader.locate import choose
    from grader.release import notebook_text

    demo = load_course(course)
    exercise = load_exercise(find_exercises(demo)["double-it"], demo)
    folder = tmp_path / "class" / "ann"
    folder.mkdir(parents=True)
    py, notebook = folder / "double_it.py", folder / "double_it.ipynb"
    py.write_text(exercise.template())  # untouched
    notebook.write_text(notebook_text(exercise, exercise.solution()))  # worked in
    plan = discover(tmp_path / "class", load_exercises(demo))
    (job,) = plan.jobs
    assert job.path == notebook and "unchanged template" in job.note
    (job,) = discover(tmp_path / "class", load_exercises(demo), prefer="py").jobs
    assert job.path == py and "the course grades .py files" in job.note
    py.write_text(exercise.solution())  # both edited: the newer one
    os.utime(notebook, (1_000_000, 1_000_000))
    choice = choose([py, notebook], exercise)
    assert choice.path == py and "changed last" in choice.reason
    assert choose([py, notebook], exercise, prefer="ipynb").path == notebook
