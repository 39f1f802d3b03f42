"""The organizer's console: a navigation list of pages over one open event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.events import event_info
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.widgets import fit_to_screen, shortcut, show_message
from fairdesk.ui.organizer.audit_page import AuditPage
from fairdesk.ui.organizer.badges_page import BadgesPage
from fairdesk.ui.organizer.dashboard_page import DashboardPage
from fairdesk.ui.organizer.devices_page import build_devices_page
from fairdesk.ui.organizer.directory_page import DirectoryPage
from fairdesk.ui.organizer.employers_page import EmployersPage
from fairdesk.ui.organizer.event_details_page import EventDetailsPage
from fairdesk.ui.organizer.export_page import ExportPage
from fairdesk.ui.organizer.import_page import ImportPage
from fairdesk.ui.organizer.interviews_page import InterviewsPage
from fairdesk.ui.organizer.presenters.audit import AuditPresenter
from fairdesk.ui.organizer.presenters.branding import BrandingPresenter
from fairdesk.ui.organizer.presenters.dashboard import DashboardPresenter
from fairdesk.ui.organizer.presenters.directory import DirectoryPresenter
from fairdesk.ui.organizer.presenters.employers import EmployersPresenter
from fairdesk.ui.organizer.presenters.event_details import EventDetailsPresenter
from fairdesk.ui.organizer.presenters.export_screen import ExportScreen
from fairdesk.ui.organizer.presenters.import_wizard import ImportWizard
from fairdesk.ui.organizer.presenters.interviews import InterviewsPresenter


@dataclass(frozen=True)
class Page:
    """``build(session, window, settings)`` makes the page; ``settings`` is the
    application's own AppSettings (pages that keep no setting ignore it)."""

    title: str
    build: Callable[[EventSession, QMainWindow, AppSettings], QWidget]


def _messages_to(window: QMainWindow) -> Callable[[Message], None]:
    """A page's sentences: errors in a dialog, the rest in the status bar."""
    return lambda message: show_message(window, message, window.statusBar().showMessage)


def _dashboard_page(session: EventSession, window: QMainWindow,
                    settings: AppSettings) -> QWidget:
    presenter = DashboardPresenter(session)
    page = DashboardPage(presenter)
    presenter.refresh()
    return page


def _directory_page(session: EventSession, window: QMainWindow,
                    settings: AppSettings) -> QWidget:
    presenter = DirectoryPresenter(session)
    page = DirectoryPage(presenter, _messages_to(window))
    presenter.on_message = _messages_to(window)
    presenter.load()
    return page


def _event_page(session: EventSession, window: QMainWindow,
                settings: AppSettings) -> QWidget:
    presenter = EventDetailsPresenter(session)
    page = EventDetailsPage(presenter)
    presenter.on_message = _messages_to(window)
    presenter.load()
    return page


def _employers_page(session: EventSession, window: QMainWindow,
                    settings: AppSettings) -> QWidget:
    presenter = EmployersPresenter(session)
    page = EmployersPage(presenter)
    presenter.on_message = _messages_to(window)
    presenter.load()
    return page


def _badges_page(session: EventSession, window: QMainWindow,
                 settings: AppSettings) -> QWidget:
    presenter = BrandingPresenter(session)
    page = BadgesPage(presenter)
    page.destroyed.connect(lambda *_: presenter.close())
    presenter.on_message = _messages_to(window)
    presenter.load()
    return page


def _import_page(session: EventSession, window: QMainWindow,
                 settings: AppSettings) -> QWidget:
    return ImportPage(lambda kind: ImportWizard(session, kind), _messages_to(window))


def _export_page(session: EventSession, window: QMainWindow,
                 settings: AppSettings) -> QWidget:
    presenter = ExportScreen(session)
    page = ExportPage(presenter)
    presenter.on_message = _messages_to(window)
    page.redraw()
    return page


def _interviews_page(session: EventSession, window: QMainWindow,
                     settings: AppSettings) -> QWidget:
    presenter = InterviewsPresenter(session)
    page = InterviewsPage(presenter)
    page.destroyed.connect(lambda *_: presenter.close())
    presenter.on_message = _messages_to(window)
    presenter.load()
    return page


def _audit_page(session: EventSession, window: QMainWindow,
                settings: AppSettings) -> QWidget:
    presenter = AuditPresenter(session)
    page = AuditPage(presenter, _messages_to(window))
    presenter.set_active(False)  # out of sight until its page is chosen
    presenter.load()
    return page


PAGES: list[Page] = [
    Page("Dashboard", _dashboard_page),
    Page("Candidates", _directory_page),
    Page("Event", _event_page),
    Page("Employers", _employers_page),
    Page("Badges", _badges_page),
    Page("Import", _import_page),
    Page("Interviews", _interviews_page),
    Page("Export", _export_page),
    Page("Devices", build_devices_page),
    Page("Audit", _audit_page),
]


class OrganizerWindow(QMainWindow):
    def __init__(self, session: EventSession, settings: AppSettings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.setWindowTitle(f"FairDesk — {session.event.name} — Organizer")
        fit_to_screen(self, 1280, 800)
        root = QWidget()
        layout = QHBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Sections")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        for index, page in enumerate(PAGES):
            self.nav.addItem(page.title)
            self.stack.addWidget(page.build(session, self, settings))
            if index < 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0
                shortcut(self, f"Ctrl+{(index + 1) % 10}", partial(self.nav.setCurrentRow,
                                                                   index))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self._unsubscribe = session.subscribe(self._changed)
        self._update_counts()

    def _changed(self, change: Change) -> None:
        self._update_counts()

    def _update_counts(self) -> None:
        info = event_info(self.session)
        self.counts.setText(
            f"{info['checked_in']:,} / {info['candidates']:,} checked in · "
            f"{info['walk_ins']:,} walk-ins · {info['visits']:,} visits")

    def show_page(self, title: str) -> None:
        titles = [p.title for p in PAGES]
        self.nav.setCurrentRow(titles.index(title))

    def closeEvent(self, event: object) -> None:
        self._unsubscribe()
        super().closeEvent(event)  # type: ignore[arg-type]
