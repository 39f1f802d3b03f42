"""Organizer: event setup, import, branding, devices, export."""
