"""Desk flows walked with no window: search, select, check in, undo, reprint, walk-ins, scans."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from fairdesk.services import badges
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession
from fairdesk.storage import badge_prints, checkins, oplog
from fairdesk.ui.common import printing
from fairdesk.ui.common.presenters.badge_output import BadgeJob, Done, Failed, FolderSync
from fairdesk.ui.common.printing import PrinterOutput
from fairdesk.ui.desk.presenters.desk import DeskPresenter
from tests.conftest import FakeClock
from tests.db_helpers import checkins_in_the_file_itself
from tests.unit.ui.common.test_printing import FakePrinters


@pytest.fixture
def desk(session: EventSession, tmp_path: Path,
         make_people: Callable[..., list[str]]) -> Iterator[DeskPresenter]:
    session.role, session.desk = "desk", 2
    make_people(5)
    presenter = DeskPresenter(session, FolderSync(tmp_path / "badges"))
    yield presenter
    presenter.close()


def names(desk: DeskPresenter) -> list[str]:
    return [row.name for row in desk.rows]


def test_results_from_the_first_keystroke(desk: DeskPresenter) -> None:
    desk.set_query("d")
    assert "Désirée O'Neil" in names(desk)
    assert desk.selected == 0 and desk.current is not None


@pytest.mark.parametrize(("typed", "expected"), [
    ("jn bap", "Marie Jn Baptiste"),
    ("desiree", "Désirée O'Neil"),
    ("DÉSI o'n", "Désirée O'Neil"),
    ("c-0004", "Léon St. Rose"),
    ("c4", "Léon St. Rose"),
    ("p4@example.org", "Akeem Fontenelle"),
    ("555 0002", "Marie Jn Baptiste"),
    ("5550002", "Marie Jn Baptiste"),
])
def test_search_finds_by_name_ref_email_and_phone(desk: DeskPresenter, typed: str,
                                                  expected: str) -> None:
    desk.set_query(typed)
    assert names(desk)[:1] == [expected]


def test_arrows_move_the_selection_and_stay_in_bounds(desk: DeskPresenter) -> None:
    desk.set_query("example")  # everyone, by e-mail word
    assert len(desk.results) == 5
    desk.move(-1)
    assert desk.selected == 0
    desk.move(+1)
    desk.move(+1)
    assert desk.selected == 2 and desk.current == desk.results[2]
    desk.move(+10)
    assert desk.selected == 4


def test_escape_clears(desk: DeskPresenter) -> None:
    desk.set_query("mar")
    desk.clear()
    assert desk.query == "" and desk.rows == [] and desk.current is None


def test_enter_checks_in_and_prints(desk: DeskPresenter, tmp_path: Path) -> None:
    desk.set_query("jn bap")
    desk.enter()
    person = find_candidate(desk.session, "C-0003")
    assert checkins.active_on(desk.session.store, person.id, desk.session.fair_day())
    assert (tmp_path / "badges" / "C-0003.pdf").read_bytes().startswith(b"%PDF")
    assert len(badge_prints.for_candidate(desk.session.store, person.id)) == 1
    assert desk.card is not None and desk.card.status == "Checked in 09:30 at desk 2"
    assert desk.query == "" and desk.current == person  # ready for the next in line
    assert desk.figures.checked_in == 1 and desk.figures.recent == 1


def test_second_enter_says_already_checked_in_and_prints_nothing(
        desk: DeskPresenter, tmp_path: Path, clock: FakeClock) -> None:
    desk.set_query("jn bap")
    desk.enter()
    clock.advance(minutes=12)
    desk.set_query("jn bap")
    desk.enter()
    assert desk.last_message is not None
    assert desk.last_message.code == "already_checked_in"
    assert "09:30 at desk 2" in desk.last_message.text
    assert sorted(p.name for p in (tmp_path / "badges").iterdir()) == ["C-0003.pdf"]
    assert desk.figures.recent == 1
    desk.tick()
    assert desk.figures.recent == 0  # the 09:30 check-in is older than 10 minutes


def test_enter_with_nothing_selected_warns(desk: DeskPresenter) -> None:
    desk.set_query("zzzz")
    ops = oplog.count(desk.session.store)
    desk.enter()
    assert desk.last_message is not None and desk.last_message.level == "warning"
    assert oplog.count(desk.session.store) == ops
    assert "No one matches" in desk.empty_text


def test_undo_needs_a_reason_then_undoes(desk: DeskPresenter) -> None:
    desk.set_query("kerl")
    desk.enter()
    desk.undo("  ")
    assert desk.last_message is not None and desk.last_message.code == "reason_required"
    assert desk.card is not None and desk.card.checked_in
    desk.undo("Checked in the wrong person")
    assert desk.card is not None and not desk.card.checked_in
    assert desk.figures.checked_in == 0


def test_reprint_needs_a_reason(desk: DeskPresenter, tmp_path: Path) -> None:
    desk.set_query("akeem")
    desk.enter()
    assert desk.needs_reprint_reason
    desk.reprint("")
    assert desk.last_message is not None and desk.last_message.code == "already_printed"
    assert "already printed at 09:30 on desk 2" in desk.last_message.text
    desk.reprint("Badge lost")
    files = sorted(p.name for p in (tmp_path / "badges").iterdir())
    assert files == ["C-0005-2.pdf", "C-0005.pdf"]
    person = find_candidate(desk.session, "C-0005")
    prints = badge_prints.for_candidate(desk.session.store, person.id)
    assert [p.reason for p in prints] == ["", "Badge lost"]


def test_scan_of_a_badge_checks_in(desk: DeskPresenter) -> None:
    person = find_candidate(desk.session, "C-0002")
    desk.scan(badges.payload_for(desk.session, person))
    assert desk.current == person and desk.card is not None and desk.card.checked_in


def test_scan_of_a_forged_code_changes_nothing(desk: DeskPresenter) -> None:
    person = find_candidate(desk.session, "C-0002")
    payload = badges.payload_for(desk.session, person)
    forged = payload[:-6] + ("AAAAAA" if not payload.endswith("AAAAAA") else "BBBBBB")
    desk.set_query("kerl")
    ops = oplog.count(desk.session.store)
    desk.scan(forged)
    assert desk.last_message is not None
    assert desk.last_message.code in {"forged_badge", "malformed_badge"}
    assert oplog.count(desk.session.store) == ops
    assert desk.query == "kerl"  # the search in progress is left alone


def test_a_new_search_puts_away_the_last_refusal_but_not_a_confirmation(
        desk: DeskPresenter) -> None:
    shown: list[str] = []
    desk.on_message = lambda message: shown.append(message.text)
    desk.scan("HELLO WORLD")
    desk.set_query("k")  # the next person: the refusal was not about them
    assert desk.last_message is None and shown[-1] == ""
    desk.set_query("ke")
    desk.enter()
    assert desk.last_message is not None and desk.last_message.level == "info"
    desk.clear()
    desk.set_query("m")
    assert desk.last_message is not None  # "checked in" stays until the next action


def test_scan_of_garbage_says_so(desk: DeskPresenter) -> None:
    desk.scan("HELLO WORLD")
    assert desk.last_message is not None and desk.last_message.code == "not_a_badge"


def test_walk_in_offers_the_existing_person(desk: DeskPresenter) -> None:
    form = desk.walk_in_form()
    form.set("first_name", "Marie")
    assert form.duplicates == []
    form.set("last_name", "jn baptiste")
    assert [d.reason for d in form.duplicates] == ["same name"]
    form.set("email", "P2@example.org")
    assert form.duplicates[0].reason == "same e-mail"
    form.use_existing(0)
    assert desk.current is not None and desk.current.ref == "C-0003"
    assert desk.figures.walk_ins == 0


def test_walk_in_duplicate_by_phone(desk: DeskPresenter) -> None:
    form = desk.walk_in_form()
    form.set("phone", "758 555 0001")
    assert [d.candidate.ref for d in form.duplicates] == ["C-0002"]


def test_walk_in_saved_gets_a_desk_ref_checked_in_and_badged(
        desk: DeskPresenter, tmp_path: Path) -> None:
    form = desk.walk_in_form()
    for key, value in (("first_name", "Shanice"), ("last_name", "Alexander"),
                       ("email", "shanice@example.org"), ("phone", "+1 758 720 1111"),
                       ("district", "Gros Islet"), ("roles", "Customer service, Sales"),
                       ("languages", "English, Kwéyòl"), ("consent", True)):
        form.set(key, value)
    saved = form.save()
    assert saved is not None and saved.ref == "W2-0001"
    assert saved.roles == ("Customer service", "Sales") and saved.consent
    assert (tmp_path / "badges" / "W2-0001.pdf").exists()
    assert desk.card is not None and desk.card.checked_in
    assert desk.figures.walk_ins == 1 and desk.figures.walk_ins_here == 1


def test_walk_in_without_a_name_is_refused(desk: DeskPresenter) -> None:
    form = desk.walk_in_form()
    form.set("email", "x@example.org")
    assert form.save() is None
    assert form.error_field == "first_name"
    assert desk.figures.walk_ins == 0


def test_edit_details(desk: DeskPresenter) -> None:
    desk.set_query("kerl")
    form = desk.edit_form()
    assert form is not None and form.values["first_name"] == "Kerlisha"
    form.set("last_name", "Joseph-Charles")
    assert form.save() is not None
    assert desk.current is not None and desk.current.last_name == "Joseph-Charles"


def test_printer_failure_is_said_and_nothing_is_logged(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    session.role, session.desk = "desk", 1
    make_people(1)
    desk = DeskPresenter(session)  # no printer chosen
    desk.set_query("kerl")
    desk.enter()
    assert desk.last_message is not None and desk.last_message.code == "print_failed"
    assert desk.card is not None and desk.card.checked_in and not desk.card.has_print
    assert desk.printer_state == "No printer chosen"


class HeldOutput(FolderSync):
    """A printer that finishes only when the test says so."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.held: list[Callable[[], None]] = []

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        self.held.append(lambda: super(HeldOutput, self).send(job, done, failed))


def test_a_badge_finishing_after_the_desk_closed_is_dropped_quietly(
        session: EventSession, tmp_path: Path, make_people: Callable[..., list[str]]) -> None:
    session.role, session.desk = "desk", 2
    make_people(3)
    output = HeldOutput(tmp_path / "badges")
    presenter = DeskPresenter(session, output)
    presenter.set_query("jn bap")
    presenter.enter()
    messages: list[str] = []
    presenter.on_message = lambda m: messages.append(m.text)
    presenter.close()
    session.close()  # the window went, and the session with it
    output.held.pop()()  # must not touch the closed session
    assert messages == [] and not presenter.printing


def test_a_late_tick_after_close_touches_nothing(desk: DeskPresenter) -> None:
    """The window's 30 s timer may fire once more after the desk (and its session) closed."""
    desk.close()
    desk.session.close()
    desk.tick()  # raised "Cannot operate on a closed database" inside Qt's event loop
    assert desk.closed


def _stable(pdf: bytes) -> bytes:
    """A PDF without what differs between two renders of one badge (dates, document ID)."""
    import re

    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[[^\]]*\]", b"", pdf)


class SpyPreparer:
    """Records what the desk asked to prepare; hands over a marked PDF when asked to."""

    def __init__(self, ready: bool) -> None:
        self.ready = ready
        self.prepared: list[badges.BadgeDraft] = []
        self.taken: list[badges.BadgeDraft] = []

    def prepare(self, draft: badges.BadgeDraft) -> None:
        self.prepared.append(draft)

    def take(self, draft: badges.BadgeDraft) -> bytes | None:
        self.taken.append(draft)
        if self.ready and self.prepared and self.prepared[-1] == draft:
            return b"%PDF-prepared " + draft.badges[0].ref.encode()
        return None

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def _desk_with(session: EventSession, tmp_path: Path, spy: SpyPreparer) -> DeskPresenter:
    session.role, session.desk = "desk", 2
    return DeskPresenter(session, FolderSync(tmp_path / "badges"), preparer=spy)


def test_the_selected_badge_is_prepared_and_enter_prints_it(
        session: EventSession, tmp_path: Path, make_people: Callable[..., list[str]]) -> None:
    make_people(5)
    spy = SpyPreparer(ready=True)
    desk = _desk_with(session, tmp_path, spy)
    desk.set_query("jn bap")
    desk.set_query("desiree")  # a new selection: a new draft
    assert [d.badges[0].ref for d in spy.prepared][-2:] == ["C-0003", "C-0002"]
    desk.enter()
    assert (tmp_path / "badges" / "C-0002.pdf").read_bytes() == b"%PDF-prepared C-0002"
    desk.close()


def test_enter_before_the_badge_is_ready_renders_the_right_one_inline(
        session: EventSession, tmp_path: Path, make_people: Callable[..., list[str]]) -> None:
    make_people(5)
    spy = SpyPreparer(ready=False)
    desk = _desk_with(session, tmp_path, spy)
    desk.set_query("desiree")
    desk.enter()
    pdf = (tmp_path / "badges" / "C-0002.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"prepared" not in pdf
    person = find_candidate(session, "C-0002")
    assert _stable(pdf) == _stable(badges.badge_pdf(session, [person], desk.layout))
    desk.close()


def test_the_real_preparer_renders_the_same_pdf_off_the_thread(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    import time

    from fairdesk.ui.common.presenters.badge_output import BadgePreparer

    [person_id] = make_people(1)
    person = find_candidate(session, "C-0001")
    assert person.id == person_id
    draft = badges.badge_draft(session, [person])
    other = badges.badge_draft(session, [person], "a6")
    preparer = BadgePreparer()
    preparer.prepare(draft)
    assert preparer.take(other) is None  # another layout's badge is never handed over
    deadline = time.monotonic() + 30
    ready = preparer.take(draft)
    while ready is None and time.monotonic() < deadline:
        time.sleep(0.01)
        ready = preparer.take(draft)
    assert ready is not None and _stable(ready) == _stable(draft.render())
    assert preparer.take(draft) is None  # handed over once
    preparer.close()


def test_a_printer_in_error_is_named_and_the_check_in_stands(
        session: EventSession, make_people: Callable[..., list[str]], qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    monkeypatch.setattr(printing, "print_pdf", lambda name, _pdf, _title: sent.append(name))
    session.role, session.desk = "desk", 1
    people = make_people(1)
    printers = FakePrinters(**{"QL-800": QPrinter.PrinterState.Error})
    desk = DeskPresenter(session, PrinterOutput("QL-800", printers))
    desk.set_query("kerl")
    desk.enter()
    qtbot.waitUntil(lambda: not desk.printing, timeout=5000)
    message = desk.last_message
    assert message is not None and message.code == "print_failed"
    assert message.text.startswith("The badge of Kerlisha Joseph (C-0001) did not print: "
                                   "the printer QL-800 reports an error (out of paper")
    assert desk.card is not None and desk.card.checked_in and not desk.card.has_print
    assert badge_prints.for_candidate(session.store, people[0]) == [] and sent == []
    assert desk.printer_state == "Printer QL-800 (reports an error)"
    desk.close()


def test_a_warning_about_an_earlier_search_goes_when_the_search_is_retyped(
        desk: DeskPresenter) -> None:
    """Under Xvfb: Enter on "marcia mod" (no match) said "No one is selected"; the
    worker selected all and typed "kad", and the warning stood over the person found."""
    desk.set_query("zzz")
    desk.enter()
    assert desk.last_message is not None and desk.last_message.code == "nothing_selected"
    desk.set_query("zz")  # a shorter search still finds no one: the warning still holds
    assert desk.last_message is not None
    desk.set_query("le")  # replaced, not emptied first: a new search
    assert desk.current is not None and desk.last_message is None

    desk.set_query("marie jn bapx")
    desk.enter()
    assert desk.last_message is not None and desk.last_message.code == "nothing_selected"
    desk.set_query("marie jn bap")  # one backspace: someone is selected, the warning goes
    assert desk.current is not None and desk.last_message is None


def test_the_timer_copies_the_log_into_the_file_between_people(
        desk: DeskPresenter, session: EventSession) -> None:
    """Not inside the check-in commit that fills the log (2–4 ms more at Enter)."""
    assert session.path is not None
    desk.set_query("jn bap")
    desk.enter()
    person = desk.current
    assert person is not None
    assert checkins_in_the_file_itself(session.path, person.id) == 0  # only in the log
    desk.tick()
    assert checkins_in_the_file_itself(session.path, person.id) == 1
