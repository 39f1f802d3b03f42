"""Devices screen: the empty state, labelled invite fields, and the changes the
hub holds until their record arrives (parked ops), with and without a window."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from fairdesk.domain.clock import encode
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.services.devices import invite, redeem
from fairdesk.services.employers import add_employer
from fairdesk.services.parked_ops import parked_count, parked_ops
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import sync_rows
from fairdesk.sync.pairing import decode
from fairdesk.ui.organizer.presenters.devices import DevicesPresenter, InviteForm
from tests.unit.ui.organizer.hub_helpers import FakeHub

AT = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)


def pair_booth(session: EventSession, name: str = "Booth 4 tablet") -> str:
    employer = add_employer(session, "Castries Connect", booth="4")
    made = invite(session, "booth", "https://127.0.0.1:8765", employer=employer.id)
    return str(redeem(session.store, decode(made.code).secret, name, session.now())["device_id"])


def park_two(session: EventSession, device: str) -> tuple[str, str]:
    """A booth's visit for a walk-in the hub has not seen, and its rating: both parked."""
    employer = session.store.scalar("SELECT id FROM employers LIMIT 1")
    walk_in, visit = new_id(), new_id()
    ops = [Op(new_id(), device, 1, "visit.record", AT, encode(1, 0, device),
              {"id": visit, "candidate_id": walk_in, "employer_id": employer,
               "at": AT.isoformat()}),
           Op(new_id(), device, 2, "visit.update", AT, encode(2, 0, device),
              {"id": visit, "rating": 4})]
    with session.store.transaction():
        for op in ops:
            sync_rows.ingest_one(session.store, op)
    return walk_in, visit


def arrive(session: EventSession, walk_in: str) -> None:
    op = Op(new_id(), "desk-2", 1, "candidate.add", AT, encode(0, 5, "desk-2"),
            {"id": walk_in, "ref": "W2-0001", "source": "walk_in", "first_name": "Akeem"})
    with session.store.transaction():
        sync_rows.ingest_one(session.store, op)
        sync_rows.retry_parked(session.store)


def test_empty_state_depends_on_the_hub(session: EventSession) -> None:
    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=list)
    presenter.load()
    assert presenter.empty
    assert presenter.empty_text == ("No devices yet: start the hub, then invite a desk or a "
                                    "booth.")
    presenter.toggle_hub()
    assert "the hub is running" in presenter.empty_text
    assert presenter.summary_text == "0 paired · 0 changes parked"
    assert presenter.parked_text == ""


def test_parked_changes_are_counted_explained_and_listed(session: EventSession) -> None:
    device = pair_booth(session)
    walk_in, visit = park_two(session, device)
    assert parked_count(session) == 2
    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=list)
    presenter.load()
    assert not presenter.empty
    assert presenter.summary_text == "1 paired · 2 changes parked"
    assert presenter.parked_text == ("2 changes wait for a record that has not arrived yet; "
                                     "they apply by themselves when it does.")
    rows = presenter.parked_rows
    assert [r[:2] for r in rows] == [("Booth visit", "Booth 4 tablet"),
                                     ("Rating, tags or notes", "Booth 4 tablet")]
    assert rows[0][3] == f"Candidate {walk_in[:8]}, not on the hub yet"
    assert rows[1][3] == f"Its visit {visit[:8]}, not on the hub yet"
    arrive(session, walk_in)
    assert parked_count(session) == 0
    session.publish(Change("devices"))  # what the page's timer does: look again
    assert presenter.parked == [] and presenter.parked_text == ""


def test_one_parked_change_reads_well(session: EventSession) -> None:
    device = pair_booth(session)
    park_two(session, device)
    with session.store.transaction():
        session.store.execute("DELETE FROM parked_ops WHERE op_id IN (SELECT op_id FROM ops "
                              "WHERE kind = 'visit.update')")
    presenter = DevicesPresenter(session, addresses=list)
    presenter.load()
    assert presenter.parked_text == ("1 change waits for a record that has not arrived yet; "
                                     "it applies by itself when it does.")
    assert [p.kind for p in parked_ops(session)] == ["visit.record"]


def test_a_typed_hub_url_goes_into_the_code(session: EventSession) -> None:
    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=list)
    made = presenter.make_invite(InviteForm("desk", desk=2, hub_url=" https://192.168.1.20:8765 "))
    assert made is not None and decode(made.code).hub_url == "https://192.168.1.20:8765"
    made = presenter.make_invite(InviteForm("desk", desk=2))
    assert made is not None and decode(made.code).hub_url == "https://127.0.0.1:8765"


@pytest.fixture
def page(qtbot: Any, session: EventSession) -> Any:
    from fairdesk.ui.organizer.devices_page import DevicesPage

    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=lambda: ["10.0.0.5"])
    presenter.load()
    widget = DevicesPage(presenter)
    qtbot.addWidget(widget)
    return widget


def test_page_empty_state_then_the_table(page: Any, session: EventSession) -> None:
    assert page.stack.currentIndex() == 0
    assert page.empty.text().startswith("No devices yet: start the hub")
    assert not page.empty_hub.isHidden() and not page.revoke_button.isEnabled()
    page.empty_hub.click()
    assert page.presenter.hub_running and page.empty_hub.isHidden()
    assert page.hub_url.currentText() == "https://10.0.0.5:8765"
    device = pair_booth(session)
    session.publish(Change("devices", (device,)))
    assert page.stack.currentIndex() == 1 and page.model.rowCount() == 1
    assert page.revoke_button.isEnabled() and page.parked_box.isHidden()


def test_invite_fields_have_visible_labels_and_names(page: Any) -> None:
    from PySide6.QtWidgets import QLabel

    buddies = {c.text().replace("&", ""): c.buddy() for c in page.captions}
    assert buddies == {"Role": page.role, "Employer": page.employer,
                       "Desk number": page.desk, "Hub URL": page.hub_url}
    for caption in page.captions:
        assert isinstance(caption, QLabel) and not caption.isHidden()
    for widget, name in ((page.role, "Role"), (page.employer, "Employer"),
                         (page.desk, "Desk number"), (page.hub_url, "Hub URL"),
                         (page.code, "Pairing code"), (page.table, "Paired devices"),
                         (page.hub_label, "Hub status")):
        assert widget.accessibleName() == name
    page.role.setCurrentIndex(page.role.findData("booth"))
    assert page.employer.isEnabled() and not page.desk.isEnabled()
    page.role.setCurrentIndex(page.role.findData("desk"))
    assert not page.employer.isEnabled() and page.desk.isEnabled()


def test_page_shows_parked_changes_and_their_list(page: Any, session: EventSession) -> None:
    device = pair_booth(session)
    walk_in, _ = park_two(session, device)
    page.presenter.load()
    assert not page.parked_box.isHidden()
    assert page.parked_line.text().startswith("2 changes wait for a record")
    assert page.parked_table.isHidden() and page.parked_toggle.text() == "Show them"
    page.parked_toggle.click()
    assert not page.parked_table.isHidden() and page.parked_toggle.text() == "Hide them"
    assert page.parked_toggle.accessibleName() == "Hide the parked changes"
    assert page.parked_model.rowCount() == 2
    assert page.parked_model.index(0, 1).data() == "Booth 4 tablet"
    arrive(session, walk_in)
    page.presenter.load()
    assert page.parked_box.isHidden()


def test_selection_survives_a_refresh(page: Any, session: EventSession) -> None:
    first = pair_booth(session, "Booth A")
    made = invite(session, "desk", "https://127.0.0.1:8765", desk=1)
    redeem(session.store, decode(made.code).secret, "Desk 1", session.now())
    session.publish(Change("devices", (first,)))
    page.table.selectRow(1)
    page.presenter.load()  # the timer's refresh must not drop what the organizer picked
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [1]
