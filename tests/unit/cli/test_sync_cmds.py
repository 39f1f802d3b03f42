"""Black-box: hub, devices invite|list|revoke, join, sync, export ops, import ops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fairdesk.cli import main
from tests.unit.cli.conftest import run

pytestmark = pytest.mark.slow


def test_pair_sync_export_import_revoke(hub: tuple[Path, str], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    code, out, _ = run(capsys, "devices", "invite", str(event), "--role", "desk", "--desk", "2",
                       "--hub", url, "--json")
    assert code == 0
    pairing = json.loads(out)["code"]
    desk = tmp_path / "desk.fairdesk"
    assert run(capsys, "join", str(desk), "--code", pairing)[0] == 0
    code, _, err = run(capsys, "join", str(tmp_path / "again.fairdesk"), "--code", pairing)
    assert code == 1 and "used already" in err and len(err.splitlines()) == 1
    refs = json.loads(run(capsys, "candidates", str(desk), "--json")[1])
    todo = next(c["ref"] for c in refs if not c["checked_in"])
    assert run(capsys, "checkin", str(desk), "--ref", todo, "--desk", "2")[0] == 0
    code, out, _ = run(capsys, "sync", str(desk), "--once", "--json")
    assert code == 0 and json.loads(out)["pushed"] == 1 and json.loads(out)["pending"] == 0
    usb = tmp_path / "desk.ops"
    assert run(capsys, "export", "ops", str(desk), "--out", str(usb))[0] == 0
    code, out, _ = run(capsys, "import", "ops", str(event), str(usb), "--json")
    assert code == 0 and json.loads(out)["already"] == json.loads(out)["ops"]
    usb.write_text(usb.read_text().replace('"desk":2', '"desk":7'))
    code, _, err = run(capsys, "import", "ops", str(event), str(usb))
    assert code == 1 and "changed after it was signed" in err
    devices = json.loads(run(capsys, "devices", "list", str(event), "--json")[1])
    assert [d["role"] for d in devices] == ["desk"]
    assert run(capsys, "devices", "revoke", str(event), devices[0]["id"])[0] == 0
    code, _, err = run(capsys, "sync", str(desk), "--once")
    assert code == 1 and "revoked" in err


def test_sync_without_a_hub_exits_1_and_keeps_changes(
        hub: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    pairing = json.loads(run(capsys, "devices", "invite", str(event), "--role", "desk",
                             "--hub", url, "--json")[1])["code"]
    desk = tmp_path / "desk.fairdesk"
    run(capsys, "join", str(desk), "--code", pairing)
    store_url = url.rsplit(":", 1)[0] + ":1"
    import sqlite3

    with sqlite3.connect(desk) as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'hub_url'",
                     (json.dumps(store_url),))
    conn.close()
    code, _, err = run(capsys, "sync", str(desk), "--once")
    assert code == 1 and "Cannot reach the hub" in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["devices", "invite", str(tmp_path / "x"), "--role", "printer", "--hub", "https://h"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["join", str(tmp_path / "x")])
    assert exit_.value.code == 2


def test_invite_refuses_a_booth_without_employer(
        hub: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    code, _, err = run(capsys, "devices", "invite", str(event), "--role", "booth", "--hub", url)
    assert code == 1 and "employer" in err
