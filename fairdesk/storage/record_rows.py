"""Everything the event file holds about one candidate (the organizer's record)."""

from __future__ import annotations

import json
from typing import Any

from fairdesk.storage.store import EventStore


def checkins_of(store: EventStore, candidate_id: str) -> list[dict[str, Any]]:
    """Every check-in, standing or undone, oldest first."""
    return store.rows(
        "SELECT k.id, k.day, k.at, k.desk, k.device_id, COALESCE(d.name, '') AS device, "
        "k.undone_at, k.undo_reason FROM checkins k LEFT JOIN devices d ON d.id = k.device_id "
        "WHERE k.candidate_id = ? ORDER BY k.at", (candidate_id,))


def prints_of(store: EventStore, candidate_id: str) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT p.id, p.at, p.desk, p.layout, p.reason, p.device_id, "
        "COALESCE(d.name, '') AS device FROM badge_prints p "
        "LEFT JOIN devices d ON d.id = p.device_id WHERE p.candidate_id = ? ORDER BY p.at",
        (candidate_id,))


def visits_of(store: EventStore, candidate_id: str) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT v.id, v.employer_id, e.name AS employer, e.booth, v.first_seen, v.last_seen, "
        "v.seen_count AS seen, v.rating, v.tags, v.notes, v.shortlist FROM visits v "
        "JOIN employers e ON e.id = v.employer_id WHERE v.candidate_id = ? "
        "ORDER BY v.first_seen", (candidate_id,))
    for row in rows:
        row["tags"] = json.loads(row["tags"] or "[]")
        row["shortlist"] = bool(row["shortlist"])
    return rows


def resume_of(store: EventStore, sha: str | None) -> dict[str, Any] | None:
    """The résumé's facts (not its bytes); ``None`` when none or not held here."""
    if not sha:
        return None
    return store.row(
        "SELECT sha256, size, mime, pages, original_name, added_at FROM resumes "
        "WHERE sha256 = ?", (sha,))


def interviews_of(store: EventStore, candidate_id: str) -> list[dict[str, Any]]:
    """Phase Two bookings (issue 15), moved and clashed ones too, by time; the
    room is the slot's, when this file holds the slot."""
    return store.rows(
        "SELECT b.id, b.day, b.start_time AS start, b.end_time AS end, b.employer_id, "
        "COALESCE(NULLIF(b.employer_name, ''), e.name, '') AS employer, "
        "COALESCE(s.room, '') AS room, b.state, b.booked_at, b.removed_at "
        "FROM interview_bookings b LEFT JOIN interview_slots s ON s.id = b.slot_id "
        "LEFT JOIN employers e ON e.id = b.employer_id "
        "WHERE b.candidate_id = ? ORDER BY b.day, b.start_time, b.booked_at", (candidate_id,))


def history_of(store: EventStore, candidate_id: str, ref: str) -> list[dict[str, Any]]:
    """The candidate's trail: this file's audit entries about them, and every
    change to their record in the op log (made on any device), oldest first."""
    audit = store.rows(
        "SELECT a.at, a.device_id, COALESCE(d.name, '') AS device, a.action, a.detail "
        "FROM audit a LEFT JOIN devices d ON d.id = a.device_id "
        "WHERE a.subject IN (?, ?) ORDER BY a.id", (ref, candidate_id))
    for row in audit:
        row["detail"] = json.loads(row["detail"] or "{}")
    ops = store.rows(
        "SELECT o.at, o.device_id, COALESCE(d.name, '') AS device, o.kind AS action, o.body "
        "FROM ops o LEFT JOIN devices d ON d.id = o.device_id "
        "WHERE (o.kind IN ('candidate.add', 'candidate.update', 'candidate.erase') "
        "AND json_extract(o.body, '$.id') = :id) OR (o.kind = 'candidate.merge' "
        "AND :id IN (json_extract(o.body, '$.keep'), json_extract(o.body, '$.drop'))) "
        "ORDER BY o.rowid", {"id": candidate_id})
    for row in ops:
        body = json.loads(row.pop("body"))
        if row["action"] == "candidate.merge":
            row["detail"] = {"kept": body["keep_ref"], "dropped": body["drop_ref"]}
        else:
            row["detail"] = {"fields": sorted(k for k in body if k not in ("id", "ref"))}
    return sorted(ops + audit, key=lambda r: r["at"])  # on a tie the change, then its note


def checked_in_on(store: EventStore, day: str) -> set[str]:
    """Candidates with a standing check-in on ``day``."""
    return {str(r[0]) for r in store.execute(
        "SELECT DISTINCT candidate_id FROM checkins WHERE day = ? AND undone_at IS NULL",
        (day,))}


def shortlisted_ids(store: EventStore) -> set[str]:
    """Candidates some employer marked for Phase Two."""
    return {str(r[0]) for r in store.execute(
        "SELECT DISTINCT candidate_id FROM visits WHERE shortlist = 1")}
