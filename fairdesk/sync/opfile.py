"""Signed op files for a USB stick (``fairdesk export ops`` / ``import ops``).

A file is JSON: format, event id, device id, the device's ops, on a desk the
résumé blobs its walk-ins reference (``resumes``: sha256, name, mime and the
bytes in base64; absent from older files and from files without any) and
``mac``, an HMAC-SHA256 over the canonical JSON of everything else, blobs
included. The key is the
SHA-256 of the device's token: the device holds the token, the hub holds
only that hash (``devices.token_hash``), so the hub verifies without ever
storing the token, and a revoked device's files are refused. A file whose
content or signature was changed is refused whole.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import TamperedFile
from fairdesk.domain.model import Op
from fairdesk.sync.wire import WireError, op_to_wire, ops_from_wire

FORMAT = "fairdesk-ops/1"
MAX_OPS = 10_000_000


@dataclass(frozen=True)
class Blob:
    """One résumé carried in the file: what the desk claims, and the bytes."""

    sha256: str
    name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class OpFile:
    event_id: str
    device_id: str
    ops: list[Op]
    mac: str
    resumes: tuple[Blob, ...] = ()


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode()


def _mac(key_hex: str, payload: dict[str, Any]) -> str:
    return hmac.new(bytes.fromhex(key_hex), _canonical(payload), hashlib.sha256).hexdigest()


def write(path: Path, event_id: str, device_id: str, ops: list[Op], key_hex: str,
          resumes: Sequence[Blob] = ()) -> None:
    """Write atomically: a temporary file beside the target, fsync, rename.

    The blobs are held in memory with the ops while the file is signed and
    written: a desk holds a few dozen résumés (each at most 20 MB, most far
    smaller), so that stays bounded.
    """
    payload: dict[str, Any] = {
        "format": FORMAT, "event_id": event_id, "device_id": device_id,
        "ops": [op_to_wire(op) for op in ops],
    }
    if resumes:  # a file without blobs stays exactly what older versions wrote
        payload["resumes"] = [
            {"sha256": b.sha256, "name": b.name, "mime": b.mime,
             "data": base64.b64encode(b.data).decode("ascii")} for b in resumes]
    payload["mac"] = _mac(key_hex, payload)
    temporary = path.with_name(f".{path.name}.partial")
    with temporary.open("wb") as handle:
        handle.write(_canonical(payload))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def read(path: Path) -> tuple[OpFile, dict[str, Any]]:
    """The file's claims, unverified, and its raw payload (for :func:`verify`)."""
    try:
        payload = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise TamperedFile(f"{path.name} is not a readable FairDesk op file.") from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise TamperedFile(f"{path.name} is not a FairDesk op file ({FORMAT}).")
    try:
        ops = ops_from_wire(payload.get("ops"), MAX_OPS)
        found = OpFile(str(payload["event_id"]), str(payload["device_id"]), ops,
                       str(payload["mac"]), _blobs(payload.get("resumes", [])))
    except (WireError, KeyError) as error:
        raise TamperedFile(f"{path.name} is damaged: {error}") from error
    return found, payload


def _blobs(raw: Any) -> tuple[Blob, ...]:
    """The résumé entries, their shape checked (their content is checked on import)."""
    if not isinstance(raw, list):
        raise WireError("resumes must be a list.")
    found = []
    for index, entry in enumerate(raw, 1):
        values = [entry.get(k) for k in ("sha256", "name", "mime", "data")] \
            if isinstance(entry, dict) else []
        if len(values) != 4 or not all(isinstance(v, str) for v in values):
            raise WireError(f"résumé {index} must have sha256, name, mime and data (text).")
        sha, name, mime, data = (str(v) for v in values)
        try:
            found.append(Blob(sha, name, mime, base64.b64decode(data, validate=True)))
        except (binascii.Error, ValueError) as error:
            raise WireError(f"résumé {index} ({sha[:12]}): data is not base64.") from error
    return tuple(found)


def verify(path: Path, payload: dict[str, Any], key_hex: str) -> None:
    unsigned = {k: v for k, v in payload.items() if k != "mac"}
    if not hmac.compare_digest(_mac(key_hex, unsigned), str(payload.get("mac", ""))):
        raise TamperedFile(f"{path.name} was changed after it was signed; refused.")
