"""Screen logic without Qt: one presenter per screen, tested with no window.

A presenter holds its screen's state, calls services, and tells its view to
redraw through ``on_change``; user-facing sentences go through ``on_message``.
Views are passive: they render the presenter and forward user input to it.
"""
