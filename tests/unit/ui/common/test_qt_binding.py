"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a
reference to it, so every emit whose result is dropped (every progress
callback, every ``done.emit``) takes one reference away from ``True``; after a
few hundred the interpreter aborts with "bool_dealloc" — a crash hours into a
fair. pyproject excludes that version; this test catches the next one like it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)
    pair = Signal(int, int)


def test_emitting_signals_leaves_reference_counts_alone(qapp: object) -> None:
    emitter, seen = _Emitter(), []
    emitter.value.connect(seen.append)
    emitter.pair.connect(lambda a, b: seen.append(a + b))
    counts = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for n in range(50):
        emitter.value.emit(None)
        emitter.value.emit({"n": n})
        emitter.pair.emit(n, 1)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)) == counts
