"""Join from the launcher, then the desk window syncs in the background."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fairdesk import app
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.checkin import check_in
from fairdesk.services.devices import invite
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter


def test_launcher_joins_and_the_desk_syncs(qtbot: QtBot, fair: EventSession, hub: HubServer,
                                           tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    presenter = LauncherPresenter(settings, tmp_path / "demo")
    code = invite(fair, "desk", hub.url, desk=2).code
    assert presenter.join(tmp_path / "desk-laptop", code)
    joined = tmp_path / "desk-laptop.fairdesk"
    assert presenter.selected is not None and presenter.selected.path == joined
    assert presenter.role == "desk" and presenter.selected.candidates == 30
    assert not presenter.join(tmp_path / "again", code)  # a pairing code works once
    assert presenter.last_message is not None and presenter.last_message.level == "error"

    window = app.open_window(OpenRequest(joined, "desk", desk=2), settings,
                             print_to=tmp_path / "badges")
    qtbot.addWidget(window)
    widget = app._SYNCS[-1]
    session = app._SESSIONS[-1]
    someone = next(c for c in fair.store.rows("SELECT ref FROM candidates WHERE id NOT IN "
                                              "(SELECT candidate_id FROM checkins)"))
    hub_has = "SELECT COUNT(*) FROM ops WHERE kind = 'checkin.add' AND device_id != ?"
    own = fair.store.setting("device_id")
    before = fair.store.scalar(hub_has, (own,))
    check_in(session, someone["ref"], desk=2)
    qtbot.waitUntil(lambda: fair.store.scalar(hub_has, (own,)) == before + 1, timeout=15000)
    qtbot.waitUntil(lambda: "pending" not in widget.text() or "0 pending" in widget.text(),
                    timeout=15000)
    app.close_sessions()
