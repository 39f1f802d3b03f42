"""Sync by USB stick, for a device that cannot reach the hub: the device writes its
own ops (and a desk its walk-ins' résumés) to a signed file; the organizer's hub
takes the file in as it would take a push, all of it or nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import SeqClash, TamperedFile, Unauthorized
from fairdesk.domain.model import Op
from fairdesk.services import op_checks
from fairdesk.services.session import Clock, utc_now
from fairdesk.services.sync import device_settings, push_kinds, sends_resumes
from fairdesk.storage import EventStore, device_rows, hub_rows, open_event_file, resumes, sync_rows
from fairdesk.storage import event as event_rows
from fairdesk.sync import opfile, pairing, policy
from fairdesk.sync.wire import ResumeUpload, WireError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefusedResume:
    file: str
    sha256: str
    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "sha256": self.sha256, "name": self.name,
                "reason": self.reason}


@dataclass(frozen=True)
class ImportReport:
    device_id: str
    ops: int
    new: int
    resumes: int = 0  # résumé blobs stored by this import
    resumes_already: int = 0  # carried by the file, held before
    refused: tuple[RefusedResume, ...] = ()
    already: int = 0  # ops of the file the hub held before (only those really held)

    def as_dict(self) -> dict[str, Any]:
        return {"device_id": self.device_id, "ops": self.ops, "new": self.new,
                "already": self.already, "resumes": self.resumes,
                "resumes_already": self.resumes_already,
                "resumes_refused": len(self.refused),
                "refused": [r.as_dict() for r in self.refused]}


@dataclass(frozen=True)
class ExportReport:
    ops: int
    resumes: int

    def as_dict(self) -> dict[str, int]:
        return {"ops": self.ops, "resumes": self.resumes}


def export_ops(device_path: Path, out: Path) -> ExportReport:
    """Write this device's own ops to a signed file, and on a desk every résumé
    blob its candidates reference (sent to the hub or not: importing is idempotent)."""
    store = open_event_file(device_path)
    try:
        found = device_settings(store)
        kinds = push_kinds(store)  # what it would push: not a booth's local card stubs
        ops = [op for op in sync_rows.own_ops(store) if kinds is None or op.kind in kinds]
        blobs = _own_blobs(store) if sends_resumes(store) else []
        opfile.write(Path(out), found["event_id"], found["device_id"], ops,
                     pairing.secret_hash(found["hub_token"]), blobs)
    finally:
        store.close()
    return ExportReport(len(ops), len(blobs))


def _own_blobs(store: EventStore) -> list[opfile.Blob]:
    """In memory: a desk holds a few dozen résumés at most (each at most 20 MB)."""
    out = []
    for sha in resumes.referenced(store):
        held = resumes.blob(store, sha)
        assert held is not None, "referenced() lists only blobs this file holds"
        data, mime, name = held
        out.append(opfile.Blob(sha, name, mime, data))
    return out


def import_ops(event_path: Path, file: Path, clock: Clock = utc_now) -> ImportReport:
    """Take a device's signed op file into the hub's event file, and the résumé
    blobs it carries (idempotent). A file changed after it was signed, blobs
    included, is refused whole before anything is stored."""
    store = open_event_file(event_path)
    try:
        return _import(store, Path(file), clock)
    finally:
        store.close()


def _import(store: EventStore, file: Path, clock: Clock) -> ImportReport:
    found, payload = opfile.read(file)
    device = device_rows.by_id(store, found.device_id)
    if device is None or not device["token_hash"]:
        raise TamperedFile(f"{file.name} comes from a device this hub never paired.")
    opfile.verify(file, payload, device["token_hash"])
    if device["revoked_at"]:
        raise Unauthorized(f"{file.name} comes from a revoked device; refused.")
    if found.event_id != event_rows.get(store).id:
        raise TamperedFile(f"{file.name} belongs to another event.")
    caller = policy.Caller(device["id"], device["role"], device["employer_id"], device["desk"])
    new, held = _ingest(store, caller, found.ops, file, clock())
    stored, already, refused = _store_resumes(store, caller, file, found.resumes, clock)
    return ImportReport(found.device_id, len(found.ops), new, stored, already, tuple(refused),
                        held)


def _store_resumes(store: EventStore, caller: policy.Caller, file: Path,
                   blobs: tuple[opfile.Blob, ...], clock: Clock
                   ) -> tuple[int, int, list[RefusedResume]]:
    """Store each blob the file carries that passes the hub's upload checks
    (:func:`fairdesk.services.hub.checked_resume`), once; a refused one is
    reported and the others go on. Returns (stored, held already, refused)."""
    from fairdesk.services.hub import checked_resume  # the hub's own check (aiohttp)

    stored, already, refused = 0, 0, []
    for blob in blobs:
        what = RefusedResume(file.name, blob.sha256, blob.name, "")
        if not policy.may_upload_resumes(caller):
            refused.append(replace(what, reason="only desks send résumés"))
            continue
        try:
            upload = ResumeUpload.from_wire(
                {"sha256": blob.sha256, "name": blob.name, "mime": blob.mime}, blob.data)
            if resumes.held(store, upload.sha256):
                already += 1
                continue
            pages = checked_resume(upload)
        except WireError as error:
            log.warning("%s: résumé %s (%s) refused: %s", file.name, blob.sha256[:12],
                        blob.name, error)
            refused.append(replace(what, reason=error.message))
            continue
        with store.transaction():
            resumes.put(store, upload.data, clock(), mime=upload.mime, pages=pages,
                        original_name=upload.name)
        stored += 1
    return stored, already, refused


def _ingest(store: EventStore, caller: policy.Caller, ops: list[Op], file: Path,
            now: datetime) -> tuple[int, int]:
    """Take every op of the file, or none: an op the device's role may not
    emit (the hub's own rule, :mod:`fairdesk.services.op_checks`) or stamped
    too far ahead refuses the file whole. Returns (new, held before)."""
    with store.transaction():
        op_checks.check(store, caller, ops, int(now.timestamp() * 1000),
                        f" {file.name} (nothing was taken)")
        before = set(hub_rows.hub_seqs(store, [op.op_id for op in ops]))
        new = sum(sync_rows.ingest_one(store, op) for op in ops)
        held = hub_rows.hub_seqs(store, [op.op_id for op in ops])
        clash = next((op for op in ops if op.op_id not in held), None)
        if clash is not None:  # kept out by UNIQUE (device_id, seq): all rolled back
            raise SeqClash(f"Op {clash.op_id} in the file: this device already sent another "
                           f"op as its number {clash.seq} (was its event file copied or "
                           "restored from a backup?); nothing was taken. If it was restored "
                           "and is not in use on another machine, sync it once over the "
                           "network with --renumber, then export again.",
                           op_id=clash.op_id,
                           last_seq=hub_rows.last_device_seq(store, caller.device_id))
        sync_rows.retry_parked(store, op_checks.parked_rule(store))
    return new, len(before)
