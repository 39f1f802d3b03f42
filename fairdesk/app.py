"""Composition root: makes the QApplication and wires services, presenters and windows."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.roles import Role
from fairdesk.services.app_settings import AppSettings, config_dir
from fairdesk.ui.common import theme
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter
from fairdesk.ui.launcher.window import LauncherWindow

if TYPE_CHECKING:
    from fairdesk.services.session import EventSession
    from fairdesk.ui.common.sync_status import SyncStatusWidget

log = logging.getLogger(__name__)
WindowFactory = Callable[["EventSession", AppSettings, Path | None], QMainWindow]


def _organizer(session: EventSession, settings: AppSettings, print_to: Path | None) -> QMainWindow:
    from fairdesk.ui.organizer.window import OrganizerWindow

    return OrganizerWindow(session, settings)


def _desk(session: EventSession, settings: AppSettings, print_to: Path | None) -> QMainWindow:
    from fairdesk.ui.desk.window import desk_window

    return desk_window(session, settings, print_to)


def _booth(session: EventSession, settings: AppSettings, print_to: Path | None) -> QMainWindow:
    from fairdesk.ui.booth.window import booth_window  # QtMultimedia: only for booths

    return booth_window(session, settings, print_to)


def _kiosk(session: EventSession, settings: AppSettings, print_to: Path | None) -> QMainWindow:
    from fairdesk.ui.kiosk.window import kiosk_window  # QtMultimedia: the camera

    return kiosk_window(session, settings, print_to)


# Each role's main window, imported when first opened so the launcher starts fast.
ROLE_WINDOWS: dict[str, WindowFactory] = {
    "organizer": _organizer, "desk": _desk, "booth": _booth, "kiosk": _kiosk,
}


def reopen_request(settings: AppSettings) -> tuple[OpenRequest, Path | None] | None:
    """The desk that was open when FairDesk last stopped without closing it."""
    if settings.get("last_screen").get("role") != "desk":
        return None
    from fairdesk.ui.desk.window import reopen_request as desk_reopen

    return desk_reopen(settings)


def application(settings: AppSettings) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("FairDesk")
        app.setOrganizationName("FairDesk")
        app.aboutToQuit.connect(close_sessions)
    theme.apply(app, high_contrast=settings.get("high_contrast"))
    return app


def open_window(request: OpenRequest, settings: AppSettings,
                print_to: Path | None = None) -> QMainWindow:
    """Open ``request.path`` in its role; raises FairDeskError for a bad file or employer."""
    # the event layers load when an event opens, not before the launcher's first frame
    from fairdesk.services.employers import find_employer
    from fairdesk.services.session import open_session

    session = open_session(request.path, role=request.role, desk=request.desk)
    try:
        if request.role == "booth" and request.employer_id:
            session.employer_id = find_employer(session, request.employer_id).id
        factory = ROLE_WINDOWS.get(request.role)
        if factory is None:
            raise FairDeskError(f"The {request.role} screen is not available in this build.")
        window = factory(session, settings, print_to)
    except BaseException:
        session.close()
        raise
    # Not window.destroyed → session.close: a Python slot run while Qt destroys
    # the window crashes PySide6 when the window was never shown.
    _SESSIONS.append(session)
    from fairdesk.services.sync import is_paired  # aiohttp: not needed to start up

    if request.role != "organizer" and is_paired(session):
        _start_sync(window, session)
    return window


def _start_sync(window: QMainWindow, session: EventSession) -> None:
    """A paired desk or booth pushes and pulls in the background (issue 8, item 4)."""
    from fairdesk.ui.common.sync_status import start_sync_status

    widget = start_sync_status(window, session.path)
    session.subscribe(lambda _change: widget.loop.sync_now())  # push a change at once
    _SYNCS.append(widget)


_SYNCS: list[SyncStatusWidget] = []


_SESSIONS: list[EventSession] = []


def close_sessions() -> None:
    """Close every event opened by :func:`open_window` (at quit, and in tests)."""
    while _SYNCS:
        _SYNCS.pop().stop()
    while _SESSIONS:
        _SESSIONS.pop().close()


def run_launcher(demo: bool = False, event: Path | None = None) -> int:
    settings = AppSettings()
    app = application(settings)
    presenter = LauncherPresenter(settings, demo_folder=config_dir() / "demo")
    launcher = LauncherWindow(presenter)
    windows: list[QMainWindow] = []

    def opened(request: OpenRequest) -> None:
        try:
            window = open_window(request, settings)
        except FairDeskError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(launcher, "FairDesk", error.message)
            return
        windows.append(window)
        window.show()
        launcher.hide()

    presenter.on_open = opened
    if event is not None:  # a .fairdesk file opened from the file manager
        presenter.open_file(event.absolute())
    elif demo:
        presenter.open_demo()
    elif (again := reopen_request(settings)) is not None:
        # The desk was not closed on purpose (a crash or a power cut): go straight back.
        try:
            window = open_window(again[0], settings, again[1])
        except FairDeskError as error:
            log.warning("could not reopen the desk: %s", error.message)
        else:
            windows.append(window)
            window.show()
            return app.exec()
    launcher.show()
    return app.exec()


def run_event(path: Path, role: Role, desk: int | None = None, employer: str | None = None,
              print_to: Path | None = None) -> int:
    settings = AppSettings()
    app = application(settings)
    request = OpenRequest(path, role, desk=desk, employer_id=employer)
    try:
        window = open_window(request, settings, print_to)
    except FairDeskError as error:
        print(f"fairdesk: {error.message}", file=sys.stderr)
        return 1
    settings.remember_event(path)
    window.show()
    return app.exec()
