"""What the hub adds to a push and a pull for Phase Two bookings (issue 15).

* **push**: the employer a booking op is about, as the hub knows it (the
  slot's employer for ``booking.add``, the booking's for ``booking.remove``
  and ``booking.attend``),
  so a booth cannot book another employer's slot by naming itself in the body.
* **pull**: a booth sees another employer's booking of a candidate only when
  it visited or booked that candidate, and when it first does (its visit or
  its booking reaches the hub after the other booking went by its cursor) the
  candidate's earlier bookings are sent again with the page, so that every
  booth decides its own clashes from the same bookings as the hub.
* **pull, a desk paired before desks saw bookings**: it had pulled past the
  older booking ops, so the hub sends it those below its cursor
  (:func:`desk_backfill`), a page at a time, until the desk confirms it
  holds them; then never again.
"""

from __future__ import annotations

from fairdesk.domain.model import Op
from fairdesk.storage import EventStore, device_rows, hub_rows, oplog
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import interviews as rows
from fairdesk.sync import policy
from fairdesk.sync.policy import Caller
from fairdesk.sync.wire import PulledOp

_BY_BOOKING = frozenset({"booking.remove", "booking.attend"})  # their body's id: a booking's


def known_employers(store: EventStore, ops: list[Op]) -> dict[str, str]:
    """Slot id / booking id → employer, for the booking ops of a push."""
    slot_ids = {str(op.body.get("slot_id")) for op in ops if op.kind == "booking.add"}
    booking_ids = {str(op.body.get("id")) for op in ops if op.kind in _BY_BOOKING}
    return {**rows.employers_of_slots(store, slot_ids),
            **rows.employers_of_bookings(store, booking_ids)}


def owner(op: Op, known: dict[str, str]) -> str | None:
    """The employer a booking op is about: the hub's record first, else the body's."""
    key = op.body.get("slot_id") if op.kind == "booking.add" else op.body.get("id")
    body = op.body.get("employer_id")
    return known.get(str(key), str(body) if body is not None else None)


def concerned(store: EventStore, caller: Caller, ops: list[Op]) -> set[str]:
    """The candidates of the page's other-employer bookings this booth visited or booked."""
    employer = caller.employer_id
    if caller.role != "booth" or not employer:
        return set()
    ids = {str(op.body.get("candidate_id")) for op in ops
           if op.kind in policy.BOOKING_KINDS and op.body.get("employer_id") != employer}
    # an op from before a merge names the dropped record; the booth knows the kept one
    kept = candidate_rows.resolve_ids(store, ids)
    known = _known_to(store, employer, set(kept.values()))
    return {key for key, person in kept.items() if person in known}


def _known_to(store: EventStore, employer: str, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    booked = {b.candidate_id for b in rows.for_employer(store, employer, active=False)}
    return hub_rows.visited_by(store, employer, ids) | (ids & booked)


def earlier_bookings(store: EventStore, caller: Caller, visible: list[PulledOp],
                     since: int) -> list[PulledOp]:
    """Other employers' booking ops (before ``since``) of the candidates that this
    page's own visits and bookings bring to the booth."""
    employer = caller.employer_id
    if caller.role != "booth" or not employer:
        return []
    ids = {str(p.op.body.get("candidate_id")) for p in visible
           if p.op.kind in ("visit.record", "booking.add")
           and p.op.body.get("employer_id") == employer}
    found = dict(rows.booking_op_ids(store, candidate_rows.with_aliases(store, ids),
                                     before=since))
    if not found:
        return []
    out = [PulledOp(op, int(found[op.op_id] or 0)) for op in oplog.by_ids(store, list(found))
           if op.body.get("employer_id") != employer]
    return sorted(out, key=lambda p: p.hub_seq)


def booked_candidates(visible: list[PulledOp], employer: str | None) -> set[str]:
    """Candidates of this page's own-employer bookings: the booth needs their card."""
    return {str(p.op.body["candidate_id"]) for p in visible
            if p.op.kind == "booking.add" and p.op.body.get("employer_id") == employer}


def desk_backfill(store: EventStore, caller: Caller, since: int, limit: int,
                  held: int | None) -> tuple[list[tuple[Op, int]], int]:
    """The booking ops a desk paired before desks saw bookings is still owed below
    its cursor ``since`` (at most ``limit``, in hub order), and the hub sequence
    they reach (0: none owed).

    The hub owes a desk the booking ops in ``(after, upto]`` (migration 10).
    ``held`` is how far the desk says it holds them (the ``backfill`` of the
    last page it applied): what it holds is no longer owed, nor anything
    above ``since`` (a normal page brings that). A page whose answer is lost
    is sent again, until the desk confirms it. ``held`` ``None`` (a desk
    that does not say) is taken to hold whatever it was sent.
    """
    owed = device_rows.backfill(store, caller.device_id) if caller.role == "desk" else None
    if owed is None:
        return [], 0
    after, upto = owed
    after = max(after, min(held, upto)) if held is not None else after
    upto = min(upto, since)
    rows = hub_rows.ops_of_kinds(store, policy.BOOKING_KINDS, after, upto, limit) \
        if after < upto else []
    if held is None and rows:
        after = rows[-1][1] if len(rows) == limit else upto
    left = (after, upto) if rows and after < upto else None
    if left != owed:
        with store.transaction():
            device_rows.set_backfill(store, caller.device_id, left)
    return rows, rows[-1][1] if rows else 0
