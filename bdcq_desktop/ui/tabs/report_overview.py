"""Báo cáo › Tổng hợp: the units × rounds matrix, counts per status, and the on-time rate per
round as a chart (or a table, for a screen reader or a copy into a report).

Each cell shows its status in words with an icon of its own shape (a tick, a clock, a warning
triangle, a cross), its colour only repeating what they say. One core call per reload
(:func:`..core.report_overview.load_overview`): the filters are applied by the database.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.db import Database
from ...core.enums import SUBMISSION_STATUS_ORDER, SubmissionStatus
from ...core.labels import label
from ..messages import error_text
from ..report_chart import Bar, RateChart, percent_text
from .report_matrix import MatrixModel, cell_text, status_icon

if TYPE_CHECKING:
    # The overview is read (and its module imported) when the page is first shown: a start
    # builds the page, the officer may never open it.
    from ...core import report_overview as ro
    from .. import table_export

__all__ = ["MAX_COLUMN", "MIN_COLUMN", "MatrixModel", "OverviewPage", "cell_text", "status_icon"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_overview", text)


# Pixels: a round's column fits its header and cells; 230 holds a regime's short label
# (core.report_overview.short_label) under a period shared by two regimes.
MIN_COLUMN, MAX_COLUMN = 110, 230


class OverviewPage(QWidget):
    """Filters, counts, the matrix, and the chart (or its table) of on-time rates."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("reportOverviewPage")
        self.overview: ro.Overview | None = None
        self._filling = False
        self._filled = False  # the first fill opens on the year last due, not on ten years
        self.today: date | None = None  # the day the page reads as (None: the clock's)

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
        for st in SUBMISSION_STATUS_ORDER:
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
        # On the counts' line, whose total wraps: on the filters' line it widened the page
        # past the window's least width.
        self.export_button = QPushButton(self.tr("Xuất &Excel…"), self)
        self.export_button.setObjectName("exportOverview")
        self.export_button.setToolTip(
            self.tr("Bảng đơn vị × đợt như đang hiện, theo bộ lọc đã chọn (.xlsx hoặc .csv)")
        )
        self.export_button.clicked.connect(self.export)
        counts.addWidget(self.export_button)

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
        self.rate_table = QTableWidget(0, 7, self)
        self.rate_table.setObjectName("overviewRateTable")
        # What the units owe and what came (StatusCounts.owed, .received), never the reports
        # "due" of an open round: there the early ones would read as units whose day passed.
        self.rate_table.setHorizontalHeaderLabels(
            [
                self.tr("Đợt báo cáo"),
                self.tr("Hạn gửi"),
                self.tr("Phải nộp"),
                self.tr("Đã nộp"),
                self.tr("Đúng hạn"),
                self.tr("Muộn"),
                self.tr("Tỷ lệ đúng hạn"),
            ]
        )
        for column, tip in (
            (2, self.tr("Báo cáo các đơn vị phải nộp (không tính đơn vị được miễn)")),
            (3, self.tr("Báo cáo đã nhận đến nay (đúng hạn hoặc muộn)")),
        ):
            header_item = self.rate_table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
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
                "80%; cột rỗng: đợt chưa hết hạn, chưa có tỷ lệ (cao bằng phần đã nộp); "
                "—: chưa có báo cáo đến hạn)"
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
        from ...core import report_overview as ro

        try:
            choices = ro.filter_choices(self.db, self.today)
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
            if not self._filled and choices.current_year is not None:
                # The year last due, not the newest: January's page is last year's arrears.
                self.year_combo.setCurrentIndex(self.year_combo.findData(choices.current_year))
            self._filled = True
            regimes: list[tuple[str, object]] = [(self.tr("Tất cả"), None)]
            regimes += [(name, rid) for rid, name in choices.regimes]
            if choices.has_ad_hoc:
                from ...core.report_overview import AD_HOC

                regimes.append((self.tr("Yêu cầu đột xuất"), AD_HOC))
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
        from ...core import report_overview as ro

        try:
            overview = ro.load_overview(
                self.db,
                unit_kind=self.kind_combo.currentData(),
                year=self.year_combo.currentData(),
                regime_id=self.regime_combo.currentData(),
                today=self.today,
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
        self.chart.set_bars(
            [_bar(r, self.model.round_label(i)) for i, r in enumerate(overview.rounds)]
        )
        self._fill_rate_table(overview)

    # -- export --------------------------------------------------------------------------------
    def sheet(self) -> table_export.Sheet:
        """The grid as shown (the filters applied): units down, rounds across, and under it
        each round's rate as the chart's table writes it (an open round's "Đang mở: 2/23 đã
        nộp", not a rate of its early reports)."""
        from .. import table_export  # when an export is first asked for, not at start

        rounds = self.overview.rounds if self.overview is not None else ()
        rates = (self.tr("Tỷ lệ đúng hạn"), [rate_cell(r) for r in rounds]) if rounds else None
        return table_export.grid_sheet(
            self.matrix, self.tr("Cơ quan, đơn vị"), self.tr("Tổng hợp"), rates
        )

    def export(self) -> None:
        from .. import table_export  # when an export is first asked for, not at start

        if self.overview is None:
            return
        year = self.year_combo.currentData()
        name = f"tong-hop-bao-cao-{year}.xlsx" if year else "tong-hop-bao-cao.xlsx"
        table_export.choose_and_export(self, self.db, name, "reports-export", self.sheet)

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
                str(r.counts.owed),
                str(r.counts.received),
                str(r.counts.on_time),
                str(r.counts.late),
                rate_cell(r),
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.rate_table.setItem(i, j, item)


def rate_cell(r: ro.OverviewRound) -> str:
    """A round's rate in a table (the chart's table, the export's last row): ``85,7%``, or
    ``Đang mở: 2/23 đã nộp`` (:func:`..core.report_overview.rate_label`)."""
    from ...core.report_overview import rate_label

    text = rate_label(r.counts)
    return text[:1].upper() + text[1:]


def _bar(r: ro.OverviewRound, text: str) -> Bar:
    c = r.counts
    # What both tooltips say of the round, open or settled.
    said = {
        "title": r.title,
        "period": r.period_label,
        "due": f"{r.due_date:%d/%m/%Y}",
        "on_time": c.on_time,
        "late": c.late,
        "not_due_label": label(SubmissionStatus.NOT_DUE),
        "not_due": c.not_due,
        "waived_label": label(SubmissionStatus.WAIVED),
        "waived": c.waived,
    }
    if not r.settled:  # no rate: what was received so far, of what is owed
        tip = _tr(
            "{title}\n{period}; hạn gửi {due}\nĐợt chưa hết hạn: chưa tính tỷ lệ đúng hạn\n"
            "Đã nộp {got}/{owed} báo cáo phải nộp ({share}): đúng hạn {on_time}, muộn {late}; "
            "{not_due_label} {not_due}; {waived_label} {waived}"
        ).format(**said, got=c.received, owed=c.owed, share=percent_text(c.received_so_far))
        return Bar(
            text,
            None,
            tip,
            short=r.period_label,
            received=c.received_so_far or 0.0,
            open_text=_tr("{got}/{owed} đã nộp").format(got=c.received, owed=c.owed),
            open_short=f"{c.received}/{c.owed}",
        )
    tip = _tr(
        "{title}\n{period}; hạn gửi {due}\nĐúng hạn {on_time}/{due_count} báo cáo đã đến hạn "
        "({rate}); {late_label} {late}; {overdue_label} {overdue}; {not_due_label} {not_due}"
        "; {waived_label} {waived}"
    ).format(
        **said,
        due_count=c.due,
        rate=percent_text(r.on_time_rate),
        late_label=label(SubmissionStatus.LATE),
        overdue_label=label(SubmissionStatus.OVERDUE),
        overdue=c.overdue,
    )
    return Bar(text, r.on_time_rate, tip, short=r.period_label)
