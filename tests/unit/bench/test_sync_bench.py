"""The sync figures push what a real booth may push: a load run against a real
hub is held whole (the role rule of issue 13 once refused every bench op for
its visit id, and the figure read "inf" with no word why)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fairdesk.bench import sync_bench
from fairdesk.services.hub_server import HubServer


def test_a_short_load_run_is_held_whole(tmp_path: Path) -> None:
    setup = sync_bench._Setup(tmp_path, 2)
    server = HubServer(setup.path, port=0)
    server.start()
    try:
        latencies, errors, sent = asyncio.run(sync_bench._load(
            server.url + "/api/push", server.fingerprint, setup, 0.3, 10.0))
    finally:
        server.stop()
    assert errors == [] and sent >= 2 and len(latencies) == sent
    held = sync_bench._count(setup.path, "SELECT COUNT(*) FROM ops WHERE kind = 'visit.record' "
                                         "AND device_id IN (SELECT id FROM devices)")
    assert held == sent
