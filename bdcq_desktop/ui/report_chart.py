"""A bar chart of the on-time rate per reporting round, drawn with QPainter.

QtCharts ships in PySide6-Addons, which the application does not install (it would add about
100 MB to the bundle for one chart); a few dozen bars need no more than this. The chart is
accessible without the picture: every bar has a tooltip, Left/Right (Home/End) move a keyboard
cursor along the bars and the cursor's text is the widget's accessible description; the same
figures are offered as a table next to it (:class:`..tabs.report_overview.OverviewPage`). A
round still open has no rate: its bar is hollow, to the share received so far (:class:`Bar`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.text import rate_text

_BAR = QColor(46, 110, 180)
_BAR_LOW = QColor(196, 82, 52)  # below the target: a different hatch too, not colour alone
_GRID = QColor(0, 0, 0, 40)
TARGET = 0.8  # the line drawn across: rounds under it stand out
_SLANT = 35.0  # degrees: labels too long for their slot are drawn slanted
# Lines a label may wrap to under its bar before the labels are slanted (and cut): three, so
# that a period shared by two regimes keeps its regime's label ("6 tháng đầu năm 2026 ·
# Triển khai Chính quyền điện tử"), which a slanted label loses to its "…".
LABEL_LINES = 3
_SLANT_SIN = 0.574
_WRAP = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop) | int(
    Qt.TextFlag.TextWordWrap
)


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar (short)
    rate: float | None  # 0..1; None: nothing due yet, or the round is still open
    tooltip: str  # everything about the bar, in words
    # What a slanted label shows when ``label`` does not fit (the period without its regime's
    # label): cut, "Tháng 1/2026 · Tr…" told less than "Tháng 1/2026"; "" is ``label``.
    short: str = ""
    # An open round (its due date not passed): no rate yet, but the share received so far in
    # 0..1, drawn hollow with a dashed outline so that it is not read as a rate, and its
    # words over it ("2/23 đã nộp"; ``open_short``, "2/23", when the slot is narrower).
    received: float | None = None
    open_text: str = ""
    open_short: str = ""


def percent_text(rate: float | None) -> str:
    """``99,5%``, as the reports print it (:func:`..core.text.rate_text`)."""
    return rate_text(rate)


class RateChart(QWidget):
    """Bars of rates in 0..1 with a 0–100 % axis; ``current_changed(index)`` when the keyboard
    cursor moves (``-1``: none)."""

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateChart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Biểu đồ tỷ lệ báo cáo đúng hạn theo đợt"))
        self._bars: list[Bar] = []
        self._current = -1
        self.empty_text = self.tr("Không có đợt báo cáo nào theo bộ lọc.")

    # -- data ----------------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = list(bars)
        self._current = min(self._current, len(self._bars) - 1)
        self._describe()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def current(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        index = max(-1, min(index, len(self._bars) - 1))
        if index != self._current:
            self._current = index
            self._describe()
            self.update()
            self.current_changed.emit(index)

    def _describe(self) -> None:
        if 0 <= self._current < len(self._bars):
            self.setAccessibleDescription(self._bars[self._current].tooltip)
        else:
            self.setAccessibleDescription(
                self.tr("{n} đợt báo cáo; dùng phím mũi tên trái, phải để nghe từng đợt.").format(
                    n=len(self._bars)
                )
            )

    # -- geometry ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 140)

    def _label_lines(self, fm: QFontMetrics, slot: float) -> int:
        """Lines the labels need when wrapped across their slot (0: more than
        :data:`LABEL_LINES`, slant them)."""
        most = 1
        for b in self._bars:
            box = fm.boundingRect(QRect(0, 0, max(int(slot) - 4, 1), 1000), _WRAP, b.label)
            if box.width() > slot - 4:
                return 0
            most = max(most, round(box.height() / fm.lineSpacing()))
        return most if most <= LABEL_LINES else 0

    def _label_space(self, fm: QFontMetrics, slot: float) -> float:
        """Height under the axis for the labels: up to :data:`LABEL_LINES` lines when they
        wrap within their slot, else slanted (their height then grows with their length, up
        to a third)."""
        lines = self._label_lines(fm, slot)
        if lines:
            return lines * fm.lineSpacing() + 4
        widest = max((fm.horizontalAdvance(b.label) for b in self._bars), default=0)
        return min(widest * _SLANT_SIN + fm.height() * 1.5, self.height() / 3)

    def _plot(self) -> QRectF:
        fm = QFontMetrics(self.font())
        left = fm.horizontalAdvance("100%") + 10
        width = self.width() - left - 8
        bottom = self._label_space(fm, width / max(len(self._bars), 1))
        return QRectF(left, fm.height(), width, self.height() - fm.height() - bottom - 4)

    def bar_rect(self, index: int) -> QRectF:
        """The whole slot of bar ``index`` (its full height, for hit testing)."""
        plot = self._plot()
        slot = plot.width() / max(len(self._bars), 1)
        return QRectF(plot.left() + index * slot, plot.top(), slot, plot.height())

    def bar_at(self, pos: QPoint) -> int:
        for i in range(len(self._bars)):
            if self.bar_rect(i).contains(pos.toPointF()):
                return i
        return -1

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        fm = QFontMetrics(self.font())
        plot = self._plot()
        if not self._bars:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        for step in range(5):  # 0, 25, 50, 75, 100 %
            y = plot.bottom() - plot.height() * step / 4
            p.setPen(QPen(_GRID, 1))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(text)
            label = f"{step * 25}%"
            p.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        slot = plot.width() / len(self._bars)
        width = max(3.0, min(slot * 0.7, 60.0))
        slanted = not self._label_lines(fm, slot)
        room = (self.height() - plot.bottom() - fm.height()) / _SLANT_SIN
        show_labels = slot >= fm.height() * 0.9  # else the tooltips and the table tell
        for i, bar in enumerate(self._bars):
            x = plot.left() + i * slot + (slot - width) / 2
            if bar.rate is None and bar.received is not None:
                self._paint_open(p, bar, QRectF(x, 0, width, 0), plot, slot, fm)
            elif bar.rate is None:
                p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
                p.drawText(
                    QRectF(x - 10, plot.bottom() - fm.height() - 2, width + 20, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    "—",
                )
            else:
                h = plot.height() * bar.rate
                rect = QRectF(x, plot.bottom() - h, width, h)
                low = bar.rate < TARGET
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_BAR_LOW if low else _BAR)
                p.drawRect(rect)
                if low:  # hatched as well as coloured
                    p.setBrush(QBrush(QColor(255, 255, 255, 110), Qt.BrushStyle.BDiagPattern))
                    p.drawRect(rect)
                if slot >= fm.horizontalAdvance("100%") + 2:
                    p.setPen(text)
                    p.drawText(
                        QRectF(x - 10, plot.bottom() - h - fm.height(), width + 20, fm.height()),
                        Qt.AlignmentFlag.AlignCenter,
                        percent_text(bar.rate),
                    )
            if show_labels:
                p.setPen(text)
                if slanted:
                    # Anchored under the bar's centre, reading down to the left.
                    label = bar.label
                    if bar.short and fm.horizontalAdvance(label) > room:
                        label = bar.short
                    label = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(room))
                    p.save()
                    p.translate(x + width / 2 + fm.ascent() / 3, plot.bottom() + 4)
                    p.rotate(-_SLANT)
                    p.drawText(
                        QRectF(
                            -fm.horizontalAdvance(label),
                            0,
                            fm.horizontalAdvance(label) + 2,
                            fm.height(),
                        ),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                        label,
                    )
                    p.restore()
                else:
                    p.drawText(
                        QRectF(
                            plot.left() + i * slot + 2,
                            plot.bottom() + 2,
                            slot - 4,
                            self.height() - plot.bottom() - 2,
                        ),
                        _WRAP,
                        bar.label,
                    )
            if i == self._current:
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
                p.drawRect(self.bar_rect(i).adjusted(1, 1, -1, -1))
        y = plot.bottom() - plot.height() * TARGET
        p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
        p.setPen(text)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))

    def _paint_open(
        self, p: QPainter, bar: Bar, span: QRectF, plot: QRectF, slot: float, fm: QFontMetrics
    ) -> None:
        """An open round: an outline to the share received so far, pale, dashed, unfilled,
        and its words ("2/23 đã nộp") over it, shorter ("2/23") or none as the slot narrows."""
        assert bar.received is not None
        h = max(plot.height() * bar.received, 2.0)
        rect = QRectF(span.left(), plot.bottom() - h, span.width(), h)
        p.setBrush(QColor(_BAR.red(), _BAR.green(), _BAR.blue(), 28))
        p.setPen(QPen(_BAR, 1.5, Qt.PenStyle.DashLine))
        p.drawRect(rect.adjusted(0.75, 0.75, -0.75, 0))
        fits = [t for t in (bar.open_text, bar.open_short) if fm.horizontalAdvance(t) <= slot - 2]
        words = next((t for t in fits if t), "")
        if words:
            p.setPen(self.palette().color(QPalette.ColorRole.Text))
            half = fm.horizontalAdvance(words) / 2 + 1
            p.drawText(
                QRectF(rect.center().x() - half, rect.top() - fm.height(), half * 2, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                words,
            )

    # -- interaction ---------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self._bars[index].tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().toPoint())
        if index >= 0:
            self.set_current(index)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: self._current - 1 if self._current > 0 else 0,
            Qt.Key.Key_Right: self._current + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self._bars) - 1,
        }
        if event.key() in moves and self._bars:
            self.set_current(moves[event.key()])
            rect = self.bar_rect(self._current)
            QToolTip.showText(
                self.mapToGlobal(rect.center().toPoint()), self._bars[self._current].tooltip, self
            )
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._current < 0 and self._bars:
            self.set_current(0)
        self.update()
        super().focusInEvent(event)
