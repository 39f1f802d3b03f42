"""The kiosk's look, scaled to the screen: readable from a metre away at 1280×800 and up.

Sizes are pixels computed from the window's height (a 1080-pixel screen gets
a 64 px title, a 96 px name): point sizes would follow the desktop's DPI
setting, not the distance a candidate stands from the screen.
"""

from __future__ import annotations


def stylesheet(width: int, height: int) -> str:
    unit = max(6.0, min(width / 1920, height / 1080) * 10)  # 10 px at 1080p

    def px(n: float) -> str:
        return f"{round(n * unit)}px"

    return f"""
QMainWindow#kiosk, QWidget {{ background: #f7f9fb; color: #0d1b2a; }}
QLabel#eventName {{ font-size: {px(2.8)}; color: #51606f; font-weight: bold; }}
QPushButton#staff {{ font-size: {px(2)}; color: #8a99a8; background: transparent;
    border: 1px solid #cfd6dd; border-radius: {px(0.8)}; min-width: {px(10)};
    min-height: {px(5)}; }}
QLabel#title {{ font-size: {px(6.4)}; font-weight: bold; }}
QLabel#name {{ font-size: {px(9.6)}; font-weight: bold; color: #1f4e8c; }}
QLabel#sentence {{ font-size: {px(3.6)}; color: #1d2733; padding: {px(1)}; }}
QLabel#sync {{ font-size: {px(1.8)}; color: #51606f; }}
QLabel#countdown {{ font-size: {px(2.8)}; color: #51606f; }}
QLabel#entry {{ font-size: {px(5)}; background: white; border: 3px solid #8a99a8;
    border-radius: {px(1)}; padding: {px(1)}; min-height: {px(7)}; }}
QLabel#preview {{ background: #0b1118; border-radius: {px(1)}; }}
QPushButton {{ font-size: {px(4)}; min-height: {px(11)}; padding: 0 {px(4)};
    border: 3px solid #8a99a8; border-radius: {px(1.6)}; background: white; }}
QPushButton#primary {{ background: #1b7a3a; border-color: #1b7a3a; color: white;
    font-weight: bold; }}
QPushButton:pressed {{ background: #dbe4ee; }}
QPushButton#primary:pressed {{ background: #145c2b; }}
QPushButton#key {{ font-size: {px(3.6)}; min-height: {px(7)}; min-width: {px(7)};
    padding: 0; border-width: 2px; }}
QMainWindow[screen="desk"] QLabel#title {{ color: #b3141c; }}
QMainWindow[screen="done"] QLabel#title {{ color: #1b7a3a; }}
"""
