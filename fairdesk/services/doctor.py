"""Is this device ready for the fair? The readiness checks, declared as data.

``fairdesk doctor`` and the launcher's "Check this device" screen run the same
:data:`CHECKS`: each is a name, a function of a :class:`Doctor` (what the
check may look at) and a rule saying when it applies. A check never raises:
it answers a :class:`CheckResult`, green (``ok``) or red, with what to do.

What only Qt can see (the platform plugin, fonts, printers, cameras) arrives
as :class:`QtFacts`, gathered by ``fairdesk.ui.common.device_probes``; printing
on a system printer is injected too, so this module stays free of Qt.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fairdesk.badges import token
from fairdesk.badges.branding import Branding
from fairdesk.badges.keys import new_key_pair
from fairdesk.badges.layouts import DEFAULT_LAYOUT, LAYOUTS, get_layout
from fairdesk.badges.render import BadgeData, render_pdf
from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.ids import new_id
from fairdesk.resources import FONTS
from fairdesk.services.app_settings import AppSettings, config_dir
from fairdesk.services.session import Clock, EventSession, open_session, utc_now

TEST_BADGE_NAME = "fairdesk-test-badge.pdf"
MIN_FREE_BYTES = 1024**3  # badges, backups and a day of ops need far less; bundles need more
CLOCK_TOLERANCE_S = 120.0
NO_CAMERA = "No camera found."


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str = ""  # what to do when red (or a hint when green)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail, "fix": self.fix}


@dataclass(frozen=True)
class QtFacts:
    """What Qt found on this computer (``problem``: why the desktop platform failed)."""

    platform: str = ""
    problem: str = ""
    fonts: tuple[str, ...] = ()  # the FairDesk font families Qt loaded
    printers: tuple[str, ...] = ()
    cameras: tuple[str, ...] = ()
    scanners: tuple[str, ...] = ()  # input devices named like barcode scanners

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> QtFacts:
        def names(key: str) -> tuple[str, ...]:
            value = raw.get(key)
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        return cls(str(raw.get("platform", "")), str(raw.get("problem", "")), names("fonts"),
                   names("printers"), names("cameras"), names("scanners"))

    def as_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "problem": self.problem, "fonts": list(self.fonts),
                "printers": list(self.printers), "cameras": list(self.cameras),
                "scanners": list(self.scanners)}


PrintTest = Callable[[str, bytes], str]  # (printer name, PDF) -> where it went


def _no_printing(printer: str, pdf: bytes) -> str:
    raise OSError("printing is not available here")


@dataclass
class Doctor:
    """What the checks look at; ``cache`` keeps one hub answer for several checks."""

    event: Path | None
    settings: AppSettings
    facts: QtFacts
    print_to: Path | None = None
    send_to_printer: PrintTest = _no_printing
    clock: Clock = utc_now
    free_bytes: Callable[[Path], int] = lambda p: shutil.disk_usage(p).free
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def role(self) -> str:
        """The event file's role when it was joined; else the role the launcher used last."""
        role = self.device_settings().get("role")
        return str(role or self.settings.get("last_role") or "organizer")

    def device_settings(self) -> dict[str, Any]:
        if "device" not in self.cache:
            self.cache["device"] = _read_device(self.event)
        found: dict[str, Any] = self.cache["device"]
        return found

    @property
    def paired(self) -> bool:
        found = self.device_settings()
        return bool(found.get("hub_url")) and bool(found.get("hub_token"))

    @property
    def folder(self) -> Path | None:
        if self.print_to is not None:
            return self.print_to
        configured = self.settings.get("print_to_folder")
        return Path(configured) if configured else None


def _read_device(event: Path | None) -> dict[str, Any]:
    if event is None:
        return {}
    try:
        session = open_session(event)
    except (FairDeskError, OSError):
        return {}
    try:
        return {k: session.store.setting(k) for k in ("role", "hub_url", "hub_token")}
    finally:
        session.close()


# ---------------------------------------------------------------- the test badge
@dataclass(frozen=True)
class TrialBadge:
    payload: str
    pdf: bytes


def trial_badge(event: Path | None, layout: str = DEFAULT_LAYOUT) -> TrialBadge:
    """A badge for "Test Badge" (ref T-0000), signed with the event's key when it has one."""
    signing_key, event_id, event_name = new_key_pair()[0], new_id(), "FairDesk test page"
    if event is not None:
        try:
            session = open_session(event)
        except (FairDeskError, OSError):
            session = None
        if session is not None:
            with _closing(session):
                if session.event.signing_key is not None:
                    signing_key, event_id = session.event.signing_key, session.event.id
                event_name = f"{session.event.name}: test page"
    payload = token.sign(signing_key, event_id, new_id(), "Test Badge")
    chosen = get_layout(layout if layout in LAYOUTS else DEFAULT_LAYOUT)
    pdf = render_pdf([BadgeData(event_name, "Test Badge", "T-0000", False, payload)], chosen,
                     Branding(), title="FairDesk test badge")
    return TrialBadge(payload, pdf)


class _closing:
    def __init__(self, session: EventSession) -> None:
        self.session = session

    def __enter__(self) -> EventSession:
        return self.session

    def __exit__(self, *exc: object) -> None:
        self.session.close()


# ---------------------------------------------------------------- the checks
Run = Callable[[Doctor], CheckResult]


def _always(doctor: Doctor) -> bool:
    return True


@dataclass(frozen=True)
class Check:
    name: str
    run: Run
    applies: Callable[[Doctor], bool] = _always
    help: str = ""


def run_checks(doctor: Doctor, checks: tuple[Check, ...] | None = None) -> list[CheckResult]:
    """Every check that applies, in order; a check that breaks is a red line, never a crash."""
    out = []
    for check in checks if checks is not None else CHECKS:
        if not check.applies(doctor):
            continue
        try:
            out.append(check.run(doctor))
        except Exception as error:
            out.append(CheckResult(check.name, False, f"The check itself failed: {error}",
                                   "Report this to the FairDesk team."))
    return out


def all_ok(results: list[CheckResult]) -> bool:
    return all(r.ok for r in results)


def as_json(results: list[CheckResult]) -> dict[str, Any]:
    return {"checks": [r.as_dict() for r in results]}


def _qt_platform(d: Doctor) -> CheckResult:
    name = "Qt platform"
    if d.facts.problem:
        return CheckResult(name, False, f"The desktop cannot show FairDesk's windows: "
                           f"{d.facts.problem}",
                           "Start FairDesk from the desktop session (not over ssh); on Debian "
                           "install libxcb-cursor0 and libxkbcommon-x11-0.")
    if d.facts.platform == "offscreen":
        return CheckResult(name, True, "No desktop session here (offscreen): the command line "
                           "works; windows need the laptop's desktop.")
    return CheckResult(name, True, f"Windows open on the {d.facts.platform or 'default'} "
                       "platform.")


def _fonts(d: Doctor) -> CheckResult:
    wanted = {"DejaVu Sans", "DejaVu Sans Mono"}
    missing = sorted(wanted - set(d.facts.fonts))
    if missing:
        return CheckResult("Fonts", False, f"Qt could not load {', '.join(missing)}.",
                           "Reinstall FairDesk: its fonts folder is damaged.")
    return CheckResult("Fonts", True, f"{len(FONTS)} badge fonts (DejaVu) loaded; accents print.")


def _needs_printer(d: Doctor) -> bool:
    return d.role in ("desk", "kiosk")


def _printer(d: Doctor) -> CheckResult:
    name = "Badge printer"
    layout = str(d.settings.get("badge_layout"))
    folder = d.folder
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / TEST_BADGE_NAME
            from fairdesk.services.badges import write_atomic

            write_atomic(target, trial_badge(d.event, layout).pdf)
        except OSError as error:
            return CheckResult(name, False, f"Print folder {folder} cannot be written "
                               f"({error.strerror or error}).",
                               "Choose a folder this user may write, or plug in the USB stick.")
        return CheckResult(name, True, f"Print folder {folder}: test badge written to {target}.")
    printer = str(d.settings.get("printer_name"))
    if not printer:
        return CheckResult(name, not _needs_printer(d), "No badge printer chosen.",
                           "Open the desk and press Printer… once, or print to a folder "
                           "(--print-to DIR).")
    if printer not in d.facts.printers:
        known = ", ".join(d.facts.printers) or "none"
        return CheckResult(name, False, f"Printer {printer} is not connected (printers seen: "
                           f"{known}).", "Switch the printer on and plug it in, or choose "
                           "another with Printer… on the desk.")
    try:
        where = d.send_to_printer(printer, trial_badge(d.event, layout).pdf)
    except (OSError, RuntimeError) as error:
        return CheckResult(name, False, f"Printer {printer} refused the test badge: {error}",
                           "Check paper and labels, then run the check again.")
    return CheckResult(name, True, f"Test badge sent to {where}: check it came out whole.")


def _scanner(d: Doctor) -> CheckResult:
    if d.facts.scanners:
        return CheckResult("Scanner", True, f"Scanner connected: {', '.join(d.facts.scanners)}.",
                           "Scan the test badge in Check this device to be sure.")
    return CheckResult("Scanner", True, "No scanner recognised by name (most USB scanners look "
                       "like a keyboard).", "Scan the test badge in Check this device: "
                       "it turns green when the code arrives whole.")


def _camera(d: Doctor) -> CheckResult:
    if not d.facts.cameras:
        needed = d.role == "booth" and not d.facts.scanners
        return CheckResult("Camera", True, NO_CAMERA,
                           "A booth without one uses the USB scanner or the ref code."
                           if needed else "")
    return CheckResult("Camera", True, f"Camera: {', '.join(d.facts.cameras)}.",
                       "Hold the test badge to it in Check this device.")


def _disk(d: Doctor) -> CheckResult:
    where = d.event.parent if d.event is not None else config_dir()
    while not where.exists() and where != where.parent:
        where = where.parent
    free = d.free_bytes(where)
    text = f"{free / 1024**3:.1f} GB free in {where}."
    if free < MIN_FREE_BYTES:
        return CheckResult("Disk space", False, text, "Free at least 1 GB (empty the "
                           "Downloads folder or the trash).")
    return CheckResult("Disk space", True, text)


def _event_file(d: Doctor) -> CheckResult:
    from fairdesk.services.doctor_event import check_event_file

    assert d.event is not None
    return check_event_file(d.event)


def _has_event(d: Doctor) -> bool:
    return d.event is not None


def _paired(d: Doctor) -> bool:
    return d.event is not None and d.paired


def _hub_clock(d: Doctor) -> CheckResult:
    from fairdesk.services.doctor_event import check_hub_clock

    return check_hub_clock(d)


def _hub_sync(d: Doctor) -> CheckResult:
    from fairdesk.services.doctor_event import check_sync

    return check_sync(d)


CHECKS: tuple[Check, ...] = (
    Check("Qt platform", _qt_platform, help="FairDesk's windows can open here."),
    Check("Fonts", _fonts, help="The badge fonts load, so names with accents print."),
    Check("Badge printer", _printer, help="The chosen printer or print folder takes a badge."),
    Check("Scanner", _scanner, help="A USB scanner types a badge code whole."),
    Check("Camera", _camera, help="A booth can read badges with its camera."),
    Check("Disk space", _disk, help="Room for the event file, backups and exports."),
    Check("Event file", _event_file, _has_event, help="The event file is whole."),
    Check("Clock vs hub", _hub_clock, _paired, help="This clock agrees with the hub's."),
    Check("Sync with hub", _hub_sync, _paired, help="This device pushes and pulls."),
)
