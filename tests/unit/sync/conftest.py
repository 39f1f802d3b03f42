"""A small event served by a real hub on loopback, and devices paired with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.devices import invite
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession, open_session
from fairdesk.services.sync import join


@pytest.fixture
def fair(tmp_path: Path) -> Iterator[EventSession]:
    """An organizer file: 30 candidates, 3 employers, visits and check-ins."""
    session = build_demo(tmp_path / "hub.fairdesk", DemoSpec(30, 3, seed=4, resumes=True))
    yield session
    session.close()


@pytest.fixture
def hub(fair: EventSession) -> Iterator[HubServer]:
    server = HubServer(fair.store.path or Path(), port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pair(fair: EventSession, hub: HubServer, tmp_path: Path) -> Callable[..., Path]:
    """``pair("booth", employer_index=0)`` → the path of a joined device file."""
    count = [0]

    def make(role: str, employer_index: int = 0, desk: int | None = None) -> Path:
        employer = all_employers(fair)[employer_index].id if role == "booth" else None
        made = invite(fair, role, hub.url, employer=employer, desk=desk)
        count[0] += 1
        path = tmp_path / f"{role}{count[0]}.fairdesk"
        join(path, made.code, f"{role} {count[0]}")
        return path

    return make


@pytest.fixture
def device() -> Iterator[Callable[..., EventSession]]:
    opened: list[EventSession] = []

    def open_(path: Path, **kwargs: object) -> EventSession:
        session = open_session(path, **kwargs)  # type: ignore[arg-type]
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.close()
