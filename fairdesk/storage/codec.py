"""Rows ⇄ domain dataclasses, and the time format of the event file."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import orjson

from fairdesk.domain.model import BadgePrint, Candidate, CheckIn, Employer, Event, Op, Visit


def ts(at: datetime) -> str:
    """Times are stored as ISO 8601 UTC with milliseconds; they sort as text."""
    return at.astimezone(UTC).isoformat(timespec="milliseconds")


def body_text(body: dict[str, Any]) -> str:
    """An op's body as the log stores it: JSON, keys sorted, UTF-8 (not escaped).

    orjson, because every op of an import or a push is encoded here (~0.4 µs
    against ~4 µs for the standard library's encoder). Older files hold the
    standard library's spacing; both read the same.
    """
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS).decode()


def json_text(value: Any) -> str:
    """A column's JSON (lists, clocks): compact, UTF-8 not escaped, through orjson.

    Rows written before hold the standard library's spacing; both read the same.
    """
    return orjson.dumps(value).decode()


ALL_FIELDS = "*"


def created_clocks(hlc: str) -> str:
    """The field clocks of a row an op creates: every field last written at ``hlc``.

    One ``"*"`` entry stands for all of the row's fields, instead of one entry
    per field (a roster row carried 14 copies of the same 50-character stamp,
    about 1 kB, a third of what an import wrote). A field written later gets
    an entry of its own; :func:`field_clock` falls back to ``"*"``. Giving the
    fields that the creating op did not set the op's stamp changes no outcome:
    an op that writes a field of a row carries the row's id, so the device
    that made it had seen the creating op, and its hybrid clock is past it.
    """
    return orjson.dumps({ALL_FIELDS: hlc}).decode()


def field_clock(clocks: dict[str, str], field: str) -> str:
    """The stamp of ``field``'s last write ("" when never written)."""
    return clocks.get(field) or clocks.get(ALL_FIELDS, "")


def parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def maybe_ts(text: str | None) -> datetime | None:
    return parse_ts(text) if text else None


def tup(raw: str) -> tuple[str, ...]:
    return tuple(json.loads(raw or "[]"))


def event(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"],
        name=row["name"],
        venue=row["venue"],
        timezone=row["timezone"],
        days=tuple(date.fromisoformat(d) for d in json.loads(row["days"])),
        created_at=parse_ts(row["created_at"]),
        public_key=bytes(row["public_key"]),
        signing_key=bytes(row["signing_key"]) if row["signing_key"] else None,
    )


def employer(row: dict[str, Any]) -> Employer:
    return Employer(
        id=row["id"],
        name=row["name"],
        booth=row["booth"],
        sector=row["sector"],
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        contact_phone=row["contact_phone"],
        tags=tup(row["tags"]),
    )


def candidate(row: dict[str, Any]) -> Candidate:
    return Candidate(
        id=row["id"],
        ref=row["ref"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        email=row["email"],
        phone=row["phone"],
        district=row["district"],
        education=row["education"],
        languages=tup(row["languages"]),
        roles=tup(row["roles"]),
        experience=row["experience"],
        consent=bool(row["consent"]),
        source=row["source"],
        desk=row["desk"],
        resume_sha=row["resume_sha"],
        cv_filename=row["cv_filename"],
        submitted_at=row["submitted_at"],
        erased=bool(row.get("erased_at")),
    )


def checkin(row: dict[str, Any]) -> CheckIn:
    return CheckIn(
        id=row["id"],
        candidate_id=row["candidate_id"],
        day=date.fromisoformat(row["day"]),
        at=parse_ts(row["at"]),
        desk=row["desk"],
        device_id=row["device_id"],
        undone_at=maybe_ts(row["undone_at"]),
        undo_reason=row["undo_reason"],
    )


def visit(row: dict[str, Any]) -> Visit:
    return Visit(
        id=row["id"],
        candidate_id=row["candidate_id"],
        employer_id=row["employer_id"],
        device_id=row["device_id"],
        first_seen=parse_ts(row["first_seen"]),
        last_seen=parse_ts(row["last_seen"]),
        seen_count=row["seen_count"],
        rating=row["rating"],
        tags=tup(row["tags"]),
        notes=row["notes"],
        shortlist=bool(row["shortlist"]),
    )


def badge_print(row: dict[str, Any]) -> BadgePrint:
    return BadgePrint(
        id=row["id"],
        candidate_id=row["candidate_id"],
        at=parse_ts(row["at"]),
        device_id=row["device_id"],
        desk=row["desk"],
        layout=row["layout"],
        reason=row["reason"],
    )


def op(row: dict[str, Any]) -> Op:
    return Op(
        op_id=row["op_id"],
        device_id=row["device_id"],
        seq=row["seq"],
        kind=row["kind"],
        at=parse_ts(row["at"]),
        hlc=row["hlc"],
        body=json.loads(row["body"]),
    )
