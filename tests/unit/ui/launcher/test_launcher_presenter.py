from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.employers import add_employer
from fairdesk.services.events import create_event
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter


@pytest.fixture
def presenter(tmp_path: Path) -> LauncherPresenter:
    settings = AppSettings(tmp_path / "cfg" / "settings.json")
    return LauncherPresenter(settings, demo_folder=tmp_path / "demo")


def test_empty_launcher_cannot_open(presenter: LauncherPresenter) -> None:
    presenter.load()
    assert presenter.recent == []
    presenter.open()
    assert presenter.last_message is not None and presenter.last_message.level == "warning"


def test_create_event_then_open_as_organizer(presenter: LauncherPresenter, tmp_path: Path) -> None:
    opened: list[OpenRequest] = []
    presenter.on_open = opened.append
    assert presenter.create(tmp_path / "fair", "Job Fair", venue="Hall")
    assert presenter.selected is not None and presenter.selected.name == "Job Fair"
    assert presenter.recent[0].path == tmp_path / "fair.fairdesk"
    presenter.open()
    assert opened == [OpenRequest(tmp_path / "fair.fairdesk", "organizer")]


def test_booth_needs_an_employer_and_desk_remembers_its_number(
    presenter: LauncherPresenter, tmp_path: Path
) -> None:
    session = create_event(tmp_path / "e.fairdesk", "E")
    session.close()
    presenter.open_file(tmp_path / "e.fairdesk")
    presenter.choose_role("booth")
    assert not presenter.can_open
    session = create_event(tmp_path / "f.fairdesk", "F")
    employer = add_employer(session, "Helios", booth="3")
    session.close()
    presenter.open_file(tmp_path / "f.fairdesk")
    assert presenter.employer_id == employer.id and presenter.can_open
    presenter.choose_role("desk")
    presenter.choose_desk(4)
    opened: list[OpenRequest] = []
    presenter.on_open = opened.append
    presenter.open()
    assert opened[0].desk == 4 and opened[0].employer_id is None
    assert presenter.settings.get("desk_number") == 4
    assert presenter.settings.get("last_role") == "desk"


def test_a_file_that_is_not_an_event_gets_a_sentence(
    presenter: LauncherPresenter, tmp_path: Path
) -> None:
    bogus = tmp_path / "cv.pdf"
    bogus.write_bytes(b"%PDF-1.4")
    presenter.open_file(bogus)
    assert presenter.last_message is not None
    assert "not a FairDesk event file" in presenter.last_message.text
    assert not presenter.can_open
    assert presenter.settings.get("recent_events") == []


def test_demo_is_made_once_and_selected(presenter: LauncherPresenter, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from fairdesk.services import demo

    small = demo.DemoSpec(candidates=30, employers=2)
    monkeypatch.setattr(demo, "DemoSpec", lambda: small)
    presenter.open_demo()
    assert presenter.selected is not None and presenter.selected.candidates == 30
    presenter.open_demo()
    assert len(presenter.recent) == 1


def test_forget_removes_from_recent(presenter: LauncherPresenter, tmp_path: Path) -> None:
    presenter.create(tmp_path / "a.fairdesk", "A")
    presenter.forget(tmp_path / "a.fairdesk")
    assert presenter.recent == [] and presenter.selected is None


def test_an_older_event_is_listed_as_it_is_not_upgraded(
    presenter: LauncherPresenter, tmp_path: Path, older_event: Callable[[Path, int], Path]
) -> None:
    """Listing is not opening: no upgrade, no ``.v1.bak``, not a byte written."""
    path = older_event(tmp_path / "old.fairdesk", 1)
    before = path.read_bytes()
    presenter.settings.remember_event(path)
    presenter.load()
    listed = presenter.recent[0]
    assert listed.ok and (listed.name, listed.venue, listed.candidates) == (
        "Old Fair", "Old Hall", 2)
    assert [(e.booth, e.name) for e in presenter.employers] == [
        ("2", "Acme Calls"), ("10", "Zephyr BPO")]
    assert path.read_bytes() == before
    assert int.from_bytes(path.read_bytes()[60:64], "big") == 1  # user_version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cfg", "old.fairdesk"]
