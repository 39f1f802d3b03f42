"""The booth exit PIN on the organizer's Event page (issue 6): presenter walked
without a window, then the page's wiring with qtbot."""

from __future__ import annotations

from typing import Any

import pytest

from fairdesk.services import booth
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.organizer.presenters.event_details import EventDetailsPresenter


@pytest.fixture
def presenter(session: EventSession) -> EventDetailsPresenter:
    p = EventDetailsPresenter(session)
    p.load()
    return p


def test_no_pin_at_first(presenter: EventDetailsPresenter) -> None:
    assert not presenter.pin_set
    assert presenter.pin_action == "Set PIN…"
    assert presenter.pin_text.startswith("Not set")


def test_set_then_change_the_pin(presenter: EventDetailsPresenter) -> None:
    said: list[Message] = []
    presenter.on_message = said.append
    assert presenter.set_pin("2468", "2468") == ""
    assert presenter.pin_set and presenter.pin_action == "Change PIN…"
    assert presenter.pin_text.startswith("Set")
    assert booth.check_exit_pin(presenter.session, "2468")
    assert said[-1].level == "info" and "set" in said[-1].text
    assert presenter.set_pin(" 13579 ", "13579") == ""
    assert not booth.check_exit_pin(presenter.session, "2468")
    assert booth.check_exit_pin(presenter.session, "13579")
    assert "changed" in said[-1].text


@pytest.mark.parametrize(("first", "again", "why"), [
    ("", "", "Type a PIN"),
    ("12a4", "12a4", "digits (0–9) only"),
    ("²³⁴⁵", "²³⁴⁵", "digits (0–9) only"),  # Unicode digits no keypad types
    ("2468", "2486", "differ"),
    ("123", "123", "4 to 12 digits"),
    ("1234567890123", "1234567890123", "4 to 12 digits"),
])
def test_a_bad_pin_is_explained_and_changes_nothing(
        presenter: EventDetailsPresenter, first: str, again: str, why: str) -> None:
    said: list[Message] = []
    presenter.on_message = said.append
    problem = presenter.set_pin(first, again)
    assert why in problem
    assert not presenter.pin_set and not booth.exit_pin_set(presenter.session)
    assert said == []  # shown in the dialog, not in a second box


def test_remove_the_pin(presenter: EventDetailsPresenter) -> None:
    assert not presenter.remove_pin()  # nothing to remove
    presenter.set_pin("2468", "2468")
    assert presenter.remove_pin()
    assert not presenter.pin_set and not booth.exit_pin_set(presenter.session)
    assert booth.check_exit_pin(presenter.session, "")


def test_pin_state_survives_a_pending_edit(presenter: EventDetailsPresenter) -> None:
    """A draft being edited blocks reloads; the PIN row must still tell the truth."""
    presenter.edit("venue", "Beausejour")
    presenter.set_pin("2468", "2468")
    assert presenter.pin_set and presenter.dirty
    assert presenter.draft["venue"] == "Beausejour"
    assert presenter.save()
    assert presenter.pin_set and booth.check_exit_pin(presenter.session, "2468")


def test_page_sets_and_removes_the_pin(qtbot: Any, presenter: EventDetailsPresenter) -> None:
    from PySide6.QtWidgets import QLineEdit

    from fairdesk.ui.organizer.event_details_page import EventDetailsPage

    questions: list[str] = []
    answers = [False, True]

    def confirm(parent: object, question: str) -> bool:
        questions.append(question)
        return answers.pop(0)

    page = EventDetailsPage(presenter, confirm=confirm)
    qtbot.addWidget(page)
    presenter.load()
    assert page.pin_button.text() == "Set PIN…" and not page.remove_pin_button.isEnabled()
    from PySide6.QtWidgets import QLabel
    captions = [w for w in page.findChildren(QLabel) if w.text() == "Booth exit PIN"]
    assert captions and captions[0].buddy() is page.pin_button
    page.pin_button.click()
    dialog = page.pin_dialog
    assert dialog is not None
    assert dialog.first.echoMode() == QLineEdit.EchoMode.Password
    dialog.first.setText("2468")
    dialog.again.setText("2469")
    dialog.save()
    assert "differ" in dialog.error.text() and dialog.again.text() == ""
    assert not presenter.pin_set
    dialog.again.setText("2468")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert booth.check_exit_pin(presenter.session, "2468")
    assert page.pin_button.text() == "Change PIN…" and page.remove_pin_button.isEnabled()
    assert page.pin_state.text().startswith("Set")
    page.remove_pin_button.click()  # answered No
    assert presenter.pin_set
    page.remove_pin_button.click()  # answered Yes
    assert "Remove the booth exit PIN?" in questions[0] and len(questions) == 2
    assert not booth.exit_pin_set(presenter.session)
    assert page.pin_button.text() == "Set PIN…" and not page.remove_pin_button.isEnabled()
