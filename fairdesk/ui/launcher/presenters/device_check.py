"""The "Check this device" screen: the readiness checks of ``fairdesk doctor``, one line
each, green or red with what to do, and the scanner tried on the test badge.

The checks run off the GUI thread (:meth:`work` is the job; the view hands its
answer to :meth:`finished`). A scanned code goes to :meth:`scanned`: the test
badge read back whole turns the scanner line green.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fairdesk.services.doctor import CheckResult, Doctor, TrialBadge, run_checks, trial_badge
from fairdesk.ui.common.presenters.base import Presenter

SCANNER = "Scanner"


@dataclass(frozen=True)
class Line:
    name: str
    ok: bool
    detail: str
    fix: str

    @property
    def mark(self) -> str:
        return "✔" if self.ok else "✘"


class DeviceCheckPresenter(Presenter):
    def __init__(self, make_doctor: Callable[[], Doctor]) -> None:
        super().__init__()
        self._make_doctor = make_doctor
        self.results: list[CheckResult] = []
        self.running = False
        self.scanner: CheckResult | None = None
        self.badge: TrialBadge | None = None

    # ------------------------------------------------------------ state
    @property
    def lines(self) -> list[Line]:
        results = [self.scanner if r.name == SCANNER and self.scanner else r
                   for r in self.results]
        return [Line(r.name, r.ok, r.detail, r.fix) for r in results]

    @property
    def summary(self) -> str:
        if self.running:
            return "Checking this device…"
        if not self.results:
            return "Press Check to test the printer, scanner, camera, hub and event file."
        red = [line.name for line in self.lines if not line.ok]
        if not red:
            return "All green: this device is ready for the fair."
        return f"{len(red)} to fix: {', '.join(red)}."

    # ------------------------------------------------------------ actions
    def start(self) -> Callable[[], list[CheckResult]] | None:
        """Begin a run; returns the work for a job (``None``: one is running already)."""
        if self.running:
            return None
        self.running = True
        doctor = self._make_doctor()
        if self.badge is None:
            self.badge = trial_badge(doctor.event, str(doctor.settings.get("badge_layout")))
        self.changed()
        return lambda: run_checks(doctor)

    def finished(self, results: list[CheckResult]) -> None:
        self.running = False
        self.results = results
        self.changed()

    def failed(self, error: Exception) -> None:
        self.running = False
        self.say("error", f"The check could not run: {error}")
        self.changed()

    def scanned(self, text: str) -> None:
        """What the scanner typed while the test badge was shown."""
        if self.badge is None:
            return
        clean = text.strip()
        if clean == self.badge.payload:
            self.scanner = CheckResult(SCANNER, True, "The scanner read the test badge whole.")
        elif clean.upper() == self.badge.payload.upper() or len(clean) >= 8:
            self.scanner = CheckResult(
                SCANNER, False, "The scanner changed the code on the way in.",
                "Set the scanner to a US keyboard layout with Enter after each code "
                "(see its manual's setup barcodes), then scan again.")
        else:
            return
        self.changed()
