"""The desk's candidate panel: who this is, are they in, the badge, and the actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from fairdesk.services.desk import CandidateCard
from fairdesk.ui.common.widgets import button, label

Action = Callable[[], None]


class CandidatePanel(QFrame):
    def __init__(self, actions: dict[str, Action], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName("Selected candidate")
        box = QVBoxLayout(self)
        box.setContentsMargins(22, 18, 22, 18)
        self.name = label("", "deskName", wrap=True)
        self.ref = label("", "deskRef")
        self.status = label("", "deskStatus", wrap=True)
        self.printed = label("", "subtitle", wrap=True)
        self.interviews = label("", "deskStatus", wrap=True)  # today's Phase Two interviews
        self.interviews.setAccessibleName("Interviews today")
        for widget in (self.name, self.ref, self.status, self.printed, self.interviews):
            box.addWidget(widget)
        self.details = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, text in (("email", "E-mail"), ("phone", "Phone"), ("district", "District"),
                          ("roles", "Roles"), ("languages", "Languages"),
                          ("resume", "Résumé"), ("consent", "Consent")):
            value = label("", "deskValue", wrap=True)
            value.setAccessibleName(text)
            self.values[key] = value
            self.details.addRow(label(text, "deskKey"), value)
        box.addLayout(self.details)
        box.addStretch(1)
        box.addLayout(self._buttons(actions))
        self.empty = label("Search or scan to see a candidate here.", "empty", wrap=True)
        box.insertWidget(0, self.empty)
        self.show_card(None)

    def _buttons(self, actions: dict[str, Action]) -> QGridLayout:
        grid = QGridLayout()
        self.check_in = button("Check in && print  (Enter)", actions["check_in"], primary=True)
        self.check_in.setAccessibleName("Check in and print badge")
        self.reprint = button("Reprint badge…  (Ctrl+P)", actions["reprint"])
        self.undo = button("Undo check-in…  (Ctrl+Z)", actions["undo"])
        self.edit = button("Edit details…  (Ctrl+E)", actions["edit"])
        self.slip = button("Print interview slip  (Ctrl+I)", actions["slip"])
        for index, widget in enumerate((self.check_in, self.reprint, self.undo, self.edit,
                                        self.slip)):
            grid.addWidget(widget, index // 2, index % 2)
        return grid

    def show_card(self, card: CandidateCard | None) -> None:
        has = card is not None
        self.empty.setVisible(not has)
        for text in (self.name, self.ref, self.status, self.printed, *self.values.values()):
            text.setVisible(has)
        for row in range(self.details.rowCount()):
            item = self.details.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(has)
        for action in (self.check_in, self.reprint, self.undo, self.edit):
            action.setEnabled(has)
        self.slip.setVisible(has and bool(card and card.interviews))
        self.interviews.setVisible(has and bool(card and card.interviews))
        if card is None:
            return
        self._fill(card)

    def _fill(self, card: CandidateCard) -> None:
        c = card.candidate
        self.name.setText(c.display_name)
        self.ref.setText(f"{c.ref}  ·  {'walk-in' if c.walk_in else 'registered'}")
        self.status.setText(("✓ " if card.checked_in else "") + card.status)
        self.status.setProperty("state", "in" if card.checked_in else "out")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.printed.setText(card.printed)
        resume = f"On file ({c.cv_filename})" if c.resume_sha else "Not on file"
        values = {"email": c.email, "phone": c.phone, "district": c.district,
                  "roles": ", ".join(c.roles), "languages": ", ".join(c.languages),
                  "resume": resume.replace(" ()", ""),
                  "consent": "Yes — employers may receive résumé and contacts" if c.consent
                  else "No — visits are listed without contact details"}
        for key, value in values.items():
            self.values[key].setText(value or "—")
        lines = [i.line for i in card.interviews]
        self.interviews.setText("Interviews today:\n" + "\n".join(lines) if lines else "")
        self.slip.setEnabled(card.has_slip)
        self.check_in.setEnabled(not card.checked_in)
        self.undo.setEnabled(card.checked_in)
        self.name.setAccessibleName(f"{c.display_name}, {card.status}")
