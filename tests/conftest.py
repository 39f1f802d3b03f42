"""Shared fixtures. Qt runs offscreen; Qt warnings fail tests (pyproject)."""

from __future__ import annotations

import os
from pathlib import Path

# Offscreen, on a 1920×1080 screen: Qt's default offscreen screen is 800×800,
# smaller than the desk and the tablets, and windows open within their screen.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _SCREEN = Path(__file__).with_name("offscreen_screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from fairdesk.services.events import create_event
from fairdesk.services.session import EventSession

# shared/ lies beside the checkout, in development and in CI alike
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


class FakeClock:
    """A clock the test moves by hand. Starts 2026-08-20 09:30 at the venue (UTC-4)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 8, 20, 13, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(tmp_path: Path, clock: FakeClock) -> Iterator[EventSession]:
    """A new empty event on disk, organizer role, with a fake clock."""
    s = create_event(tmp_path / "fair.fairdesk", "Test Fair", venue="Hall A", clock=clock)
    yield s
    s.close()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.exists():
        pytest.skip("shared/samples is not beside this checkout")
    return SAMPLES


@pytest.fixture
def make_people(session: EventSession) -> Callable[..., list[str]]:
    """Add ``n`` roster candidates; returns their ids."""
    from fairdesk.services.candidates import add_candidate

    def make(n: int = 3) -> list[str]:
        names = [("Kerlisha", "Joseph"), ("Désirée", "O'Neil"), ("Marie", "Jn Baptiste"),
                 ("Léon", "St. Rose"), ("Akeem", "Fontenelle")]
        out = []
        for i in range(n):
            first, last = names[i % len(names)]
            person = add_candidate(session, first_name=first, last_name=last,
                                   email=f"p{i}@example.org", phone=f"+1758555{i:04d}",
                                   consent=i % 4 != 3)
            out.append(person.id)
        return out

    return make


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another program listens on (for "port taken" tests)."""
    import socket

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield int(other.getsockname()[1])


@pytest.fixture
def older_event() -> Callable[[Path, int], Path]:
    """Write an event file as FairDesk made it at schema ``version`` (its migrations up
    to that one), with an event, two employers and two candidates; closed, no -wal."""
    from fairdesk.storage.store import new_store

    def make(path: Path, version: int) -> Path:
        store = new_store(path, upto=version)
        store.execute("INSERT INTO event (id, name, venue, created_at, public_key) "
                      "VALUES ('e1', 'Old Fair', 'Old Hall', '2025-03-01T12:00:00Z', x'00')")
        store.execute("INSERT INTO employers (id, name, booth) "
                      "VALUES ('m10', 'Zephyr BPO', '10'), ('m2', 'Acme Calls', '2')")
        store.execute("INSERT INTO candidates (id, ref, created_at) "
                      "VALUES ('c1', 'C-0001', '2025-03-01'), ('c2', 'C-0002', '2025-03-01')")
        store.close()
        return path

    return make
