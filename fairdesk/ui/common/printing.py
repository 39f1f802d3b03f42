"""Badges to paper (or to a folder), without a dialog per badge.

The desk picks its printer once (:func:`choose_printer`, a QPrintDialog; the
name is kept in the ``printer_name`` setting); each check-in then prints
straight away. The badge arrives as PDF bytes from the badges service: it is
rasterised at the printer's resolution and painted on the QPrinter page, off
the GUI thread (``fairdesk.ui.common.jobs``). "Print to folder" writes each badge PDF
into a folder instead (``--print-to DIR`` or the ``print_to_folder`` setting).

Rasterising uses pypdfium2 when it is installed (QtPdf is not in the PySide6
wheels this project uses); without it, a CUPS printer gets the PDF itself
through ``lp``, which every CUPS driver accepts.

A printer is ready when the system lists it and Qt does not report it in
error (``QPrinterInfo.state()``): under CUPS a stopped or paused queue (which
``lpstat`` confirms), on Windows paper out, offline, paused or any other
status bit, even toner low, which nothing here can confirm ("doubt": the
desk still sends, the kiosk sends the candidate to the desk). Qt reports the
printer, not a job, so a fault that starts after a job was taken is not
followed (docs/DECISIONS.md, Kiosk).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from fairdesk.services.app_settings import AppSettings
from fairdesk.ui.common import jobs
from fairdesk.ui.common.pdf_images import pdf_pages
from fairdesk.ui.common.presenters.badge_output import BadgeJob, BadgeOutput, Done, Failed, NoOutput
from fairdesk.ui.common.presenters.badge_output import write_to_folder as _write_to_folder


class RasteriseUnavailable(RuntimeError):
    pass


def rasterise(pdf: bytes, dpi: float) -> list[QImage]:
    """The pages of ``pdf`` as images at ``dpi`` (needs pypdfium2)."""
    try:
        return pdf_pages(pdf, lambda _height: dpi / 72)
    except ImportError as error:
        raise RasteriseUnavailable("pypdfium2 is not installed") from error


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """One image a page, scaled into the printable area, aspect kept."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"The printer {printer.printerName()!r} refused the job.")
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()


# ---------------------------------------------------------------- outputs
class _Threaded:
    """Runs one print job at a time off the GUI thread; results come back on it."""

    def __init__(self) -> None:
        self._jobs: set[jobs.Job] = set()

    def _start(self, work: Callable[[], str], job: BadgeJob, done: Done,
               failed: Failed) -> None:
        holder: list[jobs.Job] = []

        def finished(where: Any) -> None:
            self._jobs.discard(holder[0])
            done(job, str(where))

        def broke(error: Exception) -> None:
            self._jobs.discard(holder[0])
            failed(job, str(error) or type(error).__name__)

        started = jobs.start(lambda _progress, _cancelled: work(), finished, broke)
        holder.append(started)
        self._jobs.add(started)

    @property
    def busy(self) -> int:
        return len(self._jobs)


class FolderOutput(_Threaded):
    """Each badge becomes ``DIR/C-0147.pdf`` (reprints ``C-0147-2.pdf``)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    @property
    def description(self) -> str:
        return f"Print to folder {self.folder}"

    @property
    def ready(self) -> bool:
        return True

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        self._start(lambda: str(_write_to_folder(self.folder, job)), job, done, failed)


# "doubt": Qt reports a fault that nothing here can confirm (no lpstat: Windows); the
# desk still sends the badge and says so, the kiosk (no one to watch) does not.
PrinterStatus = Literal["ready", "missing", "error", "doubt"]
_FAULTS = (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted)
STATUS_MAX_AGE_S = 5.0  # the status bar's reading may be this old; a print asks afresh


class PrinterInfoSource(Protocol):
    """What a printer output asks of the system: :class:`QtPrinters`, or a fake
    in tests (they need no CUPS)."""

    def names(self) -> list[str]: ...

    def state(self, name: str) -> QPrinter.PrinterState | None:
        """None: the system has no printer of that name."""
        ...

    def fault_confirmed(self, name: str) -> bool:
        """After an Error or Aborted state: whether the spooler confirms it."""
        ...


Run = Callable[[list[str]], str]


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=3, check=True,
                          env={"LC_ALL": "C", "PATH": os.environ.get("PATH", "")})
    return done.stdout


class QtPrinters:
    """The system's printers as Qt sees them (``QPrinterInfo``, asked afresh each time).

    Qt maps a CUPS queue with no ``printer-state`` to Error as well as a
    stopped one, and on Windows any status bit (even toner low), so an Error
    is checked with ``lpstat -p`` where there is one: a queue it calls idle or
    printing is ready; one it calls disabled is a confirmed fault; with no
    answer the fault stays unconfirmed (:func:`printer_status`: "doubt").
    """

    def __init__(self, run: Run = _run) -> None:
        self.run = run
        self._said: tuple[str, bool | None] | None = None  # lpstat's answer to state()

    def names(self) -> list[str]:
        return list(QPrinterInfo.availablePrinterNames())

    def state(self, name: str) -> QPrinter.PrinterState | None:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return None
        state = info.state()
        self._said = None
        if state in _FAULTS:
            self._said = (name, self._cups(name))
            if self._said[1] is True:
                return QPrinter.PrinterState.Idle
        return state

    def fault_confirmed(self, name: str) -> bool:
        """Whether the spooler itself says the queue is stopped (asked after an Error:
        the answer :meth:`state` just had, so lpstat runs once per reading)."""
        said = self._said[1] if self._said is not None and self._said[0] == name \
            else self._cups(name)
        return said is False

    def _cups(self, name: str) -> bool | None:
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return None
        try:
            said = self.run([lpstat, "-p", name])
        except (OSError, subprocess.SubprocessError):
            return None
        return cups_working(said, name)


def cups_working(lpstat: str, name: str) -> bool | None:
    """What ``lpstat -p NAME`` (C locale) says of the queue: working, stopped, or nothing.

    ``printer QL-800 is idle.  enabled since …`` and ``printer QL-800 now
    printing QL-800-12.  enabled since …`` are working (True); ``printer
    QL-800 disabled since …`` (stopped, paused) is not (False); no line for
    that queue is no answer (None).
    """
    for line in lpstat.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "printer" and words[1] == name:
            return "disabled" not in words and (words[2:4] == ["is", "idle."]
                                                or words[2:4] == ["now", "printing"])
    return None


def printer_status(name: str, info: PrinterInfoSource) -> PrinterStatus:
    if name not in info.names():
        return "missing"
    state = info.state(name)
    if state is None:
        return "missing"
    if state not in _FAULTS:
        return "ready"
    return "error" if info.fault_confirmed(name) else "doubt"


def fault_sentence(name: str, status: PrinterStatus) -> str:
    """Why the badge was not sent to ``name``, for the desk worker."""
    if status == "missing":
        return (f"the printer {name} is not in this computer's printer list (unplugged, "
                "switched off or removed?). Reconnect it or choose another (Ctrl+Shift+P), "
                "then reprint (Ctrl+P).")
    return (f"the printer {name} reports an error (out of paper or labels, jammed, cover "
            "open, offline or paused). Fix it, then reprint (Ctrl+P).")


class PrinterOutput(_Threaded):
    """A named system printer, chosen once; no dialog per badge.

    ``ready`` asks the system each time (the kiosk asks before it records
    anything, and takes only "ready"); each job asks again off the GUI thread
    and is refused, with a sentence naming the printer, when the printer is
    missing or in a confirmed error, so a badge never waits in a stopped
    queue to come out after its reprint. A fault nothing can confirm is sent
    anyway: refusing it would stop every badge at a desk whose printer only
    reports low toner.
    """

    def __init__(self, printer_name: str, info: PrinterInfoSource | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.printer_name = printer_name
        self.info = info or QtPrinters()
        self.clock = clock
        self._seen: tuple[float, PrinterStatus] | None = None

    def status(self, max_age: float = 0.0) -> PrinterStatus:
        seen = self._seen
        if seen is not None and self.clock() - seen[0] < max_age:
            return seen[1]
        status = printer_status(self.printer_name, self.info)
        self._seen = (self.clock(), status)
        return status

    @property
    def description(self) -> str:
        notes = {"ready": "", "missing": " (not found)", "error": " (reports an error)",
                 "doubt": " (may have a fault: check it if badges do not come out)"}
        return f"Printer {self.printer_name}{notes[self.status(STATUS_MAX_AGE_S)]}"

    @property
    def ready(self) -> bool:
        return self.status() == "ready"

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        name = self.printer_name

        def work() -> str:
            status = self.status()
            if status in ("missing", "error"):  # "doubt": sent, the status bar says so
                raise OSError(fault_sentence(name, status))
            return print_pdf(name, job.pdf, job.ref)

        self._start(work, job, done, failed)


def print_pdf(printer_name: str, pdf: bytes, title: str) -> str:
    """Print ``pdf`` on ``printer_name`` now (call off the GUI thread)."""
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(printer_name)
        printer.setDocName(title)
        printer.setFullPage(True)
        images = rasterise(pdf, printer.resolution())
    except RasteriseUnavailable:
        return _print_with_lp(printer_name, pdf, title)
    paint_pages(printer, images)
    return printer_name


def _print_with_lp(printer_name: str, pdf: bytes, title: str) -> str:
    lp = shutil.which("lp")
    if lp is None:
        raise OSError("this computer can neither rasterise badges nor send PDFs to CUPS")
    subprocess.run([lp, "-d", printer_name, "-t", title, "-"], input=pdf, check=True,
                   capture_output=True, timeout=30)
    return printer_name


def make_output(settings: AppSettings, print_to: Path | None) -> BadgeOutput:
    """``--print-to`` wins, then the ``print_to_folder`` setting, then the chosen printer."""
    folder = print_to or (Path(settings.get("print_to_folder"))
                          if settings.get("print_to_folder") else None)
    if folder is not None:
        return FolderOutput(folder)
    if settings.get("printer_name"):
        return PrinterOutput(settings.get("printer_name"))
    return NoOutput()


# ---------------------------------------------------------------- dialogs
def choose_printer(parent: QWidget, current: str = "") -> str | None:
    """The print dialog, once: returns the chosen printer's name (``None``: cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if current:
        printer.setPrinterName(current)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Choose the badge printer for this desk")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer.printerName() or None


def preview(parent: QWidget, pdf: bytes, title: str) -> None:
    """Show a badge as it will print (needs pypdfium2)."""
    images = rasterise(pdf, 200)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if images:
        size = images[0].size()
        page = QPageSize(QRectF(0, 0, size.width() * 72 / 200,
                                size.height() * 72 / 200).size(), QPageSize.Unit.Point)
        printer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                          QPageLayout().margins()))
    printer.setFullPage(True)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Badge preview: {title}")
    dialog.paintRequested.connect(lambda p: paint_pages(p, images))
    dialog.exec()
