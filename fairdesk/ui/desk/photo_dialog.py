"""“Photo of a paper résumé”: live camera picture, Space takes a page, Enter uses them.

A passive view of :class:`~fairdesk.ui.desk.presenters.photo.PhotoPages`. Pictures
come from any :class:`~fairdesk.ui.common.camera.FrameSource` (the webcam through
QtMultimedia, or a fake source of rendered pages in tests). Keyboard alone:
Space takes a photo, Alt+R retakes the selected page, arrows choose a page,
Enter uses these pages, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.camera import FrameSource
from fairdesk.ui.common.widgets import button, label, shortcut
from fairdesk.ui.desk.presenters.photo import PhotoPages

PREVIEW = QSize(560, 420)
THUMB = QSize(96, 128)
JPEG_QUALITY = 88


def jpeg_bytes(image: QImage) -> bytes:
    """A picture as JPEG bytes (what the presenter keeps and the PDF holds)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rgb.save(buffer, "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]  # stub wants bytes
    buffer.close()
    return bytes(data.data())


class PhotoDialog(QDialog):
    def __init__(self, pages: PhotoPages, source: FrameSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.source = source
        self.last_frame = QImage()
        self.setWindowTitle("Photo of a paper résumé")
        box = QVBoxLayout(self)
        box.addWidget(label("Photo of a paper résumé", "title"))
        body = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Camera picture")
        self.preview.setStyleSheet("background: #1d2733; color: #ffffff; padding: 12px;")
        left = QVBoxLayout()
        left.addWidget(self.preview)
        self.take_button = button("Take photo  (Space)", self.take,
                                  tip="Take the picture shown now as the next page (Space)")
        self.take_button.setAutoDefault(False)
        self.take_button.setAccessibleName("Take photo")
        self.take_button.setMinimumHeight(44)
        left.addWidget(self.take_button)
        body.addLayout(left)
        body.addLayout(self._side())
        box.addLayout(body)
        self.status = label("", "subtitle", wrap=True)
        self.status.setAccessibleName("What to do")
        box.addWidget(self.status)
        self.error = label("", "error", wrap=True)
        box.addWidget(self.error)
        box.addWidget(self._buttons())
        shortcut(self, "Space", self.take)
        source.frame.connect(self._frame)
        source.failed.connect(pages.camera_failed)
        pages.on_change = self.redraw
        pages.on_message = lambda m: self.error.setText(m.text if m.level != "info" else "")
        self.redraw()

    def _side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        side.addWidget(label("Pages", "subtitle"))
        self.list = QListWidget()
        self.list.setAccessibleName("Pages taken")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.TopToBottom)
        self.list.setWrapping(False)
        self.list.setIconSize(THUMB)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedWidth(THUMB.width() + 40)
        self.list.currentRowChanged.connect(self.pages.select)
        side.addWidget(self.list, 1)
        self.retake_button = button("&Retake page", self.pages.retake,
                                    tip="Take the selected page again (Alt+R)")
        self.retake_button.setAutoDefault(False)
        side.addWidget(self.retake_button)
        return side

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.use_button = buttons.addButton("&Use these pages",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setDefault(True)
        self.use_button.setToolTip("Join the pages into one PDF résumé (Enter)")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.use)
        buttons.rejected.connect(self.reject)
        return buttons

    # ---------------------------------------------------------- drawing
    def redraw(self) -> None:
        p = self.pages
        self.status.setText(p.status)
        if not p.available or not p.ready:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(p.status)
        self.take_button.setEnabled(p.can_take)
        self.take_button.setToolTip(p.status if not p.available else
                                    "Take the picture shown now as the next page (Space)")
        self.retake_button.setEnabled(p.can_retake)
        retake = "Cancel &retake" if p.replacing is not None else "&Retake page"
        self.retake_button.setText(retake)
        self.retake_button.setAccessibleName(retake.replace("&", ""))
        self.use_button.setEnabled(p.can_use)
        self._redraw_list()

    def _redraw_list(self) -> None:
        p = self.pages
        self.list.blockSignals(True)
        self.list.clear()
        for number, photo in enumerate(p.pages, start=1):
            image = QImage.fromData(photo)
            thumb = QPixmap.fromImage(image.scaled(
                THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            retaking = " (retake)" if p.replacing == number - 1 else ""
            item = QListWidgetItem(QIcon(thumb), f"Page {number}{retaking}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Page {number}{retaking}")
            self.list.addItem(item)
        self.list.setCurrentRow(p.selected)
        self.list.blockSignals(False)

    # ---------------------------------------------------------- input
    def _frame(self, image: QImage) -> None:
        self.last_frame = image
        if not self.pages.available:
            return
        self.pages.camera_ready()
        self.preview.setPixmap(QPixmap.fromImage(image.scaled(
            PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation)))

    def take(self) -> None:
        frame = self.last_frame
        self.pages.take(jpeg_bytes(frame) if not frame.isNull() else None)

    def use(self) -> None:
        if self.pages.use() is not None:
            self.accept()

    def reject(self) -> None:
        self.pages.cancel()
        super().reject()

    # ---------------------------------------------------------- camera on/off
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.pages.available and not self.source.running:
            self.source.start()
        self.list.setFocus()

    def done(self, result: int) -> None:
        self.source.stop()
        super().done(result)
