from collections.abc import Callable

import pytest

from fairdesk.domain.errors import (
    AmbiguousEmployer,
    DuplicateEmployer,
    InvalidField,
    UnknownEmployer,
    UnknownVisit,
)
from fairdesk.services.candidates import edit_candidate, search
from fairdesk.services.employers import add_employer, edit_employer, find_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit, visit_rows
from fairdesk.services.walkins import register_walk_in


def test_walk_in_refs_are_per_desk(session: EventSession) -> None:
    a = register_walk_in(session, desk=2, first_name="Léon", last_name="Félix")
    b = register_walk_in(session, desk=2, first_name="Zoë", last_name="Cenac")
    c = register_walk_in(session, desk=3, first_name="Kayann", last_name="Lubin")
    assert (a.ref, b.ref, c.ref) == ("W2-0001", "W2-0002", "W3-0001")
    assert a.walk_in and a.source == "walk_in"


def test_walk_in_needs_a_desk_and_a_name(session: EventSession) -> None:
    with pytest.raises(InvalidField):
        register_walk_in(session, first_name="No Desk")
    with pytest.raises(InvalidField):
        register_walk_in(session, desk=1, email="x@example.org")


def test_search_is_accent_case_and_prefix_insensitive(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(5)
    assert [c.last_name for c in search(session, "jn bap")] == ["Jn Baptiste"]
    assert [c.first_name for c in search(session, "desiree")] == ["Désirée"]
    assert [c.last_name for c in search(session, "oneil")] == ["O'Neil"]
    assert [c.ref for c in search(session, "c0004")] == ["C-0004"]
    assert [c.ref for c in search(session, "5550002")] == ["C-0003"]
    assert search(session, "   ") == []


def test_edits_update_search(session: EventSession, make_people: Callable[..., list[str]]) -> None:
    ids = make_people(1)
    edit_candidate(session, ids[0], last_name="Mondesir")
    assert search(session, "joseph") == []
    assert [c.id for c in search(session, "mondes")] == ids


def test_employers_add_edit_find(session: EventSession) -> None:
    a = add_employer(session, "Pitons Contact Solutions", booth="1",
                     tags=["bilingual", "Bilingual"])
    assert a.tags == ("bilingual",)
    add_employer(session, "Helios Tech", booth="2")
    assert find_employer(session, "1").id == a.id
    assert find_employer(session, "pitons contact solutions").id == a.id
    edited = edit_employer(session, a.id, booth="12", sector="BPO")
    assert (edited.booth, edited.sector, edited.name) == ("12", "BPO", a.name)
    with pytest.raises(DuplicateEmployer):
        add_employer(session, "Helios Tech")
    with pytest.raises(DuplicateEmployer):
        edit_employer(session, a.id, booth="2")
    with pytest.raises(UnknownEmployer):
        find_employer(session, "99")


def test_ambiguous_id_prefix(session: EventSession) -> None:
    a = add_employer(session, "A")
    b = add_employer(session, "B")
    common = next(i for i in range(36) if a.id[i] != b.id[i])
    if common >= 4:
        with pytest.raises(AmbiguousEmployer):
            find_employer(session, a.id[:common])


def test_repeat_scan_bumps_seen_count_not_visits(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    make_people(1)
    employer = add_employer(session, "Helios Tech", booth="2")
    first = record_visit(session, employer.id, "C-0001")
    again = record_visit(session, employer.id, "C-0001")
    assert first.first and not again.first
    assert again.visit.id == first.visit.id
    assert again.visit.seen_count == 2
    assert len(visit_rows(session)) == 1


def test_update_visit(session: EventSession, make_people: Callable[..., list[str]]) -> None:
    make_people(1)
    employer = add_employer(session, "Helios Tech", booth="2")
    visit = record_visit(session, employer.id, "C-0001").visit
    updated = update_visit(session, visit.id, rating=4, tags=["French"], notes=" Good ",
                           shortlist=True)
    assert (updated.rating, updated.tags, updated.notes, updated.shortlist) == (
        4, ("French",), "Good", True)
    row = visit_rows(session, "2")[0]
    assert row["rating"] == 4 and row["shortlist"] is True
    with pytest.raises(InvalidField):
        update_visit(session, visit.id, rating=9)
    with pytest.raises(UnknownVisit):
        update_visit(session, "nope", rating=3)


def test_a_booth_never_gets_resume_bytes(session: EventSession,
                                         make_people: Callable[..., list[str]]) -> None:
    from fairdesk.domain.errors import NotAllowedForRole
    from fairdesk.services.candidates import find_candidate
    from fairdesk.services.resumes import attach_resume, resume_bytes

    make_people(1)
    person = attach_resume(session, "C-0001", b"%PDF-1.4 cv")
    assert resume_bytes(session, person) == b"%PDF-1.4 cv"
    session.role = "booth"
    with pytest.raises(NotAllowedForRole):
        resume_bytes(session, find_candidate(session, "C-0001"))
