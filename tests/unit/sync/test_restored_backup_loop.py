"""The background sync loop (desk and booth apps) on a file restored from a
backup: refused with the code ``seq_clash`` (the GUI offers its button on that),
then, once the user said yes (``renumber_next_round``), one round sends the
waiting changes under new numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import HubUnreachable
from fairdesk.services import sync_loop
from fairdesk.services.session import EventSession
from fairdesk.services.sync_loop import SyncLoop, SyncStatus
from fairdesk.storage import EventStore, open_event_file
from tests.unit.sync.test_restored_backup import restored

Pair = Callable[..., Path]


def _hub_holds(fair: EventSession, candidate_id: str) -> int:
    return int(fair.store.scalar("SELECT COUNT(*) FROM checkins WHERE candidate_id = ?",
                                 (candidate_id,)))


def test_the_loop_says_seq_clash_then_renumbers_once_when_asked(
        fair: EventSession, pair: Pair, tmp_path: Path) -> None:
    path, (_a, b, c) = restored(fair, pair, tmp_path)
    seen: list[SyncStatus] = []
    loop = SyncLoop(path, interval=0.1, max_backoff=60, on_status=seen.append, timeout=5)
    store = open_event_file(path)  # rounds driven here, no thread: deterministic
    try:
        assert loop._round(store, 0.1) == 60
        refused = loop.status
        assert (refused.state, refused.code, refused.pending) == ("refused", "seq_clash", 1)
        assert "number" in refused.error
        assert _hub_holds(fair, c) == 0
        assert loop._round(store, 60) == 60  # without the user's yes it stays refused
        assert loop.status.code == "seq_clash"

        loop.renumber_next_round()
        assert loop._wake.is_set()  # the round comes at once, not in 60 s
        assert loop._round(store, 60) == 0.1
        ok = loop.status
        assert (ok.state, ok.pending, ok.code, ok.error) == ("ok", 0, "", "")
        assert _hub_holds(fair, c) == 1 and _hub_holds(fair, b) == 1
        assert [s.code for s in seen if s.state == "syncing"] == ["", "", ""]

        assert loop._round(store, 0.1) == 0.1  # the flag went with that round
        assert loop._renumber is False
    finally:
        store.close()


def test_the_renumber_flag_is_spent_by_one_round_even_a_failed_one(
        fair: EventSession, pair: Pair, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, (_a, _b, c) = restored(fair, pair, tmp_path)
    loop = SyncLoop(path, interval=0.1, max_backoff=60, timeout=5)
    asked: list[bool] = []

    def unreachable(store: EventStore, client: object, clock: object,
                    renumber: bool = False) -> None:
        asked.append(renumber)
        raise HubUnreachable("Cannot reach the hub.")

    store = open_event_file(path)
    try:
        loop.renumber_next_round()
        with monkeypatch.context() as patch:
            patch.setattr(sync_loop, "sync_once", unreachable)
            loop._round(store, 0.1)
            assert (loop.status.state, loop.status.code) == ("offline", "")
            loop._round(store, 0.1)
        assert asked == [True, False]  # the yes went with the round that failed
        loop._round(store, 0.1)
        assert (loop.status.state, loop.status.code) == ("refused", "seq_clash")
        assert _hub_holds(fair, c) == 0
    finally:
        store.close()
