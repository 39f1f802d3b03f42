"""The role × endpoint matrix, revoked tokens, replayed and expired pairing codes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from fairdesk.domain.errors import BadPairingCode, Forbidden, HubUnreachable, Unauthorized
from fairdesk.domain.ids import new_id, visit_id
from fairdesk.domain.model import Op
from fairdesk.services.devices import invite, list_devices, revoke_device
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.services.sync import join
from fairdesk.storage import open_event_file, oplog
from fairdesk.sync.client import HubClient
from fairdesk.sync.pairing import decode
from fairdesk.sync.wire import RejectedByHub, ResumeUpload

Pair = Callable[..., Path]


def _client(path: Path, url: str | None = None, token: str | None = None) -> HubClient:
    store = open_event_file(path)
    try:
        return HubClient(url or store.setting("hub_url"), store.setting("hub_fingerprint"),
                         token if token is not None else store.setting("hub_token"), 5)
    finally:
        store.close()


def _op(device: str, kind: str, body: dict[str, object], fair: EventSession) -> Op:
    return Op(new_id(), device, 1, kind, fair.now(), f"{1:013d}.0000.{device}", body)


def _device_id(path: Path) -> str:
    store = open_event_file(path)
    try:
        return oplog.device_id(store)
    finally:
        store.close()


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_every_endpoint_needs_a_known_token(pair: Pair, token: str) -> None:
    path = pair("desk")
    with _client(path, token=token) as client:
        upload = ResumeUpload("0" * 64, "cv.pdf", "application/pdf", b"%PDF-1.4")
        for call in (lambda: client.pull(0), lambda: client.push([]), client.signing_key,
                     lambda: client.upload_resume(upload)):
            with pytest.raises(Unauthorized):
                call()


def test_role_endpoint_matrix(fair: EventSession, pair: Pair) -> None:
    employers = all_employers(fair)
    desk, booth = pair("desk", desk=1), pair("booth", 0)
    desk_id, booth_id = _device_id(desk), _device_id(booth)
    candidate = str(fair.store.scalar("SELECT id FROM candidates LIMIT 1"))
    visit = {"id": visit_id(employers[0].id, candidate), "candidate_id": candidate,
             "at": "2026-08-20T13:30:00+00:00"}
    with _client(desk) as d, _client(booth) as b:
        assert "signing_key" in d.signing_key()
        with pytest.raises(Forbidden):
            b.signing_key()
        with pytest.raises(Forbidden):  # a desk never sends visits, notes or ratings
            d.push([_op(desk_id, "visit.record", {**visit, "employer_id": employers[0].id},
                        fair)])
        with pytest.raises(Forbidden):  # a booth never sends check-ins
            b.push([_op(booth_id, "checkin.add", {"id": new_id()}, fair)])
        with pytest.raises(Forbidden):  # nor another employer's visits
            b.push([_op(booth_id, "visit.record", {**visit, "employer_id": employers[1].id},
                        fair)])
        with pytest.raises(Forbidden):  # nor ops in another device's name
            b.push([_op(desk_id, "visit.record", {**visit, "employer_id": employers[0].id},
                        fair)])
        with pytest.raises(Forbidden):  # nor the event setup
            d.push([_op(desk_id, "event.update", {"id": fair.event.id, "name": "X"}, fair)])
        assert b.push([_op(booth_id, "visit.record",
                           {**visit, "employer_id": employers[0].id}, fair)])
        with pytest.raises(Forbidden):
            b._call("GET", "/api/pull", params={"since": "0", "employer": employers[1].id})
        assert b._call("GET", "/api/pull", params={"since": "0",
                                                   "employer": employers[0].id})["ops"]
        with pytest.raises(Forbidden):
            d._call("GET", "/api/pull", params={"since": "0", "employer": employers[0].id})
        # résumé blobs: a desk sends them (here refused as bytes and sha differ: 400);
        # a booth never holds one (403, whatever it sends)
        upload = ResumeUpload("0" * 64, "cv.pdf", "application/pdf", b"%PDF-1.4")
        with pytest.raises(RejectedByHub, match="do not match"):
            d.upload_resume(upload)
        with pytest.raises(Forbidden):
            b.upload_resume(upload)


def test_a_revoked_device_is_refused_at_once(fair: EventSession, pair: Pair) -> None:
    path = pair("desk")
    device = next(d for d in list_devices(fair))
    revoke_device(fair, device.id[:12])
    with _client(path) as client, pytest.raises(Unauthorized, match="revoked"):
        client.pull(0)


def test_a_pairing_code_works_once(fair: EventSession, hub: HubServer, tmp_path: Path) -> None:
    made = invite(fair, "desk", hub.url, desk=1)
    join(tmp_path / "a.fairdesk", made.code)
    with pytest.raises(BadPairingCode, match="used already"):
        join(tmp_path / "b.fairdesk", made.code)
    assert not (tmp_path / "b.fairdesk").exists()


def test_an_expired_pairing_code_is_refused(fair: EventSession, hub: HubServer,
                                            tmp_path: Path) -> None:
    made = invite(fair, "booth", hub.url, employer=all_employers(fair)[0].id,
                  ttl=timedelta(seconds=-1))
    with pytest.raises(BadPairingCode, match="expired"):
        join(tmp_path / "late.fairdesk", made.code)


def test_a_hub_with_another_certificate_is_not_trusted(fair: EventSession, hub: HubServer,
                                                       tmp_path: Path) -> None:
    made = decode(invite(fair, "desk", hub.url).code)
    forged = made.__class__(made.hub_url, "0" * 64, made.secret).encode()
    with pytest.raises(HubUnreachable, match="certificate"):
        join(tmp_path / "d.fairdesk", forged)
    assert fair.store.scalar("SELECT COUNT(*) FROM sync_invites WHERE used_at IS NULL") == 1


def test_tokens_and_secrets_are_stored_only_as_hashes(fair: EventSession, pair: Pair) -> None:
    path = pair("desk")
    store = open_event_file(path)
    token = store.setting("hub_token")
    store.close()
    dump = "\n".join(fair.store.db.conn.iterdump())
    assert token not in dump


@pytest.mark.parametrize("raw", [b"{not json", b'{"ops": [NaN]}', b'["\\ud800"]', b"[]", b""])
def test_a_body_that_is_not_a_json_object_is_a_400_naming_it(pair: Pair, raw: bytes) -> None:
    """The wire's decoder (orjson) reads strict JSON only; the hub says so, and holds on."""
    store = open_event_file(pair("desk"))
    url, pin, token = (store.setting("hub_url"), store.setting("hub_fingerprint"),
                       store.setting("hub_token"))
    store.close()

    async def post() -> tuple[int, dict[str, str]]:
        async with aiohttp.ClientSession() as http, http.post(
                url + "/api/push", data=raw, headers={"Authorization": f"Bearer {token}"},
                ssl=aiohttp.Fingerprint(bytes.fromhex(pin))) as answer:
            return answer.status, await answer.json()

    status, answer = asyncio.run(post())
    assert status == 400
    assert answer["code"] == "bad_request"
    assert "JSON" in answer["message"]
    with HubClient(url, pin, token, 5) as client:
        assert client.push([]) == []  # the hub still answers
