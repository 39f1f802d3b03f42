"""The registration desk screen (1366×768): one search field, results, the candidate.

A passive view of :class:`DeskPresenter`. The search field keeps the focus;
Up/Down move in the results, Enter checks in and prints, Esc clears. A badge
scanner works anywhere on the screen (:mod:`fairdesk.ui.common.scanner_filter`).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import badges
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.ui.common import printing, theme
from fairdesk.ui.common.camera import PageCameraSource
from fairdesk.ui.common.presenters.badge_output import BadgeOutput
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.common.scanner_filter import ScannerFilter
from fairdesk.ui.common.widgets import button, fit_to_screen, label, shortcut
from fairdesk.ui.desk.panel import CandidatePanel
from fairdesk.ui.desk.presenters.desk import REPRINT_REASONS, UNDO_REASONS, DeskPresenter
from fairdesk.ui.desk.style import desk_style
from fairdesk.ui.desk.walk_in_dialog import CameraFactory, CandidateDialog

PRINT_DRAIN_S = 10.0  # closing waits this long at most for badges still printing
# Window shortcuts the search field must not swallow (QLineEdit has its own Ctrl+Z).
_PASS_THROUGH = {QKeySequence(k).toString() for k in
                 ("Ctrl+P", "Ctrl+Z", "Ctrl+E", "Ctrl+N", "Ctrl+I", "Ctrl+Shift+P",
                  "Ctrl+Shift+H")}


class SearchField(QLineEdit):
    """The desk's one text field: arrows move in the results, Esc clears."""

    def __init__(self, presenter: DeskPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.setObjectName("deskSearch")
        self.setPlaceholderText("Type a name, ref code, e-mail or phone — or scan a badge")
        self.setAccessibleName("Search candidates")
        self.setClearButtonEnabled(True)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            combo = QKeySequence(e.keyCombination()).toString()
            if combo in _PASS_THROUGH:
                e.ignore()
                return False
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = e.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.presenter.move(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.presenter.move(-8 if key == Qt.Key.Key_PageUp else 8)
        elif key == Qt.Key.Key_Escape:
            self.presenter.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.presenter.enter()
        else:
            super().keyPressEvent(e)


class DeskWindow(QMainWindow):
    """``camera`` makes the webcam's frame source for photos of paper résumés (tests: a fake)."""

    def __init__(self, presenter: DeskPresenter, settings: AppSettings,
                 camera: CameraFactory | None = None) -> None:
        super().__init__()
        self.presenter = presenter
        self.settings = settings
        self.camera: CameraFactory = camera or PageCameraSource
        session = presenter.session
        self.setWindowTitle(f"FairDesk — Registration desk {session.desk} — "
                            f"{session.event.name}")
        fit_to_screen(self, 1366, 768)
        self.setCentralWidget(self._build())
        self._build_status()
        self._shortcuts()
        self.scanner = ScannerFilter(self._scanned, parent=self)
        self.scanner.install()
        presenter.on_change = self.refresh
        presenter.on_message = self.show_message
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(presenter.tick)
        self._ticker.start(30_000)
        self.apply_style()
        self.refresh()
        self.search.setFocus()

    # ---------------------------------------------------------- building
    def _build(self) -> QWidget:
        root = QWidget()
        box = QVBoxLayout(root)
        box.setContentsMargins(20, 14, 20, 8)
        top = QHBoxLayout()
        session = self.presenter.session
        top.addWidget(label(f"Registration · Desk {session.desk}", "title"))
        top.addWidget(label(session.event.name, "subtitle"), 1)
        self.walk_in_button = button("New walk-in…  (Ctrl+N)", self.walk_in)
        top.addWidget(self.walk_in_button)
        box.addLayout(top)
        self.search = SearchField(self.presenter)
        self.search.textEdited.connect(self.presenter.set_query)
        box.addWidget(self.search)
        self.banner = label("", "deskBanner", wrap=True)
        self.banner.setAccessibleName("Last message")
        box.addWidget(self.banner)
        body = QHBoxLayout()
        self.results = QListWidget()
        self.results.setObjectName("deskResults")
        self.results.setAccessibleName("Matching candidates")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.currentRowChanged.connect(self._row_clicked)
        self.results.itemDoubleClicked.connect(lambda _i: self.presenter.enter())
        self.empty = label("", "empty", wrap=True)
        left = QVBoxLayout()
        left.addWidget(self.results, 1)
        left.addWidget(self.empty)
        body.addLayout(left, 5)
        self.panel = CandidatePanel({"check_in": self.presenter.enter,
                                     "reprint": self.reprint, "undo": self.undo,
                                     "edit": self.edit, "slip": self.presenter.print_slip})
        body.addWidget(self.panel, 4)
        box.addLayout(body, 1)
        return root

    def _build_status(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)  # a desk runs maximised
        self.figures = label("", "deskFigures")
        self.figures.setAccessibleName("Desk figures")
        self.printer = label("", "deskPrinter")
        self.printer.setAccessibleName("Printer state")
        bar.addWidget(self.figures, 1)
        bar.addPermanentWidget(self.printer)

    def _shortcuts(self) -> None:
        for keys, slot in (("Ctrl+P", self.reprint), ("Ctrl+Z", self.undo),
                           ("Ctrl+E", self.edit), ("Ctrl+N", self.walk_in),
                           ("Ctrl+I", self.presenter.print_slip),
                           ("Ctrl+Shift+P", self.choose_printer),
                           ("Ctrl+Shift+H", self.toggle_contrast), ("Esc", self._escape),
                           ("Ctrl+Shift+V", self.preview)):
            shortcut(self, keys, slot)
        menu = self.menuBar().addMenu("&Desk")
        for text, keys, slot in (
                ("Choose badge &printer…", "Ctrl+Shift+P", self.choose_printer),
                ("Badge pre&view…", "Ctrl+Shift+V", self.preview),
                ("&High contrast", "Ctrl+Shift+H", self.toggle_contrast)):
            action = QAction(f"{text}\t{keys}", self)
            action.triggered.connect(slot)
            menu.addAction(action)

    # ---------------------------------------------------------- rendering
    def refresh(self) -> None:
        p = self.presenter
        if self.search.text() != p.query:
            self.search.setText(p.query)
        self.results.blockSignals(True)
        self.results.clear()
        for row in p.rows:
            item = QListWidgetItem(f"{row.name}    {row.status}\n{row.detail}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{row.name}, {row.detail}, {'checked in' if row.status else ''}")
            self.results.addItem(item)
        self.results.setCurrentRow(p.selected)
        self.results.blockSignals(False)
        self.empty.setText(p.empty_text)
        self.empty.setVisible(not p.rows)
        self.results.setVisible(bool(p.rows))
        self.panel.show_card(p.card)
        f = p.figures
        self.figures.setText(
            f"Checked in {f.checked_in} / {f.expected}   ·   Walk-ins {f.walk_ins} "
            f"({f.walk_ins_here} here)   ·   Last 10 min {f.recent}   ·   Desk {f.desk}")
        self.printer.setText(p.printer_state)

    def show_message(self, message: Message) -> None:
        self.banner.setText(message.text)
        self.banner.setProperty("level", message.level if message.text else "")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.refresh()

    def apply_style(self) -> None:
        high = bool(self.settings.get("high_contrast"))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, high_contrast=high)
        self.setStyleSheet(desk_style(high))

    # ---------------------------------------------------------- input
    def _row_clicked(self, row: int) -> None:
        self.presenter.select(row)
        self.search.setFocus()

    def _scanned(self, text: str) -> None:
        if QApplication.activeModalWidget() is not None:
            self.presenter.say("warning", "Finish or close the open form before scanning.")
            return
        self.presenter.scan(text)
        self.search.setFocus()

    def _escape(self) -> None:
        self.presenter.clear()
        self.search.setFocus()

    def reprint(self) -> None:
        p = self.presenter
        if p.current is None:
            p.say("warning", "Select a candidate to reprint their badge.")
            return
        reason: str | None = ""
        if p.needs_reprint_reason:
            reason = self._reason("Reprint badge", f"Why reprint the badge of "
                                  f"{p.current.display_name}?", REPRINT_REASONS)
        if reason is None:
            return
        p.reprint(reason)
        self.search.setFocus()

    def undo(self) -> None:
        p = self.presenter
        if p.card is None or not p.card.checked_in:
            p.say("warning", "Select a checked-in candidate to undo their check-in.")
            return
        reason = self._reason("Undo check-in", f"Why undo the check-in of "
                              f"{p.card.candidate.display_name}?", UNDO_REASONS)
        if reason is not None:
            p.undo(reason)
        self.search.setFocus()

    def _reason(self, title: str, question: str, reasons: tuple[str, ...]) -> str | None:
        text, ok = QInputDialog.getItem(self, title, question + "\n(goes to the audit log)",
                                        list(reasons), 0, True)
        return text if ok else None

    def edit(self) -> None:
        form = self.presenter.edit_form()
        if form is not None:
            CandidateDialog(form, self, self.camera).exec()
        self.search.setFocus()

    def walk_in(self) -> None:
        CandidateDialog(self.presenter.walk_in_form(), self, self.camera).exec()
        self.search.setFocus()

    def choose_printer(self) -> None:
        name = printing.choose_printer(self, self.settings.get("printer_name"))
        if name:
            self.settings.set("printer_name", name)
            self.settings.set("print_to_folder", "")
            self.presenter.set_output(printing.PrinterOutput(name))

    def preview(self) -> None:
        p = self.presenter
        if p.current is None:
            p.say("warning", "Select a candidate to preview their badge.")
            return
        try:
            pdf = badges.badge_pdf(p.session, [p.current], p.layout)
            printing.preview(self, pdf, p.current.display_name)
        except (FairDeskError, printing.RasteriseUnavailable) as error:
            QMessageBox.information(self, "Badge preview", f"No preview: {error}")

    def toggle_contrast(self) -> None:
        self.settings.set("high_contrast", not self.settings.get("high_contrast"))
        self.apply_style()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A deliberate close goes back to the launcher next time; a crash does not
        # get here, so the next start reopens this desk (issue 5, item 6).
        self.settings.set("last_screen", {})
        self._ticker.stop()  # the window may outlive its session: no tick after this
        self.scanner.remove()
        self._finish_printing()
        self.presenter.close()
        super().closeEvent(event)

    def _finish_printing(self, timeout_s: float = PRINT_DRAIN_S) -> None:
        """Let badges on their way be recorded before the session goes (a bounded wait)."""
        deadline = time.monotonic() + timeout_s
        while self.presenter.printing and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)


# ---------------------------------------------------------------- composition
def desk_window(session: EventSession, settings: AppSettings,
                print_to: Path | None) -> QMainWindow:
    """The ``desk`` entry of ``fairdesk.app.ROLE_WINDOWS``."""
    if session.desk is None:
        session.desk = int(settings.get("desk_number"))
    output: BadgeOutput = printing.make_output(settings, print_to)
    presenter = DeskPresenter(session, output, layout=settings.get("badge_layout"))
    remember(settings, session, print_to)
    return DeskWindow(presenter, settings)


def remember(settings: AppSettings, session: EventSession, print_to: Path | None) -> None:
    """So that a restart (or a crash) comes back to this desk screen."""
    if session.path is None:
        return
    settings.set("last_screen", {"path": str(session.path.resolve()), "role": "desk",
                                 "desk": session.desk,
                                 "print_to": str(print_to) if print_to else ""})


def reopen_request(settings: AppSettings) -> tuple[OpenRequest, Path | None] | None:
    """The desk screen that was open last, if its file is still there (for the launcher)."""
    last = settings.get("last_screen")
    if last.get("role") != "desk" or not Path(str(last.get("path", ""))).is_file():
        return None
    print_to = Path(last["print_to"]) if last.get("print_to") else None
    return OpenRequest(Path(last["path"]), "desk", desk=last.get("desk")), print_to

