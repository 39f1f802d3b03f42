"""The next ref of a series: the highest number of that prefix, whatever its width."""

from __future__ import annotations

from pathlib import Path

from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage.store import new_store


def test_next_ref_number_reads_only_its_own_series(tmp_path: Path) -> None:
    store = new_store(tmp_path / "e.fairdesk")
    with store.transaction():
        for n, ref in enumerate(("C-0009", "C-10000", "C-0010", "W2-0007", "W12-0040",
                                 "w2-0099", "W?-ABC123")):
            store.execute("INSERT INTO candidates (id, ref, created_at) VALUES (?, ?, '')",
                          (f"c{n}", ref))
    assert candidate_rows.next_ref_number(store, "C-") == 10001  # wider wins over "0010"
    assert candidate_rows.next_ref_number(store, "W2-") == 8  # not W12-, not lower-case
    assert candidate_rows.next_ref_number(store, "W3-") == 1
    assert candidate_rows.next_ref_number(store, "W?-") == 1  # "?" is a character here
    said: list[str] = []
    store.db.conn.set_trace_callback(said.append)
    candidate_rows.next_ref_number(store, "W2-")
    store.db.conn.set_trace_callback(None)
    plan = " ".join(str(r[-1]) for r in store.execute(f"EXPLAIN QUERY PLAN {said[-1]}"))
    assert "ref>? AND ref<?" in plan, plan  # the index's range, not a scan of every ref
    store.close()
