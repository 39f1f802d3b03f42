"""A résumé attached at a paired desk reaches the organizer's file (issues 5 and 8).

Against a real hub on loopback: the walk-in's op names the blob by sha256; the
desk uploads the bytes after its ops push, once; the hub checks them.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pikepdf
import pytest

from fairdesk.domain.errors import Forbidden, HubUnreachable
from fairdesk.imports.resume_files import PDF, ResumeFile
from fairdesk.services.devices import list_devices
from fairdesk.services.employers import all_employers
from fairdesk.services.exports import build_bundles
from fairdesk.services.hub_server import HubServer
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession
from fairdesk.services.sync import client_for, pending_count, push_pending, sync_file
from fairdesk.services.sync_loop import SyncLoop, SyncStatus
from fairdesk.services.visits import record_visit
from fairdesk.services.walkins import register_with_resume
from fairdesk.storage import open_event_file, resumes
from fairdesk.storage.migrations import LATEST
from fairdesk.storage.store import new_store
from fairdesk.sync.wire import RejectedByHub, ResumeUpload

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def pdf_bytes(text: str = "CV", pages: int = 1) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page()
        pdf.docinfo["/Title"] = text
        pdf.save(out)
    return out.getvalue()


def walk_in(desk: EventSession, data: bytes, name: str = "cv.pdf", **fields: Any
            ) -> tuple[str, str]:
    """A walk-in with consent and a résumé; (candidate id, sha256)."""
    person = register_with_resume(
        desk, {"first_name": "Ama", "last_name": "Resume", "consent": True, **fields},
        ResumeFile(name, data, PDF, 1), desk=desk.desk or 1)
    assert person.resume_sha == hashlib.sha256(data).hexdigest()
    return person.id, person.resume_sha


def raw_upload(path: Path, sha: str, data: bytes, mime: str = PDF) -> tuple[int, Any]:
    """POST /api/resumes by hand (the status as the hub sends it)."""
    store = open_event_file(path)
    url, pin, token = (store.setting("hub_url"), store.setting("hub_fingerprint"),
                       store.setting("hub_token"))
    store.close()

    async def post() -> tuple[int, Any]:
        async with aiohttp.ClientSession() as session, session.post(
                url + "/api/resumes", params={"sha256": sha, "name": "x.pdf", "mime": mime},
                data=data, headers={"Authorization": f"Bearer {token}"},
                ssl=aiohttp.Fingerprint(bytes.fromhex(pin))) as response:
            return response.status, await response.json(content_type=None)

    return asyncio.run(post())


def bundle_members(fair: EventSession, employer_id: str, out: Path) -> dict[str, Any]:
    done = build_bundles(fair, out, employer_key=employer_id, workers=1)
    [result] = done["employers"]
    with zipfile.ZipFile(result["file"]) as archive:
        return {"result": result,
                "files": {n: archive.read(n) for n in archive.namelist()
                          if not n.endswith("/")}}


def test_a_desk_walk_in_resume_reaches_the_hub_once_and_the_employer_bundle(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=2)
    desk = device(path, role="desk", desk=2)
    data = pdf_bytes("Ama's CV", pages=2)
    person, sha = walk_in(desk, data)
    assert pending_count(desk.store) == 2  # the op and the blob
    assert resumes.get(fair.store, sha) is None

    first = sync_file(path)
    assert (first.pushed, first.resumes, first.pending) == (1, 1, 0)
    assert resumes.get(fair.store, sha) == data
    assert resumes.pages(fair.store, sha) == 2  # counted by the hub's own check
    assert fair.store.scalar("SELECT resume_sha FROM candidates WHERE id = ?",
                             (person,)) == sha
    device_id = str(desk.store.setting("device_id"))
    assert next(d.pending for d in list_devices(fair) if d.id == device_id) == 0
    again = sync_file(path)
    assert (again.pushed, again.resumes, again.pending) == (0, 0, 0)
    assert resumes.count(fair.store) == fair.store.scalar(
        "SELECT COUNT(DISTINCT sha256) FROM resumes")

    employer = all_employers(fair)[0]
    record_visit(fair, employer.id, person)
    found = bundle_members(fair, employer.id, tmp_path / "out")
    assert data in found["files"].values()
    assert found["result"]["resumes"] >= 1
    assert not [p for p in found["result"]["problems"] if p["name"] == "Ama Resume"]


def test_the_bundle_lists_a_walk_in_whose_blob_has_not_arrived_yet(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    data = pdf_bytes("late")
    person, sha = walk_in(desk, data, last_name="Late")
    with client_for(desk.store) as client:  # the op goes, the blob not yet
        assert push_pending(desk.store, client) == 1
    assert pending_count(desk.store) == 1  # the blob still waits
    assert fair.store.scalar("SELECT resume_sha FROM candidates WHERE id = ?",
                             (person,)) == sha
    assert resumes.get(fair.store, sha) is None
    employer = all_employers(fair)[1]
    record_visit(fair, employer.id, person)

    before = bundle_members(fair, employer.id, tmp_path / "before")
    assert data not in before["files"].values()
    problems = " ".join(str(p) for p in before["result"]["problems"])
    assert "Late" in problems and "has not reached" in problems

    assert sync_file(path).resumes == 1
    after = bundle_members(fair, employer.id, tmp_path / "after")
    assert data in after["files"].values()


def test_a_tampered_or_damaged_upload_is_refused_and_nothing_is_stored(
        fair: EventSession, pair: Pair) -> None:
    path = pair("desk", desk=1)
    held = resumes.count(fair.store)
    good, other = pdf_bytes("real"), pdf_bytes("swapped")
    status, answer = raw_upload(path, hashlib.sha256(good).hexdigest(), other)
    assert status == 400 and "do not match" in answer["message"]
    assert resumes.get(fair.store, hashlib.sha256(other).hexdigest()) is None
    damaged = good[: len(good) // 2]  # a truncated PDF, whose sha is honest
    status, answer = raw_upload(path, hashlib.sha256(damaged).hexdigest(), damaged)
    assert status == 400 and "truncated PDF" in answer["message"]
    status, answer = raw_upload(path, "not-a-sha", good)
    assert status == 400 and "sha256" in answer["message"]
    assert resumes.count(fair.store) == held

    sha = hashlib.sha256(good).hexdigest()
    assert raw_upload(path, sha, good) == (200, {"sha256": sha, "held": True, "new": True})
    assert raw_upload(path, sha, good) == (200, {"sha256": sha, "held": True, "new": False})
    assert resumes.count(fair.store) == held + 1


def test_a_booth_may_not_upload_a_resume(fair: EventSession, pair: Pair) -> None:
    path = pair("booth", 0)
    data = pdf_bytes("booth")
    sha = hashlib.sha256(data).hexdigest()
    store = open_event_file(path)
    try:
        with client_for(store) as client, pytest.raises(Forbidden):
            client.upload_resume(ResumeUpload(sha, "x.pdf", PDF, data))
    finally:
        store.close()
    assert raw_upload(path, sha, data)[0] == 403
    assert resumes.get(fair.store, sha) is None


def test_a_desk_without_network_keeps_the_blob_pending_and_sends_it_later(
        fair: EventSession, hub: HubServer, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=3)
    desk = device(path, role="desk", desk=3)
    hub.stop()
    data = pdf_bytes("offline")
    _, sha = walk_in(desk, data)
    with pytest.raises(HubUnreachable):
        sync_file(path, timeout=2)
    assert pending_count(desk.store) == 2
    assert resumes.unsent(desk.store) == [sha]
    restarted = HubServer(hub.path, port=int(hub.url.rsplit(":", 1)[1]))
    restarted.start()
    try:
        report = sync_file(path)
    finally:
        restarted.stop()
    assert (report.pushed, report.resumes, report.pending) == (1, 1, 0)
    assert resumes.get(fair.store, sha) == data


def test_a_blob_the_hub_refuses_is_remembered_and_not_sent_again(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    damaged = pdf_bytes("cut")[:-200]  # stored at the desk before the checks existed
    _, sha = walk_in(desk, damaged)
    report = sync_file(path)
    assert (report.pushed, report.resumes, report.pending) == (1, 0, 0)
    assert "truncated PDF" in resumes.refused_uploads(desk.store)[sha]
    assert resumes.unsent(desk.store) == []
    assert resumes.get(fair.store, sha) is None
    with client_for(desk.store) as client, pytest.raises(RejectedByHub):
        client.upload_resume(ResumeUpload(sha, "cv.pdf", PDF, damaged))


def test_resumes_the_desk_never_held_are_not_its_to_send(
        fair: EventSession, pair: Pair, device: Open) -> None:
    desk = device(pair("desk", desk=1), role="desk", desk=1)
    referenced = desk.store.scalar("SELECT COUNT(*) FROM candidates WHERE resume_sha IS NOT NULL")
    assert referenced > 0  # roster résumés live only on the hub
    assert resumes.unsent(desk.store) == [] and pending_count(desk.store) == 0


def test_an_older_event_file_gets_the_upload_table(tmp_path: Path) -> None:
    path = tmp_path / "old.fairdesk"
    new_store(path, upto=3).close()
    store = open_event_file(path)
    try:
        assert store.schema_version == LATEST >= 4
        assert resumes.unsent(store) == [] and resumes.refused_uploads(store) == {}
    finally:
        store.close()


def test_a_resume_over_20_mb_is_refused_with_413(fair: EventSession, pair: Pair) -> None:
    path = pair("desk", desk=1)
    data = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)
    status, answer = raw_upload(path, hashlib.sha256(data).hexdigest(), data)
    assert status == 413 and "20 MB" in answer["message"]
    assert resumes.get(fair.store, hashlib.sha256(data).hexdigest()) is None


def test_the_background_sync_loop_uploads_the_blob_off_the_calling_thread(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=2)
    desk = device(path, role="desk", desk=2)
    data = pdf_bytes("loop")
    _, sha = walk_in(desk, data)
    seen: list[SyncStatus] = []
    threads: set[str] = set()

    def on_status(status: SyncStatus) -> None:
        threads.add(threading.current_thread().name)
        seen.append(status)

    loop = SyncLoop(path, interval=0.05, on_status=on_status)
    loop.start()
    try:
        deadline = time.monotonic() + 20
        while resumes.get(fair.store, sha) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        while not (seen and seen[-1].state == "ok" and seen[-1].pending == 0) \
                and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        loop.stop()
    assert resumes.get(fair.store, sha) == data
    assert seen[0].pending == 2  # the op and the blob, before the first round
    assert any(s.state == "ok" and s.pending == 0 for s in seen)
    assert threads == {"fairdesk-sync"}


def test_a_resume_attached_later_at_the_desk_goes_too_and_a_replaced_one_does_not(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    person = str(desk.store.scalar("SELECT id FROM candidates WHERE resume_sha IS NULL LIMIT 1"))
    first, second = pdf_bytes("first"), pdf_bytes("second")
    attach_resume(desk, person, first, pages=1, original_name="first.pdf")
    attach_resume(desk, person, second, pages=1, original_name="second.pdf")
    assert pending_count(desk.store) == 3  # two edits, and only the blob still referenced
    report = sync_file(path)
    assert (report.pushed, report.resumes, report.pending) == (2, 1, 0)
    assert resumes.get(fair.store, hashlib.sha256(second).hexdigest()) == second
    assert resumes.get(fair.store, hashlib.sha256(first).hexdigest()) is None
