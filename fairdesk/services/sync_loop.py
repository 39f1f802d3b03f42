"""Sync in the background: push and pull every few seconds, backing off while
the hub cannot be reached, never blocking the GUI.

The loop runs in its own thread with its own database connection (SQLite
connections never cross threads). It reports a :class:`SyncStatus` through
``on_status`` *from that thread*; a Qt adapter (``fairdesk.ui.common.sync_status``)
carries it to the GUI thread with a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from fairdesk.domain.errors import FairDeskError, HubUnreachable
from fairdesk.services.session import Clock, utc_now
from fairdesk.services.sync import client_for, last_sync, pending_count, sync_once
from fairdesk.storage import EventStore, open_event_file

State = Literal["starting", "syncing", "ok", "offline", "refused", "stopped"]


@dataclass(frozen=True)
class SyncStatus:
    state: State
    last_sync: datetime | None = None
    pending: int = 0
    error: str = ""
    retry_in: float = 0.0
    code: str = ""  # the refusal's FairDeskError code when state is "refused" ("seq_clash")

    def summary(self) -> str:
        when = self.last_sync.astimezone().strftime("%H:%M:%S") if self.last_sync else "never"
        text = f"Synced {when} · {self.pending} pending"
        if self.state in ("offline", "refused"):
            text += f" · {self.error} (retry in {self.retry_in:.0f} s)"
        return text


class SyncLoop:
    """``start()``/``stop()``; ``status`` is safe to read from any thread."""

    def __init__(self, path: Path | str, *, interval: float = 5.0, max_backoff: float = 60.0,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 clock: Clock = utc_now, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.interval = interval
        self.max_backoff = max_backoff
        self.on_status = on_status or (lambda status: None)
        self.clock = clock
        self.timeout = timeout
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = SyncStatus("starting")
        self._renumber = False
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="fairdesk-sync", daemon=True)
            self._thread.start()

    def sync_now(self) -> None:
        """Do a round at once (after a local change, or the user asked)."""
        self._wake.set()

    def renumber_next_round(self) -> None:
        """The user says this file was restored from a backup and is not in use
        elsewhere: the next round (only that one) sends its unsent ops under new
        numbers (``sync_once(..., renumber=True)``); starts it at once."""
        with self._lock:
            self._renumber = True
        self.sync_now()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_in_this_thread(self) -> None:
        """Blocking (``fairdesk sync`` without ``--once``), until Ctrl-C."""
        try:
            self._run()
        except KeyboardInterrupt:
            self._stop.set()

    # ------------------------------------------------------------ the worker
    def _run(self) -> None:
        store = open_event_file(self.path)
        try:
            self._publish(SyncStatus("starting", last_sync(store), pending_count(store)))
            delay = self.interval
            while not self._stop.is_set():
                delay = self._round(store, delay)
                self._wake.wait(delay)
                self._wake.clear()
        finally:
            store.close()
            self._publish(replace(self.status, state="stopped", code=""))

    def _round(self, store: EventStore, delay: float) -> float:
        """One round; returns the wait before the next (doubled while failing)."""
        with self._lock:  # taken by this round whatever happens: one renumber per "yes"
            renumber, self._renumber = self._renumber, False
        self._publish(replace(self.status, state="syncing", pending=pending_count(store), code=""))
        try:
            with client_for(store, self.timeout) as client:
                report = sync_once(store, client, self.clock, renumber)
        except HubUnreachable as error:
            wait = min(max(delay * 2, self.interval), self.max_backoff)
            self._failed(store, "offline", error.message, wait)
            return wait
        except FairDeskError as error:
            self._failed(store, "refused", error.message, self.max_backoff, error.code)
            return self.max_backoff
        self._publish(SyncStatus("ok", last_sync(store), report.pending))
        return self.interval

    def _failed(self, store: EventStore, state: State, message: str, wait: float,
                code: str = "") -> None:
        self._publish(SyncStatus(state, last_sync(store), pending_count(store), message, wait,
                                 code))

    def _publish(self, status: SyncStatus) -> None:
        with self._lock:
            self._status = status
        self.on_status(status)
