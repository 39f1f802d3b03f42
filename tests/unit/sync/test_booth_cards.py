"""A paired booth's card shows the candidate's card columns, from the hub.

A booth never holds the roster: a badge of someone it has not heard of makes
a placeholder (``W?-…``, the short name from the token). The hub then sends
the card of every candidate the booth's visits reference, again whenever it
learns more of them, and never a contact detail.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fairdesk.services import booth as booth_service
from fairdesk.services.badges import payload_for
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.sync import sync_file
from fairdesk.services.walkins import register_walk_in
from fairdesk.storage import booth_rows

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def _card(session: EventSession, candidate_id: str) -> dict[str, object]:
    card = booth_rows.candidate_card(session.store, candidate_id)
    assert card is not None
    return dict(card)


def test_a_roster_candidate_scanned_on_a_paired_booth_gets_the_full_card(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[0]
    booth_path = pair("booth", 0)
    booth = device(booth_path, role="booth", employer_id=employer.id)
    person = find_candidate(fair, fair.store.scalar(
        "SELECT ref FROM candidates WHERE roles != '[]' AND district != '' AND email != '' "
        "AND id NOT IN (SELECT candidate_id FROM visits WHERE employer_id = ?) "
        "ORDER BY ref LIMIT 1", (employer.id,)))
    result = booth_service.scan(booth, payload_for(fair, person))
    assert result.new_walk_in  # unknown to the booth: a placeholder from the badge
    assert str(_card(booth, person.id)["ref"]).startswith(booth_service.STUB_PREFIX)

    sync_file(booth_path)

    card = _card(booth, person.id)
    assert card["ref"] == person.ref
    assert card["last_name"] == person.last_name
    assert card["district"] == person.district and card["district"]
    assert card["roles"] != "[]"
    contact = booth.store.row("SELECT email, phone, consent FROM candidates WHERE id = ?",
                              (person.id,))
    assert contact is not None and dict(contact) == {"email": "", "phone": "", "consent": 0}
    assert booth_service.scan(booth, person.ref).first is False  # the real ref now works


def test_a_walk_in_whose_desk_syncs_after_the_booth_gets_its_real_ref(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[1]
    desk_path, booth_path = pair("desk", desk=3), pair("booth", 1)
    desk = device(desk_path, role="desk", desk=3)
    walk_in = register_walk_in(desk, desk=3, first_name="Kerlisha", last_name="Joseph",
                               district="Micoud")
    booth = device(booth_path, role="booth", employer_id=employer.id)
    booth_service.scan(booth, payload_for(desk, walk_in))
    sync_file(booth_path)  # the hub parks the visit: it has not seen the walk-in
    assert str(_card(booth, walk_in.id)["ref"]).startswith(booth_service.STUB_PREFIX)

    sync_file(desk_path)
    sync_file(booth_path)

    card = _card(booth, walk_in.id)
    assert card["ref"] == walk_in.ref and walk_in.ref.startswith("W3-")
    assert (card["first_name"], card["last_name"], card["district"]) == (
        "Kerlisha", "Joseph", "Micoud")


def test_a_booth_gets_no_card_of_a_candidate_it_did_not_visit(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[2]
    booth_path = pair("booth", 2)
    booth = device(booth_path, role="booth", employer_id=employer.id)
    sync_file(booth_path)
    visited = {row["candidate_id"] for row in fair.store.rows(
        "SELECT candidate_id FROM visits WHERE employer_id = ?", (employer.id,))}
    held = {row["id"] for row in booth.store.rows("SELECT id FROM candidates")}
    assert held == visited
