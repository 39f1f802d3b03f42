"""The kiosk's on-screen keyboard: big keys for an e-mail or a ref code, or a PIN.

Passive: each key calls ``on_key(text)``; ⌫ calls ``on_backspace``. The keys
take no focus, so a hardware keyboard or scanner keeps typing into the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_")
EXTRA = (".com", ".org", "gmail.com")


class Keyboard(QWidget):
    def __init__(self, on_key: Callable[[str], None], on_backspace: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("keyboard")
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for row, keys in enumerate(ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._key(key, _typing(on_key, key)), row, column)
        last = len(ROWS)
        for column, extra in enumerate(EXTRA):
            grid.addWidget(self._key(extra, _typing(on_key, extra)), last, column * 2, 1, 2)
        grid.addWidget(self._key("⌫", on_backspace, "Delete the last character"),
                       last, 6, 1, 4)

    def digits_only(self, only: bool) -> None:
        """The PIN screen: the digits and ⌫; an e-mail's letters would only confuse."""
        for text, key in self.keys.items():
            key.setVisible(not only or text.isdigit() or text == "⌫")

    def _key(self, text: str, slot: Callable[[], None], name: str = "") -> QPushButton:
        key = QPushButton(text)
        key.setObjectName("key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(name or text)
        key.clicked.connect(lambda _checked=False: slot())
        self.keys[text] = key
        return key


def _typing(on_key: Callable[[str], None], text: str) -> Callable[[], None]:
    return lambda: on_key(text)
