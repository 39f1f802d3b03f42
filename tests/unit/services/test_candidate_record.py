"""A candidate's whole record, and the organizer's checked corrections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.services import candidate_record, corrections, directory
from fairdesk.services.checkin import check_in, undo_check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from tests.conftest import FakeClock

PDF = b"%PDF-1.4 a tiny resume"


def test_the_record_holds_everything_about_one_person(
        session: EventSession, clock: FakeClock, make_people: Callable[..., list[str]],
        tmp_path: Path) -> None:
    person = make_people(2)[0]
    employer = add_employer(session, "Alpha BPO", booth="7")
    check_in(session, person, desk=2)
    undo_check_in(session, person, "wrong person")
    clock.advance(minutes=2)
    check_in(session, person, desk=1)
    visit = record_visit(session, employer.id, person).visit
    update_visit(session, visit.id, rating=4, tags=["French"], notes="Good", shortlist=True)
    attach_resume(session, person, PDF, pages=1, original_name="cv.pdf")
    corrections.reprint(session, person, tmp_path / "badge.pdf")
    found = candidate_record.record(session, "c1")
    assert found["ref"] == "C-0001" and found["name"] == "Kerlisha Joseph"
    assert [(c["desk"], c["standing"], c["undo_reason"]) for c in found["checkins"]] == [
        (2, False, "wrong person"), (1, True, "")]
    assert found["checkins"][0]["device"] == "this computer"
    assert len(found["prints"]) == 1 and found["prints"][0]["layout"]
    assert found["visits"][0]["employer"] == "Alpha BPO" and found["visits"][0]["rating"] == 4
    assert found["visits"][0]["tags"] == ["French"] and found["visits"][0]["shortlist"] is True
    assert found["resume"]["original_name"] == "cv.pdf" and found["resume"]["size"] == len(PDF)
    actions = [a["action"] for a in found["audit"]]
    assert actions[0] == "candidate.add" and "checkin.undo" in actions
    assert found["interviews"] == []


def test_a_correction_is_checked_as_the_import_checks(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    person = make_people(1)[0]
    with pytest.raises(InvalidField) as bad:
        corrections.correct(session, person, email="not an address")
    assert bad.value.field == "email"
    with pytest.raises(InvalidField) as formula:
        corrections.correct(session, person, last_name="=HYPERLINK(1)")
    assert formula.value.field == "last_name"
    with pytest.raises(InvalidField):
        corrections.correct(session, person, first_name=" ", last_name="")
    fixed = corrections.correct(session, person, last_name="JOSEPHS", phone="758 555 0199",
                                email=" K.Josephs@Example.org ")
    assert fixed.last_name == "Josephs" and fixed.phone == "+17585550199"
    assert fixed.email == "k.josephs@example.org"
    history = candidate_record.record(session, person)["audit"]
    assert history[-1]["action"] == "candidate.update"
    assert history[-1]["detail"]["fields"] == ["email", "last_name", "phone"]


def test_resume_removed_and_directory_filters(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    people = make_people(4)
    attach_resume(session, people[0], PDF, pages=1, original_name="cv.pdf")
    check_in(session, people[1])
    no_resume = {r.candidate.ref for r in directory.directory(session, "", ["no_resume"])}
    assert no_resume == {"C-0002", "C-0003", "C-0004"}
    assert [r.candidate.ref for r in directory.directory(session, "", ["today"])] == ["C-0002"]
    assert [r.candidate.ref for r in directory.directory(session, "", ["no_consent"])] == [
        "C-0004"]
    assert [r.candidate.ref for r in directory.directory(session, "jn bap")] == ["C-0003"]
    corrections.remove_resume(session, people[0])
    assert candidate_record.record(session, people[0])["resume"] is None
    with pytest.raises(ValueError, match="unknown filter"):
        directory.directory(session, "", ["nope"])


def test_the_record_lists_the_persons_interviews(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    from fairdesk.domain.interviews import SlotPattern
    from fairdesk.services import interviews
    from fairdesk.ui.organizer.presenters.record import RecordPresenter

    person = make_people(1)[0]
    employer = add_employer(session, "Alpha BPO", booth="7")
    day = "2030-05-02"
    interviews.add_slots(session, employer.id, day, SlotPattern("10:00", "11:00", 20))
    interviews.book(session, employer.id, person)
    found = candidate_record.record(session, person)
    assert [(i["day"], i["start"], i["end"], i["employer"], i["state"])
            for i in found["interviews"]] == [(day, "10:00", "10:20", "Alpha BPO", "booked")]
    presenter = RecordPresenter(session, person)
    presenter.load()
    assert presenter.interview_rows() == [(day, "10:00–10:20", "Alpha BPO",
                                          found["interviews"][0]["room"], "booked")]
    presenter.close()
