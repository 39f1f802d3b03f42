"""The booth header tells the truth about sync (issue 6 item 6, issue 8 item 4):
not paired, or paired and what the sync loop last said, with the count of
changes not yet on the hub."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from fairdesk.badges import token
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.sync_loop import SyncStatus
from fairdesk.ui.booth.presenters.booth import BoothPresenter

NOON = datetime(2026, 11, 28, 16, 4, tzinfo=UTC)  # 12:04 in Saint Lucia


def at_booth(session: EventSession, paired: bool) -> EventSession:
    acme = add_employer(session, "Acme Contact", booth="B1")
    session.role, session.employer_id = "booth", acme.id
    session.store.set_setting("role", "booth")
    if paired:
        session.store.set_setting("hub_url", "https://127.0.0.1:8765")
        session.store.set_setting("hub_token", "t0ken")
    return session


def make(session: EventSession, paired: bool = True) -> BoothPresenter:
    presenter = BoothPresenter(at_booth(session, paired))
    presenter.load()
    return presenter


def scan(presenter: BoothPresenter, candidate_id: str) -> None:
    event = presenter.session.event
    assert event.signing_key is not None
    assert presenter.scan(token.sign(event.signing_key, event.id, candidate_id, "X"))


@pytest.fixture(autouse=True)
def st_lucia(session: EventSession) -> None:
    from fairdesk.services.events import update_event

    update_event(session, timezone="America/St_Lucia")


def test_a_booth_that_is_not_paired_says_so(session: EventSession,
                                             make_people: Callable[..., list[str]]) -> None:
    presenter = make(session, paired=False)
    [person] = make_people(1)
    scan(presenter, person)
    assert presenter.sync_level == "standalone" and not presenter.online
    assert presenter.sync_text == "Standalone — not paired"
    assert "not paired" in presenter.sync_tip


def test_paired_but_never_synced_is_not_called_standalone(session: EventSession) -> None:
    presenter = make(session)
    assert presenter.sync_level == "connecting"
    presenter.sync_changed(SyncStatus("starting", None, 0))
    assert presenter.sync_text == "Connecting… · never synced"
    presenter.sync_changed(SyncStatus("offline", None, 0, "Cannot reach the hub.", 8))
    assert presenter.sync_level == "offline"
    assert presenter.sync_text == "Offline · never synced"
    assert presenter.sync_tip.startswith("Cannot reach the hub. Next try in 8 s.")


def test_online_shows_the_last_sync_in_venue_time(session: EventSession) -> None:
    presenter = make(session)
    redraws: list[str] = []
    presenter.on_sync = lambda: redraws.append(presenter.sync_text)
    presenter.sync_changed(SyncStatus("ok", NOON, 0))
    assert presenter.online and presenter.sync_level == "online"
    assert redraws == ["Online · synced 12:04"]
    # A round in progress does not flicker the header to another state.
    presenter.sync_changed(SyncStatus("syncing", NOON, 0))
    assert redraws[-1] == "Online · synced 12:04"


def test_changes_waiting_are_counted(session: EventSession,
                                     make_people: Callable[..., list[str]]) -> None:
    presenter = make(session)
    a, b, c = make_people(3)
    for person in (a, b, c):
        scan(presenter, person)
    assert presenter.unsynced == 3  # counted locally, before the loop says a word
    assert presenter.sync_text == "Connecting… · 3 changes waiting"
    presenter.sync_changed(SyncStatus("offline", NOON, 3, "Cannot reach the hub.", 16))
    assert presenter.sync_text == "Offline · 3 changes waiting"
    assert "3 changes waiting for the hub." in presenter.sync_tip
    presenter.sync_changed(SyncStatus("ok", NOON, 1))
    assert presenter.sync_text == "Online · synced 12:04 · 1 change waiting"
    presenter.sync_changed(SyncStatus("ok", NOON, 0))
    assert presenter.sync_text == "Online · synced 12:04"
    presenter.sync_changed(SyncStatus("offline", NOON, 0, "Cannot reach the hub.", 30))
    assert presenter.sync_text == "Offline · last synced 12:04"


def test_a_refused_sync_is_not_shown_as_online(session: EventSession) -> None:
    presenter = make(session)
    presenter.sync_changed(SyncStatus("ok", NOON, 0))
    presenter.sync_changed(SyncStatus("refused", NOON, 2, "This device was revoked.", 60))
    assert presenter.sync_level == "refused" and not presenter.online
    assert presenter.sync_text == "Sync refused · 2 changes waiting"
    assert "revoked" in presenter.sync_tip


def test_window_header_follows_the_sync_loop(qtbot: Any, session: EventSession,
                                             tmp_path: Any) -> None:
    from fairdesk.services.sync_loop import SyncLoop
    from fairdesk.ui.booth.window import BoothWindow
    from fairdesk.ui.common.camera import ImageFrameSource, SuccessSound
    from fairdesk.ui.common.sync_status import FollowsSync, SyncStatusWidget

    window = BoothWindow(make(session), source=ImageFrameSource(),
                         sound=SuccessSound(enabled=False), pin_prompt=lambda parent: None)
    qtbot.addWidget(window)
    assert window.sync.text() == "Connecting… · never synced"
    assert isinstance(window, FollowsSync)  # start_sync_status (app.open_window) calls it
    loop = SyncLoop(tmp_path / "not-started.fairdesk")  # never started: statuses by hand
    widget = SyncStatusWidget(loop, window)
    window.follow_sync(widget)
    assert window.statusBar().isHidden()  # the header says it all
    loop.on_status(SyncStatus("offline", NOON, 4, "Cannot reach the hub.", 8))
    qtbot.waitUntil(lambda: window.sync.text() == "Offline · 4 changes waiting", timeout=2000)
    assert window.sync.property("level") == "offline"
    assert "Cannot reach the hub" in window.sync.toolTip()
    loop.on_status(SyncStatus("ok", NOON, 0))
    qtbot.waitUntil(lambda: window.sync.text() == "Online · synced 12:04", timeout=2000)
    assert window.sync.property("level") == "online"
    window.close()


def test_standalone_window_header(qtbot: Any, session: EventSession) -> None:
    from fairdesk.ui.booth.window import BoothWindow
    from fairdesk.ui.common.camera import ImageFrameSource, SuccessSound

    window = BoothWindow(make(session, paired=False), source=ImageFrameSource(),
                         sound=SuccessSound(enabled=False), pin_prompt=lambda parent: None)
    qtbot.addWidget(window)
    assert window.sync.text() == "Standalone — not paired"
    assert window.sync.property("level") == "standalone"
    window.close()


def test_one_visitor_is_not_plural(session: EventSession,
                                   make_people: Callable[..., list[str]]) -> None:
    presenter = make(session, paired=False)
    [person] = make_people(1)
    scan(presenter, person)
    assert presenter.counts_text == "1 visitor today · 0 for Phase Two"


def test_the_empty_list_says_why(session: EventSession, clock: Any,
                                 make_people: Callable[..., list[str]]) -> None:
    presenter = make(session, paired=False)
    assert presenter.empty_text == "No visitors yet. Scan a badge to start."
    [person] = make_people(1)
    scan(presenter, person)
    clock.advance(days=1)
    presenter.load()
    assert presenter.shown_visits() == []  # yesterday's visit; the list shows today
    assert presenter.empty_text.startswith("No visitors today yet.")
    presenter.set_filter(today_only=False, rating=5)
    assert presenter.empty_text == "No visitor matches these filters."
