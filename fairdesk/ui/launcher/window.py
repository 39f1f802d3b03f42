"""The launcher window: a passive view of :class:`LauncherPresenter`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fairdesk.domain.roles import Role
from fairdesk.ui.common.widgets import button, fit_to_screen, label, shortcut, show_message
from fairdesk.ui.launcher.presenters.launcher import FIRST_STEPS, ROLE_GUIDE, LauncherPresenter

_ROLES: tuple[tuple[Role, str], ...] = (
    ("organizer", "Organizer — set up, import, dashboard, exports"),
    ("desk", "Registration desk — check in, walk-ins, badges"),
    ("booth", "Employer booth — scan, rate, shortlist"),
    ("kiosk", "Self check-in kiosk — candidates scan their invitation, get a badge"),
)


class LauncherWindow(QMainWindow):
    def __init__(self, presenter: LauncherPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.setWindowTitle("FairDesk")
        fit_to_screen(self, 960, 600)
        root = QWidget()
        layout = QHBoxLayout(root)
        layout.addLayout(self._left(), 3)
        layout.addWidget(self._right(), 2)
        self.setCentralWidget(root)
        shortcut(self, "Delete", self._forget)
        presenter.on_change = self.redraw
        presenter.on_message = lambda m: show_message(self, m, self.statusBar().showMessage)
        presenter.load()

    # ---------------------------------------------------------- building
    def _left(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(label("FairDesk", "title"))
        box.addWidget(label("Career fair day: registration, booths, résumé bundles.",
                            "subtitle"))
        self.recent_heading = label("Recent events")
        box.addWidget(self.recent_heading)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent events")
        self.recent.currentItemChanged.connect(self._picked)
        self.recent.itemActivated.connect(lambda _item: self.presenter.open())
        box.addWidget(self.recent, 1)
        self.empty = label("No recent events. Open a file, create an event, or try the demo.",
                           "empty", wrap=True)
        box.addWidget(self.empty)
        self.welcome = self._welcome()
        box.addWidget(self.welcome, 1)
        row = QHBoxLayout()
        row.addWidget(button("&Open file…", self._open_file, shortcut="Ctrl+O"))
        row.addWidget(button("&New event…", self._new_event, shortcut="Ctrl+N"))
        row.addWidget(button("Open the &demo", self.presenter.open_demo, shortcut="Ctrl+D"))
        row.addWidget(button("&Join event…", self._join, shortcut="Ctrl+J",
                             tip="Pair this desk or booth with the organizer's hub"))
        box.addLayout(row)
        box.addWidget(button("&Check this device…", self._check_device, shortcut="Ctrl+K",
                             tip="Printer, scanner, camera, hub and event file: ready?"))
        return box

    def _welcome(self) -> QFrame:
        """First run (no event known here): the roles and the first steps."""
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        box.addWidget(label("Welcome. One app, four roles:", "subtitle"))
        for name, text in ROLE_GUIDE:
            box.addWidget(label(f"<b>{name}</b> — {text}", wrap=True))
        box.addWidget(label(FIRST_STEPS, wrap=True))
        row = QHBoxLayout()
        row.addWidget(button("Try the demo", self.presenter.open_demo, primary=True))
        row.addWidget(button("Create a new event", self._new_event))
        row.addWidget(button("Join an event", self._join))
        box.addLayout(row)
        box.addStretch(1)
        return card

    def _right(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        self.event_name = label("", "title", wrap=True)
        self.event_meta = label("", "subtitle", wrap=True)
        self.problem = label("", "error", wrap=True)
        for widget in (self.event_name, self.event_meta, self.problem):
            box.addWidget(widget)
        box.addWidget(label("Open as"))
        self.roles = QButtonGroup(self)
        for index, (role, text) in enumerate(_ROLES):
            radio = QRadioButton(text)
            radio.setProperty("role", role)
            radio.setAccessibleName(text.split(" — ")[0])
            self.roles.addButton(radio, index)
            box.addWidget(radio)
        self.roles.idClicked.connect(lambda i: self.presenter.choose_role(_ROLES[i][0]))
        form = QFormLayout()
        self.desk = QSpinBox()
        self.desk.setRange(1, 99)
        self.desk.setAccessibleName("Desk number")
        self.desk.valueChanged.connect(self.presenter.choose_desk)
        self.employer = QComboBox()
        self.employer.setAccessibleName("Booth employer")
        self.employer.currentIndexChanged.connect(self._employer_chosen)
        form.addRow("Desk number", self.desk)
        form.addRow("Booth of", self.employer)
        box.addLayout(form)
        box.addStretch(1)
        self.open_button = button("Open", self.presenter.open, primary=True,
                                  tip="Open the selected event (Enter)")
        box.addWidget(self.open_button)
        return card

    # ---------------------------------------------------------- rendering
    def redraw(self) -> None:
        p = self.presenter
        self.recent.blockSignals(True)
        self.recent.clear()
        for summary in p.recent:
            text = (f"{summary.name} — {summary.candidates} candidates\n{summary.path}"
                    if summary.ok else f"{summary.path.name} (cannot open)\n{summary.path}")
            item = QListWidgetItem(text)  # row i shows p.recent[i]
            self.recent.addItem(item)
            if p.selected is not None and summary.path == p.selected.path:
                self.recent.setCurrentItem(item)
        self.recent.blockSignals(False)
        self.empty.setVisible(not p.recent and not p.first_run)
        self.welcome.setVisible(p.first_run)
        self.recent.setVisible(not p.first_run)
        self.recent_heading.setVisible(not p.first_run)  # no list on the first run
        selected = p.selected
        self.event_name.setText(selected.name if selected and selected.ok else
                                "No event chosen" if selected is None else selected.path.name)
        self.event_meta.setText(
            f"{selected.venue}\n{selected.candidates} candidates · "
            f"{len(selected.employers)} employers\n{selected.path}"
            if selected and selected.ok else "")
        self.problem.setText(selected.problem if selected else "")
        for radio in self.roles.buttons():
            radio.setChecked(radio.property("role") == p.role)
        self.desk.blockSignals(True)
        self.desk.setValue(p.desk)
        self.desk.blockSignals(False)
        self.desk.setEnabled(p.role == "desk")
        self._render_employers()
        self.open_button.setEnabled(p.can_open)

    def _render_employers(self) -> None:
        p = self.presenter
        self.employer.blockSignals(True)
        self.employer.clear()
        for employer in p.employers:
            self.employer.addItem(f"{employer.booth} · {employer.name}", employer.id)
            if employer.id == p.employer_id:
                self.employer.setCurrentIndex(self.employer.count() - 1)
        self.employer.blockSignals(False)
        self.employer.setEnabled(p.role == "booth" and bool(p.employers))

    # ---------------------------------------------------------- input
    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.presenter.select(self.presenter.recent[self.recent.row(item)].path)

    def _employer_chosen(self, index: int) -> None:
        self.presenter.choose_employer(self.employer.itemData(index) if index >= 0 else None)

    def _open_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load when asked for

        path, _ = QFileDialog.getOpenFileName(
            self, "Open an event", str(Path.home()), "FairDesk events (*.fairdesk);;All (*)")
        if path:
            self.presenter.open_file(Path(path))

    def _new_event(self) -> None:
        from fairdesk.ui.launcher.new_event_dialog import NewEventDialog  # zoneinfo: on use

        dialog = NewEventDialog(self.presenter, self)
        dialog.exec()

    def _join(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog

        code, ok = QInputDialog.getText(
            self, "Join event", "Invitation code from the organizer's Devices page:")
        if not ok or not code.strip():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save this device's copy of the event as",
            str(Path.home() / "joined-event.fairdesk"), "FairDesk events (*.fairdesk)")
        if path:
            from PySide6.QtCore import Qt  # the Qt namespace: ~15 ms, not before a first frame

            self.setCursor(Qt.CursorShape.WaitCursor)
            try:
                self.presenter.join(Path(path), code)
            finally:
                self.unsetCursor()

    def _check_device(self) -> None:
        from fairdesk.services.doctor import Doctor
        from fairdesk.ui.common.device_probes import facts_here, print_test_page
        from fairdesk.ui.launcher.device_check_dialog import DeviceCheckDialog
        from fairdesk.ui.launcher.presenters.device_check import DeviceCheckPresenter

        p = self.presenter
        event = p.selected.path if p.selected is not None and p.selected.ok else None
        checks = DeviceCheckPresenter(lambda: Doctor(event, p.settings, facts_here(),
                                                     send_to_printer=print_test_page))
        dialog = DeviceCheckDialog(checks, self)
        dialog.run()
        dialog.exec()
        dialog.wait()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that no child took (a role just clicked, the desk number, the booth
        list) opens the event: a main window has no default button to take it."""
        from PySide6.QtCore import Qt  # the Qt namespace: built on a key, not the first frame

        # the list opens on its own activation and passes the key on: not twice
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.focusWidget() is not self.recent:
            self.presenter.open()
            return
        super().keyPressEvent(event)

    def _forget(self) -> None:
        row = self.recent.currentRow()
        if row >= 0:
            self.presenter.forget(self.presenter.recent[row].path)
