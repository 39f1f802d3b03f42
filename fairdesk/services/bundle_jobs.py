"""Writing employers' bundles, one after the other or several at once.

A :class:`BundleJob` is everything one employer's bundle needs besides the
event file, as plain picklable data. :func:`run_jobs` writes them on this
thread and, when the event is a file and the machine has cores to spare, also
in worker processes: each worker opens its own read-only use of the event file
(SQLite connections never cross processes) and writes whole bundles, so
memory stays one bundle per process. This thread keeps writing too, so the
workers' start-up overlaps real work. Progress and cancel cross the
process boundary through a queue and an event.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fairdesk.domain.rules import zone
from fairdesk.exports.bundle_model import BundleCandidate, BundleHeader, Cancelled
from fairdesk.exports.bundle_writer import prepare, write_bundle
from fairdesk.storage import export_rows, resumes
from fairdesk.storage import interviews as interview_rows
from fairdesk.storage.export_rows import BundleRow
from fairdesk.storage.store import EventStore, open_event_file

Progress = Callable[[int, int, str], None]  # done, total, employer being written
Cancel = Callable[[], bool]

PARALLEL_FROM = 300  # fewer candidates than this: not worth starting a process


@dataclass(frozen=True)
class BundleJob:
    employer_id: str
    employer: str
    target: Path
    header: BundleHeader
    shortlist_only: bool
    timezone: str
    with_day: bool  # visit times show the day (fairs over several days)
    size: int       # candidates expected, for scheduling and progress


def write_job(store: EventStore, job: BundleJob, progress: Callable[[int], None] | None = None,
              cancel: Cancel | None = None) -> dict[str, Any]:
    """Write one bundle; raises :class:`Cancelled` when cancelled."""
    rows = export_rows.bundle_rows(store, job.employer_id, job.shortlist_only)
    booked = interview_rows.booked_by_candidate(store, job.employer_id)
    shas = {r.candidate.id: r.candidate.resume_sha for r in rows}

    def fetch(candidate: BundleCandidate) -> bytes | None:
        sha = shas.get(candidate.key)
        return resumes.get(store, sha) if sha else None

    step = None if progress is None else (lambda done, _total: progress(done))
    people = [candidate(r, job, booked.get(r.candidate.id)) for r in rows]
    result = write_bundle(job.target, job.header, people, fetch,
                          progress=step, cancel=cancel)
    return {"employer_id": job.employer_id, "employer": job.employer, **result.as_dict()}


def candidate(row: BundleRow, job: BundleJob,
              interview: tuple[date, str, str, str] | None = None) -> BundleCandidate:
    """What the bundle may show: contact details and résumé only with consent;
    ``interview``: the (day, start, end, room) of their booking at this employer."""
    c, v = row.candidate, row.visit
    when, at = "", ""
    if interview is not None:
        day, start, end, room = interview
        when = " · ".join(p for p in (f"{day:%a %d %b}", f"{start}–{end}", room) if p)
        at = f"{day.isoformat()} {start}"
    return BundleCandidate(
        key=c.id, ref=c.ref, first_name=c.first_name, last_name=c.last_name,
        consent=c.consent, email=c.email if c.consent else "",
        phone=c.phone if c.consent else "", roles=c.roles, languages=c.languages,
        education=c.education, district=c.district, experience=c.experience,
        walk_in=c.walk_in, visit_time=_local(v.first_seen, job), seen=v.seen_count,
        rating=v.rating, tags=v.tags, notes=v.notes, shortlist=v.shortlist,
        has_resume=c.consent and c.resume_sha is not None,
        resume_name=row.resume_name, resume_mime=row.resume_mime, interview=when,
        interview_at=at,
    )


def _local(at: datetime, job: BundleJob) -> str:
    moment = at.astimezone(zone(job.timezone))
    return f"{moment:%a %d %b %H:%M}" if job.with_day else f"{moment:%H:%M}"


def worker_count(jobs: list[BundleJob], path: Path | None) -> int:
    """Processes worth using: one per core we may run on, no more than bundles (nor 4),
    none for small work or an event in memory (nothing a worker could open)."""
    if path is None or len(jobs) < 2 or sum(j.size for j in jobs) < PARALLEL_FROM:
        return 1
    return max(1, min(_cores(), len(jobs), 4))


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_jobs(store: EventStore, jobs: list[BundleJob], *, workers: int = 1,
             progress: Progress | None = None, cancel: Cancel | None = None,
             results: list[dict[str, Any]]) -> bool:
    """Write every job, appending each finished bundle to ``results`` (in any order).

    Returns True if cancelled (finished bundles stay). An error in any bundle
    stops the others and is raised once they have stopped.
    """
    runner = _Runner(jobs, progress, cancel, results)
    if workers <= 1 or store.path is None:
        return runner.run_here(store)
    return runner.run_parallel(store, store.path, workers - 1)


class _Runner:
    def __init__(self, jobs: list[BundleJob], progress: Progress | None, cancel: Cancel | None,
                 results: list[dict[str, Any]]) -> None:
        # largest first, so the last bundles to finish are small ones
        self.todo = deque(sorted(jobs, key=lambda j: -j.size))
        self.total = sum(j.size for j in jobs)
        self.progress, self.cancel, self.results = progress, cancel, results
        self.done: dict[str, int] = {}
        self.cancelled = False
        self.running: dict[Future[dict[str, Any]], BundleJob] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.workers = 0
        self.broken = False
        self.stop_workers: Any = None  # the workers' cancel event
        self.started = False  # a worker has reported progress
        self.reported: tuple[int, str] = (-1, "")
        self.events: Any = None  # the workers' progress queue

    def run_here(self, store: EventStore) -> bool:
        while self.todo and not self._stop():
            job = self.todo.popleft()
            try:
                self.results.append(write_job(store, job, self._step(job), self._stop))
            except Cancelled:
                self.cancelled = True
        return self.cancelled

    def run_parallel(self, store: EventStore, path: Path, workers: int) -> bool:
        context = multiprocessing.get_context(_start_method())
        prepare()  # once, here: a forked worker inherits the loaded fonts
        if self._stop():
            return True
        stop, self.events = context.Event(), context.Queue()
        self.workers, self.stop_workers = workers, stop
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                        initargs=(str(path), stop, self.events))
        try:
            self._top_up()
            while True:
                self.run_here(store)
                while self.running:  # this thread is done: wait for the workers
                    wait(self.running, timeout=0.05, return_when=FIRST_COMPLETED)
                    self._poll(timeout=0)
                    self._stop()
                if not self.todo or self.cancelled:
                    break  # else a broken pool handed its bundles back
        except BaseException:
            stop.set()
            raise
        finally:
            self._drain()  # a worker cannot exit with its progress still unread
            self.pool.shutdown(wait=True, cancel_futures=True)
            self._drain()
        return self.cancelled

    def _step(self, job: BundleJob) -> Callable[[int], None]:
        def step(done: int) -> None:
            self.done[job.employer_id] = done
            if self.pool is not None:
                self._poll(timeout=0)
            self._report(job.employer)
        return step

    def _stop(self) -> bool:
        if not self.cancelled and self.cancel is not None and self.cancel():
            self.cancelled = True
        if self.cancelled and self.stop_workers is not None:
            self.stop_workers.set()
        return self.cancelled

    def _report(self, name: str) -> None:
        done = min(sum(self.done.values()), self.total)
        if self.progress is not None and (done, name) != self.reported:
            self.reported = (done, name)
            self.progress(done, self.total, name)

    def _top_up(self) -> None:
        """Keep every worker busy with the next largest bundle.

        This thread only notices a worker has finished between its own candidates,
        not while it draws and saves its book; so once the workers are running
        (they are slow to start beside threads) and enough bundles are left for
        this thread too, each worker gets its next bundle queued in advance.
        """
        assert self.pool is not None
        ahead = 2 if self.started and len(self.todo) > self.workers else 1
        while (self.todo and len(self.running) < self.workers * ahead and not self.cancelled
               and not self.broken):
            job = self.todo.popleft()
            self.running[self.pool.submit(_work, job)] = job

    def _poll(self, timeout: float) -> None:
        """Take the workers' progress and finished bundles; raise a worker's error."""
        self._drain(timeout)
        for future in [f for f in self.running if f.done()]:
            job = self.running.pop(future)
            try:
                result = future.result()  # a worker's error is raised here
            except BrokenProcessPool:
                # a worker could not start or died (no main guard in a script, out of
                # memory): this thread writes its bundle instead
                self.broken = True
                self.done.pop(job.employer_id, None)
                self.todo.append(job)
                continue
            if result.get("cancelled"):
                self.cancelled = True
            else:
                self.done[job.employer_id] = job.size
                self.results.append(result)
                self._report(job.employer)
        self._top_up()

    def _drain(self, timeout: float = 0) -> None:
        latest: tuple[str, str] | None = None
        try:
            while True:
                employer_id, name, done = self.events.get(timeout=timeout)
                timeout = 0
                self.done[employer_id] = done
                self.started = True
                latest = (employer_id, name)
        except (queue.Empty, OSError, ValueError):
            pass
        if latest is not None:
            self._report(latest[1])


def _start_method() -> str:
    """``fork`` when this process runs a single thread (the command line): the worker
    starts at once with everything imported. Beside other threads (the GUI, where
    this runs on a Qt job thread) a fork could copy a lock some thread holds, so
    ``spawn`` (a fresh interpreter, ~0.3 s of imports, overlapped by this
    thread's own bundle). The worker never uses the connection a fork copies:
    it opens its own and leaves with ``os._exit``, so SQLite never sees it closed.
    """
    if "fork" in multiprocessing.get_all_start_methods() and _one_thread():
        return "fork"
    return "spawn"


def _one_thread() -> bool:
    """Whether the operating system sees one thread in this process. ``threading``
    alone would miss threads Python did not start (Qt's), even the one we run on."""
    if threading.active_count() != 1 or threading.current_thread() is not threading.main_thread():
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # not Linux: cannot tell, so do not fork
        return False


# ------------------------------------------------------------------ in a worker process
_WORKER: dict[str, Any] = {}


def _start_worker(path: str, stop: Any, events: Any) -> None:
    _WORKER.update(path=path, stop=stop, events=events, store=None)


def _work(job: BundleJob) -> dict[str, Any]:
    if _WORKER["store"] is None:
        _WORKER["store"] = open_event_file(_WORKER["path"])
    stop, events = _WORKER["stop"], _WORKER["events"]
    every = max(1, job.size // 20)

    def step(done: int) -> None:
        if done % every == 0 or done == job.size:
            events.put((job.employer_id, job.employer, done))

    try:
        return write_job(_WORKER["store"], job, step, stop.is_set)
    except Cancelled:
        return {"employer_id": job.employer_id, "cancelled": True}
