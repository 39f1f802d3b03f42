"""A kiosk paired with a real hub: what it gets, what it sends (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.services import badges, kiosk
from fairdesk.services.devices import invite, list_devices
from fairdesk.services.session import EventSession
from fairdesk.services.sync import pending_count, sync_file
from fairdesk.storage import resumes
from fairdesk.sync import policy

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def _count(session: EventSession, table: str) -> int:
    return int(session.store.scalar(f"SELECT COUNT(*) FROM {table}"))


def test_kiosk_gets_roster_and_signing_key_but_no_visits_employers_or_resumes(
        fair: EventSession, pair: Pair, device: Open) -> None:
    station = device(pair("kiosk"), role="kiosk")
    assert station.store.setting("role") == "kiosk"
    assert _count(station, "candidates") == _count(fair, "candidates")
    assert _count(station, "checkins") == _count(fair, "checkins")
    assert _count(station, "visits") == 0 and _count(station, "employers") == 0
    assert resumes.count(station.store) == 0
    assert station.event.signing_key == fair.event.signing_key


def test_kiosk_check_ins_and_prints_reach_the_hub(fair: EventSession, pair: Pair,
                                                 device: Open) -> None:
    path = pair("kiosk")
    station = device(path, role="kiosk")
    ref = station.store.scalar(
        "SELECT ref FROM candidates WHERE id NOT IN (SELECT candidate_id FROM checkins) "
        "AND id NOT IN (SELECT candidate_id FROM badge_prints) ORDER BY ref LIMIT 1")
    person = kiosk.identify(station, badges.payload_for(station,
                                                        kiosk.identify_typed(station, ref)))
    assert kiosk.plan(station, person).print_badge
    kiosk.check_in_with_badge(station, person, "brother-62x100")
    assert pending_count(station.store) == 2
    report = sync_file(path)
    assert report.pushed == 2 and pending_count(station.store) == 0
    assert fair.store.scalar("SELECT COUNT(*) FROM checkins WHERE candidate_id = ?",
                             (person.id,)) == 1
    assert fair.store.scalar("SELECT COUNT(*) FROM badge_prints WHERE candidate_id = ?",
                             (person.id,)) == 1
    assert [d.role for d in list_devices(fair)] == ["kiosk"]


def test_kiosk_may_send_only_check_ins_and_prints() -> None:
    caller = policy.Caller("k1", "kiosk")
    assert policy.may_push_kind("kiosk", "checkin.add")
    assert policy.may_push_kind("kiosk", "badge.print")
    for kind in ("candidate.add", "candidate.update", "checkin.undo", "visit.record"):
        assert not policy.may_push_kind("kiosk", kind)
    assert not policy.may_upload_resumes(caller)
    assert policy.may_have_signing_key(caller)


def test_a_kiosk_invite_needs_no_desk_or_employer(fair: EventSession, hub: object) -> None:
    made = invite(fair, "kiosk", "https://127.0.0.1:8765")
    assert made.role == "kiosk" and made.employer_id is None and made.desk is None
    with pytest.raises(InvalidField):
        invite(fair, "printer", "https://127.0.0.1:8765")
