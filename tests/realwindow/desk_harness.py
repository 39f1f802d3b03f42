"""A desk (or booth) window in a real X session (Xvfb), for xdotool to type into.

Run as ``python desk_harness.py WORKDIR [desk|booth]``. The booth variant
shows a visited candidate's card with the keyboard focus in its notes, and
writes the notes and the visit count. It makes a small event, opens the
desk printing to ``WORKDIR/printed``, and writes ``WORKDIR/state.json`` whenever
something a test looks at changes: the search text, the walk-in form's first
name, the banner, the printed badges. ``WORKDIR/ready.json`` carries the badge
payload of C-0002 for the test to "scan".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit

from fairdesk.services import badges
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.candidates import add_candidate, find_candidate
from fairdesk.services.events import create_event
from fairdesk.ui.desk.walk_in_dialog import CandidateDialog
from fairdesk.ui.desk.window import desk_window
from tests.realwindow.xwindow import publish_state


def booth(app: QApplication, work: Path) -> int:
    from fairdesk.services.employers import add_employer
    from fairdesk.services.visits import visit_rows
    from fairdesk.ui.booth.presenters.booth import BoothPresenter
    from fairdesk.ui.booth.window import BoothWindow
    from fairdesk.ui.common.camera import ImageFrameSource, SuccessSound

    session = create_event(work / "fair.fairdesk", "Xvfb Fair", venue="Hall A")
    ids = [add_candidate(session, first_name=first, last_name="Joseph", consent=True,
                         email=f"b{i}@example.org").id
           for i, first in enumerate(["Aurelie", "Marcellus"])]
    acme = add_employer(session, "Acme Contact", booth="B1")
    session.role, session.employer_id = "booth", acme.id
    window = BoothWindow(BoothPresenter(session), source=ImageFrameSource(),
                         sound=SuccessSound(enabled=False), pin_prompt=lambda parent: None)
    window.setWindowTitle("FairDesk Xvfb booth")
    window.resize(1280, 800)
    window.show()
    window.presenter.scan(badges.payload_for(session, find_candidate(session, "C-0001")))
    window.card.notes.setFocus()
    payload = badges.payload_for(session, find_candidate(session, "C-0002"))

    def read() -> dict[str, object]:
        return {"notes": window.card.notes.toPlainText(), "visits": len(visit_rows(session)),
                "name": window.card.name.text(), "ids": ids}

    _timer = publish_state(work, read)  # kept alive while the app runs
    (work / "ready.json").write_text(json.dumps({"payload": payload}))
    code = app.exec()
    session.close()
    return code


def main(work: Path, role: str = "desk") -> int:
    app = QApplication(sys.argv)
    if role == "booth":
        return booth(app, work)
    session = create_event(work / "fair.fairdesk", "Xvfb Fair", venue="Hall A")
    for i, (first, last) in enumerate([("Aurelie", "Joseph"), ("Marcellus", "Alexis"),
                                       ("Kimron", "François")]):
        add_candidate(session, first_name=first, last_name=last, email=f"p{i}@example.org",
                      phone=f"+1758555{i:04d}", consent=True)
    session.desk = 1
    window = desk_window(session, AppSettings(work / "settings.json"), work / "printed")
    window.setWindowTitle("FairDesk Xvfb desk")
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    window.search.setFocus()
    payload = badges.payload_for(session, find_candidate(session, "C-0002"))

    def read() -> dict[str, object]:
        modal = QApplication.activeModalWidget()
        first = ""
        if isinstance(modal, CandidateDialog):
            field = modal.inputs["first_name"]
            first = field.text() if isinstance(field, QLineEdit) else ""
        printed = sorted(p.name for p in (work / "printed").glob("*.pdf")) \
            if (work / "printed").exists() else []
        return {"search": window.search.text(), "first_name": first,
                "walk_in_open": isinstance(modal, CandidateDialog),
                "banner": window.banner.text(), "level": window.banner.property("level"),
                "printed": printed}

    _timer = publish_state(work, read)  # kept alive while the app runs
    (work / "ready.json").write_text(json.dumps({"payload": payload}))
    code = app.exec()
    session.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), *sys.argv[2:3]))
