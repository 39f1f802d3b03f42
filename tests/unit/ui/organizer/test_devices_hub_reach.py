"""Start hub: where it listens, the address put in invites, "Only this computer"
and a taken port; walked without a window, then a little qtbot wiring.

Only loopback is ever bound or contacted; LAN addresses are given as data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.sync.pairing import decode
from fairdesk.ui.organizer.presenters.devices import LOCAL_ONLY, DevicesPresenter, InviteForm
from tests.unit.ui.organizer.hub_helpers import FakeHub

SEEN = ["127.0.0.1", "169.254.7.1", "172.17.0.1", "10.0.0.5", "192.168.1.20", "fe80::1",
        "not an address", "192.168.1.20"]


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config" / "settings.json")


@pytest.fixture
def presenter(session: EventSession, settings: AppSettings) -> DevicesPresenter:
    FakeHub.made.clear()
    return DevicesPresenter(session, make_hub=FakeHub, settings=settings,
                            addresses=lambda: list(SEEN))


def _invited_url(presenter: DevicesPresenter, typed: str = "") -> str:
    made = presenter.make_invite(InviteForm("desk", desk=1, hub_url=typed))
    assert made is not None
    return decode(made.code).hub_url


def test_the_hub_listens_on_the_network_and_invites_carry_the_lan_address(
        presenter: DevicesPresenter) -> None:
    assert presenter.addresses == ["192.168.1.20", "10.0.0.5", "172.17.0.1"]
    assert presenter.url_choices == ["https://192.168.1.20:8765", "https://10.0.0.5:8765",
                                     "https://172.17.0.1:8765"]
    assert presenter.reach_note == "" and _invited_url(presenter) == "https://192.168.1.20:8765"
    presenter.toggle_hub()
    assert FakeHub.made == [("0.0.0.0", 8765)]
    assert presenter.hub_text == ("Hub running at https://192.168.1.20:8765 — devices on this "
                                  "network can join")
    presenter.choose_address(1)
    assert _invited_url(presenter) == "https://10.0.0.5:8765"
    assert "10.0.0.5:8765" in presenter.hub_text
    assert _invited_url(presenter, "https://hub.local:8765") == "https://hub.local:8765"


def test_only_this_computer_listens_on_loopback_and_is_remembered(
        presenter: DevicesPresenter, session: EventSession, settings: AppSettings) -> None:
    presenter.set_local_only(True)
    assert AppSettings(settings.path).get(LOCAL_ONLY) is True
    assert presenter.url_choices == ["https://127.0.0.1:8765"]
    assert "other machines cannot join" in presenter.reach_note
    presenter.toggle_hub()
    assert FakeHub.made == [("127.0.0.1", 8765)]
    assert presenter.hub_text == ("Hub running at https://127.0.0.1:8765 — only this computer "
                                  "can reach it")
    again = DevicesPresenter(session, make_hub=FakeHub, settings=AppSettings(settings.path),
                             addresses=lambda: list(SEEN))
    assert again.local_only and again.listen_host == "127.0.0.1"


def test_without_a_network_the_url_falls_back_to_loopback_with_a_note(
        session: EventSession) -> None:
    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=lambda: ["127.0.0.1"])
    assert presenter.url_choices == ["https://127.0.0.1:8765"]
    assert presenter.reach_note.startswith("No network found: only this computer")
    presenter.toggle_hub()
    assert presenter.hub_text.endswith("only this computer can reach it")


def test_any_free_port_shows_the_one_chosen(presenter: DevicesPresenter) -> None:
    presenter.set_port(0)
    presenter.toggle_hub()
    assert presenter.shown_port == 43210
    assert presenter.url_choices[0] == "https://192.168.1.20:43210"
    assert presenter.last_message is not None and "43210" in presenter.last_message.text


def test_a_taken_port_is_said_clearly_and_the_next_free_one_offered(
        session: EventSession, settings: AppSettings, busy_port: int) -> None:
    settings.set(LOCAL_ONLY, True)  # a real hub, bound on loopback only
    presenter = DevicesPresenter(session, port=busy_port, settings=settings,
                                 addresses=lambda: ["192.168.1.20"])
    presenter.toggle_hub()
    assert not presenter.hub_running
    message = presenter.last_message
    assert message is not None and message.code == "port_taken"
    assert message.text.startswith(f"Port {busy_port} is taken on this computer")
    assert presenter.port > busy_port and f"Port {presenter.port} is free" in message.text
    try:
        presenter.toggle_hub()
        assert presenter.hub_running
        assert presenter.hub_text.startswith(f"Hub running at https://127.0.0.1:{presenter.port}")
    finally:
        presenter.stop_hub()


# ---------------------------------------------------------------- the page
@pytest.fixture
def page(qtbot: Any, presenter: DevicesPresenter) -> Any:
    from fairdesk.ui.organizer.devices_page import DevicesPage

    presenter.load()
    widget = DevicesPage(presenter)
    qtbot.addWidget(widget)
    return widget


def test_page_offers_the_addresses_and_the_loopback_choice(page: Any,
                                                          settings: AppSettings) -> None:
    combo = page.hub_url
    assert [combo.itemText(i) for i in range(combo.count())] == page.presenter.url_choices
    assert combo.currentText() == "https://192.168.1.20:8765" and page.reach.isHidden()
    combo.activated.emit(1)
    page.role.setCurrentIndex(page.role.findData("desk"))
    page.invite()
    assert decode(page.code.text()).hub_url == "https://10.0.0.5:8765"
    assert page.local_only.text() == "Only &this computer (for trying it out)"
    page.local_only.click()
    assert AppSettings(settings.path).get(LOCAL_ONLY) is True
    assert combo.count() == 1 and combo.currentText() == "https://127.0.0.1:8765"
    assert not page.reach.isHidden() and "cannot join" in page.reach.text()
    page.port.setValue(9001)
    assert page.presenter.port == 9001
    page.hub_button.click()
    assert FakeHub.made == [("127.0.0.1", 9001)]
    assert page.hub_label.text() == ("Hub running at https://127.0.0.1:9001 — only this "
                                     "computer can reach it")
    assert not page.local_only.isEnabled() and not page.port.isEnabled()


def test_page_starts_a_real_hub_on_loopback_and_shows_its_port(
        qtbot: Any, session: EventSession, settings: AppSettings) -> None:
    from fairdesk.ui.organizer.devices_page import DevicesPage

    settings.set(LOCAL_ONLY, True)
    presenter = DevicesPresenter(session, port=0, settings=settings, addresses=list)
    page = DevicesPage(presenter)
    qtbot.addWidget(page)
    assert page.local_only.isChecked() and page.port.text() == "any free"
    page.hub_button.click()
    try:
        assert presenter.hub_running
        port = presenter.shown_port
        assert port > 0 and page.port.value() == port
        assert page.hub_label.text().startswith(f"Hub running at https://127.0.0.1:{port} — ")
        assert page.hub_url.currentText() == f"https://127.0.0.1:{port}"
    finally:
        presenter.stop_hub()
