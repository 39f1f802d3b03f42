"""The readiness checks as data, run with made-up Qt facts (no Qt, no subprocess)."""

from __future__ import annotations

from pathlib import Path

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.doctor import (
    CHECKS,
    NO_CAMERA,
    Check,
    CheckResult,
    Doctor,
    QtFacts,
    as_json,
    run_checks,
    trial_badge,
)

FONTS_OK = ("DejaVu Sans", "DejaVu Sans Mono")


def doctor(tmp_path: Path, facts: QtFacts | None = None, **settings: object) -> Doctor:
    app = AppSettings(tmp_path / "cfg" / "settings.json")
    for key, value in settings.items():
        app.set(key, value)
    return Doctor(None, app, facts or QtFacts("xcb", fonts=FONTS_OK))


def by_name(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.name: r for r in results}


def test_every_check_is_declared_once_with_help() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names)) and all(c.help for c in CHECKS)


def test_a_desk_printer_that_is_seen_gets_the_test_badge(tmp_path: Path) -> None:
    sent: list[tuple[str, bytes]] = []
    d = doctor(tmp_path, QtFacts("xcb", fonts=FONTS_OK, printers=("QL-800",)),
               last_role="desk", printer_name="QL-800")
    d.send_to_printer = lambda name, pdf: sent.append((name, pdf)) or name
    results = by_name(run_checks(d))
    assert results["Badge printer"].ok and sent[0][0] == "QL-800"
    assert sent[0][1].startswith(b"%PDF")


def test_a_platform_that_fails_and_missing_fonts_are_red(tmp_path: Path) -> None:
    facts = QtFacts("offscreen", problem="xcb-cursor0 is needed", fonts=("DejaVu Sans",))
    results = by_name(run_checks(doctor(tmp_path, facts)))
    assert not results["Qt platform"].ok and "xcb-cursor0" in results["Qt platform"].detail
    assert not results["Fonts"].ok and "DejaVu Sans Mono" in results["Fonts"].detail


def test_no_camera_is_said_plainly_and_is_not_red(tmp_path: Path) -> None:
    camera = by_name(run_checks(doctor(tmp_path, last_role="booth")))["Camera"]
    assert camera.ok and camera.detail == NO_CAMERA and "scanner" in camera.fix


def test_low_disk_is_red(tmp_path: Path) -> None:
    d = doctor(tmp_path)
    d.free_bytes = lambda _path: 200 * 1024**2
    disk = by_name(run_checks(d))["Disk space"]
    assert not disk.ok and "0.2 GB free" in disk.detail


def test_a_check_that_breaks_is_a_red_line_not_a_crash(tmp_path: Path) -> None:
    def broken(_d: Doctor) -> CheckResult:
        raise ValueError("boom")

    results = run_checks(doctor(tmp_path), (Check("Broken", broken), *CHECKS[:1]))
    assert [r.ok for r in results] == [False, True] and "boom" in results[0].detail
    assert as_json(results)["checks"][0] == {"name": "Broken", "ok": False,
                                             "detail": "The check itself failed: boom",
                                             "fix": "Report this to the FairDesk team."}


def test_the_test_badge_is_signed_by_the_event(session: object, tmp_path: Path) -> None:
    from fairdesk.badges import token

    path = tmp_path / "fair.fairdesk"
    badge = trial_badge(path)
    event = session.event  # type: ignore[attr-defined]
    assert token.verify(badge.payload, event.public_key, event.id).display_name == "Test Badge"
