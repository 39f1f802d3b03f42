"""The "Check this device" dialog: a passive view of :class:`DeviceCheckPresenter`."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fairdesk.ui.common import jobs
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.launcher.presenters.device_check import DeviceCheckPresenter

GREEN, RED = "#1B7F3B", "#B3261E"


class DeviceCheckDialog(QDialog):
    def __init__(self, presenter: DeviceCheckPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("Check this device")
        self.resize(820, 560)
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

        return bool(QThreadPool.globalInstance().waitForDone(msecs))

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
