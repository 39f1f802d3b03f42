"""The dashboard presenter walked with no window: refresh coalescing, the
timer's data-version check, and what each panel shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession, open_session
from fairdesk.services.visits import record_visit
from fairdesk.ui.organizer.presenters.dashboard import DashboardPresenter
from tests.conftest import FakeClock


class HeldRunner:
    """Runs a job only when the test says so (as the thread pool would, later)."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Any, Any, Any]] = []

    def __call__(self, work: Any, done: Any, failed: Any) -> None:
        self.waiting.append((work, done, failed))

    def run_one(self) -> None:
        work, done, failed = self.waiting.pop(0)
        try:
            done(work(lambda *_: None, lambda: False))
        except Exception as error:
            failed(error)


def _presenter(session: EventSession) -> tuple[DashboardPresenter, HeldRunner]:
    runner = HeldRunner()
    return DashboardPresenter(session, runner), runner


def test_a_check_in_while_a_refresh_runs_asks_for_exactly_one_more(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    people = make_people(3)
    presenter, runner = _presenter(session)
    redraws: list[int] = []
    presenter.on_change = lambda: redraws.append(1)
    presenter.refresh()
    check_in(session, people[0], desk=1)  # notices while the first read runs
    check_in(session, people[1], desk=2)
    assert len(runner.waiting) == 1 and presenter.again
    runner.run_one()
    assert len(runner.waiting) == 1  # one more, not two
    runner.run_one()
    assert presenter.snapshot is not None and presenter.snapshot.checked_in_today == 2
    assert not runner.waiting and len(redraws) == 2


def test_the_timer_reads_again_only_after_another_connection_writes(
        session: EventSession, clock: FakeClock, make_people: Callable[..., list[str]]) -> None:
    people = make_people(2)
    presenter, runner = _presenter(session)
    presenter.refresh()
    runner.run_one()
    presenter.tick()
    assert not runner.waiting  # nothing changed, figures fresh
    assert session.path is not None
    other = open_session(session.path, role="desk", desk=3, clock=clock)  # the hub's sync
    check_in(other, people[1])
    other.close()
    presenter.tick()
    assert len(runner.waiting) == 1
    runner.run_one()
    clock.advance(seconds=31)
    presenter.tick()  # aged: rates and silent devices move with the clock
    assert len(runner.waiting) == 1


def test_panels_show_the_morning(session: EventSession, clock: FakeClock,
                                 make_people: Callable[..., list[str]]) -> None:
    people = make_people(4)
    a = add_employer(session, "Alpha BPO", booth="1")
    add_employer(session, "Beta Tech", booth="2")
    for n, person in enumerate(people[:3]):
        check_in(session, person, desk=1 + n % 2)
        clock.advance(minutes=8)
    for person in people[:3]:
        record_visit(session, a.id, person)
    presenter = DashboardPresenter(session)  # no runner: reads on this thread
    presenter.refresh()
    chart = presenter.chart()
    assert chart.day == "2026-08-20" and chart.slots == ["09:30", "09:45"]
    assert chart.series == [("Desk 1", [1, 1]), ("Desk 2", [1, 0])]
    rows, marks = presenter.board_rows()
    assert rows[0][:4] == ("1", "Alpha BPO", "3", "3") and marks == ["crowded", "empty"]
    assert presenter.no_visit_text.startswith("0 checked in")
    assert "registered not yet arrived" in presenter.queue_text
    assert presenter.phase_two_rows()[0] == ("1", "Alpha BPO", "0", "0", "0")
    assert presenter.devices_empty_text.startswith("No device paired")


def test_a_failed_read_is_shown_not_raised(session: EventSession) -> None:
    presenter, runner = _presenter(session)
    presenter.refresh()
    runner.waiting[0] = (lambda *_: (_ for _ in ()).throw(OSError("disk gone")),
                         *runner.waiting[0][1:])
    runner.run_one()
    assert "disk gone" in presenter.error and not presenter.running


def test_device_rows_flag_the_silent_one(session: EventSession, clock: FakeClock) -> None:
    from fairdesk.storage import device_rows

    with session.store.transaction():
        device_rows.add_device(session.store, "d1", name="Booth 4 tablet", role="booth",
                               employer_id=None, desk=None, token_hash="h",
                               at=clock.now - timedelta(minutes=12))
    presenter = DashboardPresenter(session)
    presenter.refresh()
    rows, marks = presenter.device_rows()
    assert rows == [("Booth 4 tablet", "booth", "12 min ago", "0", "Silent 5 min+")]
    assert marks == ["silent"]
    assert datetime(2026, 8, 20, 13, 30, tzinfo=UTC) == clock.now


def test_the_chart_keeps_quiet_quarters_and_labels_hours_on_a_long_morning() -> None:
    from fairdesk.ui.organizer.presenters.dashboard import Chart, _every_quarter

    assert _every_quarter({"09:00", "09:45"}) == ["09:00", "09:15", "09:30", "09:45"]
    assert _every_quarter(set()) == []
    short = Chart("2026-08-20", ["09:30", "09:45"], [])
    assert short.marks == [(0, "09:30"), (1, "09:45")]
    long = Chart("2026-08-20", _every_quarter({"08:45", "11:15"}), [])
    assert long.marks == [(1, "09:00"), (5, "10:00"), (9, "11:00")]
