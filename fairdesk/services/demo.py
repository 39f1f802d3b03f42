"""``fairdesk demo``: a realistic fictional event as it looks at midday.

Same seed, same event (names, refs, résumés, visits); only the ids and the date
differ. The fair day is today at the venue, so the desk and booth screens show
a live-looking morning.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from fairdesk.domain.roles import DEFAULT_TIMEZONE
from fairdesk.domain.rules import zone
from fairdesk.domain.text import fold
from fairdesk.exports.demo_resumes import ResumeFacts, resume_pdf
from fairdesk.services import demo_data as words
from fairdesk.services.candidates import add_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer, find_employer
from fairdesk.services.events import create_event
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession, utc_now
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.services.walkins import register_walk_in

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSpec:
    candidates: int = 600
    employers: int = 10
    seed: int = 1
    resumes: bool = True
    walk_in_share: float = 0.08
    checked_in_share: float = 0.6


class _DemoClock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


def build_demo(path: Path, spec: DemoSpec = DemoSpec(), today: date | None = None,
               progress: Progress | None = None) -> EventSession:
    """Make the demo event at ``path``; everything in one transaction per stage."""
    rng = random.Random(spec.seed)
    tz = zone(DEFAULT_TIMEZONE)
    day = today or utc_now().astimezone(tz).date()
    opening = datetime.combine(day, time(8, 30), tz).astimezone(UTC)
    clock = _DemoClock(opening - timedelta(days=14))
    session = create_event(path, "Saint Lucia BPO & Tech Career Fair",
                           venue="Daren Sammy Cricket Ground, Gros Islet",
                           days=(day, day + timedelta(days=1)), clock=clock)
    with session.store.transaction():
        employer_ids = _employers(session, rng, spec.employers)
        roster = _roster(session, rng, spec, progress)
        clock.at = opening
        arrived = _morning(session, rng, spec, roster, opening, clock)
        _visits(session, rng, arrived, employer_ids, clock)
    session.clock = utc_now
    return session


def _person(rng: random.Random) -> dict[str, object]:
    first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
    user = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}{rng.randint(1, 999)}"
    languages = ["English"] + [
        lang for lang, share in (("Kwéyòl", 0.6), ("French", 0.3), ("Spanish", 0.15))
        if rng.random() < share
    ]
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{user}@{rng.choice(words.MAIL_HOSTS)}",
        "phone": f"+1758{rng.choice('4567')}{rng.randint(0, 999_999):06d}",
        "district": rng.choices(words.DISTRICTS, words.DISTRICT_WEIGHTS)[0],
        "education": rng.choice(words.EDUCATION),
        "languages": languages,
        "roles": rng.sample(words.ROLES, k=rng.randint(1, 3)),
        "experience": rng.choice(words.EXPERIENCE),
        "consent": rng.random() < 0.9,
    }


def _employers(session: EventSession, rng: random.Random, count: int) -> list[str]:
    names: list[tuple[str, str]] = []
    for place in words.EMPLOYER_PLACES:
        for sector, kinds in words.EMPLOYER_KINDS:
            names.extend((f"{place} {kind}", sector) for kind in kinds)
    rng.shuffle(names)
    ids = []
    for booth, (name, sector) in enumerate(names[:count], start=1):
        contact = rng.choice(words.CONTACTS)
        employer = add_employer(
            session, name, booth=str(booth), sector=sector, contact_name=contact,
            contact_email=f"{fold(contact).split()[0]}@{fold(name).replace(' ', '')}.example",
            tags=rng.sample(words.TAGS, k=rng.randint(4, 6)),
        )
        ids.append(employer.id)
    return ids


def _roster(session: EventSession, rng: random.Random, spec: DemoSpec,
            progress: Progress | None) -> list[str]:
    count = round(spec.candidates * (1 - spec.walk_in_share))
    ids = []
    for index in range(count):
        fields = _person(rng)
        person = add_candidate(session, **fields)
        ids.append(person.id)
        if spec.resumes and rng.random() < 0.85:
            facts = ResumeFacts(person.display_name, person.email, person.phone,
                                person.district, person.education, person.roles,
                                person.languages)
            data, pages = resume_pdf(facts, rng)
            name = f"CV_{person.first_name}_{person.last_name}.pdf".replace(" ", "_")
            attach_resume(session, person.id, data, pages=pages, original_name=name)
        if progress:
            progress(index + 1, count)
    return ids


def _arrival(rng: random.Random, opening: datetime) -> datetime:
    """Most arrive in the first 45 minutes after 09:00; a trickle until noon."""
    minutes = rng.uniform(30, 75) if rng.random() < 0.65 else rng.uniform(0, 210)
    return opening + timedelta(minutes=minutes, seconds=rng.uniform(0, 59))


def _morning(session: EventSession, rng: random.Random, spec: DemoSpec, roster: list[str],
             opening: datetime, clock: _DemoClock) -> list[tuple[str, datetime]]:
    arrivals: list[tuple[str, datetime, int | None]] = [
        (key, _arrival(rng, opening), None)
        for key in roster if rng.random() < spec.checked_in_share
    ]
    walk_ins = spec.candidates - len(roster)
    arrivals += [("", _arrival(rng, opening), rng.randint(1, 3)) for _ in range(walk_ins)]
    arrivals.sort(key=lambda a: a[1])
    done = []
    for roster_id, at, desk in arrivals:
        clock.at = at
        key = register_walk_in(session, desk=desk, **_person(rng)).id if desk else roster_id
        check_in(session, key, desk or rng.randint(1, 3))
        done.append((key, at))
    return done


def _visits(session: EventSession, rng: random.Random, arrived: list[tuple[str, datetime]],
            employer_ids: list[str], clock: _DemoClock) -> None:
    noon = max((at for _, at in arrived), default=clock.at) + timedelta(minutes=20)
    scans = []
    for key, at in arrived:
        booths = rng.sample(employer_ids, k=rng.randint(1, min(6, len(employer_ids))))
        for employer_id in booths:
            when = at + timedelta(minutes=rng.uniform(5, 150))
            scans.append((min(when, noon), employer_id, key))
    scans.sort()
    for when, employer_id, key in scans:
        clock.at = when
        result = record_visit(session, employer_id, key)
        if rng.random() < 0.04:
            record_visit(session, employer_id, key)
        _review(session, rng, result.visit.id, employer_id)


def _review(session: EventSession, rng: random.Random, visit_id: str, employer_id: str) -> None:
    if rng.random() > 0.75:
        return
    rating = rng.choices((1, 2, 3, 4, 5), (1, 3, 6, 6, 3))[0]
    fields: dict[str, object] = {"rating": rating}
    if rng.random() < 0.5:
        tags = find_employer(session, employer_id).tags
        fields["tags"] = rng.sample(tags, k=min(len(tags), rng.randint(1, 2)))
    if rng.random() < 0.35:
        fields["notes"] = rng.choice(words.NOTES)
    if rating >= 4 and rng.random() < 0.45:
        fields["shortlist"] = True
    update_visit(session, visit_id, **fields)
