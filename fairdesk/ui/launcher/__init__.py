"""Launcher: pick an event and a role, start the demo, create an event."""
