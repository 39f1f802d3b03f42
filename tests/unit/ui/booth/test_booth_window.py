"""Booth window wiring with qtbot: scanner-speed typing, the notes field, refusals (issue 6)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fairdesk.badges import token
from fairdesk.services import booth
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import visit_rows
from fairdesk.ui.booth.presenters.booth import BoothPresenter
from fairdesk.ui.booth.window import BoothWindow
from fairdesk.ui.common.camera import ImageFrameSource, SuccessSound


def booth_window(qtbot: Any, session: EventSession, employer_id: str) -> BoothWindow:
    """``session`` as the booth of ``employer_id``, in a window with no camera or sound."""
    session.role, session.employer_id = "booth", employer_id
    win = BoothWindow(BoothPresenter(session), source=ImageFrameSource(),
                      sound=SuccessSound(enabled=False), pin_prompt=lambda parent: None)
    qtbot.addWidget(win)  # not shown: the offscreen plugin warns about size hints
    return win


@pytest.fixture
def window(qtbot: Any, session: EventSession) -> Iterator[BoothWindow]:
    acme = add_employer(session, "Acme Contact", booth="B1", tags=["Bilingual", "Night shift"])
    win = booth_window(qtbot, session, acme.id)
    yield win
    win.close()


def badge(session: EventSession, candidate_id: str) -> str:
    event = session.event
    assert event.signing_key is not None
    return token.sign(event.signing_key, event.id, candidate_id, "Kerlisha Joseph")


def scan_into(qtbot: Any, widget: Any, text: str, suffix: str = "\r") -> None:
    """A keyboard-wedge scanner: a key every 5 ms, then Enter (or nothing)."""
    widget.setFocus()
    QTest.keyClicks(widget, text, delay=5)
    if suffix == "\r":
        QTest.keyClick(widget, Qt.Key.Key_Return, delay=5)
    elif suffix == "\t":
        QTest.keyClick(widget, Qt.Key.Key_Tab, delay=5)


def test_scan_at_scanner_speed_records_one_visit_and_shows_the_card(
        qtbot: Any, window: BoothWindow, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    session = window.presenter.session
    scan_into(qtbot, window.card.undo, badge(session, person))
    qtbot.waitUntil(lambda: window.presenter.card is not None, timeout=3000)
    assert window.card.name.text() == "Kerlisha Joseph"
    assert window.card.currentIndex() == 1
    assert len(visit_rows(session)) == 1
    assert window.banner.property("level") == "ok"
    assert window.ref_entry.text() == ""


def test_scan_never_lands_in_the_notes(qtbot: Any, window: BoothWindow,
                                       make_people: Callable[..., list[str]]) -> None:
    a, b = make_people(2)
    session = window.presenter.session
    window.presenter.scan(badge(session, a))
    notes = window.card.notes
    scan_into(qtbot, notes, badge(session, b), suffix="")  # no suffix at all
    qtbot.waitUntil(lambda: window.card.name.text() == "Désirée O'Neil", timeout=3000)
    assert "FD1" not in notes.toPlainText().upper()
    assert len(visit_rows(session)) == 2


def test_people_typing_in_the_notes_get_their_text(qtbot: Any, window: BoothWindow,
                                                   make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    window.presenter.scan(badge(window.presenter.session, person))
    notes = window.card.notes
    notes.setFocus()
    QTest.keyClicks(notes, "Great English", delay=70)
    qtbot.waitUntil(lambda: notes.toPlainText() == "Great English", timeout=3000)
    qtbot.waitUntil(lambda: not window.presenter.notes_pending, timeout=3000)
    card = window.presenter.card
    assert card is not None
    assert booth.visit_card(window.presenter.session, card.visit_id).notes == "Great English"


def test_a_fast_typist_in_the_notes_keeps_every_key(qtbot: Any, window: BoothWindow,
                                                    make_people: Callable[..., list[str]]) -> None:
    """A burst at scanner speed that is no badge is typed text: it lands in the notes."""
    [person] = make_people(1)
    window.presenter.scan(badge(window.presenter.session, person))
    notes = window.card.notes
    scan_into(qtbot, notes, "Marcellus speaks French", suffix="")
    qtbot.waitUntil(lambda: notes.toPlainText() == "Marcellus speaks French", timeout=3000)
    assert window.banner.property("level") != "refused"


def test_a_scanner_pressing_shift_for_capitals_still_scans(
        qtbot: Any, window: BoothWindow, make_people: Callable[..., list[str]]) -> None:
    """Real wedges (and xdotool under Xvfb) press Shift before each capital: not a burst's end."""
    a, b = make_people(2)
    session = window.presenter.session
    window.presenter.scan(badge(session, a))
    notes = window.card.notes
    notes.setFocus()
    for char in badge(session, b):
        if char.isupper() or char == ":":
            QTest.keyPress(notes, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier, 2)
        QTest.keyClicks(notes, char, delay=3)
    QTest.keyClick(notes, Qt.Key.Key_Return, delay=3)
    qtbot.waitUntil(lambda: len(visit_rows(session)) == 2, timeout=3000)
    assert "FD1" not in notes.toPlainText().upper()


def test_second_scan_and_altered_code(qtbot: Any, window: BoothWindow,
                                      make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    session = window.presenter.session
    code = badge(session, person)
    scan_into(qtbot, window.card.undo, code, suffix="\t")
    scan_into(qtbot, window.card.undo, code)
    qtbot.waitUntil(lambda: window.card.status.text().startswith("Seen again"), timeout=3000)
    forged = code[:30] + ("Q" if code[30] != "Q" else "R") + code[31:]
    scan_into(qtbot, window.card.undo, forged)
    qtbot.waitUntil(lambda: window.banner.property("level") == "refused", timeout=3000)
    assert "altered or forged" in window.banner.text()
    assert len(visit_rows(session)) == 1


def test_typed_ref_rating_tags_and_list(qtbot: Any, window: BoothWindow,
                                        make_people: Callable[..., list[str]]) -> None:
    make_people(2)
    window.ref_entry.setText("c2")
    qtbot.mouseClick(window.card.undo, Qt.MouseButton.LeftButton)  # focus elsewhere is fine
    window._typed()
    assert window.presenter.card is not None and window.presenter.card.ref == "C-0002"
    qtbot.mouseClick(window.card.stars[4], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.card.tag_buttons["Bilingual"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.card.phase_two, Qt.MouseButton.LeftButton)
    card = window.presenter.card
    assert (card.rating, card.tags, card.shortlist) == (5, ("Bilingual",), True)
    assert window.visits.model.rowCount() == 1
    assert window.card.stars[4].isChecked() and window.card.phase_two.isChecked()


def test_camera_frames_go_down_the_same_path(qtbot: Any, window: BoothWindow,
                                             make_people: Callable[..., list[str]]) -> None:
    pytest.importorskip("pypdfium2")
    from fairdesk.bench.booth_bench import badge_image, camera_frame, to_qimage

    [person] = make_people(1)
    code = badge(window.presenter.session, person)
    frame = to_qimage(camera_frame(badge_image(code, "Kerlisha Joseph", "C-0001")))
    source = window.camera.source
    assert isinstance(source, ImageFrameSource)
    qtbot.mouseClick(window.camera.toggle, Qt.MouseButton.LeftButton)
    source.push(frame)
    qtbot.waitUntil(lambda: window.presenter.card is not None, timeout=5000)
    assert window.camera.sound.played == 1
    assert window.camera.property("flash") is True
    window.camera.worker.wait()


def test_leaving_needs_the_pin_when_set(qtbot: Any, window: BoothWindow) -> None:
    booth.set_exit_pin(window.presenter.session, "2468")
    assert not window.close()  # prompt cancelled: the booth stays
    window.pin_prompt = lambda parent: "1111"
    assert not window.close()
    assert window.banner.property("level") == "refused"
    window.pin_prompt = lambda parent: "2468"
    assert window.close()
