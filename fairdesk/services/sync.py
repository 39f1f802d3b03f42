"""A device's side of sync: joining a hub, one push-then-pull round, USB files.

Nothing is lost when the hub cannot be reached: an op stays pending (its
``hub_seq`` NULL) until the hub acknowledges it, and a pulled page is applied
in one transaction with the cursor that follows it. Pushing again an op the
hub already holds is harmless (idempotent by op id). A desk also uploads the
résumé blobs its walk-ins brought (they never travel inside ops), each once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import (
    BadPairingCode,
    InvalidField,
    NotPaired,
    SeqClash,
    TamperedFile,
    Unauthorized,
)
from fairdesk.domain.model import Op
from fairdesk.services import op_checks
from fairdesk.services.session import Clock, EventSession, open_session, utc_now
from fairdesk.storage import (
    EventStore,
    codec,
    create_event_file,
    device_rows,
    hub_rows,
    open_event_file,
    resumes,
    sync_rows,
)
from fairdesk.storage import event as event_rows
from fairdesk.sync import opfile, pairing, policy
from fairdesk.sync.client import HubClient
from fairdesk.sync.wire import RejectedByHub, ResumeUpload, WireError, op_from_wire

log = logging.getLogger(__name__)
PUSH_BATCH, PULL_PAGE = 500, 1000
LAST_SYNC_KEY = "sync.last_at"


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled: int
    pending: int
    last_sync: str | None
    resumes: int = 0  # résumé blobs uploaded in this round

    def as_dict(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "pending": self.pending,
                "last_sync": self.last_sync, "resumes": self.resumes}


def device_settings(store: EventStore) -> dict[str, Any]:
    keys = ("device_id", "role", "employer_id", "desk", "hub_url", "hub_fingerprint",
            "hub_token", "event_id")
    found = {k: store.setting(k) for k in keys}
    if not found["hub_url"] or not found["hub_token"]:
        raise NotPaired("This event file is not paired with a hub (use fairdesk join).")
    return found


def is_paired(session: EventSession) -> bool:
    """Whether this event file syncs with a hub (it was made by ``fairdesk join``)."""
    store = session.store
    return bool(store.setting("hub_url")) and bool(store.setting("hub_token"))


def joined_role(path: Path) -> str:
    """The role the hub gave a joined device file (desk or booth)."""
    session = open_session(path)
    try:
        return str(session.store.setting("role", ""))
    finally:
        session.close()


def client_for(store: EventStore, timeout: float = 15.0) -> HubClient:
    found = device_settings(store)
    return HubClient(found["hub_url"], found["hub_fingerprint"], found["hub_token"], timeout)


def push_kinds(store: EventStore) -> frozenset[str] | None:
    role = str(store.setting("role", ""))
    return None if role == "organizer" else policy.PUSH_KINDS.get(role, frozenset())


def pending_count(store: EventStore) -> int:
    """Ops not yet acknowledged, and on a desk the résumé blobs the hub lacks."""
    count = sync_rows.pending_count(store, push_kinds(store))
    if sends_resumes(store):
        count += resumes.unsent_count(store)
    return count


def sends_resumes(store: EventStore) -> bool:
    return bool(store.setting("role", "") == "desk")


# ---------------------------------------------------------------- join
def join(path: Path, code: str, name: str = "", clock: Clock = utc_now) -> SyncReport:
    """Redeem a pairing code, make the device's event file, then pull its data."""
    target = Path(path)
    if target.exists():
        raise InvalidField("path", f"{target} already exists; choose a new file name.")
    found = pairing.decode(code)
    with HubClient(found.hub_url, found.fingerprint, found.secret) as client:
        try:
            answer = client.join(name or target.stem)
        except Unauthorized as error:
            raise BadPairingCode(error.message) from error
    _make_device_file(target, found, answer)
    return sync_file(target, clock)


def _make_device_file(target: Path, code: pairing.PairingCode, answer: dict[str, Any]) -> None:
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    store = create_event_file(temporary)
    try:
        with store.transaction():
            for key, value in (("device_id", answer["device_id"]), ("role", answer["role"]),
                               ("employer_id", answer.get("employer_id")),
                               ("desk", answer.get("desk")), ("hub_url", code.hub_url),
                               ("hub_fingerprint", code.fingerprint),
                               ("hub_token", answer["token"]),
                               ("event_id", answer["event_id"])):
                store.set_setting(key, value)
            if "event_op" in answer:
                raw = answer["event_op"]
                sync_rows.apply_page(store, [(op_from_wire(raw), int(raw["hub_seq"]))], [], 0)
            if answer.get("signing_key"):
                event_rows.set_signing_key(store, answer["event_id"],
                                           bytes.fromhex(answer["signing_key"]))
    finally:
        store.close()
    temporary.replace(target)


# ---------------------------------------------------------------- one round
def sync_file(path: Path, clock: Clock = utc_now, timeout: float = 15.0,
              renumber: bool = False) -> SyncReport:
    """One round for a device file (``fairdesk sync --once``); ``renumber``: see
    :func:`push_pending`."""
    store = open_event_file(path)
    try:
        with client_for(store, timeout) as client:
            return sync_once(store, client, clock, renumber)
    finally:
        store.close()


def sync_once(store: EventStore, client: HubClient, clock: Clock = utc_now,
              renumber: bool = False) -> SyncReport:
    """Push everything pending, pull every page, then (a desk) upload the résumé
    blobs the hub lacks; raises HubUnreachable."""
    pushed = push_pending(store, client, renumber)
    pulled = pull_all(store, client)
    uploaded = push_resumes(store, client, clock) if sends_resumes(store) else 0
    now = codec.ts(clock())
    with store.transaction():
        store.set_setting(LAST_SYNC_KEY, now)
    return SyncReport(pushed, pulled, pending_count(store), now, uploaded)


def push_pending(store: EventStore, client: HubClient, renumber: bool = False) -> int:
    """Push every pending op in batches; how many the hub acknowledged.

    A file restored from a backup numbers its new ops with numbers the hub
    already holds other ops under, and the hub refuses them
    (:class:`SeqClash`, raised). With ``renumber`` (the user says this file is
    not also in use on another machine), the unsent ops get new numbers above
    the hub's and are sent again; the ops the backup missed come back with the
    pull that follows.
    """
    kinds, pushed, renumbered = push_kinds(store), 0, False
    while True:
        batch = sync_rows.pending(store, kinds, PUSH_BATCH)
        if not batch:
            return pushed
        # The hub stores the count with the batch: tell it what is left once it holds them.
        left = max(0, pending_count(store) - len(batch))
        try:
            acks = client.push(batch, pending=left)
        except SeqClash as clash:
            if not renumber or renumbered:
                raise
            with store.transaction():
                moved = sync_rows.renumber_pending(store, int(clash.details.get("last_seq", 0)))
            log.warning("renumbered %d unsent ops after the hub's number %s",
                        moved, clash.details.get("last_seq"))
            renumbered = True
            continue
        with store.transaction():
            sync_rows.mark_acked(store, acks)
        pushed += len(acks)
        if len(batch) < PUSH_BATCH or not acks:
            return pushed


def push_resumes(store: EventStore, client: HubClient, clock: Clock = utc_now) -> int:
    """Upload, one per request, each blob the desk's candidates reference that the
    hub has not acknowledged; each acknowledgement is kept, so a blob goes once.

    Runs after the ops push (the hub knows the candidate first). A blob the hub
    refuses (400/413: damaged, too large) is remembered with the reason and not
    sent again; not reaching the hub leaves the rest pending (HubUnreachable).
    """
    uploaded = 0
    while True:
        shas = resumes.unsent(store, 20)
        if not shas:
            return uploaded
        for sha in shas:
            found = resumes.blob(store, sha)
            assert found is not None, "unsent() lists only blobs this file holds"
            data, mime, name = found
            left = max(0, pending_count(store) - 1)  # once the hub holds this one
            try:
                client.upload_resume(ResumeUpload(sha, name, mime, data, left))
            except RejectedByHub as refused:
                log.warning("the hub refused résumé %s (%s): %s", sha[:12], name, refused)
                with store.transaction():
                    resumes.mark_sent(store, sha, clock(), refused.message or "refused")
                continue
            with store.transaction():
                resumes.mark_sent(store, sha, clock())
            uploaded += 1


def pull_all(store: EventStore, client: HubClient) -> int:
    pulled = 0
    while True:
        page = client.pull(sync_rows.cursor(store), PULL_PAGE, sync_rows.backfilled(store))
        with store.transaction():
            pulled += sync_rows.apply_page(
                store, [(p.op, p.hub_seq) for p in page.ops], page.stubs, page.next,
                page.backfill)
        if not page.more:
            return pulled


def last_sync(store: EventStore) -> datetime | None:
    value = store.setting(LAST_SYNC_KEY)
    return codec.parse_ts(value) if value else None


# ---------------------------------------------------------------- USB
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
