"""Organizer: event details and the counts of the day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.presenters.event_details import EventDetailsPresenter
from fairdesk.ui.widgets import button, label

FIGURES = (("candidates", "Registered"), ("checked_in", "Checked in"),
           ("walk_ins", "Walk-ins"), ("visits", "Booth visits"), ("employers", "Employers"),
           ("resumes", "Résumés"), ("badges_printed", "Badges printed"),
           ("shortlisted", "Phase Two"))


class EventDetailsPage(QWidget):
    def __init__(self, presenter: EventDetailsPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        box = QVBoxLayout(self)
        box.addWidget(label("Event", "title"))
        box.addWidget(self._figures())
        box.addWidget(self._form())
        box.addStretch(1)
        presenter.on_change = self.redraw

    def _figures(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        self.figures = {}
        for index, (key, text) in enumerate(FIGURES):
            value = label("0", "figure")
            value.setAccessibleName(text)
            grid.addWidget(value, (index // 4) * 2, index % 4)
            grid.addWidget(label(text, "subtitle"), (index // 4) * 2 + 1, index % 4)
            self.figures[key] = value
        return card

    def _form(self) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        self.name = QLineEdit()
        self.venue = QLineEdit()
        self.timezone = label("", "subtitle")
        self.name.textEdited.connect(lambda t: self.presenter.edit("name", t))
        self.venue.textEdited.connect(lambda t: self.presenter.edit("venue", t))
        self.days = QListWidget()
        self.days.setMaximumHeight(110)
        self.new_day = QDateEdit(QDate.currentDate())
        self.new_day.setDisplayFormat("ddd d MMM yyyy")
        self.new_day.setCalendarPopup(True)
        day_row = QHBoxLayout()
        day_row.addWidget(self.new_day)
        day_row.addWidget(button("Add day", self._add_day))
        day_row.addWidget(button("Remove day", self._remove_day))
        for text, widget in (("Event name", self.name), ("Venue", self.venue)):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        form.addRow("Time zone", self.timezone)
        form.addRow("Fair days", self.days)
        form.addRow("", day_row)
        actions = QHBoxLayout()
        self.save = button("&Save", self._save, shortcut="Ctrl+S", primary=True)
        self.revert = button("Revert", self.presenter.revert)
        actions.addStretch(1)
        actions.addWidget(self.revert)
        actions.addWidget(self.save)
        form.addRow(actions)
        return holder

    def redraw(self) -> None:
        p = self.presenter
        for key, widget in self.figures.items():
            widget.setText(f"{p.info.get(key, 0):,}")
        if self.name.text() != p.draft.get("name"):
            self.name.setText(p.draft.get("name", ""))
        if self.venue.text() != p.draft.get("venue"):
            self.venue.setText(p.draft.get("venue", ""))
        self.timezone.setText(p.draft.get("timezone", ""))
        self.days.clear()
        for day in p.draft.get("days", []):
            self.days.addItem(day.strftime("%A %d %B %Y"))
        self.save.setEnabled(p.dirty)
        self.revert.setEnabled(p.dirty)

    def _save(self) -> None:
        self.presenter.save()

    def _add_day(self) -> None:
        q = self.new_day.date()
        self.presenter.add_day(date(q.year(), q.month(), q.day()))

    def _remove_day(self) -> None:
        row = self.days.currentRow()
        days = self.presenter.draft.get("days", [])
        if 0 <= row < len(days):
            self.presenter.remove_day(days[row])
