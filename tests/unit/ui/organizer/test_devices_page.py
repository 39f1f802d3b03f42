"""Devices screen: presenter walked without a window; a little qtbot wiring."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.sync.pairing import decode
from fairdesk.ui.organizer.presenters.devices import DevicesPresenter, InviteForm
from tests.unit.ui.organizer.hub_helpers import FakeHub

# a hub that says it runs on port 9999, wherever it was asked to listen
HUB_ON_9999 = partial(FakeHub, url="https://127.0.0.1:9999")


def test_presenter_invites_lists_revokes_and_runs_the_hub(session: EventSession) -> None:
    from fairdesk.services.devices import redeem

    employer = add_employer(session, "Castries Connect", booth="4")
    presenter = DevicesPresenter(session, make_hub=HUB_ON_9999, addresses=list)
    presenter.load()
    presenter.toggle_hub()
    assert presenter.hub_running and "9999" in presenter.hub_text
    made = presenter.make_invite(InviteForm("booth", employer.id))
    assert made is not None and decode(made.code).hub_url == "https://127.0.0.1:9999"
    assert presenter.make_invite(InviteForm("booth")) is None
    assert presenter.last_message is not None and presenter.last_message.code == "invalid_field"
    redeem(session.store, decode(made.code).secret, "Booth 4 tablet", session.now())
    presenter.load()
    assert presenter.rows[0][:3] == ("Booth 4 tablet", "booth", "Castries Connect")
    presenter.revoke(0)
    assert presenter.rows[0][-1] == "revoked"
    presenter.toggle_hub()
    assert not presenter.hub_running


def test_page_shows_the_code_as_a_qr(qtbot, session: EventSession) -> None:  # type: ignore[no-untyped-def]
    from fairdesk.ui.organizer.devices_page import DevicesPage

    presenter = DevicesPresenter(session, make_hub=HUB_ON_9999, addresses=list)
    page = DevicesPage(presenter)
    qtbot.addWidget(page)
    page.role.setCurrentIndex(page.role.findData("desk"))
    page.invite()
    assert page.code.text().startswith("FD1.")
    assert not page.qr.pixmap().isNull()


def test_sync_status_widget_shows_the_loop_status(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fairdesk.services.sync_loop import SyncLoop, SyncStatus
    from fairdesk.ui.common.sync_status import SyncStatusWidget

    widget = SyncStatusWidget(SyncLoop(tmp_path / "none.fairdesk"))
    qtbot.addWidget(widget)
    widget.show_status(SyncStatus("offline", None, 3, "Cannot reach the hub", 8))
    assert "3 pending" in widget.text() and widget.toolTip() == "Cannot reach the hub"
