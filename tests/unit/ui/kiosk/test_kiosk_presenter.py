"""Kiosk flows walked with no window: every outcome of a scan or a typed e-mail/ref."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from fairdesk.services import badges, booth
from fairdesk.services.candidates import find_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.events import create_event
from fairdesk.services.session import EventSession
from fairdesk.storage import badge_prints, checkins
from fairdesk.ui.common import printing
from fairdesk.ui.common.presenters.badge_output import BadgeJob, Done, Failed, FolderSync
from fairdesk.ui.common.printing import PrinterOutput
from fairdesk.ui.kiosk.presenters import kiosk as kiosk_module
from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter
from tests.conftest import FakeClock
from tests.db_helpers import checkins_in_the_file_itself
from tests.unit.ui.common.test_printing import FakePrinters


class Ticker:
    """Monotonic seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Broken:
    """A printer that fails every job (paper out, or gone offline mid-job)."""

    description = "Printer QL-800"
    ready = True

    def __init__(self, why: str = "paper out") -> None:
        self.why = why

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        failed(job, self.why)


class Offline(Broken):
    """A printer the system no longer lists (unplugged, switched off)."""

    ready = False


class Held:
    """A printer that keeps the job until the test says it printed."""

    description = "Printer QL-800"
    ready = True

    def __init__(self) -> None:
        self.jobs: list[tuple[BadgeJob, Done, Failed]] = []

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        self.jobs.append((job, done, failed))


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def people(session: EventSession, make_people: Callable[..., list[str]]) -> list[str]:
    session.role = "kiosk"
    return make_people(5)


@pytest.fixture
def kiosk(session: EventSession, tmp_path: Path, people: list[str],
          ticker: Ticker) -> Iterator[KioskPresenter]:
    presenter = KioskPresenter(session, FolderSync(tmp_path / "badges"), clock=ticker)
    yield presenter
    presenter.close()


def code_of(session: EventSession, candidate_id: str) -> str:
    return badges.payload_for(session, find_candidate(session, candidate_id))


def ops_count(session: EventSession) -> int:
    return int(session.store.rows("SELECT count(*) AS n FROM ops")[0]["n"])


def pdfs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "badges"
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.exists() else []


# ---------------------------------------------------------------- the happy path
def test_idle_screen_asks_for_the_invitation(kiosk: KioskPresenter) -> None:
    assert kiosk.view.screen == "idle"
    assert kiosk.view.title == "Scan the QR code on your invitation"


def test_scan_welcomes_then_prints_then_returns_to_idle(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path,
        ticker: Ticker) -> None:
    before = ops_count(session)
    assert kiosk.scan(code_of(session, people[2]))
    assert kiosk.view.screen == "welcome"
    assert kiosk.view.name == "Marie Jn Baptiste"
    assert ops_count(session) == before  # nothing written before the badge prints
    kiosk.confirm()
    assert kiosk.view.screen == "done" and kiosk.view.title == "Take your badge"
    assert pdfs(tmp_path) == ["C-0003.pdf"]
    assert checkins.active_on(session.store, people[2], session.fair_day()) is not None
    assert len(badge_prints.for_candidate(session.store, people[2])) == 1
    assert ops_count(session) == before + 2  # the check-in and the print log
    ticker.now += kiosk_module.DONE_S + 0.1
    kiosk.tick()
    assert kiosk.view.screen == "idle"


def test_welcome_prints_by_itself_after_a_few_seconds(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path,
        ticker: Ticker) -> None:
    kiosk.scan(code_of(session, people[0]))
    ticker.now += 2
    kiosk.tick()
    assert kiosk.view.screen == "welcome" and kiosk.view.seconds_left == 3
    ticker.now += kiosk_module.WELCOME_S
    kiosk.tick()
    assert kiosk.view.screen == "done"
    assert pdfs(tmp_path) == ["C-0001.pdf"]


def test_the_scanners_late_enter_does_not_skip_the_welcome_screen(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path,
        ticker: Ticker) -> None:
    """Under Xvfb on a loaded machine the code arrived as a burst before the
    scanner's Enter, and that Enter pressed "Print my badge": no "Not you?"."""
    kiosk.scan(code_of(session, people[1]))
    ticker.now += 0.1
    kiosk.enter_key()  # the scanner's suffix
    assert kiosk.view.screen == "welcome" and pdfs(tmp_path) == []
    ticker.now += kiosk_module.ENTER_SUFFIX_S
    kiosk.enter_key()  # a person pressing Enter on purpose
    assert kiosk.view.screen == "done" and pdfs(tmp_path) == ["C-0002.pdf"]


def test_not_you_records_nothing_and_points_to_the_desk(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path) -> None:
    before = ops_count(session)
    kiosk.scan(code_of(session, people[0]))
    kiosk.not_me()
    assert kiosk.view.screen == "desk" and kiosk.code == "not_you"
    assert kiosk.view.title == "Please see the registration desk."
    assert ops_count(session) == before and pdfs(tmp_path) == []


def test_printing_waits_for_the_printer_and_ignores_scans(
        session: EventSession, people: list[str], ticker: Ticker) -> None:
    printer = Held()
    kiosk = KioskPresenter(session, printer, clock=ticker)
    kiosk.scan(code_of(session, people[0]))
    kiosk.confirm()
    assert kiosk.view.screen == "printing"
    assert checkins.active_on(session.store, people[0], session.fair_day()) is None
    assert not kiosk.scan(code_of(session, people[1]))  # the next person waits
    job, done, _failed = printer.jobs[0]
    done(job, "QL-800")
    assert kiosk.view.screen == "done"
    assert checkins.active_on(session.store, people[0], session.fair_day()) is not None


# ---------------------------------------------------------------- refusals
def test_already_checked_in_says_when_and_prints_nothing(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path,
        clock: FakeClock) -> None:
    check_in(session, people[1], desk=2)  # 09:30 at the venue
    clock.advance(minutes=12)
    before = ops_count(session)
    assert not kiosk.scan(code_of(session, people[1]))
    assert kiosk.view.screen == "desk" and kiosk.code == "already_checked_in"
    assert "already checked in at 09:30" in kiosk.view.sentence
    assert "desk will reprint" in kiosk.view.sentence
    assert ops_count(session) == before and pdfs(tmp_path) == []


def test_other_events_code_is_refused(kiosk: KioskPresenter, session: EventSession,
                                      tmp_path: Path, clock: FakeClock) -> None:
    other = create_event(tmp_path / "other.fairdesk", "Other Fair", clock=clock)
    from fairdesk.services.candidates import add_candidate

    stranger = add_candidate(other, first_name="Zed", last_name="Other")
    code = badges.payload_for(other, stranger)
    other.close()
    before = ops_count(session)
    assert not kiosk.scan(code)
    assert kiosk.code == "foreign_badge"
    assert kiosk.view.sentence == "This invitation is for another event."
    assert ops_count(session) == before


@pytest.mark.parametrize("cut", ["alter", "truncate"])
def test_forged_or_altered_code_is_refused(kiosk: KioskPresenter, session: EventSession,
                                           people: list[str], cut: str) -> None:
    code = code_of(session, people[0])
    if cut == "alter":
        middle = len(code) // 2
        code = code[:middle] + ("A" if code[middle] != "A" else "B") + code[middle + 1:]
    else:
        code = code[:-9]
    before = ops_count(session)
    assert not kiosk.scan(code)
    assert kiosk.view.screen == "desk"
    assert kiosk.code in ("forged_badge", "truncated_badge", "malformed_badge")
    assert ops_count(session) == before


def test_something_else_scanned_is_not_an_invitation(kiosk: KioskPresenter) -> None:
    kiosk.scan("https://example.org/ticket/42")
    assert kiosk.code == "not_a_badge"
    assert kiosk.view.sentence == "This is not a FairDesk invitation code."


def test_walk_in_without_a_code_goes_to_the_desk(kiosk: KioskPresenter,
                                                  session: EventSession) -> None:
    before = ops_count(session)
    kiosk.no_invitation()
    assert kiosk.view.screen == "desk" and kiosk.code == "walk_in"
    assert "without an invitation" in kiosk.view.sentence
    assert ops_count(session) == before


def _sent_to_the_desk_recording_nothing(kiosk: KioskPresenter, session: EventSession,
                                        person: str) -> int:
    """Scan and confirm at a faulty printer: the desk screen, no op, no check-in.
    Returns the op count (unchanged)."""
    before = ops_count(session)
    kiosk.scan(code_of(session, person))
    kiosk.confirm()
    assert kiosk.view.screen == "desk" and kiosk.code == "print_failed"
    assert kiosk.view.sentence == "The badge printer is not working right now."
    assert ops_count(session) == before
    assert checkins.active_on(session.store, person, session.fair_day()) is None
    return before


@pytest.mark.parametrize("printer", [Broken("paper out"), Broken("printer offline"),
                                     Offline()], ids=["paper-out", "offline-mid-job", "offline"])
def test_printer_fault_records_nothing(session: EventSession, people: list[str],
                                       ticker: Ticker, printer: Broken,
                                       tmp_path: Path) -> None:
    kiosk = KioskPresenter(session, printer, clock=ticker)
    _sent_to_the_desk_recording_nothing(kiosk, session, people[0])
    kiosk.back()  # the desk put paper in: the same invitation now goes through
    kiosk.output = FolderSync(tmp_path / "badges")
    assert kiosk.scan(code_of(session, people[0]))
    kiosk.confirm()
    assert kiosk.view.screen == "done" and pdfs(tmp_path) == ["C-0001.pdf"]
    kiosk.close()


def test_no_printer_at_all_is_a_printer_fault(session: EventSession, people: list[str],
                                              ticker: Ticker) -> None:
    kiosk = KioskPresenter(session, None, clock=ticker)  # NoOutput: not ready
    kiosk.scan(code_of(session, people[0]))
    kiosk.confirm()
    assert kiosk.code == "print_failed"
    assert checkins.active_on(session.store, people[0], session.fair_day()) is None


def test_desk_screen_goes_back_to_idle(kiosk: KioskPresenter, ticker: Ticker) -> None:
    kiosk.no_invitation()
    ticker.now += kiosk_module.DESK_S + 0.1
    kiosk.tick()
    assert kiosk.view.screen == "idle" and kiosk.view.sentence == ""


def test_badge_printed_on_an_earlier_day_checks_in_without_printing(
        kiosk: KioskPresenter, session: EventSession, people: list[str], tmp_path: Path,
        clock: FakeClock) -> None:
    badges.record_print(session, find_candidate(session, people[3]), "brother-62x100")
    clock.advance(days=1)
    kiosk.scan(code_of(session, people[3]))
    kiosk.confirm()
    assert kiosk.view.screen == "done"
    assert "please wear it today too" in kiosk.view.sentence
    assert checkins.active_on(session.store, people[3], session.fair_day()) is not None
    assert pdfs(tmp_path) == []


def test_unexpected_error_shows_the_desk_screen(kiosk: KioskPresenter) -> None:
    kiosk.fail_safe(RuntimeError("boom"))
    assert kiosk.view.screen == "desk" and kiosk.code == "unexpected"


def test_camera_seeing_the_same_code_again_is_ignored(
        kiosk: KioskPresenter, session: EventSession, people: list[str], ticker: Ticker) -> None:
    code = code_of(session, people[0])
    assert kiosk.scan(code, "camera")
    kiosk.back()
    ticker.now += 1
    assert not kiosk.scan(code, "camera")
    ticker.now += kiosk_module.CAMERA_REPEAT_S
    assert kiosk.scan(code, "camera")


# ---------------------------------------------------------------- the keyboard fallback
def type_in(kiosk: KioskPresenter, text: str) -> None:
    kiosk.open_keyboard()
    for char in text:
        kiosk.type(char)
    kiosk.submit()


@pytest.mark.parametrize("typed", ["p2@example.org", "P2@Example.org ", "c3", "C-0003"])
def test_exact_email_or_ref_finds_the_one_candidate(kiosk: KioskPresenter, typed: str,
                                                    tmp_path: Path) -> None:
    type_in(kiosk, typed)
    assert kiosk.view.screen == "welcome" and kiosk.view.name == "Marie Jn Baptiste"
    kiosk.confirm()
    assert pdfs(tmp_path) == ["C-0003.pdf"]


@pytest.mark.parametrize("typed", ["p2@example", "c-0099", "nobody@example.org"])
def test_unknown_email_or_ref_goes_to_the_desk(kiosk: KioskPresenter, session: EventSession,
                                               typed: str) -> None:
    before = ops_count(session)
    type_in(kiosk, typed)
    assert kiosk.view.screen == "desk" and kiosk.code == "unknown_candidate"
    assert kiosk.view.sentence == "We could not find your registration."
    assert ops_count(session) == before


def test_a_name_is_never_searched(kiosk: KioskPresenter) -> None:
    type_in(kiosk, "Marie")
    assert kiosk.view.screen == "keyboard"
    assert "e-mail you registered with" in kiosk.view.sentence
    assert kiosk.candidate is None


def test_shared_email_is_refused(kiosk: KioskPresenter, session: EventSession) -> None:
    from fairdesk.services.candidates import add_candidate

    add_candidate(session, first_name="Twin", last_name="One", email="twins@example.org")
    add_candidate(session, first_name="Twin", last_name="Two", email="twins@example.org")
    type_in(kiosk, "twins@example.org")
    assert kiosk.code == "ambiguous_email"


def test_keyboard_backspace_and_timeout(kiosk: KioskPresenter, ticker: Ticker) -> None:
    kiosk.open_keyboard()
    kiosk.type("c3x")
    kiosk.backspace()
    assert kiosk.view.entry == "c3"
    ticker.now += kiosk_module.KEYBOARD_S + 1
    kiosk.tick()
    assert kiosk.view.screen == "idle" and kiosk.view.entry == ""


def test_the_presenter_offers_no_listing(kiosk: KioskPresenter) -> None:
    """Privacy: nothing on the kiosk answers more than one person."""
    public = {name for name in dir(kiosk) if not name.startswith("_")}
    assert not public & {"results", "rows", "search", "find", "set_query", "candidates"}


# ---------------------------------------------------------------- leaving kiosk mode
def test_leaving_needs_the_exit_pin(kiosk: KioskPresenter, session: EventSession) -> None:
    left: list[bool] = []
    kiosk.on_exit = lambda: left.append(True)
    booth.set_exit_pin(session, "2468")
    assert not kiosk.request_exit()
    assert kiosk.view.screen == "pin"
    kiosk.type("1111")
    assert kiosk.view.entry == "••••"
    kiosk.submit()
    assert not left and kiosk.view.sentence == "That PIN is not the organizer's."
    kiosk.type("2468")
    kiosk.submit()
    assert left == [True]


def test_leaving_without_a_pin_set_is_allowed(kiosk: KioskPresenter) -> None:
    assert kiosk.request_exit()


def test_the_badge_renders_while_the_welcome_screen_is_read(
        session: EventSession, people: list[str], tmp_path: Path, ticker: Ticker) -> None:
    from fairdesk.ui.common.presenters.badge_output import BadgePreparer

    preparer = BadgePreparer()
    kiosk = KioskPresenter(session, FolderSync(tmp_path / "badges"), clock=ticker,
                           preparer=preparer)
    kiosk.scan(code_of(session, people[0]))
    future = preparer._future
    assert future is not None
    ready = future.result(timeout=10)
    kiosk.confirm()
    assert (tmp_path / "badges" / "C-0001.pdf").read_bytes() == ready
    kiosk.close()


def test_a_printer_qt_reports_in_error_sends_them_to_the_desk_before_anything_is_recorded(
        session: EventSession, people: list[str], ticker: Ticker, qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Paper out seen by the spooler (a stopped CUPS queue, Windows' paper-out bit)."""
    sent: list[str] = []
    monkeypatch.setattr(printing, "print_pdf",
                        lambda name, _pdf, _title: sent.append(name) or name)
    printers = FakePrinters(**{"QL-800": QPrinter.PrinterState.Error})
    kiosk = KioskPresenter(session, PrinterOutput("QL-800", printers), clock=ticker)
    before = _sent_to_the_desk_recording_nothing(kiosk, session, people[0])
    assert sent == []
    printers.states["QL-800"] = QPrinter.PrinterState.Idle  # the desk put paper in
    kiosk.back()
    kiosk.scan(code_of(session, people[0]))
    kiosk.confirm()
    qtbot.waitUntil(lambda: kiosk.view.screen == "done", timeout=5000)
    assert sent == ["QL-800"] and ops_count(session) == before + 2
    kiosk.close()


def test_back_at_idle_the_log_is_copied_into_the_file_not_in_the_next_commit(
        kiosk: KioskPresenter, session: EventSession, people: list[str],
        ticker: Ticker) -> None:
    """SQLite would copy it inside the commit that fills the log (2–4 ms more while
    the next candidate waits); the kiosk does it once the screen is idle again."""
    assert session.path is not None
    kiosk.scan(code_of(session, people[1]))
    kiosk.confirm()
    assert kiosk.view.screen == "done"
    assert checkins_in_the_file_itself(session.path, people[1]) == 0  # still only in the log
    ticker.now += kiosk_module.DONE_S + 0.1
    kiosk.tick()
    assert kiosk.view.screen == "idle"
    assert checkins_in_the_file_itself(session.path, people[1]) == 1
