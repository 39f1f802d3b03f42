"""A kiosk in a real X session (Xvfb), opened the way ``fairdesk open --role kiosk`` does.

Run as ``python kiosk_harness.py WORKDIR``. It makes a small event and opens
it through the app's own factory (full screen, camera looked for, printing to
``WORKDIR/printed``), and writes ``WORKDIR/state.json`` whenever what a test
looks at changes: the screen, its title and sentence, the refusal's code, the
badges in the print folder and the number of check-ins. ``WORKDIR/ready.json``
carries C-0002's invitation code, an altered copy of it and another event's code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fairdesk import app as fairdesk_app
from fairdesk.services import badges
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.candidates import add_candidate, find_candidate
from fairdesk.services.events import create_event
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.kiosk.window import KioskWindow
from tests.realwindow.xwindow import publish_state


def _codes(work: Path) -> dict[str, str]:
    session = create_event(work / "fair.fairdesk", "Xvfb Fair", venue="Hall A")
    for i, (first, last) in enumerate([("Aurelie", "Joseph"), ("Marcellus", "Alexis")]):
        add_candidate(session, first_name=first, last_name=last, email=f"p{i}@example.org")
    good = badges.payload_for(session, find_candidate(session, "C-0002"))
    session.close()
    other = create_event(work / "other.fairdesk", "Other Fair")
    stranger = add_candidate(other, first_name="Zed", last_name="Other")
    foreign = badges.payload_for(other, stranger)
    other.close()
    middle = len(good) // 2
    forged = good[:middle] + ("B" if good[middle] == "A" else "A") + good[middle + 1:]
    return {"payload": good, "forged": forged, "foreign": foreign}


def main(work: Path) -> int:
    codes = _codes(work)
    qt = fairdesk_app.application(AppSettings(work / "settings.json"))
    window = fairdesk_app.open_window(OpenRequest(work / "fair.fairdesk", "kiosk"),
                                      AppSettings(work / "settings.json"), work / "printed")
    assert isinstance(window, KioskWindow)
    window.show()
    window.activateWindow()
    presenter = window.presenter
    seen: list[str] = []  # every screen shown, in order (a slow test may poll past one)
    names: list[str] = []  # every name a welcome screen showed

    def read() -> dict[str, object]:
        printed = sorted(p.name for p in (work / "printed").glob("*.pdf")) \
            if (work / "printed").exists() else []
        view = presenter.view
        checked_in = int(presenter.session.store.scalar("SELECT COUNT(*) FROM checkins"))
        if not seen or seen[-1].split("@")[0] != view.screen:
            seen.append(f"{view.screen}@{checked_in}")  # the check-ins when it showed
        if window.name.text() and (not names or names[-1] != window.name.text()):
            names.append(window.name.text())
        return {"screen": view.screen, "title": window.title.text(),
                "sentence": window.sentence.text(), "name": window.name.text(),
                "code": presenter.code, "printed": printed,
                "checkins": checked_in,
                "full_screen": bool(window.isFullScreen()),
                "seen": list(seen), "names": list(names)}

    _timer = publish_state(work, read)  # kept alive while the app runs
    (work / "ready.json").write_text(json.dumps(codes))
    code = qt.exec()
    fairdesk_app.close_sessions()
    return code


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
