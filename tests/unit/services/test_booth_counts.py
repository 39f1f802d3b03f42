"""What the booth counts as "waiting to sync", and which PINs it accepts (issue 6)."""

from __future__ import annotations

import uuid

import pytest

from fairdesk.badges import token
from fairdesk.domain.errors import InvalidField
from fairdesk.services import booth
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession


@pytest.fixture
def at_booth(session: EventSession) -> EventSession:
    acme = add_employer(session, "Acme Contact", booth="B1")
    session.role, session.employer_id = "booth", acme.id
    session.store.set_setting("role", "booth")
    return session


def test_a_walk_in_stub_is_not_a_change_waiting_for_the_hub(at_booth: EventSession) -> None:
    """The stub's ``candidate.add`` never leaves a booth: counting it would show
    "1 change waiting" for ever. Only the visit waits."""
    event = at_booth.event
    assert event.signing_key is not None
    before = booth.unsynced_changes(at_booth)
    stranger = str(uuid.uuid4())
    result = booth.scan(at_booth, token.sign(event.signing_key, event.id, stranger, "Akeem F."))
    assert result.new_walk_in
    assert booth.unsynced_changes(at_booth) == before + 1


@pytest.mark.parametrize("pin", ["²³⁴⁵", "١٢٣٤", "12 34", "12a4"])
def test_only_ascii_digits_make_a_pin(at_booth: EventSession, pin: str) -> None:
    with pytest.raises(InvalidField):
        booth.set_exit_pin(at_booth, pin)
    assert not booth.exit_pin_set(at_booth)
