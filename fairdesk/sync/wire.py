"""The wire format of ops and pages between a device and the hub (JSON).

Bodies are encoded and decoded with orjson (:func:`dumps`, :func:`loads`): a
push of 1,000 ops is ~170 kB of JSON, which the standard library takes ~7 µs
an op to write and read again; orjson ~1 µs. It reads strict JSON only
(``NaN`` or a lone surrogate is a :class:`WireError`, as it should be).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from fairdesk.domain import clock
from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.model import Op

MAX_BATCH = 1000  # ops per push or pull page
MAX_INT = 2**63 - 1  # SQLite's largest integer: every number on the wire fits
MAX_DEPTH = 16  # an op body's nesting (the real ones are 2 deep)
_FIELDS = ("op_id", "device_id", "seq", "kind", "at", "hlc", "body")


class WireError(FairDeskError):
    """A request or answer that is not in the wire format (HTTP 400)."""

    code = "bad_request"


class RejectedByHub(FairDeskError):
    """The hub answered 400/413: this request will never be taken as it is."""

    code = "rejected"


class TooLarge(WireError):
    """A résumé upload over :data:`MAX_RESUME_BYTES` (HTTP 413)."""

    code = "too_large"


# ``POST /api/resumes``: the bytes are the body; these query parameters name them.
MAX_RESUME_BYTES = 20 * 1024 * 1024  # the résumé import's limit (imports.resume_files)
_SHA_DIGITS = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class ResumeUpload:
    """One résumé blob a desk sends: what it claims, and the bytes."""

    sha256: str
    name: str
    mime: str
    data: bytes
    pending: int | None = None  # what the desk has left once the hub holds this one

    def params(self) -> dict[str, str]:
        out = {"sha256": self.sha256, "name": self.name, "mime": self.mime}
        if self.pending is not None:
            out["pending"] = str(self.pending)
        return out

    @classmethod
    def from_wire(cls, query: Any, data: bytes) -> ResumeUpload:
        sha = str(query.get("sha256", "")).strip().lower()
        if len(sha) != 64 or not set(sha) <= _SHA_DIGITS:
            raise WireError("sha256 must be the 64 hex digits of the résumé's SHA-256.")
        mime = str(query.get("mime", "")).strip() or "application/pdf"
        if len(mime) > 120 or "/" not in mime:
            raise WireError(f"Résumé {sha[:12]}: bad mime type {mime[:40]!r}.")
        if len(data) > MAX_RESUME_BYTES:
            raise TooLarge(f"Résumé {sha[:12]} is larger than 20 MB "
                           f"({len(data) / 1024 / 1024:.1f} MB).")
        if not data:
            raise WireError(f"Résumé {sha[:12]}: the request holds no bytes.")
        pending = query.get("pending")
        return cls(sha, str(query.get("name", ""))[:255], mime, data,
                   None if pending in (None, "") else whole(pending, "pending"))


def dumps(data: Any) -> bytes:
    """A request or answer body (UTF-8 JSON)."""
    return orjson.dumps(data)


def loads(raw: bytes | str) -> Any:
    """A request or answer body; :class:`WireError` when it is not JSON."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise WireError(f"The body is not JSON ({error}).") from error


def ts(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds")


def op_to_wire(op: Op, hub_seq: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "op_id": op.op_id, "device_id": op.device_id, "seq": op.seq, "kind": op.kind,
        "at": ts(op.at), "hlc": op.hlc, "body": op.body,
    }
    if hub_seq is not None:
        out["hub_seq"] = hub_seq
    return out


def op_from_wire(raw: Any) -> Op:
    """An op from JSON, checked field by field; :class:`WireError` names the fault."""
    if not isinstance(raw, dict):
        raise WireError(f"An op must be an object with {', '.join(_FIELDS)}.")
    try:
        op_id, device_id, seq, kind, at, hlc, body = (
            raw["op_id"], raw["device_id"], raw["seq"], raw["kind"], raw["at"], raw["hlc"],
            raw["body"])
    except KeyError as error:
        raise WireError(f"An op must be an object with {', '.join(_FIELDS)}.") from error
    if not (isinstance(op_id, str) and op_id and isinstance(device_id, str) and device_id
            and isinstance(kind, str) and kind and isinstance(at, str) and at
            and isinstance(hlc, str) and hlc):
        raise WireError(f"Op {raw.get('op_id')!r}: op_id, device_id, kind, at and hlc are text.")
    if (not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_INT
            or not isinstance(body, dict)):
        raise WireError(f"Op {op_id!r}: seq must be a positive integer below 2**63, "
                        "body an object.", field="seq")
    if depth(body) > MAX_DEPTH:
        raise WireError(f"Op {op_id!r}: body is nested deeper than {MAX_DEPTH} levels.",
                        field="body")
    try:
        when = datetime.fromisoformat(at).astimezone(UTC)
    except ValueError as error:
        raise WireError(f"Op {op_id!r}: bad time {at!r}.") from error
    if not clock.is_stamp(hlc):
        raise WireError(f"Op {op_id!r}: hlc {hlc[:40]!r} is not a clock stamp (wall ms in 13 "
                        "digits, a counter in 4, the device).", field="hlc")
    return Op(op_id, device_id, seq, kind, when, hlc, body)


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a scalar: 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def whole(value: Any, name: str, upper: int = MAX_INT) -> int:
    """``value`` as a whole number from 0 to ``upper``; :class:`WireError` naming ``name``."""
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 19:
            raise WireError(f"{name} must be a whole number from 0 to {upper}.", field=name)
        value = int(text)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= upper:
        raise WireError(f"{name} must be a whole number from 0 to {upper}.", field=name)
    return value


def ops_from_wire(raw: Any, limit: int = MAX_BATCH) -> list[Op]:
    if not isinstance(raw, list):
        raise WireError("'ops' must be a list.")
    if len(raw) > limit:
        raise WireError(f"At most {limit} ops per request, not {len(raw)}.")
    return [op_from_wire(item) for item in raw]


@dataclass(frozen=True)
class PulledOp:
    op: Op
    hub_seq: int


@dataclass(frozen=True)
class PullPage:
    """One page of ``GET /api/pull``: ops the caller may see, in hub order."""

    ops: list[PulledOp]
    next: int  # the cursor to ask from next time (covers ops filtered out, too)
    more: bool
    stubs: list[dict[str, Any]] = field(default_factory=list)
    # The hub sequence the owed older ops of this page reach (0: none): the
    # device says it back (``backfilled``) once it holds them.
    backfill: int = 0

    def to_wire(self) -> dict[str, Any]:
        return {
            "ops": [op_to_wire(p.op, p.hub_seq) for p in self.ops],
            "next": self.next, "more": self.more, "stubs": self.stubs,
            "backfill": self.backfill,
        }

    @classmethod
    def from_wire(cls, raw: Any) -> PullPage:
        if not isinstance(raw, dict) or not isinstance(raw.get("next"), int):
            raise WireError("A pull page must be an object with 'next'.")
        ops = [PulledOp(op_from_wire(o), _hub_seq(o)) for o in raw.get("ops", [])]
        stubs = raw.get("stubs", [])
        if not isinstance(stubs, list):
            raise WireError("'stubs' must be a list.")
        return cls(ops, raw["next"], bool(raw.get("more")), stubs,
                   whole(raw.get("backfill", 0), "backfill"))


def _hub_seq(raw: dict[str, Any]) -> int:
    value = raw.get("hub_seq")
    if not isinstance(value, int) or value < 1:
        raise WireError(f"Op {raw.get('op_id')!r} from the hub has no hub_seq.")
    return value


def acks_from_wire(raw: Any) -> list[tuple[str, int]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("acked"), list):
        raise WireError("A push answer must hold 'acked'.")
    try:
        return [(str(a["op_id"]), int(a["hub_seq"])) for a in raw["acked"]]
    except (KeyError, TypeError, ValueError) as error:
        raise WireError("Bad acknowledgement in the push answer.") from error
