"""Reading what the exports need (bundles, report, lists) and the after-event purge.

Rows come out as plain values; résumé bytes are read one at a time through
:func:`fairdesk.storage.resumes.get`, never in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fairdesk.domain.model import Candidate, Visit
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore

_VISIT_COLUMNS = (
    "v.id AS v_id, v.device_id AS v_device, v.first_seen AS v_first, v.last_seen AS v_last, "
    "v.seen_count AS v_seen, v.rating AS v_rating, v.tags AS v_tags, v.notes AS v_notes, "
    "v.shortlist AS v_shortlist, v.employer_id AS v_employer"
)


@dataclass(frozen=True)
class BundleRow:
    candidate: Candidate
    visit: Visit
    resume_mime: str
    resume_name: str


def visitor_counts(store: EventStore) -> dict[str, tuple[int, int]]:
    """Employer id → (visitors, Phase Two shortlisted)."""
    rows = store.execute(
        "SELECT employer_id, COUNT(*), SUM(shortlist) FROM visits GROUP BY employer_id"
    ).fetchall()
    return {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}


def bundle_rows(store: EventStore, employer_id: str,
                shortlist_only: bool = False) -> list[BundleRow]:
    """The visitors of one employer's booth with their visit, without résumé bytes."""
    only = " AND v.shortlist = 1" if shortlist_only else ""
    rows = store.rows(
        f"SELECT c.*, {_VISIT_COLUMNS}, r.mime AS r_mime, r.original_name AS r_name "
        "FROM visits v JOIN candidates c ON c.id = v.candidate_id "
        "LEFT JOIN resumes r ON r.sha256 = c.resume_sha "
        f"WHERE v.employer_id = ?{only} ORDER BY c.last_name, c.first_name, c.ref",
        (employer_id,),
    )
    return [BundleRow(codec.candidate(r), _visit(r), r["r_mime"] or "application/pdf",
                      r["r_name"] or r["cv_filename"] or "") for r in rows]


def _visit(row: dict[str, Any]) -> Visit:
    return codec.visit({
        "id": row["v_id"], "candidate_id": row["id"], "employer_id": row["v_employer"],
        "device_id": row["v_device"], "first_seen": row["v_first"], "last_seen": row["v_last"],
        "seen_count": row["v_seen"], "rating": row["v_rating"], "tags": row["v_tags"],
        "notes": row["v_notes"], "shortlist": row["v_shortlist"],
    })


def visit_export_rows(store: EventStore) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT c.ref, c.first_name, c.last_name, e.name AS employer, e.booth, "
        "v.first_seen, v.last_seen, v.seen_count, v.rating, v.tags, v.notes, v.shortlist, "
        "c.consent FROM visits v JOIN candidates c ON c.id = v.candidate_id "
        "JOIN employers e ON e.id = v.employer_id ORDER BY v.first_seen, c.ref"
    )


def checkin_export_rows(store: EventStore) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT c.ref, c.first_name, c.last_name, c.source, k.day, k.at, k.desk, k.device_id, "
        "k.undone_at, k.undo_reason FROM checkins k JOIN candidates c ON c.id = k.candidate_id "
        "ORDER BY k.at, c.ref"
    )


def first_arrivals(store: EventStore) -> list[tuple[str, str]]:
    """(fair day, time of the first standing check-in) per candidate and day."""
    rows = store.execute(
        "SELECT day, MIN(at) FROM checkins WHERE undone_at IS NULL "
        "GROUP BY candidate_id, day ORDER BY 2"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def totals(store: EventStore) -> dict[str, int]:
    one = store.scalar
    return {
        "registered": int(one("SELECT COUNT(*) FROM candidates WHERE source = 'roster'")),
        "walk_ins": int(one("SELECT COUNT(*) FROM candidates WHERE source = 'walk_in'")),
        "checked_in": int(one("SELECT COUNT(DISTINCT candidate_id) FROM checkins "
                              "WHERE undone_at IS NULL")),
        "no_shows": int(one("SELECT COUNT(*) FROM candidates WHERE source = 'roster' AND id "
                            "NOT IN (SELECT candidate_id FROM checkins WHERE undone_at IS NULL)")),
        "visits": int(one("SELECT COUNT(*) FROM visits")),
        "visitors": int(one("SELECT COUNT(DISTINCT candidate_id) FROM visits")),
        "shortlisted": int(one("SELECT COUNT(*) FROM visits WHERE shortlist = 1")),
        "employers": int(one("SELECT COUNT(*) FROM employers")),
    }


def per_employer(store: EventStore) -> list[tuple[str, str, int, int]]:
    """(name, booth, visits, shortlisted) for every employer, in booth order."""
    rows = store.execute(
        "SELECT e.name, e.booth, COUNT(v.id), COALESCE(SUM(v.shortlist), 0) FROM employers e "
        "LEFT JOIN visits v ON v.employer_id = e.id GROUP BY e.id "
        "ORDER BY CAST(e.booth AS INTEGER), e.booth, e.name COLLATE NOCASE"
    ).fetchall()
    return [(r[0], r[1], int(r[2]), int(r[3])) for r in rows]


def booths_per_candidate(store: EventStore) -> dict[int, int]:
    """Booths visited → candidates; checked-in candidates without a visit count as 0."""
    rows = store.execute(
        "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM visits GROUP BY candidate_id) "
        "GROUP BY n"
    ).fetchall()
    out = {int(r[0]): int(r[1]) for r in rows}
    idle = store.scalar(
        "SELECT COUNT(DISTINCT candidate_id) FROM checkins WHERE undone_at IS NULL AND "
        "candidate_id NOT IN (SELECT candidate_id FROM visits)"
    )
    if idle:
        out[0] = int(idle)
    return dict(sorted(out.items()))


def districts(store: EventStore) -> list[tuple[str, int, int]]:
    """(district, candidates, checked in), most candidates first."""
    rows = store.execute(
        "SELECT district, COUNT(*), SUM(id IN (SELECT candidate_id FROM checkins "
        "WHERE undone_at IS NULL)) FROM candidates GROUP BY district ORDER BY 2 DESC, 1"
    ).fetchall()
    return [(r[0], int(r[1]), int(r[2] or 0)) for r in rows]


_PERSONAL_OP_FIELDS = ("first_name", "last_name", "email", "phone", "experience",
                       "cv_filename", "submitted_at", "resume_sha")


def purge_personal_data(store: EventStore) -> dict[str, int]:
    """Blank names, contacts, notes and résumés; keep every row so counts stay.

    Call inside a transaction; then :func:`compact` so the bytes leave the file.
    """
    assert store.in_transaction
    store.execute("PRAGMA secure_delete = ON")
    done = {
        "candidates": store.execute(
            "UPDATE candidates SET first_name = '', last_name = '', email = '', phone = '', "
            "experience = '', cv_filename = '', submitted_at = '', resume_sha = NULL, "
            "search_text = lower(replace(ref, '-', ''))").rowcount,
        "resumes": store.execute("DELETE FROM resumes").rowcount,
        "notes": store.execute("UPDATE visits SET notes = '' WHERE notes != ''").rowcount,
    }
    paths = ", ".join(f"'$.{f}'" for f in _PERSONAL_OP_FIELDS)
    done["ops"] = store.execute(
        f"UPDATE ops SET body = json_remove(body, {paths}) "
        "WHERE kind IN ('candidate.add', 'candidate.update')").rowcount
    done["ops"] += store.execute(
        "UPDATE ops SET body = json_remove(body, '$.notes') WHERE kind = 'visit.update'"
    ).rowcount
    store.execute("INSERT INTO candidates_fts(candidates_fts) VALUES ('rebuild')")
    return done


def compact(store: EventStore) -> None:
    """VACUUM and empty the write-ahead log, so deleted bytes are really gone."""
    assert not store.in_transaction
    store.execute("VACUUM")
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
