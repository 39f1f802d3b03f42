"""A device's side of sync: joining a hub, one push-then-pull round (USB files:
:mod:`fairdesk.services.usb_sync`).

Nothing is lost when the hub cannot be reached: an op stays pending (its
``hub_seq`` NULL) until the hub acknowledges it, and a pulled page is applied
in one transaction with the cursor that follows it. Pushing again an op the
hub already holds is harmless (idempotent by op id). A desk also uploads the
résumé blobs its walk-ins brought (they never travel inside ops), each once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import (
    BadPairingCode,
    InvalidField,
    NotPaired,
    SeqClash,
    Unauthorized,
)
from fairdesk.services.session import Clock, EventSession, open_session, utc_now
from fairdesk.storage import (
    EventStore,
    codec,
    create_event_file,
    open_event_file,
    resumes,
    sync_rows,
)
from fairdesk.storage import event as event_rows
from fairdesk.sync import pairing, policy
from fairdesk.sync.client import HubClient
from fairdesk.sync.wire import RejectedByHub, ResumeUpload, op_from_wire

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
