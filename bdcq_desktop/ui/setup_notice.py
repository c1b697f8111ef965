"""The line above the main window's tabs while the organisation is not set up (a new file).

Every document prints the committee's name, its parent body and the place name: on a new file
they are empty, and nothing else in four empty tabs says where they are filled in. The notice
names what is missing and opens Tệp › Thiết lập…; it goes once they are saved.

Then, on a file whose register is still empty, it asks once about the paper register: a
committee that starts mid-year has issued numbers since January, and the application's would
start again at 01. It opens Tệp › Văn bản › Số đã cấp ngoài phần mềm…, and goes once that was opened
on this computer, a number recorded there or a document issued.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from ..core.db import Database

# A pale yellow: something to do, not an error (the red of a refused save).
NOTICE_STYLE = "QFrame#setupNotice { background: #fff8e1; border: 1px solid #f0c36d; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupNotice", text)


def visited_key(db: Database) -> str:
    """Remembered on this computer (:mod:`.view_state`) once the numbers dialog was opened for
    ``db``: the notice's line about the paper register then goes."""
    where = str(db.sqlite_path or db.engine.url.render_as_string())
    # A number for the file, not its path: a path's slashes would be groups of the store.
    return f"numberingVisited/{zlib.crc32(where.encode()):08x}"


class SetupNotice(QFrame):
    """Hidden until :meth:`show_missing` is given the labels of empty required fields, or
    :meth:`show_numbering` told the paper register's numbers are still to ask about."""

    def __init__(
        self,
        parent: QWidget,
        open_settings: Callable[[], None],
        open_numbering: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_settings = open_settings
        self._open_numbering = open_numbering
        self._missing: list[str] = []
        self._numbering = False
        self.setObjectName("setupNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.label = QLabel(self)
        self.label.setObjectName("setupNoticeText")
        # Wrapped, not one long line: the notice must not make the window wider than a
        # 1366×768 laptop at 125 % leaves it.
        self.label.setWordWrap(True)
        self.button = QPushButton(_tr("Mở Thiết lập…"), self)
        self.button.setObjectName("setupNoticeButton")
        self.button.setAutoDefault(False)
        # Out of the Tab chain: made after the tabs, it would be reached after them, below
        # them to the eye (Tab reads top to bottom). The keyboard has what it opens in the
        # menu, which its text names (Tệp › Thiết lập…, Tệp › Văn bản › Số đã cấp…).
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.button.clicked.connect(lambda _c=False: self._press())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_missing(self, labels: list[str]) -> None:
        """``labels``: the empty required fields, as the settings form names them (none: the
        notice goes, or says what :meth:`show_numbering` asks)."""
        self._missing = list(labels)
        self._refresh()

    def show_numbering(self, needed: bool) -> None:
        """``needed``: the register is empty and the numbers issued on paper were never looked
        at; said once the settings are done (they come first: no document without them)."""
        self._numbering = needed and self._open_numbering is not None
        self._refresh()

    @property
    def asks_numbering(self) -> bool:
        return not self._missing and self._numbering

    def _refresh(self) -> None:
        if self._missing:
            self.label.setText(
                _tr(
                    "Chưa ghi {fields}: mọi văn bản đều cần. Hãy ghi tại Tệp › Thiết lập…"
                ).format(fields=", ".join(f"“{label}”" for label in self._missing))
            )
            self.button.setText(_tr("Mở Thiết lập…"))
        elif self._numbering:
            self.label.setText(
                _tr(
                    "Nếu năm nay đã ban hành văn bản giấy, hãy nhập số cuối đã cấp của từng "
                    "loại để số văn bản không bị trùng (Tệp › Văn bản › Số đã cấp ngoài phần mềm…)."
                )
            )
            self.button.setText(_tr("Nhập số đã cấp…"))
        self.setVisible(bool(self._missing) or self._numbering)

    def _press(self) -> None:
        if self._missing or self._open_numbering is None:
            self._open_settings()
        else:
            self._open_numbering()
