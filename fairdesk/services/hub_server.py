"""Running the hub: the socket, the HTTPS server on its own event-loop thread,
and the command line's ``serve`` (:class:`HubServer` for the app and tests).

The database side of every request is :class:`fairdesk.services.hub.Hub`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from fairdesk.services import devices
from fairdesk.services.hub import Hub
from fairdesk.services.session import Clock, utc_now
from fairdesk.storage import EventStore, open_event_file, oplog
from fairdesk.sync import server, tls
from fairdesk.sync.doorman import HEADER_TIMEOUT_S, Doorman

log = logging.getLogger(__name__)


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


async def start_hub(path: Path, sock: socket.socket, clock: Clock = utc_now,
                    cap: int | None = None) -> tuple[web.AppRunner, str]:
    """Start serving ``path`` on ``sock``; returns the runner and the fingerprint.

    ``cap``: the most connections held open at once (``None``: below the
    process's file-descriptor limit, :func:`fairdesk.sync.doorman.connection_cap`).
    """
    store = open_event_file(path)
    oplog.heal_now(store)  # a poisoned stamp is healed before a push projects on it
    hub = Hub(store, clock)
    cert, key, fingerprint = devices.certificate(store)
    runner: web.AppRunner | None = None
    door = Doorman(lambda: _protocol(runner), tls.server_context(cert, key), cap)
    app = server.make_app(hub, door)
    app.on_shutdown.append(lambda _app: door.stop())
    app.on_cleanup.append(lambda _app: _close(store))
    # aiohttp's keep-alive timer runs from a connection's first byte until a whole
    # request arrived: the header-read timeout (a slow client is dropped by it)
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=HEADER_TIMEOUT_S)
    await runner.setup()
    door.start(sock)
    return runner, fingerprint


def _protocol(runner: web.AppRunner | None) -> asyncio.Protocol:
    assert runner is not None and runner.server is not None, "the runner is set up first"
    return runner.server()


async def _close(store: EventStore) -> None:
    store.close()


def serve(path: Path, host: str, port: int,
          on_ready: Callable[[str, str], None] = lambda url, fp: None,
          stop: asyncio.Event | None = None) -> None:
    """Run the hub until SIGINT/SIGTERM (or ``stop``); ``on_ready(url, fingerprint)``."""
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host

    async def main() -> None:
        done = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, done.set)
        runner, fingerprint = await start_hub(path, sock)
        on_ready(f"https://{shown}:{sock.getsockname()[1]}", fingerprint)
        try:
            await done.wait()
        finally:
            await runner.cleanup()

    asyncio.run(main())


class HubServer:
    """The hub on a background thread (the organizer console's "Start hub", tests)."""

    def __init__(self, path: Path, host: str = "127.0.0.1", port: int = 8765,
                 cap: int | None = None) -> None:
        self.path, self.host, self.port, self.cap = Path(path), host, port, cap
        self.url = ""
        self.fingerprint = ""
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> str:
        """Start serving; returns the URL once the hub listens (raises what it raised)."""
        sock = bind(self.host, self.port)
        self._thread = threading.Thread(target=self._run, args=(sock,), daemon=True,
                                        name="fairdesk-hub")
        self._thread.start()
        self._ready.wait(timeout)
        if self._error is not None:
            raise self._error
        return self.url

    def _run(self, sock: socket.socket) -> None:
        async def main() -> None:
            self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
            try:
                runner, self.fingerprint = await start_hub(self.path, sock, cap=self.cap)
            except BaseException as error:
                self._error = error
                self._ready.set()
                raise
            self.url = f"https://{self.host}:{sock.getsockname()[1]}"
            self._ready.set()
            await self._stop.wait()
            await runner.cleanup()

        with contextlib.suppress(Exception):
            asyncio.run(main())

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):  # already stopped
                self._loop.call_soon_threadsafe(self._stop.set)
            self._loop = None
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None
