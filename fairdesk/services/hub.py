"""The hub: the organizer's event file served over HTTPS to paired devices.

:class:`Hub` is the database side of every request (injected into the
transport's app factory, :func:`fairdesk.sync.server.make_app`); it runs on
the server's event loop thread with its own connection. Every op the hub
holds gets a hub sequence in the transaction that writes it.

A push is ingested as a batch (:func:`fairdesk.storage.hub_rows.hub_ingest`;
op by op if the batch fails), and the pushes that reach the hub in one turn
of the event loop share one transaction, so many devices pushing at once
share a commit; each is answered only after it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fairdesk.domain.errors import BadPairingCode, ClockAhead, Forbidden, SeqClash
from fairdesk.domain.model import Op
from fairdesk.imports import resume_files
from fairdesk.services import devices, hub_interviews, op_checks
from fairdesk.services.session import Clock, utc_now
from fairdesk.storage import (
    EventStore,
    device_rows,
    hub_rows,
    resumes,
    sync_rows,
)
from fairdesk.sync import pairing, policy
from fairdesk.sync.policy import Caller
from fairdesk.sync.wire import PulledOp, PullPage, ResumeUpload, WireError

log = logging.getLogger(__name__)
SEEN_EVERY_S = 5.0


def visit_employer(op: Op, known: dict[str, str]) -> str | None:
    """The employer a visit or booking op is about, as the hub knows it."""
    if op.kind in policy.BOOKING_KINDS:
        return hub_interviews.owner(op, known)
    if op.kind == "visit.record":
        value = op.body.get("employer_id")
        return str(value) if value is not None else None
    return known.get(str(op.body.get("id")))


@dataclass
class _Push:
    """A push waiting for the next group commit."""

    caller: Caller
    ops: list[Op]
    pending: int
    waiting: asyncio.Future[list[tuple[str, int]]]
    acks: list[tuple[str, int]] | None = None
    error: Exception | None = None


class Hub:
    """Push, pull, join and keys over one open event file (one thread)."""

    def __init__(self, store: EventStore, clock: Clock = utc_now) -> None:
        devices.require_hub_file(store)
        self.store = store
        self.clock = clock
        self._seen: dict[str, float] = {}
        self._queue: list[_Push] = []

    def authenticate(self, token: str) -> Caller:
        return devices.authenticate(self.store, token)

    def push(self, caller: Caller, ops: list[Op], pending: int) -> list[tuple[str, int]]:
        """Take a device's ops in one transaction; each op's hub sequence, in order."""
        assert not self.store.in_transaction, "a push is a transaction of its own"
        try:
            with self.store.transaction():
                seqs = self._take(caller, ops, pending, hub_rows.hub_ingest)
        except hub_rows.BatchFailed as error:  # rolled back: again, op by op
            log.info("a push of %d ops from %s goes op by op (%s)", len(ops),
                     caller.device_id, error)
            with self.store.transaction():
                seqs = self._take(caller, ops, pending, hub_rows.hub_ingest_each)
        return [(op.op_id, seqs[op.op_id]) for op in ops]

    async def push_soon(self, caller: Caller, ops: list[Op], pending: int
                        ) -> list[tuple[str, int]]:
        """:meth:`push`, committed together with the pushes that arrive meanwhile.

        The server's handlers call this. Every push that reaches the hub in
        one turn of the event loop goes into one transaction, so many booths
        pushing at once share a commit (and its fsync) instead of queueing
        behind one commit each. An answer is given only after the commit.
        """
        loop = asyncio.get_running_loop()
        waiting: asyncio.Future[list[tuple[str, int]]] = loop.create_future()
        self._queue.append(_Push(caller, ops, pending, waiting))
        if len(self._queue) == 1:
            loop.call_soon(self._commit_queue)
        return await waiting

    def _commit_queue(self) -> None:
        group, self._queue = self._queue, []
        try:
            with self.store.transaction():
                for item in group:
                    try:
                        seqs = self._take(item.caller, item.ops, item.pending,
                                          hub_rows.hub_ingest)
                    except (Forbidden, ClockAhead) as error:  # checked before any write
                        item.error = error
                    else:
                        item.acks = [(op.op_id, seqs[op.op_id]) for op in item.ops]
        except Exception as error:  # all rolled back: each push again on its own, so
            log.info("%d pushes go one by one (%s)", len(group), error)  # that a push
            for item in group:  # that fails fails alone (answered to its device)
                item.acks, item.error = None, None
                try:
                    item.acks = self.push(item.caller, item.ops, item.pending)
                except Exception as failure:
                    item.error = failure
        for item in group:
            if item.waiting.done():  # the device hung up
                continue
            if item.error is not None:
                item.waiting.set_exception(item.error)
            else:
                item.waiting.set_result(item.acks or [])

    def _take(self, caller: Caller, ops: list[Op], pending: int,
              ingest: Callable[[EventStore, list[Op]], tuple[int, dict[str, int]]]
              ) -> dict[str, int]:
        """Check and ingest one push in the open transaction; each op's hub sequence."""
        store = self.store
        op_checks.check(store, caller, ops, _ms(self.clock()))
        added, seqs = ingest(store, ops)
        clash = next((op for op in ops if op.op_id not in seqs), None)
        if clash is not None:  # kept out by UNIQUE (device_id, seq): rolled back
            raise SeqClash(f"Op {clash.op_id}: this device already sent another op as its "
                           f"number {clash.seq} (was its event file copied or restored "
                           "from a backup?).", op_id=clash.op_id,
                           last_seq=hub_rows.last_device_seq(store, caller.device_id))
        if added:
            sync_rows.retry_parked(store, op_checks.parked_rule(store))
        device_rows.seen(store, caller.device_id, self.clock(), pending)
        return seqs

    def pull(self, caller: Caller, since: int, limit: int, employer: str | None,
             backfilled: int | None = None) -> PullPage:
        """A page of what ``caller`` may see after ``since``; ``backfilled``: how
        far the device holds the older ops it was owed (:attr:`PullPage.backfill`)."""
        if not policy.may_ask_employer(caller, employer):
            raise Forbidden("A booth may ask only for its own employer's data.")
        rows = hub_rows.page(self.store, since, limit)
        visible = self._visible(caller, rows)
        stubs: list[dict[str, Any]] = []
        if caller.role == "booth":
            stubs = self._stubs(caller, visible, [op for op, _ in rows])
            visible = [*hub_interviews.earlier_bookings(self.store, caller, visible, since),
                       *visible]
        owed, backfill = hub_interviews.desk_backfill(self.store, caller, since, limit,
                                                      backfilled)
        if owed:  # older than the page, seen by the same rule
            visible = [*self._visible(caller, owed), *visible]
        self._touch(caller)
        return PullPage(visible, rows[-1][1] if rows else since,
                        len(rows) == limit or len(owed) == limit, stubs, backfill)

    def _visible(self, caller: Caller, rows: list[tuple[Op, int]]) -> list[PulledOp]:
        """Those of ``rows`` that ``caller`` may see (the role rule), in order."""
        refused = hub_rows.refused_among(self.store, [op.op_id for op, _ in rows])
        visit_ids = {str(op.body.get("id")) for op, _ in rows if op.kind in policy.VISIT_KINDS}
        known = hub_rows.visit_employers(self.store, visit_ids) if visit_ids else {}
        concerned = hub_interviews.concerned(self.store, caller, [op for op, _ in rows])
        return [PulledOp(op, seq) for op, seq in rows if op.op_id not in refused
                and policy.may_see(caller, op, visit_employer(op, known),
                                   str(op.body.get("candidate_id")) in concerned)]

    def _stubs(self, caller: Caller, visible: list[PulledOp], page: list[Op]
               ) -> list[dict[str, Any]]:
        """The card of each candidate the booth's visits in this page reference,
        and again of each visited candidate a roster op in this page changed
        (a walk-in whose desk record reached the hub after the booth's visit)."""
        ids = {str(p.op.body["candidate_id"]) for p in visible if p.op.kind == "visit.record"}
        ids |= hub_interviews.booked_candidates(visible, caller.employer_id)
        changed = {str(op.body.get("id")) for op in page if op.kind in policy.CANDIDATE_KINDS}
        changed |= {str(op.body["keep"]) for op in page if op.kind == "candidate.merge"}
        if changed and caller.employer_id:
            ids |= hub_rows.visited_by(self.store, caller.employer_id, changed - ids)
        return hub_rows.candidate_stubs(self.store, ids, policy.STUB_FIELDS)

    def check_secret(self, secret: str) -> None:
        """:class:`BadPairingCode` unless ``secret`` is an open invitation (read
        only: ``/api/join`` asks this before it reads the request's body)."""
        found = device_rows.invite_by_hash(self.store, pairing.secret_hash(secret))
        if found is None or found["used_at"]:
            raise BadPairingCode("This pairing code is unknown to the hub or used already.")

    def join(self, secret: str, name: str) -> dict[str, Any]:
        answer = devices.redeem(self.store, secret, name, self.clock())
        answer["fingerprint"] = devices.certificate(self.store)[2]
        return answer

    def signing_key(self, caller: Caller) -> dict[str, Any]:
        if not policy.may_have_signing_key(caller):
            raise Forbidden("Only desks hold the badge signing key.")
        return devices.event_keys(self.store, caller)

    async def receive_resume(self, caller: Caller, upload: ResumeUpload) -> dict[str, Any]:
        """Store a résumé blob a desk sends (once, whatever how often it is sent).

        The bytes must hash to the sha the desk claims and pass the résumé
        import's own checks (a PDF must open and have pages); otherwise
        nothing is stored. Hashing and checking run off the event loop.
        """
        if not policy.may_upload_resumes(caller):
            raise Forbidden("Only desks send résumés; a booth never holds one.")
        held = resumes.held(self.store, upload.sha256)
        pages: int | None = None
        if not held:
            loop = asyncio.get_running_loop()
            pages = await loop.run_in_executor(None, checked_resume, upload)
            log.info("résumé %s (%s) from %s", upload.sha256[:12], upload.name,
                     caller.device_id)
        with self.store.transaction():
            if not held:  # INSERT OR IGNORE: another desk may have sent it meanwhile
                resumes.put(self.store, upload.data, self.clock(), mime=upload.mime,
                            pages=pages, original_name=upload.name)
            device_rows.seen(self.store, caller.device_id, self.clock(), upload.pending)
        return {"sha256": upload.sha256, "held": True, "new": not held}

    def _touch(self, caller: Caller) -> None:
        """Last seen, written at most every few seconds per device."""
        loop_time = asyncio.get_event_loop().time() if _in_loop() else 0.0
        if loop_time and loop_time - self._seen.get(caller.device_id, -1e9) < SEEN_EVERY_S:
            return
        self._seen[caller.device_id] = loop_time
        with self.store.transaction():
            device_rows.seen(self.store, caller.device_id, self.clock(), None)


def _ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def checked_resume(upload: ResumeUpload) -> int | None:
    """The page count of an uploaded résumé (``None``: kept as an office file).

    The bytes must be what ``upload.sha256`` names, and pass the checks of the
    résumé import (:mod:`fairdesk.imports.resume_files`); else a 400 naming why.
    """
    what = f"Résumé {upload.sha256[:12]} ({upload.name or 'no name'})"
    actual = hashlib.sha256(upload.data).hexdigest()
    if actual != upload.sha256:
        raise WireError(f"{what}: the bytes do not match its sha256 (they hash to "
                        f"{actual[:12]}); nothing stored.")
    if upload.mime == resume_files.PDF or upload.data.startswith(b"%PDF-"):
        try:
            return resume_files.pdf_pages(upload.data)
        except Exception as refused:  # the import's reason (resume_files._Refused)
            raise WireError(f"{what} is refused: {refused}.") from refused
    suffix = next((s for s, m in resume_files.OFFICE_MIME.items() if m == upload.mime), None)
    if suffix is None or not resume_files._office_signature_ok(upload.data, suffix):
        raise WireError(f"{what} is refused: not a PDF nor a real "
                        f"{(suffix or upload.mime).lstrip('.').upper()} file.")
    return None


def _in_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
