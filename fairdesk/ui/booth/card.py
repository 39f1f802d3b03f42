"""The candidate card: who it is, a one-tap rating, tag chips, notes, Phase Two, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.services.booth import BoothCard
from fairdesk.ui.booth.interview_panel import InterviewPanel
from fairdesk.ui.booth.presenters.booth import NOTES_DEBOUNCE_MS, BoothPresenter
from fairdesk.ui.booth.presenters.interviews import InterviewPresenter
from fairdesk.ui.common.widgets import label

TOUCH = 56  # px: comfortably above 9 mm on a 10" 1280×800 tablet
FACTS = (("Wants to work as", "roles"), ("Languages", "languages"), ("Education", "education"),
         ("District", "district"), ("Experience", "experience"))


def _big(text: str, checkable: bool = False, name: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setMinimumHeight(TOUCH)
    widget.setCheckable(checkable)
    if name:
        widget.setObjectName(name)
    return widget


class CandidateCard(QStackedWidget):
    def __init__(self, presenter: BoothPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.booking = InterviewPresenter(presenter.session, presenter.employer)
        self.booking.on_booked = presenter.refresh_card
        self.booking.on_message = lambda message: presenter.say(message.level, message.text,
                                                                message.code)
        self._shown: str | None = None
        self.empty = label("Scan a badge\n\nHold it under the scanner or the camera,\n"
                           "or type the ref code (like C-0147) and press Enter.", "bigEmpty")
        self.addWidget(self.empty)
        self.addWidget(self._build())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(NOTES_DEBOUNCE_MS)
        self._debounce.timeout.connect(presenter.save_notes)
        presenter.on_notes_pending = self._debounce.start

    def _build(self) -> QWidget:
        """Everything scrolls but the interview booking, Phase Two and undo, which stay
        at the card's foot: a long list of tags or slots must not push the window past
        a 1280×800 screen (it did, to 831 px, cutting Phase Two off), nor the actions
        off the card. A finger drags the rest (kinetic scrolling on touch)."""
        page = QFrame()
        page.setObjectName("boothCard")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 8)
        content = QWidget()
        content.setObjectName("boothCardContent")
        box = QVBoxLayout(content)
        box.setSpacing(6)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("boothCardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        QScroller.grabGesture(self.scroll_area.viewport(),
                              QScroller.ScrollerGestureType.TouchGesture)
        outer.addWidget(self.scroll_area, 1)
        self.name = label("", "cardName", wrap=True)
        self.status = label("", "cardStatus")
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.status)
        box.addLayout(head)
        self.ref = label("", "cardRef")
        box.addWidget(self.ref)
        box.addLayout(self._facts())
        box.addLayout(self._ratings())  # "1 ★"… and the tag chips say what they are
        self.tag_grid = QGridLayout()
        self.tag_grid.setSpacing(8)
        box.addLayout(self.tag_grid)
        self.tag_buttons: dict[str, QPushButton] = {}
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Notes: saved as you type")
        self.notes.setAccessibleName("Notes")
        self.notes.setMinimumHeight(60)
        self.notes.setMaximumHeight(96)  # three lines; its own scroll bar past them
        self.notes.textChanged.connect(
            lambda: self.presenter.notes_edited(self.notes.toPlainText()))
        box.addWidget(self.notes)
        box.addStretch(1)
        foot = QVBoxLayout()  # booking and Phase Two: always in sight, never scrolled away
        foot.setContentsMargins(9, 0, 9, 0)
        self.interviews = InterviewPanel(self.booking)
        foot.addWidget(self.interviews)
        foot.addLayout(self._actions())
        outer.addLayout(foot)
        return page

    def _facts(self) -> QGridLayout:
        """The roles on a line of their own, the short facts two to a line."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.facts: dict[str, QLabel] = {}
        for n, (title, key) in enumerate(FACTS):
            row, column = (0, 0) if n == 0 else ((n + 1) // 2, 2 * ((n - 1) % 2))
            grid.addWidget(label(title, "factTitle"), row, column)
            self.facts[key] = label("", "fact", wrap=True)
            grid.addWidget(self.facts[key], row, column + 1, 1, 3 if n == 0 else 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _ratings(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.stars: list[QPushButton] = []
        for n in range(1, 6):
            button = _big(f"{n} ★", checkable=True, name="star")
            button.setMinimumWidth(TOUCH + 8)
            button.setToolTip(f"Rate {n} of 5 (Alt+{n}); tap again to clear")
            button.setShortcut(f"Alt+{n}")
            button.setAccessibleName(f"Rate {n}")
            button.clicked.connect(lambda _=False, n=n: self.presenter.rate(n))
            self.stars.append(button)
            row.addWidget(button)
        return row

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.phase_two = _big("Phase Two", checkable=True, name="phaseTwo")
        self.phase_two.setToolTip("Invite to the next interview round (Alt+P)")
        self.phase_two.setShortcut("Alt+P")
        self.phase_two.clicked.connect(lambda _=False: self.presenter.toggle_phase_two())
        self.undo = _big("Undo last scan", name="undo")
        self.undo.setToolTip("Take back the last scan (Ctrl+Z)")
        self.undo.setShortcut("Ctrl+Z")
        self.undo.clicked.connect(lambda _=False: self.presenter.undo_last_scan())
        row.addWidget(self.phase_two, 2)
        row.addWidget(self.undo, 1)
        return row

    # ---------------------------------------------------------- rendering
    def refresh(self) -> None:
        card = self.presenter.card
        self.undo.setEnabled(self.presenter.can_undo)
        if card is None:
            self._shown = None
            self.setCurrentIndex(0)
            return
        self.setCurrentIndex(1)
        self._show(card)

    def _show(self, card: BoothCard) -> None:
        self.name.setText(card.name)
        self.status.setText(self.presenter.status)
        kind = "Walk-in" if card.walk_in else "Registered"
        ref = "ref arrives with sync" if card.stub else card.ref
        self.ref.setText(f"{ref}  ·  {kind}  ·  scanned {card.seen_count}×")
        for key, widget in self.facts.items():
            value = getattr(card, key)
            text = ", ".join(value) if isinstance(value, tuple) else value
            widget.setText(text or "—")
        for n, button in enumerate(self.stars, start=1):
            button.setChecked(card.rating == n)
        self._tags(card)
        self.booking.show(card.candidate_id)
        self.phase_two.setChecked(card.shortlist)
        self.phase_two.setText("✓ Phase Two" if card.shortlist else "Phase Two")
        if self._shown != card.visit_id:  # never overwrite notes being typed
            self._debounce.stop()
            self.notes.blockSignals(True)
            self.notes.setPlainText(card.notes)
            self.notes.blockSignals(False)
            self._shown = card.visit_id

    def _tags(self, card: BoothCard) -> None:
        wanted = list(self.presenter.employer.tags) + [
            t for t in card.tags if t not in self.presenter.employer.tags]
        if list(self.tag_buttons) != wanted:
            for button in self.tag_buttons.values():
                button.deleteLater()
            self.tag_buttons = {}
            for index, tag in enumerate(wanted):
                chip = _big(tag, checkable=True, name="chip")
                chip.clicked.connect(lambda _=False, t=tag: self.presenter.toggle_tag(t))
                self.tag_grid.addWidget(chip, index // 4, index % 4)
                self.tag_buttons[tag] = chip
        for tag, chip in self.tag_buttons.items():
            chip.setChecked(tag in card.tags)
