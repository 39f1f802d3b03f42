"""The .ics files read back as valid RFC 5545 that calendar programs import."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from fairdesk.exports.interview_calendar import PRODID, calendar
from fairdesk.exports.interview_files import Interview

STAMP = datetime(2026, 8, 20, 13, 30, tzinfo=UTC)


def _item(n: int, day: date, start: str, end: str, state: str = "booked") -> Interview:
    return Interview(slot_id=f"slot-{n}", employer_id="acme", employer="Acme BPO", booth="4",
                     day=day, start=start, end=end, room="Room 1", booking_id=f"booking-{n}",
                     candidate_id="c1", ref="C-0147", name="Kerlisha Joseph", state=state)


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF: RFC 5545 wants CRLF"
    return data.split(b"\r\n")[:-1]


@pytest.mark.parametrize("days", [1, 2])
def test_one_vevent_per_interview_with_uid_dtstamp_and_the_venue_zone(days: int) -> None:
    first = date(2026, 8, 21)
    items = [_item(n, first + timedelta(days=n), "10:00", "10:20") for n in range(days)]
    data = calendar("Acme BPO interviews", "America/St_Lucia", items, STAMP,
                    for_candidate=False, venue="Hall A")
    lines = _lines(data)
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"] == PRODID
    events = cal.walk("VEVENT")
    assert len(events) == days
    assert len({str(e["UID"]) for e in events}) == days
    assert str(events[0]["UID"]) == "booking-0@fairdesk.invalid"
    for event in events:
        stamp = event.decoded("DTSTAMP")
        assert stamp == STAMP and stamp.utcoffset() == timedelta(0)
        assert event["DTSTART"].params["TZID"] == "America/St_Lucia"
        assert event["DTEND"].params["TZID"] == "America/St_Lucia"
        assert "SUMMARY" in event and event["STATUS"] == "CONFIRMED"
    start = events[0].decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert start.astimezone(UTC) == datetime(2026, 8, 21, 14, 0, tzinfo=UTC)  # UTC-4
    assert events[0].decoded("DTEND") - start == timedelta(minutes=20)
    assert str(events[0]["LOCATION"]) == "Room 1, booth 4, Hall A"


def test_the_vtimezone_has_a_standard_part_even_for_one_day() -> None:
    """An empty VTIMEZONE (no STANDARD/DAYLIGHT) is invalid: Outlook refuses it."""
    data = calendar("x", "America/St_Lucia", [_item(0, date(2026, 8, 21), "10:00", "10:20")],
                    STAMP, for_candidate=True)
    (zone,) = Calendar.from_ical(data).walk("VTIMEZONE")
    assert zone["TZID"] == "America/St_Lucia"
    parts = zone.walk("STANDARD") + zone.walk("DAYLIGHT")
    assert parts, "RFC 5545 3.6.5: at least one STANDARD or DAYLIGHT"
    assert parts[0].decoded("TZOFFSETTO") == timedelta(hours=-4)


def test_an_empty_calendar_is_still_valid() -> None:
    cal = Calendar.from_ical(calendar("x", "America/St_Lucia", [], STAMP,
                                      for_candidate=False))
    assert cal.walk("VEVENT") == []
    assert cal.walk("STANDARD")


def test_a_daylight_saving_change_between_two_days_is_in_the_zone() -> None:
    """Interviews either side of Europe's October change keep their wall time."""
    items = [_item(0, date(2030, 10, 26), "10:00", "10:30"),
             _item(1, date(2030, 10, 28), "10:00", "10:30")]
    data = calendar("x", "Europe/London", items, STAMP, for_candidate=True)
    cal = Calendar.from_ical(data)
    (zone,) = cal.walk("VTIMEZONE")
    assert zone.walk("DAYLIGHT") and zone.walk("STANDARD")
    london = ZoneInfo("Europe/London")
    starts = [e.decoded("DTSTART") for e in cal.walk("VEVENT")]
    assert [s.astimezone(london).hour for s in starts] == [10, 10]
    assert [s.astimezone(UTC).hour for s in starts] == [9, 10]  # BST, then GMT


def test_a_stamp_from_a_local_clock_is_written_in_utc() -> None:
    local = STAMP.astimezone(timezone(timedelta(hours=-4)))
    data = calendar("x", "America/St_Lucia", [_item(0, date(2026, 8, 21), "10:00", "10:20")],
                    local, for_candidate=True)
    assert b"DTSTAMP:20260820T133000Z\r\n" in data


def test_the_candidate_sees_the_employer_and_the_employer_sees_the_candidate() -> None:
    item = _item(0, date(2026, 8, 21), "10:00", "10:20")
    mine = Calendar.from_ical(calendar("x", "America/St_Lucia", [item], STAMP,
                                       for_candidate=True)).walk("VEVENT")[0]
    theirs = Calendar.from_ical(calendar("x", "America/St_Lucia", [item], STAMP,
                                         for_candidate=False)).walk("VEVENT")[0]
    assert str(mine["SUMMARY"]) == "Interview: Acme BPO"
    assert str(theirs["SUMMARY"]) == "Interview: Kerlisha Joseph (C-0147)"
