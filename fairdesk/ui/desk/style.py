"""The desk screen's look: large type read at arm's length, and a high-contrast variant."""

from __future__ import annotations

_DESK = """
QLineEdit#deskSearch { font-size: 22pt; padding: 10px 14px; border: 2px solid #2c6e9b;
    border-radius: 6px; background: white; }
QLabel#deskBanner { font-size: 14pt; padding: 8px 12px; border-radius: 4px; }
QLabel#deskBanner[level="info"] { background: #e3f4e8; color: #0f5a2a; }
QLabel#deskBanner[level="warning"] { background: #fff4d6; color: #6b4a00; }
QLabel#deskBanner[level="error"] { background: #fbe3e4; color: #8a1116; font-weight: bold; }
QListWidget#deskResults { font-size: 14pt; background: white; border: 1px solid #d8dee4; }
QListWidget#deskResults::item { padding: 8px 10px; border-bottom: 1px solid #eef1f4; }
QListWidget#deskResults::item:selected { background: #2c6e9b; color: white; }
QLabel#deskName { font-size: 24pt; font-weight: bold; color: #12263a; }
QLabel#deskRef { font-size: 15pt; color: #51606f; }
QLabel#deskStatus { font-size: 16pt; font-weight: bold; padding: 6px 10px;
    border-radius: 4px; }
QLabel#deskStatus[state="in"] { background: #e3f4e8; color: #0f5a2a; }
QLabel#deskStatus[state="out"] { background: #eef1f4; color: #3b4753; }
QLabel#deskKey { font-size: 12pt; color: #51606f; }
QLabel#deskValue { font-size: 13pt; }
QLabel#deskFigures, QLabel#deskPrinter { font-size: 12pt; padding: 2px 8px; }
QStatusBar { background: #12263a; color: white; }
QStatusBar QLabel { color: white; }
QPushButton { font-size: 12pt; padding: 8px 12px; }
QDialog QLabel, QDialog QCheckBox { font-size: 12pt; }
QDialog QLineEdit, QDialog QComboBox { font-size: 13pt; padding: 4px 6px; }
QDialog QLabel#title { font-size: 18pt; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 2px solid #a11d21; }
"""

_HIGH_CONTRAST = """
QWidget { color: black; background: white; }
QLineEdit#deskSearch { border: 3px solid black; font-size: 24pt; }
QLineEdit:focus, QPushButton:focus, QCheckBox:focus, QComboBox:focus {
    border: 3px solid #0050ff; }
QLabel#deskBanner[level="info"], QLabel#deskStatus[state="in"] { background: black;
    color: white; }
QLabel#deskBanner[level="error"] { background: white; color: black; border: 3px solid black; }
QLabel#deskStatus[state="out"] { background: white; color: black; border: 2px solid black; }
QListWidget#deskResults::item:selected { background: black; color: white; }
QListWidget#deskResults { font-size: 16pt; }
QLabel#deskName { font-size: 28pt; color: black; }
QLabel#deskRef, QLabel#deskKey, QLabel#subtitle { color: black; }
QStatusBar, QStatusBar QLabel { background: black; color: white; }
QPushButton { border: 2px solid black; background: white; color: black; }
QPushButton[primary="true"] { background: black; color: white; }
QPushButton:disabled, QPushButton[primary="true"]:disabled { background: white; color: #595959;
    border: 2px dashed #595959; }
"""


def desk_style(high_contrast: bool) -> str:
    return _DESK + (_HIGH_CONTRAST if high_contrast else "")
