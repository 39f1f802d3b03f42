"""Desk presenters: plain Python, no Qt."""
