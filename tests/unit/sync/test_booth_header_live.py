"""A joined booth opened as the app opens it: the header follows the real sync loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from fairdesk import app
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.open_request import OpenRequest


def test_paired_booth_header_goes_online_and_counts_down(
        qtbot: QtBot, fair: EventSession, hub: HubServer, pair: Callable[..., Path],
        tmp_path: Path) -> None:
    from fairdesk.ui.booth.window import BoothWindow

    path = pair("booth", employer_index=0)
    employer = all_employers(fair)[0].id
    window = app.open_window(OpenRequest(path, "booth", employer_id=employer),
                             AppSettings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    assert isinstance(window, BoothWindow)
    try:
        qtbot.waitUntil(lambda: window.sync.text().startswith("Online · synced "),
                        timeout=15000)
        ref = str(fair.store.scalar("SELECT ref FROM candidates LIMIT 1"))
        window.presenter.scan(ref, "typed")
        # Counted at once, then pushed by the loop the change woke up.
        qtbot.waitUntil(lambda: window.sync.text().startswith("Online · synced ")
                        and "waiting" not in window.sync.text(), timeout=15000)
        assert window.presenter.unsynced == 0
        hub.stop()
        window.presenter.scan(ref, "typed")
        qtbot.waitUntil(lambda: window.sync.text() == "Offline · 1 change waiting",
                        timeout=15000)
    finally:
        window.close()
        app.close_sessions()
