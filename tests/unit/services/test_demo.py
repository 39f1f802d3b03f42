from datetime import date
from pathlib import Path

from fairdesk.services.candidates import listing
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.events import event_info
from fairdesk.services.visits import visit_rows


def _event(path: Path, seed: int) -> tuple[dict[str, object], list[dict[str, object]]]:
    session = build_demo(path, DemoSpec(candidates=120, employers=4, seed=seed),
                         today=date(2026, 8, 20))
    try:
        return event_info(session), listing(session)
    finally:
        session.close()


def test_same_seed_same_event(tmp_path: Path) -> None:
    info_a, people_a = _event(tmp_path / "a.fairdesk", 7)
    info_b, people_b = _event(tmp_path / "b.fairdesk", 7)
    _, people_c = _event(tmp_path / "c.fairdesk", 8)
    assert info_a == info_b
    assert people_a == people_b
    assert people_a != people_c


def test_demo_looks_like_midday(tmp_path: Path) -> None:
    session = build_demo(tmp_path / "d.fairdesk", DemoSpec(candidates=200, employers=5),
                         today=date(2026, 8, 20))
    info = event_info(session)
    assert info["candidates"] == 200
    assert info["employers"] == 5
    assert 0.5 * 200 < info["checked_in"] < 0.75 * 200
    assert 0 < info["walk_ins"] < 30
    assert 0.7 * 184 < info["resumes"] < 184  # most roster candidates, not all
    assert info["visits"] > info["checked_in"]
    visits = visit_rows(session)
    assert any(v["rating"] for v in visits) and any(v["shortlist"] for v in visits)
    assert any(v["notes"] for v in visits) and any(v["tags"] for v in visits)
    people = listing(session)
    assert any(not p["consent"] for p in people) and sum(p["consent"] for p in people) > 150
    names = " ".join(str(p["name"]) for p in people)
    assert any(mark in names for mark in ("é", "ë", "ï", "è", "ô"))
    assert "'" in names
    session.close()
