"""Keys from the window system, not synthetic events: xdotool types into a desk and a booth.

Offscreen tests hand Qt ready-made key events; a real X server stamps each key
press itself and delivers it through the event loop, squeezed together when
the desk is busy. Here names are typed at 40, 60, 100 and 150 ms a key (a person)
and a badge payload at 6 ms (a scanner): every name must arrive whole, and the
payload must check its candidate in.

Needs ``Xvfb`` and ``xdotool`` (``.ci/run`` installs both and sets
``FAIRDESK_REQUIRE_XVFB=1``, which turns a missing tool into a failure).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.realwindow.xwindow import HarnessApp, xvfb

HARNESS = Path(__file__).with_name("desk_harness.py")
HUMAN_DELAYS = [40, 60, 100, 150]
SCANNER_DELAY = 6

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    yield from xvfb()


class Desk(HarnessApp):
    def __init__(self, display: str, work: Path, role: str = "desk") -> None:
        super().__init__(display, work, HARNESS, role, what=role)
        self.role = role
        self.payload = str(self.ready["payload"])
        self.focus()

    def focus(self, title: str = "") -> None:
        super().focus(title or f"FairDesk Xvfb {self.role}")

    def type(self, text: str, delay_ms: int) -> None:
        self.xdotool("type", "--delay", str(delay_ms), text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "80", *keys)


@pytest.fixture(scope="module")
def desk(display: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    made = Desk(display, tmp_path_factory.mktemp("xdesk"))
    yield made
    made.close()


@pytest.mark.parametrize("delay", HUMAN_DELAYS)
def test_a_name_typed_into_the_desk_search_arrives_whole(desk: Desk, delay: int) -> None:
    desk.type("Aurelie", delay)
    state = desk.wait_for(lambda s: s["search"] == "Aurelie", f"'Aurelie' at {delay} ms")
    time.sleep(0.3)  # a scan verdict would have emptied the field by now
    state = desk.state()
    assert state["search"] == "Aurelie" and state["level"] != "error", state
    desk.key("Escape")
    desk.wait_for(lambda s: s["search"] == "", "the search cleared")


@pytest.mark.parametrize("delay", HUMAN_DELAYS)
def test_a_name_typed_into_the_walk_in_form_arrives_whole(desk: Desk, delay: int) -> None:
    desk.focus()  # no window manager hands it back when the last form closed
    desk.key("ctrl+n")
    desk.wait_for(lambda s: s["walk_in_open"], "the walk-in form")
    time.sleep(0.3)  # the form takes focus on its first field once it is shown
    desk.type("Marcellus", delay)
    desk.wait_for(lambda s: s["first_name"] == "Marcellus", f"'Marcellus' at {delay} ms")
    desk.key("Escape")
    desk.wait_for(lambda s: not s["walk_in_open"], "the walk-in form closed", timeout=10)


def test_a_badge_typed_at_scanner_speed_checks_its_candidate_in(desk: Desk) -> None:
    desk.focus()
    desk.type(desk.payload, SCANNER_DELAY)
    desk.key("Return")
    state = desk.wait_for(lambda s: "C-0002.pdf" in s["printed"], "the badge of C-0002",
                          timeout=60)
    assert "FD1" not in state["search"]


@pytest.fixture(scope="module")
def booth(display: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    made = Desk(display, tmp_path_factory.mktemp("xbooth"), role="booth")
    yield made
    made.close()


@pytest.mark.parametrize("delay", HUMAN_DELAYS)
def test_notes_typed_at_the_booth_arrive_whole(booth: Desk, delay: int) -> None:
    booth.focus()
    booth.wait_for(lambda s: s["visits"] == 1, "the first visit")
    booth.type("Great English", delay)
    booth.wait_for(lambda s: s["notes"] == "Great English", f"the notes at {delay} ms")
    booth.key("ctrl+a", "BackSpace")
    booth.wait_for(lambda s: s["notes"] == "", "the notes cleared")


def test_a_badge_scanned_at_the_booth_records_a_visit_not_a_note(booth: Desk) -> None:
    booth.focus()
    booth.type(booth.payload, SCANNER_DELAY)
    booth.key("Return")
    state = booth.wait_for(lambda s: s["visits"] == 2, "the second visit", timeout=30)
    assert "FD1" not in state["notes"].upper()
