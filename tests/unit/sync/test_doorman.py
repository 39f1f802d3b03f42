"""The hub's cap on open connections (the doorman, issue 13), on a real hub with a
small cap: at the cap the oldest connection that never authenticated makes
room for a new one, a paired device's connection is never dropped, a newcomer
is closed when every connection is a paired device's, and clients are served
again once connections go. The cap itself sits below the descriptor limit."""

from __future__ import annotations

import resource
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.storage import open_event_file
from fairdesk.sync import doorman

CAP = 4
PROMPTLY_S = 2.0  # well below the hub's own timeouts (handshake 5 s, headers 10 s)


@pytest.fixture
def hub(fair: EventSession) -> Iterator[HubServer]:
    """The conftest's hub (``pair`` uses this one), with room for :data:`CAP`."""
    server = HubServer(fair.store.path or Path(), port=0, cap=CAP)
    server.start()
    yield server
    server.stop()


def _port(hub: HubServer) -> int:
    return int(hub.url.rsplit(":", 1)[1])


def _tls(port: int) -> ssl.SSLSocket:
    """A TLS connection to the hub, handshake done; raises if the hub closes it."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=PROMPTLY_S)
    try:
        return context.wrap_socket(raw)
    except BaseException:
        raw.close()
        raise


def _status(conn: ssl.SSLSocket, token: str = "") -> int:
    """``GET /api/ping`` on a kept-alive connection: the answer's status."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    conn.sendall(f"GET /api/ping HTTP/1.1\r\nHost: hub\r\n{auth}\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        assert chunk, f"the hub closed the connection instead of answering: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += conn.recv(4096)
    return int(head.split(b" ")[1])


def _dropped(conn: ssl.SSLSocket, within: float = PROMPTLY_S) -> bool:
    """Whether the hub closes this idle connection within ``within`` seconds."""
    conn.settimeout(within)
    try:
        return conn.recv(1) == b""
    except TimeoutError:
        return False
    except (OSError, ssl.SSLError):
        return True


def test_at_the_cap_the_oldest_idle_connection_makes_room(hub: HubServer) -> None:
    port, extra = _port(hub), 3
    held = [_tls(port) for _ in range(CAP)]
    newcomers = []
    for n in range(extra):
        newcomers.append(_tls(port))  # accepted: the oldest idle one was dropped for it
        assert _dropped(held[n]), f"connection {n + 1} of {CAP} was not dropped at the cap"
    try:
        alive = held[extra:] + newcomers
        assert len(alive) == CAP
        assert not [c for c in alive if _dropped(c, 0.3)], "the cap dropped more than it had to"
        assert _status(newcomers[-1]) == 401  # served (no token: refused by the API, not the door)
    finally:
        for conn in held + newcomers:
            conn.close()


def test_a_newcomer_is_closed_when_every_connection_is_a_paired_devices(
        hub: HubServer, pair: Callable[..., Path]) -> None:
    store = open_event_file(pair("desk", desk=1))
    token = str(store.setting("hub_token"))
    store.close()
    port = _port(hub)
    devices = [_tls(port) for _ in range(CAP)]
    try:
        assert [_status(conn, token) for conn in devices] == [200] * CAP  # now trusted
        started = time.monotonic()
        with pytest.raises((OSError, ssl.SSLError)):
            _tls(port).close()  # the door closes it: no connection it may drop
        assert time.monotonic() - started < PROMPTLY_S
        assert [_status(conn, token) for conn in devices] == [200] * CAP  # none was dropped
        devices.pop(0).close()
        assert _served_again(port, token)
    finally:
        for conn in devices:
            conn.close()


def _served_again(port: int, token: str) -> bool:
    """A new client is answered once a connection has gone (the hub notices the
    close a moment later)."""
    deadline = time.monotonic() + PROMPTLY_S
    while time.monotonic() < deadline:
        try:
            conn = _tls(port)
        except (OSError, ssl.SSLError):
            time.sleep(0.05)
            continue
        with conn:
            return _status(conn, token) == 200
    return False


@pytest.mark.parametrize(("soft", "cap"), [
    (1024, 928),  # the Debian desktop default, less 96 kept for the file, logs, work
    (200, 104),
    (100, 16),  # a floor, however low the limit
    (1_000_000, doorman.MAX_CONNECTIONS),
    (resource.RLIM_INFINITY, doorman.MAX_CONNECTIONS),
])
def test_the_cap_stays_below_the_descriptor_limit(
        monkeypatch: pytest.MonkeyPatch, soft: int, cap: int) -> None:
    monkeypatch.setattr(doorman.resource, "getrlimit", lambda _which: (soft, soft))
    assert doorman.connection_cap() == cap
