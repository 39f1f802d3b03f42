"""One device of the chaos test: makes changes and syncs until killed.

Run as a script: ``python chaos_worker.py DEVICE ROLE EMPLOYER SKEW_MS IDS_FILE SEED DESK``.
Its wall clock runs ``SKEW_MS`` off the real one (hybrid clock and op times).
"""

from __future__ import annotations

import contextlib
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fairdesk.domain.clock import HybridClock
from fairdesk.domain.errors import FairDeskError
from fairdesk.services.checkin import check_in
from fairdesk.services.session import open_session
from fairdesk.services.sync import sync_file
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.services.walkins import register_walk_in
from fairdesk.storage import oplog, sync_rows


def main() -> None:
    path, role, employer, skew, ids_file, seed, desk = sys.argv[1:8]
    skew_ms, rng = int(skew), random.Random(int(seed))
    ids = json.loads(Path(ids_file).read_text())
    while True:
        session = open_session(path, role=role, employer_id=employer or None,  # type: ignore[arg-type]
                               clock=lambda: datetime.now(UTC) + timedelta(milliseconds=skew_ms))
        store = session.store
        store.cache["clock"] = HybridClock(oplog.device_id(store),
                                           wall=lambda: time.time_ns() // 1_000_000 + skew_ms)
        try:
            act(session, role, employer, ids, rng, int(desk))
        except FairDeskError:
            pass
        finally:
            session.close()
        with contextlib.suppress(FairDeskError):
            sync_file(Path(path), timeout=3)
        time.sleep(rng.random() * 0.2)


def act(session, role: str, employer: str, ids: list[dict[str, str]], rng,  # type: ignore[no-untyped-def]
        desk: int) -> None:
    if role == "desk":
        if rng.random() < 0.3:
            register_walk_in(session, desk=desk, first_name=f"Walk{rng.randrange(10**6)}")
        else:
            check_in(session, rng.choice(ids)["id"], desk)
        return
    person = rng.choice(ids)
    with session.store.transaction():
        sync_rows.put_stubs(session.store, [{**person, "created_at": ""}])
    visit = record_visit(session, employer, person["id"]).visit
    update_visit(session, visit.id, rating=rng.randint(1, 5), notes=f"n{rng.randrange(99)}")


if __name__ == "__main__":
    main()
