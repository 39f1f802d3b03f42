"""Organizer: badge branding with a live preview of each layout."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QImage,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.pdf_images import pdf_pages
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.branding import COLOURS, BrandingPresenter, clean_colour

DEBOUNCE_MS = 250
_COLOUR_TEXT = {"roster_colour": "Pre-registered band", "walk_in_colour": "Walk-in band"}


def _pages(pdf: bytes, height: int) -> list[QImage]:
    """Each page of ``pdf`` as an image ``height`` pixels tall."""
    return pdf_pages(pdf, lambda page_height: height / page_height)


def rasterise(pdf: bytes, height: int, gap: int = 24) -> QImage:
    """The pages of ``pdf`` side by side, each ``height`` pixels tall, framed."""
    pages = _pages(pdf, height)
    if not pages:
        return QImage()
    total = sum(p.width() for p in pages) + gap * (len(pages) - 1)
    sheet = QImage(total, height, QImage.Format.Format_ARGB32)
    sheet.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sheet)
    x = 0
    for page in pages:
        painter.drawImage(x, 0, page)
        painter.setPen(QColor("#c3ccd5"))
        painter.drawRect(x, 0, page.width() - 1, page.height() - 1)
        x += page.width() + gap
    painter.end()
    return sheet


class BadgesPage(QWidget):
    def __init__(self, presenter: BrandingPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.image = QImage()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_preview)
        box = QVBoxLayout(self)
        box.addWidget(label("Badges", "title"))
        box.addWidget(label("What every printed badge looks like. The preview follows your "
                            "changes; Save makes the desks print with them.", "subtitle",
                            wrap=True))
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._form())
        left.addStretch(1)
        row.addLayout(left)
        row.addWidget(self._preview(), 1)
        box.addLayout(row, 1)
        presenter.on_change = self.redraw

    # ------------------------------------------------------------ building
    def _form(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        card.setFixedWidth(440)
        form = QFormLayout(card)
        self.event_line = self._line_edit("Event name line", "event_line")
        form.addRow("Event name line", self.event_line)
        form.addRow("", label("The event's name, printed on the coloured band.",
                              "subtitle", wrap=True))
        self.logo = self._line_edit("Logo file", "logo")
        self.logo.setPlaceholderText("No logo: the name fills the band")
        form.addRow("Logo", self.logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(button("Choose logo…", self.choose_logo))
        logo_row.addWidget(button("Remove logo", lambda: self.presenter.edit("logo", "")))
        logo_row.addStretch(1)
        form.addRow("", logo_row)
        self.swatches: dict[str, QPushButton] = {}
        self.hexes: dict[str, QLineEdit] = {}
        for key in COLOURS:
            form.addRow(_COLOUR_TEXT[key], self._colour_row(key))
        self.errors = label("", "error", wrap=True)
        form.addRow(self.errors)
        form.addRow(self._actions())
        return card

    def _line_edit(self, name: str, field: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.textEdited.connect(lambda text: self.presenter.edit(field, text))
        return edit

    def _colour_row(self, key: str) -> QHBoxLayout:
        swatch = QPushButton()
        swatch.setFixedSize(44, 28)
        swatch.setAccessibleName(f"Pick the {_COLOUR_TEXT[key].lower()} colour")
        swatch.setToolTip("Pick a colour")
        swatch.clicked.connect(lambda _c=False, k=key: self.pick_colour(k))
        edit = self._line_edit(f"{_COLOUR_TEXT[key]} colour", key)
        edit.setMaxLength(7)
        edit.setPlaceholderText("#1F4E8C")
        self.swatches[key], self.hexes[key] = swatch, edit
        row = QHBoxLayout()
        row.addWidget(swatch)
        row.addWidget(edit, 1)
        return row

    def _actions(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(button("Default colours", self.presenter.reset_colours))
        top.addStretch(1)
        self.revert = button("Revert", self.presenter.revert)
        self.save = button("&Save", self._save, shortcut="Ctrl+S", primary=True)
        top.addWidget(self.revert)
        top.addWidget(self.save)
        rows.addLayout(top)
        self.test_sheet = button("Print a &test sheet…", self.print_test_sheet,
                                 tip="Save a full page of sample badges as a PDF")
        rows.addWidget(self.test_sheet, 0, Qt.AlignmentFlag.AlignLeft)
        return rows

    def _preview(self) -> QWidget:
        holder = QFrame()
        holder.setObjectName("card")
        column = QVBoxLayout(holder)
        top = QHBoxLayout()
        top.addWidget(label("Layout"))
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName("Badge layout")
        for name, title in self.presenter.layouts:
            self.layout_box.addItem(title, name)
        self.layout_box.currentIndexChanged.connect(
            lambda i: self.presenter.set_layout(self.layout_box.itemData(i)))
        top.addWidget(self.layout_box, 1)
        column.addLayout(top)
        self.caption = label("", "subtitle", wrap=True)
        column.addWidget(self.caption)
        self.sheet = label("Drawing the preview…", "preview", wrap=True)
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sheet.setAccessibleName("Badge preview")
        self.sheet.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.sheet.setMinimumSize(200, 200)
        column.addWidget(self.sheet, 1)
        return holder

    # ------------------------------------------------------------ drawing
    def redraw(self) -> None:
        p = self.presenter
        for field, edit in (("event_line", self.event_line), ("logo", self.logo),
                            *((k, self.hexes[k]) for k in COLOURS)):
            if edit.text() != p.draft.get(field, ""):
                edit.setText(p.draft.get(field, ""))
            edit.setProperty("invalid", field in p.errors)
            edit.setToolTip(p.errors.get(field, ""))
        for key, swatch in self.swatches.items():
            colour = clean_colour(p.draft.get(key, "")) or p.saved.get(key, "#FFFFFF")
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #51606f;")
        self.errors.setText("\n".join(p.errors.values()))
        self.errors.setVisible(bool(p.errors))
        index = self.layout_box.findData(p.layout)
        if index != self.layout_box.currentIndex():
            self.layout_box.setCurrentIndex(index)
        self.save.setEnabled(p.can_save)
        self.revert.setEnabled(p.dirty)
        self.caption.setText("A pre-registered and a walk-in sample"
                             + (", with changes not saved yet." if p.dirty else "."))
        if p.stale and self.isVisible():  # a hidden page draws when it is shown
            self.timer.start()

    def refresh_preview(self) -> None:
        self.timer.stop()
        pdf = self.presenter.preview_pdf()
        if pdf is None:
            self.image = QImage()
            self.sheet.setPixmap(QPixmap())
            self.sheet.setText(self.presenter.preview_error)
            return
        self.image = rasterise(pdf, 720)
        self._show_image()

    def _show_image(self) -> None:
        if self.image.isNull():
            return
        area = self.sheet.size() - QSize(16, 16)
        scaled = self.image.scaled(area, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.sheet.setPixmap(QPixmap.fromImage(scaled))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.presenter.stale:
            self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_image()

    # ------------------------------------------------------------ dialogs
    def _save(self) -> None:
        self.presenter.save()

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the logo", "",
                                              "Images (*.png *.jpg *.jpeg)")
        if path:
            self.presenter.edit("logo", path)

    def pick_colour(self, key: str) -> None:
        start = QColor(clean_colour(self.presenter.draft.get(key, "")) or "#FFFFFF")
        colour = QColorDialog.getColor(start, self, _COLOUR_TEXT[key])
        if colour.isValid():
            self.presenter.edit(key, colour.name().upper())

    def print_test_sheet(self) -> None:
        name = f"test-sheet-{self.presenter.layout}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save a test sheet", name, "PDF (*.pdf)")
        if path:
            self.presenter.write_test_sheet(path if path.lower().endswith(".pdf")
                                            else path + ".pdf")
