"""The readiness checks that need the event file: integrity, and on a paired
device the hub's clock and one sync round (see :mod:`fairdesk.services.doctor`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.doctor import CLOCK_TOLERANCE_S, CheckResult, Doctor
from fairdesk.services.session import open_session

HUB_TIMEOUT_S = 8.0


def check_event_file(path: Path) -> CheckResult:
    """``PRAGMA quick_check`` on the event file, after it opens as a FairDesk event."""
    name = "Event file"
    try:
        session = open_session(path)
    except (FairDeskError, OSError) as error:
        return CheckResult(name, False, getattr(error, "message", None) or str(error),
                           "Open the right .fairdesk file, or copy it again from the organizer.")
    try:
        problems = [line for line in session.store.quick_check() if line != "ok"]
        event_name = session.event.name
    except FairDeskError as error:
        return CheckResult(name, False, error.message, "Copy the event file again.")
    finally:
        session.close()
    if problems:
        return CheckResult(name, False, f"{path.name} is damaged: {problems[0]}",
                           "Copy the event file again from the organizer or a backup.")
    return CheckResult(name, True, f"{path.name} ({event_name}) is whole (quick check ok).")


def _ping(doctor: Doctor) -> dict[str, Any]:
    """The hub's answer to ``/api/ping`` (kept for the next check), or an ``error``."""
    if "ping" not in doctor.cache:
        from fairdesk.services.sync import client_for

        assert doctor.event is not None
        try:
            session = open_session(doctor.event)
            try:
                with client_for(session.store, HUB_TIMEOUT_S) as client:
                    doctor.cache["ping"] = {**client.ping(), "at": doctor.clock()}
            finally:
                session.close()
        except FairDeskError as error:
            doctor.cache["ping"] = {"error": error.message}
    found: dict[str, Any] = doctor.cache["ping"]
    return found


def check_hub_clock(doctor: Doctor) -> CheckResult:
    name = "Clock vs hub"
    answer = _ping(doctor)
    if "error" in answer:
        return CheckResult(name, False, answer["error"], _REACH_HUB)
    try:
        hub_time = datetime.fromisoformat(str(answer["time"]))
    except (KeyError, ValueError):
        return CheckResult(name, True, "The hub does not tell its time (an older FairDesk).")
    drift = (answer["at"] - hub_time).total_seconds()
    text = f"This clock is {abs(drift):.0f} s {'ahead of' if drift > 0 else 'behind'} the hub."
    if abs(drift) > CLOCK_TOLERANCE_S:
        return CheckResult(name, False, text, "Set this computer's date and time (or turn on "
                           "automatic time) so check-in times line up.")
    return CheckResult(name, True, text)


_REACH_HUB = ("Join the same Wi-Fi as the organizer's laptop and check its hub is running; "
              "without it this device keeps working and syncs later.")


def check_sync(doctor: Doctor) -> CheckResult:
    """One real push-and-pull round: harmless (idempotent), and proves the token works."""
    from fairdesk.services.sync import sync_file

    name = "Sync with hub"
    answer = _ping(doctor)
    if "error" in answer:
        return CheckResult(name, False, answer["error"], _REACH_HUB)
    assert doctor.event is not None
    try:
        report = sync_file(doctor.event, doctor.clock, timeout=HUB_TIMEOUT_S)
    except FairDeskError as error:
        return CheckResult(name, False, error.message, _REACH_HUB)
    return CheckResult(name, True, f"Paired as {answer.get('role', '?')}: pushed "
                       f"{report.pushed}, pulled {report.pulled}, {report.pending} waiting.")
