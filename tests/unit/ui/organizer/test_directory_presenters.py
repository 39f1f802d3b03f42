"""The directory and record presenters walked with no window."""

from __future__ import annotations

from collections.abc import Callable

from fairdesk.services.checkin import check_in
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.presenters.directory import DirectoryPresenter
from fairdesk.ui.organizer.presenters.record import RecordPresenter


def test_search_and_filters_narrow_the_roster(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    make_people(5)
    presenter = DirectoryPresenter(session)
    presenter.load()
    assert presenter.summary == "5 of 5 candidates"
    presenter.set_text("desir")  # accent-free, as at the desk
    assert [r[1] for r in presenter.rows] == ["Désirée O'Neil"]
    presenter.set_text("")
    presenter.set_filter("no_consent", True)
    assert [r[0] for r in presenter.rows] == ["C-0004"]
    presenter.set_filter("today", True)
    assert presenter.rows == [] and presenter.summary.startswith("Nobody matches")
    check_in(session, "C-0004")  # a notice: the list follows
    assert [r[0] for r in presenter.rows] == ["C-0004"] and presenter.rows[0][4] == "yes"
    assert presenter.candidate_at(0) is not None and presenter.candidate_at(3) is None


def test_record_fix_a_misspelt_name_then_undo_the_check_in(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    person = make_people(2)[1]
    check_in(session, person, desk=2)
    presenter = RecordPresenter(session, person)
    presenter.load()
    assert presenter.title == "Désirée O'Neil (C-0002)" and presenter.can_undo
    form = presenter.form()
    form.email = "désirée at example"
    assert not presenter.save(form) and presenter.field_error == "email"
    assert presenter.last_message is not None and "E-mail" in presenter.last_message.text
    form = presenter.form()
    form.last_name = "O'NEILL"
    assert presenter.save(form)
    assert presenter.title == "Désirée O'Neill (C-0002)"
    assert presenter.audit_rows()[-1][2] == "candidate.update"
    assert not presenter.undo_check_in("  ")  # a reason is needed
    assert presenter.undo_check_in("checked in by mistake")
    assert not presenter.can_undo and presenter.checkin_rows()[0][4] == "undone"
    assert presenter.resume_text == "No résumé on file." and presenter.resume_pdf() is None
