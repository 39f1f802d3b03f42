"""Rules of the fair that do not depend on storage: ref codes, days, ratings, tags."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fairdesk.domain.errors import InvalidField

RATING_MIN, RATING_MAX = 1, 5
_REF = re.compile(r"^(C|W(\d{1,2}))-(\d{4,6})$")


def roster_ref(number: int) -> str:
    """``C-0147``: the printed code of a pre-registered candidate."""
    return f"C-{number:04d}"


def walk_in_ref(desk: int, number: int) -> str:
    """``W2-0012``: walk-ins carry the number of the desk that registered them."""
    if not 1 <= desk <= 99:
        raise InvalidField("desk", f"Desk number must be 1–99, not {desk}.")
    return f"W{desk}-{number:04d}"


def normalise_ref(text: str) -> str:
    """Accept what people type: ``c147``, ``C 0147``, ``w2-12`` → canonical form."""
    compact = re.sub(r"[\s_]+", "", text.strip().upper())
    match = re.fullmatch(r"(C|W\d{1,2})-?(\d{1,6})", compact)
    if not match:
        return compact
    return f"{match.group(1)}-{int(match.group(2)):04d}"


def ref_number(ref: str) -> int | None:
    match = _REF.match(ref)
    return int(match.group(3)) if match else None


def is_ref(text: str) -> bool:
    return _REF.match(normalise_ref(text)) is not None


def fair_day(at: datetime, timezone: str) -> date:
    """The local date of ``at`` at the venue: one check-in per candidate per fair day."""
    return at.astimezone(zone(timezone)).date()


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidField("timezone", f"Unknown time zone {name!r}.") from exc


def check_rating(rating: int | None) -> int | None:
    if rating is None:
        return None
    if not RATING_MIN <= rating <= RATING_MAX:
        raise InvalidField("rating", f"Rating must be {RATING_MIN}–{RATING_MAX}, not {rating}.")
    return rating


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim, drop empties, keep the first spelling of each tag (case-insensitive)."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        text = " ".join(tag.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return tuple(out)


def require_text(field: str, value: str, label: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise InvalidField(field, f"{label} must not be empty.")
    return text
