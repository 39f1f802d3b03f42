"""Booth presenters: plain Python, no Qt."""
