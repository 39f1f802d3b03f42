"""Organizer: paired devices, invite (code shown as a QR), revoke, start/stop hub,
the changes the hub holds until their record arrives ("parked"), and bookings in clash."""

from __future__ import annotations

import io

import qrcode
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label, show_message
from fairdesk.ui.organizer.clash_list import ClashList
from fairdesk.ui.organizer.presenters.devices import (
    COLUMNS,
    PARKED_COLUMNS,
    ROLES,
    DevicesPresenter,
    InviteForm,
)

REFRESH_MS = 5000  # last seen, pending and parked change on the hub's thread: look again

STYLE = """
QLabel#parked { color: #8a4b00; font-weight: bold; }
QLabel#reach { color: #8a4b00; }
QLabel#section { font-weight: bold; color: #12263a; }
QTableView::item { padding: 0 8px; }
"""


def interface_addresses() -> list[str]:
    """The IPv4 addresses of this computer's interfaces that are up (no traffic sent);
    the presenter drops loopback and link-local ones."""
    flags = QNetworkInterface.InterfaceFlag
    found: list[str] = []
    for interface in QNetworkInterface.allInterfaces():
        state = interface.flags()
        if not state & flags.IsUp or not state & flags.IsRunning or state & flags.IsLoopBack:
            continue
        found += [entry.ip().toString() for entry in interface.addressEntries()
                  if entry.ip().protocol()
                  == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol]
    return found


def qr_pixmap(text: str, box: int = 4) -> QPixmap:
    """A QR code of ``text`` as a pixmap (PNG through the qrcode library)."""
    image = qrcode.make(text, box_size=box, border=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def _table(model: RowsModel, name: str, stretch: int) -> QTableView:
    """Columns fit their text; column ``stretch`` takes the room that is left."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _captioned(form: QFormLayout, text: str, widget: QWidget) -> QLabel:
    """A visible caption that names ``widget`` (mnemonic included) for every reader."""
    caption = QLabel(text)
    caption.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    form.addRow(caption, widget)
    return caption


class DevicesPage(QWidget):
    def __init__(self, presenter: DevicesPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.setStyleSheet(STYLE)
        box = QVBoxLayout(self)
        box.addLayout(self._top())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.model = RowsModel(COLUMNS)
        self.table = _table(self.model, "Paired devices", COLUMNS.index("Employer / desk"))
        self.stack.addWidget(self.table)
        box.addWidget(self.stack, 1)
        box.addLayout(self._below_table())
        box.addWidget(self._parked())
        self.clash_list = ClashList()
        box.addWidget(self.clash_list)
        box.addSpacing(10)
        box.addWidget(self._invite())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._look_again)
        self._timer.start(REFRESH_MS)
        presenter.on_change = self.redraw
        self.redraw()

    # ------------------------------------------------------------ building
    def _top(self) -> QVBoxLayout:
        top = QHBoxLayout()
        top.addWidget(label("Devices", "title"))
        top.addStretch(1)
        self.hub_label = QLabel()
        self.hub_label.setAccessibleName("Hub status")
        top.addWidget(self.hub_label)
        self.hub_button = button("Start &hub", self.presenter.toggle_hub)
        top.addWidget(self.hub_button)
        both = QVBoxLayout()
        both.addLayout(top)
        both.addLayout(self._hub_options())
        return both

    def _hub_options(self) -> QHBoxLayout:
        """Where the hub listens: the network or this computer only, and its port."""
        row = QHBoxLayout()
        row.addStretch(1)
        self.local_only = QCheckBox("Only &this computer (for trying it out)")
        self.local_only.setToolTip("The hub listens on this computer only: no desk or booth "
                                   "on another machine can reach it")
        self.local_only.toggled.connect(self.presenter.set_local_only)
        row.addWidget(self.local_only)
        row.addSpacing(16)
        port_caption = QLabel("&Port")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free")
        self.port.setToolTip("The port the hub listens on; “any free” lets the computer "
                             "choose one")
        self.port.setAccessibleName("Hub port")
        port_caption.setBuddy(self.port)
        self.port.valueChanged.connect(self.presenter.set_port)
        row.addWidget(port_caption)
        row.addWidget(self.port)
        return row

    def _empty_state(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.addStretch(1)
        self.empty = label("", "empty", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No devices yet")
        inner.addWidget(self.empty)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.empty_hub = button("Start hub", self.presenter.toggle_hub)
        self.empty_invite = button("Invite device", self.invite)
        actions.addWidget(self.empty_hub)
        actions.addWidget(self.empty_invite)
        actions.addStretch(1)
        inner.addLayout(actions)
        inner.addStretch(2)
        return card

    def _below_table(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.summary = label("", "subtitle")
        self.summary.setAccessibleName("Devices summary")
        row.addWidget(self.summary, 1)
        self.revoke_button = button("&Revoke selected", self.revoke,
                                    tip="The device's token stops working at once")
        row.addWidget(self.revoke_button)
        return row

    def _parked(self) -> QWidget:
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.parked_line = label("", "parked", wrap=True)
        self.parked_line.setAccessibleName("Parked changes")
        line.addWidget(self.parked_line, 1)
        self.parked_toggle = button("Show them", self.toggle_parked)
        line.addWidget(self.parked_toggle, 0, Qt.AlignmentFlag.AlignTop)
        inner.addLayout(line)
        self.parked_model = RowsModel(PARKED_COLUMNS)
        self.parked_table = _table(self.parked_model, "Parked changes",
                                   PARKED_COLUMNS.index("Waits for"))
        self.parked_table.hide()
        inner.addWidget(self.parked_table)
        self.parked_box = holder
        return holder

    def _invite(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(label("Invite a device", "section"))
        form = QFormLayout()
        self.role = QComboBox()
        for value, text in ROLES:
            self.role.addItem(text, value)
        self.role.currentIndexChanged.connect(lambda _index: self._role_changed())
        self.employer = QComboBox()
        self.desk = QSpinBox()
        self.desk.setRange(1, 99)
        self.hub_url = QComboBox()
        self.hub_url.setEditable(True)
        self.hub_url.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.hub_url.setMinimumContentsLength(28)
        self.hub_url.setToolTip("The address the new device will reach the hub at: this "
                                "laptop on the venue network (pick one, or type another)")
        self.hub_url.activated.connect(self.presenter.choose_address)
        self.reach = label("", "reach", wrap=True)
        self.reach.setAccessibleName("Who can reach the hub")
        self.captions = [
            _captioned(form, "R&ole", self.role),
            _captioned(form, "&Employer", self.employer),
            _captioned(form, "&Desk number", self.desk),
            _captioned(form, "Hub &URL", self.hub_url),
        ]
        form.addRow(self.reach)
        self.invite_button = button("&Invite device", self.invite, primary=True)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.invite_button)
        form.addRow(actions)
        left.addLayout(form)
        left.addStretch(1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setPlaceholderText("The pairing code appears here")
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        self.copy_code = button("Copy", self._copy_code, tip="Copy the pairing code")
        code_row.addWidget(self.copy_code)
        code_form = QFormLayout()
        caption = QLabel("Pairing &code")
        caption.setBuddy(self.code)
        self.code.setAccessibleName("Pairing code")
        code_form.addRow(caption, code_row)
        right.addLayout(code_form)
        self.qr = QLabel()
        self.qr.setAccessibleName("Pairing QR code")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr, 1)
        row.addLayout(right, 2)
        self._role_changed()
        return holder

    # ------------------------------------------------------------ presenter → view
    def redraw(self) -> None:
        p = self.presenter
        kept = self._selected_device()
        self.model.set_rows(p.rows)
        self._reselect(kept)
        self.stack.setCurrentIndex(0 if p.empty else 1)
        self.empty.setText(p.empty_text)
        self.empty_hub.setVisible(not p.hub_running)
        self.summary.setText(p.summary_text)
        self.revoke_button.setEnabled(not p.empty)
        self.hub_label.setText(p.hub_text)
        self.hub_button.setText("Stop &hub" if p.hub_running else "Start &hub")
        self.hub_button.setAccessibleName("Stop hub" if p.hub_running else "Start hub")
        self._redraw_hub()
        self._redraw_parked()
        self.clash_list.show_clashes(p.clash_text, p.clash_rows)
        if self.employer.count() != len(p.employers()):
            self.employer.clear()
            for employer_id, name in p.employers():
                self.employer.addItem(name, employer_id)
        made = p.invite_summary()
        self.copy_code.setEnabled(bool(made))
        if made and self.code.text() != made["code"]:
            self.code.setText(made["code"])
            self.code.setCursorPosition(0)
            self.qr.setPixmap(qr_pixmap(made["code"]))
            self.qr.setToolTip(f"A {made['role']} pairing code, valid until {made['expires']}")

    def _redraw_hub(self) -> None:
        p = self.presenter
        for widget in (self.local_only, self.port):
            widget.blockSignals(True)  # the presenter's state, not the user's choice
            widget.setEnabled(not p.hub_running)  # they apply when the hub starts
        self.local_only.setChecked(p.local_only)
        self.port.setValue(p.shown_port)
        for widget in (self.local_only, self.port):
            widget.blockSignals(False)
        choices = p.url_choices
        if [self.hub_url.itemText(i) for i in range(self.hub_url.count())] != choices:
            self.hub_url.blockSignals(True)
            self.hub_url.clear()
            self.hub_url.addItems(choices)
            self.hub_url.blockSignals(False)
        if self.hub_url.currentIndex() != p.chosen_index:
            self.hub_url.setCurrentIndex(p.chosen_index)
        self.reach.setText(p.reach_note)
        self.reach.setVisible(bool(p.reach_note))

    def _redraw_parked(self) -> None:
        p = self.presenter
        self.parked_box.setVisible(bool(p.parked))
        self.parked_line.setText(p.parked_text)
        self.parked_model.set_rows(p.parked_rows)
        self._fit_parked()
        if not p.parked:
            self.parked_table.hide()
        shown = self.parked_table.isVisibleTo(self)
        self.parked_toggle.setText("Hide them" if shown else "Show them")
        self.parked_toggle.setAccessibleName(
            "Hide the parked changes" if shown else "Show the parked changes")

    def _selected_device(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        devices = self.presenter.devices
        return devices[rows[0].row()].id if rows and rows[0].row() < len(devices) else None

    def _reselect(self, device_id: str | None) -> None:
        ids = [d.id for d in self.presenter.devices]
        if device_id in ids:
            self.table.selectRow(ids.index(device_id))

    def _copy_code(self) -> None:
        if self.code.text():
            QGuiApplication.clipboard().setText(self.code.text())
            self.presenter.say("info", "Pairing code copied.")

    def _fit_parked(self) -> None:
        """The list as tall as its rows (up to a limit), not a fixed block of white."""
        table = self.parked_table
        rows = table.verticalHeader().length() or table.verticalHeader().defaultSectionSize()
        height = table.horizontalHeader().height() + rows + 2 * table.frameWidth() + 2
        table.setFixedHeight(min(height, 160))

    def _role_changed(self) -> None:
        role = self.role.currentData()
        self.employer.setEnabled(role == "booth")
        self.desk.setEnabled(role == "desk")  # a kiosk has no desk number (no walk-ins)

    def _look_again(self) -> None:
        if not self.isVisible():
            return
        self.presenter.refresh_addresses()
        if self.presenter.hub_running:
            self.presenter.load()

    # ------------------------------------------------------------ actions
    def toggle_parked(self) -> None:
        self.parked_table.setVisible(not self.parked_table.isVisibleTo(self))
        self._redraw_parked()

    def invite(self) -> None:
        role = str(self.role.currentData())
        self.presenter.make_invite(InviteForm(
            role, self.employer.currentData() if role == "booth" else None,
            self.desk.value() if role == "desk" else None, self.hub_url.currentText()))

    def revoke(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.presenter.revoke(rows[0].row())
        else:
            self.presenter.say("warning", "Select the device to revoke in the list.")

    def closeEvent(self, event: object) -> None:
        self._timer.stop()
        self.presenter.stop_hub()
        super().closeEvent(event)  # type: ignore[arg-type]


def build_devices_page(session: EventSession, window: QMainWindow,
                       settings: AppSettings) -> QWidget:
    """The organizer console's page builder (``PAGES``); ``settings`` is the app's own,
    so "Only this computer" is written where the rest of the app reads it."""
    presenter = DevicesPresenter(session, settings=settings, addresses=interface_addresses)
    page = DevicesPage(presenter)
    presenter.on_message = lambda m: show_message(window, m, window.statusBar().showMessage)
    presenter.load()
    return page
