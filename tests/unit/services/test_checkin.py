from collections.abc import Callable

import pytest

from fairdesk.domain.errors import (
    AlreadyCheckedIn,
    ReasonRequired,
    UnknownCandidate,
    UnknownCheckIn,
)
from fairdesk.services.candidates import find_candidate, listing
from fairdesk.services.checkin import check_in, undo_check_in
from fairdesk.services.events import event_info
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import event as event_rows
from tests.conftest import FakeClock


def test_check_in_by_ref_as_typed(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(2)
    done = check_in(session, "c2", desk=2)
    person = find_candidate(session, done.candidate_id)
    assert person.ref == "C-0002"
    assert done.desk == 2
    assert event_info(session)["checked_in"] == 1


def test_second_check_in_same_day_reports_time_and_changes_nothing(
    session: EventSession, make_people: Callable[..., list[str]], clock: FakeClock
) -> None:
    make_people(1)
    check_in(session, "C-0001", desk=2)
    ops_before = event_info(session)["ops"]
    clock.advance(minutes=30)
    with pytest.raises(AlreadyCheckedIn) as error:
        check_in(session, "C-0001", desk=3)
    assert error.value.code == "already_checked_in"
    assert "already checked in at 09:30 at desk 2" in error.value.message
    assert event_info(session)["ops"] == ops_before


def test_same_badge_checks_in_again_on_the_next_fair_day(
    session: EventSession, make_people: Callable[..., list[str]], clock: FakeClock
) -> None:
    make_people(1)
    first = check_in(session, "C-0001")
    clock.advance(days=1)
    second = check_in(session, "C-0001")
    assert second.day != first.day
    assert event_info(session)["checked_in"] == 1  # people, not check-ins


def test_unknown_ref_is_refused(session: EventSession) -> None:
    with pytest.raises(UnknownCandidate) as error:
        check_in(session, "C-0999")
    assert error.value.code == "unknown_candidate"


def test_undo_needs_a_reason_and_is_audited(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(1)
    check_in(session, "C-0001", desk=1)
    with pytest.raises(ReasonRequired):
        undo_check_in(session, "C-0001", "  ")
    undo_check_in(session, "C-0001", "wrong person")
    assert event_info(session)["checked_in"] == 0
    entries = event_rows.audit_entries(session.store, "checkin.undo")
    assert entries[0]["subject"] == "C-0001"
    assert entries[0]["detail"]["reason"] == "wrong person"
    with pytest.raises(UnknownCheckIn):
        undo_check_in(session, "C-0001", "again")
    check_in(session, "C-0001", desk=1)  # can check in again after an undo
    assert listing(session)[0]["checked_in"] is True


def test_each_write_is_announced(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(1)
    seen: list[Change] = []
    session.subscribe(seen.append)
    check_in(session, "C-0001")
    assert [c.topic for c in seen] == ["checkins"]


def test_every_change_is_an_op_in_the_same_transaction(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(1)
    check_in(session, "C-0001")
    kinds = [r["kind"] for r in session.store.rows("SELECT kind FROM ops ORDER BY seq")]
    assert kinds == ["event.create", "candidate.add", "checkin.add"]
    seqs = [r["seq"] for r in session.store.rows("SELECT seq FROM ops ORDER BY seq")]
    assert seqs == [1, 2, 3]
