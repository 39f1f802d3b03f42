"""Issue 13, cases 3-6 against a real hub process (``fairdesk hub``) run with
the Debian desktop's ``ulimit -n 1024``: slow and junk clients, oversized
bogus joins, malformed numbers and nesting, a far-future clock stamp."""

from __future__ import annotations

import asyncio
import os
import resource
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.ids import new_id
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.devices import invite
from fairdesk.services.sync import join
from fairdesk.storage import open_event_file
from fairdesk.sync.client import HubClient
from fairdesk.sync.wire import RejectedByHub

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


@dataclass
class Hub:
    process: subprocess.Popen[str]
    host: str
    port: int
    device: Path

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def client(self, timeout: float = 5.0) -> HubClient:
        store = open_event_file(self.device)
        try:
            return HubClient(store.setting("hub_url"), store.setting("hub_fingerprint"),
                             store.setting("hub_token"), timeout)
        finally:
            store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _desktop_limit() -> None:  # in the hub's process, before it starts
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, resource.getrlimit(
        resource.RLIMIT_NOFILE)[1]))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    folder = tmp_path_factory.mktemp("hostile")
    event = folder / "hub.fairdesk"
    port = _free_port()
    session = build_demo(event, DemoSpec(20, 2, seed=5))
    code = invite(session, "desk", f"https://127.0.0.1:{port}", desk=1).code
    session.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "fairdesk", "hub", str(event), "--host", "127.0.0.1",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=env, preexec_fn=_desktop_limit)  # noqa: PLW1509 (no thread runs yet)
    assert process.stdout is not None
    assert "Hub for" in process.stdout.readline()
    device = folder / "desk.fairdesk"
    join(device, code, "desk 1")
    yield Hub(process, "127.0.0.1", port, device)
    process.terminate()
    process.wait(10)


def _ping_seconds(hub: Hub) -> float:
    started = time.monotonic()
    with hub.client(timeout=8.0) as client:
        answer = client._call("GET", "/api/ping")
    assert answer["role"] == "desk"
    return time.monotonic() - started


# ---------------------------------------------------------------- slow clients
def _raise_own_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


async def _slow_client(hub: Hub, tls: bool, stop: asyncio.Event, held: list[int]) -> None:
    """Connects, then sends one header line every 2 s (or never handshakes), and
    connects again as soon as the hub drops it: it wants a slot for good."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    while not stop.is_set():
        try:
            _reader, writer = await asyncio.wait_for(asyncio.open_connection(
                hub.host, hub.port, ssl=context if tls else None), 10)
        except (OSError, TimeoutError):
            await asyncio.sleep(0.2)
            continue
        held[0] += 1
        try:
            writer.write(b"POST /api/push HTTP/1.1\r\n" if tls else b"\x16\x03\x01")
            while not stop.is_set():
                await asyncio.sleep(2)
                writer.write(b"X-Slow: 1\r\n")
                await writer.drain()
        except (OSError, ssl.SSLError):
            pass
        finally:
            held[0] -= 1
            writer.close()


def _swarm(hub: Hub, count: int, stop: threading.Event, held: list[int]) -> threading.Thread:
    def run() -> None:
        async def main() -> None:
            done = asyncio.Event()
            tasks = [asyncio.create_task(_slow_client(hub, n % 4 != 0, done, held))
                     for n in range(count)]
            while not stop.is_set():
                await asyncio.sleep(0.1)
            done.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_paired_device_is_answered_while_a_thousand_slow_clients_hold_on(hub: Hub) -> None:
    _raise_own_limit(4096)
    stop, held = threading.Event(), [0]
    thread = _swarm(hub, 1000, stop, held)
    try:
        deadline = time.monotonic() + 30
        while held[0] < 900 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert held[0] >= 900, f"only {held[0]} slow clients connected"
        times = []
        for _ in range(5):
            times.append(_ping_seconds(hub))
            time.sleep(1)
        print(f"slow clients {held[0]}; ping {[f'{t:.2f}' for t in times]} s")
        assert max(times) < 3.0
    finally:
        stop.set()
        thread.join(30)
    assert hub.process.poll() is None


# ---------------------------------------------------------------- bogus joins
def _bogus_join(hub: Hub, size: int, answers: list[bytes]) -> None:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with socket.create_connection((hub.host, hub.port), 10) as raw, \
                context.wrap_socket(raw) as sock:
            sock.sendall(b"POST /api/join HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                         b"not-a-secret\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % size)
            chunk, sent = b"[" * 65536, 0
            while sent < size:
                sock.sendall(chunk)
                sent += len(chunk)
            answers.append(sock.recv(200))
    except OSError as error:  # the hub answered 401 and hung up mid-body
        answers.append(str(error).encode())


def test_bogus_joins_of_31_mb_do_not_grow_the_hub(hub: Hub) -> None:
    before, peak = hub.rss_kb(), [0]
    answers: list[bytes] = []
    threads = [threading.Thread(target=_bogus_join, args=(hub, 31 * 1024 * 1024, answers))
               for _ in range(20)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        peak[0] = max(peak[0], hub.rss_kb())
        time.sleep(0.05)
    grown = (peak[0] - before) / 1024
    print(f"hub RSS {before / 1024:.0f} MB, peak {peak[0] / 1024:.0f} MB (+{grown:.0f} MB)")
    assert grown < 50
    assert any(b" 401 " in a for a in answers), answers[:3]
    assert _ping_seconds(hub) < 3.0


# ---------------------------------------------------------------- malformed numbers
def _raw(hub: Hub, method: str, path: str, body: bytes | None = None,
         token: str | None = None) -> tuple[int, dict[str, Any]]:
    import json
    import urllib.request

    store = open_event_file(hub.device)
    try:
        bearer = token or str(store.setting("hub_token"))
    finally:
        store.close()
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request(f"https://{hub.host}:{hub.port}{path}", data=body,
                                     method=method, headers={
                                         "Authorization": f"Bearer {bearer}",
                                         "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _device_id(hub: Hub) -> str:
    store = open_event_file(hub.device)
    try:
        return str(store.setting("device_id"))
    finally:
        store.close()


def _push_body(op: dict[str, Any], pending: Any = 0) -> bytes:
    import json  # orjson refuses to write 300 levels; an attacker's JSON is any JSON

    return json.dumps({"ops": [op], "pending": pending}).encode()


def _checkin(hub: Hub, **changes: Any) -> dict[str, Any]:
    device = _device_id(hub)
    return {"op_id": new_id(), "device_id": device, "seq": 1, "kind": "checkin.add",
            "at": "2026-08-20T10:00:00+00:00",
            "hlc": f"{int(time.time() * 1000):013d}.0000.{device}",
            "body": {"id": new_id(), "candidate_id": "x", "day": "2026-08-20"}, **changes}


@pytest.mark.parametrize(("what", "field"), [
    ("since", "since"), ("limit", "limit"), ("pending", "pending"), ("seq", "seq"),
    ("nesting", "body"), ("hlc", "hlc"),
])
def test_a_malformed_number_or_nesting_is_a_400_naming_the_field(
        hub: Hub, what: str, field: str) -> None:
    huge = "99999999999999999999999"
    if what in ("since", "limit"):
        status, answer = _raw(hub, "GET", f"/api/pull?{what}={huge}")
    elif what == "pending":
        status, answer = _raw(hub, "POST", "/api/push", _push_body(_checkin(hub), 2**63))
    elif what == "seq":
        status, answer = _raw(hub, "POST", "/api/push", _push_body(_checkin(hub, seq=2**63)))
    elif what == "hlc":
        status, answer = _raw(hub, "POST", "/api/push",
                              _push_body(_checkin(hub, hlc="9999999999999.10000.x")))
    else:
        nested: Any = 1
        for _ in range(300):
            nested = [nested]
        op = _checkin(hub)
        op["body"]["deep"] = nested
        status, answer = _raw(hub, "POST", "/api/push", _push_body(op))
    assert status == 400, answer
    assert answer.get("field") == field, answer
    assert field in answer["message"]


def test_a_far_future_stamp_is_refused_naming_the_op(hub: Hub) -> None:
    op = _checkin(hub, hlc=f"9999999999999.9999.{_device_id(hub)}")
    status, answer = _raw(hub, "POST", "/api/push", _push_body(op))
    assert status == 400 and answer["code"] == "clock_ahead", answer
    assert op["op_id"] in answer["message"] and answer["op_id"] == op["op_id"]
    with hub.client() as client, pytest.raises(RejectedByHub, match="ahead"):
        from fairdesk.sync.wire import op_from_wire
        client.push([op_from_wire(op)])


def test_the_hub_still_works_after_all_that(hub: Hub) -> None:
    assert _ping_seconds(hub) < 3.0
    with hub.client() as client:
        try:
            client.pull(0)
        except FairDeskError as error:  # pragma: no cover - the assertion says why
            pytest.fail(str(error))
