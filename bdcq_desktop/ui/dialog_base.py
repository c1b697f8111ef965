"""What every dialog of the application does on top of QDialog: it fits the screen, the
Tab key goes through it and Alt+letter reaches each labelled field.

* **Tab goes round.** Tab goes through the dialog's controls in its Tab chain's order and from
  the last (Hủy) back to the first field, Shift+Tab the exact reverse (:func:`tab_stops`,
  :meth:`Dialog.focusNextPrevChild`).
* **Tab leaves tables.** A table or tree takes Tab for moving between its cells by default,
  so once the focus is in one the controls after it cannot be reached from the keyboard. The
  arrow keys move between cells already; :func:`tab_leaves_views` turns Tab back into "next
  control" (the main window does the same for its tabs).
* **Alt+letter.** Each label with a buddy (a form's "Họ và tên") gets a letter of its own,
  and so do the dialog's buttons (Lưu, Hủy) and tabs (:func:`.mnemonics.give_label_mnemonics`),
  so the officer jumps to a field without walking the Tab chain. A tab's letter shows its page
  with the cursor in the page's first field (not left on the page just hidden).
* **Ctrl+Enter saves.** Enter in a multi-line field (Ghi chú, Nội dung) adds a line, so
  Ctrl+Enter (main or keypad) presses the dialog's default button (Lưu) from any field.
* **The screen.** A dialog opens at its preferred size (its content's, or a size it asks for),
  which on a 1366×768 laptop at 125 % (1093×582 usable) can be larger than the screen: its
  buttons would open below the task bar. :func:`fit_on_screen` shrinks it to the screen's
  available area (without the task bar) and moves it so its title bar and buttons are on it.

:class:`Dialog` does all this each time it is shown; a dialog that grows while open (a message
appearing) calls :func:`fit_on_screen` again.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLayout,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

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


def focus_chain(start: QWidget) -> Iterator[QWidget]:
    """The widgets after ``start`` in its Tab chain, round to the one before it. That one is
    never asked for its next (``start``): the binding counts what a widget's
    ``nextInFocusChain`` returns as that widget's child, and a dialog made the child of a
    control Qt built inside it (a button box's Hủy, the usual end of the chain) kept one
    reference nobody gave back once both were deleted: every record dialog shown stayed in
    memory with its form, fields and closures for the rest of the session."""
    last = start.previousInFocusChain()
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start:
        yield widget
        if widget is last:
            return
        widget = widget.nextInFocusChain()


def tab_in_layout_order(window: QWidget, layout: QLayout) -> None:
    """Tab goes through ``window`` block by block as ``layout`` stacks them, top to bottom;
    inside one block, in the order its maker gave (a checklist's search line, then its list),
    except that a row of tabs comes before its pages, as it is above them."""
    # Only where Tab stops: moving a container would move its children with it, and one
    # with a focus proxy stands for the proxy, which is in the chain itself.
    chain = [
        widget
        for widget in focus_chain(window)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and window.isAncestorOf(widget)
    ]
    order: list[QWidget] = []
    for i in range(layout.count()):
        block = layout.itemAt(i).widget()
        if block is not None:
            order += [w for w in chain if w is block or block.isAncestorOf(w)]
    for tabs in window.findChildren(QTabWidget):
        order = _tabs_before_pages(order, tabs)
    for first, second in pairwise(order):
        QWidget.setTabOrder(first, second)


def _tabs_before_pages(order: list[QWidget], tabs: QTabWidget) -> list[QWidget]:
    """``order`` with the row of ``tabs`` moved before its pages' controls (pages made
    before the tab widget come first in Qt's order)."""
    pages = [tabs.widget(i) for i in range(tabs.count())]
    inside = [w for w in order if tabs.isAncestorOf(w)]
    on_pages = [w for w in inside if any(w is p or p.isAncestorOf(w) for p in pages)]
    row = [w for w in inside if w not in on_pages]
    if not row or not on_pages:
        return order
    at = order.index(inside[0])
    rest = [w for w in order if w not in inside]
    return rest[:at] + row + on_pages + rest[at:]


def _tab_flag() -> Qt.FocusPolicy:
    """What a control's focus policy must hold for Tab to stop there: every control (Windows),
    or only the text fields where the system asks so (macOS)."""
    behavior = QGuiApplication.styleHints().tabFocusBehavior()
    every = behavior == Qt.TabFocusBehavior.TabFocusAllControls
    return Qt.FocusPolicy.TabFocus if every else Qt.FocusPolicy.StrongFocus


def tab_stops(window: QWidget) -> list[QWidget]:
    """The controls of ``window`` Tab stops at, in its Tab chain's order: shown, enabled, taking
    Tab themselves. Not a widget with a focus proxy: a holder that stands for a control of its
    own (a date field for its line, a checklist for its search line, a tab widget for its row of
    tabs) or a part that stands for its holder (a list's viewport). Qt's own walk stops at those
    in one direction and hands the cursor to the proxy, so one left elsewhere in the chain by
    :func:`tab_in_layout_order` pulled Tab there: from Hủy to the first date field, round and
    round, the fields above it out of reach."""
    flag = _tab_flag()
    return [
        widget
        for widget in focus_chain(window)
        if (widget.focusPolicy() & flag) == flag
        and widget.focusProxy() is None
        and widget.window() is window
        and widget.isVisible()
        and widget.isEnabled()
    ]


def first_field(page: QWidget) -> QWidget | None:
    """Where Tab stops first on ``page``: its focus proxy (a list's search line), else the
    first control of the window's Tab chain that is on the page and can take the cursor."""
    proxy = page.focusProxy()
    if proxy is not None and proxy.isVisible() and proxy.isEnabled():
        return proxy
    for widget in focus_chain(page):
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
    return None


def default_button(window: QWidget) -> QPushButton | None:
    """The button Enter presses in ``window``: its default push button, else its button box's
    accepting one (Lưu)."""
    buttons = [b for b in window.findChildren(QPushButton) if b.window() is window]
    buttons = [b for b in buttons if b.isVisible() and b.isEnabled()]
    for button in buttons:
        if button.isDefault():
            return button
    for button in buttons:
        box = button.parentWidget()
        if (
            isinstance(box, QDialogButtonBox)
            and box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole
        ):
            return button
    return None


class Dialog(QDialog):
    """A QDialog that fits the screen, lets Tab out of its tables, gives its fields, tabs and
    buttons their Alt letters and saves on Ctrl+Enter (see the module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Window-wide: a multi-line box takes Enter, not Ctrl+Enter (Qt offers a key with
        # Ctrl to the shortcuts first), so this reaches Lưu from any field.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName("saveShortcut")
            shortcut.activated.connect(self.press_default)

    def press_default(self) -> None:
        """Press the button Enter would (Lưu), whichever field has the cursor. The cursor goes
        to the button first, as a click takes it: a table cell being typed in keeps its text
        (its editor hands the value over as it loses the cursor)."""
        button = default_button(self)
        if button is None:
            return
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        button.click()

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab and Shift+Tab go round tab_stops, the last to the first and back: one list for
        # both directions, so Shift+Tab is Tab backwards whatever else stands in the chain.
        focus = QApplication.focusWidget()
        stops = tab_stops(self)
        at = next((i for i, stop in enumerate(stops) if stop is focus), None)
        if at is None:  # the cursor is where Tab does not stop (nowhere yet): Qt's own walk
            return super().focusNextPrevChild(forward)
        target = stops[(at + (1 if forward else -1)) % len(stops)]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def showEvent(self, event: QShowEvent) -> None:
        # Each time: a view may have been added since the last showing (a lazily built page).
        tab_leaves_views(self)
        give_label_mnemonics(self)
        for tabs in self.findChildren(QTabWidget):
            if tabs.window() is self:
                # Watched twice is harmless: Qt keeps one filter per object and watcher.
                tabs.tabBar().installEventFilter(self)
        super().showEvent(event)
        self.fit_on_screen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Alt+letter of a tab (a Shortcut event on its bar): the bar shows the page, then the
        # cursor goes to the page's first field, not left on the page just hidden.
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QTabBar):
            handled = watched.event(event)
            tabs = watched.parentWidget()
            page = tabs.currentWidget() if isinstance(tabs, QTabWidget) else None
            field = first_field(page) if page is not None else None
            if field is not None:
                field.setFocus(Qt.FocusReason.TabFocusReason)
            return handled
        return super().eventFilter(watched, event)

    def fit_on_screen(self, available: QRect | None = None) -> None:
        fit_on_screen(self, available)
