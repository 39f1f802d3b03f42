"""Desk window wiring, with real key events: typing, Enter, scanner bursts, Ctrl+N."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from fairdesk.services import badges
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession
from fairdesk.storage import badge_prints, checkins, oplog
from fairdesk.ui.common import scanner_filter
from fairdesk.ui.desk.walk_in_dialog import CandidateDialog
from fairdesk.ui.desk.window import DeskWindow, desk_window, reopen_request
from tests.unit.ui.desk.walk_in_helpers import when_up

# The offscreen platform cannot resize windows to their size hints and says so
# each time a label's text changes; on a real screen (xvfb, X11) it is silent.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

HUMAN_MS = 70  # people type 60–250 ms apart
SCANNER_MS = 7  # scanners 5–10 ms
WAIT_MS = 30_000  # a loaded machine may take seconds to check in and render a badge


class ScannerClock:
    """The scanner filter's clock, pinned to a scanner's pace while a burst is typed.

    A real scanner's keys queue up at 5–10 ms whatever the desk is doing (a busy
    desk only sees them closer together). A test that types them itself is
    descheduled on a loaded machine, and a 40 ms gap then splits the burst; so
    while the test types a burst, each key is stamped exactly ``SCANNER_MS``
    after the last. Outside a burst the clock is the real one.
    """

    def __init__(self) -> None:
        self.pinned: float | None = None

    def __call__(self) -> float:
        return self.pinned if self.pinned is not None else time.monotonic() * 1000

    def type_burst(self, widget: QWidget, text: str, gap_ms: float = SCANNER_MS) -> None:
        start = time.monotonic() * 1000
        try:
            for n, char in enumerate(text):
                self.pinned = start + n * gap_ms
                if char == "\r":
                    QTest.keyClick(widget, Qt.Key.Key_Return)
                elif char == "\t":
                    QTest.keyClick(widget, Qt.Key.Key_Tab)
                else:
                    QTest.keyClicks(widget, char)
                QTest.qWait(int(gap_ms))  # the event loop runs between keys, as it would
        finally:
            self.pinned = None  # real time is now past every pinned stamp


@pytest.fixture
def scanner(monkeypatch: pytest.MonkeyPatch) -> ScannerClock:
    clock = ScannerClock()
    monkeypatch.setattr(scanner_filter, "_now_ms", clock)
    return clock


@pytest.fixture
def window(qtbot: QtBot, session: EventSession, tmp_path: Path,
           make_people: Callable[..., list[str]]) -> Iterator[DeskWindow]:
    make_people(5)
    session.desk = 3
    settings = AppSettings(tmp_path / "settings.json")
    made = desk_window(session, settings, tmp_path / "printed")
    assert isinstance(made, DeskWindow)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    made.search.setFocus()
    yield made
    made.close()


def first_field(dialog: CandidateDialog) -> bool:
    """The walk-in form is up and typing goes into its first field."""
    return QApplication.focusWidget() is dialog.inputs["first_name"]


def printed(tmp_path: Path) -> list[str]:
    folder = tmp_path / "printed"
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.exists() else []


def decode_qr(pdf: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    document = pdfium.PdfDocument(pdf.read_bytes())
    image = document[0].render(scale=150 / 72).to_pil()
    found = zxingcpp.read_barcodes(image)
    document.close()
    assert found, "no QR found at 150 dpi"
    return str(found[0].text)


def test_typing_part_of_a_name_and_enter_checks_in_and_prints_a_badge_that_scans(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path) -> None:
    QTest.keyClicks(window.search, "jn bap", Qt.KeyboardModifier.NoModifier, HUMAN_MS)
    qtbot.waitUntil(lambda: window.search.text() == "jn bap")
    qtbot.waitUntil(lambda: window.results.count() == 1)
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: printed(tmp_path) == ["C-0003.pdf"], timeout=WAIT_MS)
    person = find_candidate(session, "C-0003")
    assert checkins.active_on(session.store, person.id, session.fair_day()) is not None
    payload = decode_qr(tmp_path / "printed" / "C-0003.pdf")
    assert badges.resolve_payload(session, payload) == person
    qtbot.waitUntil(lambda: "Badge printed" in window.banner.text())
    assert window.search.text() == "" and window.search.hasFocus()
    assert "Checked in 1 / 5" in window.figures.text()


def test_arrow_keys_move_the_selection_from_the_search_field(
        qtbot: QtBot, window: DeskWindow) -> None:
    QTest.keyClicks(window.search, "exam", Qt.KeyboardModifier.NoModifier, HUMAN_MS)
    qtbot.waitUntil(lambda: window.results.count() == 5)
    QTest.keyClick(window.search, Qt.Key.Key_Down)
    QTest.keyClick(window.search, Qt.Key.Key_Down)
    assert window.results.currentRow() == 2
    assert window.panel.name.text() == window.presenter.results[2].display_name
    QTest.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.results.count() == 0


@pytest.mark.parametrize("suffix", ["\r", "\t", ""])
def test_a_scanned_badge_checks_in_and_never_lands_in_the_search_field(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path,
        scanner: ScannerClock, suffix: str) -> None:
    person = find_candidate(session, "C-0002")
    payload = badges.payload_for(session, person)
    scanner.type_burst(window.search, payload + suffix)
    qtbot.waitUntil(lambda: printed(tmp_path) == ["C-0002.pdf"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Badge printed" in window.banner.text(), timeout=WAIT_MS)
    assert window.search.text() == ""
    assert window.search.hasFocus()
    assert checkins.active_on(session.store, person.id, session.fair_day()) is not None


def test_the_same_keys_at_a_persons_pace_are_typed_text(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path,
        scanner: ScannerClock) -> None:
    """The other side of the rule above: without it, that test could pass for any pace."""
    scanner.type_burst(window.search, "C-0002", gap_ms=HUMAN_MS)
    qtbot.waitUntil(lambda: window.search.text() == "C-0002", timeout=WAIT_MS)
    assert printed(tmp_path) == []
    assert checkins.active_on(session.store, find_candidate(session, "C-0002").id,
                              session.fair_day()) is None


def test_a_scan_while_typing_a_name_keeps_the_typed_text_apart(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path,
        scanner: ScannerClock) -> None:
    QTest.keyClicks(window.search, "ker", Qt.KeyboardModifier.NoModifier, HUMAN_MS)
    qtbot.waitUntil(lambda: window.search.text() == "ker", timeout=WAIT_MS)
    payload = badges.payload_for(session, find_candidate(session, "C-0004"))
    scanner.type_burst(window.search, payload + "\r")
    qtbot.waitUntil(lambda: printed(tmp_path) == ["C-0004.pdf"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Badge printed" in window.banner.text(), timeout=WAIT_MS)
    assert "FD1" not in window.search.text()


@pytest.mark.parametrize("text", ["Aurelie", "C-0002"])
def test_a_name_or_ref_typed_at_scanner_speed_lands_whole_in_the_search(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path,
        scanner: ScannerClock, text: str) -> None:
    """Speed alone never makes a scan: only a badge payload acts as one."""
    scanner.type_burst(window.search, text)
    qtbot.waitUntil(lambda: window.search.text() == text, timeout=WAIT_MS)
    assert window.banner.property("level") != "error"
    assert printed(tmp_path) == []


def test_keys_stamped_a_persons_pace_apart_but_handled_together_are_typed(
        qtbot: QtBot, window: DeskWindow) -> None:
    """A stalled event loop delivers a person's keys at once; the window system's stamps tell."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    stamp = 1_000_000
    for char, gap in zip("Aurelie", [0, 60, 150, 90, 110, 75, 130], strict=True):
        stamp += gap
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key(ord(char.upper())), Qt.KeyboardModifier.NoModifier,
                              char)
            event.setTimestamp(stamp)
            QApplication.sendEvent(window.search, event)  # no event loop between keys
    qtbot.waitUntil(lambda: window.search.text() == "Aurelie", timeout=WAIT_MS)
    assert window.banner.property("level") != "error"


def test_a_fast_burst_in_the_walk_in_form_keeps_the_name(
        qtbot: QtBot, window: DeskWindow, scanner: ScannerClock) -> None:
    done: list[str] = []
    names: list[str] = []

    def fill(dialog: CandidateDialog) -> None:
        field = dialog.inputs["first_name"]
        scanner.type_burst(field, "Marcellus")
        qtbot.waitUntil(lambda: field.text() == "Marcellus", timeout=WAIT_MS)
        names.append(field.text())
        dialog.reject()

    when_up(CandidateDialog, fill, done, ready=first_field)
    QTest.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS + 5_000)
    assert done == ["done"] and names == ["Marcellus"]


def test_a_forged_scan_changes_nothing(qtbot: QtBot, window: DeskWindow,
                                       session: EventSession, tmp_path: Path,
                                       scanner: ScannerClock) -> None:
    payload = badges.payload_for(session, find_candidate(session, "C-0001"))
    forged = payload[:20] + ("A" if payload[20] != "A" else "B") + payload[21:]
    ops = oplog.count(session.store)
    scanner.type_burst(window.search, forged + "\r")
    qtbot.waitUntil(lambda: window.banner.property("level") == "error", timeout=WAIT_MS)
    assert "forged" in window.banner.text() or "altered" in window.banner.text()
    assert oplog.count(session.store) == ops and printed(tmp_path) == []
    assert window.search.text() == ""


def test_ctrl_n_registers_a_walk_in_by_keyboard_alone(
        qtbot: QtBot, window: DeskWindow, session: EventSession, tmp_path: Path) -> None:
    done: list[str] = []

    def type_into(text: str) -> None:
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit)
        QTest.keyClicks(field, text, Qt.KeyboardModifier.NoModifier, HUMAN_MS)
        qtbot.waitUntil(lambda: field.text() == text, timeout=WAIT_MS)

    def press(key: Qt.Key) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, key)

    def fill(dialog: CandidateDialog) -> None:
        type_into("Shanice")
        press(Qt.Key.Key_Tab)
        type_into("Alexis")
        for _ in range(6):  # e-mail, phone, district, roles, languages → consent
            press(Qt.Key.Key_Tab)
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Return)
        assert not dialog.isVisible()

    when_up(CandidateDialog, fill, done, ready=first_field)
    QTest.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS + 5_000)
    assert done == ["done"]
    qtbot.waitUntil(lambda: printed(tmp_path) == ["W3-0001.pdf"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Badge printed" in window.banner.text(), timeout=WAIT_MS)
    walk_in = find_candidate(session, "W3-0001")
    assert walk_in.display_name == "Shanice Alexis" and walk_in.consent
    assert checkins.active_on(session.store, walk_in.id, session.fair_day()) is not None
    qtbot.waitUntil(lambda: window.focusWidget() is window.search)


def test_closing_while_a_badge_prints_still_records_the_print(
        window: DeskWindow, session: EventSession) -> None:
    window.presenter.set_query("jn bap")
    window.presenter.enter()
    assert window.presenter.printing  # the badge is on its way
    window.close()
    assert not window.presenter.printing
    person = find_candidate(session, "C-0003")
    assert len(badge_prints.for_candidate(session.store, person.id)) == 1


def test_the_desk_is_remembered_for_a_restart(window: DeskWindow, tmp_path: Path) -> None:
    found = reopen_request(window.settings)
    assert found is not None
    request, print_to = found
    assert request.role == "desk" and request.desk == 3 and print_to == tmp_path / "printed"


def test_a_walk_in_with_a_photographed_resume_by_keyboard_alone(
        qtbot: QtBot, session: EventSession, tmp_path: Path,
        make_people: Callable[..., list[str]]) -> None:
    """Ctrl+N, type, Alt+P, Space per page, Enter, Enter: the scanner filter stays out of it."""
    from fairdesk.ui.common.presenters.badge_output import FolderSync
    from fairdesk.ui.desk.photo_dialog import PhotoDialog
    from fairdesk.ui.desk.presenters.desk import DeskPresenter
    from tests.unit.ui.desk.walk_in_helpers import FakeCamera

    make_people(2)
    session.desk = 3
    webcam = FakeCamera()
    presenter = DeskPresenter(session, FolderSync(tmp_path / "printed"))
    window = DeskWindow(presenter, AppSettings(tmp_path / "settings.json"), lambda: webcam)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.search.setFocus()
    done: list[str] = []
    photographed: list[str] = []

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def photograph(photos: PhotoDialog) -> None:
        for page in (1, 2):
            webcam.show_page(page)
            QTest.keyClick(focused(), Qt.Key.Key_Space)
        assert len(photos.pages.pages) == 2
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        assert not photos.isVisible()

    def fill(dialog: CandidateDialog) -> None:
        QTest.keyClicks(focused(), "Kayann", Qt.KeyboardModifier.NoModifier, HUMAN_MS)
        qtbot.waitUntil(lambda: dialog.form.values["first_name"] == "Kayann", timeout=WAIT_MS)
        when_up(PhotoDialog, photograph, photographed, ready=lambda photos: webcam.running)
        QTest.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: bool(photographed), timeout=WAIT_MS + 5_000)
        assert photographed == ["done"]
        assert dialog.form.resume is not None
        assert dialog.focusWidget() is dialog.photo_button  # back where it left off
        dialog.activateWindow()  # a window manager does this when the photo dialog goes
        qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        assert not dialog.isVisible()

    when_up(CandidateDialog, fill, done, ready=first_field, timeout_s=60)
    QTest.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS * 2 + 5_000)
    assert done == ["done"]
    qtbot.waitUntil(lambda: printed(tmp_path) == ["W3-0001.pdf"], timeout=WAIT_MS)
    walk_in = find_candidate(session, "W3-0001")
    assert walk_in.first_name == "Kayann" and walk_in.cv_filename == "photographed-resume.pdf"
    assert walk_in.resume_sha is not None and not webcam.running
    window.close()
