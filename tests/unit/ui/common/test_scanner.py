"""The scan detector: scanner bursts (keys 5–10 ms apart) versus people typing."""

from __future__ import annotations

import random

from fairdesk.ui.common.presenters.scanner import Burst, ScanDetector

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
    released, _, _ = feed(detector, "C-0147\t", scanner_gaps(7))
    assert released == [Burst("scan", "C-0147")]


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
    code_released, _, _ = feed(detector, "W2-0012\n", scanner_gaps(8), start=now + 150)
    kinds = [(b.kind, b.text) for b in [*released, *code_released]]
    assert kinds == [("typed", "a"), ("typed", "b"), ("scan", "W2-0012")]
