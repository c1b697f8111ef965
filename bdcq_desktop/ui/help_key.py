"""F1 (QKeySequence.HelpContents) in a window opens the user guide at that window's section.

Kept apart from :mod:`.guide_window` so that a window can offer F1 without importing the
guide: nothing of it is imported or read until F1 (or Trợ giúp › Hướng dẫn sử dụng) is asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# The guide's section of each main tab, in the order of main_window.TABS. The anchors are the
# guide's own (assets/guide/huong-dan.html); a test opens each.
TAB_SECTIONS = ("thanh-vien", "cuoc-hop", "to-cong-tac", "bao-cao")


def open_guide(parent: QWidget, section: str | None = None) -> QWidget:
    """The guide's window (one per ``parent``) shown at ``section``."""
    from .guide_window import show_guide

    return show_guide(parent, section)


def add_help_key(window: QWidget, section: str) -> QAction:
    """F1 in ``window`` (a dialog or a window of its own, which the main window's F1 does not
    reach) opens the guide at ``section``."""
    action = QAction(window)
    action.setObjectName("helpKeyAction")
    action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: open_guide(window, section))
    window.addAction(action)
    return action
