"""Pairing and paired devices, on the hub (the organizer's event file).

The organizer makes an invite (role, employer or desk set here, never taken
from the device); the code carries the hub address, the certificate
fingerprint and a one-time secret that expires. Redeeming it gives the device
its own revocable token; the hub keeps only hashes of secrets and tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fairdesk.domain.errors import BadPairingCode, InvalidField, NotPaired, Unauthorized
from fairdesk.domain.ids import new_id
from fairdesk.services.employers import find_employer
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import EventStore, codec, device_rows, oplog
from fairdesk.storage import event as event_rows
from fairdesk.sync import pairing, tls
from fairdesk.sync.policy import Caller, may_have_signing_key
from fairdesk.sync.wire import op_to_wire

INVITE_TTL = timedelta(minutes=15)
CERT_KEY, KEY_KEY = "hub.cert_pem", "hub.key_pem"


@dataclass(frozen=True)
class Invite:
    code: str
    role: str
    employer_id: str | None
    desk: int | None
    expires_at: datetime


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    role: str
    employer_id: str | None
    employer: str
    desk: int | None
    paired_at: datetime | None
    last_seen_at: datetime | None
    revoked_at: datetime | None
    pending: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "role": self.role,
            "employer_id": self.employer_id, "employer": self.employer, "desk": self.desk,
            "paired_at": _iso(self.paired_at), "last_seen_at": _iso(self.last_seen_at),
            "revoked_at": _iso(self.revoked_at), "pending": self.pending,
        }


def _iso(at: datetime | None) -> str | None:
    return codec.ts(at) if at else None


def require_hub_file(store: EventStore) -> None:
    if store.setting("role") != "organizer":
        raise NotPaired("Only the organizer's event file can run the hub or pair devices.")


def certificate(store: EventStore) -> tuple[bytes, bytes, str]:
    """The hub's certificate, key and fingerprint; made on first use."""
    with store.transaction():
        cert, key = store.setting(CERT_KEY), store.setting(KEY_KEY)
        if not cert or not key:
            cert_pem, key_pem = tls.make_certificate()
            cert, key = cert_pem.decode(), key_pem.decode()
            store.set_setting(CERT_KEY, cert)
            store.set_setting(KEY_KEY, key)
    return cert.encode(), key.encode(), tls.fingerprint(cert.encode())


def invite(session: EventSession, role: str, hub_url: str, *, employer: str | None = None,
           desk: int | None = None, ttl: timedelta = INVITE_TTL) -> Invite:
    """A one-time pairing code for a desk, a booth or a kiosk."""
    store = session.store
    require_hub_file(store)
    if role not in ("desk", "booth", "kiosk"):
        raise InvalidField("role", f"A device is a desk, a booth or a kiosk, not {role!r}.")
    if role == "booth" and not employer:
        raise InvalidField("employer", "A booth device needs --employer (id, booth or name).")
    if not hub_url.startswith("https://"):
        raise InvalidField("hub", f"The hub address must start with https://, not {hub_url!r}.")
    employer_id = find_employer(session, employer).id if role == "booth" and employer else None
    if role == "desk" and desk is not None:
        _check_desk_free(store, desk)
    _, _, fingerprint = certificate(store)
    secret, now = pairing.new_secret(), session.now()
    with store.transaction():
        device_rows.add_invite(store, new_id(), secret_hash=pairing.secret_hash(secret),
                               role=role, employer_id=employer_id, desk=desk, at=now,
                               expires_at=now + ttl)
    code = pairing.PairingCode(hub_url.rstrip("/"), fingerprint, secret).encode()
    return Invite(code, role, employer_id, desk, now + ttl)


def held_desks(store: EventStore) -> dict[int, str]:
    """Desk numbers of paired desks that are not revoked → the device's name."""
    return {int(r["desk"]): r["name"] or r["id"] for r in device_rows.listing(store)
            if r["role"] == "desk" and r["desk"] is not None and not r["revoked_at"]}


def _check_desk_free(store: EventStore, desk: int) -> None:
    """Walk-ins are numbered ``W<desk>-NNNN`` on each desk: two desks with one number clash."""
    if desk < 1:
        raise InvalidField("desk", f"A desk number is 1 or more, not {desk}.")
    held = held_desks(store)
    if desk in held:
        free = next(n for n in range(1, len(held) + 2) if n not in held)
        raise InvalidField("desk", f"Desk {desk} is already paired ({held[desk]!r}); its "
                                   f"walk-in refs would clash. Use desk {free}, the next free "
                                   f"number, or revoke that device first.")


def list_devices(session: EventSession) -> list[DeviceInfo]:
    return [
        DeviceInfo(
            r["id"], r["name"], r["role"], r["employer_id"], r["employer_name"] or "",
            r["desk"], codec.maybe_ts(r["paired_at"]), codec.maybe_ts(r["last_seen_at"]),
            codec.maybe_ts(r["revoked_at"]), int(r["pending"]),
        )
        for r in device_rows.listing(session.store)
    ]


def revoke_device(session: EventSession, device_key: str) -> DeviceInfo:
    """Revoke by id or unique id prefix; the device's token stops working at once."""
    matches = [d for d in list_devices(session) if d.id.startswith(device_key.strip())]
    if len(matches) != 1 or not device_key.strip():
        raise InvalidField("device", f"No single paired device matches {device_key!r}.")
    with session.store.transaction():
        device_rows.revoke(session.store, matches[0].id, session.now())
    session.publish(Change("devices", (matches[0].id,)))
    return next(d for d in list_devices(session) if d.id == matches[0].id)


# ---------------------------------------------------------------- the hub's side of a request
def authenticate(store: EventStore, token: str) -> Caller:
    row = device_rows.by_token_hash(store, pairing.secret_hash(token))
    if row is None:
        raise Unauthorized("This device token is unknown to the hub.")
    if row["revoked_at"]:
        raise Unauthorized("This device was revoked by the organizer; pair it again.")
    return Caller(row["id"], row["role"], row["employer_id"], row["desk"], row["name"])


def redeem(store: EventStore, secret: str, name: str, now: datetime) -> dict[str, Any]:
    """Turn a one-time secret into a device with its own token (``POST /api/join``)."""
    token, device_id = pairing.new_token(), new_id()
    with store.transaction():
        found = device_rows.invite_by_hash(store, pairing.secret_hash(secret))
        if found is None:
            raise BadPairingCode("This pairing code is unknown to the hub.")
        if found["used_at"]:
            raise BadPairingCode("This pairing code was used already; make a new one.")
        if codec.parse_ts(found["expires_at"]) <= now:
            raise BadPairingCode("This pairing code has expired; make a new one.")
        if found["role"] == "desk" and found["desk"] in held_desks(store):
            raise BadPairingCode(f"Desk {found['desk']} was paired with another code meanwhile; "
                                 "make a new code with a free desk number.")
        device_rows.use_invite(store, found["id"], device_id, now)
        device_rows.add_device(store, device_id, name=name, role=found["role"],
                               employer_id=found["employer_id"], desk=found["desk"],
                               token_hash=pairing.secret_hash(token), at=now)
    caller = Caller(device_id, found["role"], found["employer_id"], found["desk"], name)
    return {"device_id": device_id, "token": token, "role": caller.role,
            "employer_id": caller.employer_id, "desk": caller.desk, **event_keys(store, caller)}


def event_keys(store: EventStore, caller: Caller) -> dict[str, Any]:
    """The event, its first op and the keys the caller's role may hold."""
    event = event_rows.get(store)
    first = store.row("SELECT op_id, hub_seq FROM ops WHERE kind = 'event.create' LIMIT 1")
    out: dict[str, Any] = {"event_id": event.id, "event_name": event.name,
                           "public_key": event.public_key.hex()}
    if first is not None:
        op = oplog.by_ids(store, [first["op_id"]])[0]
        out["event_op"] = op_to_wire(op, first["hub_seq"])
    if may_have_signing_key(caller) and event.signing_key:
        out["signing_key"] = event.signing_key.hex()
    return out
