"""Báo cáo: pages over the reporting work, in one ``pages`` QTabWidget.

- Đợt báo cáo (:mod:`.report_rounds`): the rounds, each unit's report, the quick entry;
- Chế độ báo cáo (:mod:`.report_regimes`): the register of regimes;
- Tổng hợp (:mod:`.report_overview`): units × rounds, counts, the on-time chart;
- Nhiệm vụ (:mod:`.task_tracking`): every task, completion per unit;
- Đôn đốc (:mod:`.chase_list`): who to chase, and the reminder.

Other pages (the overview) join with one line, :meth:`ReportsTab.add_page`. A page is any
widget; if it has ``reload()`` it is read when shown after a change, and if it has a
``changed`` signal, a save in it refreshes the other pages and tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ...core.db import Database
from .base import PagesReadWhenShown, Tab
from .chase_list import ChaseListPage
from .report_overview import OverviewPage
from .report_regimes import RegimesView
from .report_rounds import RoundsView
from .task_tracking import TaskTrackingPage


class ReportsTab(Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("reportsTab")
        self.pages = QTabWidget(self)
        self.pages.setObjectName("reportsPages")
        self.pages.setDocumentMode(True)
        self.reading = PagesReadWhenShown(self.pages)
        self.rounds_view = RoundsView(db, self)
        self.regimes_view = RegimesView(db, self)
        self.add_page(self.rounds_view, self.tr("Đợt báo cáo"))
        self.add_page(self.regimes_view, self.tr("Chế độ báo cáo"))
        self.overview_page = OverviewPage(db, self)
        self.tasks_page = TaskTrackingPage(db, self)
        self.chase_page = ChaseListPage(db, self)
        self.add_page(self.overview_page, self.tr("Tổng hợp"))
        self.add_page(self.tasks_page, self.tr("Nhiệm vụ"))
        self.add_page(self.chase_page, self.tr("Đôn đốc"))
        # What other tabs, the main window and the benchmarks reach for.
        self.rounds = self.rounds_view.table
        self.submissions = self.rounds_view.pane.table
        self.document_source = self.rounds_view.document_source
        self.layout_.addWidget(self.pages)

    def add_page(self, page: QWidget, title: str) -> int:
        """Add a page; returns its index."""
        changed = getattr(page, "changed", None)
        if changed is not None:
            changed.connect(lambda page=page: self._page_changed(page))
        return self.pages.addTab(page, title)

    def _page_changed(self, source: QWidget) -> None:
        self.reading.changed_in(source)
        self.changed.emit()

    def reload(self) -> None:
        """Read the page in front now, the others when they are next shown."""
        self.reading.read_all()

    def focus_search(self) -> None:
        page = self.pages.currentWidget()
        if page is self.rounds_view and self.submissions.view.hasFocus():
            self.submissions.focus_search()
            return
        focus = getattr(page, "focus_search", None)
        if focus is not None:
            focus()
