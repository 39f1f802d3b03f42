"""A roster imported through the batched op path equals one imported op by op."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from fairdesk.domain.model import Op
from fairdesk.services import importing
from fairdesk.services.events import create_event
from fairdesk.services.session import EventSession
from fairdesk.storage import bulk, oplog
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage.store import EventStore
from tests.conftest import FakeClock

QUERIES = ("akeem", "kervin pol", "desiree", "o'neil", "jn", "st ro", "758", "gmail",
           "c0001", "0012", "new person", "castries")


def _one_by_one(store: EventStore, changes: Sequence[tuple[str, dict[str, Any]]],
                at: datetime) -> list[Op]:
    return [oplog.emit(store, kind, body, at) for kind, body in changes]


def _updated(samples: Path, folder: Path) -> Path:
    text = (samples / "roster-form-export.csv").read_text(encoding="utf-8-sig")
    path = folder / "v2.csv"
    path.write_text(text.replace("Kervin Polius,,Dennery", "Kervin Polius,,Castries")
                    + "08/20/2026 10:00:00,new.person@x.lc,New Person,,,,,,,Yes,\n",
                    encoding="utf-8")
    return path


def _import_twice(path: Path, samples: Path) -> tuple[EventSession, list[dict[str, Any]]]:
    session = create_event(path, "Test Fair", clock=FakeClock())
    reports = [importing.import_candidates(session, samples / "roster-form-export.csv"),
               importing.import_candidates(session, _updated(samples, path.parent))]
    return session, reports


def _state(store: EventStore) -> dict[str, Any]:
    """Candidates, ops and search results with ids as refs and HLC stamps as ranks."""
    ref = {row["id"]: row["ref"] for row in store.rows("SELECT id, ref FROM candidates")}
    ops = store.rows("SELECT * FROM ops WHERE kind LIKE 'candidate.%' ORDER BY seq")
    rank = {op["hlc"]: n for n, op in enumerate(sorted(ops, key=lambda o: o["hlc"]))}
    people = store.rows("SELECT rowid AS row_number, * FROM candidates ORDER BY rowid")
    for row in people:
        row["id"] = ref[row["id"]]
        row["clocks"] = {f: rank[h] for f, h in json.loads(row["clocks"]).items()}
    for op in ops:
        body = json.loads(op.pop("body"))
        op["body"] = {**body, "id": ref[body["id"]]}
        op["hlc"] = rank[op["hlc"]]
        del op["op_id"], op["device_id"]
    found = {q: [c.ref for c in candidate_rows.search(store, q)] for q in QUERIES}
    return {"candidates": people, "ops": ops, "search": found}


def test_bulk_import_equals_op_by_op(tmp_path: Path, samples: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    batched, batched_reports = _import_twice(tmp_path / "a" / "fair.fairdesk", samples)
    with monkeypatch.context() as patch:
        patch.setattr(bulk, "emit_many", _one_by_one)
        single, single_reports = _import_twice(tmp_path / "b" / "fair.fairdesk", samples)
    assert batched_reports == single_reports
    got, expected = _state(batched.store), _state(single.store)
    assert got == expected
    assert len(got["candidates"]) == 41 and got["search"]["kervin pol"]
    assert [op["kind"] for op in got["ops"]].count("candidate.update") == 1
    batched.close()
    single.close()
