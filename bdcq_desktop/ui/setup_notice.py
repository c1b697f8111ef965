"""The line above the main window's tabs while the organisation is not set up (a new file).

Every document prints the committee's name, its parent body and the place name: on a new file
they are empty, and nothing else in four empty tabs says where they are filled in. The notice
names what is missing and opens Tệp › Thiết lập…; it goes once they are saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

# A pale yellow: something to do, not an error (the red of a refused save).
NOTICE_STYLE = "QFrame#setupNotice { background: #fff8e1; border: 1px solid #f0c36d; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupNotice", text)


class SetupNotice(QFrame):
    """Hidden until :meth:`show_missing` is given the labels of empty required fields."""

    def __init__(self, parent: QWidget, open_settings: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setObjectName("setupNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.label = QLabel(self)
        self.label.setObjectName("setupNoticeText")
        self.button = QPushButton(_tr("Mở Thiết lập…"), self)
        self.button.setObjectName("setupNoticeButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(open_settings)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_missing(self, labels: list[str]) -> None:
        """``labels``: the empty required fields, as the settings form names them (none: the
        notice goes)."""
        if labels:
            self.label.setText(
                _tr(
                    "Chưa ghi {fields}: mọi văn bản đều cần. Hãy ghi tại Tệp › Thiết lập…"
                ).format(fields=", ".join(f"“{label}”" for label in labels))
            )
        self.setVisible(bool(labels))
