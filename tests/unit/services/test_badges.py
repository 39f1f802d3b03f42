"""Badge services: payload resolution, print log, reprint reasons, audit, folders, batches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.badges import keys, token
from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.ids import new_id
from fairdesk.services import badges
from fairdesk.services.candidates import find_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.session import Change, EventSession
from fairdesk.services.walkins import register_walk_in
from fairdesk.storage import badge_prints, oplog
from fairdesk.storage import event as event_rows

People = Callable[..., list[str]]


def _code(action: Callable[[], object]) -> str:
    with pytest.raises(FairDeskError) as caught:
        action()
    return caught.value.code


def test_payload_resolves_to_its_candidate(session: EventSession, make_people: People) -> None:
    person = find_candidate(session, make_people(2)[1])
    payload = badges.payload_for(session, person)
    assert badges.resolve_payload(session, payload) == person
    assert token.verify(payload, session.event.public_key, session.event.id).display_name == \
        "Désirée O'Neil"


@pytest.mark.parametrize("typed", ["C-0002", "c2", " C 0002 "])
def test_hand_typed_ref(session: EventSession, make_people: People, typed: str) -> None:
    make_people(2)
    assert badges.resolve_payload(session, typed).ref == "C-0002"


def test_refusals_change_nothing(session: EventSession, make_people: People) -> None:
    person = find_candidate(session, make_people(1)[0])
    payload = badges.payload_for(session, person)
    other_private, _ = keys.new_key_pair()
    before = oplog.count(session.store)
    cases = {
        "not_a_badge": "hello there",
        "unknown_candidate": "C-0999",
        "forged_badge": token.sign(other_private, session.event.id, person.id, "Kerlisha"),
        "foreign_badge": token.sign(other_private, new_id(), person.id, "Kerlisha"),
        "truncated_badge": payload[:-9],
    }
    for code, text in cases.items():
        assert _code(lambda t=text: badges.resolve_payload(session, t)) == code
    assert oplog.count(session.store) == before


def test_genuine_badge_of_unknown_candidate(session: EventSession) -> None:
    event = session.event
    assert event.signing_key is not None
    text = token.sign(event.signing_key, event.id, new_id(), "Léon St. Rose")
    assert _code(lambda: badges.resolve_payload(session, text)) == "unknown_candidate"


def test_checks_in_from_payload(session: EventSession, make_people: People) -> None:
    person = find_candidate(session, make_people(1)[0])
    found = badges.resolve_payload(session, badges.payload_for(session, person))
    assert check_in(session, found.id, desk=1).candidate_id == person.id


def test_record_print_and_reprint_needs_reason(session: EventSession, make_people: People,
                                              clock: object) -> None:
    person = find_candidate(session, make_people(1)[0])
    session.desk = 2
    changes: list[Change] = []
    session.subscribe(changes.append)
    first = badges.record_print(session, person, "brother-62")
    assert (first.layout, first.desk, first.reason) == ("brother-62", 2, "")
    assert changes == [Change("badges", (person.id,))]
    clock.advance(minutes=5)  # type: ignore[attr-defined]
    with pytest.raises(FairDeskError) as caught:
        badges.record_print(session, person, "brother-62")
    assert caught.value.code == "already_printed"
    assert "already printed at 09:30 on desk 2" in caught.value.message
    assert len(badge_prints.for_candidate(session.store, person.id)) == 1
    assert _code(lambda: badges.record_print(session, person, "a6", reason="   ")) == \
        "already_printed"
    again = badges.record_print(session, person, "a6", reason="Badge  torn")
    assert again.reason == "Badge torn"
    audit = event_rows.audit_entries(session.store, "badge.reprint")
    assert len(audit) == 1
    assert audit[0]["subject"] == person.ref
    assert audit[0]["detail"]["reason"] == "Badge torn"
    assert len(badge_prints.for_candidate(session.store, person.id)) == 2


def test_first_print_is_not_audited(session: EventSession, make_people: People) -> None:
    person = find_candidate(session, make_people(1)[0])
    badges.record_print(session, person, "a6")
    assert event_rows.audit_entries(session.store, "badge.reprint") == []


def test_record_print_refuses_unknown_layout(session: EventSession, make_people: People) -> None:
    person = find_candidate(session, make_people(1)[0])
    assert _code(lambda: badges.record_print(session, person, "poster")) == "unknown_layout"
    assert badge_prints.for_candidate(session.store, person.id) == []


def test_print_to_folder(session: EventSession, make_people: People, tmp_path: Path) -> None:
    person = find_candidate(session, make_people(1)[0])
    folder = tmp_path / "spool"
    first = badges.print_to_folder(session, person, folder, "brother-62x100")
    assert first.name == "C-0001.pdf"
    assert first.read_bytes().startswith(b"%PDF")
    with pytest.raises(FairDeskError):
        badges.print_to_folder(session, person, folder, "brother-62x100")
    assert sorted(p.name for p in folder.iterdir()) == ["C-0001.pdf"]  # no temp left behind
    second = badges.print_to_folder(session, person, folder, "brother-62x100", reason="lost")
    assert second.name == "C-0001-2.pdf"
    assert len(badge_prints.for_candidate(session.store, person.id)) == 2


def test_select_filters_and_sorts(session: EventSession, make_people: People) -> None:
    ids = make_people(5)
    walk_in = register_walk_in(session, desk=3, first_name="Aaron", last_name="Auguste")
    everyone = badges.select_candidates(session)
    assert [c.ref for c in everyone] == ["C-0001", "C-0002", "C-0003", "C-0004", "C-0005",
                                         "W3-0001"]
    surnames = [c.last_name for c in badges.select_candidates(session, sort="surname")]
    assert surnames == ["Auguste", "Fontenelle", "Jn Baptiste", "Joseph", "O'Neil", "St. Rose"]
    check_in(session, ids[0], desk=1)
    check_in(session, walk_in.id, desk=3)
    assert {c.id for c in badges.select_candidates(session, which="checked_in")} == \
        {ids[0], walk_in.id}
    badges.record_print(session, find_candidate(session, ids[1]), "a6")
    assert ids[1] not in {c.id for c in badges.select_candidates(session, which="not_printed")}
    assert [c.ref for c in badges.select_candidates(session, ["c3", "C-0001"])] == \
        ["C-0001", "C-0003"]


def test_batch_is_all_or_nothing(session: EventSession, make_people: People,
                                 tmp_path: Path) -> None:
    people = [find_candidate(session, i) for i in make_people(3)]
    badges.record_print(session, people[1], "a6")
    out = tmp_path / "batch.pdf"
    assert _code(lambda: badges.print_batch(session, people, "avery-5392", out)) == \
        "already_printed"
    assert not out.exists()
    assert len(badge_prints.printed_ids(session.store)) == 1
    badges.print_batch(session, people, "avery-5392", out, reason="second table")
    assert out.read_bytes().startswith(b"%PDF")
    assert len(event_rows.audit_entries(session.store, "badge.reprint")) == 1


def test_booth_without_signing_key_cannot_issue(session: EventSession,
                                                make_people: People) -> None:
    person = find_candidate(session, make_people(1)[0])
    payload = badges.payload_for(session, person)
    with session.store.transaction():
        event_rows.set_signing_key(session.store, session.event.id, None)
    session.publish(Change("event"))
    assert _code(lambda: badges.payload_for(session, person)) == "no_signing_key"
    assert badges.resolve_payload(session, payload) == person  # verifying still works


def test_invitations(session: EventSession, make_people: People, tmp_path: Path) -> None:
    make_people(2)
    from fairdesk.services.candidates import edit_candidate

    edit_candidate(session, find_candidate(session, "C-0001").id, first_name="=HYPERLINK(1)")
    sheet = badges.write_invitations(session, tmp_path / "inv")
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "email,name,file"
    assert any(line.startswith("p0@example.org,'=HYPERLINK(1) Joseph,C-0001.pdf")
               for line in lines)
    assert (tmp_path / "inv" / "C-0002.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("value,expected", [("=1+1", "'=1+1"), ("+5", "'+5"), ("-2", "'-2"),
                                            ("@SUM", "'@SUM"), ("Zoë", "Zoë"), ("", "")])
def test_csv_safe(value: str, expected: str) -> None:
    assert badges.csv_safe(value) == expected
