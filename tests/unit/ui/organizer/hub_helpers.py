"""A stand-in for the sync hub, for the Devices screen's tests: it opens no socket."""

from __future__ import annotations

from typing import ClassVar


class FakeHub:
    """Pretends to serve: ``start`` gives ``url`` and the hub is then ``running``.

    ``url`` is where it was asked to listen (port 0 becomes 43210) unless a test
    names one. ``made`` records every (host, port) asked for; clear it first.
    """

    made: ClassVar[list[tuple[str, int]]] = []

    def __init__(self, host: str, port: int, url: str = "") -> None:
        FakeHub.made.append((host, port))
        self.url, self._running = url or f"https://{host}:{port or 43210}", False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> str:
        self._running = True
        return self.url

    def stop(self) -> None:
        self._running = False
