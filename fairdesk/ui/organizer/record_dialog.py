"""Organizer: one candidate's record (details, check-ins, prints, visits,
résumé, audit), with the corrections the organizer can make."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.merge_picker import MergePicker
from fairdesk.ui.organizer.presenters.record import (
    AUDIT_COLUMNS,
    CHECKIN_COLUMNS,
    INTERVIEW_COLUMNS,
    PRINT_COLUMNS,
    VISIT_COLUMNS,
    DetailsForm,
    RecordPresenter,
)
from fairdesk.ui.organizer.record_corrections import EraseDialog, MergeDialog

_TEXT_FIELDS = (("first_name", "First name"), ("last_name", "Last name"),
                ("email", "E-mail"), ("phone", "Phone"), ("district", "District"),
                ("education", "Education"), ("languages", "Languages (comma-separated)"),
                ("roles", "Roles wanted (comma-separated)"), ("experience", "Experience"))


def _table(model: RowsModel, name: str, stretch: tuple[int, ...] = ()) -> QTableView:
    """``stretch``: the columns that share the room left, their text wrapped so
    that every column stays in sight; else the last one takes it."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(not stretch)
    for column in stretch:
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if stretch:
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class RecordDialog(QDialog):
    def __init__(self, presenter: RecordPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.resize(900, 640)
        forward = presenter.on_message
        presenter.on_message = lambda m: self._message(m, forward)
        box = QVBoxLayout(self)
        self.heading = label("", "title")
        box.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), "&Details")
        self.checkins = RowsModel(CHECKIN_COLUMNS)
        self.undo_button = button("&Undo today's check-in…", self.undo)
        self.tabs.addTab(self._list_tab(_table(self.checkins, "Check-ins"), self.undo_button),
                         "&Check-ins")
        self.prints = RowsModel(PRINT_COLUMNS)
        self.print_button = button("Reprin&t badge…", self.reprint)
        self.tabs.addTab(self._list_tab(_table(self.prints, "Badge prints"), self.print_button),
                         "&Prints")
        self.visits = RowsModel(VISIT_COLUMNS)
        self.tabs.addTab(self._list_tab(_table(self.visits, "Booth visits", tuple(
            VISIT_COLUMNS.index(c) for c in ("Employer", "Tags", "Notes")))), "&Visits")
        self.interviews = RowsModel(INTERVIEW_COLUMNS)
        self.tabs.addTab(self._list_tab(_table(self.interviews, "Interviews")), "&Interviews")
        self.tabs.addTab(self._resume_tab(), "&Résumé")
        self.audit = RowsModel(AUDIT_COLUMNS)
        self.tabs.addTab(self._list_tab(_table(self.audit, "Audit trail")), "&Audit")
        box.addWidget(self.tabs, 1)
        self.error = label("", "error", wrap=True)
        box.addWidget(self.error)
        self.merge_dialog: MergeDialog | None = None
        self.erase_dialog: EraseDialog | None = None
        presenter.on_change = self.redraw
        self.finished.connect(lambda _result: presenter.close())
        next(iter(self.edits.values())).setFocus()  # a fix starts in the fields, not on Merge

    # ---------------------------------------------------------- tabs
    def _details_tab(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        self.edits: dict[str, QLineEdit] = {}
        for field, text in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(text)
            form.addRow(text, edit)
            self.edits[field] = edit
        self.consent = QCheckBox("Consents to employers receiving résumé and contact details")
        form.addRow("Consent", self.consent)
        self.source = label("")
        form.addRow("Registered", self.source)
        outer.addStretch(1)
        row = QHBoxLayout()
        self.merge_button = button("&Merge a duplicate…", self.merge,
                                   tip="Another record of this same person")
        self.erase_button = button("&Erase this person…", self.erase,
                                   tip="Remove their personal data on request")
        self.reprint_button = button("Reprin&t badge…", self.reprint)
        self.save_button = button("&Save details", self.save, shortcut="Ctrl+S", primary=True)
        # Enter in a field saves; it must never open the merge or the erasure
        for widget in (self.merge_button, self.erase_button, self.reprint_button):
            widget.setAutoDefault(False)
        self.save_button.setDefault(True)
        for widget in (self.merge_button, self.erase_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.reprint_button)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        return page

    def _list_tab(self, table: QTableView, *buttons: QWidget) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(table, 1)
        if buttons:
            row = QHBoxLayout()
            row.addStretch(1)
            for widget in buttons:
                row.addWidget(widget)
            box.addLayout(row)
        return page

    def _resume_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.resume_note = label("", wrap=True)
        box.addWidget(self.resume_note)
        self.pdf = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        box.addWidget(self.pdf_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.replace_button = button("Re&place…", self.replace_resume)
        row.addWidget(self.replace_button)
        self.remove_button = button("Re&move", self.remove_resume)
        row.addWidget(self.remove_button)
        box.addLayout(row)
        self._buffer: QBuffer | None = None
        return page

    # ---------------------------------------------------------- drawing
    def redraw(self) -> None:
        p = self.presenter
        self.setWindowTitle(f"Candidate — {p.title}")
        self.heading.setText(p.title)
        form = p.form()
        for field, edit in self.edits.items():
            edit.setText(str(getattr(form, field)))
        self.consent.setChecked(form.consent)
        record = p.record
        desk = f" at desk {record['desk']}" if record.get("desk") else ""
        self.source.setText(("walk-in" if record.get("walk_in") else "roster") + desk)
        self.checkins.set_rows(p.checkin_rows())
        self.prints.set_rows(p.print_rows())
        self.visits.set_rows(p.visit_rows())
        self.interviews.set_rows(p.interview_rows())
        self.audit.set_rows(p.audit_rows())
        self.resume_note.setText(p.resume_text)
        self.remove_button.setEnabled(bool(record.get("resume")) and p.can_edit)
        self._show_pdf(p.resume_pdf())
        self._enable(p.can_edit)

    def _enable(self, editable: bool) -> None:
        """An erased person's record is read-only: what is left are anonymous facts."""
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        self.consent.setEnabled(editable)
        for widget in (self.save_button, self.reprint_button, self.print_button,
                       self.merge_button, self.erase_button, self.replace_button):
            widget.setEnabled(editable)
        self.undo_button.setEnabled(editable and self.presenter.can_undo)
        self.reprint_button.setProperty("primary", self.presenter.reprint_suggested)
        self.reprint_button.style().polish(self.reprint_button)

    def _show_pdf(self, data: bytes | None) -> None:
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        if not data:
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.pdf.load(buffer)

    def _message(self, message: Message, forward: object) -> None:
        self.error.setText(message.text if message.level == "error" else "")
        if message.level != "error" and callable(forward):
            forward(message)

    # ---------------------------------------------------------- actions
    def save(self) -> None:
        form = DetailsForm(**{f: e.text() for f, e in self.edits.items()},
                           consent=self.consent.isChecked())
        if not self.presenter.save(form) and self.presenter.field_error in self.edits:
            self.edits[self.presenter.field_error].setFocus()

    def undo(self) -> None:
        reason, ok = QInputDialog.getText(self, "Undo check-in",
                                          "Why is today's check-in undone? (audit log)")
        if ok:
            self.presenter.undo_check_in(reason)

    def reprint(self) -> None:
        name = f"{self.presenter.record.get('ref', 'badge')}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save the badge", name, "PDF (*.pdf)")
        if not path:
            return
        reason = self.presenter.reprint_reason
        if self.presenter.reprint_needs_reason:
            reason, ok = QInputDialog.getText(self, "Reprint", "Why is the badge reprinted?",
                                              text=reason)
            if not ok:
                return
        self.presenter.reprint(Path(path), reason)

    def merge(self) -> None:
        picker = MergePicker(self.presenter.session, self.presenter.candidate_id)
        dialog = MergeDialog(self.presenter, picker, self)
        dialog.accepted.connect(lambda: self.presenter.merge(
            str(picker.chosen), dialog.keep_this.isChecked()))
        self.merge_dialog = dialog
        dialog.open()

    def erase(self) -> None:
        dialog = EraseDialog(self.presenter, self)
        dialog.accepted.connect(lambda: self.presenter.erase(dialog.reason.text(),
                                                             dialog.typed.text()))
        self.erase_dialog = dialog
        dialog.open()

    def replace_resume(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Résumé file", "",
                                              "Résumés (*.pdf *.docx *.doc *.odt *.jpg *.png)")
        if path:
            self.presenter.replace_resume(Path(path))

    def remove_resume(self) -> None:
        self.presenter.remove_resume()
