"""SyncLoop: rounds in a worker thread, backoff while the hub is away, status."""

from __future__ import annotations

import time
from pathlib import Path

from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.devices import invite
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import open_session
from fairdesk.services.sync import join
from fairdesk.services.sync_loop import SyncLoop, SyncStatus
from fairdesk.services.walkins import register_walk_in


def _wait(loop: SyncLoop, state: str, timeout: float = 10.0) -> SyncStatus:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if loop.status.state == state:
            return loop.status
        time.sleep(0.02)
    raise AssertionError(f"sync never reached {state!r}: {loop.status}")


def test_loop_syncs_backs_off_and_recovers(tmp_path: Path) -> None:
    organizer = build_demo(tmp_path / "hub.fairdesk", DemoSpec(5, 1, resumes=False))
    hub = HubServer(tmp_path / "hub.fairdesk", port=0)
    url = hub.start()
    port = int(url.rsplit(":", 1)[1])
    join(tmp_path / "desk.fairdesk", invite(organizer, "desk", url, desk=1).code)
    seen: list[SyncStatus] = []
    loop = SyncLoop(tmp_path / "desk.fairdesk", interval=0.1, max_backoff=0.4,
                    on_status=seen.append, timeout=2)
    loop.start()
    try:
        assert _wait(loop, "ok").last_sync is not None
        hub.stop()
        desk = open_session(tmp_path / "desk.fairdesk", role="desk")
        register_walk_in(desk, desk=1, first_name="Pending")
        loop.sync_now()
        offline = _wait(loop, "offline")
        assert offline.pending == 1 and "Cannot reach" in offline.error
        assert 0.1 < offline.retry_in <= 0.4
        hub = HubServer(tmp_path / "hub.fairdesk", port=port)
        hub.start()
        end = time.monotonic() + 10
        while not (loop.status.state == "ok" and loop.status.pending == 0):
            assert time.monotonic() < end, loop.status
            time.sleep(0.05)
        desk.close()
    finally:
        loop.stop()
        hub.stop()
        organizer.close()
    assert seen[-1].state == "stopped"
    assert "pending" in seen[-1].summary()
