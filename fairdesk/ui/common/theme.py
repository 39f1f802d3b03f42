"""Fonts (the shipped TTFs, so accents look the same on every machine) and the style."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from fairdesk.resources import FONTS, font_path, icon_path

FAMILY = "DejaVu Sans"

_BASE = """
QWidget { font-size: 11pt; }
QMainWindow, QDialog { background: #f6f7f9; }
QLabel#title { font-size: 20pt; font-weight: bold; color: #12263a; }
QLabel#subtitle { color: #51606f; }
QLabel#empty { color: #6b7785; font-size: 12pt; padding: 24px; }
QLabel#error { color: #a11d21; font-weight: bold; }
QListWidget#nav { background: #12263a; color: white; border: none; font-size: 12pt; }
QListWidget#nav::item { padding: 12px 16px; }
QListWidget#nav::item:selected { background: #2c6e9b; }
QPushButton { padding: 6px 14px; }
QPushButton[primary="true"] { background: #2c6e9b; color: white; border-radius: 4px;
    padding: 8px 18px; font-weight: bold; }
QPushButton[primary="true"]:disabled { background: #9fb3c4; }
QPushButton[danger="true"] { background: #a11d21; color: white; border-radius: 4px;
    padding: 8px 18px; font-weight: bold; }
QPushButton[danger="true"]:disabled { background: #d9a9aa; }
QTableView { background: white; alternate-background-color: #f0f3f6; }
QFrame#card { background: white; border: 1px solid #d8dee4; border-radius: 6px; }
QLabel#figure { font-size: 22pt; font-weight: bold; color: #12263a; }
"""

_HIGH_CONTRAST = """
QWidget { font-size: 14pt; color: black; background: white; }
*:focus { outline: 3px solid #0050ff; }
QPushButton { border: 2px solid black; }
"""

_loaded = False


def load_fonts() -> None:
    global _loaded
    if _loaded:
        return
    for name in FONTS:
        QFontDatabase.addApplicationFont(str(font_path(name)))
    _loaded = True


def apply(app: QApplication, high_contrast: bool = False) -> None:
    load_fonts()
    app.setWindowIcon(QIcon(str(icon_path("fairdesk.svg"))))
    app.setFont(QFont(FAMILY, 11))
    app.setStyleSheet(_BASE + (_HIGH_CONTRAST if high_contrast else ""))
