"""A hub, two desks and three booths on loopback, killed and cut off at random.

Devices run as separate processes with wall clocks skewed up to 4 minutes
(inside the hub's 5-minute bound, issue 13); the hub is killed with SIGKILL
and restarted; a TCP proxy cuts connections after the hub has
answered (so after it committed). After healing, every op is on the hub
exactly once and every device holds what its role should.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.devices import invite
from fairdesk.services.employers import all_employers
from fairdesk.services.sync import join, sync_file
from fairdesk.storage import open_event_file, sync_rows
from fairdesk.sync.policy import ROSTER_KINDS

pytestmark = pytest.mark.slow
WORKER = Path(__file__).with_name("chaos_worker.py")
# The hub and the workers run this checkout's code, whatever an installed copy says
# (a worker is a script: its folder, not the working directory, leads sys.path).
ENV = {**os.environ, "PYTHONPATH": str(WORKER.parents[2])}
CHAOS_S = float(os.environ.get("FAIRDESK_CHAOS_S", "12"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class CuttingProxy:
    """Forwards TCP to the hub; cuts a share of connections once the hub answers."""

    def __init__(self, target: int) -> None:
        self.target, self.port, self.cut_share = target, _free_port(), 0.0
        self.cuts = 0
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)

    async def _start(self) -> None:
        await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            writer.close()
            return
        cut = random.random() < self.cut_share
        await asyncio.gather(self._pipe(reader, up_writer, False),
                             self._pipe(up_reader, writer, cut), return_exceptions=True)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    cut: bool) -> None:
        chunks = 0
        try:
            while data := await reader.read(65536):
                chunks += 1
                if cut and chunks > 2:  # past the TLS handshake: an answer is coming back
                    self.cuts += 1
                    break
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()


class Hub:
    def __init__(self, event: Path, port: int) -> None:
        self.event, self.port, self.proc = event, port, None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fairdesk", "hub", str(self.event), "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=ENV)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().startswith("Hub for")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, object]]:
    organizer = build_demo(tmp_path / "hub.fairdesk", DemoSpec(20, 3, seed=9, resumes=True))
    employers = [e.id for e in all_employers(organizer)]
    ids = [{"id": r["id"], "ref": r["ref"], "first_name": r["first_name"]}
           for r in organizer.store.rows("SELECT id, ref, first_name FROM candidates")]
    (tmp_path / "ids.json").write_text(json.dumps(ids))
    hub = Hub(tmp_path / "hub.fairdesk", _free_port())
    proxy = CuttingProxy(hub.port)
    url = f"https://127.0.0.1:{proxy.port}"
    devices = []
    for index, (role, employer) in enumerate([("desk", ""), ("desk", ""), ("booth", employers[0]),
                                              ("booth", employers[1]), ("booth", employers[2])]):
        code = invite(organizer, role, url, employer=employer or None, desk=index + 1).code
        path = tmp_path / f"{role}{index}.fairdesk"
        join(path, code)
        devices.append((path, role, employer, random.choice([-1, 1]) * 60_000 * index))
    organizer.close()
    yield {"hub": hub, "proxy": proxy, "devices": devices, "tmp": tmp_path}
    hub.kill()


def devices_desk(path: Path) -> int:
    return int(path.stem[-1]) + 1  # desk0 → desk 1, desk1 → desk 2


def _worker(tmp: Path, device: tuple[Path, str, str, int], seed: int) -> subprocess.Popen[bytes]:
    path, role, employer, skew = device
    return subprocess.Popen([sys.executable, str(WORKER), str(path), role, employer, str(skew),
                             str(tmp / "ids.json"), str(seed), str(devices_desk(path))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)


def test_hub_and_devices_killed_and_cut_converge(world: dict[str, object]) -> None:
    hub, proxy, tmp = world["hub"], world["proxy"], world["tmp"]
    devices = world["devices"]
    assert isinstance(hub, Hub) and isinstance(proxy, CuttingProxy) and isinstance(tmp, Path)
    assert isinstance(devices, list)
    rng = random.Random(8)
    proxy.cut_share = 0.3
    workers = [_worker(tmp, d, i) for i, d in enumerate(devices)]
    deadline = time.monotonic() + CHAOS_S
    while time.monotonic() < deadline:
        time.sleep(rng.uniform(0.3, 1.0))
        victim = rng.randrange(len(workers))
        workers[victim].send_signal(signal.SIGKILL)
        workers[victim].wait()
        workers[victim] = _worker(tmp, devices[victim], rng.randrange(10**6))
        if rng.random() < 0.3:
            hub.kill()
            time.sleep(rng.uniform(0, 0.5))
            hub.start()
    for worker in workers:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    proxy.cut_share = 0.0
    for _ in range(2):  # heal: everyone pushes, then everyone pulls everything
        for path, *_ in devices:
            sync_file(path)
    _check(tmp / "hub.fairdesk", devices, proxy)


def _check(hub_path: Path, devices: list[tuple[Path, str, str, int]],
           proxy: CuttingProxy) -> None:
    hub = open_event_file(hub_path)
    hub_ops = {r["op_id"]: r for r in hub.rows("SELECT op_id, kind, body, hub_seq FROM ops")}
    seqs = sorted(r["hub_seq"] for r in hub_ops.values())
    assert seqs == list(range(1, len(seqs) + 1)), "every op once, numbered without gaps"
    assert sync_rows.parked_count(hub) == 0
    assert proxy.cuts > 0
    made = 0
    for path, role, employer, _ in devices:
        store = open_event_file(path)
        own = store.rows("SELECT op_id FROM ops WHERE device_id = ?",
                         (store.setting("device_id"),))
        made += len(own)
        assert {r["op_id"] for r in own} <= hub_ops.keys()
        assert store.scalar("SELECT COUNT(*) FROM ops WHERE hub_seq IS NULL") == 0
        held = {r["op_id"] for r in store.rows("SELECT op_id FROM ops")}
        if role == "desk":
            roster = {o for o, r in hub_ops.items() if r["kind"] in ROSTER_KINDS}
            assert roster <= held
            assert store.scalar("SELECT COUNT(*) FROM visits") == 0
            assert _facts(store, "checkins") == _facts(hub, "checkins")
        else:
            assert store.scalar("SELECT COUNT(*) FROM checkins") == 0
            assert store.scalar("SELECT COUNT(*) FROM resumes") == 0
            assert store.scalar("SELECT COUNT(*) FROM candidates WHERE email != ''") == 0
            assert {r["employer_id"] for r in store.rows("SELECT employer_id FROM visits")} \
                <= {employer}
            assert _visits(store, employer) == _visits(hub, employer)
        store.close()
    assert made > 20
    hub.close()


def _facts(store, table: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(r["id"], r["candidate_id"]) for r in store.rows(f"SELECT * FROM {table}")}


def _visits(store, employer: str) -> set[tuple[str, int, int, str]]:  # type: ignore[no-untyped-def]
    rows = store.rows("SELECT * FROM visits WHERE employer_id = ?", (employer,))
    return {(r["candidate_id"], r["seen_count"], r["rating"], r["notes"]) for r in rows}
