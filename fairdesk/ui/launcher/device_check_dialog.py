"""The "Check this device" dialog: a passive view of :class:`DeviceCheckPresenter`.

Beside the test badge: the scanner field and the camera's live preview, whose
decoded codes go to the presenter; with no camera the preview says so.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fairdesk.ui.common import jobs
from fairdesk.ui.common.camera import CameraSource, DecoderWorker, FrameSource
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.launcher.presenters.device_check import DeviceCheckPresenter

GREEN, RED = "#1B7F3B", "#B3261E"
PREVIEW = (280, 158)


class DeviceCheckDialog(QDialog):
    def __init__(self, presenter: DeviceCheckPresenter, parent: QWidget | None = None,
                 camera: Callable[[], FrameSource] = CameraSource) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.camera = camera()
        self.camera.setParent(self)
        self.worker = DecoderWorker(parent=self)
        self.setWindowTitle("Check this device")
        self.resize(860, 640)
        self._job: jobs.Job | None = None
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(label("Check this device", "title"))
        self.summary = label("", "subtitle", wrap=True)
        left.addWidget(self.summary)
        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.lines.setAccessibleName("Check results")
        left.addWidget(self.lines, 1)
        self.again = button("&Check again", self.run, primary=True)
        left.addWidget(self.again)
        root.addLayout(left, 3)
        root.addLayout(self._scanner_side(), 2)
        presenter.on_change = self.redraw
        self.redraw()

    def _scanner_side(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(label("Test badge: scan it from the screen or from the printed page.",
                            wrap=True))
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumSize(280, 210)
        box.addWidget(self.badge, 1)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText("Scan the test badge here")
        self.scan.setAccessibleName("Scanner test")
        self.scan.returnPressed.connect(self._scanned)
        box.addWidget(self.scan)
        box.addWidget(label("Camera: hold the printed test badge in front of it.", wrap=True))
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Camera preview")
        box.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        if self.camera.available:
            self.preview.setText("Camera starting…")
            self.camera.frame.connect(self._frame)
            self.camera.failed.connect(self._camera_failed)
            self.worker.decoded.connect(self.presenter.camera_decoded)
        else:
            self.preview.setText(self.camera.problem)
        return box

    # ---------------------------------------------------------- actions
    def run(self) -> None:
        work = self.presenter.start()
        if work is None:
            return
        self._show_badge()
        self._job = jobs.start(lambda _progress, _cancelled: work(), self._done, self._failed)

    def _done(self, results: object) -> None:
        self._job = None
        self.presenter.finished(results)  # type: ignore[arg-type]
        self.scan.setFocus()

    def _failed(self, error: Exception) -> None:
        self._job = None
        self.presenter.failed(error)

    def _scanned(self) -> None:
        self.presenter.scanned(self.scan.text())
        self.scan.clear()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the running check is done (tests, closing)."""
        from PySide6.QtCore import QThreadPool

        self.camera.stop()
        self.worker.wait(msecs)
        return bool(QThreadPool.globalInstance().waitForDone(msecs))

    # ---------------------------------------------------------- camera
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.camera.start()  # a source with no camera stays stopped

    def hideEvent(self, event: QHideEvent) -> None:
        self.camera.stop()  # the camera light goes off with the dialog
        super().hideEvent(event)

    def _frame(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            *PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))
        self.worker.submit(image)

    def _camera_failed(self, problem: str) -> None:
        self.preview.setPixmap(QPixmap())
        self.preview.setText(problem)
        self.presenter.camera_failed(problem)

    # ---------------------------------------------------------- rendering
    def _show_badge(self) -> None:
        if self.presenter.badge is None or not self.badge.pixmap().isNull():
            return
        try:
            from fairdesk.ui.common.pdf_images import pdf_pages

            images = pdf_pages(self.presenter.badge.pdf, lambda height: 260 / height)
        except ImportError:
            self.badge.setText("(the badge preview needs pypdfium2)")
            return
        if images:
            self.badge.setPixmap(QPixmap.fromImage(images[0]))

    def redraw(self) -> None:
        p = self.presenter
        self.summary.setText(p.summary)
        rows = []
        for line in p.lines:
            colour = GREEN if line.ok else RED
            fix = f"<br><i>→ {escape(line.fix)}</i>" if line.fix and not line.ok else ""
            rows.append(f"<p><span style='color:{colour}; font-weight:bold'>{line.mark} "
                        f"{escape(line.name)}</span> — {escape(line.detail)}{fix}</p>")
        self.lines.setText("".join(rows))
        self.again.setEnabled(not p.running)
