"""Kiosk presenters: plain Python, no Qt."""
