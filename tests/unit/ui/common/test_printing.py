"""A system printer is ready only when listed and not in error; asked of a fake source."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from fairdesk.ui.common import printing
from fairdesk.ui.common.presenters.badge_output import BadgeJob
from fairdesk.ui.common.printing import PrinterOutput, QtPrinters

State = QPrinter.PrinterState
JOB = BadgeJob("c1", "C-0001", "Kerlisha Joseph", b"%PDF-1.4 fake", "brother-62x100")


class FakePrinters:
    """What Qt would say; the test changes ``states`` as the printer changes."""

    def __init__(self, confirmed: bool = True, **states: State | None) -> None:
        self.states = dict(states)
        self.confirmed = confirmed  # False: a fault nothing can confirm (no lpstat)
        self.asked = 0

    def names(self) -> list[str]:
        self.asked += 1
        return list(self.states)

    def state(self, name: str) -> State | None:
        return self.states.get(name)

    def fault_confirmed(self, name: str) -> bool:
        return self.confirmed


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("states", "status"), [
    ({"QL-800": State.Idle}, "ready"),
    ({"QL-800": State.Active}, "ready"),  # printing someone else's job: it queues
    ({"QL-800": State.Error}, "error"),  # CUPS: queue stopped; Windows: paper out, offline
    ({"QL-800": State.Aborted}, "error"),
    ({"QL-800": None}, "missing"),  # listed, then gone before Qt could open it
    ({"Other": State.Idle}, "missing"),
    ({}, "missing"),
])
def test_ready_only_when_listed_and_not_in_error(states: dict[str, State | None],
                                                 status: str) -> None:
    output = PrinterOutput("QL-800", FakePrinters(**states))
    assert output.status() == status
    assert output.ready is (status == "ready")


def test_the_status_bar_names_the_fault_and_a_print_asks_afresh() -> None:
    printers, clock = FakePrinters(**{"QL-800": State.Error}), Clock()
    output = PrinterOutput("QL-800", printers, clock=clock)
    assert output.description == "Printer QL-800 (reports an error)"
    printers.states["QL-800"] = State.Idle  # paper put in
    assert output.description == "Printer QL-800 (reports an error)"  # read 0 s ago
    assert output.ready  # the kiosk's question is never answered from the old reading
    del printers.states["QL-800"]
    clock.now += printing.STATUS_MAX_AGE_S
    assert output.description == "Printer QL-800 (not found)"


def _send(qtbot: Any, output: PrinterOutput) -> tuple[list[str], list[str]]:
    done: list[str] = []
    failed: list[str] = []
    output.send(JOB, lambda _job, where: done.append(where),
                lambda _job, why: failed.append(why))
    qtbot.waitUntil(lambda: bool(done or failed), timeout=5000)
    return done, failed


def test_a_job_for_a_printer_in_error_is_refused_naming_it(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    monkeypatch.setattr(printing, "print_pdf", lambda name, _pdf, _title: sent.append(name))
    printers = FakePrinters(**{"QL-800": State.Error})
    done, failed = _send(qtbot, PrinterOutput("QL-800", printers))
    assert done == [] and sent == []  # nothing waits in a stopped queue to print later
    assert failed[0].startswith("the printer QL-800 reports an error (out of paper")
    assert "reprint (Ctrl+P)" in failed[0]
    printers.states.clear()
    _done, failed = _send(qtbot, PrinterOutput("QL-800", printers))
    assert "QL-800 is not in this computer's printer list" in failed[0]


def test_a_fault_nothing_confirms_is_sent_at_the_desk_and_refused_at_the_kiosk(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows reports toner low as Error, and has no lpstat to ask: refusing it
    would stop every badge at a desk whose printer works."""
    monkeypatch.setattr(printing, "print_pdf", lambda name, _pdf, _title: name)
    output = PrinterOutput("QL-800", FakePrinters(confirmed=False, **{"QL-800": State.Error}))
    assert output.status() == "doubt"
    assert not output.ready  # the kiosk: no one watches the printer, to the desk
    assert output.description == ("Printer QL-800 (may have a fault: check it if badges do "
                                  "not come out)")
    done, failed = _send(qtbot, output)
    assert done == ["QL-800"] and failed == []


def test_a_job_for_a_ready_printer_is_printed(qtbot: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "print_pdf", lambda name, _pdf, _title: name)
    done, failed = _send(qtbot, PrinterOutput("QL-800", FakePrinters(**{"QL-800": State.Idle})))
    assert done == ["QL-800"] and failed == []


def test_qt_s_own_source_answers_for_a_printer_this_machine_lacks(qapp: Any) -> None:
    output = PrinterOutput("FairDesk test printer that does not exist", QtPrinters())
    assert output.status() == "missing" and not output.ready


@pytest.mark.parametrize(("said", "working"), [
    ("printer QL-800 is idle.  enabled since Fri 04 Dec 2026 09:00:00 AM AST\n", True),
    ("printer QL-800 now printing QL-800-12.  enabled since Fri 04 Dec 2026\n", True),
    ("printer QL-800 disabled since Fri 04 Dec 2026 09:00:00 AM AST -\n\treason unknown\n",
     False),
    ("printer QL-8000 is idle.  enabled since Fri 04 Dec 2026\n", None),  # another queue
    ("", None),
])
def test_lpstat_tells_a_working_cups_queue_from_a_stopped_one(said: str,
                                                             working: bool | None) -> None:
    assert printing.cups_working(said, "QL-800") is working


def test_a_cups_queue_qt_calls_in_error_but_lpstat_calls_idle_is_ready(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt maps a CUPS queue with no printer-state to Error, like a stopped one."""
    class Info:
        def __init__(self, state: State) -> None:
            self._state = state

        def isNull(self) -> bool:
            return False

        def state(self) -> State:
            return self._state

    said = {"QL-800": "printer QL-800 is idle.  enabled since today\n",
            "Stopped": "printer Stopped disabled since today -\n"}
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing.QPrinterInfo, "printerInfo",
                        staticmethod(lambda name: Info(State.Error)))
    asked: list[str] = []
    printers = QtPrinters(run=lambda command: asked.append(command[-1]) or said[command[-1]])
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: ["QL-800", "Stopped"]))
    assert printers.state("QL-800") == State.Idle
    assert printers.state("Stopped") == State.Error and printers.fault_confirmed("Stopped")
    asked.clear()
    assert printing.printer_status("Stopped", printers) == "error"
    assert asked == ["Stopped"]  # one lpstat per reading, not one for each question
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)  # no CUPS: Qt's word,
    assert printers.state("QL-800") == State.Error  # but not confirmed
    assert not printers.fault_confirmed("QL-800")
    assert printing.printer_status("QL-800", printers) == "doubt"
