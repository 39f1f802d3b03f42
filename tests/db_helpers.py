"""Reading an event file the way a test needs to look at it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def checkins_in_the_file_itself(path: Path, candidate_id: str) -> int:
    """Check-ins of ``candidate_id`` in the main file, the write-ahead log left unread
    (``immutable``): what a checkpoint has copied there."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM checkins WHERE candidate_id = ?",
                                (candidate_id,)).fetchone()[0])
    finally:
        conn.close()
