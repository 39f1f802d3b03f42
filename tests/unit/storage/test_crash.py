"""A check-in acknowledged to the user survives the app being killed mid-work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fairdesk.services.candidates import add_candidate
from fairdesk.services.events import create_event
from fairdesk.storage import checkins, open_event_file

WORKER = textwrap.dedent("""
    import sys
    from fairdesk.services.session import open_session
    from fairdesk.services.checkin import check_in
    session = open_session(sys.argv[1], role="desk", desk=1)
    for n in range(1, int(sys.argv[2]) + 1):
        check_in(session, f"C-{n:04d}")
        print(f"C-{n:04d}", flush=True)  # acknowledged only after the commit
""")


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [3, 25, 60])
def test_sigkill_loses_no_acknowledged_check_in(tmp_path: Path, kill_after: int) -> None:
    path = tmp_path / "crash.fairdesk"
    session = create_event(path, "Crash Fair")
    with session.store.transaction():
        for n in range(120):
            add_candidate(session, first_name=f"P{n}", last_name="Test")
    session.close()
    child = subprocess.Popen([sys.executable, "-c", WORKER, str(path), "120"],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    acknowledged = []
    deadline = time.monotonic() + 60
    while len(acknowledged) < kill_after and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert len(acknowledged) == kill_after
    store = open_event_file(path)
    try:
        assert store.integrity_check() == "ok"
        ids = checkins.checked_in_ids(store)
        refs = {store.scalar("SELECT ref FROM candidates WHERE id = ?", (i,)) for i in ids}
        assert set(acknowledged) <= refs
    finally:
        store.close()
