"""Issue 13, "What it must deliver" 1 and 4: the role rule as one table.

Each row of :data:`POLICY` is one case, read as the policy itself:

    (role, path, kind, owner, expected)

- **role**: ``desk`` (desk 1), ``booth`` (the booth of employer A) or
  ``kiosk`` (self check-in, issue 17), all paired with a real hub on loopback
  (one hub for the whole module).
- **path**: ``push`` (``POST /api/push``), ``usb`` (a signed op file taken
  by ``fairdesk import ops``), ``parked`` (an op an older hub acked and
  parked, in the log and ``parked_ops``, applied at the next push).
- **kind**: every op kind :mod:`fairdesk.sync.policy` knows.
- **owner**: the employer of the record the op is about, as the hub knows it:
  ``own`` (employer A), ``other`` (employer B), ``none``. For visit ops the
  visit (``visit.record``: the visit it makes; ``none``: an id that is no
  employer's pair id); ``none`` of an edit or an undo is a visit the hub does
  not hold (the uuid5 of a future visit). For bookings the slot
  (``booking.add``) or the booking (``booking.remove``, ``booking.attend``),
  ``none``: not on the hub. For ``slot.add``, ``slot.remove`` (a slot of that employer
  on the hub) and ``employer.upsert`` the employer the body names,
  ``none``: a new employer. Roster, event and correction kinds (the
  organizer's merge and erasure, issue 16) have no employer: ``none``.
- **expected**: ``accepted`` (push acked / import exit 0: the op is in the
  hub's log, applied, or parked until its record arrives), ``refused`` (403
  naming the op / exit 1 naming the op, nothing written), ``applied`` (a
  parked op, projected at the next push), ``parked-then-refused`` (dropped
  from the parked ops into ``refused_ops``: never projected, never pulled),
  ``parked`` (still waiting: its record is not on the hub, so there is
  nothing to change yet).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fairdesk.cli import main
from fairdesk.domain import clock
from fairdesk.domain.errors import Forbidden
from fairdesk.domain.ids import new_id, visit_id
from fairdesk.domain.model import Op
from fairdesk.services.candidates import add_candidate
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.devices import invite
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.services.sync import join
from fairdesk.storage import EventStore, codec, open_event_file, oplog
from fairdesk.storage import event as event_rows
from fairdesk.sync import opfile, pairing, policy
from fairdesk.sync.client import HubClient

A, R, AP, PR, P = "accepted", "refused", "applied", "parked-then-refused", "parked"

# (role, kind, owner) -> expected on (push, usb, parked). The single source:
# every case below is one cell of this table.
_RULE: list[tuple[str, str, str, tuple[str, str, str]]] = [
    # a desk: the roster, check-ins and badges; nothing of a visit, a slot, a booking,
    # an employer or the event
    ("desk", "candidate.add", "none", (A, A, AP)),
    ("desk", "candidate.update", "none", (A, A, AP)),
    ("desk", "checkin.add", "none", (A, A, AP)),
    ("desk", "checkin.undo", "none", (A, A, AP)),
    ("desk", "badge.print", "none", (A, A, AP)),
    ("desk", "visit.record", "own", (R, R, PR)),
    ("desk", "visit.record", "other", (R, R, PR)),
    ("desk", "visit.record", "none", (R, R, PR)),
    ("desk", "visit.update", "own", (R, R, PR)),
    ("desk", "visit.update", "other", (R, R, PR)),
    ("desk", "visit.update", "none", (R, R, P)),
    ("desk", "visit.unrecord", "own", (R, R, PR)),
    ("desk", "visit.unrecord", "other", (R, R, PR)),
    ("desk", "visit.unrecord", "none", (R, R, P)),
    ("desk", "slot.add", "own", (R, R, PR)),
    ("desk", "slot.remove", "own", (R, R, PR)),
    ("desk", "booking.add", "own", (R, R, PR)),
    ("desk", "booking.add", "other", (R, R, PR)),
    ("desk", "booking.remove", "own", (R, R, PR)),
    ("desk", "booking.remove", "other", (R, R, PR)),
    ("desk", "booking.attend", "own", (R, R, PR)),
    ("desk", "booking.attend", "other", (R, R, PR)),
    ("desk", "employer.upsert", "own", (R, R, PR)),
    ("desk", "employer.upsert", "none", (R, R, PR)),
    ("desk", "event.update", "none", (R, R, PR)),
    ("desk", "event.create", "none", (R, R, PR)),
    ("desk", "candidate.merge", "none", (R, R, PR)),
    ("desk", "candidate.erase", "none", (R, R, PR)),
    # the booth of employer A: its own employer's visits and bookings, nothing else
    ("booth", "candidate.add", "none", (R, R, PR)),
    ("booth", "candidate.update", "none", (R, R, PR)),
    ("booth", "checkin.add", "none", (R, R, PR)),
    ("booth", "checkin.undo", "none", (R, R, PR)),
    ("booth", "badge.print", "none", (R, R, PR)),
    ("booth", "visit.record", "own", (A, A, AP)),
    ("booth", "visit.record", "other", (R, R, PR)),
    ("booth", "visit.record", "none", (R, R, PR)),
    ("booth", "visit.update", "own", (A, A, AP)),
    ("booth", "visit.update", "other", (R, R, PR)),
    ("booth", "visit.update", "none", (R, R, P)),
    ("booth", "visit.unrecord", "own", (A, A, AP)),
    ("booth", "visit.unrecord", "other", (R, R, PR)),
    ("booth", "visit.unrecord", "none", (R, R, P)),
    ("booth", "slot.add", "own", (R, R, PR)),
    ("booth", "slot.add", "other", (R, R, PR)),
    ("booth", "slot.remove", "own", (R, R, PR)),
    ("booth", "slot.remove", "other", (R, R, PR)),
    ("booth", "booking.add", "own", (A, A, AP)),
    ("booth", "booking.add", "other", (R, R, PR)),
    ("booth", "booking.add", "none", (A, A, AP)),
    ("booth", "booking.remove", "own", (A, A, AP)),
    ("booth", "booking.remove", "other", (R, R, PR)),
    ("booth", "booking.remove", "none", (A, A, P)),
    ("booth", "booking.attend", "own", (A, A, AP)),
    ("booth", "booking.attend", "other", (R, R, PR)),
    ("booth", "booking.attend", "none", (A, A, P)),
    ("booth", "employer.upsert", "own", (R, R, PR)),
    ("booth", "employer.upsert", "other", (R, R, PR)),
    ("booth", "employer.upsert", "none", (R, R, PR)),
    ("booth", "event.update", "none", (R, R, PR)),
    ("booth", "event.create", "none", (R, R, PR)),
    ("booth", "candidate.merge", "none", (R, R, PR)),
    ("booth", "candidate.erase", "none", (R, R, PR)),
    # a kiosk: check-ins and badge prints, nothing else (no walk-in, no edit, no undo)
    ("kiosk", "candidate.add", "none", (R, R, PR)),
    ("kiosk", "candidate.update", "none", (R, R, PR)),
    ("kiosk", "checkin.add", "none", (A, A, AP)),
    ("kiosk", "checkin.undo", "none", (R, R, PR)),
    ("kiosk", "badge.print", "none", (A, A, AP)),
    ("kiosk", "visit.record", "own", (R, R, PR)),
    ("kiosk", "visit.record", "none", (R, R, PR)),
    ("kiosk", "visit.update", "own", (R, R, PR)),
    ("kiosk", "visit.update", "none", (R, R, P)),
    ("kiosk", "visit.unrecord", "own", (R, R, PR)),
    ("kiosk", "visit.unrecord", "none", (R, R, P)),
    ("kiosk", "slot.add", "own", (R, R, PR)),
    ("kiosk", "slot.remove", "own", (R, R, PR)),
    ("kiosk", "booking.add", "own", (R, R, PR)),
    ("kiosk", "booking.remove", "own", (R, R, PR)),
    ("kiosk", "booking.attend", "own", (R, R, PR)),
    ("kiosk", "employer.upsert", "own", (R, R, PR)),
    ("kiosk", "event.update", "none", (R, R, PR)),
    ("kiosk", "event.create", "none", (R, R, PR)),
    ("kiosk", "candidate.merge", "none", (R, R, PR)),
    ("kiosk", "candidate.erase", "none", (R, R, PR)),
]
PATHS = ("push", "usb", "parked")
POLICY: list[tuple[str, str, str, str, str]] = [
    (role, path, kind, owner, outcome)
    for role, kind, owner, outcomes in _RULE
    for path, outcome in zip(PATHS, outcomes, strict=True)
]


@dataclass
class Fair:
    """The hub's own (organizer) file, the hub serving it, and three paired devices."""

    session: EventSession
    hub: HubServer
    a: str  # employer A: the booth's
    b: str  # employer B
    devices: dict[str, dict[str, Any]]  # role -> device_id, hub_token, event_id, path
    folder: Path
    seqs: Iterator[int]

    @property
    def store(self) -> EventStore:
        return self.session.store

    def emit(self, kind: str, body: dict[str, Any]) -> Op:
        """The organizer's own op: how a test lays out the records a case is about."""
        with self.store.transaction():
            return oplog.emit(self.store, kind, body, self.session.now())


def _settings(path: Path) -> dict[str, Any]:
    store = open_event_file(path)
    try:
        found = {k: store.setting(k) for k in ("device_id", "hub_token", "event_id", "hub_url",
                                                 "hub_fingerprint")}
    finally:
        store.close()
    return {**found, "path": path}


@pytest.fixture(scope="module")
def fair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fair]:
    folder = tmp_path_factory.mktemp("matrix")
    session = build_demo(folder / "hub.fairdesk", DemoSpec(4, 2, seed=7, resumes=False))
    hub = HubServer(session.store.path or Path(), port=0)
    hub.start()
    employers = all_employers(session)
    devices = {}
    for role in ("desk", "booth", "kiosk"):
        made = invite(session, role, hub.url, desk=1 if role == "desk" else None,
                      employer=employers[0].id if role == "booth" else None)
        path = folder / f"{role}.fairdesk"
        join(path, made.code, role)
        devices[role] = _settings(path)
    try:
        yield Fair(session, hub, employers[0].id, employers[1].id, devices, folder,
                   itertools.count(1000))
    finally:
        hub.stop()
        session.close()


# ---------------------------------------------------------------- the records of a case
def _now() -> str:
    return codec.ts(datetime.now(UTC))


def _candidate(fair: Fair) -> str:
    return add_candidate(fair.session, first_name="Matrix", last_name=new_id()[-6:]).id


def _visit(fair: Fair, employer: str, candidate: str) -> str:
    key = visit_id(employer, candidate)
    fair.emit("visit.record", {"id": key, "candidate_id": candidate, "employer_id": employer,
                               "at": _now()})
    return key


def _slot(fair: Fair, employer: str) -> dict[str, Any]:
    body = {"id": new_id(), "employer_id": employer, "day": "2026-08-21",
            "start": "10:00", "end": "10:20", "room": new_id()}
    fair.emit("slot.add", body)
    return body


def _booking_body(employer: str, slot: dict[str, Any], candidate: str) -> dict[str, Any]:
    return {"id": new_id(), "slot_id": slot["id"], "candidate_id": candidate,
            "employer_id": employer, "employer_name": "Employer", "day": slot["day"],
            "start": slot["start"], "end": slot["end"]}


def _employer(fair: Fair, owner: str) -> str:
    return {"own": fair.a, "other": fair.b, "none": new_id()}[owner]


def _body(fair: Fair, kind: str, owner: str) -> dict[str, Any]:
    """The body of a ``kind`` op about a record of ``owner``, laid out on the hub."""
    if kind in policy.ROSTER_KINDS:
        return _roster_body(fair, kind)
    if kind in policy.VISIT_KINDS:
        return _visit_body(fair, kind, owner)
    if kind in policy.BOOKING_KINDS | policy.SLOT_KINDS:
        return _interview_body(fair, kind, owner)
    if kind == "employer.upsert":
        return {"id": _employer(fair, owner), "name": "Renamed by a device"}
    if kind == "event.update":
        return {"id": event_rows.get(fair.store).id, "name": "Renamed by a device"}
    if kind == "event.create":
        return {"id": new_id(), "name": "Another fair", "created_at": _now(),
                "public_key": "00" * 32}
    if kind == "candidate.merge":
        keep, drop = _candidate(fair), _candidate(fair)
        return {"keep": keep, "drop": drop, "keep_ref": "", "drop_ref": ""}
    if kind == "candidate.erase":
        return {"id": _candidate(fair)}
    raise AssertionError(f"no case for {kind}")


def _roster_body(fair: Fair, kind: str) -> dict[str, Any]:
    if kind == "candidate.add":
        return {"id": new_id(), "ref": f"W1-{next(fair.seqs):04d}", "first_name": "Walk",
                "last_name": "In", "source": "walk_in", "desk": 1}
    if kind == "candidate.update":
        return {"id": _candidate(fair), "district": "Gros Islet"}
    if kind == "checkin.add":
        return {"id": new_id(), "candidate_id": _candidate(fair), "day": "2026-08-20",
                "at": _now(), "desk": 1}
    if kind == "checkin.undo":
        checkin = {"id": new_id(), "candidate_id": _candidate(fair), "day": "2026-08-20",
                   "at": _now(), "desk": 1}
        fair.emit("checkin.add", checkin)
        return {"id": checkin["id"], "reason": "wrong person"}
    return {"id": new_id(), "candidate_id": _candidate(fair), "at": _now(),  # badge.print
            "layout": "standard", "desk": 1}


def _visit_body(fair: Fair, kind: str, owner: str) -> dict[str, Any]:
    candidate = _candidate(fair)
    if kind == "visit.record":
        employer = fair.b if owner == "other" else fair.a
        key = new_id() if owner == "none" else visit_id(employer, candidate)
        return {"id": key, "candidate_id": candidate, "employer_id": employer, "at": _now()}
    if kind in ("visit.update", "visit.unrecord"):
        key = (visit_id(fair.a, candidate) if owner == "none"
               else _visit(fair, fair.a if owner == "own" else fair.b, candidate))
        if kind == "visit.update":
            return {"id": key, "rating": 1, "notes": "INJECTED", "tags": ["do not hire"]}
        return {"id": key, "remove": True}
    raise AssertionError(f"no case for {kind}")


def _interview_body(fair: Fair, kind: str, owner: str) -> dict[str, Any]:
    candidate = _candidate(fair)
    if kind == "slot.add":
        return {"id": new_id(), "employer_id": _employer(fair, owner), "day": "2026-08-21",
                "start": "11:00", "end": "11:20", "room": new_id()}
    if kind == "slot.remove":  # only the organizer takes slots back
        slot = _slot(fair, fair.a if owner == "own" else fair.b)
        return {"id": slot["id"], "employer_id": slot["employer_id"]}
    if kind == "booking.add":  # the body names the booth's employer; the slot decides
        slot = (_slot(fair, fair.a if owner == "own" else fair.b) if owner != "none"
                else {"id": new_id(), "day": "2026-08-21", "start": "12:00", "end": "12:20"})
        return _booking_body(fair.a, slot, candidate)
    if kind in ("booking.remove", "booking.attend"):  # about a booking: the hub's decides
        key = _held_booking(fair, owner, candidate)
        if kind == "booking.attend":
            return {"id": key, "employer_id": fair.a, "candidate_id": candidate,
                    "attended": True}
        return {"id": key, "candidate_id": candidate, "employer_id": fair.a, "reason": "moved"}
    raise AssertionError(f"no case for {kind}")


def _held_booking(fair: Fair, owner: str, candidate: str) -> str:
    """The id of a booking the hub holds at ``owner``'s employer (``none``: one it does not)."""
    if owner == "none":
        return new_id()
    employer = fair.b if owner == "other" else fair.a
    booking = _booking_body(employer, _slot(fair, employer), candidate)
    fair.emit("booking.add", booking)
    return str(booking["id"])


def _op(fair: Fair, role: str, kind: str, body: dict[str, Any]) -> Op:
    device = str(fair.devices[role]["device_id"])
    return Op(new_id(), device, next(fair.seqs), kind, datetime.now(UTC),
              clock.encode(clock.wall_ms(), 0, device), body)


# ---------------------------------------------------------------- the three ways in
def _client(fair: Fair, role: str) -> HubClient:
    found = fair.devices[role]
    return HubClient(found["hub_url"], found["hub_fingerprint"], found["hub_token"], 5)


def _in_log(fair: Fair, op: Op) -> bool:
    return fair.store.scalar("SELECT 1 FROM ops WHERE op_id = ?", (op.op_id,)) is not None


def _by_push(fair: Fair, role: str, op: Op, capsys: pytest.CaptureFixture[str]) -> str:
    with _client(fair, role) as client:
        try:
            acks = client.push([op])
        except Forbidden as error:  # the client's name for HTTP 403
            assert op.op_id in str(error), error
            return R
    assert [op_id for op_id, _ in acks] == [op.op_id]
    return A


def _by_usb(fair: Fair, role: str, op: Op, capsys: pytest.CaptureFixture[str]) -> str:
    found = fair.devices[role]
    file = fair.folder / f"{op.op_id}.ops"
    opfile.write(file, found["event_id"], found["device_id"], [op],
                 pairing.secret_hash(found["hub_token"]))
    code = main(["import", "ops", str(fair.store.path), str(file)])
    _, err = capsys.readouterr()
    if code == 1:
        assert op.op_id in err and "nothing was taken" in err, err
        return R
    assert code == 0, err
    return A


def _by_parking(fair: Fair, role: str, op: Op, capsys: pytest.CaptureFixture[str]) -> str:
    """What a hub did before the rule: keep the op and park it, unprojected. The
    next push (any device's) applies the parked ops it may."""
    store = open_event_file(fair.store.path or Path())
    try:
        with store.transaction():
            assert oplog.record(store, op)
            store.execute("INSERT INTO parked_ops (op_id, reason) VALUES (?, 'test')",
                          (op.op_id,))
    finally:
        store.close()
    trigger = _op(fair, "desk", "badge.print", _body(fair, "badge.print", "none"))
    with _client(fair, "desk") as client:
        client.push([trigger])
    if fair.store.scalar("SELECT 1 FROM refused_ops WHERE op_id = ?", (op.op_id,)):
        return PR
    if fair.store.scalar("SELECT 1 FROM parked_ops WHERE op_id = ?", (op.op_id,)):
        return P
    return AP


WAYS: dict[str, Callable[[Fair, str, Op, pytest.CaptureFixture[str]], str]] = {
    "push": _by_push, "usb": _by_usb, "parked": _by_parking}


@pytest.mark.parametrize(("role", "path", "kind", "owner", "expected"), POLICY,
                         ids=["-".join(row[:4]) for row in POLICY])
def test_the_role_rule(fair: Fair, capsys: pytest.CaptureFixture[str], role: str, path: str,
                       kind: str, owner: str, expected: str) -> None:
    op = _op(fair, role, kind, _body(fair, kind, owner))
    before = int(fair.store.scalar("SELECT COUNT(*) FROM ops"))
    assert WAYS[path](fair, role, op, capsys) == expected
    if expected == R:  # nothing written, not even parked
        assert not _in_log(fair, op)
        assert int(fair.store.scalar("SELECT COUNT(*) FROM ops")) == before
    else:
        assert _in_log(fair, op)
    if expected in (A, AP, P):
        assert not fair.store.scalar("SELECT 1 FROM refused_ops WHERE op_id = ?", (op.op_id,))


def test_the_table_covers_every_kind_role_and_path() -> None:
    kinds = (policy.ROSTER_KINDS | policy.VISIT_KINDS | policy.BOOKING_KINDS
             | policy.SLOT_KINDS | policy.EVENT_KINDS | policy.CORRECTION_KINDS
             | {"employer.upsert"})
    for role in ("desk", "booth", "kiosk"):
        for path in PATHS:
            assert {k for r, p, k, _, _ in POLICY if (r, p) == (role, path)} == kinds
