"""Grading the jobs of a plan in a pool of worker processes, resumably."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import FrameType

from grader.batch import worker
from grader.batch.jobs import BatchOptions, BatchSummary, Job, Outcome, Plan, result_path
from grader.batch.results import error_result, lock, remove_temporaries, valid_outcome
from grader.exercise import Exercise
from grader.files import write_atomic
from grader.result import parse_result, render_document
from grader.sandbox.stale import sweep_stale


def run_batch(
    plan: Plan,
    exercises: dict[str, Exercise],
    results: Path,
    options: BatchOptions,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Grade what ``plan`` lists and has no valid result yet; write each result at once.

    ``on_start`` gets the number of submissions to grade, ``on_outcome`` each result
    as it is written. Ctrl-C (or SIGTERM) stops the workers and their sandboxes;
    finished results stay, and the summary says ``interrupted``. Started again, the
    batch grades the rest.
    """
    started = time.monotonic()
    sweep_stale()  # what a grader killed on this machine before left behind
    results.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    with lock(results), _sigterm_interrupts():
        remove_temporaries(results)
        todo: list[Job] = []
        regraded = 0
        for job in plan.jobs:
            done = None if options.force else valid_outcome(job, results)
            if done is not None and done.result.status == "error":
                regraded += 1  # the grader failed on it, not the student: grade it again
                done = None
            if done is None:
                todo.append(job)
            else:
                outcomes.append(done)

        def record(job: Job, text: str) -> None:
            path = result_path(results, job.exercise_id, job.student)
            try:
                result = parse_result(text)  # validated on arrival, before it is written
            except ValueError as exc:
                result = error_result(job, exercises, options, f"the grader failed: {exc}")
                text = render_document(result)
            write_atomic(path, text)
            done = Outcome(result, path, fresh=True)
            outcomes.append(done)
            if on_outcome is not None:
                on_outcome(done)

        if on_start is not None:
            on_start(len(todo))
        try:
            _grade_all(todo, exercises, options, record)
        except KeyboardInterrupt:
            seconds = time.monotonic() - started
            return BatchSummary(tuple(outcomes), seconds, interrupted=True, regraded=regraded)
        finally:  # a write that Ctrl-C cut short leaves its temporary file
            remove_temporaries(results)
    return BatchSummary(tuple(outcomes), time.monotonic() - started, regraded=regraded)


def _grade_all(
    todo: list[Job],
    exercises: dict[str, Exercise],
    options: BatchOptions,
    record: Callable[[Job, str], None],
) -> None:
    """Run the pool; when a worker dies, rerun the jobs it may have held one at a time.
    With a scheduler, Dask runs them instead (``grader.batch.cluster``)."""
    if not todo:
        return
    if options.scheduler is not None:
        from grader.batch.cluster import grade_on_cluster

        def failed(job: Job, message: str) -> str:
            return render_document(error_result(job, exercises, options, message))

        grade_on_cluster(todo, exercises, options, record, failed)
        return
    import numpy as np

    from grader.sandbox.backends import choose
    from grader.sandbox.procfs import set_undumpable

    np.random.default_rng(0)  # first-use costs paid once, before the workers fork
    if choose(options.sandbox).name == "process" and os.geteuid() != 0:
        set_undumpable()  # submissions run as this user: keep them out of its memory
    workers = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
    queue = deque(todo)
    while queue:
        for suspect in _run_pool(queue, workers, exercises, options, record):
            if _run_pool(deque([suspect]), 1, exercises, options, record):
                message = "the grader's worker process died while grading this submission"
                record(suspect, render_document(error_result(suspect, exercises, options, message)))


def _run_pool(
    queue: deque[Job],
    workers: int,
    exercises: dict[str, Exercise],
    options: BatchOptions,
    record: Callable[[Job, str], None],
) -> list[Job]:
    """Grade from ``queue`` until it is empty; return the jobs in flight if the pool broke.

    At most ``workers`` jobs are submitted at a time, so a broken pool names few suspects.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=worker.start, initargs=(os.getpid(),)
    )
    running: dict[Future[str], Job] = {}
    try:
        while queue or running:
            while queue and len(running) < workers:
                job = queue.popleft()
                exercise = exercises[job.exercise_id]
                with _interrupts_held():  # submit may fork a worker
                    future = pool.submit(worker.grade_job, job, exercise, options)
                running[future] = job
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = []
            for future in finished:
                job = running.pop(future)
                try:
                    text = future.result()
                except BrokenProcessPool:
                    broken.append(job)
                    continue
                except Exception as exc:  # a bug in the grader: record it, go on
                    failed = error_result(job, exercises, options, f"the grader failed: {exc!r}")
                    text = render_document(failed)
                record(job, text)
            if broken:
                return broken + list(running.values())
        return []
    except BaseException:
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers: each kills its sandboxed child before it exits."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C while the pool forks: Python swallows a KeyboardInterrupt raised in
    fork's handlers (and prints it), so it is delivered just after instead."""
    try:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError):  # not POSIX threads, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Treat SIGTERM to the parent like Ctrl-C (in the main thread only)."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
