"""Organizer: lay out interview slots per employer; copy a day to all employers.

The day is picked on a calendar (or stepped with the arrow keys), the window's
ends are times, so the form cannot hold a date or time that does not parse;
the presenter still checks the window (an end before its start).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.interviews import (
    COLUMNS,
    NAME_COLUMN,
    InterviewsPresenter,
)


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _time(text: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(text, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit


DATE_FORMAT = "ddd d MMM yyyy"  # "Fri 21 Aug 2026"


class InterviewsPage(QWidget):
    def __init__(self, presenter: InterviewsPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Interviews", "title"))
        top.addStretch(1)
        self.employer = QComboBox()
        self.employer.setAccessibleName("Employer")
        self.employer.activated.connect(self._chosen)
        top.addWidget(self.employer, 1)
        box.addLayout(top)
        box.addLayout(self._form())
        self.preview = label("", "hint")  # "9 slots (09:00–12:00)" or why the window is wrong
        actions = QHBoxLayout()
        actions.addWidget(button("&Add slots", self._add, primary=True, shortcut="Ctrl+N"))
        actions.addWidget(button("&Copy this day to all employers", self._copy,
                                 tip="The same times and rooms for every employer "
                                     "that has no slots that day"))
        self.undo_button = button("&Undo add", self._undo, shortcut="Ctrl+Z",
                                  tip="Take back the slots the last Add slots or copy made")
        self.remove_button = button("Re&move slots", self._remove,
                                    tip="The selected free slots (Delete)")
        actions.addWidget(self.undo_button)
        actions.addWidget(self.remove_button)
        actions.addSpacing(12)
        actions.addWidget(self.preview)
        actions.addStretch(1)
        box.addLayout(actions)
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Slots")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)  # not while typing a time
        remove.activated.connect(self._remove)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()  # short columns fit; the name takes the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table, 1)
        self.empty = label("", "hint", wrap=True)
        box.addWidget(self.empty)
        self.clashes = label("", "hint", wrap=True)
        box.addWidget(self.clashes)
        presenter.on_change = self.redraw

    def _form(self) -> QGridLayout:
        """Day, From, To on one line; slot length, buffer and rooms on the next."""
        f = self.presenter.form
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(DATE_FORMAT)
        self.set_day(f.day)
        self.start, self.end = _time(f.start), _time(f.end)
        self.length = _spin(5, 480, f.length, " min")
        self.buffer = _spin(0, 240, f.buffer, " min")
        self.rooms = _spin(1, 20, f.rooms, " room" if f.rooms == 1 else " rooms")
        self.rooms.valueChanged.connect(  # "1 room", "2 rooms"
            lambda n: self.rooms.setSuffix(" room" if n == 1 else " rooms"))
        grid = QGridLayout()
        fields = ((("&Day", self.day), ("&From", self.start), ("&To", self.end)),
                  (("Slot &length", self.length), ("&Buffer", self.buffer),
                   ("Parallel &rooms", self.rooms)))
        for row, line in enumerate(fields):
            for column, (title, widget) in enumerate(line):
                widget.setAccessibleName(title.replace("&", ""))
                name = QLabel(title)
                name.setBuddy(widget)  # Alt+D, Alt+F…: the field
                name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(name, row, 2 * column)
                grid.addWidget(widget, row, 2 * column + 1)
        grid.setColumnStretch(6, 1)  # the fields keep their size; the rest of the line is free
        self.day.dateChanged.connect(self._edited)
        for edit in (self.start, self.end):
            edit.timeChanged.connect(self._edited)
        for spin in (self.length, self.buffer, self.rooms):
            spin.valueChanged.connect(self._edited)
        return grid

    def set_day(self, day: str) -> None:
        """Show the ISO ``day`` (the presenter's form) on the calendar field."""
        chosen = QDate.fromString(day, Qt.DateFormat.ISODate)
        if chosen.isValid() and chosen != self.day.date():
            self.day.setDate(chosen)

    def _edited(self, *_: object) -> None:
        self.presenter.edit(day=self.day.date().toString(Qt.DateFormat.ISODate),
                            start=self.start.time().toString("HH:mm"),
                            end=self.end.time().toString("HH:mm"),
                            length=self.length.value(), buffer=self.buffer.value(),
                            rooms=self.rooms.value())
        self.preview.setText(self.presenter.preview)

    def _chosen(self, index: int) -> None:
        self.presenter.choose(str(self.employer.itemData(index)))

    def _add(self) -> None:
        self._edited()
        self.presenter.add_slots()

    def _undo(self) -> None:
        self.presenter.undo()

    def _remove(self) -> None:
        self.presenter.remove(self.selected_rows())

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def _selection_changed(self, *_: object) -> None:
        self.remove_button.setEnabled(bool(self.selected_rows()))

    def _copy(self) -> None:
        self._edited()
        self.presenter.copy_to_all()

    def redraw(self) -> None:
        p = self.presenter
        self.employer.blockSignals(True)
        self.employer.clear()
        for e in p.employers:
            self.employer.addItem(p.employer_label(e), e.id)
        ids = [e.id for e in p.employers]
        if p.employer_id in ids:
            self.employer.setCurrentIndex(ids.index(p.employer_id))
        self.employer.blockSignals(False)
        self.set_day(p.form.day)
        self.preview.setText(p.preview)
        self.model.set_rows(p.rows)
        self.empty.setText("" if p.rows else p.empty_text)
        self.empty.setVisible(not p.rows)
        self.undo_button.setEnabled(p.can_undo)
        self._selection_changed()
        self.clashes.setText(p.clash_text)
