"""Reading badges with a camera: frame sources, a throttled decoder worker, a sound.

``FrameSource`` hands out ``QImage`` frames: :class:`CameraSource` from
QtMultimedia (QCamera → QMediaCaptureSession → QVideoSink), or
:class:`ImageFrameSource` fed by hand (tests, the bench, a demo). Frames go to
:class:`DecoderWorker`, which decodes at most ``fps`` frames a second on its
own one-thread pool and drops frames that arrive while it is busy, so the
preview never waits for zxing-cpp. A decoded text comes back on the GUI thread
and goes down the same path as a keyboard-wedge scan.

With no camera the source says "No camera found" and never starts; nothing
raises and Qt prints no warning (the multimedia plugin's "library not found"
chatter is filtered before QtMultimedia is first touched).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import zxingcpp
from PySide6.QtCore import QLoggingCategory, QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QImage

from fairdesk.resources import HERE as RESOURCES
from fairdesk.ui.common.jobs import Job

MAX_SIDE = 1280  # 720p frames pass whole (a badge at arm's length needs every pixel)
DECODE_FPS = 8.0
SOUND = RESOURCES / "sounds" / "scan-ok.wav"
# The multimedia plugin reports optional libraries (PipeWire, VA-API) it could not load
# as warnings; a booth without them works, so they are not worth a line on a console.
_QUIET_RULES = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def quiet_multimedia() -> None:
    """Filter QtMultimedia's start-up chatter (call before QtMultimedia is first used)."""
    QLoggingCategory.setFilterRules(_QUIET_RULES)


def prepare(image: QImage, max_side: int = MAX_SIDE) -> QImage:
    """Grayscale, and no larger than ``max_side``: what the decoder needs, 3–4× less work."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if max(gray.width(), gray.height()) > max_side:
        gray = gray.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    return gray


def decode_image(image: QImage, max_side: int = MAX_SIDE) -> list[str]:
    """The QR texts in a frame (QR codes only: badges carry nothing else)."""
    found = zxingcpp.read_barcodes(prepare(image, max_side),
                                   formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [b.text for b in found if b.valid and b.text]


# ---------------------------------------------------------------- sources
class FrameSource(QObject):
    """Emits ``frame(QImage)``; ``problem`` is a sentence when it cannot run.

    ``failed(sentence)`` is emitted when a running source stops by itself.
    """

    frame = Signal(QImage)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem = ""
        self.running = False

    @property
    def available(self) -> bool:
        return not self.problem

    def start(self) -> None:
        self.running = self.available

    def stop(self) -> None:
        self.running = False


class ImageFrameSource(FrameSource):
    """Frames pushed by hand: images of rendered badges in tests and the bench."""

    def push(self, image: QImage) -> None:
        if self.running:
            self.frame.emit(image)


class CameraSource(FrameSource):
    """The device's camera through QtMultimedia; "No camera found" when there is none."""

    NO_CAMERA = "No camera found. Use the scanner or type the ref code."

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        quiet_multimedia()
        from PySide6.QtMultimedia import QMediaDevices

        inputs = QMediaDevices.videoInputs()
        self._camera: Any = None
        if not inputs:
            self.problem = self.NO_CAMERA
            return
        self._build(QMediaDevices.defaultVideoInput())

    def _build(self, device: Any) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        camera = QCamera(device, self)
        self._camera = camera
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._frame)
        camera.errorOccurred.connect(self._failed)

    def _frame(self, frame: object) -> None:
        image = frame.toImage()  # type: ignore[attr-defined]
        if not image.isNull():
            self.frame.emit(image)

    def _failed(self, error: object, text: str) -> None:
        self.problem = f"The camera stopped: {text or error}"
        self.running = False
        self.failed.emit(self.problem)

    def start(self) -> None:
        if self._camera is not None and self.available:
            self._camera.start()
        super().start()

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        super().stop()


PAGE_PIXELS = 1920 * 1080  # an A4 page filling a full-HD picture is ~130 dpi: readable


class PageCameraSource(CameraSource):
    """A camera for photographing paper pages: its sharpest smooth picture, up to full HD.

    Larger formats (4K) would make every preview frame a 25 MB conversion on the
    GUI thread for little gain on a sheet of paper held at arm's length.
    """

    NO_CAMERA = ("No camera found on this computer: plug in a webcam, or attach the "
                 "résumé as a file instead.")

    def _build(self, device: Any) -> None:
        super()._build(device)
        best = page_format(device.videoFormats())
        if best is not None:
            self._camera.setCameraFormat(best)


def page_format(formats: list[Any]) -> Any:
    """The format to photograph pages with: most pixels up to full HD, at 10 fps or more."""
    def pixels(f: Any) -> int:
        return int(f.resolution().width() * f.resolution().height())

    smooth = [f for f in formats if f.maxFrameRate() >= 10 and pixels(f) <= PAGE_PIXELS]
    pool = smooth or formats
    return max(pool, key=lambda f: (pixels(f), f.maxFrameRate())) if pool else None


# ---------------------------------------------------------------- decoding
class DecoderWorker(QObject):
    """Decodes frames off the GUI thread, at most ``fps`` a second, dropping the rest."""

    decoded = Signal(str)
    failed = Signal(str)

    def __init__(self, fps: float = DECODE_FPS, max_side: int = MAX_SIDE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = 1.0 / fps if fps > 0 else 0.0
        self.max_side = max_side
        self.submitted = self.decoded_frames = self.dropped = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job: Job | None = None
        self._last_start = -1e9

    @property
    def busy(self) -> bool:
        return self._job is not None

    def submit(self, image: QImage) -> bool:
        """Take a frame if idle and the throttle allows; False when it was dropped."""
        now = time.monotonic()
        if self.busy or now - self._last_start < self.interval:
            self.dropped += 1
            return False
        self._last_start = now
        self.submitted += 1
        frame = image.copy()  # the sink may reuse its buffer
        job = Job(lambda progress, cancelled: decode_image(frame, self.max_side))
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._error)
        self._job = job
        self._pool.start(job)
        return True

    def _done(self, texts: list[str]) -> None:
        self._job = None
        self.decoded_frames += 1
        for text in texts:
            self.decoded.emit(text)

    def _error(self, error: Exception) -> None:
        self._job = None
        self.failed.emit(str(error))

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the frame in hand is decoded (tests, closing)."""
        return bool(self._pool.waitForDone(msecs))


# ---------------------------------------------------------------- sound
def audio_likely() -> bool:
    """A sound server to play to (PulseAudio or PipeWire's Pulse socket)."""
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and Path(runtime, "pulse", "native").exists()


class SuccessSound:
    """The short "got it" sound; silent where no sound server runs (no Qt warning)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = audio_likely() if enabled is None else enabled
        self._effect: object | None = None
        self.played = 0

    def play(self) -> None:
        self.played += 1
        if not self.enabled or not SOUND.exists():
            return
        if self._effect is None:
            from PySide6.QtMultimedia import QSoundEffect

            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(SOUND)))
            effect.setVolume(0.8)
            self._effect = effect
        self._effect.play()  # type: ignore[attr-defined]
