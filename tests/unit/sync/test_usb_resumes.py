"""Résumé blobs travel inside the signed USB op file (issue 8, item 5).

A desk that works offline all day hands its ops over on a stick: the file
now carries the blobs its walk-ins reference, signed with the ops; the hub's
import stores each after the upload's own checks, once.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import TamperedFile
from fairdesk.imports.resume_files import PDF, ResumeFile
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.usb_sync import export_ops, import_ops
from fairdesk.services.visits import record_visit
from fairdesk.services.walkins import register_with_resume
from fairdesk.storage import open_event_file, resumes, sync_rows
from fairdesk.sync import opfile, pairing

from .test_resume_uploads import bundle_members, pdf_bytes, walk_in

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def candidate_count(fair: EventSession) -> int:
    return int(fair.store.scalar("SELECT COUNT(*) FROM candidates"))


def signed(desk_path: Path, out: Path, blobs: list[opfile.Blob]) -> None:
    """A file the desk itself signed, with the blobs given (an older one: none)."""
    store = open_event_file(desk_path)
    try:
        opfile.write(out, str(store.setting("event_id")), str(store.setting("device_id")),
                     sync_rows.own_ops(store), pairing.secret_hash(str(store.setting("hub_token"))),
                     blobs)
    finally:
        store.close()


def test_an_offline_desk_resume_reaches_the_organizer_and_the_bundle_on_a_stick(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=2)
    desk = device(path, role="desk", desk=2)
    data = pdf_bytes("Ama's CV", pages=2)
    person, sha = walk_in(desk, data)  # never synced: the stick is the only way
    usb = tmp_path / "desk.ops"
    done = export_ops(path, usb)
    assert (done.ops, done.resumes) == (1, 1)
    assert resumes.get(fair.store, sha) is None

    report = import_ops(fair.store.path or Path(), usb)
    assert (report.new, report.resumes, report.resumes_already, report.refused) == (1, 1, 0, ())
    assert report.as_dict()["resumes_refused"] == 0
    assert resumes.get(fair.store, sha) == data
    assert resumes.pages(fair.store, sha) == 2  # counted by the hub's own check
    held = resumes.count(fair.store)

    again = import_ops(fair.store.path or Path(), usb)
    assert (again.new, again.resumes, again.resumes_already) == (0, 0, 1)
    assert resumes.count(fair.store) == held

    employer = all_employers(fair)[0]
    record_visit(fair, employer.id, person)
    found = bundle_members(fair, employer.id, tmp_path / "out")
    assert data in found["files"].values()
    assert not [p for p in found["result"]["problems"] if p["name"] == "Ama Resume"]


@pytest.mark.parametrize("honest_sha", [False, True])
def test_a_blob_changed_after_signing_refuses_the_whole_file(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path, honest_sha: bool) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    walk_in(desk, pdf_bytes("real"))
    usb = tmp_path / "desk.ops"
    export_ops(path, usb)
    payload = json.loads(usb.read_bytes())
    other = pdf_bytes("swapped")
    payload["resumes"][0]["data"] = base64.b64encode(other).decode()
    if honest_sha:  # the forger even makes the sha match the new bytes
        payload["resumes"][0]["sha256"] = hashlib.sha256(other).hexdigest()
    usb.write_text(json.dumps(payload))
    people, held = candidate_count(fair), resumes.count(fair.store)

    with pytest.raises(TamperedFile, match="changed after it was signed"):
        import_ops(fair.store.path or Path(), usb)
    assert (candidate_count(fair), resumes.count(fair.store)) == (people, held)


def test_a_blob_whose_data_is_not_base64_refuses_the_file(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=1)
    walk_in(device(path, role="desk", desk=1), pdf_bytes("real"))
    usb = tmp_path / "desk.ops"
    export_ops(path, usb)
    payload = json.loads(usb.read_bytes())
    payload["resumes"][0]["data"] = "not base64 at all!"
    usb.write_text(json.dumps(payload))
    people = candidate_count(fair)
    with pytest.raises(TamperedFile, match=r"damaged: résumé 1 .*not base64"):
        import_ops(fair.store.path or Path(), usb)
    assert candidate_count(fair) == people


def test_an_older_file_without_blobs_still_imports(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    walk_in(desk, pdf_bytes("kept at the desk"))
    old = tmp_path / "old.ops"
    signed(path, old, [])  # what the version before this one wrote
    assert "resumes" not in json.loads(old.read_bytes())
    people = candidate_count(fair)
    report = import_ops(fair.store.path or Path(), old)
    assert (report.new, report.resumes, report.refused) == (1, 0, ())
    assert candidate_count(fair) == people + 1


def test_a_refused_blob_is_reported_and_the_rest_goes_on(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    good = pdf_bytes("good")
    _, sha = walk_in(desk, good)
    damaged = pdf_bytes("cut")[:300]  # a truncated PDF whose sha is honest
    bad_sha = hashlib.sha256(damaged).hexdigest()
    wrong = opfile.Blob("ab" * 32, "wrong.pdf", PDF, good)  # sha is not of the bytes
    usb = tmp_path / "desk.ops"
    signed(path, usb, [opfile.Blob(bad_sha, "cut.pdf", PDF, damaged), wrong,
                       opfile.Blob(sha, "cv.pdf", PDF, good)])

    report = import_ops(fair.store.path or Path(), usb)
    assert (report.new, report.resumes) == (1, 1)
    reasons = {r.sha256: r.reason for r in report.refused}
    assert set(reasons) == {bad_sha, "ab" * 32}
    assert "truncated PDF" in reasons[bad_sha]
    assert "do not match its sha256" in reasons["ab" * 32]
    assert report.as_dict()["refused"][0]["file"] == "desk.ops"
    assert resumes.get(fair.store, sha) == good
    assert resumes.get(fair.store, bad_sha) is None


def test_a_booth_file_carrying_a_blob_stores_none(
        fair: EventSession, pair: Pair, tmp_path: Path) -> None:
    path = pair("booth", employer_index=0)
    data = pdf_bytes("smuggled")
    sha = hashlib.sha256(data).hexdigest()
    usb = tmp_path / "booth.ops"
    signed(path, usb, [opfile.Blob(sha, "x.pdf", PDF, data)])
    report = import_ops(fair.store.path or Path(), usb)
    assert report.resumes == 0 and "only desks" in report.refused[0].reason
    assert resumes.get(fair.store, sha) is None


def test_the_file_carries_every_referenced_blob_even_one_already_sent(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    path = pair("desk", desk=3)
    desk = device(path, role="desk", desk=3)
    first = pdf_bytes("one")
    walk_in(desk, first)
    resumes.put(desk.store, pdf_bytes("orphan"), desk.clock())  # no candidate names it
    with desk.store.transaction():
        resumes.mark_sent(desk.store, hashlib.sha256(first).hexdigest(), desk.clock())
    register_with_resume(desk, {"first_name": "Kofi", "last_name": "Two", "consent": True},
                         ResumeFile("two.pdf", pdf_bytes("two"), PDF, 1), desk=3)
    usb = tmp_path / "desk.ops"
    assert export_ops(path, usb).resumes == 2
    carried = {b.sha256 for b in opfile.read(usb)[0].resumes}
    assert hashlib.sha256(first).hexdigest() in carried
