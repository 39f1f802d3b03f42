"""The scan detector: scanner bursts (keys 5–10 ms apart) versus people typing."""

from __future__ import annotations

import random

from fairdesk.ui.common.presenters.scanner import Burst, KeyClock, ScanDetector

CODE = "FD1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def feed(detector: ScanDetector, text: str, gaps_ms: list[float], start: float = 0.0
         ) -> tuple[list[Burst], list[bool], float]:
    """Press each key of ``text`` after its gap; returns released bursts, swallow flags, time."""
    released: list[Burst] = []
    swallowed = []
    now = start
    for char, gap in zip(text, gaps_ms, strict=True):
        expired = detector.expire(now + gap) if detector.deadline_ms is not None else None
        if expired is not None and detector.deadline_ms is None:
            released.append(expired)
        now += gap
        verdict = detector.key(char, now)
        released += verdict.released
        swallowed.append(verdict.swallow)
    return released, swallowed, now


def scanner_gaps(n: int, seed: int = 1) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(5, 10) for _ in range(n)]


def test_burst_with_enter_is_one_scan_and_the_enter_is_swallowed() -> None:
    detector = ScanDetector()
    released, swallowed, _ = feed(detector, CODE + "\r", scanner_gaps(len(CODE) + 1))
    assert released == [Burst("scan", CODE)]
    assert all(swallowed)  # nothing reaches the text field, the Enter neither


def test_burst_with_tab_is_a_scan() -> None:
    detector = ScanDetector()
    released, _, _ = feed(detector, CODE + "\t", scanner_gaps(len(CODE) + 1))
    assert released == [Burst("scan", CODE)]


def test_a_ref_code_at_scanner_speed_is_typed_text_and_its_enter_passes() -> None:
    """Only a badge payload acts as a scan: "C-0147⏎" reaches the field whole, Enter after it."""
    detector = ScanDetector()
    released, swallowed, _ = feed(detector, "C-0147\r", scanner_gaps(7))
    assert released == [Burst("typed", "C-0147")]
    assert swallowed[-1] is False  # the Enter is delivered, after the replayed text


def test_a_name_typed_at_32_ms_is_text_whatever_the_speed() -> None:
    detector = ScanDetector()
    released, _, _ = feed(detector, "Aurelie", [32.0] * 7)
    last = detector.flush()
    assert [*released, last] == [Burst("typed", "Aurelie")]


def test_a_lower_case_badge_prefix_is_still_a_scan() -> None:
    detector = ScanDetector()
    code = CODE.lower()
    released, _, _ = feed(detector, code + "\r", scanner_gaps(len(code) + 1))
    assert released == [Burst("scan", code)]


def test_keys_stamped_60_to_150_ms_apart_but_handled_at_once_stay_typed() -> None:
    """A stalled event loop hands over a person's keys together; their own stamps tell."""
    detector, clock = ScanDetector(), KeyClock()
    stamps = [1000.0, 1060.0, 1210.0, 1300.0, 1400.0, 1480.0, 1600.0, 1700.0]
    released: list[Burst] = []
    for i, char in enumerate("Marcellus"[:8]):
        handled = 5000.0 + i * 0.5  # all eight handled within 4 ms of each other
        released += detector.key(char, clock.at(stamps[i], handled)).released
    assert all(b.kind == "typed" and len(b.text) == 1 for b in released)
    assert len(released) == 7 and detector.holding
    # the timer compares on the stamps' scale: 40 ms of real time later the last key is out
    assert detector.expire(clock.now(5003.5 + 40)) == Burst("typed", "u")


def test_key_clock_falls_back_to_the_monotonic_clock_without_stamps() -> None:
    clock = KeyClock()
    assert clock.at(0, 123.0) == 123.0 and clock.now(150.0) == 150.0
    assert clock.at(10_000, 200.0) == 10_000 and clock.now(230.0) == 10_030


def test_burst_without_suffix_ends_by_timeout() -> None:
    detector = ScanDetector()
    released, swallowed, now = feed(detector, CODE, scanner_gaps(len(CODE)))
    assert released == [] and all(swallowed)
    assert detector.expire(now + 10) is None  # still inside the gap: keep holding
    assert detector.expire(now + detector.max_gap_ms + 1) == Burst("scan", CODE)
    assert not detector.holding


def test_human_typing_120_ms_apart_is_text_not_a_scan() -> None:
    detector = ScanDetector()
    released, _, now = feed(detector, "marie jn", [120.0] * 8)
    last = detector.expire(now + 200)
    assert last is not None
    bursts = [*released, last]
    assert all(b.kind == "typed" for b in bursts)
    assert "".join(b.text for b in bursts) == "marie jn"


def test_human_enter_after_typing_passes_through() -> None:
    detector = ScanDetector()
    feed(detector, "jn", [120.0, 120.0])
    verdict = detector.key("\r", 260.0)  # Enter 20 ms after "n": "n" is released first
    assert verdict.typed == "n" and not verdict.swallow


def test_two_rolled_keys_are_typed() -> None:
    detector = ScanDetector()
    released, _, now = feed(detector, "ma", [0.0, 8.0])
    assert released == []
    assert detector.expire(now + 50) == Burst("typed", "ma")


def test_non_printing_key_releases_held_text_first() -> None:
    detector = ScanDetector()
    detector.key("m", 0.0)
    verdict = detector.key("", 5.0)  # an arrow key
    assert verdict.typed == "m" and not verdict.swallow


def test_scan_right_after_typing_is_kept_apart() -> None:
    detector = ScanDetector()
    released, _, now = feed(detector, "ab", [0.0, 150.0])
    code_released, _, _ = feed(detector, CODE + "\n", scanner_gaps(len(CODE) + 1),
                               start=now + 150)
    kinds = [(b.kind, b.text) for b in [*released, *code_released]]
    assert kinds == [("typed", "a"), ("typed", "b"), ("scan", CODE)]


def test_a_scans_enter_after_the_burst_expired_is_still_the_scans() -> None:
    """Under Xvfb on a loaded machine the code was expired as a scan before its
    Enter was handled; the Enter then reached the kiosk and pressed "Print my
    badge". By the keys' stamps it came 6 ms after the last one: it is the scan's."""
    detector = ScanDetector()
    _, _, now = feed(detector, CODE, scanner_gaps(len(CODE)))
    assert detector.expire(now + 500) == Burst("scan", CODE)  # handled late
    assert detector.key("\r", now + 6).swallow
    assert not detector.key("\r", now + 7).swallow  # a second Enter is a person's


def test_an_enter_long_after_a_scan_is_a_persons() -> None:
    detector = ScanDetector()
    _, _, now = feed(detector, CODE, scanner_gaps(len(CODE)))
    detector.expire(now + 500)
    assert not detector.key("\r", now + 400).swallow
