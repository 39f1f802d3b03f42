"""Booth flows walked with no window (issue 6)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from fairdesk.badges import token
from fairdesk.services import booth
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.booth.presenters.booth import BoothPresenter, VisitFilter


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def presenter(session: EventSession, ticks: Ticks) -> BoothPresenter:
    acme = add_employer(session, "Acme Contact", booth="B1", tags=["Bilingual", "Night shift"])
    session.role, session.employer_id = "booth", acme.id
    p = BoothPresenter(session, clock=ticks)
    p.load()
    return p


def code(session: EventSession, candidate_id: str, name: str = "X") -> str:
    event = session.event
    assert event.signing_key is not None
    return token.sign(event.signing_key, event.id, candidate_id, name)


def test_scan_shows_the_card_and_lists_the_visit(presenter: BoothPresenter,
                                                 make_people: Callable[..., list[str]]) -> None:
    [kerlisha] = make_people(1)
    flashes: list[str] = []
    presenter.on_flash = flashes.append
    assert presenter.scan(code(presenter.session, kerlisha))
    assert presenter.card is not None and presenter.card.name == "Kerlisha Joseph"
    assert presenter.status == "New visitor" and flashes == ["ok"]
    assert [v.name for v in presenter.shown_visits()] == ["Kerlisha Joseph"]
    assert presenter.can_undo


def test_second_scan_says_seen_again(presenter: BoothPresenter,
                                     make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    presenter.scan(code(presenter.session, person))
    presenter.scan(code(presenter.session, person))
    assert presenter.status == "Seen again (2nd scan)"
    assert len(presenter.visits) == 1


def test_refused_code_is_a_red_message_and_keeps_the_card(
        presenter: BoothPresenter, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    good = code(presenter.session, person)
    presenter.scan(good)
    shown = presenter.card
    flashes: list[str] = []
    presenter.on_flash = flashes.append
    assert not presenter.scan(good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"))
    assert presenter.last_message is not None
    assert presenter.last_message.level == "error"
    assert presenter.last_message.code == "forged_badge"
    assert flashes == ["refused"] and presenter.card == shown


def test_typed_ref_and_walk_in_badge(presenter: BoothPresenter,
                                     make_people: Callable[..., list[str]]) -> None:
    make_people(2)
    assert presenter.scan("c-2", "typed")
    assert presenter.card is not None and presenter.card.ref == "C-0002"
    assert presenter.scan(code(presenter.session, str(uuid.uuid4()), "Akeem F."))
    assert presenter.status.startswith("Walk-in") and presenter.card.name == "Akeem F."


def test_camera_gate_scans_a_badge_in_view_once(presenter: BoothPresenter, ticks: Ticks,
                                                make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    text = code(presenter.session, person)
    assert presenter.camera_decoded(text)
    ticks.now += 0.5
    assert not presenter.camera_decoded(text)  # still in view
    ticks.now += 10
    assert presenter.camera_decoded(text)  # shown again later: seen again
    assert presenter.card is not None and presenter.card.seen_count == 2


def test_rating_tags_phase_two_and_debounced_notes(
        presenter: BoothPresenter, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    presenter.scan(code(presenter.session, person))
    presenter.rate(4)
    presenter.toggle_tag("Bilingual")
    presenter.toggle_phase_two()
    armed: list[bool] = []
    presenter.on_notes_pending = lambda: armed.append(True)
    presenter.notes_edited("Strong Kwéyòl")
    presenter.notes_edited("Strong Kwéyòl and English")
    assert armed == [True, True] and presenter.notes_pending
    presenter.save_notes()
    card = booth.visit_card(presenter.session, presenter.card.visit_id)  # type: ignore[union-attr]
    assert (card.rating, card.tags, card.shortlist) == (4, ("Bilingual",), True)
    assert card.notes == "Strong Kwéyòl and English"
    presenter.rate(4)  # same again clears
    presenter.toggle_tag("Bilingual")
    assert presenter.card is not None
    assert presenter.card.rating is None and presenter.card.tags == ()


def test_notes_pending_are_saved_before_the_next_scan(
        presenter: BoothPresenter, make_people: Callable[..., list[str]]) -> None:
    a, b = make_people(2)
    presenter.scan(code(presenter.session, a))
    first = presenter.card
    presenter.notes_edited("call back")
    presenter.scan(code(presenter.session, b))
    assert first is not None
    assert booth.visit_card(presenter.session, first.visit_id).notes == "call back"


def test_undo_last_scan(presenter: BoothPresenter,
                        make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    presenter.scan(code(presenter.session, person))
    presenter.undo_last_scan()
    assert presenter.card is None and presenter.visits == [] and not presenter.can_undo
    presenter.undo_last_scan()
    assert presenter.last_message is not None and presenter.last_message.level == "warning"


def test_filters_and_search(presenter: BoothPresenter,
                           make_people: Callable[..., list[str]]) -> None:
    ids = make_people(3)
    for person, stars in zip(ids, (5, 2, None), strict=True):
        presenter.scan(code(presenter.session, person))
        if stars:
            presenter.rate(stars)
    presenter.toggle_phase_two()  # the last one
    names = lambda: [v.name for v in presenter.shown_visits()]  # noqa: E731
    assert names() == ["Marie Jn Baptiste", "Désirée O'Neil", "Kerlisha Joseph"]
    presenter.set_filter(rating=4)
    assert names() == ["Kerlisha Joseph"]
    presenter.set_filter(rating=0)
    assert names() == ["Marie Jn Baptiste"]
    presenter.set_filter(rating=None, phase_two=True)
    assert names() == ["Marie Jn Baptiste"]
    presenter.set_filter(phase_two=False, text="desir")  # accents do not matter
    assert names() == ["Désirée O'Neil"]
    presenter.filter = VisitFilter(tag="Bilingual")
    assert names() == []
    assert presenter.counts_text == "3 visitors today · 1 for Phase Two"


def test_select_a_visit_to_edit_later(presenter: BoothPresenter,
                                      make_people: Callable[..., list[str]]) -> None:
    a, b = make_people(2)
    presenter.scan(code(presenter.session, a))
    earlier = presenter.card
    presenter.scan(code(presenter.session, b))
    assert earlier is not None
    presenter.select_visit(earlier.visit_id)
    presenter.rate(3)
    assert booth.visit_card(presenter.session, earlier.visit_id).rating == 3


def test_sync_text_counts_changes_not_yet_synced(presenter: BoothPresenter,
                                                 make_people: Callable[..., list[str]]) -> None:
    presenter.session.store.set_setting("role", "booth")
    [person] = make_people(1)
    presenter.load()
    before = presenter.unsynced
    presenter.scan(code(presenter.session, person))
    assert presenter.unsynced == before + 1
    assert presenter.sync_text == "Standalone — not paired"  # header: see test_booth_sync_header


def test_leaving_needs_the_pin_only_when_set(presenter: BoothPresenter) -> None:
    assert not presenter.pin_required and presenter.leave()
    booth.set_exit_pin(presenter.session, "2468")
    assert presenter.pin_required
    assert not presenter.leave("0000")
    assert presenter.last_message is not None and presenter.last_message.code == "wrong_pin"
    assert presenter.leave("2468")
