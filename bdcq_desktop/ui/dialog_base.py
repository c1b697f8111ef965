"""What every dialog of the application does on top of QDialog: it fits the screen, the
Tab key goes through it and Alt+letter reaches each labelled field.

* **Tab leaves tables.** A table or tree takes Tab for moving between its cells by default,
  so once the focus is in one the controls after it cannot be reached from the keyboard. The
  arrow keys move between cells already; :func:`tab_leaves_views` turns Tab back into "next
  control" (the main window does the same for its tabs).
* **Alt+letter.** Each label with a buddy (a form's "Họ và tên") gets a letter of its own,
  not one of the dialog's buttons (:func:`.mnemonics.give_label_mnemonics`), so the officer
  jumps to a field without walking the Tab chain.
* **The screen.** A dialog opens at its preferred size (its content's, or a size it asks for),
  which on a 1366×768 laptop at 125 % (1093×582 usable) can be larger than the screen: its
  buttons would open below the task bar. :func:`fit_on_screen` shrinks it to the screen's
  available area (without the task bar) and moves it so its title bar and buttons are on it.

:class:`Dialog` does all three each time it is shown; a dialog that grows while open (a message
appearing) calls :func:`fit_on_screen` again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QWidget

from .mnemonics import give_label_mnemonics

# A window's frame before the window system has told its size (not shown yet, or shown on a
# platform that tells late): about a Windows 10/11 title bar and borders.
_FRAME_TOP, _FRAME_SIDE = 32, 8


def tab_leaves_views(root: QWidget) -> None:
    """Tab and Shift+Tab move to the next and previous control from inside every table and
    tree under ``root`` (the arrow keys move between their cells)."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


def available_geometry(window: QWidget) -> QRect:
    """The free area (without the task bar) of the screen ``window`` is on, else its parent's."""
    parent = window.parentWidget()
    screen = window.screen() or (parent.screen() if parent else None)
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_on_screen(window: QWidget, available: QRect | None = None) -> None:
    """Shrink ``window`` to ``available`` (by default its screen's free area) with its frame,
    and move it so the whole frame is inside; a window that fits is left where it is."""
    if available is None:
        available = available_geometry(window)
    frame, inner = window.frameGeometry(), window.geometry()
    if frame == inner:  # the frame is not known yet: assume one
        left = right = bottom = _FRAME_SIDE
        top = _FRAME_TOP
    else:
        left, top = inner.left() - frame.left(), inner.top() - frame.top()
        right, bottom = frame.right() - inner.right(), frame.bottom() - inner.bottom()
    width = min(window.width(), available.width() - left - right)
    height = min(window.height(), available.height() - top - bottom)
    # QWidget's own resize and move: a dialog may name its own ``move`` (the agenda's moves
    # a row up or down).
    if width < window.width() or height < window.height():
        QWidget.resize(window, width, height)  # no smaller than the window's minimum size
    # The frame's edges after the resize, pulled back inside: the bottom/right first, so a
    # window still larger than the screen keeps its title bar (and its top-left) on it. (Not
    # yet shown, a window's position is taken as its frame's, whatever the frame will be.)
    x, y = frame.left(), frame.top()
    outer_width = window.width() + left + right
    outer_height = window.height() + top + bottom
    x = max(min(x, available.right() + 1 - outer_width), available.left())
    y = max(min(y, available.bottom() + 1 - outer_height), available.top())
    if (x, y) != (frame.left(), frame.top()):
        QWidget.move(window, x, y)  # a window's position is its frame's


class Dialog(QDialog):
    """A QDialog that fits the screen and lets Tab out of its tables (see the module doc)."""

    def showEvent(self, event: QShowEvent) -> None:
        # Each time: a view may have been added since the last showing (a lazily built page).
        tab_leaves_views(self)
        give_label_mnemonics(self)
        super().showEvent(event)
        self.fit_on_screen()

    def fit_on_screen(self, available: QRect | None = None) -> None:
        fit_on_screen(self, available)
