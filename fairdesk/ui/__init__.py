"""The Qt layer, grouped by the role a device plays on the day.

``common`` holds what several roles share (theme, widgets, camera, printing,
the scanner detector, the sync status); ``desk``, ``booth``, ``organizer``,
``kiosk`` and ``launcher`` each hold their windows with the presenters beside
them in a ``presenters`` subpackage. Presenters import no Qt (import-linter
checks ``fairdesk.ui.*.presenters``), and a role never imports another role:
what two roles need lives in ``common``.
"""
