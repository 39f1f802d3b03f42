"""Reads the registration desk needs beyond the core's: phone-digit search and
the status-bar figures. Read only; every query is index- or count-shaped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fairdesk.domain.model import Candidate
from fairdesk.domain.text import fold
from fairdesk.storage import codec
from fairdesk.storage.candidates import fts_query
from fairdesk.storage.projection import CANDIDATE_FIELDS
from fairdesk.storage.store import EventStore

# The phone column as digits only (stored phones look like "+1 758 555 0001").
_PHONE_DIGITS = (
    "replace(replace(replace(replace(replace(phone, '+', ''), ' ', ''), '-', ''), '(', ''), "
    "')', '')"
)

# What ``codec.candidate`` reads: not the search words or the field clocks (~60
# bytes a row), which a result list does not need.
_COLUMNS = ", ".join(f"c.{name}" for name in ("id", "ref", *CANDIDATE_FIELDS, "erased_at"))


@dataclass(frozen=True)
class DeskCounts:
    expected: int  # every candidate of the event (roster and walk-ins)
    checked_in_today: int
    walk_ins: int
    walk_ins_here: int  # registered at this desk
    recent: int  # distinct candidates checked in since the "recent" cut-off


def by_phone_digits(store: EventStore, digits: str, limit: int = 20) -> list[Candidate]:
    """Candidates whose phone number holds ``digits`` (at least 4) anywhere."""
    if len(digits) < 4:
        return []
    rows = store.rows(
        f"SELECT * FROM candidates WHERE phone != '' AND {_PHONE_DIGITS} LIKE ? "
        "ORDER BY last_name, first_name LIMIT ?",
        (f"%{digits}%", limit),
    )
    return [codec.candidate(r) for r in rows]


def counts(store: EventStore, day: date, since: datetime, desk: int | None) -> DeskCounts:
    """Walk-ins are counted by their ``W<desk>-`` refs on the ref index: a scan of
    the wide candidates table costs milliseconds at 10,000 candidates, twice per
    check-in."""
    here = f"W{desk or 0}-"  # desks are 1–99: "W0-" matches nobody
    row = store.row(
        "SELECT "
        " (SELECT COUNT(*) FROM candidates) AS expected,"
        " (SELECT COUNT(DISTINCT candidate_id) FROM checkins"
        "   WHERE undone_at IS NULL AND day = ?) AS today,"
        " (SELECT COUNT(*) FROM candidates WHERE ref >= 'W' AND ref < 'X') AS walk_ins,"
        " (SELECT COUNT(*) FROM candidates WHERE ref >= ? AND ref < ?) AS here,"
        " (SELECT COUNT(DISTINCT candidate_id) FROM checkins"
        "   WHERE undone_at IS NULL AND at >= ?) AS recent",
        (day.isoformat(), here, here[:-1] + ".", codec.ts(since)),
    )
    assert row is not None
    return DeskCounts(int(row["expected"]), int(row["today"]), int(row["walk_ins"]),
                      int(row["here"]), int(row["recent"]))


def search(store: EventStore, text: str, limit: int = 30) -> list[Candidate]:
    """Like ``storage.candidates.search`` (same FTS5 prefix query, best match first),
    but ranks inside the index before touching the wide candidate rows: a
    one-letter prefix matches thousands, and sorting whole rows cost 3× more.

    One letter lists the first names that start with it in alphabetical order
    (accents and case folded), from an index: ranking is no help there, and a
    letter like ``c`` matches every ref and every ``.com`` address, 10,000
    rows ranked in ~9 ms. Ranked matches fill the list when first names run out.
    """
    query = fts_query(text)
    if not query:
        return []
    first = _first_names(store, fold(text), limit)
    if len(first) == limit:
        return first
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM (SELECT rowid, rank FROM candidates_fts WHERE candidates_fts "
        "MATCH ? ORDER BY rank LIMIT ?) f JOIN candidates c ON c.rowid = f.rowid "
        "ORDER BY f.rank, c.last_name, c.first_name",
        (query, limit),
    )
    seen = {candidate.id for candidate in first}
    ranked = (codec.candidate(r) for r in rows)
    return [*first, *(c for c in ranked if c.id not in seen)][:limit]


def _first_names(store: EventStore, folded: str, limit: int) -> list[Candidate]:
    """Candidates whose folded first name starts with the one letter ``folded``,
    alphabetically (migration 11's index: ``search_text`` begins with the name)."""
    if len(folded) != 1 or not folded.isalpha():
        return []
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM candidates c WHERE search_text >= ? AND search_text < ? "
        "AND erased_at IS NULL AND first_name || last_name != '' "  # not a purged "c0001"
        "ORDER BY search_text LIMIT ?",
        (folded, chr(ord(folded) + 1), limit),
    )
    return [codec.candidate(r) for r in rows]


def districts(store: EventStore) -> list[str]:
    """The districts candidates of this event gave, most common first (form suggestions)."""
    rows = store.execute(
        "SELECT district FROM candidates WHERE district != '' GROUP BY district "
        "ORDER BY COUNT(*) DESC, district LIMIT 60"
    )
    return [str(r[0]) for r in rows]
