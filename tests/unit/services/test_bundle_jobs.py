"""Bundles written in worker processes: same files as on one thread, progress, cancel, errors."""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from fairdesk.services import bundle_jobs, exports
from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.storage import event as event_rows
from fairdesk.storage.store import new_store
from tests.pdf_helpers import blank_pdf


@pytest.fixture
def three_booths(session: EventSession, make_people: Callable[..., list[str]]) -> list[str]:
    """Three employers; 6, 4 and 2 visitors; some résumés, one unreadable."""
    ids = make_people(6)
    employers = [add_employer(session, name, booth=str(n))
                 for n, name in enumerate(("Bay BPO", "Cove Tech", "Dock Calls"), start=1)]
    for key in ids:
        check_in(session, key, 1)
    for employer, visitors in zip(employers, (ids, ids[:4], ids[4:]), strict=True):
        for key in visitors:
            visit = record_visit(session, employer.id, key).visit
            update_visit(session, visit.id, rating=3, notes=f"seen at {employer.name}")
    attach_resume(session, ids[0], blank_pdf(2), original_name="a.pdf")
    attach_resume(session, ids[1], b"%PDF-1.4 not really", original_name="b.pdf")
    attach_resume(session, ids[4], blank_pdf(1), original_name="e.pdf")
    return [e.id for e in employers]


def _summary(report: dict[str, object]) -> list[tuple[object, ...]]:
    return [(r["employer"], r["candidates"], r["pages"], r["resumes"], len(r["problems"]),
             Path(r["file"]).name) for r in report["employers"]]  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("method", [
    "spawn",  # beside other threads (the GUI): a fresh interpreter
    pytest.param("fork", marks=pytest.mark.skipif(
        "fork" not in multiprocessing.get_all_start_methods(), reason="no fork")),
])
def test_workers_write_the_same_bundles_in_employer_order(
        session: EventSession, three_booths: list[str], tmp_path: Path, method: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_jobs, "_start_method", lambda: method)
    runners = _watch_runners(monkeypatch)
    seen: list[tuple[int, int, str]] = []
    alone = exports.build_bundles(session, tmp_path / "one", workers=1)
    shared = exports.build_bundles(session, tmp_path / "two", workers=2,
                                   progress=lambda *a: seen.append(a))
    assert _summary(shared) == _summary(alone)
    assert [r["employer"] for r in shared["employers"]] == ["Bay BPO", "Cove Tech", "Dock Calls"]
    assert seen[-1][:2] == (12, 12)
    assert all(done <= total for done, total, _ in seen)
    for bundle in shared["employers"]:
        with zipfile.ZipFile(bundle["file"]) as archive:
            assert archive.testzip() is None
            book = next(n for n in archive.namelist() if n.endswith(".pdf") and "book" in n)
            with pikepdf.open(io.BytesIO(archive.read(book))) as pdf:
                assert len(pdf.pages) == bundle["pages"]
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(
        p.name for p in (tmp_path / "one").iterdir())
    entry = event_rows.audit_entries(session.store, "export.bundles")[-1]
    assert entry["detail"]["candidates"] == 12
    parallel = runners[-1]
    assert parallel.workers == 1 and parallel.started and not parallel.broken


def _watch_runners(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Keep each runner, to see whether a worker really wrote bundles."""
    made: list[Any] = []

    class Watched(bundle_jobs._Runner):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(bundle_jobs, "_Runner", Watched)
    return made


@pytest.mark.slow
def test_cancel_before_the_start_writes_nothing(session: EventSession, three_booths: list[str],
                                                tmp_path: Path) -> None:
    report = exports.build_bundles(session, tmp_path / "c", workers=2, cancel=lambda: True)
    assert report["cancelled"] and report["employers"] == []
    assert list((tmp_path / "c").glob("*")) == []  # no bundle, no partial file


@pytest.mark.slow
@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_cancel_reaches_a_worker_mid_bundle(session: EventSession, three_booths: list[str],
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every candidate takes 20 ms, here and in the (forked, so patched) worker; the
    worker's first progress cancels: both bundles being written stop, nothing stays."""
    real = bundle_jobs.write_job

    def slow(store: object, job: bundle_jobs.BundleJob,
             progress: Callable[[int], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> dict[str, object]:
        def step(done: int) -> None:
            time.sleep(0.02)
            if progress is not None:
                progress(done)
        return real(store, job, step, cancel)  # type: ignore[arg-type]

    monkeypatch.setattr(bundle_jobs, "write_job", slow)
    monkeypatch.setattr(bundle_jobs, "_start_method", lambda: "fork")
    seen: list[str] = []
    first = {"Bay BPO"}  # the largest bundle: written on this thread

    def progress(_done: int, _total: int, name: str) -> None:
        seen.append(name)

    report = exports.build_bundles(session, tmp_path / "c", workers=2, progress=progress,
                                   cancel=lambda: bool(set(seen) - first))
    assert report["cancelled"] and report["employers"] == []
    assert set(seen) - first == {"Cove Tech"}  # the worker had started its bundle
    assert list((tmp_path / "c").glob("*")) == []


def _die(*_args: object) -> None:
    os._exit(3)


@pytest.mark.slow
def test_a_broken_worker_hands_its_bundles_back(session: EventSession, three_booths: list[str],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_jobs, "_start_worker", _die)
    runners = _watch_runners(monkeypatch)
    report = exports.build_bundles(session, tmp_path / "b", workers=2)
    assert runners[-1].broken
    assert not report["cancelled"]
    assert [r["candidates"] for r in report["employers"]] == [6, 4, 2]
    assert len(list((tmp_path / "b").glob("*.zip"))) == 3


@pytest.mark.slow
def test_an_error_in_a_worker_stops_the_export(session: EventSession, three_booths: list[str],
                                               tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OSError):
        exports.build_bundles(session, blocker, workers=2)
    entry = event_rows.audit_entries(session.store, "export.bundles")[-1]
    assert entry["detail"]["employers"] == []


def test_start_method_forks_only_a_single_threaded_process() -> None:
    assert bundle_jobs._start_method() in ("fork", "spawn")
    release = threading.Event()
    helper = threading.Thread(target=release.wait)
    helper.start()
    try:
        assert bundle_jobs._start_method() == "spawn"
    finally:
        release.set()
        helper.join()


def test_worker_count_only_for_large_exports_on_a_file(tmp_path: Path) -> None:
    def job(size: int) -> bundle_jobs.BundleJob:
        return bundle_jobs.BundleJob("e", "E", tmp_path / "e.zip", None,  # type: ignore[arg-type]
                                     False, "UTC", False, size)

    big = [job(400), job(300)]
    assert bundle_jobs.worker_count(big, None) == 1  # in memory: nothing to share
    assert bundle_jobs.worker_count([job(10), job(10)], tmp_path) == 1
    assert bundle_jobs.worker_count([job(900)], tmp_path) == 1
    assert bundle_jobs.worker_count(big, tmp_path) == min(bundle_jobs._cores(), 2)


def test_an_in_memory_event_writes_on_this_thread(tmp_path: Path) -> None:
    store = new_store(None)
    results: list[dict[str, object]] = []
    assert bundle_jobs.run_jobs(store, [], workers=4, results=results) is False
    assert results == []
