"""Grading a batch on a Dask cluster: ``grade batch ... --scheduler ADDRESS``.

Dask's distributed scheduler places the tasks, retries those whose worker died on
another worker, and shows progress on its dashboard; we write no scheduler of our own.
``ADDRESS`` is a running scheduler (``tcp://host:8786``, started with ``dask
scheduler``) or ``local:N``, a LocalCluster of N worker processes on this machine.

What travels, and where it stays:

- The course, once per worker: the client packs it (``grader.coursepack``: course.toml,
  the exercises graded, their reference, hidden checks included) and scatters the
  archive to every worker. A worker unpacks it into a folder of its own, readable by its
  user only, loads the exercises there (checked against the pack's digest, so every
  worker grades with the client's course), and removes the folder when it stops. On the
  wire the archive is as protected as the cluster's comms: use Dask's TLS
  (``tls://`` addresses and its security settings) between machines.
- Each submission, as a task: its file's bytes, the student id and the exercise. The
  worker writes it into a private temporary folder, grades it with ``grade_file`` under
  the same sandbox rules and limits as a local batch (forking student processes from a
  warm sandbox where the backend allows), and returns the result document as JSON text.
- The client validates each document on arrival and writes it atomically, as a local
  batch does: resuming, ``--force`` and regrading what the grader failed on behave the
  same. A task whose worker died is run again elsewhere by Dask (up to its
  ``allowed-failures``); one that kills worker after worker becomes an error result,
  graded again by the next run.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.batch.jobs import BatchOptions, Job
from grader.coursepack import load_unpacked, pack_course, unpack
from grader.errors import UsageError
from grader.exercise import Exercise
from grader.sandbox.stale import grader_folder, sweep_stale

try:  # the cluster extra; this module is imported only for --scheduler
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - require_dask() says what to install
    WorkerPlugin = object  # type: ignore[misc,assignment]

LOCAL = "local:"
IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: enough to keep it busy, no more


@dataclass(frozen=True)
class Task:
    """One submission as it travels to a worker."""

    student: str
    exercise_id: str
    name: str  # the file's name: its suffix says .py or .ipynb
    data: bytes
    note: str = ""


def require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(
            '--scheduler needs Dask\'s distributed scheduler: pip install "numpy-grade[cluster]"'
        ) from None
    return distributed


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a LocalCluster for ``local:N``."""
    distributed = require_dask()
    cluster = None
    if address.startswith(LOCAL):
        try:
            workers = int(address.removeprefix(LOCAL))
        except ValueError:
            workers = 0
        if workers < 1:
            raise UsageError(f"--scheduler {address}: local:N needs a number of workers N >= 1")
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        address = cluster.scheduler_address
    try:
        client = distributed.Client(address, timeout="30s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"--scheduler {address}: cannot reach the scheduler ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def grade_on_cluster(
    todo: list[Job],
    exercises: dict[str, Exercise],
    options: BatchOptions,
    record: Callable[[Job, str], None],
    failed: Callable[[Job, str], str],
) -> None:
    """Grade ``todo`` on the cluster; ``record`` each result document as it arrives
    (``failed`` makes one for a task that could not be run)."""
    assert options.scheduler is not None
    distributed = require_dask()
    pack = pack_course(exercises[job.exercise_id] for job in _first_of_each(todo))
    archive = pack.tar()
    with connect(options.scheduler) as client:
        _same_version(client)
        client.register_plugin(GradeWorker(), name="grade")
        course = client.scatter(archive, broadcast=True, hash=False)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        queue = list(reversed(todo))
        running = distributed.as_completed()
        jobs: dict[str, Job] = {}

        def submit_next() -> None:
            job = queue.pop()
            try:
                data = job.path.read_bytes()
            except OSError as exc:  # gone or unreadable since it was found: graded again later
                record(job, failed(job, f"the submission could not be read: {exc}"))
                if queue:
                    submit_next()
                return
            task = Task(job.student, job.exercise_id, job.path.name, data, job.note)
            settings = {"sandbox": options.sandbox, "limits": options.limit_overrides}
            future = client.submit(grade_task, course, pack.digest, task, settings, pure=False)
            jobs[future.key] = job
            running.add(future)

        for _ in range(min(len(queue), workers * IN_FLIGHT_PER_WORKER)):
            submit_next()
        for future in running:
            job = jobs.pop(future.key)
            try:
                text = future.result()
            except Exception as exc:  # the worker died again and again, or the grader broke
                text = failed(job, f"the cluster could not grade it ({type(exc).__name__}: {exc})")
            record(job, text)
            future.release()
            if queue:
                submit_next()


def _same_version(client: Any) -> None:
    """Every worker must grade with this grader's version: results must not depend on
    which worker graded them."""
    from grader import __version__

    versions = client.run(_version)
    other = {worker: v for worker, v in versions.items() if v != __version__}
    if other:
        worker, version = next(iter(other.items()))
        raise UsageError(
            f"{len(other)} worker(s) run another version of the grader ({worker}: {version}; "
            f"this is {__version__}): install the same version everywhere"
        )


def _version() -> str:
    from grader import __version__

    return __version__


def _first_of_each(todo: list[Job]) -> list[Job]:
    return list({job.exercise_id: job for job in reversed(todo)}.values())


# -- on the worker ---------------------------------------------------------------------

_lock = threading.Lock()  # one submission at a time per worker process
_courses: dict[str, tuple[Path, dict[str, Exercise]]] = {}
_lifetime = contextlib.ExitStack()


class GradeWorker(WorkerPlugin):
    """A Dask worker plugin: fork student processes from warm sandboxes for the worker's
    lifetime, and remove the unpacked courses when it stops."""

    def setup(self, worker: Any) -> None:
        from grader.sandbox.zygote import reuse_sandboxes

        sweep_stale()  # what a worker killed on this machine before left behind
        _lifetime.enter_context(reuse_sandboxes())

    def teardown(self, worker: Any) -> None:
        with _lock:
            _lifetime.close()
            for folder, _ in _courses.values():
                shutil.rmtree(folder, ignore_errors=True)
            _courses.clear()


def _course(archive: bytes, digest: str, exercise_id: str) -> Exercise:
    """The exercise, from this worker's copy of the course (unpacked once)."""
    if digest not in _courses:
        folder = grader_folder("course")  # 0700: this user only
        try:
            if unpack(archive, folder).digest != digest:
                raise RuntimeError("the course archive arrived damaged")
            _courses[digest] = (folder, load_unpacked(folder, _exercise_ids(folder)))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return _courses[digest][1][exercise_id]


def _exercise_ids(folder: Path) -> list[str]:
    from grader.course import COURSE_FILE, exercises_folder, load_course
    from grader.exercise import find_exercises, load_exercise

    course = load_course(folder) if (folder / COURSE_FILE).is_file() else exercises_folder(folder)
    return [load_exercise(root, course).id for root in find_exercises(course).values()]


def grade_task(archive: bytes, digest: str, task: Task, settings: dict[str, Any]) -> str:
    """Grade one submission on this worker; the result document as JSON text."""
    from grader.grading import GradeOptions, grade_file
    from grader.result import render_document

    with _lock:
        exercise = _course(archive, digest, task.exercise_id)
        folder = grader_folder("task")
        try:
            path = folder / Path(task.name).name
            path.write_bytes(task.data)
            options = GradeOptions(
                student=task.student,
                sandbox=settings["sandbox"],
                limit_overrides=settings["limits"],
                notes=(task.note,) if task.note else (),
            )
            # The client validates it on arrival.
            return render_document(grade_file(exercise, path, options), validate=False)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
