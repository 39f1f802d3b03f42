"""Bookings converge whatever order they arrive in, and never double-book."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.domain.clock import encode
from fairdesk.domain.interviews import overlaps
from fairdesk.domain.model import Op
from fairdesk.storage import interviews, sync_rows
from fairdesk.storage.store import EventStore, new_store

AT = datetime(2026, 8, 20, 13, 0, tzinfo=UTC)
DAY = "2026-08-21"
# (slot id, employer, start, end): A1/A2 at Acme, B1 at Bluewave overlaps both
SLOTS = [("A1", "acme", "10:00", "10:20"), ("A2", "acme", "10:20", "10:40"),
         ("B1", "blue", "10:10", "10:40"), ("B2", "blue", "11:00", "11:30")]
CANDIDATES = ("c1", "c2", "c3")


def _store() -> EventStore:
    store = new_store(None)
    store.set_setting("device_id", "here")
    with store.transaction():
        for key in ("acme", "blue"):
            store.execute("INSERT INTO employers (id, name) VALUES (?, ?)", (key, key.title()))
        for n, key in enumerate(CANDIDATES):
            store.execute("INSERT INTO candidates (id, ref, created_at) VALUES (?, ?, '')",
                          (key, f"C-{n:04d}"))
        for n, (key, employer, start, end) in enumerate(SLOTS):
            sync_rows.ingest_one(store, Op(f"slot-{n}", "org", n + 1, "slot.add", AT,
                                           encode(1, n, "org"), {
                "id": key, "employer_id": employer, "day": DAY, "start": start, "end": end,
                "room": "Room 1"}))
    return store


def _add(n: int, device: str, wall: int, slot: str, candidate: str) -> Op:
    key, employer, start, end = next(s for s in SLOTS if s[0] == slot)
    return Op(f"add-{n}", device, 100 + n, "booking.add", AT, encode(wall, 0, device), {
        "id": f"b{n}", "slot_id": key, "candidate_id": candidate, "employer_id": employer,
        "employer_name": employer.title(), "day": DAY, "start": start, "end": end})


def _remove(n: int, device: str, wall: int, booking: Op) -> Op:
    return Op(f"rm-{n}", device, 500 + n, "booking.remove", AT, encode(wall, 0, device), {
        "id": booking.body["id"], "candidate_id": booking.body["candidate_id"],
        "employer_id": booking.body["employer_id"]})


def _states(store: EventStore) -> dict[str, str]:
    return {r["id"]: r["state"] for r in store.rows("SELECT id, state FROM interview_bookings")}


def _apply(ops: list[Op]) -> dict[str, str]:
    store = _store()
    with store.transaction():
        for op in ops:
            sync_rows.ingest_one(store, op)
            sync_rows.retry_parked(store)
    out = _states(store)
    _assert_rules(store)
    store.close()
    return out


def _assert_rules(store: EventStore) -> None:
    booked = [b for c in CANDIDATES for b in interviews.for_candidate(store, c)
              if b.state == "booked"]
    slots = [b.slot_id for b in booked]
    assert len(slots) == len(set(slots)), "a slot booked twice"
    for a in booked:
        for b in booked:
            if a.id != b.id and a.candidate_id == b.candidate_id:
                assert not overlaps(a.day, a.start, a.end, b.day, b.start, b.end)
                assert a.employer_id != b.employer_id, "two interviews at one employer"


def test_the_earlier_booking_stands_in_either_order() -> None:
    at_acme = _add(1, "boothA", 1000, "A1", "c1")  # 10:00–10:20
    at_blue = _add(2, "boothB", 2000, "B1", "c1")  # 10:10–10:40: overlaps
    one, two = _apply([at_acme, at_blue]), _apply([at_blue, at_acme])
    assert one == two == {"b1": "booked", "b2": "clash"}


def test_two_tablets_of_one_booth_booking_one_person_offline_leave_one_interview() -> None:
    """A1 and A2 do not overlap, but both are Acme's: the later booking is the clash,
    in either order, and unbooking the earlier lets it stand."""
    first = _add(1, "boothA-1", 1000, "A1", "c1")
    second = _add(2, "boothA-2", 2000, "A2", "c1")
    assert _apply([first, second]) == _apply([second, first]) == {
        "b1": "booked", "b2": "clash"}
    store = _store()
    with store.transaction():
        for op in (second, first):
            sync_rows.ingest_one(store, op)
    beaten = interviews.beaten_by(store, "b2")
    assert beaten is not None and beaten.id == "b1"
    store.close()
    assert _apply([first, second, _remove(1, "boothA-1", 3000, first)]) == {
        "b1": "removed", "b2": "booked"}


def test_removing_the_earlier_booking_lets_the_later_stand() -> None:
    first, second = _add(1, "boothA", 1000, "A1", "c1"), _add(2, "boothA", 2000, "A1", "c2")
    assert _apply([second, first]) == {"b1": "booked", "b2": "clash"}
    gone = _remove(1, "boothA", 3000, first)
    assert _apply([second, gone, first]) == {"b1": "removed", "b2": "booked"}


@st.composite
def _histories(draw: st.DrawFn) -> list[Op]:
    ops: list[Op] = []
    for n in range(draw(st.integers(1, 8))):
        op = _add(n, draw(st.sampled_from(["boothA", "boothB", "org"])),
                  draw(st.integers(1, 50)) * 10 + n, draw(st.sampled_from([s[0] for s in SLOTS])),
                  draw(st.sampled_from(CANDIDATES)))
        ops.append(op)
        if draw(st.booleans()) and draw(st.booleans()):
            ops.append(_remove(n, op.device_id, 10_000 + n, op))
    return ops


@settings(max_examples=60, deadline=None)
@given(_histories(), st.randoms(use_true_random=False))
def test_any_order_of_bookings_and_removals_converges(ops: list[Op], rng: object) -> None:
    """A remove may arrive before its add (parked): every order ends the same, and
    no slot is booked twice nor a candidate in two places (checked in _apply)."""
    shuffled = list(ops)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _apply(ops) == _apply(shuffled) == _apply(list(reversed(ops)))


def test_booked_counts_and_the_booth_lookups() -> None:
    store = _store()
    with store.transaction():
        sync_rows.ingest_one(store, _add(1, "boothA", 1000, "A1", "c1"))
        sync_rows.ingest_one(store, _add(2, "boothA", 2000, "A1", "c2"))
        sync_rows.ingest_one(store, _add(3, "boothB", 3000, "B2", "c2"))
    assert interviews.booked_counts(store) == {"acme": 1, "blue": 1}
    assert [b.id for b in interviews.clashes(store)] == ["b2"]
    assert [k for k, _ in interviews.booking_op_ids(store, {"c2"})] == ["add-2", "add-3"]
    assert interviews.employers_of_bookings(store, {"b1", "b3"}) == {"b1": "acme", "b3": "blue"}
    assert interviews.slot_holders(store, "acme") == {"A1": ("C-0000", "", "booked")}
    store.close()


def _merge(n: int, keep: str, drop: str) -> Op:
    return Op(f"merge-{n}", "org", 900 + n, "candidate.merge", AT, encode(50, n, "org"),
              {"keep": keep, "drop": drop, "keep_ref": "C-0000", "drop_ref": "C-0001"})


def test_a_booking_of_a_merged_away_record_lands_on_the_kept_one_not_parked() -> None:
    """A booth booked c2 offline; the organizer merged c2 into c1 meanwhile. The
    booking must not wait forever for a record that will never come back."""
    store = _store()
    with store.transaction():
        sync_rows.ingest_one(store, _merge(1, "c1", "c2"))
        sync_rows.ingest_one(store, _add(1, "tab", 60, "A1", "c2"))
        # a booking of the kept person at another employer, then one that clashes
        sync_rows.ingest_one(store, _add(2, "tab", 61, "B1", "c2"))
    assert store.scalar("SELECT COUNT(*) FROM parked_ops") == 0
    assert {b.id: b.candidate_id for b in interviews.for_candidate(store, "c1")} == {
        "b1": "c1", "b2": "c1"}
    assert _states(store) == {"b1": "booked", "b2": "clash"}  # A1 10:00–10:20 meets B1 10:10
    store.close()


def test_a_parked_booking_of_a_record_merged_away_meanwhile_is_taken_on_retry() -> None:
    store = _store()
    with store.transaction():
        sync_rows.ingest_one(store, _add(1, "tab", 60, "A1", "c9"))  # not here yet: parked
        assert store.scalar("SELECT COUNT(*) FROM parked_ops") == 1
        store.execute("INSERT INTO candidates (id, ref, created_at) VALUES ('c9', 'C-0009', '')")
        sync_rows.ingest_one(store, _merge(1, "c1", "c9"))
        assert sync_rows.retry_parked(store) == 0
    assert [b.candidate_id for b in interviews.for_candidate(store, "c1")] == ["c1"]
    store.close()
