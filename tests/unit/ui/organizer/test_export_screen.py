"""The export screen's presenter, walked without a window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.ui.organizer.presenters.export_screen import ExportScreen


def _fair(session: EventSession, make_people: Callable[..., list[str]]) -> None:
    ids = make_people(3)
    bay = add_employer(session, "Bay BPO", booth="1")
    add_employer(session, "Idle Ltd", booth="2")
    for key in ids:
        visit = record_visit(session, bay.id, key).visit
        update_visit(session, visit.id, shortlist=key == ids[0])


def test_lists_employers_and_walks_an_export(session: EventSession,
                                             make_people: Callable[..., list[str]],
                                             tmp_path: Path) -> None:
    _fair(session, make_people)
    screen = ExportScreen(session)
    assert [(e.name, e.visitors, e.shortlisted) for e in screen.employers] == [
        ("Bay BPO", 3, 1), ("Idle Ltd", 0, 0)]
    assert not screen.can_start and "folder" in screen.hint
    screen.set_out_dir(tmp_path)
    assert screen.can_start and screen.hint == "1 bundle(s), 3 candidate(s)."
    steps: list[tuple[int, int, str]] = []
    screen.run_export(progress=lambda d, t: steps.append((d, t, screen.current)))
    assert screen.state == "done" and screen.current == ""
    assert steps[-1] == (3, 3, "Bay BPO")
    assert [(r.employer, r.candidates) for r in screen.results] == [("Bay BPO", 3)]
    assert Path(screen.results[0].file).exists()


def test_choose_one_shortlist_and_nothing_to_do(session: EventSession,
                                               make_people: Callable[..., list[str]],
                                               tmp_path: Path) -> None:
    _fair(session, make_people)
    screen = ExportScreen(session)
    screen.set_out_dir(tmp_path)
    idle = next(e for e in screen.employers if e.name == "Idle Ltd")
    screen.choose(idle.id)
    assert not screen.can_start and "no visitors" in screen.hint
    screen.choose_all()
    screen.set_shortlist_only(True)
    assert screen.hint == "1 bundle(s), 1 candidate(s)."


def test_cancel_stops_and_says_so(session: EventSession,
                                 make_people: Callable[..., list[str]], tmp_path: Path) -> None:
    _fair(session, make_people)
    screen = ExportScreen(session)
    screen.set_out_dir(tmp_path)
    screen.start()
    screen.cancel()
    screen.export_finished(screen.export_job()(lambda d, t: None, lambda: False))
    assert screen.state == "cancelled"
    assert screen.last_message is not None and "Cancelled" in screen.last_message.text
    assert not list(tmp_path.glob("*.zip"))


def test_failure_is_shown(session: EventSession, make_people: Callable[..., list[str]],
                          tmp_path: Path) -> None:
    _fair(session, make_people)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    screen = ExportScreen(session)
    screen.set_out_dir(blocker / "sub")
    screen.run_export()
    assert screen.state == "failed"
    assert screen.last_message is not None and screen.last_message.level == "error"


def test_report_and_lists_as_jobs(session: EventSession, make_people: Callable[..., list[str]],
                                  tmp_path: Path) -> None:
    _fair(session, make_people)
    screen = ExportScreen(session)
    changes: list[str] = []
    session.subscribe(lambda change: changes.append(change.topic))
    work = screen.start_writing("visits", tmp_path / "v.xlsx")
    assert screen.writing == "visits" and not screen.can_write
    assert screen.writing_text == "Writing the visits list to v.xlsx…"
    with pytest.raises(RuntimeError, match="Writing the visits list"):
        screen.start_writing("report", tmp_path / "r.pdf")
    result = work(lambda d, t: None, lambda: False)  # what the job thread runs
    screen.write_finished(result)
    assert screen.writing is None and screen.can_write and screen.writing_text == ""
    assert screen.last_message is not None
    assert screen.last_message.text.endswith("v.xlsx (3 row(s)).")
    assert "audit" in changes
    assert screen.write_report(tmp_path / "r.pdf") is not None
    assert (tmp_path / "r.pdf").exists() and screen.can_write


def test_report_and_list_failures_are_shown(session: EventSession,
                                            make_people: Callable[..., list[str]],
                                            tmp_path: Path) -> None:
    _fair(session, make_people)
    screen = ExportScreen(session)
    assert screen.write_list("visits", tmp_path / "v.txt") is None
    assert screen.last_message is not None and screen.last_message.code == "invalid_field"
    assert screen.can_write
    screen.start_writing("checkins", tmp_path / "c.csv")
    screen.write_failed(RuntimeError("boom"))
    assert screen.last_message.text == "The check-ins list stopped: boom"
    assert screen.last_message.code == "internal" and screen.writing is None
