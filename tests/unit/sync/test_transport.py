"""Pairing codes, the op wire format, signed USB op files and the role rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairdesk.domain.errors import BadPairingCode, TamperedFile
from fairdesk.domain.ids import visit_id
from fairdesk.domain.model import Op
from fairdesk.sync import opfile, pairing, policy
from fairdesk.sync.wire import WireError, op_from_wire, op_to_wire

AT = datetime(2026, 8, 20, 13, 30, tzinfo=UTC)


def _op(kind: str = "visit.record", **body: object) -> Op:
    return Op("op1", "dev1", 1, kind, AT, "0000000000001.0000.dev1", dict(body))


def test_pairing_code_round_trip_and_damage() -> None:
    code = pairing.PairingCode("https://10.0.0.5:8765", "ab" * 32, pairing.new_secret())
    assert pairing.decode(code.encode()) == code
    assert pairing.decode(" " + code.encode()[:20] + "\n" + code.encode()[20:]) == code
    for bad in ("hello", "FD1.!!!", code.encode()[:-6]):
        with pytest.raises(BadPairingCode):
            pairing.decode(bad)


def test_op_wire_round_trip_and_refusals() -> None:
    op = _op(employer_id="e1")
    assert op_from_wire(json.loads(json.dumps(op_to_wire(op, 7)))) == op
    wire = op_to_wire(op)
    for bad, says in (({}, "must be an object"), ([], "must be an object"),
                      ({k: v for k, v in wire.items() if k != "body"}, "must be an object"),
                      ({**wire, "seq": 0}, "positive integer"), ({**wire, "seq": "1"}, "positive"),
                      ({**wire, "at": "noon"}, "bad time"), ({**wire, "body": []}, "body an"),
                      ({**wire, "op_id": None}, "are text"), ({**wire, "kind": ""}, "are text"),
                      ({**wire, "hlc": "12"}, "not a clock stamp")):
        with pytest.raises(WireError, match=says):
            op_from_wire(bad)


def test_signed_op_file_round_trip_and_tampering(tmp_path: Path) -> None:
    path, key = tmp_path / "desk.ops", pairing.secret_hash("token")
    opfile.write(path, "ev1", "dev1", [_op(employer_id="e1")], key)
    found, payload = opfile.read(path)
    opfile.verify(path, payload, key)
    assert found.ops[0].body == {"employer_id": "e1"}
    assert not list(tmp_path.glob(".*partial"))
    with pytest.raises(TamperedFile):
        opfile.verify(path, payload, pairing.secret_hash("another token"))
    path.write_text(path.read_text().replace('"e1"', '"e2"'))
    found, payload = opfile.read(path)
    with pytest.raises(TamperedFile, match="changed"):
        opfile.verify(path, payload, key)
    path.write_text("garbage")
    with pytest.raises(TamperedFile):
        opfile.read(path)


def test_booth_sees_only_its_employer() -> None:
    booth = policy.Caller("dev1", "booth", "e1")
    assert policy.may_see(booth, _op(employer_id="e1"), "e1")
    assert not policy.may_see(booth, _op(employer_id="e2"), "e2")
    assert not policy.may_see(booth, _op("checkin.add"), None)
    assert not policy.may_see(booth, _op("candidate.add"), None)
    assert policy.may_see(booth, _op("employer.upsert", id="e1"), None)
    assert not policy.may_see(booth, _op("employer.upsert", id="e2"), None)
    desk = policy.Caller("dev2", "desk")
    assert policy.may_see(desk, _op("candidate.add"), None)
    assert not policy.may_see(desk, _op("visit.update"), "e1")
    assert policy.op_refusal(booth, _op(employer_id="e2"), None)
    own = _op(id=visit_id("e1", "c1"), employer_id="e1", candidate_id="c1")
    assert policy.op_refusal(booth, own, None) is None
