"""Icons of a report's status, drawn here so that each status has its own *shape* as well as
its colour (a reader who cannot tell red from green still tells a tick from a triangle):

- on time: a green disc with a tick;
- late: an amber triangle with "!";
- overdue: a red diamond with "×";
- not yet due: a grey ring with clock hands;
- waived (miễn nộp): a blue square with a dash (nothing owed).

Always shown beside the status text, never instead of it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ..core.enums import SubmissionStatus

_CACHE: dict[tuple[str, int], QIcon] = {}
COLOURS = {
    SubmissionStatus.ON_TIME.value: "#2e7d32",
    SubmissionStatus.LATE.value: "#b26a00",
    SubmissionStatus.OVERDUE.value: "#c62828",
    SubmissionStatus.NOT_DUE.value: "#616161",
    SubmissionStatus.WAIVED.value: "#1565c0",
}


def _draw(status: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(COLOURS.get(status, "#616161"))
    s = float(size)
    white = QPen(QColor("white"), max(1.5, s / 8))
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if status == SubmissionStatus.ON_TIME.value:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(QRectF(1, 1, s - 2, s - 2))
        p.setPen(white)
        path = QPainterPath(QPointF(s * 0.27, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.69))
        path.lineTo(QPointF(s * 0.74, s * 0.34))
        p.drawPath(path)
    elif status == SubmissionStatus.LATE.value:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(s / 2, 1), QPointF(s - 1, s - 2), QPointF(1, s - 2)]))
        p.setPen(white)
        p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62))
        p.drawPoint(QPointF(s / 2, s * 0.78))
    elif status == SubmissionStatus.OVERDUE.value:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s / 2, 0.5),
                    QPointF(s - 0.5, s / 2),
                    QPointF(s / 2, s - 0.5),
                    QPointF(0.5, s / 2),
                ]
            )
        )
        p.setPen(white)
        a, b = s * 0.36, s * 0.64
        p.drawLine(QPointF(a, a), QPointF(b, b))
        p.drawLine(QPointF(a, b), QPointF(b, a))
    elif status == SubmissionStatus.WAIVED.value:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRoundedRect(QRectF(1.5, 1.5, s - 3, s - 3), s / 6, s / 6)
        p.setPen(white)
        p.drawLine(QPointF(s * 0.3, s / 2), QPointF(s * 0.7, s / 2))
    else:
        pen = QPen(colour, max(1.5, s / 9))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(1.5, 1.5, s - 3, s - 3))
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s / 2, s * 0.25))
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s * 0.7, s / 2))
    p.end()
    return pix


def status_icon(status: str, size: int = 16) -> QIcon:
    """The icon of a status code (``on_time``, ``late``, ``overdue``, ``not_due``,
    ``waived``)."""
    key = (status, size)
    icon = _CACHE.get(key)
    if icon is None:
        icon = QIcon()
        for scale in (1, 2):  # crisp on a high-DPI screen too
            pix = _draw(status, size * scale)
            pix.setDevicePixelRatio(scale)
            icon.addPixmap(pix)
        _CACHE[key] = icon
    return icon
