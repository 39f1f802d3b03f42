"""Organizer: paired devices, invite (code shown as a QR), revoke, start/stop hub."""

from __future__ import annotations

import io

import qrcode
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.services.session import EventSession
from fairdesk.ui.presenters.devices import COLUMNS, DevicesPresenter, InviteForm
from fairdesk.ui.table_model import RowsModel
from fairdesk.ui.widgets import button, label, show_message


def qr_pixmap(text: str, box: int = 4) -> QPixmap:
    """A QR code of ``text`` as a pixmap (PNG through the qrcode library)."""
    image = qrcode.make(text, box_size=box, border=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class DevicesPage(QWidget):
    def __init__(self, presenter: DevicesPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Devices", "title"))
        top.addStretch(1)
        self.hub_label = QLabel()
        top.addWidget(self.hub_label)
        self.hub_button = button("Start &hub", presenter.toggle_hub)
        top.addWidget(self.hub_button)
        box.addLayout(top)
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Paired devices")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table, 1)
        box.addLayout(self._invite_row())
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setAccessibleName("Pairing code")
        box.addWidget(self.code)
        self.qr = QLabel()
        self.qr.setAccessibleName("Pairing QR code")
        box.addWidget(self.qr)
        presenter.on_change = self.redraw
        self.redraw()

    def _invite_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.role = QComboBox()
        self.role.addItems(["desk", "booth"])
        self.role.setAccessibleName("Role")
        self.employer = QComboBox()
        self.employer.setAccessibleName("Employer")
        self.desk = QSpinBox()
        self.desk.setRange(1, 99)
        self.desk.setAccessibleName("Desk number")
        for widget in (self.role, self.employer, self.desk):
            row.addWidget(widget)
        row.addWidget(button("&Invite device", self.invite, primary=True))
        row.addWidget(button("&Revoke selected", self.revoke))
        return row

    def redraw(self) -> None:
        p = self.presenter
        self.model.set_rows(p.rows)
        self.hub_label.setText(p.hub_text)
        self.hub_button.setText("Stop &hub" if p.hub_running else "Start &hub")
        if self.employer.count() != len(p.employers()):
            self.employer.clear()
            for employer_id, name in p.employers():
                self.employer.addItem(name, employer_id)
        made = p.invite_summary()
        if made:
            self.code.setText(made["code"])
            self.qr.setPixmap(qr_pixmap(made["code"]))
            self.qr.setToolTip(f"A {made['role']} pairing code, valid until {made['expires']}")

    def invite(self) -> None:
        role = self.role.currentText()
        self.presenter.make_invite(InviteForm(
            role, self.employer.currentData() if role == "booth" else None,
            self.desk.value() if role == "desk" else None))

    def revoke(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.presenter.revoke(rows[0].row())

    def closeEvent(self, event: object) -> None:
        self.presenter.stop_hub()
        super().closeEvent(event)  # type: ignore[arg-type]


def build_devices_page(session: EventSession, window: QMainWindow) -> QWidget:
    """The organizer console's page builder (``PAGES``)."""
    presenter = DevicesPresenter(session)
    page = DevicesPage(presenter)
    presenter.on_message = lambda m: show_message(window, m, window.statusBar().showMessage)
    presenter.load()
    return page
