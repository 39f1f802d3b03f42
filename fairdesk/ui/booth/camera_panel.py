"""The booth's camera panel: preview, start/stop, "No camera found", a green flash."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from fairdesk.ui.booth.card import TOUCH
from fairdesk.ui.common.camera import DecoderWorker, FrameSource, SuccessSound

PREVIEW = (288, 162)


class CameraPanel(QFrame):
    def __init__(self, source: FrameSource, on_code: Callable[[str], bool],
                 sound: SuccessSound | None = None) -> None:
        super().__init__()
        self.setObjectName("cameraPanel")
        self.source = source
        self.on_code = on_code
        self.sound = sound or SuccessSound()
        self.worker = DecoderWorker(parent=self)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        box.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        self.toggle = QPushButton()
        self.toggle.setMinimumHeight(TOUCH - 8)
        self.toggle.clicked.connect(self._toggle)
        box.addWidget(self.toggle)
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(lambda: self._flashing(False))
        source.frame.connect(self._frame)
        self.worker.decoded.connect(self._decoded)
        self._render()

    def _render(self) -> None:
        if not self.source.available:
            self.preview.setText(self.source.problem)
            self.toggle.setText("Camera unavailable")
            self.toggle.setEnabled(False)
            return
        self.toggle.setText("Stop camera" if self.source.running else "Start camera")
        if not self.source.running:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Camera off")

    def _toggle(self) -> None:
        if self.source.running:
            self.source.stop()
        else:
            self.source.start()
        self._render()

    def _frame(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            *PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))
        self.worker.submit(image)

    def _decoded(self, text: str) -> None:
        if self.on_code(text):
            self.sound.play()
            self._flashing(True)
            self._flash.start(500)

    def _flashing(self, on: bool) -> None:
        self.setProperty("flash", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def shutdown(self) -> None:
        self.source.stop()
        self.worker.wait()
