"""Slot patterns, times and overlap."""

from __future__ import annotations

from datetime import date

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.interviews import SlotPattern, clean_day, clean_time, overlaps


def test_a_window_is_cut_into_slots_with_a_buffer() -> None:
    assert SlotPattern("9:00", "10:10", 20, 5).windows() == [
        ("09:00", "09:20"), ("09:25", "09:45"), ("09:50", "10:10")]
    assert SlotPattern("09:00", "10:00", rooms=2).room_names() == ["Room 1", "Room 2"]


@pytest.mark.parametrize(("pattern", "field"), [
    (SlotPattern("10:00", "09:00"), "end"), (SlotPattern("09:00", "09:10"), "length"),
    (SlotPattern("25:00", "26:00"), "start"), (SlotPattern("09:00", "10:00", 3), "length"),
    (SlotPattern("09:00", "10:00", rooms=0), "rooms"),
])
def test_bad_patterns_name_their_field(pattern: SlotPattern, field: str) -> None:
    with pytest.raises(InvalidField) as refused:
        pattern.windows()
    assert refused.value.field == field


def test_times_and_days() -> None:
    assert clean_time("start", " 7:05 ") == "07:05"
    with pytest.raises(InvalidField):
        clean_time("start", "7h05")
    assert clean_day("2026-08-20") == date(2026, 8, 20)
    with pytest.raises(InvalidField):
        clean_day("20/08/2026")


def test_touching_windows_do_not_overlap() -> None:
    day = date(2026, 8, 20)
    assert overlaps(day, "10:00", "10:20", day, "10:10", "10:30")
    assert not overlaps(day, "10:00", "10:20", day, "10:20", "10:40")
    assert not overlaps(day, "10:00", "10:20", date(2026, 8, 21), "10:00", "10:20")
