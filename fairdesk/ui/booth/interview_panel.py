"""The card's interview panel: this booth's interview, the next free slots as
one-tap buttons, "Other time…", unbook, the candidate's other interviews, and
once the interview has started "Interviewed" / "No-show"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from fairdesk.ui.booth.presenters.interviews import (
    OFFERS,
    InterviewPresenter,
    button_text,
    slot_text,
)
from fairdesk.ui.common.widgets import label

TOUCH = 56


class InterviewPanel(QFrame):
    def __init__(self, presenter: InterviewPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.setObjectName("interviews")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(4)
        self.headline = label("", "interviewHead", wrap=True)
        self.headline.setAccessibleName("Interview")
        box.addWidget(self.headline)
        row = QHBoxLayout()
        self.offers: list[QPushButton] = []
        for n in range(OFFERS):
            offer = QPushButton()
            offer.setObjectName("slotOffer")
            offer.setMinimumSize(120, TOUCH)  # shrinks: the card fits 1280 px wide
            offer.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            offer.clicked.connect(lambda _=False, n=n: self._offer(n))
            self.offers.append(offer)
            row.addWidget(offer, 1)
        self.other = QComboBox()
        self.other.setMinimumHeight(TOUCH)
        self.other.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.other.setMinimumContentsLength(9)
        self.other.setAccessibleName("Other time")
        self.other.activated.connect(self._picked)
        row.addWidget(self.other, 1)
        self.unbook = QPushButton("Unbook")
        self.unbook.setMinimumHeight(TOUCH)
        self.unbook.setToolTip("Take back this booth's interview with the candidate")
        self.unbook.clicked.connect(lambda _=False: self.presenter.unbook())
        row.addWidget(self.unbook)
        box.addLayout(row)
        box.addLayout(self._attendance_row())
        self.elsewhere = label("", "elsewhere", wrap=True)
        box.addWidget(self.elsewhere)
        self._picker_ids: list[str] = []
        presenter.on_change = self.refresh

    def _attendance_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.interviewed = QPushButton("Interviewed")
        self.no_show = QPushButton("No-show")
        for button, attended, tip in (
                (self.interviewed, True, "The interview took place"),
                (self.no_show, False, "The candidate did not come to the interview")):
            button.setObjectName("attendance")
            button.setCheckable(True)  # shows the state recorded; the other tap changes it
            button.setMinimumHeight(TOUCH)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, a=attended: self.presenter.record(a))
            row.addWidget(button, 1)
        return row

    def _offer(self, n: int) -> None:
        if n < len(self.presenter.offers):
            self.presenter.book(self.presenter.offers[n].id)

    def _picked(self, index: int) -> None:
        if 1 <= index <= len(self._picker_ids):
            self.presenter.book(self._picker_ids[index - 1])

    def refresh(self) -> None:
        p = self.presenter
        self.headline.setText(p.headline)
        self.headline.setProperty("clash", p.clash)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        for n, offer in enumerate(self.offers):
            slot = p.offers[n] if n < len(p.offers) else None
            offer.setVisible(slot is not None)
            if slot is not None:
                offer.setText(button_text(slot))
                offer.setToolTip(f"{p.book_label}: {slot_text(slot)}")
                offer.setAccessibleName(f"{p.book_label} {slot_text(slot)}")
        picker = p.picker()
        self._picker_ids = [s.id for s in picker]
        self.other.blockSignals(True)
        self.other.clear()
        self.other.addItem(f"More… ({len(picker)})")
        for slot in picker:
            self.other.addItem(slot_text(slot))
        self.other.blockSignals(False)
        self.other.setEnabled(bool(picker))
        self.unbook.setVisible(p.mine is not None)
        for button, value in ((self.interviewed, True), (self.no_show, False)):
            button.setVisible(p.can_record)
            button.setChecked(p.can_record and p.attended is value)
        lines = p.other_lines
        self.elsewhere.setText("Also interviewing: " + "; ".join(lines) if lines else "")
        self.elsewhere.setVisible(bool(lines))
