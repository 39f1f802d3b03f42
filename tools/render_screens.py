"""Render every main screen to PNG with the demo event (for the README and for review).

    python tools/render_screens.py [--out docs/screens] [--only PREFIX ...]

``--only organizer-devices booth`` renders just the shots whose names start
with one of the prefixes (the rest of the scene is still built, not saved).

Runs offscreen unless DISPLAY is set (``xvfb-run -a python tools/render_screens.py``
shows real windows). Desk shots are 1366x768, booth 1280x800, organizer 1280x800;
each kiosk screen is saved twice, at 1920x1080 and 1280x800 (``kiosk-N-what-WxH``).

The shots are real: the booth scans signed badges and rates through its
presenter; for the paired shots a hub starts on a free loopback port, a desk
and two booths join it, a booth's visit of a walk-in the desk has not synced
is parked on the hub, and a joined booth runs the app's own sync loop (online,
then offline with changes waiting once the hub stops). The Devices page shows
a sample venue address (SAMPLE_LAN), never this machine's own, and its hub
listens on loopback only.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BOOTH, DESK, ORGANIZER = (1280, 800), (1366, 768), (1280, 800)
KIOSK = ((1920, 1080), (1280, 800))  # a self-service screen and a 13" touch panel
SAMPLE_LAN = "192.168.1.20"  # what the Devices page shows as this laptop's address


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Camera:
    """Saves shots; ``pump`` runs the Qt loop until a condition holds (sync threads)."""

    def __init__(self, qt: Any, out: Path, only: list[str]) -> None:
        self.qt, self.out, self.only = qt, out, only

    def pump(self, until: Callable[[], bool] = lambda: False, timeout: float = 0.3) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.qt.processEvents()
            if until():
                return True
            time.sleep(0.02)
        return until()

    def shot(self, widget: Any, name: str, size: tuple[int, int]) -> None:
        if self.only and not any(name.startswith(p) for p in self.only):
            return
        widget.resize(*size)
        widget.show()
        self.pump()
        widget.grab().save(str(self.out / f"{name}.png"))
        print(self.out / f"{name}.png")


def _badge(session: Any, candidate_id: str, name: str) -> str:
    from fairdesk.badges import token

    event = session.event
    return token.sign(event.signing_key, event.id, candidate_id, name)


def _standalone_booth(cam: Camera, event: Path, employer: str, settings: Any) -> None:
    """The demo file opened as a booth: not paired, so the header says so."""
    from fairdesk import app
    from fairdesk.ui.common.presenters.open_request import OpenRequest

    window = app.open_window(OpenRequest(event, "booth", employer_id=employer), settings)
    session = window.presenter.session  # type: ignore[attr-defined]
    _mid_morning(session)  # the afternoon's slots still free, whenever this runs
    window.presenter.load()  # type: ignore[attr-defined]
    cam.shot(window, "booth-1-ready", BOOTH)
    row = session.store.row(
        "SELECT id, first_name, last_name FROM candidates WHERE roles != '[]' AND id NOT IN "
        "(SELECT candidate_id FROM visits WHERE employer_id = ?) ORDER BY ref LIMIT 1",
        (employer,))
    code = _badge(session, row["id"], row["first_name"])
    presenter = window.presenter  # type: ignore[attr-defined]
    presenter.scan(code)
    presenter.rate(4)
    if presenter.employer.tags:
        presenter.toggle_tag(presenter.employer.tags[0])
    window.card.notes.setPlainText(  # type: ignore[attr-defined]
        "Confident, bilingual; available for night shifts from September.")
    presenter.save_notes()
    presenter.toggle_phase_two()
    cam.shot(window, "booth-2-card", BOOTH)
    window.card.booking.book_next()  # type: ignore[attr-defined]
    cam.shot(window, "booth-6-interview-booked", BOOTH)
    presenter.scan(code[:-6] + ("A" if code[-6] != "A" else "B") + code[-5:])
    cam.shot(window, "booth-3-refused", BOOTH)
    window.close()


def _devices_page(organizer: Any) -> Any:
    """The organizer's Devices page, set to show SAMPLE_LAN and serve on loopback."""
    from fairdesk.services.hub_server import HubServer
    from fairdesk.ui.organizer.devices_page import DevicesPage
    from fairdesk.ui.organizer.window import PAGES

    page = organizer.stack.widget([p.title for p in PAGES].index("Devices"))
    assert isinstance(page, DevicesPage)
    devices = page.presenter
    devices.find_addresses = lambda: [SAMPLE_LAN]
    devices.refresh_addresses()
    devices.make_hub = lambda _host, port: HubServer(organizer.session.path, "127.0.0.1", port)
    return page


def _paired(cam: Camera, organizer: Any, work: Path, settings: Any) -> None:
    """A hub, a desk and two booths; a parked change; a joined booth's header."""
    from fairdesk.services.hub_address import port_free

    page = _devices_page(organizer)
    devices = page.presenter
    # the usual port when free; else any free one: never clash with a hub running here
    devices.port = 8765 if port_free("127.0.0.1", 8765) else 0
    devices.toggle_hub()
    try:
        _scene(cam, organizer, page, work, settings)
    finally:
        devices.stop_hub()


def _scene(cam: Camera, organizer: Any, page: Any, work: Path, settings: Any) -> None:
    from fairdesk import app
    from fairdesk.services import booth
    from fairdesk.services.employers import all_employers
    from fairdesk.services.session import open_session
    from fairdesk.services.sync import join, sync_file
    from fairdesk.services.walkins import register_walk_in
    from fairdesk.ui.common.presenters.open_request import OpenRequest
    from fairdesk.ui.organizer.presenters.devices import InviteForm

    session, devices = organizer.session, page.presenter
    employers = all_employers(session)

    def joined(name: str, form: InviteForm) -> Path:
        # SAMPLE_LAN is only shown: the devices here join over loopback
        made = devices.make_invite(replace(form, hub_url=f"https://127.0.0.1:{devices.shown_port}"))
        assert made is not None
        path = work / f"{_slug(name)}.fairdesk"
        join(path, made.code, name)
        return path

    booth_1 = joined("Booth 1 tablet", InviteForm("booth", employers[0].id))
    desk_2 = joined("Desk 2 laptop", InviteForm("desk", desk=2))
    joined("Booth 3 tablet", InviteForm("booth", employers[2].id))
    # A walk-in registered at desk 2, which has not synced since; booth 1 scans
    # the badge and rates: the hub parks both changes until the desk syncs.
    desk = open_session(desk_2, role="desk", desk=2)
    walk_in = register_walk_in(desk, desk=2, first_name="Akeem", last_name="Francis")
    desk.close()
    at_booth = open_session(booth_1, role="booth")
    at_booth.employer_id = employers[0].id
    scanned = booth.scan(at_booth, _badge(session, walk_in.id, "Akeem F."))
    booth.edit_visit(at_booth, scanned.card.visit_id, rating=5)
    at_booth.close()
    sync_file(booth_1)
    page.role.setCurrentIndex(page.role.findData("booth"))
    page.employer.setCurrentIndex(1)
    page.invite()  # a fresh code and QR on screen
    devices.load()
    page.toggle_parked()
    organizer.show_page("Devices")
    cam.shot(organizer, "organizer-devices", ORGANIZER)

    window = app.open_window(OpenRequest(booth_1, "booth", employer_id=employers[0].id),
                             settings)
    window.resize(*BOOTH)
    window.show()
    header = window.sync  # type: ignore[attr-defined]
    cam.pump(lambda: header.text().startswith("Online"), timeout=20)
    cam.shot(window, "booth-4-paired-online", BOOTH)
    devices.toggle_hub()  # the venue Wi-Fi drops
    presenter = window.presenter  # type: ignore[attr-defined]
    for card in [v for v in presenter.visits if not v.stub][:3]:
        presenter.scan(card.ref, "typed")
    cam.pump(lambda: header.text().startswith("Offline · 3"), timeout=20)
    cam.shot(window, "booth-5-paired-offline", BOOTH)
    window.close()


def _mid_morning(session: Any) -> Callable[[], None]:
    """Set a window's clock just after the demo's last booth visit (the demo is
    seeded this morning; a shot taken in the evening would show no booth busy
    this hour, and no interview slot left to book); returns what puts the real
    clock back."""
    from datetime import timedelta

    from fairdesk.storage import codec

    real = session.clock
    last = codec.parse_ts(session.store.scalar("SELECT max(last_seen) FROM visits"))
    shift = last + timedelta(minutes=2) - real()
    session.clock = lambda: real() + shift

    def restore() -> None:
        session.clock = real

    return restore


def _corrections(cam: Camera, organizer: Any, work: Path) -> None:
    """Issue 16's corrections on the demo: a candidate who registered twice
    (a walk-in with the roster's name) found in the directory; their record
    after a misspelt name was fixed; the merge and the erasure questions;
    then the audit log that recorded it all."""
    from fairdesk.services.candidates import find_candidate
    from fairdesk.services.checkin import check_in, undo_check_in
    from fairdesk.services.corrections import correct
    from fairdesk.services.exports import export_visits
    from fairdesk.services.walkins import register_walk_in

    session = organizer.session
    export_visits(session, work / "visits.xlsx")
    checked = session.store.scalar("SELECT c.ref FROM checkins k JOIN candidates c "
                                   "ON c.id = k.candidate_id ORDER BY k.at DESC LIMIT 1")
    undo_check_in(session, checked, "checked in by mistake at the wrong desk")
    row = session.store.row(
        "SELECT c.id FROM candidates c JOIN visits v ON v.candidate_id = c.id "
        "JOIN checkins k ON k.candidate_id = c.id WHERE c.resume_sha IS NOT NULL "
        "AND c.source = 'roster' AND v.notes != '' GROUP BY c.id "
        "ORDER BY count(DISTINCT v.id) DESC, c.ref LIMIT 1")
    person = find_candidate(session, row["id"])
    twin = register_walk_in(session, desk=1, first_name=person.first_name,
                            last_name=person.last_name, phone=person.phone,
                            email=person.email.replace("@", ".fair@"), consent=True)
    check_in(session, twin.id, desk=1)
    correct(session, person.id, last_name=person.last_name + "e")  # the import's typo
    organizer.show_page("Candidates")
    directory = organizer.stack.currentWidget()
    directory.search.setText(f"{person.first_name} {person.last_name[:4]}")
    cam.shot(organizer, "organizer-candidates", ORGANIZER)
    directory.search.setText(person.ref)
    directory.open_selected()
    record = directory.dialog
    record.edits["last_name"].setText(person.last_name)
    record.save()  # the name fixed: "Reprint badge…" is now the button to press
    cam.shot(record, "organizer-record", (900, 640))
    record.presenter.reprint(work / f"{person.ref}.pdf", record.presenter.reprint_reason)
    record.tabs.setCurrentIndex(3)
    cam.shot(record, "organizer-record-visits", (900, 640))
    record.tabs.setCurrentIndex(0)
    record.merge()
    merge = record.merge_dialog
    merge.search.setText(f"{person.first_name} {person.last_name}")
    merge.table.selectRow(0)
    cam.shot(merge, "organizer-merge", (720, 520))
    merge.accept()
    record.erase()
    erase = record.erase_dialog
    erase.reason.setText("asked by e-mail on the day")
    erase.typed.setText(person.ref)
    cam.shot(erase, "organizer-erase", (560, 330))
    erase.reject()  # the demo keeps the person
    record.close()
    organizer.show_page("Audit")
    cam.shot(organizer, "organizer-audit", ORGANIZER)


def _phase_two(session: Any) -> str:
    """Interview slots for three employers this afternoon (14:00-16:00, 20 minutes,
    two rooms) and a few bookings made at their booths; the ref of one booked
    candidate who has not arrived yet (the desk shot checks them in). The booths
    book at the demo's last visit, late morning: "the next free slot" from the
    real clock would find none when the script runs after 16:00 at the venue."""
    from datetime import timedelta

    from fairdesk.storage import codec

    real = session.clock
    last = codec.parse_ts(session.store.scalar("SELECT max(last_seen) FROM visits"))
    session.clock = lambda: last + timedelta(minutes=2)
    try:
        return _book_interviews(session)
    finally:
        session.clock = real


def _book_interviews(session: Any) -> str:
    from fairdesk.domain.interviews import SlotPattern
    from fairdesk.services import interviews
    from fairdesk.services.employers import all_employers

    day = session.fair_day()
    employers = all_employers(session)[:3]
    for employer in employers:
        interviews.add_slots(session, employer.id, day,
                             SlotPattern("14:00", "16:00", 20, buffer=0, rooms=2))
    shortlisted = session.store.rows(
        "SELECT v.employer_id, c.id, c.ref FROM visits v JOIN candidates c ON c.id = "
        "v.candidate_id WHERE v.shortlist = 1 AND v.employer_id IN (?, ?, ?) ORDER BY c.ref",
        tuple(e.id for e in employers))
    for row in shortlisted[:9]:
        interviews.book(session, row["employer_id"], row["id"])
    waiting = session.store.row(
        "SELECT c.ref FROM candidates c JOIN interview_bookings b ON b.candidate_id = c.id "
        "WHERE b.state = 'booked' AND c.id NOT IN (SELECT candidate_id FROM checkins "
        "WHERE undone_at IS NULL) ORDER BY c.ref LIMIT 1")
    if waiting is None:  # everyone booked has arrived: book one who has not
        person = session.store.row(
            "SELECT id, ref FROM candidates WHERE id NOT IN (SELECT candidate_id FROM "
            "checkins) ORDER BY ref LIMIT 1")
        interviews.book(session, employers[1].id, person["id"])
        return str(person["ref"])
    return str(waiting["ref"])


def _desk_interview(cam: Camera, desk: Any, ref: str) -> None:
    """A candidate with an interview today checks in: the desk says when and where,
    and offers the slip (Ctrl+I)."""
    presenter = desk.presenter
    presenter.clear()
    desk.search.setText(ref)
    presenter.set_query(ref)
    presenter.enter()
    cam.pump(timeout=1.5)
    cam.shot(desk, "desk-9-interview-today", DESK)
    presenter.clear()


def _desk_scenes(cam: Camera, event: Path, settings: Any, work: Path, interviewee: str) -> None:
    from fairdesk import app
    from fairdesk.ui.common.presenters.open_request import OpenRequest

    if "desk" in app.ROLE_WINDOWS:
        desk = app.open_window(OpenRequest(event, "desk", desk=2), settings,
                               print_to=work / "badges")
        _desk(cam, desk)
        _walk_in(cam, desk)
        _desk_interview(cam, desk, interviewee)


def _paper_page(number: int) -> Any:
    """What a desk webcam sees of page ``number`` of a printed résumé (a drawn QImage)."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor("#7d8388"))  # the desk top
    painter = QPainter(image)
    painter.fillRect(400, 12, 496, 700, QColor("#f6f3ec"))
    painter.setPen(QColor("#1f2328"))
    painter.setFont(QFont("DejaVu Sans", 20, QFont.Weight.Bold))
    painter.drawText(440, 70, "Shanice Alexis" if number == 1 else "Experience (cont.)")
    painter.setFont(QFont("DejaVu Sans", 10))
    lines = ("Customer service agent, 2021–2024", "Inbound calls, billing queries",
             "Team lead cover on weekends", "", "English, Kwéyòl, some French")
    for n in range(25):
        painter.drawText(440, 120 + n * 22, lines[(n + number) % len(lines)])
    painter.end()
    return image


def _desk(cam: Camera, desk: Any) -> None:
    """The desk: empty, a search, Enter (checked in, badge printed), a forged scan,
    high contrast."""
    from fairdesk.services.candidates import find_candidate

    presenter = desk.presenter
    cam.shot(desk, "desk-1-empty", DESK)
    desk.search.setText("jn bap")
    presenter.set_query("jn bap")
    cam.shot(desk, "desk-2-search", DESK)
    presenter.enter()
    cam.pump(timeout=1.5)  # the badge prints (to the folder) off the GUI thread
    cam.shot(desk, "desk-3-checked-in", DESK)
    presenter.clear()
    desk.toggle_contrast()
    desk.search.setText("mar")
    presenter.set_query("mar")
    cam.shot(desk, "desk-6-high-contrast", DESK)
    desk.toggle_contrast()
    presenter.clear()
    known = find_candidate(presenter.session, "C-0042")
    genuine = _badge(presenter.session, known.id, known.display_name)
    middle = len(genuine) // 2
    forged = genuine[:middle] + ("A" if genuine[middle] != "A" else "B") + genuine[middle + 1:]
    presenter.scan(forged)
    cam.shot(desk, "desk-4-forged-scan", DESK)
    presenter.clear()


def _walk_in(cam: Camera, desk: Any) -> None:
    """The walk-in form: a duplicate offered, a photographed résumé, the photo dialog."""
    from fairdesk.services.candidates import find_candidate
    from fairdesk.services.walkins import photos_to_resume
    from fairdesk.ui.common.camera import ImageFrameSource
    from fairdesk.ui.desk.photo_dialog import PhotoDialog, jpeg_bytes
    from fairdesk.ui.desk.presenters.photo import PhotoPages
    from fairdesk.ui.desk.walk_in_dialog import CandidateDialog

    webcam = ImageFrameSource()
    known = find_candidate(desk.presenter.session, "C-0257")
    form = desk.presenter.walk_in_form()
    for key, value in (("first_name", known.first_name), ("last_name", known.last_name),
                       ("email", known.email)):
        form.set(key, value)
    dialog = CandidateDialog(form, desk, lambda: webcam)
    cam.shot(dialog, "desk-5-walk-in-duplicate", (760, dialog.sizeHint().height()))
    dialog.close()
    form = desk.presenter.walk_in_form()
    for key, value in (("first_name", "Shanice"), ("last_name", "Alexis"),
                       ("email", "shanice.alexis@example.org")):
        form.set(key, value)
    form.set("consent", True)
    form.attach_resume(photos_to_resume([jpeg_bytes(_paper_page(n)) for n in (1, 2)]))
    dialog = CandidateDialog(form, desk, lambda: webcam)
    cam.shot(dialog, "desk-7-walk-in-resume", (760, dialog.sizeHint().height()))
    pages = PhotoPages()
    photos = PhotoDialog(pages, webcam, dialog)
    photos.show()
    webcam.push(_paper_page(1))
    photos.take()
    webcam.push(_paper_page(2))
    cam.shot(photos, "desk-8-photo-resume", photos.sizeHint().toTuple())
    photos.reject()
    dialog.close()


class _HeldPrinter:
    """A printer that takes the badge and reports back when told (the printing screen)."""

    description, ready = "Badge printer", True

    def __init__(self) -> None:
        self.held: list[tuple[Any, Any]] = []

    def send(self, job: Any, done: Any, failed: Any) -> None:
        self.held.append((job, done))

    def finish(self) -> None:
        for job, done in self.held:
            done(job, "Badge printer")
        self.held.clear()


class _OutOfPaper(_HeldPrinter):
    def send(self, job: Any, done: Any, failed: Any) -> None:
        failed(job, "The printer is out of labels.")


def _foreign_code(work: Path) -> str:
    from fairdesk.services import badges
    from fairdesk.services.candidates import add_candidate
    from fairdesk.services.events import create_event

    other = create_event(work / "other.fairdesk", "Another Fair")
    stranger = add_candidate(other, first_name="Zed", last_name="Other")
    code = badges.payload_for(other, stranger)
    other.close()
    return code


_KIOSK_PEOPLE = {  # True: checked in today at a desk; False: not yet, no badge printed
    True: "SELECT id, first_name FROM candidates WHERE source = 'roster' AND id IN (SELECT "
          "candidate_id FROM checkins WHERE day = ? AND undone_at IS NULL) ORDER BY ref LIMIT 1",
    False: "SELECT id, first_name FROM candidates WHERE source = 'roster' AND ? != '' AND id "
           "NOT IN (SELECT candidate_id FROM checkins) AND id NOT IN (SELECT candidate_id "
           "FROM badge_prints) ORDER BY ref LIMIT 1",
}


def _kiosk(cam: Camera, event: Path, work: Path) -> None:  # noqa: PLR0915 (a walk-through)
    """Each kiosk screen, in the order a candidate meets them, at both sizes."""
    from fairdesk.services import booth
    from fairdesk.services.session import open_session
    from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter
    from fairdesk.ui.kiosk.window import KioskWindow

    session = open_session(event, role="kiosk")
    printer = _HeldPrinter()
    presenter = KioskPresenter(session, printer)
    window = KioskWindow(presenter, None, event_name=session.event.name)

    def shots(name: str) -> None:
        for size in KIOSK:
            # the style follows the size, the minimum size the style: settle, then shoot
            window.resize(*size)
            cam.pump()
            cam.shot(window, f"{name}-{size[0]}x{size[1]}", size)

    def person(checked_in: bool) -> str:
        row = session.store.row(_KIOSK_PEOPLE[checked_in], (session.fair_day().isoformat(),))
        assert row is not None, "the demo has people checked in today and people not yet"
        return _badge(session, row["id"], row["first_name"])

    try:
        shots("kiosk-1-idle")
        code = person(checked_in=False)
        presenter.scan(code)
        shots("kiosk-2-welcome")
        presenter.confirm()
        shots("kiosk-3-printing")
        printer.finish()
        shots("kiosk-4-take-your-badge")
        presenter.back()
        presenter.scan(person(checked_in=True))  # this morning at a desk: says when
        shots("kiosk-5-already-checked-in")
        presenter.back()
        middle = len(code) // 2
        presenter.scan(code[:middle] + ("A" if code[middle] != "A" else "B") + code[middle + 1:])
        shots("kiosk-6-forged-code")
        presenter.back()
        presenter.scan(_foreign_code(work))
        shots("kiosk-7-other-event")
        presenter.back()
        presenter.open_keyboard()
        presenter.type("marie.")
        shots("kiosk-8-keyboard")
        presenter.back()
        presenter.output = _OutOfPaper()
        presenter.scan(person(checked_in=False))
        presenter.confirm()
        shots("kiosk-9-printer-fault")
        presenter.back()
        booth.set_exit_pin(session, "2468")
        presenter.request_exit()
        presenter.type("24")
        shots("kiosk-10-exit-pin")
        presenter.back()
    finally:
        presenter.on_exit()
        window._leaving = True  # the script closes it, not a PIN
        window.close()
        session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    parser.add_argument("--only", nargs="*", default=[], metavar="PREFIX",
                        help="save only the shots whose names start with these")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fairdesk-screens-"))
    os.environ["FAIRDESK_CONFIG_DIR"] = str(work / "config")

    from fairdesk import app
    from fairdesk.services.app_settings import AppSettings
    from fairdesk.services.demo import DemoSpec, build_demo
    from fairdesk.services.employers import all_employers
    from fairdesk.ui.common.presenters.open_request import OpenRequest
    from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter
    from fairdesk.ui.launcher.window import LauncherWindow
    from fairdesk.ui.organizer.window import PAGES

    settings = AppSettings()
    cam = Camera(app.application(settings), args.out, args.only)
    event = work / "config" / "demo" / "demo.fairdesk"
    event.parent.mkdir(parents=True)
    session = build_demo(event, DemoSpec())  # today at the venue, not on this machine
    employer = all_employers(session)[0].id
    interviewee = _phase_two(session)
    session.close()

    settings.remember_event(event)
    launcher = LauncherWindow(LauncherPresenter(settings, event.parent))
    cam.shot(launcher, "launcher", (960, 600))
    organizer = app.open_window(OpenRequest(event, "organizer"), settings)
    _devices_page(organizer)
    real_clock = _mid_morning(organizer.session)  # type: ignore[attr-defined]
    dashboard = organizer.stack.widget(0).presenter  # type: ignore[attr-defined]
    dashboard.refresh()
    cam.pump(lambda: not dashboard.running, timeout=10)
    for page in PAGES:
        if page.title in ("Candidates", "Audit"):
            continue  # shot with the corrections below
        organizer.show_page(page.title)  # type: ignore[attr-defined]
        suffix = "-empty" if page.title == "Devices" else ""  # no device paired yet
        cam.shot(organizer, f"organizer-{_slug(page.title)}{suffix}", ORGANIZER)
    _corrections(cam, organizer, work)
    real_clock()
    _desk_scenes(cam, event, settings, work, interviewee)
    try:
        _standalone_booth(cam, event, employer, settings)
        _paired(cam, organizer, work, settings)
        _kiosk(cam, event, work)
    finally:
        organizer.close()  # stops the hub
        app.close_sessions()
    return 0


if __name__ == "__main__":
    sys.exit(main())
