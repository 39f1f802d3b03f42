"""The booth window on a 1280×800 tablet: whatever the card holds, booking and
Phase Two stay on screen (a card with six tags and open slots once made the
window 831 px tall, with Phase Two cut off below the screen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.booth.window import BoothWindow
from tests.unit.ui.booth.test_booth_window import badge, booth_window

TAGS = ["follow up", "tech savvy", "sales drive", "bilingual", "Spanish", "night shift",
        "French", "weekends", "team lead", "typing 60 wpm", "call centre before", "remote"]


@pytest.fixture
def window(qtbot: Any, session: EventSession) -> Iterator[BoothWindow]:
    acme = add_employer(session, "Acme Contact", booth="B1", tags=TAGS)
    interviews.add_slots(session, acme.id, "2026-08-21", SlotPattern("10:00", "12:00", 20))
    win = booth_window(qtbot, session, acme.id)
    yield win
    win.close()


def test_a_full_card_keeps_the_window_within_the_tablet_and_the_actions_in_sight(
        window: BoothWindow, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    window.presenter.scan(badge(window.presenter.session, person))
    window.card.interviews.presenter.book(window.card.interviews.presenter.offers[0].id)
    window.presenter.rate(4)
    assert len(window.card.tag_buttons) == len(TAGS)
    assert window.minimumSizeHint().height() <= 800
    assert window.minimumSizeHint().width() <= 1280
    assert (window.width(), window.height()) == (1280, 800)
    card = window.card
    for action in (card.phase_two, card.undo, card.interviews):
        assert not card.scroll_area.isAncestorOf(action), action  # never scrolled away
    assert card.scroll_area.isAncestorOf(card.notes)
