"""The kiosk bench: registered, and its simulated queues behave (issue 17)."""

from __future__ import annotations

from fairdesk.bench import PAIRS, kiosk_bench
from fairdesk.bench.kiosk_bench import PRINTER_S, Steps, desk_queue, kiosk_queue
from fairdesk.bench.runner import all_figures


def test_kiosk_figures_are_registered() -> None:
    figures = all_figures()
    assert "kiosk" in figures and "kiosk_rate" in figures


def test_a_kiosk_never_beats_its_printer() -> None:
    instant = Steps(present_code=(0.0, 0.0, 0.0), read_welcome=(0.0, 0.0, 0.0),
                    typing_share=0.0)
    assert abs(kiosk_queue(100, instant, 0.0) - 60 / PRINTER_S) < 1e-6


def test_a_desk_with_instant_people_is_printer_bound() -> None:
    instant = Steps(desk_scan=(0.0, 0.0, 0.0), desk_search=(0.0, 0.0, 0.0),
                    desk_confirm=(0.0, 0.0, 0.0), desk_hand_over=(0.0, 0.0, 0.0))
    assert abs(desk_queue(100, instant, 0.0) - 60 / PRINTER_S) < 1e-6


def test_slower_people_mean_fewer_a_minute() -> None:
    slow = Steps(present_code=(6.0, 12.0, 8.0))
    assert kiosk_queue(500, slow, 0.002) < kiosk_queue(500, Steps(), 0.002)


def test_the_quick_figures_run() -> None:
    kiosk = kiosk_bench.kiosk_figure(quick=True)
    assert kiosk.name == "kiosk" and kiosk.value > 0 and kiosk.baseline > 0
    assert len(kiosk.pairs) == PAIRS and kiosk.spread  # median of interleaved pairs
    rate = kiosk_bench.kiosk_rate_figure(quick=True)
    assert 0 < rate.value < 60 / PRINTER_S and 0 < rate.baseline < 60 / PRINTER_S


def test_the_rate_follows_the_pairs_harness() -> None:
    rate = kiosk_bench.kiosk_rate_figure(quick=True)
    assert len(rate.pairs) >= PAIRS and rate.spread
    assert rate.ok  # a kiosk serves more a minute than a desk worker with the same printer
