"""The kiosk's screens as a plain state machine (no Qt): the window only renders it.

    idle ──scan──► welcome(name, "Not you?") ──confirm/after WELCOME_S──► printing
    printing ──printed──► done ("Take your badge") ──after DONE_S──► idle
    any refusal ──► desk (one sentence + "Please see the desk") ──after DESK_S──► idle
    idle ──"Type my e-mail"──► keyboard ──submit──► welcome | desk

Nothing is written until the printer took the badge: the check-in and its
print log are then one transaction (``services.kiosk.check_in_with_badge``);
a refusal or a printer fault records nothing. The kiosk never lists anyone:
a typed e-mail or ref must match exactly one candidate.

Time is injected (``clock``, monotonic seconds); the view calls :meth:`tick`
a few times a second and the presenter moves on when a screen's time is up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from fairdesk.domain.errors import AlreadyCheckedIn, FairDeskError
from fairdesk.domain.model import Candidate
from fairdesk.services import badges, booth, kiosk
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.badge_output import (
    BadgeJob,
    BadgeOutput,
    BadgePreparer,
    NoOutput,
    NoPreparer,
)
from fairdesk.ui.common.presenters.base import Presenter
from fairdesk.ui.kiosk.presenters import wording

log = logging.getLogger(__name__)

Screen = Literal["idle", "welcome", "printing", "done", "desk", "keyboard", "pin"]
Source = Literal["scanner", "camera"]
WELCOME_S = 5.0  # the badge prints by itself unless "Not you?" is pressed
DONE_S = 6.0
DESK_S = 15.0
KEYBOARD_S = 60.0  # an abandoned keyboard goes back to idle
CAMERA_REPEAT_S = 4.0  # the camera seeing the same code again within this is ignored
# An Enter this soon after the welcome screen came up is not a person reading
# it: a scanner's late Enter (the scan detector swallows those by their key
# stamps) or "Find me" pressed twice on the keyboard screen. It must not press
# "Print my badge" and skip the welcome screen (and its "Not you?").
ENTER_SUFFIX_S = 0.6
MAX_ENTRY = 80


@dataclass(frozen=True)
class View:
    """What the window draws."""

    screen: Screen
    title: str
    sentence: str = ""
    name: str = ""
    entry: str = ""  # the keyboard's text (dots on the PIN screen)
    seconds_left: int = 0


class KioskPresenter(Presenter):
    def __init__(self, session: EventSession, output: BadgeOutput | None = None,
                 layout: str = "brother-62x100",
                 clock: Callable[[], float] = time.monotonic,
                 preparer: BadgePreparer | NoPreparer | None = None) -> None:
        super().__init__()
        self.session = session
        self.output: BadgeOutput = output or NoOutput()
        # The badge renders off this thread while the welcome screen is read.
        self.preparer = preparer if preparer is not None else BadgePreparer()
        self.layout = layout
        self.clock = clock
        self.on_exit: Callable[[], None] = lambda: None  # the PIN was right: leave kiosk mode
        self.screen: Screen = "idle"
        self.candidate: Candidate | None = None
        self.sentence = ""
        self.code = ""  # the refusal's code on the desk screen (tests, styling)
        self.entry = ""
        self._welcome_at: float | None = None  # when the welcome screen came up
        self.printed_to = ""  # where the last badge went (a file or a printer)
        self._deadline: float | None = None
        self._camera_seen: dict[str, float] = {}
        self._job: BadgeJob | None = None
        self._draft: badges.BadgeDraft | None = None
        self.closed = False

    # ---------------------------------------------------------- what to draw
    @property
    def view(self) -> View:
        name = self.candidate.display_name if self.candidate else ""
        titles: dict[Screen, str] = {
            "idle": "Scan the QR code on your invitation",
            "welcome": "Welcome",  # the name shows below, large
            "printing": "Printing your badge…",
            "done": "Take your badge",
            "desk": wording.DESK,
            "keyboard": "Type your e-mail or ref code",
            "pin": "Organizer's PIN",
        }
        entry = "•" * len(self.entry) if self.screen == "pin" else self.entry
        return View(self.screen, titles[self.screen], self.sentence, name, entry,
                    self.seconds_left)

    @property
    def seconds_left(self) -> int:
        if self._deadline is None:
            return 0
        return max(0, int(self._deadline - self.clock() + 0.999))

    # ---------------------------------------------------------- input
    def scan(self, text: str, source: Source = "scanner") -> bool:
        """A code from the scanner or the camera; False when ignored or refused."""
        text = text.strip()
        if not text or self.screen in ("printing", "pin") or self.closed:
            return False
        if source == "camera" and self._camera_repeat(text):
            return False
        try:
            candidate = kiosk.identify(self.session, text)
        except FairDeskError as error:
            self._refuse(error)
            return False
        return self._welcome(candidate)

    def _camera_repeat(self, text: str) -> bool:
        now = self.clock()
        seen = self._camera_seen.get(text)
        self._camera_seen = {k: t for k, t in self._camera_seen.items()
                             if now - t < CAMERA_REPEAT_S}
        self._camera_seen[text] = now
        return seen is not None and now - seen < CAMERA_REPEAT_S

    def _welcome(self, candidate: Candidate) -> bool:
        try:
            plan = kiosk.plan(self.session, candidate)
        except AlreadyCheckedIn as error:
            at = str(error.details.get("local_time", ""))
            self._to_desk(wording.already_checked_in(at), error.code)
            return False
        except FairDeskError as error:
            self._refuse(error)
            return False
        self.candidate = candidate
        if plan.print_badge:
            self._prepare(candidate)
        self._go("welcome", WELCOME_S)
        self._welcome_at = self.clock()
        return True

    def _prepare(self, candidate: Candidate) -> None:
        try:
            self._draft = badges.badge_draft(self.session, [candidate], self.layout)
        except FairDeskError:
            self._draft = None
            self.preparer.cancel()  # "Print my badge" says what is wrong
            return
        self.preparer.prepare(self._draft)

    def not_me(self) -> None:
        """"Not you?" on the welcome screen: nothing is recorded; the desk sorts it out."""
        if self.screen == "welcome":
            self._to_desk(wording.sentence_for("not_you"), "not_you")

    def no_invitation(self) -> None:
        """"I have no invitation" on the idle screen: walk-ins register at the desk."""
        self._to_desk(wording.sentence_for("walk_in"), "walk_in")

    def back(self) -> None:
        """"OK" / "Cancel": back to the idle screen."""
        if self.screen != "printing":
            self._idle()

    # ---------------------------------------------------------- printing
    def confirm(self) -> None:
        """"Print my badge" (or the welcome screen's time ran out)."""
        candidate = self.candidate
        if self.screen != "welcome" or candidate is None:
            return
        try:
            plan = kiosk.plan(self.session, candidate)  # a desk may have checked them in since
            if not plan.print_badge:
                kiosk.check_in_only(self.session, candidate)
                self.sentence = (f"Your badge was printed on {plan.printed_on}: please wear "
                                 "it today too. Lost it? The desk will reprint it.")
                self._go("done", DONE_S, keep_sentence=True)
                return
            if not self.output.ready:
                self._to_desk(wording.sentence_for("print_failed"), "print_failed")
                return
            draft = self._draft  # read from the event on the welcome screen
            if draft is None or draft.badges[0].ref != candidate.ref:
                draft = badges.badge_draft(self.session, [candidate], self.layout)
            pdf = self.preparer.take(draft) or draft.render()
        except AlreadyCheckedIn:
            self._welcome(candidate)  # says when, and sends them to the desk
            return
        except FairDeskError as error:
            self._refuse(error)
            return
        self._job = BadgeJob(candidate.id, candidate.ref, candidate.display_name, pdf,
                             self.layout)
        self._go("printing", None)
        self.output.send(self._job, self._printed, self._print_failed)

    def _printed(self, job: BadgeJob, where: str) -> None:
        if self.closed or job is not self._job or self.candidate is None:
            return
        self._job = None
        try:
            kiosk.check_in_with_badge(self.session, self.candidate, job.layout)
        except FairDeskError as error:  # a desk checked them in meanwhile: the badge is out
            log.warning("kiosk: badge of %s printed but not recorded: %s", job.ref, error)
        self.printed_to = where
        self.sentence = "Welcome to the fair."
        self._go("done", DONE_S, keep_sentence=True)

    def _print_failed(self, job: BadgeJob, why: str) -> None:
        if self.closed or job is not self._job:
            return
        self._job = None
        log.warning("kiosk: badge of %s did not print: %s", job.ref, why)
        self._to_desk(wording.sentence_for("print_failed"), "print_failed")

    # ---------------------------------------------------------- keyboard
    def open_keyboard(self) -> None:
        if self.screen in ("idle", "desk", "done"):
            self.entry = ""
            self._go("keyboard", KEYBOARD_S)

    def type(self, text: str) -> None:
        """On-screen (or hardware) keys into the keyboard or PIN entry."""
        if self.screen not in ("keyboard", "pin"):
            return
        clean = "".join(ch for ch in text if ch.isprintable())
        self.entry = (self.entry + clean)[:MAX_ENTRY]
        self._go(self.screen, KEYBOARD_S, keep_sentence=True)

    def backspace(self) -> None:
        if self.screen in ("keyboard", "pin"):
            self.entry = self.entry[:-1]
            self._go(self.screen, KEYBOARD_S, keep_sentence=True)

    def enter_key(self) -> None:
        """Enter (Return) on a keyboard or from the scanner: "Print my badge" on the
        welcome screen, unless it is the scanner's own Enter ending the code that
        brought the screen up; elsewhere "Find me" / "Leave"."""
        if self.screen == "welcome":
            at = self._welcome_at
            if at is None or self.clock() - at >= ENTER_SUFFIX_S:
                self.confirm()
            return
        self.submit()

    def submit(self) -> None:
        """The keyboard's "Find me" (exact e-mail or ref), or the PIN screen's "Leave"."""
        if self.screen == "pin":
            self._try_pin()
            return
        if self.screen != "keyboard" or not self.entry.strip():
            return
        try:
            candidate = kiosk.identify_typed(self.session, self.entry)
        except FairDeskError as error:
            if error.code == "not_an_invitation":  # a name typed: say what to type instead
                self.sentence = wording.refusal(error)
                self.changed()
                return
            self._refuse(error)
            return
        self.entry = ""
        self._welcome(candidate)

    # ---------------------------------------------------------- leaving kiosk mode
    @property
    def pin_required(self) -> bool:
        return booth.exit_pin_set(self.session)

    def request_exit(self) -> bool:
        """The staff corner: True when kiosk mode may end now (no PIN set)."""
        if not self.pin_required:
            return True
        if self.screen != "printing":
            self.entry = ""
            self.sentence = ""
            self._go("pin", KEYBOARD_S)
        return False

    def _try_pin(self) -> None:
        pin, self.entry = self.entry, ""
        if booth.check_exit_pin(self.session, pin):
            self.closed = True
            self.on_exit()
            return
        self.sentence = wording.sentence_for("wrong_pin")
        self._go("pin", KEYBOARD_S, keep_sentence=True)

    def close(self) -> None:
        self.closed = True
        self.preparer.close()

    # ---------------------------------------------------------- time and screens
    def tick(self) -> None:
        """The view's timer: a screen whose time ran out moves on."""
        if self.closed or self._deadline is None:
            return
        if self.clock() < self._deadline:
            self.changed()  # the countdown moves
            return
        if self.screen == "welcome":
            self.confirm()
        else:
            self._idle()

    def fail_safe(self, error: BaseException) -> None:
        """Anything unexpected (a bug, a broken file): the desk screen, never a desktop."""
        log.exception("kiosk: unexpected error", exc_info=error)
        self._job = None
        self._to_desk(wording.GENERIC, "unexpected")

    def _refuse(self, error: FairDeskError) -> None:
        self._to_desk(wording.refusal(error), error.code)

    def _to_desk(self, sentence: str, code: str) -> None:
        self.sentence, self.code = sentence, code
        self.candidate, self._draft = None, None
        self.preparer.cancel()
        self.say("error", sentence, code)
        self._go("desk", DESK_S, keep_sentence=True)

    def _idle(self) -> None:
        self.preparer.cancel()
        self._draft = None
        self.candidate, self.entry, self.code = None, "", ""
        self._go("idle", None)
        if not self.closed:
            self.session.store.checkpoint()  # now, not in the next candidate's commit

    def _go(self, screen: Screen, seconds: float | None, keep_sentence: bool = False) -> None:
        self.screen = screen
        if not keep_sentence:
            self.sentence = ""
        self._deadline = None if seconds is None else self.clock() + seconds
        self.changed()
