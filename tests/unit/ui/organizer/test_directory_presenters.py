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


def test_every_filter_of_the_issue_and_their_combination(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    from fairdesk.services.directory import FILTERS
    from fairdesk.services.employers import add_employer
    from fairdesk.services.visits import record_visit, update_visit
    from fairdesk.services.walkins import register_walk_in

    assert set(FILTERS) == {"today", "walk_in", "no_resume", "no_consent", "phase_two"}
    first, second, _ = make_people(3)
    walk_in = register_walk_in(session, desk=2, first_name="Walker", last_name="In",
                               email="walker@example.org", consent=False)
    bay = add_employer(session, "Bay Calls")
    update_visit(session, record_visit(session, bay.id, second).visit.id, shortlist=True)
    record_visit(session, bay.id, walk_in.id)  # a visit, not a shortlist
    check_in(session, first)
    presenter = DirectoryPresenter(session)
    presenter.load()

    def shown(*names: str) -> list[str]:
        for name in FILTERS:
            presenter.set_filter(name, name in names)
        return [row[0] for row in presenter.rows]

    assert shown("walk_in") == ["W2-0001"]
    assert shown("phase_two") == ["C-0002"]
    assert shown("today") == ["C-0001"]
    assert sorted(shown("no_resume")) == ["C-0001", "C-0002", "C-0003", "W2-0001"]
    assert shown("no_consent") == ["W2-0001"]
    assert shown("walk_in", "no_consent", "no_resume") == ["W2-0001"]
    assert shown("walk_in", "phase_two") == []
    assert presenter.rows == [] and shown() != []
