"""The overview's grid (Báo cáo › Tổng hợp): units down, rounds across, each cell a unit's
status in words with an icon of its own shape, its colour only repeating what they say. A
round's header names its period and due date, and its regime's short label when another
round shown has the same period (two "6 tháng đầu năm 2026" of two regimes told apart)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QStyle, QWidget

from ...core.enums import SubmissionStatus
from ..report_chart import percent_text

if TYPE_CHECKING:  # the overview's module comes with its first read (the page's reload)
    from ...core import report_overview as ro

Index = QModelIndex | QPersistentModelIndex

_BACKGROUND = {
    SubmissionStatus.ON_TIME: QColor(226, 241, 226),
    SubmissionStatus.LATE: QColor(253, 243, 214),
    SubmissionStatus.OVERDUE: QColor(250, 224, 220),
    SubmissionStatus.NOT_DUE: QColor(236, 240, 246),
    SubmissionStatus.WAIVED: QColor(232, 238, 250),
}
_ICONS = {
    SubmissionStatus.ON_TIME: QStyle.StandardPixmap.SP_DialogApplyButton,
    SubmissionStatus.LATE: QStyle.StandardPixmap.SP_MessageBoxWarning,
    SubmissionStatus.OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
    SubmissionStatus.NOT_DUE: QStyle.StandardPixmap.SP_BrowserReload,
    SubmissionStatus.WAIVED: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def status_icon(widget: QWidget, status: SubmissionStatus | str) -> QIcon:
    return widget.style().standardIcon(_ICONS[SubmissionStatus(status)])


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_matrix", text)


def cell_text(cell: ro.Cell) -> str:
    st = SubmissionStatus(cell.status)
    if st == SubmissionStatus.LATE:
        return _tr("{status} {n} ngày").format(status=cell.status_label, n=cell.days_late)
    if st == SubmissionStatus.OVERDUE:
        return _tr("{status} ({n} ngày)").format(status=cell.status_label, n=cell.days_late)
    return cell.status_label


class MatrixModel(QAbstractTableModel):
    """Units down, rounds across; a unit not asked in a round has an empty cell."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.overview: ro.Overview | None = None
        self._icons: dict[str, QIcon] = {}
        self.tags: list[str] = []  # per round: its regime's short label when its period is shared

    def set_overview(self, overview: ro.Overview, icons: dict[str, QIcon]) -> None:
        self.beginResetModel()
        self.overview = overview
        self._icons = icons
        from ...core.report_overview import round_tags

        self.tags = round_tags(overview.rounds)
        self.endResetModel()

    def round_label(self, column: int) -> str:
        """The round's period, with its tag when another round shown has the same period
        ("6 tháng đầu năm 2026 · Triển khai Chính quyền điện tử"): the chart's bar label."""
        assert self.overview is not None
        period, tag = self.overview.rounds[column].period_label, self.tags[column]
        return f"{period} · {tag}" if tag else period

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.overview is None else len(self.overview.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.overview is None else len(self.overview.rounds)

    def cell_at(self, index: Index) -> ro.Cell | None:
        if self.overview is None or not index.isValid():
            return None
        unit = self.overview.units[index.row()]
        rnd = self.overview.rounds[index.column()]
        return self.overview.cell(unit.id, rnd.id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell_at(index)
        if cell is None or self.overview is None:
            if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
                return self.tr("Đơn vị không được yêu cầu báo cáo trong đợt này")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(cell.status)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUND[SubmissionStatus(cell.status)]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(0, 0, 0)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            unit = self.overview.units[index.row()]
            rnd = self.overview.rounds[index.column()]
            lines = [
                f"{unit.name} — {rnd.title}",
                self.tr("Kỳ: {period}; hạn gửi {due}").format(
                    period=rnd.period_label, due=f"{rnd.due_date:%d/%m/%Y}"
                ),
                self.tr("Tình trạng: {text}").format(text=cell_text(cell)),
            ]
            if cell.received_on is not None:
                number = f" — {cell.document_number}" if cell.document_number else ""
                lines.append(
                    self.tr("Ngày nhận: {day}").format(day=f"{cell.received_on:%d/%m/%Y}") + number
                )
            if cell.waived_reason:
                lines.append(self.tr("Lý do miễn nộp: {reason}").format(reason=cell.waived_reason))
            return "\n".join(lines)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.overview is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.overview.units):
                return None
            unit = self.overview.units[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return unit.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{unit.name} ({unit.kind_label})"
            return None
        if section >= len(self.overview.rounds):
            return None
        rnd = self.overview.rounds[section]
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [rnd.period_label, self.tags[section], f"{rnd.due_date:%d/%m/%Y}"]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.ToolTipRole:
            from ...core.report_overview import rate_label  # in by now: the overview was read

            regime = rnd.regime or self.tr("Yêu cầu đột xuất")
            # An open round has no rate yet: what was received so far, in the core's words.
            rate = self.tr("đúng hạn {rate}").format(rate=percent_text(rnd.on_time_rate))
            return self.tr("{title}\n{regime}\nHạn gửi {due}; {rate}").format(
                title=rnd.title,
                regime=regime,
                due=f"{rnd.due_date:%d/%m/%Y}",
                rate=rate if rnd.settled else rate_label(rnd.counts),
            )
        return None


