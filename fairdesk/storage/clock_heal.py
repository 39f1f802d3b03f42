"""Heal an event file that holds a poisoned clock stamp (issue 13).

Before stamps were bounded, a device with a wrong (or hostile) clock could
push an op stamped far in the future; every later edit of the same field then
lost to it, and every process started its clock from it. On open, each op
stamped more than :data:`~fairdesk.domain.clock.POISON_AHEAD_MS` (a day)
ahead of this computer's clock gets the zero stamp of its device instead (every device
heals the same op to the same stamp), and each field whose last write
carries such a stamp gets that zero stamp too, so the next genuine edit wins.
"""

from __future__ import annotations

import logging

from fairdesk.domain import clock
from fairdesk.storage.store import EventStore

log = logging.getLogger(__name__)
_TABLES = ("event", "employers", "candidates", "visits")
HEALED = clock.encode(0, 0, "healed")


def newest_sound(store: EventStore, now_ms: int) -> str | None:
    """The newest stamp of the log that is not poisoned."""
    value = store.scalar("SELECT MAX(hlc) FROM ops WHERE hlc <= ?", (clock.bound(now_ms),))
    return None if value is None else str(value)


def heal(store: EventStore, now_ms: int) -> int:
    """Clamp the poisoned stamps of the log and of the field clocks; how many ops."""
    limit = clock.bound(now_ms)
    poisoned = store.rows("SELECT op_id, device_id, hlc FROM ops WHERE hlc > ?", (limit,))
    if not poisoned:
        return 0
    with store.transaction():
        for row in poisoned:
            log.warning("op %s was stamped %s, beyond this clock: healed to the zero stamp",
                        row["op_id"], str(row["hlc"])[:24])
            store.execute("UPDATE ops SET hlc = ? WHERE op_id = ?",
                          (clock.encode(0, 0, str(row["device_id"])), row["op_id"]))
        for table in _TABLES:
            store.execute(
                f"UPDATE {table} SET clocks = (SELECT json_group_object(key, CASE WHEN "
                f"value > ?1 THEN ?2 ELSE value END) FROM json_each({table}.clocks)) "
                f"WHERE EXISTS (SELECT 1 FROM json_each({table}.clocks) WHERE value > ?1)",
                (limit, HEALED))
    return len(poisoned)
