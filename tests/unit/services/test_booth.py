"""The booth's scan, card, undo, privacy and exit PIN (issue 6)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

import pytest

from fairdesk.badges import token
from fairdesk.badges.keys import new_key_pair
from fairdesk.domain.errors import (
    ForeignBadge,
    ForgedBadge,
    InvalidField,
    NotABadge,
    NotABooth,
    UnknownCandidate,
    UnknownVisit,
)
from fairdesk.services import booth
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import add_employer
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import Change, EventSession
from fairdesk.services.visits import visit_rows


@pytest.fixture
def at_booth(session: EventSession) -> EventSession:
    acme = add_employer(session, "Acme Contact", booth="B1", tags=["Bilingual", "Night shift"])
    add_employer(session, "Other BPO", booth="B2")
    session.role = "booth"
    session.employer_id = acme.id
    session.store.set_setting("role", "booth")  # a booth device: its ops wait for the hub
    return session


def badge(session: EventSession, candidate_id: str, name: str = "Someone") -> str:
    event = session.event
    assert event.signing_key is not None
    return token.sign(event.signing_key, event.id, candidate_id, name)


def altered(code: str) -> str:
    head, body = code[:20], code[20:]
    return head + ("A" if body[0] != "A" else "B") + body[1:]


def test_scan_records_one_visit_and_returns_the_card(at_booth: EventSession,
                                                      make_people: Callable[..., list[str]]
                                                      ) -> None:
    [kerlisha] = make_people(1)
    result = booth.scan(at_booth, badge(at_booth, kerlisha, "Kerlisha Joseph"))
    assert result.first and not result.new_walk_in
    assert result.card.name == "Kerlisha Joseph" and result.card.ref == "C-0001"
    assert [v["ref"] for v in visit_rows(at_booth)] == ["C-0001"]


def test_second_scan_is_seen_again_and_adds_no_visit(at_booth: EventSession, clock: object,
                                                     make_people: Callable[..., list[str]]
                                                     ) -> None:
    [person] = make_people(1)
    code = badge(at_booth, person)
    booth.scan(at_booth, code)
    again = booth.scan(at_booth, code)
    assert not again.first
    assert again.card.seen_count == 2
    assert len(visit_rows(at_booth)) == 1


def test_typed_ref_code_works_for_known_candidates(at_booth: EventSession,
                                                   make_people: Callable[..., list[str]]) -> None:
    make_people(2)
    assert booth.scan(at_booth, " c2 ").card.ref == "C-0002"
    with pytest.raises(UnknownCandidate):
        booth.scan(at_booth, "C-0099")


@pytest.mark.parametrize("bad", ["altered", "foreign", "junk"])
def test_refused_codes_record_nothing(at_booth: EventSession, bad: str,
                                      make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    private, _ = new_key_pair()
    codes = {
        "altered": (altered(badge(at_booth, person)), ForgedBadge),
        "foreign": (token.sign(private, "another-event", person, "X"), ForeignBadge),
        "junk": ("hello world", NotABadge),
    }
    code, error = codes[bad]
    ops_before = at_booth.store.scalar("SELECT COUNT(*) FROM ops")
    with pytest.raises(error):
        booth.scan(at_booth, code)
    assert visit_rows(at_booth) == []
    assert at_booth.store.scalar("SELECT COUNT(*) FROM ops") == ops_before


def test_walk_in_badge_unknown_here_is_accepted(at_booth: EventSession) -> None:
    stranger = str(uuid.uuid4())
    seen: list[Change] = []
    at_booth.subscribe(seen.append)
    result = booth.scan(at_booth, badge(at_booth, stranger, "Akeem F."))
    assert result.first and result.new_walk_in
    assert result.card.name == "Akeem F." and result.card.walk_in and result.card.stub
    assert find_candidate(at_booth, stranger).source == "walk_in"
    assert {c.topic for c in seen} == {"candidates", "visits"}
    assert not booth.scan(at_booth, badge(at_booth, stranger, "Akeem F.")).new_walk_in


def test_the_desks_real_record_wins_over_the_stub(at_booth: EventSession) -> None:
    """The stub is stamped with the zero clock: an older desk op still wins its fields."""
    from fairdesk.domain.model import Op
    from fairdesk.storage import oplog

    stranger = str(uuid.uuid4())
    booth.scan(at_booth, badge(at_booth, stranger, "Akeem F."))
    desk_op = Op(str(uuid.uuid4()), "desk-device", 1, "candidate.add", at_booth.now(),
                 "0000000000001.0000.desk-device",
                 {"id": stranger, "ref": "W2-0001", "source": "walk_in",
                  "first_name": "Akeem", "last_name": "Fontenelle"})
    with at_booth.store.transaction():
        oplog.apply(at_booth.store, desk_op)
    assert find_candidate(at_booth, stranger).display_name == "Akeem Fontenelle"


def test_undo_last_scan(at_booth: EventSession, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    code = badge(at_booth, person)
    first = booth.scan(at_booth, code)
    booth.scan(at_booth, code)
    assert booth.undo_scan(at_booth, first.card.visit_id) is not None  # back to one scan
    assert booth.undo_scan(at_booth, first.card.visit_id) is None  # the visit is gone
    assert booth.booth_visits(at_booth) == []


def test_edit_rating_tags_notes_and_phase_two(at_booth: EventSession,
                                              make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    visit = booth.scan(at_booth, badge(at_booth, person)).card.visit_id
    card = booth.edit_visit(at_booth, visit, rating=4, tags=["Bilingual"], notes=" keen ",
                            shortlist=True)
    assert (card.rating, card.tags, card.notes, card.shortlist) == (4, ("Bilingual",), "keen",
                                                                    True)


def test_another_employers_visits_are_not_visible(at_booth: EventSession,
                                                   make_people: Callable[..., list[str]]) -> None:
    a, b = make_people(2)
    mine = booth.scan(at_booth, badge(at_booth, a)).card.visit_id
    acme = at_booth.employer_id
    at_booth.employer_id = booth.find_employer(at_booth, "B2").id
    theirs = booth.scan(at_booth, badge(at_booth, b)).card.visit_id
    at_booth.employer_id = acme
    assert [c.visit_id for c in booth.booth_visits(at_booth)] == [mine]
    with pytest.raises(UnknownVisit):
        booth.visit_card(at_booth, theirs)
    with pytest.raises(UnknownVisit):
        booth.edit_visit(at_booth, theirs, rating=1)


def test_booth_never_gets_resume_bytes_or_contact_details(
        at_booth: EventSession, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    secret = b"%PDF-1.4 the resume of Kerlisha"
    attach_resume(at_booth, person, secret, original_name="cv.pdf")
    card = booth.scan(at_booth, badge(at_booth, person)).card
    fields = {f.name for f in dataclasses.fields(booth.BoothCard)}
    assert not fields & {"resume_sha", "cv_filename", "email", "phone", "consent"}
    values = [str(v) for v in dataclasses.astuple(card)]
    for listed in booth.booth_visits(at_booth):
        values += [str(v) for v in dataclasses.astuple(listed)]
    assert not any(secret.decode() in v or "example.org" in v for v in values)


def test_a_session_without_employer_is_refused(session: EventSession) -> None:
    with pytest.raises(NotABooth):
        booth.scan(session, "C-0001")


def test_unsynced_changes_count_grows_with_each_scan(at_booth: EventSession,
                                                     make_people: Callable[..., list[str]]
                                                     ) -> None:
    [person] = make_people(1)
    before = booth.unsynced_changes(at_booth)
    booth.scan(at_booth, badge(at_booth, person))
    assert booth.unsynced_changes(at_booth) == before + 1


def test_exit_pin(at_booth: EventSession) -> None:
    assert not booth.exit_pin_set(at_booth)
    assert booth.check_exit_pin(at_booth, "")  # no PIN: leaving is free
    booth.set_exit_pin(at_booth, "2468")
    assert booth.exit_pin_set(at_booth)
    assert booth.check_exit_pin(at_booth, "2468")
    assert not booth.check_exit_pin(at_booth, "1357")
    assert "2468" not in str(at_booth.store.scalar("SELECT branding FROM event"))
    with pytest.raises(InvalidField):
        booth.set_exit_pin(at_booth, "12")
    booth.set_exit_pin(at_booth, None)
    assert booth.check_exit_pin(at_booth, "anything")
