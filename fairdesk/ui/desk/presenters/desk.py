"""The registration desk: find, check in and badge a candidate in seconds.

Plain Python (no Qt): the window renders this state and forwards keys to it.
Search runs on every keystroke; Enter checks the selected candidate in and
prints the badge; a scan (see :mod:`fairdesk.ui.common.presenters.scanner`) resolves
a badge or invitation code and does the same. Every refusal is a sentence in
``last_message`` and changes nothing. A candidate with Phase Two interviews
today (a later fair day) is told them at check-in and offered the slip
(Ctrl+I), printed on the desk's badge printer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fairdesk.domain.errors import AlreadyCheckedIn, FairDeskError
from fairdesk.domain.model import Candidate
from fairdesk.services import badges, desk
from fairdesk.services.candidates import edit_candidate, find_candidate
from fairdesk.services.checkin import check_in, undo_check_in
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.badge_output import (
    BadgeJob,
    BadgeOutput,
    BadgePreparer,
    NoOutput,
    NoPreparer,
)
from fairdesk.ui.common.presenters.base import Presenter
from fairdesk.ui.desk.presenters.walk_in import CandidateForm

REPRINT_REASONS = ("Badge lost", "Name misspelt (edited)", "Printer jammed or smudged",
                   "Badge damaged")
UNDO_REASONS = ("Checked in the wrong person", "Candidate left before the fair",
                "Test check-in")
_CONCERNS = frozenset({"checkins", "candidates", "badges", "resumes", "event", "interviews"})
SLIP_REASON = "interview slip"  # a job with this reason is a slip, not a badge


@dataclass(frozen=True)
class ResultRow:
    """One line of the result list."""

    candidate_id: str
    name: str
    detail: str  # "C-0147 · marie@example.org · +1 758 …"
    status: str  # "✓ 09:42" or ""


class DeskPresenter(Presenter):
    def __init__(self, session: EventSession, output: BadgeOutput | None = None,
                 layout: str = "brother-62x100",
                 preparer: BadgePreparer | NoPreparer | None = None) -> None:
        super().__init__()
        self.session = session
        self.output: BadgeOutput = output or NoOutput()
        self.preparer = preparer if preparer is not None else BadgePreparer()
        self._acting = False
        self.layout = layout
        self.query = ""
        self.results: list[Candidate] = []
        self.rows: list[ResultRow] = []
        self.selected = -1
        self.current: Candidate | None = None
        self.card: desk.CandidateCard | None = None
        self.figures = desk.figures(session)
        self.printing: set[str] = set()  # candidate ids whose badge is on its way
        self.on_printed: Callable[[str], None] = lambda where: None
        self._unsubscribe = session.subscribe(self._session_changed)
        self.closed = False

    def close(self) -> None:
        """No more work: a badge finishing after this is not recorded (the session may be gone)."""
        self.closed = True
        self._unsubscribe()
        self.preparer.close()

    # ---------------------------------------------------------- search
    def set_query(self, text: str) -> None:
        message, before = self.last_message, self.query.strip()
        self.query = text
        self.results = desk.find(self.session, text) if text.strip() else []
        if text.strip() and message is not None and message.level != "info":
            typed_on = bool(before) and (text.startswith(before) or before.startswith(text))
            # a new search is not about the refused person; "no one selected" is untrue now
            if not typed_on or (self.results and message.code == "nothing_selected"):
                self.dismiss()
        self.selected = 0 if self.results else -1
        self._show(self.results[0] if self.results else None, keep_empty=not text.strip())
        self._render_rows()
        self.changed()

    def move(self, delta: int) -> None:
        """Up/Down in the result list (the search field keeps focus)."""
        if not self.results:
            return
        self.select(max(0, min(len(self.results) - 1, self.selected + delta)))

    def select(self, index: int) -> None:
        if 0 <= index < len(self.results):
            self.selected = index
            self._show(self.results[index])
            self.changed()

    def clear(self) -> None:
        """Esc: an empty search, ready for the next person."""
        self.query = ""
        self.results, self.rows, self.selected = [], [], -1
        self._show(None)
        self.changed()

    @property
    def empty_text(self) -> str:
        if not self.query.strip():
            return "Type a name, ref code, e-mail or phone number — or scan a badge."
        return f"No one matches “{self.query.strip()}”. Check the spelling, or register a " \
               "walk-in (Ctrl+N)."

    # ---------------------------------------------------------- check-in
    def enter(self) -> None:
        """Enter: check the selected candidate in and print the badge."""
        if self.current is None:
            self.say("warning", "No one is selected: type a few letters of the name first.",
                     "nothing_selected")
            return
        self.check_in(self.current)

    def scan(self, text: str) -> None:
        """A badge or invitation code from the scanner; unknown or forged: nothing changes."""
        try:
            candidate = badges.resolve_payload(self.session, text)
        except FairDeskError as error:
            self.refused(error)
            return
        self.check_in(candidate)

    def check_in(self, candidate: Candidate) -> None:
        if self._commit_check_in(candidate):
            self._print(candidate, "")

    def _commit_check_in(self, candidate: Candidate) -> bool:
        """Commit and show the person; True when their badge is to print now.

        While the check-in commits, the desk's own change notice redraws nothing
        and prepares nothing: :meth:`_after_action` redraws once, and the badge
        prepared for this person stays ready for :meth:`_print`.
        """
        self._acting = True
        try:
            try:
                check_in(self.session, candidate.id)
            except AlreadyCheckedIn as error:
                self._after_action(candidate)
                self.refused(error)
                return False
            except FairDeskError as error:
                self.refused(error)
                return False
            self._after_action(candidate)
        finally:
            self._acting = False
        card = self.card
        done = f"✓ Checked in {candidate.display_name} ({candidate.ref})."
        if card is not None and card.has_print:
            self.say("info", f"{done} {card.printed}: hand it over, or reprint (Ctrl+P)."
                     + _interviews_note(card))
            return False
        self.say("info", f"{done} Printing the badge…" + _interviews_note(card))
        return True

    def _after_action(self, candidate: Candidate) -> None:
        """Show the person acted on; the search is emptied for the next in line."""
        self.query = ""
        self.results, self.rows, self.selected = [], [], -1
        self._show(candidate)
        self.changed()

    # ---------------------------------------------------------- printing
    def reprint(self, reason: str) -> None:
        candidate = self.current
        if candidate is None:
            self.say("warning", "Select a candidate to reprint their badge.")
            return
        try:
            badges.check_print(self.session, candidate, reason)
        except FairDeskError as error:
            self.refused(error)
            return
        self._print(candidate, reason)

    @property
    def needs_reprint_reason(self) -> bool:
        return self.card is not None and self.card.has_print

    def _print(self, candidate: Candidate, reason: str) -> None:
        try:
            draft = badges.badge_draft(self.session, [candidate], self.layout)
        except FairDeskError as error:
            self.refused(error)
            return
        pdf = self.preparer.take(draft)  # ready when it was rendered while the card showed
        if pdf is None:
            pdf = draft.render()
        job = BadgeJob(candidate.id, candidate.ref, candidate.display_name, pdf,
                       self.layout, reason)
        self.printing.add(candidate.id)
        self.output.send(job, self._printed, self._print_failed)

    def _printed(self, job: BadgeJob, where: str) -> None:
        self.printing.discard(job.candidate_id)
        if self.closed:
            return
        try:
            candidate = find_candidate(self.session, job.candidate_id)
            badges.record_print(self.session, candidate, job.layout, job.reason or None)
        except FairDeskError as error:
            self.refused(error)
            return
        shown = self.current is not None and self.current.id == job.candidate_id
        self.say("info", f"✓ Badge printed for {job.name} ({job.ref})."
                 + (_interviews_note(self.card) if shown else ""))
        self.on_printed(where)

    def _print_failed(self, job: BadgeJob, why: str) -> None:
        self.printing.discard(job.candidate_id)
        if self.closed:
            return
        self.say("error", f"The badge of {job.name} ({job.ref}) did not print: {why}",
                 "print_failed")
        self.changed()

    # ---------------------------------------------------------- interview slips
    @property
    def offers_slip(self) -> bool:
        return self.card is not None and self.card.has_slip

    def print_slip(self) -> None:
        """Ctrl+I: today's interview slips of the person shown, on the badge printer."""
        candidate = self.current
        if candidate is None or self.card is None:
            self.say("warning", "Select a candidate to print their interview slip.")
            return
        if not self.card.has_slip:
            self.say("warning", f"{candidate.display_name} ({candidate.ref}) has no interview "
                     "today.")
            return
        # on demand: the slip's module brings reportlab, openpyxl and icalendar with it
        from fairdesk.services.interview_exports import slip_pdf

        try:
            pdf = slip_pdf(self.session, candidate.id, self.layout, self.session.fair_day())
        except FairDeskError as error:
            self.refused(error)
            return
        job = BadgeJob(candidate.id, candidate.ref, candidate.display_name, pdf, self.layout,
                       SLIP_REASON)
        self.printing.add(candidate.id)
        self.output.send(job, self._slip_printed, self._slip_failed)

    def _slip_printed(self, job: BadgeJob, where: str) -> None:
        self.printing.discard(job.candidate_id)
        if self.closed:
            return
        self.say("info", f"✓ Interview slip printed for {job.name} ({job.ref}).")
        self.on_printed(where)

    def _slip_failed(self, job: BadgeJob, why: str) -> None:
        self.printing.discard(job.candidate_id)
        if self.closed:
            return
        self.say("error", f"The interview slip of {job.name} ({job.ref}) did not print: {why}",
                 "print_failed")
        self.changed()

    def set_output(self, output: BadgeOutput) -> None:
        self.output = output
        self.changed()

    # ---------------------------------------------------------- undo and edit
    def undo(self, reason: str) -> None:
        candidate = self.current
        if candidate is None:
            self.say("warning", "Select a candidate to undo their check-in.")
            return
        try:
            undo_check_in(self.session, candidate.id, reason)
        except FairDeskError as error:
            self.refused(error)
            return
        self.say("info", f"Check-in of {candidate.display_name} ({candidate.ref}) undone.")

    def edit_form(self) -> CandidateForm | None:
        if self.current is None:
            self.say("warning", "Select a candidate to edit their details.")
            return None
        form = CandidateForm(self.session, existing=self.current)
        form.on_saved = self._edited
        return form

    def _edited(self, candidate: Candidate) -> None:
        self._show(candidate)
        self.say("info", f"Details of {candidate.display_name} ({candidate.ref}) saved.")

    def save_edit(self, fields: dict[str, Any]) -> bool:
        """Edit the current candidate directly (used by scripts and tests)."""
        if self.current is None:
            return False
        try:
            edit_candidate(self.session, self.current.id, **fields)
        except FairDeskError as error:
            self.refused(error)
            return False
        return True

    # ---------------------------------------------------------- walk-ins
    def walk_in_form(self) -> CandidateForm:
        form = CandidateForm(self.session)
        form.on_saved = self._walk_in_saved
        form.on_use_existing = self._use_existing
        return form

    def _walk_in_saved(self, candidate: Candidate) -> None:
        self.check_in(candidate)

    def _use_existing(self, candidate: Candidate) -> None:
        self._after_action(candidate)
        self.say("info", f"Showing {candidate.display_name} ({candidate.ref}), already "
                 "registered: press Enter to check them in.")

    # ---------------------------------------------------------- state
    def _show(self, candidate: Candidate | None, keep_empty: bool = False) -> None:
        if candidate is None and keep_empty and self.current is not None:
            candidate = self.current  # emptied search: keep showing the last person
        self.current = candidate
        self.card = desk.card(self.session, candidate) if candidate else None
        self._prepare_badge()

    def _prepare_badge(self) -> None:
        """Render the badge Enter would print, off this thread, while the card is looked at."""
        if self._acting:
            return  # the badge prepared for this person is about to be taken: keep it
        candidate, card = self.current, self.card
        if candidate is None or card is None or card.has_print or self.closed:
            self.preparer.cancel()
            return
        try:
            self.preparer.prepare(badges.badge_draft(self.session, [candidate], self.layout))
        except FairDeskError:
            self.preparer.cancel()  # Enter says what is wrong, inline
    def _render_rows(self) -> None:
        today = desk.checked_in_today(self.session, self.results)
        rows = []
        for c in self.results:
            detail = " · ".join(p for p in (c.ref, c.email, c.phone, c.district) if p)
            found = today.get(c.id)
            status = f"✓ {self.session.local_time(found.at)}" if found else ""
            rows.append(ResultRow(c.id, c.display_name, detail, status))
        self.rows = rows

    @property
    def interview_lines(self) -> list[str]:
        """Today's interviews of the person shown, for the panel."""
        return [i.line for i in self.card.interviews] if self.card is not None else []

    @property
    def printer_state(self) -> str:
        busy = f" · printing {len(self.printing)}" if self.printing else ""
        return self.output.description + busy

    def tick(self) -> None:
        """A timer (every 30 s): "check-ins in the last 10 minutes" moves on with the
        clock, and the write-ahead log is copied into the file between people, not
        inside a check-in's commit (see ``EventStore.checkpoint``)."""
        if self.closed:  # a late timer: the session may be closed already
            return
        self.session.store.checkpoint()
        self.figures = desk.figures(self.session)
        self.changed()

    def _session_changed(self, change: Change) -> None:
        if change.topic not in _CONCERNS:
            return
        self.figures = desk.figures(self.session)
        if self._acting:
            return  # our own check-in: _after_action shows the person and redraws once
        if self.current is not None:
            try:
                self._show(find_candidate(self.session, self.current.id))
            except FairDeskError:
                self._show(None)
        self._render_rows()
        self.changed()


def _interviews_note(card: desk.CandidateCard | None) -> str:
    """`` Interviews today: 10:00 Acme BPO, 11:00 Bluewave — print the slip (Ctrl+I).``"""
    if card is None or not card.interviews:
        return ""
    listed = ", ".join(f"{i.start} {i.employer}" + (" (clash: rebook at the booth)"
                                                     if i.clash else "")
                       for i in card.interviews)
    offer = " — print the slip (Ctrl+I)." if card.has_slip else "."
    return f" Interviews today: {listed}{offer}"
