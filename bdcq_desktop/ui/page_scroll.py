"""The main window's page (the setup notice over the tabs) in a scroll area.

On a 1366×768 screen at Windows' 150 % (911×485 usable) the tabs' pages need more height than
there is (a meeting's Biên bản, the Tổng hợp chart), and the window's minimum pushed its bottom
and status bar off the screen. In a scroll area that fills the window, the window fits the
screen and the page scrolls; where it fits, no scroll bar shows and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget


class PageLayout(QVBoxLayout):
    """The window's column (notice, tabs) in its scroll area. Not height-for-width (its
    word-wrapped notice would make it so): the scroll area then gave the page the height its
    width "needs", taller than the window, and every page scrolled. The page is the window's
    height, and scrolls only below its minimum."""

    def hasHeightForWidth(self) -> bool:
        return False


class PageScroll(QScrollArea):
    """``page`` in a scroll area for a window's central widget. A control reached by Tab or
    Alt+letter below the scrolled part is scrolled to (it was focused out of sight)."""

    def __init__(self, parent: QWidget, page: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mainScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls, not to it
        self.setWidget(page)
        # A method of this object: the connection goes when the area does, not with the app.
        QApplication.instance().focusChanged.connect(self.follow_focus)  # type: ignore[union-attr]

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new, 0, 0)
