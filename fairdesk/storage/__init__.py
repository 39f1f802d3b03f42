"""The event file. The only package that imports sqlite3 / sqlite_utils."""

from fairdesk.storage.store import EventStore, create_event_file, open_event_file

__all__ = ["EventStore", "create_event_file", "open_event_file"]
