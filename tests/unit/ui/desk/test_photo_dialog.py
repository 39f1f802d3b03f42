"""The walk-in form's résumé buttons and the photo dialog, wired, with a fake camera."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from fairdesk.services.session import EventSession
from fairdesk.storage import resumes
from fairdesk.ui.common.camera import FrameSource
from fairdesk.ui.common.presenters.badge_output import FolderSync
from fairdesk.ui.desk.photo_dialog import PhotoDialog
from fairdesk.ui.desk.presenters.desk import DeskPresenter
from fairdesk.ui.desk.presenters.photo import NO_CAMERA, PhotoPages
from fairdesk.ui.desk.walk_in_dialog import CandidateDialog
from tests.unit.ui.desk.walk_in_helpers import FakeCamera, when_up

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
WAIT_MS = 30_000


@pytest.fixture
def desk(session: EventSession, tmp_path: Path,
         make_people: Callable[..., list[str]]) -> Iterator[DeskPresenter]:
    session.role, session.desk = "desk", 2
    make_people(2)
    presenter = DeskPresenter(session, FolderSync(tmp_path / "badges"))
    yield presenter
    presenter.close()


def photo_dialog(qtbot: QtBot, camera: FakeCamera) -> PhotoDialog:
    dialog = PhotoDialog(PhotoPages(camera.problem), camera)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    return dialog


def test_space_takes_pages_alt_r_retakes_and_enter_uses_them(qtbot: QtBot) -> None:
    camera = FakeCamera()
    dialog = photo_dialog(qtbot, camera)
    assert camera.running and camera.started == 1
    assert not dialog.take_button.isEnabled()  # no picture yet
    camera.show_page(1)
    assert dialog.take_button.isEnabled() and not dialog.preview.pixmap().isNull()
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    camera.show_page(2)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    assert dialog.list.count() == 2 and dialog.list.currentRow() == 1
    assert "2 pages taken" in dialog.status.text()
    QTest.keyClick(dialog.list, Qt.Key.Key_Up)
    assert dialog.pages.selected == 0
    QTest.keyClick(dialog.list, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.pages.replacing == 0, timeout=WAIT_MS)  # an animated click
    assert dialog.list.item(0).text() == "Page 1 (retake)"
    first = dialog.pages.pages[0]
    camera.show_page(3)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    assert dialog.list.count() == 2 and dialog.pages.pages[0] != first
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == PhotoDialog.DialogCode.Accepted
    resume = dialog.pages.result
    assert resume is not None and resume.pages == 2
    with pikepdf.open(__import__("io").BytesIO(resume.data)) as pdf:
        assert len(pdf.pages) == 2
    assert not camera.running  # the camera is off once the dialog is closed


def test_escape_cancels_and_turns_the_camera_off(qtbot: QtBot) -> None:
    camera = FakeCamera()
    dialog = photo_dialog(qtbot, camera)
    camera.show_page(1)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    QTest.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert dialog.result() == PhotoDialog.DialogCode.Rejected
    assert dialog.pages.result is None and dialog.pages.pages == [] and not camera.running


def test_with_no_camera_the_photo_button_is_disabled_and_says_why(
        qtbot: QtBot, desk: DeskPresenter) -> None:
    form_dialog = CandidateDialog(desk.walk_in_form(), camera=lambda: FakeCamera(NO_CAMERA))
    qtbot.addWidget(form_dialog)
    assert not form_dialog.photo_button.isEnabled()
    assert form_dialog.photo_button.toolTip() == NO_CAMERA
    assert form_dialog.camera_note.text() == NO_CAMERA
    without = CandidateDialog(desk.walk_in_form())  # no camera factory at all
    qtbot.addWidget(without)
    assert not without.photo_button.isEnabled()


def fill_name(dialog: CandidateDialog) -> None:
    for key, text in (("first_name", "Shanice"), ("last_name", "Alexis")):
        field = dialog.inputs[key]
        QTest.keyClicks(field, text)
    dialog.inputs["consent"].click()  # type: ignore[attr-defined]


def test_alt_p_photographs_a_paper_resume_and_save_stores_it(
        qtbot: QtBot, desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    camera = FakeCamera()
    dialog = CandidateDialog(desk.walk_in_form(), camera=lambda: camera)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    fill_name(dialog)
    outcome: list[str] = []

    def photograph(photos: PhotoDialog) -> None:
        for page in (1, 2):
            camera.show_page(page)
            QTest.keyClick(photos.list, Qt.Key.Key_Space)
        assert len(photos.pages.pages) == 2
        QTest.keyClick(photos.list, Qt.Key.Key_Return)
        assert not photos.isVisible()

    when_up(PhotoDialog, photograph, outcome, ready=lambda photos: camera.running)
    QTest.keyClick(dialog.photo_button, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS + 5_000)
    assert outcome == ["done"]
    assert dialog.resume_label.text().startswith("Résumé: photographed-resume.pdf (2 pages, ")
    assert dialog.remove_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil((tmp_path / "badges" / "W2-0001.pdf").exists, timeout=WAIT_MS)
    saved = desk.current
    assert saved is not None and saved.ref == "W2-0001" and saved.resume_sha is not None
    assert resumes.pages(session.store, saved.resume_sha) == 2


def test_alt_r_attaches_a_file_shows_its_name_and_alt_m_takes_it_off(
        qtbot: QtBot, desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    path = tmp_path / "usb" / "Shanice CV.pdf"
    path.parent.mkdir()
    pdf.save(path)
    dialog = CandidateDialog(desk.walk_in_form(), camera=lambda: FakeCamera(NO_CAMERA))
    dialog.choose_file = lambda: path
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.remove_button.isEnabled()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.form.resume is not None, timeout=WAIT_MS)  # off the GUI thread
    assert dialog.resume_label.text().startswith("Résumé: Shanice CV.pdf (1 page, ")
    QTest.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.form.resume is None, timeout=WAIT_MS)
    assert dialog.resume_label.text() == "No résumé attached"
    fill_name(dialog)
    dialog.save_button.click()
    qtbot.waitUntil((tmp_path / "badges" / "W2-0001.pdf").exists, timeout=WAIT_MS)
    assert resumes.count(session.store) == 0


def test_the_dialog_draws_a_camera_that_stops(qtbot: QtBot) -> None:
    camera = FakeCamera()
    dialog = photo_dialog(qtbot, camera)
    camera.show_page(1)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    source: FrameSource = camera
    source.failed.emit("The camera stopped: device unplugged")
    assert not dialog.take_button.isEnabled() and dialog.use_button.isEnabled()
    assert dialog.preview.text() == "The camera stopped: device unplugged"


class _Size:
    def __init__(self, w: int, h: int) -> None:
        self.w, self.h = w, h

    def width(self) -> int:
        return self.w

    def height(self) -> int:
        return self.h


class _Format:
    def __init__(self, w: int, h: int, fps: float) -> None:
        self.size, self.fps = _Size(w, h), fps

    def resolution(self) -> _Size:
        return self.size

    def maxFrameRate(self) -> float:  # QCameraFormat's name
        return self.fps


def test_pages_are_photographed_at_full_hd_when_the_webcam_offers_it() -> None:
    from fairdesk.ui.common.camera import page_format

    vga, hd, full_hd, full_hd_slow, uhd = (_Format(640, 480, 30), _Format(1280, 720, 30),
                                           _Format(1920, 1080, 30), _Format(1920, 1080, 5),
                                           _Format(3840, 2160, 30))
    assert page_format([vga, full_hd_slow, uhd, full_hd, hd]) is full_hd
    assert page_format([vga, hd]) is hd
    assert page_format([uhd]) is uhd  # nothing smaller: take what there is
    assert page_format([]) is None
