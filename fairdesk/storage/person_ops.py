"""How a merge and an erasure change the domain tables (issue 16).

Both are ops, so every device that holds the people concerned does the same:

- ``candidate.merge`` {keep, drop, keep_ref, drop_ref}: the dropped record's
  check-ins, prints, interview bookings (two at once: the later is a
  clash), visits (two visits of one booth become one: counts added,
  the earlier first scan, the later last one, rating and notes kept where the
  kept visit has none, tags joined, shortlisted if either was) and résumé
  move to the kept record; the dropped row goes and leaves an alias, so its
  badge, its ref and ops still on their way resolve to the kept person.
- ``candidate.erase`` {id}: the personal fields are blanked for good (their
  field clocks set past any stamp, so no late edit brings them back), the
  résumé blob goes, booth notes about them go, the op log's copies of their
  fields are cut out of the op bodies, and the search index is rebuilt so no
  token of their name is left. Check-ins, prints and visits stay: counts hold.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fairdesk.domain.model import Op
from fairdesk.storage import codec, interviews
from fairdesk.storage.candidates import resolve_id

if TYPE_CHECKING:
    from fairdesk.storage.store import EventStore

PERSONAL = {
    "first_name": "", "last_name": "", "email": "", "phone": "", "district": "",
    "education": "", "languages": "[]", "roles": "[]", "experience": "", "consent": 0,
    "resume_sha": None, "cv_filename": "", "submitted_at": "", "search_text": "",
}
SEALED = "~"  # sorts after every HLC stamp: last-writer-wins never writes these again


def _copy_as(store: EventStore, drop: str, keep: str, keep_ref: str) -> None:
    """A device that holds only the dropped record gets it as the kept one."""
    store.execute(
        "INSERT INTO candidates (id, ref, first_name, last_name, email, phone, district, "
        "education, languages, roles, experience, consent, source, desk, resume_sha, "
        "cv_filename, submitted_at, search_text, created_at, clocks, erased_at) "
        "SELECT ?, ?, first_name, last_name, email, phone, district, education, languages, "
        "roles, experience, consent, source, desk, resume_sha, cv_filename, submitted_at, "
        "search_text, created_at, '{}', erased_at FROM candidates WHERE id = ?",
        (keep, keep_ref, drop))


def _merge_visit(store: EventStore, kept: dict[str, Any], dropped: dict[str, Any]) -> None:
    tags = list(dict.fromkeys(json.loads(kept["tags"]) + json.loads(dropped["tags"])))
    notes = kept["notes"] if not dropped["notes"] or dropped["notes"] == kept["notes"] \
        else "\n".join(n for n in (kept["notes"], dropped["notes"]) if n)
    store.execute(
        "UPDATE visits SET seen_count = ?, first_seen = ?, last_seen = ?, rating = ?, "
        "tags = ?, notes = ?, shortlist = ? WHERE id = ?",
        (kept["seen_count"] + dropped["seen_count"],
         min(kept["first_seen"], dropped["first_seen"]),
         max(kept["last_seen"], dropped["last_seen"]),
         kept["rating"] if kept["rating"] is not None else dropped["rating"],
         json.dumps(tags, ensure_ascii=False), notes,
         max(kept["shortlist"], dropped["shortlist"]), kept["id"]))
    store.execute("DELETE FROM visits WHERE id = ?", (dropped["id"],))


def _move_visits(store: EventStore, drop: str, keep: str) -> None:
    for dropped in store.rows("SELECT * FROM visits WHERE candidate_id = ?", (drop,)):
        kept = store.row("SELECT * FROM visits WHERE candidate_id = ? AND employer_id = ?",
                         (keep, dropped["employer_id"]))
        if kept is None:
            store.execute("UPDATE visits SET candidate_id = ? WHERE id = ?",
                          (keep, dropped["id"]))
        else:
            _merge_visit(store, kept, dropped)


def candidate_merge(store: EventStore, op: Op) -> None:
    from fairdesk.storage.projection import refresh_search

    b = op.body
    keep, drop = resolve_id(store, b["keep"]), resolve_id(store, b["drop"])
    if keep == drop:
        return
    if store.scalar("SELECT 1 FROM candidates WHERE id = ?", (drop,)) is None:
        # A device that never held the dropped record (a booth that met only the
        # kept person): ops still naming it, a booking made offline, land on the kept one.
        _alias(store, drop, b["drop_ref"], keep, op.at)
        return
    if store.scalar("SELECT 1 FROM candidates WHERE id = ?", (keep,)) is None:
        _copy_as(store, drop, keep, b["keep_ref"])
    for table in ("checkins", "badge_prints"):
        store.execute(f"UPDATE {table} SET candidate_id = ? WHERE candidate_id = ?",
                      (keep, drop))
    _move_visits(store, drop, keep)
    interviews.move_bookings(store, drop, keep)
    store.execute(
        "UPDATE candidates SET resume_sha = d.resume_sha, cv_filename = d.cv_filename "
        "FROM (SELECT resume_sha, cv_filename FROM candidates WHERE id = ?) AS d "
        "WHERE candidates.id = ? AND candidates.resume_sha IS NULL", (drop, keep))
    dropped_ref = store.scalar("SELECT ref FROM candidates WHERE id = ?", (drop,))
    store.execute("DELETE FROM candidates WHERE id = ?", (drop,))
    _alias(store, drop, dropped_ref or b["drop_ref"], keep, op.at)
    refresh_search(store, keep)


def _alias(store: EventStore, drop: str, ref: str, keep: str, at: datetime) -> None:
    """``drop`` (and whatever was merged into it) now stands for ``keep``."""
    store.execute("UPDATE candidate_aliases SET merged_into = ? WHERE merged_into = ?",
                  (keep, drop))
    store.execute("INSERT OR REPLACE INTO candidate_aliases (id, ref, merged_into, at) "
                  "VALUES (?, ?, ?, ?)", (drop, ref, keep, codec.ts(at)))


_PATHS = ", ".join(f"'$.{name}'" for name in PERSONAL if name != "search_text")


def scrub_op(store: EventStore, op_id: str) -> None:
    """Cut the personal fields out of one logged op (an edit that arrived after
    the person was erased; it changes nothing, and must not keep the name)."""
    store.execute(f"UPDATE ops SET body = json_remove(body, {_PATHS}) WHERE op_id = ?",
                  (op_id,))


def _scrub_op_bodies(store: EventStore, ids: list[str]) -> None:
    """Cut the person's fields out of the log's copies (their adds and edits,
    and the booth notes about them)."""
    marks = ", ".join("?" * len(ids))
    store.execute(
        f"UPDATE ops SET body = json_remove(body, {_PATHS}) WHERE kind IN "
        f"('candidate.add', 'candidate.update') AND json_extract(body, '$.id') IN ({marks})",
        ids)
    store.execute(
        "UPDATE ops SET body = json_remove(body, '$.notes') WHERE kind = 'visit.update' "
        f"AND json_extract(body, '$.id') IN (SELECT id FROM visits WHERE candidate_id "
        f"IN ({marks}))", ids)


def candidate_erase(store: EventStore, op: Op) -> None:
    key = resolve_id(store, op.body["id"])
    row = store.row("SELECT resume_sha, clocks FROM candidates WHERE id = ?", (key,))
    if row is None:
        return
    clocks = json.loads(row["clocks"] or "{}")
    clocks.update(dict.fromkeys(PERSONAL, SEALED))
    sets = ", ".join(f"{name} = ?" for name in PERSONAL)
    store.execute(f"UPDATE candidates SET {sets}, clocks = ?, erased_at = ? WHERE id = ?",
                  (*PERSONAL.values(), json.dumps(clocks), codec.ts(op.at), key))
    aliases = [str(r[0]) for r in store.execute(
        "SELECT id FROM candidate_aliases WHERE merged_into = ?", (key,))]
    _scrub_op_bodies(store, [key, *aliases])
    store.execute("UPDATE visits SET notes = '', clocks = json_set(clocks, '$.notes', ?) "
                  "WHERE candidate_id = ?", (SEALED, key))
    sha = row["resume_sha"]
    if sha and not store.scalar("SELECT 1 FROM candidates WHERE resume_sha = ?", (sha,)):
        store.execute("DELETE FROM resumes WHERE sha256 = ?", (sha,))
        store.execute("DELETE FROM resume_uploads WHERE sha256 = ?", (sha,))
    store.execute("INSERT INTO candidates_fts(candidates_fts) VALUES ('rebuild')")


HANDLERS = {"candidate.merge": candidate_merge, "candidate.erase": candidate_erase}


def secure_delete(store: EventStore, on: bool) -> None:
    """Freed pages are zeroed as they are freed (the erasure's own writes)."""
    store.execute(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")


def compact(store: EventStore) -> bool:
    """Empty the write-ahead log into the file, VACUUM, empty it again; ``True``
    when no other connection kept the log from being emptied."""
    assert not store.in_transaction
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.execute("VACUUM")
    busy, _frames, _done = store.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return int(busy) == 0
