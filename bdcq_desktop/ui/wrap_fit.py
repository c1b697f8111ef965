"""What wraps in a narrow pane keeps the height its wrapping takes.

A meeting's Biên bản beside the list at 150 % was given less than it needs: its row of buttons
cut their labels ("Bản …hành"), and its word-wrapped lines (three, where one was counted) took
their extra height from the draft editor, left one line high. The splitters and the page's
scroll area above them do not ask for height-for-width, so here the minimum height is the
height at the current width, told to the parents (:meth:`QWidget.updateGeometry`) whenever a
new width changes it; the page they are on scrolls if it must (:mod:`.page_scroll`).

:func:`button_flow`: buttons in rows that wrap, each at its full width.
:func:`keep_wrapped_height`: a word-wrapped label as high as its lines.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right at their size hints, wrapping where the width ends."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._height = 0  # of the rows laid out last
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        gaps = self.spacing() * max(0, len(shown) - 1)
        width = sum(i.sizeHint().width() for i in shown) + gaps
        return QSize(width, max((i.sizeHint().height() for i in shown), default=0))

    def minimumSize(self) -> QSize:
        """The widest button; as high as the rows at the width laid out last."""
        widest = max((i.sizeHint().width() for i in self._shown()), default=0)
        return QSize(widest, max(self._height, self.sizeHint().height()))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._place(rect)
        if height != self._height:
            self._height = height
            # The rows changed: the parents make room for them (or take it back).
            self.invalidate()
            if self.parentWidget() is not None:
                self.parentWidget().updateGeometry()

    def _place(self, rect: QRect) -> int:
        """Each item at its size hint, row after row; the rows' height."""
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._shown():
            size = item.sizeHint()
            if x > rect.x() and x + size.width() > rect.right() + 1:
                x, y, row_height = rect.x(), y + row_height + self.spacing(), 0
            item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self.spacing()
            row_height = max(row_height, size.height())
        return y + row_height - rect.y()


def button_flow(parent: QWidget, buttons: list[QWidget]) -> QWidget:
    """``buttons`` in wrapping rows, in a widget for a layout (their Tab order unchanged)."""
    box = QWidget(parent)
    box.setObjectName("buttonFlow")
    flow = FlowLayout(box)
    for b in buttons:
        flow.addWidget(b)
    return box


class _WrappedHeight(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLabel) and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            hold(watched)
        return False


def hold(label: QLabel) -> None:
    """The label's minimum height: its text's at its width (none when it shows nothing)."""
    if label.minimumHeight():
        # A label's height for a width is never below its minimum: measured without it, or a
        # narrow moment would hold it tall for good.
        label.setMinimumHeight(0)
    height = max(0, label.heightForWidth(label.width())) if label.text() else 0
    label.setMinimumHeight(height)  # updates the parents' geometry itself


def keep_wrapped_height(label: QLabel) -> None:
    """``label`` (word-wrapped) keeps the height of its lines at whatever width it gets; a new
    text is held by :func:`hold` (a resize holds it too)."""
    watcher = _WrappedHeight(label)
    label.installEventFilter(watcher)
