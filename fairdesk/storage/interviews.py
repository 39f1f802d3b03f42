"""Interview slots and bookings in the event file, and how their ops project.

``slot.add`` makes a slot and ``slot.remove`` takes it back (the row stays,
marked, for the bookings that name it); ``booking.add`` and
``booking.remove`` are facts (a move is a remove and an add in one
transaction). ``booking.attend``
records whether the interview took place: last writer (by HLC) wins, like a
visit's field, and it never changes a removed booking. After each booking op
the states of the bookings it can touch are decided again by the rule in
:mod:`fairdesk.domain.interviews`: a booking is a ``clash`` when an earlier
active booking (HLC, then id) holds its slot or overlaps it for the same
candidate, or when its slot was removed. That is a pure function of the
bookings and the removed slots, so the hub and every device agree whatever
order the ops arrived in.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from fairdesk.domain.interviews import Booking, Slot
from fairdesk.domain.model import Op, person_name
from fairdesk.storage import codec
from fairdesk.storage.candidates import resolve_id

if TYPE_CHECKING:
    from fairdesk.storage.store import EventStore

BOOKING_KINDS = frozenset({"booking.add", "booking.remove", "booking.attend"})
_ATTENDED = {"yes": True, "no": False}


# ---------------------------------------------------------------- rows
def _slot(row: dict[str, Any]) -> Slot:
    return Slot(row["id"], row["employer_id"], date.fromisoformat(row["day"]),
                row["start_time"], row["end_time"], row["room"])


def _booking(row: dict[str, Any]) -> Booking:
    return Booking(
        id=row["id"], slot_id=row["slot_id"], candidate_id=row["candidate_id"],
        employer_id=row["employer_id"], employer_name=row["employer_name"],
        day=date.fromisoformat(row["day"]), start=row["start_time"], end=row["end_time"],
        hlc=row["hlc"], device_id=row["device_id"], state=row["state"],
        attended=_ATTENDED.get(row.get("attended") or ""),
    )


def slots(store: EventStore, employer_id: str | None = None,
          day: date | None = None) -> list[Slot]:
    """Slots in time order (then room), of one employer or all; removed ones left out."""
    where, params = ["removed_hlc IS NULL"], []
    if employer_id is not None:
        where.append("employer_id = ?")
        params.append(employer_id)
    if day is not None:
        where.append("day = ?")
        params.append(day.isoformat())
    sql = "SELECT * FROM interview_slots WHERE " + " AND ".join(where)
    sql += " ORDER BY day, start_time, room, id"
    return [_slot(r) for r in store.rows(sql, params)]


def slot(store: EventStore, slot_id: str) -> Slot | None:
    """The slot ``slot_id``; None when it is not here or was removed."""
    row = store.row("SELECT * FROM interview_slots WHERE id = ? AND removed_hlc IS NULL",
                    (slot_id,))
    return _slot(row) if row else None


def booking(store: EventStore, booking_id: str) -> Booking | None:
    row = store.row("SELECT * FROM interview_bookings WHERE id = ?", (booking_id,))
    return _booking(row) if row else None


def for_candidate(store: EventStore, candidate_id: str, *, active: bool = True
                  ) -> list[Booking]:
    """A candidate's bookings in time order (every employer this device knows)."""
    sql = "SELECT * FROM interview_bookings WHERE candidate_id = ?"
    if active:
        sql += " AND state != 'removed'"
    sql += " ORDER BY day, start_time, hlc"
    return [_booking(r) for r in store.rows(sql, (candidate_id,))]


def for_slot(store: EventStore, slot_id: str) -> list[Booking]:
    """The active bookings of a slot, the standing one first."""
    return [_booking(r) for r in store.rows(
        "SELECT * FROM interview_bookings WHERE slot_id = ? AND state != 'removed' "
        "ORDER BY state = 'clash', hlc, id", (slot_id,))]


def for_employer(store: EventStore, employer_id: str, *, active: bool = True
                 ) -> list[Booking]:
    sql = "SELECT * FROM interview_bookings WHERE employer_id = ?"
    if active:
        sql += " AND state != 'removed'"
    sql += " ORDER BY day, start_time, hlc"
    return [_booking(r) for r in store.rows(sql, (employer_id,))]


class Holder(NamedTuple):
    ref: str
    name: str  # "erased candidate" once the person was erased
    state: str


def slot_holders(store: EventStore, employer_id: str | None = None) -> dict[str, Holder]:
    """For each held slot: its holder, the standing booking first. A booking's
    candidate is always the kept one (the projection resolves a merged-away id,
    a merge moves the bookings) and is on this device (else the op is parked)."""
    sql = ("SELECT b.slot_id, c.ref, c.first_name, c.last_name, c.erased_at, b.state "
           "FROM interview_bookings AS b JOIN candidates AS c ON c.id = b.candidate_id "
           "WHERE b.state != 'removed'")
    params: tuple[str, ...] = ()
    if employer_id is not None:
        sql += " AND b.employer_id = ?"
        params = (employer_id,)
    sql += " ORDER BY b.state = 'booked', b.hlc DESC"  # the last row of a slot wins
    return {slot_id: Holder(ref, person_name(first, last, bool(erased)), state)
            for slot_id, ref, first, last, erased, state in store.execute(sql, params)}


def booked_counts(store: EventStore) -> dict[str, int]:
    """Standing (not clashing, not removed) interviews per employer id."""
    return {str(e): int(n) for e, n in store.execute(
        "SELECT employer_id, COUNT(*) FROM interview_bookings WHERE state = 'booked' "
        "GROUP BY employer_id")}


def clashes(store: EventStore, employer_id: str | None = None) -> list[Booking]:
    sql = "SELECT * FROM interview_bookings WHERE state = 'clash'"
    params: tuple[str, ...] = ()
    if employer_id is not None:
        sql += " AND employer_id = ?"
        params = (employer_id,)
    return [_booking(r) for r in store.rows(sql + " ORDER BY day, start_time", params)]


def booking_op_ids(store: EventStore, candidate_ids: set[str], before: int | None = None
                   ) -> list[tuple[str, int | None]]:
    """(op id, hub seq) of the booking ops about these candidates, in log order;
    ``before``: only those the hub numbered up to it (the hub's pull)."""
    if not candidate_ids:
        return []
    sql = ("SELECT op_id, hub_seq FROM ops WHERE kind IN ('booking.add', 'booking.remove') "
           "AND json_extract(body, '$.candidate_id') IN (SELECT value FROM json_each(?))")
    params: tuple[object, ...] = (json.dumps(sorted(candidate_ids)),)
    if before is not None:
        sql += " AND hub_seq <= ?"
        params += (before,)
    return [(str(k), None if n is None else int(n))
            for k, n in store.execute(sql + " ORDER BY hub_seq, rowid", params)]


def employers_of_bookings(store: EventStore, booking_ids: set[str]) -> dict[str, str]:
    if not booking_ids:
        return {}
    return {str(k): str(e) for k, e in store.execute(
        "SELECT id, employer_id FROM interview_bookings WHERE id IN "
        "(SELECT value FROM json_each(?))", (json.dumps(sorted(booking_ids)),))}


def employers_of_slots(store: EventStore, slot_ids: set[str]) -> dict[str, str]:
    if not slot_ids:
        return {}
    return {str(k): str(e) for k, e in store.execute(
        "SELECT id, employer_id FROM interview_slots WHERE id IN "
        "(SELECT value FROM json_each(?))", (json.dumps(sorted(slot_ids)),))}


# ---------------------------------------------------------------- projection
def project_slot_add(store: EventStore, op: Op) -> None:
    b = op.body
    store.execute(
        "INSERT OR IGNORE INTO interview_slots (id, employer_id, day, start_time, end_time, "
        "room) VALUES (?, ?, ?, ?, ?, ?)",
        (b["id"], b["employer_id"], b["day"], b["start"], b["end"], b.get("room", "")),
    )


def project_slot_remove(store: EventStore, op: Op) -> None:
    """The slot is removed (the first removal's HLC stays); a booking on it, made
    offline before the removal arrived, becomes a clash to rebook. It still
    counts as earlier for the candidate's other bookings, like any clash
    (:mod:`fairdesk.domain.interviews`): a booth that does not hold the slot
    cannot know it was removed, and must decide the same."""
    slot_id = op.body["id"]
    store.execute("UPDATE interview_slots SET removed_hlc = ? "
                  "WHERE id = ? AND (removed_hlc IS NULL OR removed_hlc > ?)",
                  (op.hlc, slot_id, op.hlc))
    decide(store, slot_id, "")  # the bookings of that slot only


def project_booking_add(store: EventStore, op: Op) -> None:
    b = op.body
    candidate = resolve_id(store, b["candidate_id"])  # a merged-away badge: the kept person
    store.execute(
        "INSERT OR IGNORE INTO interview_bookings (id, slot_id, candidate_id, employer_id, "
        "employer_name, day, start_time, end_time, device_id, hlc, booked_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (b["id"], b["slot_id"], candidate, b["employer_id"],
         b.get("employer_name", ""), b["day"], b["start"], b["end"], op.device_id, op.hlc,
         codec.ts(op.at)),
    )
    decide(store, b["slot_id"], candidate)


def project_booking_remove(store: EventStore, op: Op) -> None:
    found = booking(store, op.body["id"])
    if found is None or not found.active:
        return
    store.execute(
        "UPDATE interview_bookings SET state = 'removed', removed_at = ? WHERE id = ?",
        (codec.ts(op.at), found.id),
    )
    decide(store, found.slot_id, found.candidate_id)


def project_booking_attend(store: EventStore, op: Op) -> None:
    """Whether the interview took place: the latest ``booking.attend`` by HLC
    wins (a late-arriving older one changes nothing); a removed booking keeps
    what it had."""
    store.execute(
        "UPDATE interview_bookings SET attended = ?, attended_at = ?, attended_hlc = ? "
        "WHERE id = ? AND state != 'removed' AND COALESCE(attended_hlc, '') < ?",
        ("yes" if op.body["attended"] is True else "no", codec.ts(op.at), op.hlc,
         op.body["id"], op.hlc),
    )


_REMOVED = "SELECT id FROM interview_slots WHERE removed_hlc IS NOT NULL"
_DECIDE = f"""
UPDATE interview_bookings AS x SET state = CASE WHEN x.slot_id IN ({_REMOVED}) THEN 'clash'
WHEN EXISTS (
    SELECT 1 FROM interview_bookings AS y
    WHERE y.state != 'removed' AND y.id != x.id AND (y.hlc, y.id) < (x.hlc, x.id)
      AND (y.slot_id = x.slot_id
           OR (y.candidate_id = x.candidate_id
               AND (y.employer_id = x.employer_id
                    OR (y.day = x.day
                        AND y.start_time < x.end_time AND x.start_time < y.end_time))))
) THEN 'clash' ELSE 'booked' END
WHERE x.state != 'removed' AND (x.slot_id = ? OR x.candidate_id = ?)
"""


def move_bookings(store: EventStore, drop: str, keep: str) -> None:
    """A merge: the dropped record's bookings are the kept person's; two of
    them at once, or two at one employer, is now a clash, decided by the same
    rule (earlier stands)."""
    store.execute("UPDATE interview_bookings SET candidate_id = ? WHERE candidate_id = ?",
                  (keep, drop))
    for row in store.rows("SELECT DISTINCT slot_id FROM interview_bookings "
                          "WHERE candidate_id = ? AND state != 'removed'", (keep,)):
        decide(store, row["slot_id"], keep)


def decide(store: EventStore, slot_id: str, candidate_id: str) -> None:
    """Decide again every active booking that shares ``slot_id`` or the candidate:
    the only ones a booking op there can change (the rule never cascades)."""
    store.execute(_DECIDE, (slot_id, candidate_id))


# ---------------------------------------------------------------- exports
def schedule_rows(store: EventStore, employer_id: str | None = None) -> list[dict[str, Any]]:
    """Every slot (free ones too) with its standing or clashing booking and the
    candidate's card and contact columns, in employer, day, room, time order."""
    sql = """
        SELECT s.id AS slot_id, s.employer_id, e.name AS employer_name, e.booth,
               s.day, s.start_time, s.end_time, s.room,
               b.id AS booking_id, b.state, b.hlc, c.id AS candidate_id, c.ref,
               c.first_name, c.last_name, c.email, c.phone, c.consent
        FROM interview_slots AS s
        JOIN employers AS e ON e.id = s.employer_id
        LEFT JOIN interview_bookings AS b ON b.slot_id = s.id AND b.state != 'removed'
        LEFT JOIN candidates AS c ON c.id = b.candidate_id
    """
    sql += " WHERE (s.removed_hlc IS NULL OR b.id IS NOT NULL)"  # a removed slot's clash shows
    params: tuple[str, ...] = ()
    if employer_id is not None:
        sql += " AND s.employer_id = ?"
        params = (employer_id,)
    sql += " ORDER BY e.name, s.employer_id, s.day, s.room, s.start_time, b.state, b.hlc"
    return store.rows(sql, params)


_STANDING = ("(SELECT COUNT(DISTINCT b.candidate_id) FROM interview_bookings AS b "
             "WHERE b.employer_id = e.id AND b.state = 'booked'")


def funnel(store: EventStore) -> list[tuple[str, str, int, int, int, int, int, int]]:
    """Phase Two per employer in booth order: (name, booth, visits, shortlisted,
    booked candidates, bookings in clash, booked candidates recorded as
    interviewed, and as no-shows)."""
    rows = store.execute(
        "SELECT e.name, e.booth, "
        "(SELECT COUNT(*) FROM visits AS v WHERE v.employer_id = e.id), "
        "(SELECT COALESCE(SUM(v.shortlist), 0) FROM visits AS v WHERE v.employer_id = e.id), "
        f"{_STANDING}), "
        "(SELECT COUNT(*) FROM interview_bookings AS b "
        " WHERE b.employer_id = e.id AND b.state = 'clash'), "
        f"{_STANDING} AND b.attended = 'yes'), {_STANDING} AND b.attended = 'no') "
        "FROM employers AS e ORDER BY CAST(e.booth AS INTEGER), e.booth, e.name COLLATE NOCASE"
    ).fetchall()
    out = []
    for r in rows:
        n = [int(x) for x in r[2:8]]
        out.append((str(r[0]), str(r[1] or ""), n[0], n[1], n[2], n[3], n[4], n[5]))
    return out


def interviewed_counts(store: EventStore) -> dict[str, int]:
    """Standing interviews recorded as having taken place, per employer id."""
    return {str(e): int(n) for e, n in store.execute(
        "SELECT employer_id, COUNT(*) FROM interview_bookings WHERE state = 'booked' "
        "AND attended = 'yes' GROUP BY employer_id")}


def has_slots(store: EventStore) -> bool:
    return store.scalar("SELECT 1 FROM interview_slots WHERE removed_hlc IS NULL LIMIT 1"
                        ) is not None


def booked_by_candidate(store: EventStore, employer_id: str
                        ) -> dict[str, tuple[date, str, str, str]]:
    """Candidate id → (day, start, end, room) of their standing interview here."""
    return {str(r["candidate_id"]): (date.fromisoformat(r["day"]), r["start_time"],
                                     r["end_time"], r["room"] or "")
            for r in store.rows(
                "SELECT b.candidate_id, b.day, b.start_time, b.end_time, s.room "
                "FROM interview_bookings AS b LEFT JOIN interview_slots AS s "
                "ON s.id = b.slot_id WHERE b.employer_id = ? AND b.state = 'booked' "
                "ORDER BY b.day, b.start_time", (employer_id,))}


_BEATEN_BY = """
SELECT y.* FROM interview_bookings AS y, interview_bookings AS x
WHERE x.id = ? AND y.state != 'removed' AND y.id != x.id AND (y.hlc, y.id) < (x.hlc, x.id)
  AND (y.slot_id = x.slot_id
       OR (y.candidate_id = x.candidate_id
           AND (y.employer_id = x.employer_id
                OR (y.day = x.day
                    AND y.start_time < x.end_time AND x.start_time < y.end_time))))
ORDER BY y.hlc, y.id LIMIT 1
"""


def beaten_by(store: EventStore, booking_id: str) -> Booking | None:
    """The earliest active booking that makes ``booking_id`` a clash (the rule of
    :data:`_DECIDE`): one holding the same slot, or the candidate's overlapping
    one, or the candidate's one at the same employer."""
    row = store.row(_BEATEN_BY, (booking_id,))
    return _booking(row) if row else None
