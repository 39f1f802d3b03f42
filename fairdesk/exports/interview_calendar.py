"""iCalendar (RFC 5545) files of interviews, with the ``icalendar`` library.

Every event has a stable UID (the booking's or the free slot's id), a DTSTAMP
in UTC, and local DTSTART/DTEND with a TZID whose VTIMEZONE is in the file,
so Outlook, Google Calendar and Thunderbird show the venue's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.interview_files import Interview

PRODID = "-//FairDesk//Phase Two interviews//EN"
UID_DOMAIN = "fairdesk.invalid"


def _at(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    hours, minutes = hhmm.split(":")
    return datetime.combine(day, time(int(hours), int(minutes)), tzinfo=zone)


def calendar(name: str, timezone: str, items: Sequence[Interview], stamp: datetime,
             *, for_candidate: bool, venue: str = "") -> bytes:
    """One VCALENDAR: a VEVENT per interview (an employer's calendar: booked ones)."""
    zone = ZoneInfo(timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone)
    days = sorted({i.day for i in items}) or [stamp.date()]
    cal.add_component(Timezone.from_tzinfo(zone, tzid=timezone, first_date=days[0],
                                           last_date=days[-1]))
    for item in items:
        cal.add_component(_event(item, zone, stamp, for_candidate, venue))
    return bytes(cal.to_ical())


def _event(item: Interview, zone: ZoneInfo, stamp: datetime, for_candidate: bool,
           venue: str) -> Event:
    event = Event()
    event.add("uid", f"{item.booking_id or item.slot_id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _at(item.day, item.start, zone))
    event.add("dtend", _at(item.day, item.end, zone))
    if for_candidate:
        event.add("summary", f"Interview: {item.employer}")
    else:
        event.add("summary", f"Interview: {item.name} ({item.ref})" if item.held else
                  "Free interview slot")
    place = ", ".join(p for p in (item.room, f"booth {item.booth}" if item.booth else "",
                                  venue) if p)
    if place:
        event.add("location", place)
    event.add("description", f"Phase Two interview with {item.employer}."
              + ("" if for_candidate or not item.held else f" Candidate ref {item.ref}."))
    event.add("status", "CONFIRMED" if item.state == "booked" else "TENTATIVE")
    return event


def write_calendar(path: Path, data: bytes) -> None:
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
