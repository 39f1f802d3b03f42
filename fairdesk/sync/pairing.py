"""Pairing codes: hub address, certificate fingerprint and a one-time secret.

A code is ``FD1.`` followed by base64url JSON ``{"u": url, "f": fingerprint,
"s": secret}``; short enough for a QR code that a tablet camera reads.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
from dataclasses import dataclass

from fairdesk.domain.errors import BadPairingCode

PREFIX = "FD1."
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class PairingCode:
    hub_url: str
    fingerprint: str
    secret: str

    def encode(self) -> str:
        raw = json.dumps({"u": self.hub_url, "f": self.fingerprint, "s": self.secret},
                         separators=(",", ":")).encode()
        return PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def new_secret() -> str:
    return secrets.token_urlsafe(18)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the hub stores instead of a secret or a token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def decode(code: str) -> PairingCode:
    text = "".join(code.split())
    if not text.startswith(PREFIX):
        raise BadPairingCode("This is not a FairDesk pairing code (it should start FD1.).")
    body = text[len(PREFIX):]
    try:
        raw = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        url, fp, secret = str(raw["u"]), str(raw["f"]).lower(), str(raw["s"])
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise BadPairingCode("The pairing code is damaged; copy or scan it again.") from error
    if not url.startswith("https://") or not _FINGERPRINT.match(fp) or len(secret) < 16:
        raise BadPairingCode("The pairing code is damaged; copy or scan it again.")
    return PairingCode(url.rstrip("/"), fp, secret)
