"""Báo cáo › Tổng hợp: the units × rounds matrix, counts per status, and the on-time rate per
round as a chart (or a table, for a screen reader or a copy into a report).

Each cell shows its status in words with an icon of its own shape (a tick, a clock, a warning
triangle, a cross), its colour only repeating what they say. One core call per reload
(:func:`..core.report_overview.load_overview`): the filters are applied by the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import report_overview as ro
from ...core.db import Database
from ...core.enums import SubmissionStatus
from ...core.labels import label
from ..messages import error_text
from ..report_chart import Bar, RateChart, percent_text

Index = QModelIndex | QPersistentModelIndex
MIN_COLUMN, MAX_COLUMN = 110, 200  # pixels: a round's column fits its header and cells

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
    return QCoreApplication.translate("report_overview", text)


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

    def set_overview(self, overview: ro.Overview, icons: dict[str, QIcon]) -> None:
        self.beginResetModel()
        self.overview = overview
        self._icons = icons
        self.endResetModel()

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
            return f"{rnd.period_label}\n{rnd.due_date:%d/%m/%Y}"
        if role == Qt.ItemDataRole.ToolTipRole:
            regime = rnd.regime or self.tr("Yêu cầu đột xuất")
            return self.tr("{title}\n{regime}\nHạn gửi {due}; đúng hạn {rate}").format(
                title=rnd.title,
                regime=regime,
                due=f"{rnd.due_date:%d/%m/%Y}",
                rate=percent_text(rnd.on_time_rate),
            )
        return None


class OverviewPage(QWidget):
    """Filters, counts, the matrix, and the chart (or its table) of on-time rates."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("reportOverviewPage")
        self.overview: ro.Overview | None = None
        self._filling = False
        self._filled = False  # the first fill opens on the latest year, not on ten years

        self.kind_combo = self._combo("overviewUnitKind")
        self.year_combo = self._combo("overviewYear")
        self.regime_combo = self._combo("overviewRegime")
        # Long names (regimes, "Cơ quan Trung ương trên địa bàn") must not widen the window
        # past a small screen: the lists open wide enough, the closed boxes are elided.
        for combo, length in ((self.kind_combo, 14), (self.regime_combo, 22)):
            combo.setMinimumContentsLength(length)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("&Loại đơn vị:"), self.kind_combo),
            (self.tr("&Năm:"), self.year_combo),
            (self.tr("C&hế độ báo cáo:"), self.regime_combo),
        ):
            buddy = QLabel(text, self)
            buddy.setBuddy(combo)
            filters.addWidget(buddy)
            filters.addWidget(combo)
        filters.addStretch(1)

        self.count_labels: dict[SubmissionStatus, QLabel] = {}
        counts = QHBoxLayout()
        for st in ro.STATUS_ORDER:
            count = QLabel(self)
            count.setObjectName(f"count_{st.value}")
            icon = QLabel(self)
            icon.setPixmap(status_icon(self, st).pixmap(16, 16))
            counts.addWidget(icon)
            counts.addWidget(count)
            counts.addSpacing(12)
            self.count_labels[st] = count
        self.total_label = QLabel(self)
        self.total_label.setObjectName("countTotal")
        self.total_label.setWordWrap(True)
        counts.addWidget(self.total_label, 1)  # wraps only when the window is narrow

        self.model = MatrixModel(self)
        self.matrix = QTableView(self)
        self.matrix.setObjectName("overviewMatrix")
        self.matrix.setModel(self.model)
        self.matrix.setAccessibleName(self.tr("Bảng tình hình báo cáo theo đơn vị và đợt"))
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table (arrows walk its cells), as in every table of the window.
        self.matrix.setTabKeyNavigation(False)
        self.matrix.setWordWrap(False)
        self.matrix.horizontalHeader().setDefaultSectionSize(140)
        self.matrix.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.verticalHeader().setDefaultSectionSize(24)
        self.matrix.verticalHeader().setMaximumWidth(260)

        self.chart = RateChart(self)
        self.rate_table = QTableWidget(0, 6, self)
        self.rate_table.setObjectName("overviewRateTable")
        self.rate_table.setHorizontalHeaderLabels(
            [
                self.tr("Đợt báo cáo"),
                self.tr("Hạn gửi"),
                self.tr("Đến hạn"),
                self.tr("Đúng hạn"),
                self.tr("Muộn"),
                self.tr("Tỷ lệ đúng hạn"),
            ]
        )
        self.rate_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rate_table.setTabKeyNavigation(False)
        self.rate_table.verticalHeader().setVisible(False)
        self.rate_table.horizontalHeader().setStretchLastSection(True)
        self.rate_table.setColumnWidth(0, 420)
        self.chart_stack = QStackedWidget(self)
        self.chart_stack.addWidget(self.chart)
        self.chart_stack.addWidget(self.rate_table)
        self.view_button = QPushButton(self.tr("Xem dạng &bảng"), self)
        self.view_button.setObjectName("chartAsTable")
        self.view_button.setCheckable(True)
        self.view_button.toggled.connect(self._show_table)
        chart_title = QLabel(
            self.tr(
                "Tỷ lệ báo cáo đúng hạn theo đợt (đường đứt: mức 80%; cột gạch chéo: dưới "
                "80%; —: chưa có báo cáo đến hạn)"
            ),
            self,
        )
        chart_title.setStyleSheet("font-weight: bold;")
        chart_title.setWordWrap(True)
        chart_head = QHBoxLayout()
        chart_head.addWidget(chart_title, 1)
        chart_head.addWidget(self.view_button)
        chart_box = QWidget(self)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(chart_head)
        chart_layout.addWidget(self.chart_stack, 1)
        # Tab as the eye reads: the button on the chart's title line, then the chart (or table).
        QWidget.setTabOrder(self.view_button, self.chart)
        QWidget.setTabOrder(self.chart, self.rate_table)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.matrix)
        self.splitter.addWidget(chart_box)
        self.splitter.setSizes([330, 220])
        self.message = QLabel(self)
        self.message.setObjectName("overviewMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(counts)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        for combo in (self.kind_combo, self.year_combo, self.regime_combo):
            combo.currentIndexChanged.connect(self._on_filter)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        return combo

    def _show_table(self, table: bool) -> None:
        self.chart_stack.setCurrentIndex(1 if table else 0)
        self.view_button.setText(
            self.tr("Xem dạng &biểu đồ") if table else self.tr("Xem dạng &bảng")
        )

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the filter choices and the matrix again (the filters keep their values)."""
        try:
            choices = ro.filter_choices(self.db)
        except Exception as exc:  # shown, never a traceback
            self._fail(exc)
            return
        self._fill_filters(choices)
        self._load()

    def _fill_filters(self, choices: ro.FilterChoices) -> None:
        self._filling = True
        try:
            self._refill(
                self.kind_combo,
                [(self.tr("Tất cả"), None), *[(lbl, code) for code, lbl in choices.unit_kinds]],
            )
            self._refill(
                self.year_combo,
                [(self.tr("Tất cả"), None), *[(str(y), y) for y in choices.years]],
            )
            if not self._filled and choices.years:
                self.year_combo.setCurrentIndex(self.year_combo.findData(choices.years[0]))
            self._filled = True
            regimes: list[tuple[str, object]] = [(self.tr("Tất cả"), None)]
            regimes += [(name, rid) for rid, name in choices.regimes]
            if choices.has_ad_hoc:
                regimes.append((self.tr("Yêu cầu đột xuất"), ro.AD_HOC))
            self._refill(self.regime_combo, regimes)
        finally:
            self._filling = False

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        wanted = combo.currentData()
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(wanted)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def _on_filter(self, _index: int) -> None:
        if not self._filling:
            self._load()

    def _load(self) -> None:
        try:
            overview = ro.load_overview(
                self.db,
                unit_kind=self.kind_combo.currentData(),
                year=self.year_combo.currentData(),
                regime_id=self.regime_combo.currentData(),
            )
        except Exception as exc:
            self._fail(exc)
            return
        self.message.hide()
        self.show_overview(overview)

    def _fail(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
        self.message.show()

    def show_overview(self, overview: ro.Overview) -> None:
        self.overview = overview
        icons = {st.value: status_icon(self, st) for st in SubmissionStatus}
        self.model.set_overview(overview, icons)
        for column, width in enumerate(self._content_widths(overview)):
            self.matrix.setColumnWidth(column, max(MIN_COLUMN, min(width + 8, MAX_COLUMN)))
        c = overview.counts
        for st, count_label in self.count_labels.items():
            text = self.tr("{label}: {n}").format(label=label(st), n=c.get(st))
            count_label.setText(text)
        self.total_label.setText(
            self.tr("Tổng: {n} báo cáo của {units} đơn vị, {rounds} đợt").format(
                n=c.total, units=len(overview.units), rounds=len(overview.rounds)
            )
        )
        self.chart.set_bars([_bar(r) for r in overview.rounds])
        self._fill_rate_table(overview)

    def _content_widths(self, overview: ro.Overview) -> list[int]:
        """Each round's column width as ``resizeColumnsToContents`` gives it (the widest cell
        or the header), asking the delegate once per distinct cell rather than once per cell:
        a year's matrix has a thousand cells but a few dozen texts, and the view's own fit
        asked the model for every role of every cell."""
        view, model = self.matrix, self.model
        column_of = {r.id: c for c, r in enumerate(overview.rounds)}
        row_of = {u.id: r for r, u in enumerate(overview.units)}
        # A cell's size depends only on its text and icon: its status and days late.
        shapes: dict[tuple[str, int], tuple[int, int]] = {}
        per_column: list[set[tuple[str, int]]] = [set() for _ in overview.rounds]
        filled = [0] * len(overview.rounds)
        for (unit_id, round_id), cell in overview.cells.items():
            column = column_of[round_id]
            shape = (cell.status, cell.days_late)
            per_column[column].add(shape)
            filled[column] += 1
            if shape not in shapes:
                shapes[shape] = (row_of[unit_id], column)
        widths = {
            shape: view.sizeHintForIndex(model.index(row, column)).width()
            for shape, (row, column) in shapes.items()
        }
        grid = 1 if view.showGrid() else 0
        header = view.horizontalHeader()
        empty: int | None = None
        out = []
        for column, rnd in enumerate(overview.rounds):
            hint = max((widths[shape] for shape in per_column[column]), default=0)
            if filled[column] < len(overview.units):  # a unit not asked: an empty cell
                if empty is None:
                    units = enumerate(overview.units)
                    row = next(r for r, u in units if overview.cell(u.id, rnd.id) is None)
                    empty = view.sizeHintForIndex(model.index(row, column)).width()
                hint = max(hint, empty)
            out.append(max(hint + grid, header.sectionSizeHint(column)))
        return out

    def _fill_rate_table(self, overview: ro.Overview) -> None:
        self.rate_table.setRowCount(len(overview.rounds))
        for i, r in enumerate(overview.rounds):
            values = [
                f"{r.title} ({r.period_label})",
                f"{r.due_date:%d/%m/%Y}",
                str(r.counts.due),
                str(r.counts.on_time),
                str(r.counts.late),
                percent_text(r.on_time_rate),
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.rate_table.setItem(i, j, item)


def _bar(r: ro.OverviewRound) -> Bar:
    c = r.counts
    tip = _tr(
        "{title}\n{period}; hạn gửi {due}\nĐúng hạn {on_time}/{due_count} báo cáo đã đến hạn "
        "({rate}); {late_label} {late}; {overdue_label} {overdue}; {not_due_label} {not_due}"
        "; {waived_label} {waived}"
    ).format(
        title=r.title,
        period=r.period_label,
        due=f"{r.due_date:%d/%m/%Y}",
        on_time=c.on_time,
        due_count=c.due,
        rate=percent_text(r.on_time_rate),
        late_label=label(SubmissionStatus.LATE),
        late=c.late,
        overdue_label=label(SubmissionStatus.OVERDUE),
        overdue=c.overdue,
        not_due_label=label(SubmissionStatus.NOT_DUE),
        not_due=c.not_due,
        waived_label=label(SubmissionStatus.WAIVED),
        waived=c.waived,
    )
    return Bar(r.period_label, r.on_time_rate, tip)
