"""Black-box: ``fairdesk doctor [EVENT] [--json]`` as staff would run it the day before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp

from tests.unit.cli.conftest import run

pytestmark = pytest.mark.slow


def doctor(config: Path, *args: str) -> tuple[int, dict[str, dict[str, object]], str]:
    env = {**os.environ, "FAIRDESK_CONFIG_DIR": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "fairdesk", "doctor", *args, "--json"],
                          capture_output=True, text=True, timeout=120, env=env)
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]} if done.stdout else {}
    return done.returncode, checks, done.stderr


def settings(config: Path, **values: object) -> Path:
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(values))
    return config


def qr_texts(pdf: Path) -> list[str]:
    page = pypdfium2.PdfDocument(pdf.read_bytes())[0]
    image = page.render(scale=150 / 72).to_pil()
    return [b.text for b in zxingcpp.read_barcodes(image)]


def test_desk_with_a_print_folder_and_no_camera_says_exactly_that(tmp_path: Path) -> None:
    config = settings(tmp_path / "cfg", last_role="desk")
    code, checks, err = doctor(config, "--print-to", str(tmp_path / "badges"))
    assert code == 0, (checks, err)
    assert list(checks) == ["Qt platform", "Fonts", "Badge printer", "Scanner", "Camera",
                            "Disk space"]
    assert all(set(c) >= {"name", "ok", "detail"} for c in checks.values())
    assert checks["Camera"]["detail"] == "No camera found."
    page = tmp_path / "badges" / "fairdesk-test-badge.pdf"
    assert f"Print folder {tmp_path / 'badges'}" in str(checks["Badge printer"]["detail"])
    assert qr_texts(page)[0].startswith("FD1:")


def test_a_desk_with_no_printer_is_red_and_says_what_to_do(tmp_path: Path) -> None:
    code, checks, _ = doctor(settings(tmp_path / "cfg", last_role="desk"))
    assert code == 1
    printer = checks["Badge printer"]
    assert printer["ok"] is False and "No badge printer chosen" in str(printer["detail"])
    assert "Printer…" in str(printer["fix"])


def test_a_printer_that_is_not_connected_is_red(tmp_path: Path) -> None:
    config = settings(tmp_path / "cfg", last_role="desk", printer_name="QL-800-gone")
    code, checks, _ = doctor(config)
    assert code == 1 and "QL-800-gone is not connected" in str(checks["Badge printer"]["detail"])


def test_event_file_integrity(tmp_path: Path) -> None:
    config = settings(tmp_path / "cfg")
    event = tmp_path / "ev.fairdesk"
    assert subprocess.run([sys.executable, "-m", "fairdesk", "demo", str(event), "--candidates",
                           "10", "--employers", "2", "--no-resumes"], capture_output=True,
                          timeout=120).returncode == 0
    code, checks, _ = doctor(config, str(event))
    assert code == 0 and "quick check ok" in str(checks["Event file"]["detail"])
    assert "Clock vs hub" not in checks  # not a paired device
    broken = tmp_path / "broken.fairdesk"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    code, checks, err = doctor(config, str(broken))
    assert code == 1 and checks["Event file"]["ok"] is False, err
    assert "broken.fairdesk" in str(checks["Event file"]["detail"])
    code, checks, _ = doctor(config, str(tmp_path / "missing.fairdesk"))
    assert code == 1 and "no such event file" in str(checks["Event file"]["detail"])


def test_a_paired_booth_checks_the_hub_clock_and_syncs(
        hub: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    employer = json.loads(run(capsys, "employers", str(event), "--json")[1])[0]["id"]
    pairing = json.loads(run(capsys, "devices", "invite", str(event), "--role", "booth",
                             "--employer", employer, "--hub", url, "--json")[1])["code"]
    booth = tmp_path / "booth.fairdesk"
    assert run(capsys, "join", str(booth), "--code", pairing)[0] == 0
    code, checks, err = doctor(settings(tmp_path / "cfg"), str(booth))
    assert code == 0, (checks, err)
    assert "ahead of the hub" in str(checks["Clock vs hub"]["detail"]) or \
        "behind the hub" in str(checks["Clock vs hub"]["detail"])
    assert "Paired as booth" in str(checks["Sync with hub"]["detail"])
    assert checks["Badge printer"]["ok"] is True  # a booth prints nothing


def test_a_hub_that_is_down_is_red_with_a_way_out(
        hub: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    event, url = hub
    pairing = json.loads(run(capsys, "devices", "invite", str(event), "--role", "desk",
                             "--hub", url, "--json")[1])["code"]
    desk = tmp_path / "desk.fairdesk"
    run(capsys, "join", str(desk), "--code", pairing)
    with sqlite3.connect(desk) as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'hub_url'",
                     (json.dumps(url.rsplit(":", 1)[0] + ":1"),))
    conn.close()
    code, checks, _ = doctor(settings(tmp_path / "cfg"), str(desk), "--print-to",
                             str(tmp_path / "b"))
    assert code == 1
    assert checks["Sync with hub"]["ok"] is False and "Wi-Fi" in str(checks["Sync with hub"]["fix"])
    assert checks["Badge printer"]["ok"] is True  # a joined desk: its role comes from the file


def test_human_output_marks_red_lines(tmp_path: Path) -> None:
    env = {**os.environ, "FAIRDESK_CONFIG_DIR": str(settings(tmp_path / "cfg", last_role="desk")),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "fairdesk", "doctor"], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 1
    assert any(line.startswith("RED  Badge printer") for line in done.stdout.splitlines())
    assert "→ " in done.stdout


def test_checklist_needs_the_event_and_writes_the_pdf(tmp_path: Path) -> None:
    env = {**os.environ, "FAIRDESK_CONFIG_DIR": str(settings(tmp_path / "cfg"))}
    done = subprocess.run([sys.executable, "-m", "fairdesk", "doctor", "--checklist",
                           str(tmp_path / "c.pdf")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 1 and "needs the event" in done.stderr
    event = tmp_path / "ev.fairdesk"
    subprocess.run([sys.executable, "-m", "fairdesk", "demo", str(event), "--candidates", "10",
                    "--employers", "2", "--no-resumes"], capture_output=True, timeout=120,
                   check=True)
    done = subprocess.run([sys.executable, "-m", "fairdesk", "doctor", str(event), "--checklist",
                           str(tmp_path / "c.pdf"), "--json"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["checklist"].endswith("c.pdf")
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
