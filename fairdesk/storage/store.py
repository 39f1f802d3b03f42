"""Opening, creating and migrating an event file; the one transaction helper.

An event file is SQLite in WAL mode with foreign keys on, a busy timeout and
``synchronous=FULL`` so that a committed check-in survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairdesk.domain.errors import (
    EventFileMissing,
    EventFromNewerVersion,
    FairDeskError,
    NotAnEventFile,
)
from fairdesk.storage.migrations import APPLICATION_ID, LATEST, MIGRATIONS

BUSY_TIMEOUT_MS = 5000
SUFFIX = ".fairdesk"
Params = Sequence[Any] | dict[str, Any]

if TYPE_CHECKING:
    import sqlite_utils


def _connect(path: Path | str) -> sqlite_utils.Database:
    import sqlite_utils  # ~60 ms of imports: paid when the first event opens, not at start-up

    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    return sqlite_utils.Database(conn, execute_plugins=False)


def _configure(db: sqlite_utils.Database, in_memory: bool) -> None:
    conn = db.conn
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not in_memory:
        db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")


class EventStore:
    """One open event file. Not thread-safe: each thread opens its own."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self._depth = 0
        self.cache: dict[str, Any] = {}  # per-connection state (the device's clock)

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[EventStore]:
        """One user action = one ``BEGIN IMMEDIATE … COMMIT``; nested calls join it."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.db.conn.execute("COMMIT")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # ------------------------------------------------------------ queries
    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        found = self.db.conn.execute(sql, params).fetchone()
        return found[0] if found else None

    def insert(self, table: str, row: dict[str, Any]) -> None:
        """A plain INSERT for hot paths (import, sync): sqlite-utils' ``insert``
        introspects the table on every call, which costs more than the write."""
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        self.db.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                             tuple(row.values()))

    def table(self, name: str) -> sqlite_utils.db.Table:
        return self.db.table(name)

    # ------------------------------------------------------------ local settings
    def setting(self, key: str, default: Any = None) -> Any:
        raw = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any) -> None:
        self.table("settings").upsert({"key": key, "value": json.dumps(value)}, pk="key")

    # ------------------------------------------------------------ upkeep
    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_check(self) -> str:
        return str(self.scalar("PRAGMA integrity_check"))

    def quick_check(self) -> list[str]:
        """``PRAGMA quick_check``: ``["ok"]``, or what is damaged (at most 20 lines).

        A file too damaged to check answers the database error, never raises it."""
        try:
            return [str(r[0]) for r in self.execute("PRAGMA quick_check(20)").fetchall()]
        except sqlite3.DatabaseError as error:
            return [f"the file cannot be read ({error})"]

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file now, for an idle moment.

        ``PASSIVE``: it never waits for another connection, and copies what it
        can. Otherwise SQLite does it inside the commit that fills the log to
        1,000 pages (every ~80 check-ins at a kiosk), which then takes 2–4 ms
        longer while a candidate waits for their badge.
        """
        if self.in_transaction:
            return
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA optimize")
        self.db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _migrate(db: sqlite_utils.Database, upto: int = LATEST) -> None:
    conn = db.conn
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version, script in MIGRATIONS:
        if current < version <= upto:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into complete statements (triggers included)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def new_store(path: Path | str | None, upto: int = LATEST) -> EventStore:
    """Make an empty event file at ``path`` (``None``: in memory) with the schema."""
    in_memory = path is None
    db = _connect(":memory:" if path is None else path)
    _configure(db, in_memory)
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _migrate(db, upto)
    return EventStore(db, None if path is None else Path(path))


def create_event_file(path: Path | str) -> EventStore:
    """Create a new event file; refuses to overwrite an existing one."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target} already exists.")
    # Said here as an OSError (strerror for the launcher, filename for the CLI):
    # SQLite's own answer is a bare "unable to open database file".
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "this user may not write in that folder", str(folder))
    return new_store(target)


def open_event_file(path: Path | str) -> EventStore:
    """Open an event file, upgrading it if it comes from an older FairDesk."""
    target = Path(path)
    check_file(target)
    db = _connect(target)
    try:
        app_id = int(db.conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(db.conn.execute("PRAGMA user_version").fetchone()[0])
        check_identity(target, app_id, version)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise unreadable(target, exc) from exc
    except FairDeskError:
        db.close()
        raise
    _configure(db, in_memory=False)
    if version < LATEST:
        _backup_before_upgrade(db, target, version)
        _migrate(db)
    return EventStore(db, target)


# The refusals of a file that is not an event FairDesk can read, worded once for
# open_event_file and the launcher's read-only listing (launcher_rows).
def check_file(target: Path) -> bytes:
    """The file's first 100 bytes (SQLite's header); refuses a missing file or not SQLite."""
    if not target.is_file():
        raise EventFileMissing(f"{target}: no such event file.", file=str(target))
    with target.open("rb") as handle:
        header = handle.read(100)
    if header[:16] != b"SQLite format 3\x00":
        raise NotAnEventFile(
            f"{target.name} is not a FairDesk event file (it is not a SQLite database).",
            file=str(target),
        )
    return header


def check_identity(target: Path, app_id: int, version: int) -> None:
    """Refuses a SQLite file that is not an event, or one from a newer FairDesk."""
    if app_id != APPLICATION_ID:
        raise NotAnEventFile(
            f"{target.name} is a SQLite database but not a FairDesk event file.", file=str(target)
        )
    if version > LATEST:
        raise EventFromNewerVersion(
            f"{target.name} was made by a newer FairDesk (schema {version}; this one reads "
            f"up to {LATEST}). Update FairDesk to open it.",
            file=str(target),
        )


def unreadable(target: Path, error: sqlite3.DatabaseError) -> NotAnEventFile:
    """What SQLite's refusal of a damaged file or a database of another kind becomes."""
    return NotAnEventFile(f"{target.name} is not a FairDesk event file ({error}).")


def _backup_before_upgrade(db: sqlite_utils.Database, target: Path, version: int) -> None:
    """Keep a copy of the file as it was before an upgrade (``name.v1.bak``)."""
    backup = target.with_name(f"{target.name}.v{version}.bak")
    if backup.exists():
        return
    temporary = backup.with_name(backup.name + ".tmp")
    with contextlib.closing(sqlite3.connect(temporary)) as copy:
        db.conn.backup(copy)
    os.replace(temporary, backup)
