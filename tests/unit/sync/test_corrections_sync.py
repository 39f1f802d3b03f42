"""The organizer's corrections reach every device (issue 16): a merge and an
erasure made on the hub's file converge on a desk and a booth, and a badge of
the merged-away record still works, even from a booth that was offline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fairdesk.services.candidates import edit_candidate, find_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.employers import all_employers
from fairdesk.services.erasure import erase
from fairdesk.services.merging import merge
from fairdesk.services.session import EventSession
from fairdesk.services.sync import sync_file
from fairdesk.services.visits import record_visit
from fairdesk.storage import candidates as candidate_rows

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def _visits(session: EventSession, employer: str, *people: str) -> dict[str, int]:
    return {r["candidate_id"]: r["seen_count"] for r in session.store.rows(
        "SELECT candidate_id, seen_count FROM visits WHERE employer_id = ?", (employer,))
        if r["candidate_id"] in people}


def _fresh_pair(fair: EventSession) -> tuple[str, str]:
    """Two candidates no booth has seen yet (the demo's visits are random)."""
    seen = {r["candidate_id"] for r in fair.store.rows("SELECT candidate_id FROM visits")}
    free = [r["id"] for r in fair.store.rows("SELECT id FROM candidates ORDER BY ref")
            if r["id"] not in seen]
    return free[0], free[1]


def test_a_merge_converges_on_a_desk_and_a_booth_and_the_old_badge_still_works(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[0].id
    keep, drop = _fresh_pair(fair)
    record_visit(fair, employer, keep)
    record_visit(fair, employer, drop)
    desk_path, booth_path = pair("desk", desk=1), pair("booth", 0)
    for path in (desk_path, booth_path):
        sync_file(path)
    desk = device(desk_path, role="desk", desk=1)
    booth = device(booth_path, role="booth", employer_id=employer)
    drop_ref = find_candidate(fair, drop).ref
    keep_ref = find_candidate(fair, keep).ref
    assert _visits(booth, employer, keep, drop) == {keep: 1, drop: 1}

    merge(fair, keep_ref, drop_ref)
    record_visit(booth, employer, drop)  # offline: the old badge scanned again
    for path in (booth_path, desk_path, booth_path):
        sync_file(path)

    for session in (fair, desk, booth):
        assert candidate_rows.by_ref(session.store, drop_ref).id == keep  # type: ignore[union-attr]
        assert session.store.scalar("SELECT 1 FROM candidates WHERE id = ?", (drop,)) is None
    # one visit of the person, all three scans counted, on the hub and the booth alike
    assert _visits(fair, employer, keep, drop) == {keep: 3}
    assert _visits(booth, employer, keep, drop) == {keep: 3}


def test_a_check_in_of_the_dropped_record_lands_on_the_kept_one(
        fair: EventSession, pair: Pair, device: Open) -> None:
    keep, drop = _fresh_pair(fair)
    desk_path = pair("desk", desk=1)
    sync_file(desk_path)
    desk = device(desk_path, role="desk", desk=1)
    merge(fair, find_candidate(fair, keep).ref, find_candidate(fair, drop).ref)
    check_in(desk, drop)  # offline, before it heard of the merge
    sync_file(desk_path)
    for session in (fair, desk):
        owners = {r["candidate_id"] for r in session.store.rows("SELECT candidate_id "
                                                                "FROM checkins")}
        assert drop not in owners
        assert keep in owners


def test_an_erasure_blanks_the_person_on_every_device_and_keeps_the_counts(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[0].id
    person, _ = _fresh_pair(fair)
    record_visit(fair, employer, person)
    check_in(fair, person)
    desk_path, booth_path = pair("desk", desk=1), pair("booth", 0)
    for path in (desk_path, booth_path):
        sync_file(path)
    desk = device(desk_path, role="desk", desk=1)
    booth = device(booth_path, role="booth", employer_id=employer)
    found = find_candidate(fair, person)
    assert found.email and find_candidate(desk, person).email == found.email

    erase(fair, found.ref, "asked at the desk")
    # a desk that had not heard yet edits the name: the edit must not bring it back
    edit_candidate(desk, person, first_name="Resurrected")
    for path in (desk_path, booth_path, desk_path):
        sync_file(path)

    for session in (fair, desk, booth):
        row = session.store.row("SELECT * FROM candidates WHERE id = ?", (person,))
        assert row is not None and row["erased_at"]
        assert (row["first_name"], row["last_name"]) == ("", "")
        assert find_candidate(session, found.ref).display_name == "erased candidate"
        assert not session.store.scalar("SELECT count(*) FROM ops WHERE body LIKE ?",
                                        (f"%{found.email}%",))
        assert not session.store.scalar("SELECT count(*) FROM ops WHERE body LIKE ?",
                                        ("%Resurrected%",))
    assert desk.store.row("SELECT email, phone FROM candidates WHERE id = ?",
                          (person,)) == {"email": "", "phone": ""}
    # the anonymous facts stay: the visit and the check-in still count
    assert _visits(fair, employer, person) == {person: 1} == _visits(booth, employer, person)
    assert fair.store.scalar("SELECT count(*) FROM checkins WHERE candidate_id = ?",
                             (person,)) == 1
