"""Issue 17 under issue 13's one role rule: a kiosk may emit check-ins and
badge prints only. A visit or a candidate edit from a kiosk is refused on
push (403, nothing stored or parked) and in a USB file (refused whole)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fairdesk.domain.errors import Forbidden
from fairdesk.domain.ids import new_id, visit_id
from fairdesk.domain.model import Op
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.storage import open_event_file, sync_rows
from fairdesk.sync import opfile, pairing
from fairdesk.sync.client import HubClient

Pair = Callable[..., Path]
ROOT = Path(__file__).resolve().parents[3]
AT = "2026-08-20T10:00:00+00:00"


def _settings(path: Path) -> dict[str, Any]:
    store = open_event_file(path)
    try:
        keys = ("device_id", "hub_token", "event_id", "hub_url", "hub_fingerprint")
        return {k: store.setting(k) for k in keys}
    finally:
        store.close()


def _op(device: str, seq: int, kind: str, body: dict[str, Any], fair: EventSession) -> Op:
    now = fair.now()
    return Op(new_id(), device, seq, kind, now, f"{now.timestamp() * 1000:013.0f}.0000.{device}",
              body)


def _attack(fair: EventSession, device: str, kind: str, seq: int = 1) -> Op:
    candidate = str(fair.store.scalar("SELECT id FROM candidates ORDER BY ref LIMIT 1"))
    employer = all_employers(fair)[0].id
    body = {
        "visit.record": {"id": visit_id(employer, candidate), "candidate_id": candidate,
                         "employer_id": employer, "at": AT},
        "candidate.update": {"id": candidate, "email": "attacker@example.com"},
        "candidate.add": {"id": new_id(), "ref": "W9-0001", "first_name": "Walk",
                          "last_name": "In", "source": "walk_in"},
        "checkin.undo": {"id": new_id(), "reason": "kiosk"},
    }[kind]
    return _op(device, seq, kind, body, fair)


def _legit(fair: EventSession, device: str) -> Op:
    candidate = str(fair.store.scalar(
        "SELECT id FROM candidates WHERE id NOT IN (SELECT candidate_id FROM checkins) "
        "ORDER BY ref LIMIT 1"))
    return _op(device, 1, "checkin.add", {"id": new_id(), "candidate_id": candidate,
                                          "day": fair.fair_day().isoformat(), "at": AT,
                                          "desk": None}, fair)


def _held(fair: EventSession, device: str) -> int:
    return int(fair.store.scalar("SELECT COUNT(*) FROM ops WHERE device_id = ?", (device,)))


@pytest.mark.parametrize("kind", ["visit.record", "candidate.update", "candidate.add",
                                  "checkin.undo"])
def test_a_kiosk_push_of_anything_but_check_ins_and_prints_is_refused(
        fair: EventSession, pair: Pair, kind: str) -> None:
    found = _settings(pair("kiosk"))
    op = _attack(fair, found["device_id"], kind)
    email = fair.store.scalar("SELECT email FROM candidates ORDER BY ref LIMIT 1")
    client = HubClient(found["hub_url"], found["hub_fingerprint"], found["hub_token"], 5)
    with client, pytest.raises(Forbidden, match=op.op_id):  # the client's 403
        client.push([op])
    assert _held(fair, found["device_id"]) == 0
    assert sync_rows.parked_count(fair.store) == 0
    assert fair.store.scalar("SELECT email FROM candidates ORDER BY ref LIMIT 1") == email


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "fairdesk", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


@pytest.mark.parametrize("kind", ["visit.record", "candidate.update"])
def test_a_kiosk_usb_file_with_a_visit_or_an_edit_is_refused_whole(
        fair: EventSession, pair: Pair, tmp_path: Path, kind: str) -> None:
    found = _settings(pair("kiosk"))
    device = found["device_id"]
    legit, bad = _legit(fair, device), _attack(fair, device, kind, seq=2)
    file = tmp_path / "kiosk.ops"
    opfile.write(file, found["event_id"], device, [legit, bad],
                 pairing.secret_hash(found["hub_token"]))
    before = fair.store.scalar("SELECT COUNT(*) FROM ops")
    done = _cli("import", "ops", str(fair.store.path), str(file))
    assert done.returncode == 1, done.stdout + done.stderr
    assert bad.op_id in done.stderr and "nothing was taken" in done.stderr
    assert fair.store.scalar("SELECT COUNT(*) FROM ops") == before  # not even the check-in


def test_a_kiosk_usb_file_of_check_ins_is_taken(fair: EventSession, pair: Pair,
                                                tmp_path: Path) -> None:
    found = _settings(pair("kiosk"))
    legit = _legit(fair, found["device_id"])
    file = tmp_path / "kiosk.ops"
    opfile.write(file, found["event_id"], found["device_id"], [legit],
                 pairing.secret_hash(found["hub_token"]))
    done = _cli("import", "ops", str(fair.store.path), str(file))
    assert done.returncode == 0, done.stderr
    assert _held(fair, found["device_id"]) == 1
