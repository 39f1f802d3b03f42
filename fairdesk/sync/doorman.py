"""The hub's door: accepts TLS connections so that slow or junk clients cannot
starve the paired devices (issue 13).

- **TLS handshake timeout** (:data:`HANDSHAKE_TIMEOUT_S`); the header-read
  timeout is aiohttp's keep-alive timer, which runs from the first byte of a
  connection until a whole request has arrived (``HEADER_TIMEOUT_S``, set by
  the hub on its runner).
- **A cap on open connections** below the process's file-descriptor limit
  (the Debian desktop default is 1,024): when it is reached, the oldest
  connection that has not yet made an authenticated request is dropped to
  make room (a paired device's request takes milliseconds, a slow client's
  minutes), so the hub never runs out of descriptors and keeps accepting.
- :meth:`Doorman.trust` marks a connection whose request was authenticated;
  such a connection is never dropped for room.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import resource
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)
HANDSHAKE_TIMEOUT_S = 5.0
HEADER_TIMEOUT_S = 10.0
RESERVED_FDS = 96  # the event file, its WAL, logs, résumé work, and headroom
MAX_CONNECTIONS = 4096


def connection_cap() -> int:
    """How many connections the hub keeps open at most (below the fd limit)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    limit = soft if soft != resource.RLIM_INFINITY else MAX_CONNECTIONS * 2
    return max(16, min(MAX_CONNECTIONS, limit - RESERVED_FDS))


@dataclass(eq=False)
class _Conn:
    sock: socket.socket
    task: asyncio.Task[None] | None = None
    transport: asyncio.BaseTransport | None = None
    protocol: object | None = None
    trusted: bool = False

    def closed(self) -> bool:
        if self.transport is not None:
            return self.transport.is_closing()
        return self.task is not None and self.task.done()

    def drop(self) -> None:
        if self.transport is not None:
            abort = getattr(self.transport, "abort", None)
            (abort or self.transport.close)()
        elif self.task is not None:
            self.task.cancel()  # during the handshake: its transport is closed


class Doorman:
    """Accept connections on a listening socket for ``factory`` (aiohttp's server)."""

    def __init__(self, factory: Callable[[], asyncio.Protocol], context: ssl.SSLContext,
                 cap: int | None = None) -> None:
        self._factory, self._context = factory, context
        self.cap = cap or connection_cap()
        self._conns: dict[int, _Conn] = {}  # by id, in the order accepted
        self._by_protocol: dict[int, _Conn] = {}
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0

    def start(self, listening: socket.socket) -> None:
        listening.setblocking(False)
        listening.listen(512)
        self._task = asyncio.get_running_loop().create_task(self._accept(listening))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for conn in list(self._conns.values()):
            if conn.transport is None:
                conn.drop()

    def trust(self, protocol: object) -> None:
        conn = self._by_protocol.get(id(protocol))
        if conn is not None:
            conn.trusted = True

    def trusted(self, protocol: object) -> bool:
        conn = self._by_protocol.get(id(protocol))
        return conn is not None and conn.trusted

    @property
    def open_count(self) -> int:
        return len(self._conns)

    async def _accept(self, listening: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                sock, _ = await loop.sock_accept(listening)
            except OSError as error:
                if error.errno not in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    raise
                self._sweep()
                self._make_room()
                await asyncio.sleep(0.05)
                continue
            if len(self._conns) >= self.cap:
                self._sweep()
            if len(self._conns) >= self.cap and not self._make_room():
                sock.close()  # every connection is a paired device's: none to drop
                continue
            conn = _Conn(sock)
            self._conns[id(conn)] = conn
            conn.task = loop.create_task(self._open(conn))

    async def _open(self, conn: _Conn) -> None:
        loop = asyncio.get_running_loop()
        try:
            transport, protocol = await loop.connect_accepted_socket(
                self._factory, conn.sock, ssl=self._context,
                ssl_handshake_timeout=HANDSHAKE_TIMEOUT_S)
        except (TimeoutError, OSError, ssl.SSLError, ValueError):
            self._forget(conn)
            conn.sock.close()
            return
        except asyncio.CancelledError:
            self._forget(conn)
            conn.sock.close()
            raise
        conn.transport, conn.protocol = transport, protocol
        self._by_protocol[id(protocol)] = conn

    def _forget(self, conn: _Conn) -> None:
        self._conns.pop(id(conn), None)
        if conn.protocol is not None:
            self._by_protocol.pop(id(conn.protocol), None)

    def _sweep(self) -> None:
        for conn in [c for c in self._conns.values() if c.closed()]:
            self._forget(conn)

    def _make_room(self) -> bool:
        """Drop the oldest connection not yet trusted; ``False``: none to drop."""
        victim = next((c for c in self._conns.values() if not c.trusted), None)
        if victim is None:
            return False
        self._forget(victim)
        victim.drop()
        self.dropped += 1
        if self.dropped % 100 == 1:
            log.warning("connections at the cap (%d): dropped the oldest unauthenticated "
                        "one (%d so far)", self.cap, self.dropped)
        return True
