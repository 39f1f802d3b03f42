"""Launcher presenters: plain Python, no Qt."""
