"""Benchmark: grade against kernel-based execution and against the floor, in one run.

    python bench/run.py                 # full run (about four minutes on 2 cores)
    python bench/run.py --quick         # fewer repeats, a smaller class
    python bench/run.py --json out.json

Prints a table and the same figures as JSON: `grade submit` wall time per exercise
(.py and .ipynb, whole process) against `python -c "import numpy"`, `grade batch`
throughput with --jobs 1 and 2 on a generated class (half correct, half the known bugs),
against the floor of process-per-submission isolation on the same activations class
(floor.py), `grade batch --scheduler local:N` (a Dask LocalCluster) against the local
pool (cluster.py), the cost of one call into the student process, and the baseline: the
same notebooks executed by nbclient with a Jupyter kernel (the `bench` extra),
sequentially and with two workers. Every ratio is between figures of this run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from cluster import dask_figures, time_batch
from floor import fork_floor

from grader.course import load_course
from grader.exercise import find_exercises, load_exercise
from grader.limits import Limits
from grader.release import notebook_text
from grader.sandbox.backends import choose
from grader.sandbox.process import StudentProcess

EXERCISES = ("activations", "vectorized-forward", "forum-backprop")
REPO = Path(__file__).resolve().parents[1]  # the demo course


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "n": len(samples),
    }


def make_files(work: Path) -> dict[str, dict[str, Path]]:
    """Correct .py and .ipynb submissions of each exercise."""
    files: dict[str, dict[str, Path]] = {}
    course = load_course(REPO)
    roots = find_exercises(course)
    for exercise_id in EXERCISES:
        exercise = load_exercise(roots[exercise_id], course)
        folder = work / exercise_id
        folder.mkdir(parents=True)
        stem = Path(exercise.student_file).stem
        py = folder / exercise.student_file
        py.write_text(exercise.solution())
        nb = folder / f"{stem}.ipynb"
        nb.write_text(notebook_text(exercise, exercise.solution()))
        files[exercise_id] = {"py": py, "ipynb": nb}
        if exercise_id == "activations":  # what a course-declared package costs to import
            plots = folder / "plots" / f"{stem}.ipynb"
            plots.parent.mkdir()
            code = "import matplotlib.pyplot as plt\n\n" + exercise.solution()
            plots.write_text(notebook_text(exercise, code))
            files[exercise_id]["ipynb+matplotlib"] = plots
    return files


def time_submit(path: Path, exercise_id: str, repeat: int) -> dict[str, float]:
    samples, student = [], []
    out = path.parent / "result.json"
    command = [
        sys.executable,
        "-m",
        "grader",
        "submit",
        str(path),
        "--exercise",
        exercise_id,
        "--format",
        "json",
        "-o",
        str(out),
    ]
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"grade submit failed on {path}: {done.stderr.decode()[-500:]}")
        student.append(json.loads(out.read_text())["extra_data"]["timings"]["student"])
    figures = stats(samples)
    figures["student_fraction"] = statistics.median(student) / figures["median"]
    return figures


def round_trips(backend_name: str) -> dict[str, dict[str, float]]:
    process = StudentProcess(choose(backend_name), Limits())
    try:
        process.wait_ready(60)
        process.request(
            {"op": "load", "source": "def f(x):\n    return x\n", "filename": "bench.py"}, 20
        )

        def call(value: Any) -> float:
            started = time.perf_counter()
            reply = process.request(
                {"op": "call", "target": None, "name": "f", "args": [value], "kwargs": {}}, 20
            )
            elapsed = time.perf_counter() - started
            if reply.get("ok") is not True or np.shape(reply["value"]) != np.shape(value):
                raise SystemExit(f"round trip failed: {reply}")
            return elapsed

        scalar = [call(1.5) for _ in range(2000)]
        big = np.random.default_rng(0).standard_normal((1000, 1000))
        array = [call(big) for _ in range(30)]
    finally:
        process.kill()
    return {
        "scalar_ms": {k: v * 1000 if k != "n" else v for k, v in stats(scalar).items()},
        "array_1000x1000_ms": {k: v * 1000 if k != "n" else v for k, v in stats(array).items()},
    }


def time_numpy(repeat: int) -> dict[str, float]:
    """`python -c "import numpy"`, whole process: what any Python grader starts from."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        samples.append(time.perf_counter() - started)
    return stats(samples)


def make_class(work: Path, exercise_id: str, size: int) -> Path:
    """A folder-of-folders class: correct submissions and every known bug, in turn."""
    course = load_course(REPO)
    exercise = load_exercise(find_exercises(course)[exercise_id], course)
    variants = [exercise.solution()] + [bug.source for bug in exercise.bugs()]
    folder = work / f"class-{exercise_id}"
    for i in range(size):
        student = folder / f"student{i:04d}"
        student.mkdir(parents=True)
        text = variants[0] if i % 2 == 0 else variants[1 + (i // 2) % (len(variants) - 1)]
        (student / exercise.student_file).write_text(text)
    return folder


def _execute_notebook(path: str) -> float:
    import nbclient
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [
        c for c in notebook.cells if "skip-grading" not in c.get("metadata", {}).get("tags", [])
    ]
    started = time.perf_counter()
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    return time.perf_counter() - started


def baseline(notebooks: list[Path], count: int) -> dict[str, Any]:
    """nbclient with a fresh kernel per notebook, sequential and two workers."""
    paths = [str(notebooks[i % len(notebooks)]) for i in range(count)]
    started = time.perf_counter()
    sequential = [_execute_notebook(p) for p in paths]
    wall_1 = time.perf_counter() - started
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_execute_notebook, paths))
    wall_2 = time.perf_counter() - started
    return {
        "per_notebook": stats(sequential),
        "notebooks": count,
        "per_second_jobs1": count / wall_1,
        "per_second_jobs2": count / wall_2,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller class")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--sandbox", default="auto")
    args = parser.parse_args()
    repeat, size, kernels = (3, 60, 6) if args.quick else (9, 200, 16)
    backend = choose(args.sandbox).name
    figures: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "sandbox": backend,
        },
    }
    with tempfile.TemporaryDirectory(prefix="grade-bench-") as folder:
        work = Path(folder)
        files = make_files(work)
        figures["submit"] = {
            f"{ex}.{kind}": time_submit(path, ex, repeat)
            for ex, kinds in files.items()
            for kind, path in kinds.items()
        }
        figures["numpy_import"] = time_numpy(repeat)
        figures["round_trip"] = round_trips(args.sandbox)
        figures["batch"] = {}
        for ex in EXERCISES:
            klass = make_class(work, ex, size)
            runs = {f"jobs{j}": time_batch(klass, ex, "--jobs", str(j)) for j in (1, 2)}
            figures["batch"][ex] = runs
            if ex == "activations":
                figures["floor"] = fork_floor(sorted(klass.rglob("*.py")))
                figures["dask"] = dask_figures(klass, ex, runs)
        try:
            figures["baseline"] = baseline([kinds["ipynb"] for kinds in files.values()], kernels)
        except ImportError:
            figures["baseline"] = None
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def report(figures: dict[str, Any]) -> None:
    m = figures["machine"]
    print(f"machine: {m['cpus']} cpus, Python {m['python']}, sandbox {m['sandbox']}")
    base = figures.get("baseline")
    base_nb = base["per_notebook"]["median"] if base else None
    numpy_s = figures["numpy_import"]["median"]
    print(
        "\ngrade submit, whole process (s)        median    min    max  student  x numpy"
        + ("  ours/kernel" if base else "")
    )
    for name, s in figures["submit"].items():
        ratio = f"  {s['median'] / base_nb:11.2f}" if base_nb else ""
        print(
            f"  {name:34s} {s['median']:7.3f} {s['min']:6.3f} {s['max']:6.3f}"
            f"  {s['student_fraction']:6.0%}  {s['median'] / numpy_s:7.2f}{ratio}"
        )
    print(f'  (x numpy: against python -c "import numpy", {numpy_s:.3f} s in this run;')
    print("   student: the share of the wall time spent running the submission's own code)")
    rt = figures["round_trip"]
    print(
        f"\none call into the student process: scalar {rt['scalar_ms']['median']:.3f} ms, "
        f"1000x1000 float64 {rt['array_1000x1000_ms']['median']:.1f} ms (medians)"
    )
    print(
        "\ngrade batch (submissions/s)        jobs 1   jobs 2"
        + ("   x kernel (jobs 2)" if base else "")
    )
    for ex, runs in figures["batch"].items():
        r1, r2 = runs["jobs1"]["per_second"], runs["jobs2"]["per_second"]
        ratio = f"   {r2 / base['per_second_jobs2']:10.1f}" if base else ""
        print(f"  {ex:30s} {r1:8.1f} {r2:8.1f}{ratio}")
    floor = figures["floor"]
    ours = figures["batch"]["activations"]["jobs2"]["per_second"]
    ratio = ours / floor["per_second"]
    print(
        f"\nfloor (fork per submission, 2 at a time, same {floor['submissions']} activations "
        f"files): {floor['per_second']:.0f}/s; grade batch --jobs 2 is {ratio:.2f}x it"
    )
    dask = figures.get("dask")
    if dask:
        print("\ngrade batch --scheduler local:N (Dask LocalCluster), activations")
        for name, run in dask.items():
            workers = name.removeprefix("workers")
            pool = figures["batch"]["activations"][f"jobs{workers}"]["per_second"]
            print(
                f"  {workers} worker(s): {run['per_second']:6.1f}/s against the pool's "
                f"{pool:.1f}/s; {run['overhead_per_task_ms']:+.1f} ms per task (cluster start "
                "included)"
            )
        print("  (2 cores: more workers than cores cannot go faster here)")
    else:
        print("\nDask skipped: install the cluster extra (pip install -e '.[cluster]')")
    if base:
        print(
            f"\nbaseline: nbclient + kernel, {base['notebooks']} notebooks: "
            f"{base_nb:.3f} s per notebook (median); "
            f"{base['per_second_jobs1']:.2f}/s sequential, {base['per_second_jobs2']:.2f}/s "
            "with 2 workers"
        )
    else:
        print("\nbaseline skipped: install the bench extra (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
