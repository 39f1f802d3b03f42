"""Versioned schema. ``PRAGMA user_version`` holds the version of a file.

Add a migration by appending to ``MIGRATIONS``; never edit a released one.
"""

from __future__ import annotations

APPLICATION_ID = 0x46444B31  # "FDK1": marks a SQLite file as a FairDesk event

_V1 = """
CREATE TABLE event (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    days TEXT NOT NULL DEFAULT '[]',            -- JSON list of ISO dates
    created_at TEXT NOT NULL,
    public_key BLOB NOT NULL,
    signing_key BLOB,                           -- only where badges are printed
    branding TEXT NOT NULL DEFAULT '{}',
    clocks TEXT NOT NULL DEFAULT '{}'           -- field -> HLC of its last write
);

CREATE TABLE settings (                         -- this device only, never synced
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE employers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    booth TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    clocks TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE resumes (                          -- content-addressed blobs
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    size INTEGER NOT NULL,
    mime TEXT NOT NULL DEFAULT 'application/pdf',
    pages INTEGER,
    original_name TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);

CREATE TABLE candidates (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    experience TEXT NOT NULL DEFAULT '',
    consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    source TEXT NOT NULL DEFAULT 'roster' CHECK (source IN ('roster', 'walk_in')),
    desk INTEGER,
    resume_sha TEXT,                            -- a blob in resumes (organizer only)
    cv_filename TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX candidates_email ON candidates(email) WHERE email != '';
CREATE INDEX candidates_phone ON candidates(phone) WHERE phone != '';

CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    desk INTEGER,
    device_id TEXT NOT NULL,
    undone_at TEXT,
    undo_reason TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX checkins_candidate_day ON checkins(candidate_id, day);

CREATE TABLE badge_prints (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk INTEGER,
    layout TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX badge_prints_candidate ON badge_prints(candidate_id);

CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    employer_id TEXT NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    seen_count INTEGER NOT NULL DEFAULT 1,
    rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    shortlist INTEGER NOT NULL DEFAULT 0 CHECK (shortlist IN (0, 1)),
    clocks TEXT NOT NULL DEFAULT '{}',
    UNIQUE (employer_id, candidate_id)
);
CREATE INDEX visits_candidate ON visits(candidate_id);

CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('organizer', 'desk', 'booth')),
    employer_id TEXT REFERENCES employers(id),
    desk INTEGER,
    token_hash TEXT,
    paired_at TEXT,
    revoked_at TEXT,
    last_seen_at TEXT
);

CREATE TABLE ops (                              -- append-only log of every change
    op_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    hlc TEXT NOT NULL,
    body TEXT NOT NULL,
    hub_seq INTEGER,                            -- given by the hub; NULL until then
    UNIQUE (device_id, seq)
);
CREATE UNIQUE INDEX ops_hub_seq ON ops(hub_seq) WHERE hub_seq IS NOT NULL;

CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);
"""

# Search as you type: every word of a candidate's folded name, email, ref and
# phone digits, prefix-indexed (see fairdesk.domain.text.fold).
_V2 = """
CREATE VIRTUAL TABLE candidates_fts USING fts5(
    search_text, content='candidates', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
CREATE TRIGGER candidates_fts_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidates_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER candidates_fts_delete AFTER DELETE ON candidates BEGIN
    INSERT INTO candidates_fts(candidates_fts, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER candidates_fts_update AFTER UPDATE OF search_text ON candidates BEGIN
    INSERT INTO candidates_fts(candidates_fts, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO candidates_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
INSERT INTO candidates_fts(candidates_fts) VALUES ('rebuild');
"""


# Sync (issue 8). The hub is the organizer's file: every op it holds gets the
# next hub sequence in the transaction that writes it (trigger), ops already
# there are numbered in insert order. Devices keep ``hub_seq`` NULL until the
# hub acknowledges an op, so "pending" is ``hub_seq IS NULL``.
_V3 = """
CREATE TABLE sync_invites (                     -- one-time pairing secrets (hub only)
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,           -- sha256 of the secret; never the secret
    role TEXT NOT NULL CHECK (role IN ('desk', 'booth')),
    employer_id TEXT REFERENCES employers(id),
    desk INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
);

CREATE TABLE parked_ops (                       -- kept but not yet projected (missing parent)
    op_id TEXT PRIMARY KEY REFERENCES ops(op_id),
    reason TEXT NOT NULL DEFAULT ''
);

ALTER TABLE devices ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ops_pending ON ops(device_id, seq) WHERE hub_seq IS NULL;

CREATE TRIGGER ops_hub_seq AFTER INSERT ON ops
WHEN NEW.hub_seq IS NULL AND (SELECT value FROM settings WHERE key = 'role') = '"organizer"'
BEGIN
    UPDATE ops SET hub_seq = (SELECT COALESCE(MAX(hub_seq), 0) + 1 FROM ops
                              WHERE hub_seq IS NOT NULL)
    WHERE op_id = NEW.op_id;
END;

UPDATE ops SET hub_seq = numbered.n
FROM (SELECT op_id, ROW_NUMBER() OVER (ORDER BY rowid) AS n FROM ops) AS numbered
WHERE numbered.op_id = ops.op_id AND ops.hub_seq IS NULL
  AND (SELECT value FROM settings WHERE key = 'role') = '"organizer"'
  AND NOT EXISTS (SELECT 1 FROM ops WHERE hub_seq IS NOT NULL);
"""

# Résumé blobs a desk attached travel to the hub beside the ops (issue 5/8): the
# desk remembers which ones the hub acknowledged, so each is uploaded once.
_V4 = """
CREATE TABLE resume_uploads (                   -- a desk's blobs the hub answered for
    sha256 TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    refused TEXT NOT NULL DEFAULT ''            -- why the hub refused it ('' = it holds it)
);

CREATE INDEX candidates_resume_sha ON candidates(resume_sha) WHERE resume_sha IS NOT NULL;
"""

# Ops a hub took in but refused when it could finally check them (issue 13): a
# parked op whose record turned out to be another employer's. Kept in the log
# (its device holds the acknowledgement), never projected, never pulled.
_V5 = """
CREATE TABLE refused_ops (
    op_id TEXT PRIMARY KEY REFERENCES ops(op_id),
    reason TEXT NOT NULL DEFAULT ''
);
"""

# Phase Two interviews (issue 15). Slots are made by the organizer; bookings
# are facts from any device. A booking carries its slot's times and employer
# name, so a booth that holds no other employer's slots still knows when a
# candidate's other interviews are. No foreign key to slots or employers for
# that reason; ``state`` is decided by fairdesk.storage.interviews.
_V6 = """
CREATE TABLE interview_slots (
    id TEXT PRIMARY KEY,                        -- UUIDv7
    employer_id TEXT NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
    day TEXT NOT NULL,                          -- YYYY-MM-DD at the venue
    start_time TEXT NOT NULL,                   -- HH:MM, venue-local
    end_time TEXT NOT NULL,
    room TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interview_slots_employer ON interview_slots(employer_id, day, start_time);

CREATE TABLE interview_bookings (
    id TEXT PRIMARY KEY,                        -- UUIDv7 of the booking
    slot_id TEXT NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    employer_id TEXT NOT NULL,
    employer_name TEXT NOT NULL DEFAULT '',
    day TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    device_id TEXT NOT NULL,
    hlc TEXT NOT NULL,                          -- of its booking.add: earlier stands
    state TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'clash', 'removed')),
    booked_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE INDEX interview_bookings_slot ON interview_bookings(slot_id);
CREATE INDEX interview_bookings_candidate ON interview_bookings(candidate_id, day);
CREATE INDEX interview_bookings_employer ON interview_bookings(employer_id, state);
CREATE INDEX ops_booking_candidate ON ops(json_extract(body, '$.candidate_id'))
    WHERE kind IN ('booking.add', 'booking.remove');
"""

# Corrections (issue 16). A merged-away record leaves an alias, so its badge,
# its ref and ops still on their way from offline devices resolve to the kept
# person. An erased person keeps their row (anonymous facts still count) with
# the personal fields blanked and ``erased_at`` set.
_V7 = """
CREATE TABLE candidate_aliases (                -- a dropped record stands for the kept one
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    merged_into TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX candidate_aliases_ref ON candidate_aliases(ref);
CREATE INDEX candidate_aliases_into ON candidate_aliases(merged_into);

ALTER TABLE candidates ADD COLUMN erased_at TEXT;
"""

# Kiosks pair like desks (issue 17): the role checks of devices and
# sync_invites let 'kiosk' in. SQLite cannot alter a CHECK, so both tables are
# rebuilt with every column they hold and copied across.
_V8 = """
CREATE TABLE devices_v8 (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('organizer', 'desk', 'booth', 'kiosk')),
    employer_id TEXT REFERENCES employers(id),
    desk INTEGER,
    token_hash TEXT,
    paired_at TEXT,
    revoked_at TEXT,
    last_seen_at TEXT,
    pending INTEGER NOT NULL DEFAULT 0
);
INSERT INTO devices_v8 (id, name, role, employer_id, desk, token_hash, paired_at, revoked_at,
                        last_seen_at, pending)
SELECT id, name, role, employer_id, desk, token_hash, paired_at, revoked_at, last_seen_at,
       pending FROM devices;
DROP TABLE devices;
ALTER TABLE devices_v8 RENAME TO devices;

CREATE TABLE sync_invites_v8 (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('desk', 'booth', 'kiosk')),
    employer_id TEXT REFERENCES employers(id),
    desk INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
);
INSERT INTO sync_invites_v8 (id, secret_hash, role, employer_id, desk, created_at, expires_at,
                             used_at, device_id)
SELECT id, secret_hash, role, employer_id, desk, created_at, expires_at, used_at, device_id
FROM sync_invites;
DROP TABLE sync_invites;
ALTER TABLE sync_invites_v8 RENAME TO sync_invites;
"""

# Phase Two attendance (issue 15 item 7: "interviewed if recorded"): whether a
# booked interview took place, NULL until the booth (or the organizer) says.
# ``attended_hlc`` is the HLC of the ``booking.attend`` that set it: the
# field is last-writer-wins like a visit's, and a booking has no clocks column.
_V9 = """
ALTER TABLE interview_bookings ADD COLUMN attended TEXT CHECK (attended IN ('yes', 'no'));
ALTER TABLE interview_bookings ADD COLUMN attended_at TEXT;
ALTER TABLE interview_bookings ADD COLUMN attended_hlc TEXT;
"""

# Desks see booking ops since issue 15 item 6, but a desk paired before had
# pulled past the older ones, which no later page repeats. The hub owes each
# desk it knows the booking ops in (backfill_from, backfill_to] (hub
# sequences; NULL: nothing owed): ``backfill_to`` is the last op the hub held
# when it took this version, ``backfill_from`` how far the desk has confirmed
# it holds them (see ``services.hub_interviews.desk_backfill``).
_V10 = """
ALTER TABLE devices ADD COLUMN backfill_from INTEGER;
ALTER TABLE devices ADD COLUMN backfill_to INTEGER;
UPDATE devices SET backfill_from = 0,
                   backfill_to = (SELECT MAX(hub_seq) FROM ops WHERE hub_seq IS NOT NULL)
WHERE role = 'desk' AND EXISTS (SELECT 1 FROM ops WHERE hub_seq IS NOT NULL);
"""

# Search as you type, first letter (issue 18): a one-letter search lists first
# names in alphabetical order from this index instead of ranking every match
# (a letter like "c" matches every ref and every ".com" address). search_text
# begins with the folded first and last name; an erased record keeps only its
# ref there, so it is left out.
_V11 = """
CREATE INDEX candidates_name_order ON candidates(search_text) WHERE erased_at IS NULL;
"""

# Taking back interview slots laid out by mistake: ``slot.remove`` marks a slot
# removed (the HLC of the op; the row stays, so a booking made offline before
# the removal arrived still knows its time). Slot lists leave it out; the
# schedules show it while a clash booking names it. A booking on a removed
# slot is a clash: rebook.
_V12 = """
ALTER TABLE interview_slots ADD COLUMN removed_hlc TEXT;
"""

MIGRATIONS: list[tuple[int, str]] = [
    (1, _V1),
    (2, _V2),
    (3, _V3),
    (4, _V4),
    (5, _V5),
    (6, _V6),
    (7, _V7),
    (8, _V8),
    (9, _V9),
    (10, _V10),
    (11, _V11),
    (12, _V12),
]

LATEST = MIGRATIONS[-1][0]
