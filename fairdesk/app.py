"""Composition root: makes the QApplication and wires services, presenters and windows."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.model import Role
from fairdesk.services.app_settings import AppSettings, config_dir
from fairdesk.services.employers import find_employer
from fairdesk.services.session import EventSession, open_session
from fairdesk.ui import theme
from fairdesk.ui.booth_window import booth_window
from fairdesk.ui.desk_window import desk_window
from fairdesk.ui.launcher_window import LauncherWindow
from fairdesk.ui.organizer_window import OrganizerWindow
from fairdesk.ui.presenters.launcher import LauncherPresenter, OpenRequest

log = logging.getLogger(__name__)
WindowFactory = Callable[[EventSession, AppSettings, Path | None], QMainWindow]


def _organizer(session: EventSession, settings: AppSettings, print_to: Path | None) -> QMainWindow:
    return OrganizerWindow(session)


# Each role's main window; desk and booth register theirs in ROLE_WINDOWS.
ROLE_WINDOWS: dict[str, WindowFactory] = {"organizer": _organizer}
ROLE_WINDOWS["booth"] = booth_window
ROLE_WINDOWS["desk"] = desk_window


def application(settings: AppSettings) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("FairDesk")
        app.setOrganizationName("FairDesk")
    theme.apply(app, high_contrast=settings.get("high_contrast"))
    return app


def open_window(request: OpenRequest, settings: AppSettings,
                print_to: Path | None = None) -> QMainWindow:
    """Open ``request.path`` in its role; raises FairDeskError for a bad file or employer."""
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
    window.destroyed.connect(lambda *_: session.close())
    return window


def run_launcher(demo: bool = False) -> int:
    settings = AppSettings()
    app = application(settings)
    presenter = LauncherPresenter(settings, demo_folder=config_dir() / "demo")
    launcher = LauncherWindow(presenter)
    windows: list[QMainWindow] = []

    def opened(request: OpenRequest) -> None:
        try:
            window = open_window(request, settings)
        except FairDeskError as error:
            QMessageBox.warning(launcher, "FairDesk", error.message)
            return
        windows.append(window)
        window.show()
        launcher.hide()

    presenter.on_open = opened
    if demo:
        presenter.open_demo()
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
