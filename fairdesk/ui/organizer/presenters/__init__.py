"""Organizer presenters: plain Python, no Qt."""
