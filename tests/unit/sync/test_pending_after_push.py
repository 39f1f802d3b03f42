"""The Devices page's "Pending" column: what a device has left *after* its push."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.model import Op
from fairdesk.services import sync
from fairdesk.services.checkin import check_in
from fairdesk.services.devices import list_devices
from fairdesk.services.session import EventSession
from fairdesk.services.sync import pending_count, sync_file
from fairdesk.services.walkins import register_walk_in
from fairdesk.sync.client import HubClient

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def _hub_pending(fair: EventSession, device_id: str) -> int:
    return next(d.pending for d in list_devices(fair) if d.id == device_id)


def _two_changes(desk: EventSession) -> None:
    person = register_walk_in(desk, desk=1, first_name="Nia", last_name="Joseph")
    check_in(desk, person.id, 1)


def test_hub_shows_nothing_pending_once_the_push_went_through(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    _two_changes(desk)
    assert pending_count(desk.store) == 2
    report = sync_file(path)
    assert (report.pushed, report.pending) == (2, 0)
    assert _hub_pending(fair, str(desk.store.setting("device_id"))) == 0


def test_each_batch_reports_what_is_left_after_it(
        fair: EventSession, pair: Pair, device: Open,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    _two_changes(desk)
    monkeypatch.setattr(sync, "PUSH_BATCH", 1)
    told: list[int] = []
    real_push = HubClient.push

    def spy(self: HubClient, ops: list[Op], pending: int = 0) -> list[tuple[str, int]]:
        told.append(pending)
        return real_push(self, ops, pending)

    monkeypatch.setattr(HubClient, "push", spy)
    assert sync_file(path).pushed == 2
    assert told == [1, 0]
    assert _hub_pending(fair, str(desk.store.setting("device_id"))) == 0
