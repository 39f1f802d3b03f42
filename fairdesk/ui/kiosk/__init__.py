"""Self check-in kiosk (issue 17)."""
