import uuid

from fairdesk.domain.clock import HybridClock, decode, encode
from fairdesk.domain.ids import new_id


def test_ids_are_uuid7_and_time_ordered() -> None:
    ids = [new_id() for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids)


def test_clock_never_goes_back_even_if_the_wall_does() -> None:
    wall = [1000]
    clock = HybridClock("dev-a", wall=lambda: wall[0])
    first = clock.tick()
    wall[0] = 500  # the wall clock was set back
    second = clock.tick()
    assert second > first
    assert decode(second)[:2] == (1000, 1)


def test_clock_moves_past_what_it_observes() -> None:
    slow = HybridClock("dev-a", wall=lambda: 1000)
    fast_stamp = encode(9000, 3, "dev-b")
    slow.observe(fast_stamp)
    assert slow.tick() > fast_stamp


def test_stamps_compare_as_text_like_as_numbers() -> None:
    assert encode(999, 12, "x") < encode(1000, 0, "x")
    assert encode(1000, 9, "x") < encode(1000, 10, "x")


def test_ids_are_written_as_uuid_writes_them() -> None:
    for _ in range(200):
        made = new_id()
        assert str(uuid.UUID(made)) == made
