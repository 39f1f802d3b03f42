"""The signed badge token carried by the QR (DESIGN.md "Badge token").

Text form: ``FD1:`` then RFC 4648 base32 (upper case, no padding) of::

    event tag (8) | candidate id (16, UUID bytes) | name length (1) | name (UTF-8) | signature (64)

The signature is Ed25519 over ``b"FD1:"`` + everything before it, so the
format version is signed too. The event tag is the first 8 bytes of SHA-256 of
the event id: it tells "another event's badge" from "a forged one" without
spending 16 bytes on the full id.

Why base32: digits, upper-case letters and ``:`` are all in the QR
alphanumeric set (5.5 bits a character), which beats base64 in byte mode
(6 bits per 8-bit character), and keyboard-wedge scanners type them safely on
any keyboard layout. With ``MAX_NAME_BYTES`` = 19 the longest token is 177
characters: version 7 at error correction M holds 178.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import re
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fairdesk.domain.errors import (
    ForeignBadge,
    ForgedBadge,
    MalformedBadge,
    NotABadge,
    TruncatedBadge,
)

VERSION = 1
PREFIX = f"FD{VERSION}:"
TAG_BYTES, ID_BYTES, SIG_BYTES = 8, 16, 64
MAX_NAME_BYTES = 19
_FIXED = TAG_BYTES + ID_BYTES + 1 + SIG_BYTES
_HEAD = re.compile(r"^FD(\d{1,3}):", re.IGNORECASE)


@dataclass(frozen=True)
class BadgeToken:
    """What a verified code says."""

    candidate_id: str
    display_name: str  # short form, for the booth's screen before any lookup
    event_tag: str  # hex
    version: int = VERSION


def event_tag(event_id: str) -> bytes:
    return hashlib.sha256(event_id.encode("utf-8")).digest()[:TAG_BYTES]


def short_name(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """The name as it fits in ``limit`` UTF-8 bytes: whole, else "First L.", else cut."""
    name = " ".join(name.split())
    if len(name.encode("utf-8")) <= limit:
        return name
    words = name.split(" ")
    if len(words) > 1:
        initials = f"{words[0]} {words[-1][0]}."
        if len(initials.encode("utf-8")) <= limit:
            return initials
    out = ""
    for char in words[0]:
        if len((out + char).encode("utf-8")) > limit:
            break
        out += char
    return out


@functools.lru_cache(maxsize=4)
def _private_key(signing_key: bytes) -> Ed25519PrivateKey:
    """Loading a key derives its public half, as long as a signature takes (~30 µs):
    once per event key, not once per badge."""
    return Ed25519PrivateKey.from_private_bytes(signing_key)


def sign(signing_key: bytes, event_id: str, candidate_id: str, display_name: str) -> str:
    """The QR text for one candidate."""
    name = short_name(display_name).encode("utf-8")
    body = event_tag(event_id) + uuid.UUID(candidate_id).bytes + bytes([len(name)]) + name
    signature = _private_key(signing_key).sign(PREFIX.encode() + body)
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


def looks_like_token(text: str) -> bool:
    """True for anything that claims to be a FairDesk code (``FD<n>:``)."""
    return _HEAD.match(text.strip()) is not None


def verify(text: str, public_key: bytes, event_id: str) -> BadgeToken:
    """Check a scanned code offline with the event's public key.

    Raises :class:`NotABadge`, :class:`MalformedBadge`, :class:`TruncatedBadge`,
    :class:`ForeignBadge` or :class:`ForgedBadge`.
    """
    raw = _decode(text)
    name_len = raw[TAG_BYTES + ID_BYTES]
    expected = _FIXED + name_len
    if len(raw) < expected:
        raise TruncatedBadge("This badge code is incomplete: scan it again.")
    if len(raw) > expected:
        raise MalformedBadge("This badge code has extra bytes: it was not made by FairDesk.")
    tag = raw[:TAG_BYTES]
    if tag != event_tag(event_id):
        raise ForeignBadge("This badge was issued for another event.", event_tag=tag.hex())
    message, signature = raw[:-SIG_BYTES], raw[-SIG_BYTES:]
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, PREFIX.encode() + message)
    except InvalidSignature as exc:
        raise ForgedBadge("This badge code was altered or forged: check ID by hand.") from exc
    name_start = TAG_BYTES + ID_BYTES + 1
    try:
        name = raw[name_start:name_start + name_len].decode("utf-8")
    except UnicodeDecodeError as exc:  # signed but unreadable: never made by sign()
        raise MalformedBadge("This badge code holds an unreadable name.") from exc
    candidate = str(uuid.UUID(bytes=raw[TAG_BYTES:TAG_BYTES + ID_BYTES]))
    return BadgeToken(candidate, name, tag.hex())


def _decode(text: str) -> bytes:
    clean = "".join(text.split())
    head = _HEAD.match(clean)
    if head is None:
        raise NotABadge("This is not a FairDesk badge code.")
    if int(head.group(1)) != VERSION:
        raise MalformedBadge(
            f"This badge code has format version {head.group(1)}; this FairDesk reads "
            f"version {VERSION}.", version=int(head.group(1)))
    data = clean[head.end():].upper()
    if not data:
        raise TruncatedBadge("This badge code is empty after its prefix: scan it again.")
    if len(data) % 8 in (1, 3, 6):  # lengths base32 never produces: characters lost
        raise TruncatedBadge("This badge code is incomplete: scan it again.")
    try:
        raw = base64.b32decode(data + "=" * (-len(data) % 8))
    except (binascii.Error, ValueError) as exc:
        raise MalformedBadge("This badge code has characters FairDesk never prints.") from exc
    if len(raw) < _FIXED:
        raise TruncatedBadge("This badge code is incomplete: scan it again.")
    return raw
