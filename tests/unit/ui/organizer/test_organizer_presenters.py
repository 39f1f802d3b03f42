from collections.abc import Callable
from datetime import date

from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.presenters.employers import EmployerForm, EmployersPresenter
from fairdesk.ui.organizer.presenters.event_details import EventDetailsPresenter


def test_event_details_edit_save_and_live_counts(
    session: EventSession, make_people: Callable[..., list[str]]
) -> None:
    presenter = EventDetailsPresenter(session)
    presenter.load()
    assert presenter.info["candidates"] == 0 and not presenter.dirty
    presenter.edit("name", "Summer Fair")
    presenter.add_day(date(2026, 8, 20))
    assert presenter.dirty
    assert presenter.save()
    assert session.event.name == "Summer Fair"
    assert session.event.days == (date(2026, 8, 20),)
    make_people(2)
    check_in(session, "C-0001")
    assert presenter.info["checked_in"] == 1  # refreshed by the change notice


def test_event_details_refusal_keeps_the_draft(session: EventSession) -> None:
    presenter = EventDetailsPresenter(session)
    presenter.load()
    presenter.edit("name", "  ")
    assert not presenter.save()
    assert presenter.last_message is not None and presenter.last_message.code == "invalid_field"
    assert presenter.dirty and session.event.name == "Test Fair"


def test_employers_add_edit_filter(session: EventSession) -> None:
    presenter = EmployersPresenter(session)
    presenter.load()
    assert presenter.rows == [] and "No employers yet" in presenter.empty_text
    form = presenter.new_form()
    assert form.booth == "1"
    form.name, form.tags = "Pitons BPO", "night shift, French"
    assert presenter.save(form)
    assert presenter.rows == [("1", "Pitons BPO", "", "", "night shift, French")]
    assert presenter.new_form().booth == "2"
    edit = EmployerForm.of(presenter.employers[0])
    edit.sector = "BPO"
    assert presenter.save(edit)
    assert presenter.rows[0][2] == "BPO"
    add_employer(session, "Helios Tech", booth="7")
    presenter.set_filter("heli")
    assert [r[1] for r in presenter.rows] == ["Helios Tech"]
    presenter.set_filter("zzz")
    assert "No employer matches" in presenter.empty_text


def test_employer_duplicate_booth_is_refused_with_a_reason(session: EventSession) -> None:
    add_employer(session, "Helios Tech", booth="7")
    presenter = EmployersPresenter(session)
    presenter.load()
    assert not presenter.save(EmployerForm(name="Other", booth="7"))
    assert presenter.last_message is not None
    assert "Booth 7 is already Helios Tech's" in presenter.last_message.text
