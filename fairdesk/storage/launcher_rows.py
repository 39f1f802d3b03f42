"""What the launcher lists of an event file, read without opening it for use.

The launcher reads each recent event before its first frame, so this uses the
standard library's sqlite3 alone (sqlite-utils and what it imports cost ~45 ms)
and reads read-only: no migration, no upgrade backup, no clock heal, no write.
Every column read here exists since schema 1, so any older file is listed as it is.

SQLite reads a WAL file only through its ``-wal`` and ``-shm`` files:
- another connection has the file open (a ``-wal`` is there): ``mode=ro``
  reads its last commit through them, beside the writer, also from a folder
  this user may not write to;
- no connection has it open (no ``-wal``): ``mode=ro`` would create both and,
  unable to take the write lock that deletes them at close, leave them behind.
  The file then holds every commit, so it is read ``immutable`` (no lock, no
  side file) and afterwards checked unchanged (same inode, size and times, and
  still no ``-wal``); a file that changed meanwhile is read again.
- no connection has it open and the folder is read-only: SQLite cannot make
  them and ``immutable`` would not see a writer that opens it meanwhile, so
  the file is refused (FairDesk could not open it there either).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from fairdesk.domain.errors import FairDeskError, NotAnEventFile
from fairdesk.storage.store import BUSY_TIMEOUT_MS, check_file, check_identity, unreadable

# In the order of employers.all_employers (the booth number, then the name).
_EMPLOYERS = ("SELECT id, name, booth FROM employers "
              "ORDER BY CAST(booth AS INTEGER), booth, name COLLATE NOCASE")
_QUIET_TRIES = 3  # immutable reads of a file that keeps changing, before mode=ro
_READ_ONLY_FOLDER = ("its folder is read-only for this user, and SQLite keeps an open "
                     "event's journal beside it; copy it to a folder you can write to")


# Records of their own: fairdesk.domain.model's two dozen dataclasses take ~8 ms to
# import, paid before the launcher's first frame.
@dataclass(frozen=True)
class EmployerListing:
    """An employer as the launcher's booth choice shows it."""

    id: str
    name: str
    booth: str


@dataclass(frozen=True)
class EventListing:
    name: str
    venue: str
    candidates: int
    employers: tuple[EmployerListing, ...]


def read_listing(path: Path) -> EventListing:
    """The event's name, venue, candidate count and employers, read read-only.

    Raises what ``open_event_file`` raises for a file it cannot open
    (:class:`EventFileMissing`, :class:`NotAnEventFile`,
    :class:`EventFromNewerVersion`, ``OSError``), worded the same, and
    ``PermissionError`` for a closed WAL file in a read-only folder.
    """
    target = Path(path)
    in_wal_mode = check_file(target)[18] == 2  # the header's write version: 2 is WAL
    real = target.resolve()  # SQLite keeps the -wal beside the file a link points to
    for _ in range(_QUIET_TRIES):
        before = _Seen.now(real)
        if not in_wal_mode or before.wal or not before.writable:
            break
        try:
            listing = _read(target, real, immutable=True)
        except FairDeskError:
            if _Seen.now(real) == before:
                raise
            continue
        if _Seen.now(real) == before:
            return listing
    return _read(target, real, immutable=False)


class _Seen(NamedTuple):  # a NamedTuple is made in a sixth of a dataclass's ~0.9 ms
    """What changes when anyone opens or writes the file."""

    stat: tuple[int, int, int, int]  # inode, size, modified and changed (ns)
    wal: bool  # a -wal beside it: a connection has it open (or one crashed)
    writable: bool  # this user may write in its folder

    @classmethod
    def now(cls, target: Path) -> _Seen:
        found = target.stat()
        return cls((found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns),
                   target.with_name(target.name + "-wal").exists(),
                   os.access(target.parent, os.W_OK | os.X_OK))


def _read(target: Path, real: Path, immutable: bool) -> EventListing:
    uri = real.as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True, isolation_level=None,
                                                timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            conn.execute("BEGIN")  # one snapshot for every read below
            check_identity(target, int(conn.execute("PRAGMA application_id").fetchone()[0]),
                           int(conn.execute("PRAGMA user_version").fetchone()[0]))
            event = conn.execute("SELECT name, venue FROM event LIMIT 1").fetchone()
            count = conn.execute("SELECT COUNT(*) FROM candidates").fetchone()[0]
            employers = tuple(EmployerListing(str(i), str(n), str(b))
                              for i, n, b in conn.execute(_EMPLOYERS))
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorname in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN") and not \
                os.access(real.parent, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, _READ_ONLY_FOLDER, str(real.parent)) from error
        raise unreadable(target, error) from error
    if event is None:
        raise NotAnEventFile(f"{target.name} is not a FairDesk event file (it holds no event).",
                             file=str(target))
    return EventListing(str(event[0]), str(event[1]), int(count), employers)
