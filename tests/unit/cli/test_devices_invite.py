"""Black-box: ``fairdesk devices invite`` refuses a desk number a paired desk holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairdesk.cli import main
from fairdesk.services import devices
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import open_session
from fairdesk.sync.pairing import decode

HUB = "https://127.0.0.1:8765"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _invite_desk(capsys: pytest.CaptureFixture[str], event: Path, desk: str
                 ) -> tuple[int, str, str]:
    return run(capsys, "devices", "invite", str(event), "--role", "desk", "--desk", desk,
               "--hub", HUB, "--json")


def _redeem(event: Path, code: str, name: str) -> dict[str, object]:
    session = open_session(event)
    try:
        return devices.redeem(session.store, decode(code).secret, name, datetime.now(UTC))
    finally:
        session.close()


def test_a_desk_number_held_by_a_paired_desk_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = tmp_path / "ev.fairdesk"
    build_demo(event, DemoSpec(12, 2, seed=3, resumes=False)).close()
    for desk in ("1", "2"):
        code, out, _ = _invite_desk(capsys, event, desk)
        assert code == 0
        _redeem(event, json.loads(out)["code"], f"desk {desk}")

    code, out, err = _invite_desk(capsys, event, "2")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert "Desk 2 is already paired ('desk 2')" in err and "Use desk 3" in err

    held = next(d for d in json.loads(run(capsys, "devices", "list", str(event), "--json")[1])
                if d["desk"] == 1)
    assert run(capsys, "devices", "revoke", str(event), held["id"])[0] == 0
    code, out, _ = _invite_desk(capsys, event, "1")  # a revoked desk frees its number
    assert code == 0 and json.loads(out)["desk"] == 1
    code, _, err = _invite_desk(capsys, event, "0")
    assert code == 1 and "1 or more" in err


def test_two_codes_for_one_desk_number_pair_only_one_desk(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = tmp_path / "ev.fairdesk"
    build_demo(event, DemoSpec(12, 2, seed=3, resumes=False)).close()
    first, second = (json.loads(_invite_desk(capsys, event, "4")[1])["code"] for _ in range(2))
    _redeem(event, first, "desk A")
    with pytest.raises(devices.BadPairingCode, match="Desk 4 was paired"):
        _redeem(event, second, "desk B")
