"""The batched op path writes exactly what the op-by-op path writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairdesk.storage import bulk, oplog
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage.store import EventStore, new_store

AT = datetime(2026, 8, 20, 13, 0, tzinfo=UTC)
Change = tuple[str, dict[str, Any]]


def _store(path: Path, role: str) -> EventStore:
    store = new_store(path)
    store.set_setting("device_id", "dev-1")
    store.set_setting("role", role)
    return store


def _add(n: int, **fields: Any) -> Change:
    return ("candidate.add", {"id": f"c{n:03d}", "ref": f"C-{n:04d}", "source": "roster",
                              "consent": False, **fields})


CHANGES: list[Change] = [
    _add(1, first_name="Désirée", last_name="O'Neil", email="desiree@example.org",
         phone="+17584649644", languages=["English", "Kwéyòl"], roles=["Team Leader"],
         consent=True, submitted_at="2026-08-01T09:00:00", cv_filename="CV_Désirée.pdf"),
    _add(2, first_name="Marie", last_name="Jn Baptiste"),  # few columns: the rest default
    _add(3, first_name="Akeem", last_name="Fontenelle", phone="+17585550003", desk=None,
         experience="007", district="=HYPERLINK(\"x\")"),
    ("candidate.update", {"id": "c002", "email": "marie@example.org", "last_name": "Jn-Baptiste"}),
    _add(4, first_name="Léon", last_name="St. Rose", email="leon@example.org", consent=True),
    _add(2, first_name="Marie-Claire"),  # the same id again: merged, last writer wins
    _add(5, first_name="Zoë", last_name="Cenac", resume_sha=None, source="walk_in", desk=2),
    ("candidate.update", {"id": "c000", "first_name": "Existing"}),
    _add(0, first_name="Already", last_name="Here"),  # in the file before the batch
]
QUERIES = ("mar", "jn bap", "desiree", "o'neil", "leon st", "zoe", "4649644", "758",
           "c0001", "0003", "example", "already", "existing", "hyperlink")


def _seed(store: EventStore) -> None:
    with store.transaction():
        oplog.emit(store, *_add(0, first_name="Old", last_name="Timer", email="old@x.org"), AT)


def _one_by_one(store: EventStore, changes: Sequence[Change]) -> None:
    with store.transaction():
        for kind, body in changes:
            oplog.emit(store, kind, body, AT)


def _batched(store: EventStore, changes: Sequence[Change]) -> None:
    with store.transaction():
        bulk.emit_many(store, changes, AT)


def state(store: EventStore) -> dict[str, Any]:
    """Everything both paths must agree on; HLC stamps become their order."""
    ops = store.rows("SELECT * FROM ops ORDER BY seq")
    stamps = sorted(op["hlc"] for op in ops)
    assert len(set(stamps)) == len(stamps) and [o["hlc"] for o in ops] == stamps
    rank = {stamp: n for n, stamp in enumerate(stamps)}
    candidates = store.rows("SELECT rowid AS row_number, * FROM candidates ORDER BY rowid")
    for row in candidates:
        row["clocks"] = {f: rank[h] for f, h in json.loads(row["clocks"]).items()}
    for op in ops:
        del op["op_id"]
        op["hlc"] = rank[op["hlc"]]
    found = {q: [c.id for c in candidate_rows.search(store, q)] for q in QUERIES}
    check = store.execute(
        "INSERT INTO candidates_fts(candidates_fts, rank) VALUES ('integrity-check', 1)")
    assert check is not None  # raises if the index does not match the table
    return {"candidates": candidates, "ops": ops, "search": found}


@pytest.mark.parametrize("role", ["organizer", "desk"])
def test_batched_ops_write_what_one_by_one_writes(tmp_path: Path, role: str) -> None:
    one, many = _store(tmp_path / "one.fairdesk", role), _store(tmp_path / "many.fairdesk", role)
    for store in (one, many):
        _seed(store)
    _one_by_one(one, CHANGES)
    _batched(many, CHANGES)
    expected, got = state(one), state(many)
    assert got == expected
    assert len(got["ops"]) == len(CHANGES) + 1 and got["search"]["mar"] == ["c002"]
    assert [o["hub_seq"] for o in got["ops"]] == (
        list(range(1, len(CHANGES) + 2)) if role == "organizer" else [None] * (len(CHANGES) + 1))
    one.close()
    many.close()


def test_next_op_after_a_batch_continues_the_sequence(tmp_path: Path) -> None:
    store = _store(tmp_path / "e.fairdesk", "organizer")
    _batched(store, CHANGES[:3])
    with store.transaction():
        after = oplog.emit(store, "candidate.update", {"id": "c001", "district": "Micoud"}, AT)
    last = store.row("SELECT seq, hlc, hub_seq FROM ops WHERE op_id != ? ORDER BY seq DESC",
                     (after.op_id,))
    assert last is not None and after.seq == last["seq"] + 1 and after.hlc > last["hlc"]
    assert store.scalar("SELECT hub_seq FROM ops WHERE op_id = ?", (after.op_id,)) == 4
    store.close()


def test_a_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path / "e.fairdesk", "desk")
    clash = [_add(1, first_name="A"), ("candidate.add", {"id": "c009", "ref": "C-0001"})]
    with pytest.raises(Exception, match="UNIQUE"):
        _batched(store, clash)
    assert store.scalar("SELECT COUNT(*) FROM candidates") == 0
    assert store.scalar("SELECT COUNT(*) FROM ops") == 0
    assert candidate_rows.search(store, "a") == []
    store.close()


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_BODY = st.fixed_dictionaries({}, optional={
    "first_name": _TEXT, "last_name": _TEXT, "email": _TEXT, "phone": _TEXT,
    "district": _TEXT, "experience": _TEXT, "cv_filename": _TEXT, "submitted_at": _TEXT,
    "languages": st.lists(_TEXT, max_size=3), "roles": st.lists(_TEXT, max_size=3),
    "consent": st.booleans(), "desk": st.none() | st.integers(1, 9)})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(_BODY, min_size=1, max_size=8))
def test_any_candidates_batched_or_not_are_the_same(tmp_path_factory: pytest.TempPathFactory,
                                                    bodies: list[dict[str, Any]]) -> None:
    folder = tmp_path_factory.mktemp("bulk")
    changes = [_add(n, **body) for n, body in enumerate(bodies, start=1)]
    one, many = _store(folder / "one.fairdesk", "desk"), _store(folder / "many.fairdesk", "desk")
    _one_by_one(one, changes)
    _batched(many, changes)
    assert state(many) == state(one)
    one.close()
    many.close()
