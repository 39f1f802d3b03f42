"""Issue 13, case 3: stamps that sort for every counter, and skewed clocks that
still agree on one winner (property test)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.domain import clock
from fairdesk.domain.clock import HybridClock, decode, encode, key


def test_the_counter_never_grows_a_fifth_digit() -> None:
    stuck = HybridClock("dev", wall=lambda: 1_000)
    stamps = [stuck.tick() for _ in range(25_000)]
    assert stamps == sorted(stamps) == sorted(stamps, key=key)
    assert len(set(stamps)) == len(stamps)
    assert all(len(s.split(".")[1]) == 4 for s in stamps)
    assert decode(stamps[-1])[:2] == (1_002, 25_000 - 2 * 10_000 - 1)


def test_a_full_counter_observed_moves_to_the_next_millisecond() -> None:
    here = HybridClock("a", wall=lambda: 10)
    here.observe(encode(500, 9999, "b"))
    assert decode(here.tick())[:2] == (501, 0)


@pytest.mark.parametrize("bad", [(10**13, 0), (0, 10_000), (-1, 0)])
def test_a_stamp_out_of_its_width_is_never_made(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        encode(*bad, "dev")


def test_a_poisoned_stamp_never_moves_a_clock() -> None:
    now = 1_800_000_000_000
    here = HybridClock("a", last="9999999999999.9999.evil", wall=lambda: now)
    here.observe("9999999999999.10000.evil")  # not even a well-formed stamp
    here.observe(encode(now + clock.POISON_AHEAD_MS + 1, 0, "evil"))
    assert decode(here.tick())[:2] == (now, 0)


@dataclass
class _Device:
    name: str
    skew: int
    clock: HybridClock
    seen: dict[str, str] = field(default_factory=dict)  # op id -> stamp
    made: list[str] = field(default_factory=list)  # own stamps, in the order made


SKEW = st.integers(-3_600_000, clock.MAX_SKEW_MS)  # slow by an hour .. fast by the bound
STEP = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("push"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("pull"), st.integers(0, 3), st.integers(0, 3)),
)


@settings(max_examples=300, deadline=None)
@given(skews=st.lists(SKEW, min_size=4, max_size=4), steps=st.lists(STEP, max_size=60))
def test_skewed_devices_agree_and_never_lose_their_own_later_edit(
        skews: list[int], steps: list[tuple[str, int, int]]) -> None:
    now = [1_800_000_000_000]
    devices = [_Device(f"d{i}", s, HybridClock(f"d{i}", wall=lambda s=s: now[0] + s))
               for i, s in enumerate(skews)]
    hub = _Device("hub", 0, HybridClock("hub", wall=lambda: now[0]))
    for action, index, advance in steps:
        now[0] += advance  # 0: several edits inside one millisecond
        one = devices[index]
        if action == "edit":
            stamp = one.clock.tick()
            assert all(stamp > seen for seen in one.seen.values())  # after all it saw
            one.seen[f"{one.name}:{len(one.made)}"] = stamp
            one.made.append(stamp)
        else:
            _exchange(hub, one, now[0]) if action == "push" else _exchange(one, hub, now[0])
    for one in devices:  # a last round: everyone pushes, then everyone pulls
        _exchange(hub, one, now[0])
    for one in devices:
        _exchange(one, hub, now[0])
    winners = {max(d.seen.values(), default="") for d in [*devices, hub]}
    assert len(winners) == 1
    for one in devices:
        assert one.made == sorted(one.made) == sorted(one.made, key=key)
        assert len(set(one.made)) == len(one.made)


def _exchange(receiver: _Device, sender: _Device, now_ms: int) -> None:
    for op_id, stamp in sender.seen.items():
        if op_id in receiver.seen:
            continue
        if receiver.name == "hub":  # the hub refuses a stamp beyond the bound
            assert not clock.too_far_ahead(stamp, now_ms)
        receiver.seen[op_id] = stamp
        receiver.clock.observe(stamp)
