"""The kiosk in a real window: xdotool types invitation codes at scanner speed (issue 17).

An invitation code typed at 6 ms a key checks its candidate in and prints one
badge PDF into the print folder; the same code again says "already checked in
at HH:MM" and prints nothing; an altered code and another event's code are
refused with the desk pointed to. Needs ``Xvfb`` and ``xdotool``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.realwindow.xwindow import HarnessApp, xvfb

HARNESS = Path(__file__).with_name("kiosk_harness.py")
SCANNER_DELAY = 6

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    yield from xvfb()


class Kiosk(HarnessApp):
    def __init__(self, display: str, work: Path) -> None:
        super().__init__(display, work, HARNESS, what="kiosk")
        self.codes = {k: str(v) for k, v in self.ready.items()}
        self.focus("Self check-in")

    def scan(self, text: str) -> None:
        self.xdotool("type", "--delay", str(SCANNER_DELAY), text)
        self.xdotool("key", "Return")


@pytest.fixture(scope="module")
def kiosk(display: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kiosk]:
    made = Kiosk(display, tmp_path_factory.mktemp("xkiosk"))
    yield made
    made.close()


def test_an_invitation_scanned_checks_in_and_prints_one_badge(kiosk: Kiosk) -> None:
    assert kiosk.state()["full_screen"]
    kiosk.scan(kiosk.codes["payload"])
    state = kiosk.wait_for(lambda s: "welcome@0" in s["seen"], "the welcome screen")
    assert state["names"] == ["Marcellus Alexis"]  # and nothing recorded yet (@0)
    # nobody presses anything: the badge prints by itself after a few seconds
    state = kiosk.wait_for(lambda s: s["printed"] == ["C-0002.pdf"], "the badge PDF",
                           timeout=30)
    state = kiosk.wait_for(lambda s: "done@1" in s["seen"], "Take your badge")
    assert state["checkins"] == 1
    after = [screen.split("@")[0] for screen in state["seen"]]
    after = after[after.index("welcome"):]
    assert after[:3] == ["welcome", "printing", "done"] or after[:2] == ["welcome", "done"]
    pdf = kiosk.work / "printed" / "C-0002.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_same_code_again_says_when_and_prints_nothing(kiosk: Kiosk) -> None:
    kiosk.wait_for(lambda s: s["checkins"] == 1, "the first check-in", timeout=30)
    kiosk.scan(kiosk.codes["payload"])
    state = kiosk.wait_for(lambda s: s["code"] == "already_checked_in", "the refusal")
    assert re.search(r"already checked in at \d\d:\d\d", state["sentence"]), state
    assert state["title"] == "Please see the registration desk."
    time.sleep(1)
    state = kiosk.state()
    assert state["printed"] == ["C-0002.pdf"] and state["checkins"] == 1


@pytest.mark.parametrize(("which", "code", "sentence"), [
    ("forged", "forged_badge", "This code could not be verified."),
    ("foreign", "foreign_badge", "This invitation is for another event."),
])
def test_forged_and_other_event_codes_are_refused(kiosk: Kiosk, which: str, code: str,
                                                  sentence: str) -> None:
    kiosk.scan(kiosk.codes[which])
    state = kiosk.wait_for(lambda s: s["code"] == code, f"the {which} refusal")
    assert state["sentence"] == sentence
    assert state["title"] == "Please see the registration desk."
    assert state["printed"] == ["C-0002.pdf"] and state["checkins"] == 1
