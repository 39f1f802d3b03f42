"""Issue 13, cases 1 and 2: one role rule on every way in (push, parked, USB).

A booth that names another employer's visit (their ids are deterministic) is
refused at once, naming the op, and nothing is parked; a USB file holding one
such op is refused whole; an op parked before the rule existed is dropped
when its record turns out to be another employer's. Booth 2's data stays
what booth 2 recorded, on the hub and on booth 2.
"""

from __future__ import annotations

import json
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
from fairdesk.services import booth as booth_service
from fairdesk.services.badges import payload_for
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.sync import sync_file
from fairdesk.services.usb_sync import export_ops
from fairdesk.storage import hub_rows, open_event_file, oplog, sync_rows
from fairdesk.sync import opfile, pairing
from fairdesk.sync.client import HubClient

Pair = Callable[..., Path]
Open = Callable[..., EventSession]
ROOT = Path(__file__).resolve().parents[3]


def _client(path: Path) -> HubClient:
    store = open_event_file(path)
    try:
        return HubClient(store.setting("hub_url"), store.setting("hub_fingerprint"),
                         store.setting("hub_token"), 5)
    finally:
        store.close()


def _settings(path: Path) -> dict[str, Any]:
    store = open_event_file(path)
    try:
        return {k: store.setting(k) for k in ("device_id", "hub_token", "event_id")}
    finally:
        store.close()


def _op(device: str, seq: int, kind: str, body: dict[str, Any], fair: EventSession) -> Op:
    return Op(new_id(), device, seq, kind, fair.now(), f"{fair.now().timestamp() * 1000:013.0f}"
              f".0000.{device}", body)


def _unvisited(fair: EventSession, employer_id: str, n: int = 2) -> list[str]:
    return [str(r["id"]) for r in fair.store.rows(
        "SELECT id FROM candidates WHERE id NOT IN (SELECT candidate_id FROM visits "
        "WHERE employer_id = ?) ORDER BY ref LIMIT ?", (employer_id, n))]


def _visit_row(store_path: Path, key: str) -> dict[str, Any] | None:
    store = open_event_file(store_path)
    try:
        row = store.row("SELECT candidate_id, employer_id, seen_count, rating, tags, notes, "
                        "shortlist FROM visits WHERE id = ?", (key,))
        return dict(row) if row else None
    finally:
        store.close()


def _scan_and_rate(fair: EventSession, booth: EventSession, candidate_id: str) -> str:
    card = booth_service.scan(booth, payload_for(fair, find_candidate(fair, candidate_id))).card
    booth_service.edit_visit(booth, card.visit_id, rating=4, notes="booth 2's own",
                             tags=["ok"], shortlist=True)
    return card.visit_id


def test_a_booth_cannot_push_edits_of_another_employers_future_visits(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employers = all_employers(fair)
    path1, path2 = pair("booth", 0), pair("booth", 1)
    booth1 = _settings(path1)["device_id"]
    future = _unvisited(fair, employers[1].id)
    targets = [visit_id(employers[1].id, c) for c in future]
    injected = _op(booth1, 1, "visit.update", {"id": targets[0], "rating": 1,
                                               "notes": "INJECTED", "tags": ["do not hire"]},
                   fair)
    removal = _op(booth1, 1, "visit.unrecord", {"id": targets[1], "remove": True}, fair)
    forged = _op(booth1, 1, "visit.record", {"id": targets[0], "candidate_id": future[0],
                                             "employer_id": employers[0].id,
                                             "at": "2026-08-20T10:00:00+00:00"}, fair)
    with _client(path1) as client:
        for op in (injected, removal, forged):
            with pytest.raises(Forbidden, match=op.op_id):
                client.push([op])
    assert sync_rows.parked_count(fair.store) == 0
    assert not fair.store.scalar("SELECT COUNT(*) FROM ops WHERE device_id = ?", (booth1,))

    booth2 = device(path2, role="booth", employer_id=employers[1].id)
    keys = [_scan_and_rate(fair, booth2, c) for c in future]
    sync_file(path2)
    assert keys == targets
    for key in keys:
        own = _visit_row(path2, key)
        assert own is not None and own["rating"] == 4 and own["notes"] == "booth 2's own"
        assert _visit_row(fair.store.path or Path(), key) == own


def test_an_op_parked_before_the_rule_is_refused_when_its_visit_arrives(
        fair: EventSession, pair: Pair, device: Open) -> None:
    """A hub file attacked before this fix holds the injected edit parked."""
    employers = all_employers(fair)
    path1, path2 = pair("booth", 0), pair("booth", 1)
    booth1 = _settings(path1)["device_id"]
    target = _unvisited(fair, employers[1].id, 1)[0]
    injected = _op(booth1, 1, "visit.update", {"id": visit_id(employers[1].id, target),
                                               "rating": 1, "notes": "INJECTED"}, fair)
    with fair.store.transaction():  # what the hub did before: acked and parked it
        sync_rows.ingest_one(fair.store, injected)
    assert sync_rows.parked_count(fair.store) == 1

    booth2 = device(path2, role="booth", employer_id=employers[1].id)
    key = _scan_and_rate(fair, booth2, target)
    sync_file(path2)
    assert sync_rows.parked_count(fair.store) == 0
    assert hub_rows.refused_count(fair.store) == 1
    hub_row = _visit_row(fair.store.path or Path(), key)
    assert hub_row == _visit_row(path2, key)
    assert hub_row is not None and hub_row["notes"] == "booth 2's own"
    # a booth of employer 2 joining now never pulls the refused op
    path3 = pair("booth", 1)
    assert _visit_row(path3, key) == hub_row
    store = open_event_file(path3)
    try:
        assert store.scalar("SELECT 1 FROM ops WHERE op_id = ?", (injected.op_id,)) is None
    finally:
        store.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "fairdesk", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def _signed_file(path: Path, device: Path, ops: list[Op]) -> Path:
    found = _settings(device)
    opfile.write(path, found["event_id"], found["device_id"], ops,
                 pairing.secret_hash(found["hub_token"]))
    return path


@pytest.mark.parametrize("attack", ["record", "update", "unrecord", "checkin"])
def test_a_usb_file_with_one_refused_op_is_refused_whole(
        fair: EventSession, pair: Pair, tmp_path: Path, attack: str) -> None:
    employers = all_employers(fair)
    path1 = pair("booth", 0)
    booth1 = _settings(path1)["device_id"]
    other = str(fair.store.scalar("SELECT id FROM visits WHERE employer_id = ? LIMIT 1",
                                  (employers[1].id,)))
    fresh = _unvisited(fair, employers[1].id, 1)[0]
    own = _unvisited(fair, employers[0].id, 1)[0]
    legit = _op(booth1, 1, "visit.record", {"id": visit_id(employers[0].id, own),
                                            "candidate_id": own, "employer_id": employers[0].id,
                                            "at": "2026-08-20T10:00:00+00:00"}, fair)
    bad = {
        "record": ("visit.record", {"id": visit_id(employers[1].id, fresh),
                                    "candidate_id": fresh, "employer_id": employers[1].id,
                                    "at": "2026-08-20T10:00:00+00:00"}),
        "update": ("visit.update", {"id": other, "rating": 1, "notes": "INJECTED"}),
        "unrecord": ("visit.unrecord", {"id": other, "remove": True}),
        "checkin": ("checkin.add", {"id": new_id(), "candidate_id": own, "day": "2026-08-20",
                                    "at": "2026-08-20T10:00:00+00:00"}),
    }[attack]
    refused = _op(booth1, 2, *bad, fair)
    file = _signed_file(tmp_path / "booth1.ops", path1, [legit, refused])
    before = fair.store.scalar("SELECT COUNT(*) FROM ops")
    snapshot = _visit_row(fair.store.path or Path(), other)
    done = _cli("import", "ops", str(fair.store.path), str(file))
    assert done.returncode == 1, done.stdout + done.stderr
    assert refused.op_id in done.stderr and "nothing was taken" in done.stderr
    assert fair.store.scalar("SELECT COUNT(*) FROM ops") == before  # not even the legit op
    assert _visit_row(fair.store.path or Path(), other) == snapshot


def test_a_booths_own_file_is_taken_and_already_counts_only_ops_held(
        fair: EventSession, pair: Pair, device: Open, tmp_path: Path) -> None:
    employers = all_employers(fair)
    path1 = pair("booth", 0)
    booth = device(path1, role="booth", employer_id=employers[0].id)
    first, second = _unvisited(fair, employers[0].id, 2)
    for candidate in (first, second):  # unknown to the booth: each makes a card stub
        _scan_and_rate(fair, booth, candidate)
    out = tmp_path / "booth.ops"
    export_ops(path1, out)
    done = _cli("import", "ops", str(fair.store.path), str(out), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["ops"], report["new"], report["already"]) == (4, 4, 0)
    again = json.loads(_cli("import", "ops", str(fair.store.path), str(out), "--json").stdout)
    assert (again["new"], again["already"]) == (0, 4)
    assert oplog.device_id(booth.store) == report["device_id"]


def test_a_usb_file_with_a_far_future_stamp_is_refused_whole(
        fair: EventSession, pair: Pair, tmp_path: Path) -> None:
    """Issue 13, case 3 on the USB path: the same 5-minute bound as a push."""
    from fairdesk.domain.clock import encode, wall_ms

    employers = all_employers(fair)
    path1 = pair("booth", 0)
    booth1 = _settings(path1)["device_id"]
    own = _unvisited(fair, employers[0].id, 1)[0]
    body = {"id": visit_id(employers[0].id, own), "candidate_id": own,
            "employer_id": employers[0].id, "at": "2026-08-20T10:00:00+00:00"}
    ahead = Op(new_id(), booth1, 1, "visit.record", fair.now(),
               encode(wall_ms() + 3_600_000, 0, booth1), body)  # an hour fast
    file = _signed_file(tmp_path / "fast.ops", path1, [ahead])
    before = fair.store.scalar("SELECT COUNT(*) FROM ops")
    done = _cli("import", "ops", str(fair.store.path), str(file))
    assert done.returncode == 1, done.stdout + done.stderr
    assert ahead.op_id in done.stderr and "minutes ahead" in done.stderr
    assert "nothing was taken" in done.stderr
    assert fair.store.scalar("SELECT COUNT(*) FROM ops") == before
