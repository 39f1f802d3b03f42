"""The role rule (:func:`fairdesk.sync.policy.op_refusal`) applied to the ops
that reach the hub's file, whichever way they come: a push, a USB file, or a
parked op about to be applied once its record has arrived.

The rule needs the owner of the visit an op changes; this module looks it up
in the file (the visits table, else the log's record of it) and in the
records that come earlier in the same batch.
"""

from __future__ import annotations

from fairdesk.domain import clock
from fairdesk.domain.errors import ClockAhead, Forbidden
from fairdesk.domain.model import Op
from fairdesk.services import hub_interviews
from fairdesk.storage import EventStore, device_rows, hub_rows
from fairdesk.storage.sync_rows import Refuse
from fairdesk.sync import policy
from fairdesk.sync.policy import Caller


def refusal(store: EventStore, caller: Caller, ops: list[Op]) -> tuple[Op, str] | None:
    """The first op of ``ops`` that ``caller`` may not emit, and why."""
    visit_ids = {str(op.body.get("id")) for op in ops if op.kind in policy.VISIT_KINDS}
    known = hub_rows.visit_employers(store, visit_ids)
    bookings = hub_interviews.known_employers(store, ops)
    for op in ops:
        key = str(op.body.get("id"))
        owner = (known.get(key) if op.kind in policy.VISIT_KINDS
                 else hub_interviews.owner(op, bookings) if op.kind in policy.BOOKING_KINDS
                 else None)
        reason = policy.op_refusal(caller, op, owner)
        if reason:
            return op, reason
        if op.kind == "visit.record":  # the edits after it in the batch are about it
            known.setdefault(key, str(op.body.get("employer_id")))
    return None


def check(store: EventStore, caller: Caller, ops: list[Op], now_ms: int, what: str = ""
          ) -> None:
    """:class:`Forbidden` naming the first op ``caller`` may not emit,
    :class:`ClockAhead` naming one stamped too far ahead of ``now_ms``."""
    found = refusal(store, caller, ops)
    if found is not None:
        op, reason = found
        raise Forbidden(f"Refused{what}: {reason}.", op_id=op.op_id, kind=op.kind)
    ahead = policy.clock_ahead(ops, now_ms)
    if ahead is not None:
        raise ClockAhead(f"Refused{what}: op {ahead.op_id} ({ahead.kind}) is stamped "
                         f"{ahead.hlc.split('.')[0]} ms, more than "
                         f"{clock.MAX_SKEW_MS // 60_000} minutes ahead of this clock "
                         "(is the device's clock wrong?).", op_id=ahead.op_id)


def parked_rule(store: EventStore) -> Refuse:
    """The rule for parked ops about to be applied: the owner is the record's
    (the visit's, the slot's or the booking's), now that it is there; ops of a device the hub never
    paired (its own, or an older file's) are the organizer's."""
    callers: dict[str, Caller | None] = {}

    def refuse(op: Op) -> str | None:
        if op.device_id not in callers:
            row = device_rows.by_id(store, op.device_id)
            callers[op.device_id] = None if row is None else Caller(
                row["id"], row["role"], row["employer_id"], row["desk"])
        caller = callers[op.device_id]
        if caller is None:
            return None
        return policy.op_refusal(caller, op, _owner_now(store, op))

    return refuse


def _owner_now(store: EventStore, op: Op) -> str | None:
    """The employer of the record ``op`` changes, as the file holds it now: the
    visit's, or the slot's (``booking.add``) / booking's (``booking.remove``,
    ``booking.attend``: looked up by the booking id) (else the body's, as at push time: a
    booth's own booking parked while its candidate was on the way is its own)."""
    if op.kind in policy.VISIT_KINDS:
        return hub_rows.table_visit_employer(store, str(op.body.get("id")))
    if op.kind in policy.BOOKING_KINDS:
        return hub_interviews.owner(op, hub_interviews.known_employers(store, [op]))
    return None
