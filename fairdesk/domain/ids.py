"""Time-ordered unique ids (UUIDv7, RFC 9562) minted on the device."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


_VISIT_NAMESPACE = uuid.UUID("5b0c7f3e-2a4d-4e8b-9a61-0f1d2c3b4a59")


def visit_id(employer_id: str, candidate_id: str) -> str:
    """The one id of "this candidate at this booth", the same on every device.

    Two tablets at one booth may both scan a candidate offline; with a shared
    id their scans and edits land on one visit instead of one being orphaned.
    """
    return str(uuid.uuid5(_VISIT_NAMESPACE, f"{employer_id}/{candidate_id}"))


def new_id() -> str:
    """A UUIDv7 string: sorts by creation time, unique across devices.

    Within one millisecond a 12-bit counter keeps ids from one process
    strictly increasing; the remaining 62 bits are random.
    """
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                ms += 1
                _counter = 0
        else:
            _counter = 0
        _last_ms = ms
        counter = _counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    text = f"{value:032x}"  # str(uuid.UUID(int=value)), without its checks (~1 µs an id)
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
