"""Báo cáo: reporting rounds and each unit's submission."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from ...core import reports
from ...core.db import Database
from ...core.models import SubmissionStatus
from ...core.text import vi_key
from ..export_actions import add_document_actions
from ..list_tab import RecordTable
from ..table_model import Column
from .base import Tab
from .chase_list import ChaseListPage
from .report_overview import OverviewPage
from .task_tracking import TaskTrackingPage


class ReportsTab(Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("reportsTab")
        rounds = [
            Column("due_date", self.tr("Hạn nộp"), 90),
            Column("period_label", self.tr("Kỳ"), 150),
            Column("units", self.tr("Đơn vị"), 60, align_right=True),
            Column("on_time", self.tr("Đúng hạn"), 75, align_right=True),
            Column("late", self.tr("Muộn"), 60, align_right=True),
            Column("missing", self.tr("Chưa nộp"), 75, align_right=True),
            Column("not_due", self.tr("Chưa đến hạn"), 95, align_right=True),
            Column("title", self.tr("Đợt báo cáo"), 480),
        ]
        # Problems first: who has not reported, who was late, then the rest.
        order = [
            SubmissionStatus.MISSING,
            SubmissionStatus.LATE,
            SubmissionStatus.NOT_DUE,
            SubmissionStatus.ON_TIME,
        ]
        subs = [
            Column("unit", self.tr("Cơ quan, đơn vị"), 300, sort_key=lambda r: vi_key(r.unit)),
            Column(
                "status_label",
                self.tr("Tình trạng"),
                110,
                sort_key=lambda r: (order.index(SubmissionStatus(r.status)), vi_key(r.unit)),
            ),
            Column("received_on", self.tr("Ngày nhận"), 90),
            Column(
                "days_late",
                self.tr("Số ngày muộn"),
                95,
                align_right=True,
                formatter=lambda n: str(n) if n else "",
            ),
            Column("document_number", self.tr("Số văn bản"), 140),
            Column("summary", self.tr("Trích yếu"), 300),
        ]
        self._round_id: int | None = None
        self._round_loads = 0  # submissions loads so far (reload reads them once, not twice)
        self.rounds = RecordTable(
            "rounds",
            rounds,
            lambda: reports.list_rounds(self.db),
            placeholder=self.tr("Tìm đợt báo cáo…"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
        )
        self.submissions = RecordTable(
            "submissions",
            subs,
            self._load_submissions,
            placeholder=self.tr("Tìm đơn vị…"),
            default_sort=(1, Qt.SortOrder.AscendingOrder),
        )
        self.document_source = add_document_actions(self, self.rounds, "round")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.rounds)
        splitter.addWidget(self.submissions)
        splitter.setSizes([300, 300])
        # The overview pages load when first shown, and again after a change once shown.
        self.pages = QTabWidget(self)
        self.pages.setObjectName("reportsPages")
        self.pages.addTab(splitter, self.tr("Đợt báo cáo"))
        self.overview_page = OverviewPage(self.db, self)
        self.tasks_page = TaskTrackingPage(self.db, self)
        self.chase_page = ChaseListPage(self.db, self)
        self.pages.addTab(self.overview_page, self.tr("Tổng hợp"))
        self.pages.addTab(self.tasks_page, self.tr("Nhiệm vụ"))
        self.pages.addTab(self.chase_page, self.tr("Đôn đốc"))
        self._stale_pages = {self.overview_page, self.tasks_page, self.chase_page}
        self.pages.currentChanged.connect(self._load_page)
        self.layout_.addWidget(self.pages)
        self.rounds.view.selectionModel().currentRowChanged.connect(self._on_round)

    def _load_submissions(self) -> list[reports.SubmissionRow]:
        if self._round_id is None:
            return []
        return reports.list_submissions(self.db, self._round_id)

    def _on_round(self, *_: object) -> None:
        row = self.rounds.current_row()
        self._round_id = row.id if row is not None else None
        self._round_loads += 1
        self.submissions.reload()

    def _load_page(self, _index: int = -1) -> None:
        page = self.pages.currentWidget()
        if page in self._stale_pages:
            self._stale_pages.discard(page)
            page.reload()

    def reload(self) -> None:
        self._stale_pages = {self.overview_page, self.tasks_page, self.chase_page}
        self._load_page()
        loads = self._round_loads
        self.rounds.reload()
        if self.rounds.proxy.rowCount() and not self.rounds.view.currentIndex().isValid():
            self.rounds.view.selectRow(0)
        if self._round_loads == loads:  # no new current round has loaded its submissions
            self._on_round()

    def focus_search(self) -> None:
        self.rounds.focus_search()
