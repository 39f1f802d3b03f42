from datetime import date
from pathlib import Path

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.services.events import create_event, event_info, update_event
from fairdesk.services.session import EventSession


def test_new_event_has_keys_and_no_partial_file_left(tmp_path: Path) -> None:
    session = create_event(tmp_path / "a.fairdesk", "  Fair   2026 ", days=[date(2026, 8, 20)])
    assert session.event.name == "Fair 2026"
    assert len(session.event.public_key) == 32
    assert session.event.signing_key is not None
    assert session.event.days == (date(2026, 8, 20),)
    assert not list(tmp_path.glob("*.partial"))
    session.close()


def test_create_refuses_existing_file_and_empty_name(tmp_path: Path) -> None:
    (tmp_path / "a.fairdesk").write_text("x")
    with pytest.raises(InvalidField):
        create_event(tmp_path / "a.fairdesk", "Fair")
    with pytest.raises(InvalidField):
        create_event(tmp_path / "b.fairdesk", "   ")
    with pytest.raises(InvalidField):
        create_event(tmp_path / "c.fairdesk", "Fair", timezone="Nowhere/Land")


def test_update_event(session: EventSession) -> None:
    update_event(session, name="Fair Day", days=[date(2026, 8, 21), date(2026, 8, 20)])
    assert session.event.name == "Fair Day"
    assert session.event.days == (date(2026, 8, 20), date(2026, 8, 21))
    with pytest.raises(InvalidField):
        update_event(session, colour="red")


def test_info_keys(session: EventSession) -> None:
    info = event_info(session)
    for key in ("candidates", "employers", "checked_in", "walk_ins", "visits", "resumes",
                "badges_printed"):
        assert info[key] == 0
