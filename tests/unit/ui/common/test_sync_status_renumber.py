"""The sync indicator offers "Restored from a backup?…" when the hub refused
this file's changes for their numbers (``seq_clash``), and only then; yes in
the confirmation asks the loop to renumber on its next round, no does not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fairdesk.services.session import EventSession
from fairdesk.services.sync_loop import SyncLoop, SyncStatus
from fairdesk.ui.common.sync_status import RENUMBER_QUESTION, SyncStatusWidget, add_sync_status

NOON = datetime(2026, 11, 28, 16, 4, tzinfo=UTC)
CLASH = SyncStatus("refused", NOON, 1, "Op 0193: this device already sent another op as its "
                   "number 3 (was its event file copied or restored from a backup?).", 60,
                   code="seq_clash")


class FakeLoop(SyncLoop):
    """A SyncLoop never started that counts the user's yeses."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.renumbers = 0

    def renumber_next_round(self) -> None:
        self.renumbers += 1


@pytest.fixture
def indicator(qtbot: Any, tmp_path: Path) -> Iterator[SyncStatusWidget]:
    window = QMainWindow()
    qtbot.addWidget(window)
    widget = add_sync_status(window, FakeLoop(tmp_path / "not-started.fairdesk"))
    window.show()
    yield widget
    window.close()


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[Any]:
    asked: list[Any] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_the_button_shows_only_for_a_seq_clash(indicator: SyncStatusWidget) -> None:
    assert indicator.renumber.isHidden()  # "starting"
    indicator.show_status(CLASH)
    assert indicator.renumber.isVisible()
    assert indicator.renumber.accessibleName() == "Restored from a backup?"
    assert indicator.renumber.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "0193" in indicator.toolTip()  # the hub's own words stay in the tooltip
    for status in (SyncStatus("ok", NOON, 0), SyncStatus("syncing", NOON, 1),
                   SyncStatus("offline", NOON, 1, "Cannot reach the hub.", 8),
                   SyncStatus("refused", NOON, 1, "This device was revoked.", 60,
                              code="unauthorized")):
        indicator.show_status(CLASH)
        indicator.show_status(status)
        assert indicator.renumber.isHidden(), status


def test_yes_asks_the_loop_to_renumber(qtbot: Any, indicator: SyncStatusWidget,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    indicator.show_status(CLASH)
    qtbot.mouseClick(indicator.renumber, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    _parent, _title, text, _buttons, default = asked[0]
    assert text == RENUMBER_QUESTION and default == QMessageBox.StandardButton.No
    assert "restored from a backup" in text and "another computer" in text
    assert isinstance(indicator.loop, FakeLoop) and indicator.loop.renumbers == 1


def test_no_leaves_the_loop_alone(qtbot: Any, indicator: SyncStatusWidget,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    indicator.show_status(CLASH)
    indicator.renumber.setFocus()
    qtbot.keyClick(indicator.renumber, Qt.Key.Key_Space)  # keyboard reaches it too
    assert len(asked) == 1
    assert isinstance(indicator.loop, FakeLoop) and indicator.loop.renumbers == 0
    assert indicator.renumber.isVisible()


def test_the_real_loop_takes_the_yes_for_its_next_round(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    loop = SyncLoop(tmp_path / "not-started.fairdesk")
    widget = add_sync_status(window, loop)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    widget.show_status(CLASH)
    widget.renumber.click()
    assert loop._renumber and loop._wake.is_set()


def test_the_booth_offers_it_in_its_header(qtbot: Any, session: EventSession,
                                           tmp_path: Path) -> None:
    from fairdesk.ui.booth.window import BoothWindow
    from fairdesk.ui.common.camera import ImageFrameSource, SuccessSound
    from tests.unit.ui.booth.test_booth_sync_header import make

    window = BoothWindow(make(session), source=ImageFrameSource(),
                         sound=SuccessSound(enabled=False), pin_prompt=lambda parent: None)
    qtbot.addWidget(window)
    widget = add_sync_status(window, FakeLoop(tmp_path / "not-started.fairdesk"))
    window.show()
    assert window.statusBar().isHidden() and widget.renumber.isHidden()
    widget.loop.on_status(CLASH)  # as from the sync thread
    qtbot.waitUntil(widget.renumber.isVisible, timeout=2000)
    assert widget.renumber.parentWidget().objectName() == "topBar"
    assert window.sync.text() == "Sync refused · 1 change waiting"
    widget.loop.on_status(SyncStatus("ok", NOON, 0))
    qtbot.waitUntil(widget.renumber.isHidden, timeout=2000)
    window.close()
