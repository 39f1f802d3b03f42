"""The walk-in form's résumé, walked with no window: a file, photos, remove, a slow check."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from fairdesk.services.resumes import resume_bytes
from fairdesk.services.session import EventSession
from fairdesk.services.walkins import photos_to_resume
from fairdesk.storage import resumes
from fairdesk.ui.common.presenters.badge_output import FolderSync
from fairdesk.ui.desk.presenters.desk import DeskPresenter
from fairdesk.ui.desk.presenters.walk_in import CandidateForm, usb_folder
from tests.pdf_helpers import blank_pdf


@pytest.fixture
def desk(session: EventSession, tmp_path: Path,
         make_people: Callable[..., list[str]]) -> Iterator[DeskPresenter]:
    session.role, session.desk = "desk", 2
    make_people(3)
    presenter = DeskPresenter(session, FolderSync(tmp_path / "badges"))
    yield presenter
    presenter.close()


def pdf_file(tmp_path: Path, name: str = "Shanice CV.pdf", pages: int = 2) -> Path:
    path = tmp_path / "usb" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blank_pdf(pages))
    return path


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="JPEG")
    return out.getvalue()


def named(form: CandidateForm) -> CandidateForm:
    form.set("first_name", "Shanice")
    form.set("last_name", "Alexis")
    form.set("consent", True)
    return form


def test_a_pdf_from_a_usb_stick_is_shown_and_saved_with_the_walk_in(
        desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    path = pdf_file(tmp_path)
    form.attach(path)
    assert form.resume is not None and form.resume_line.startswith(
        "Résumé: Shanice CV.pdf (2 pages, ")
    saved = form.save()
    assert saved is not None and saved.ref == "W2-0001"
    assert saved.resume_sha == hashlib.sha256(path.read_bytes()).hexdigest()
    assert resume_bytes(session, saved) == path.read_bytes()
    assert (tmp_path / "badges" / "W2-0001.pdf").exists()  # still checked in and badged
    assert desk.card is not None and "Shanice CV.pdf" in desk.card.candidate.cv_filename


def test_a_bad_file_is_refused_by_name_and_the_walk_in_still_saves(
        desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    bad = tmp_path / "usb" / "cv.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"<html>Sign in to continue</html>")
    form.attach(bad)
    assert form.resume is None and form.last_message is not None
    assert form.last_message.code == "unreadable_file"
    assert form.last_message.text.startswith("cv.pdf: an HTML page")
    saved = form.save()
    assert saved is not None and saved.resume_sha is None
    assert resumes.count(session.store) == 0


def test_a_resume_taken_off_before_saving_is_not_stored(
        desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    form.attach(pdf_file(tmp_path))
    form.remove_resume()
    assert form.resume is None and form.resume_line == "No résumé attached"
    saved = form.save()
    assert saved is not None and saved.resume_sha is None
    assert resumes.count(session.store) == 0


def test_photos_of_a_paper_resume_are_attached_as_one_pdf(
        desk: DeskPresenter, session: EventSession) -> None:
    form = named(desk.walk_in_form())
    form.attach_resume(photos_to_resume([jpeg(), jpeg()]))
    assert "(2 pages, " in form.resume_line and "2 photographed pages" in form.resume_line
    saved = form.save()
    assert saved is not None and saved.cv_filename == "photographed-resume.pdf"
    assert saved.resume_sha is not None and resumes.pages(session.store,
                                                          saved.resume_sha) == 2


class Deferred:
    """A runner that keeps the work until the test says it is done (a slow Word file)."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Callable[[], Any], Callable[[Any], None],
                                 Callable[[Exception], None]]] = []

    def __call__(self, work: Callable[[], Any], done: Callable[[Any], None],
                 failed: Callable[[Exception], None]) -> None:
        self.waiting.append((work, done, failed))

    def finish(self, index: int = 0) -> None:
        work, done, failed = self.waiting.pop(index)
        try:
            result = work()
        except Exception as error:
            failed(error)
            return
        done(result)


def test_saving_waits_for_a_file_still_being_checked(
        desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    runner = Deferred()
    form.runner = runner
    form.attach(pdf_file(tmp_path))
    assert form.resume_line == "Checking Shanice CV.pdf…"
    assert form.save() is None
    assert form.last_message is not None and form.last_message.code == "resume_pending"
    runner.finish()
    assert form.resume is not None
    saved = form.save()
    assert saved is not None and saved.resume_sha is not None


def test_a_late_check_of_a_file_since_replaced_or_removed_is_dropped(
        desk: DeskPresenter, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    runner = Deferred()
    form.runner = runner
    form.attach(pdf_file(tmp_path, "first.pdf"))
    form.attach(pdf_file(tmp_path, "second.pdf", pages=1))
    runner.finish(1)
    runner.finish(0)  # the first file's check comes back last
    assert form.resume is not None and form.resume.file_name == "second.pdf"
    form.attach(pdf_file(tmp_path, "third.pdf"))
    form.remove_resume()
    runner.finish()
    assert form.resume is None and not form.checking


def test_editing_someone_shows_the_resume_on_file_and_can_replace_it(
        desk: DeskPresenter, session: EventSession, tmp_path: Path) -> None:
    form = named(desk.walk_in_form())
    form.attach(pdf_file(tmp_path))
    assert form.save() is not None
    edit = desk.edit_form()
    assert edit is not None
    assert edit.resume_line == ("Résumé on file: Shanice CV.pdf "
                                "(attach another to replace it)")
    edit.attach(pdf_file(tmp_path, "newer.pdf", pages=1))
    saved = edit.save()
    assert saved is not None and saved.cv_filename == "newer.pdf"
    assert resumes.pages(session.store, str(saved.resume_sha)) == 1


def test_the_file_picker_opens_on_a_usb_stick_when_one_is_mounted(tmp_path: Path) -> None:
    home = tmp_path / "home" / "desk"
    home.mkdir(parents=True)
    media, run_media = tmp_path / "media" / "desk", tmp_path / "run" / "media" / "desk"
    mounts = (media, run_media)
    assert usb_folder(home, "desk", mounts) == home  # nothing mounted (no such folders)
    (run_media / "KINGSTON").mkdir(parents=True)
    assert usb_folder(home, "desk", mounts) == run_media / "KINGSTON"
