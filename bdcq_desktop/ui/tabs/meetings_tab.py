"""Cuộc họp: the committee's meetings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core import meetings
from ...core.db import Database
from ..export_actions import add_document_actions
from ..list_tab import RecordTable
from ..table_model import Column
from .base import Tab


class MeetingsTab(Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("meetingsTab")
        self.warning = QLabel(self)
        self.warning.setObjectName("regularMeetingWarning")
        self.warning.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.warning.setVisible(False)
        columns = [
            Column("starts_at", self.tr("Thời gian"), 130),
            Column("title", self.tr("Tên cuộc họp"), 420),
            Column("kind_label", self.tr("Loại"), 120),
            Column("status_label", self.tr("Trạng thái"), 180),
            Column("chair", self.tr("Chủ trì"), 170),
            Column("present", self.tr("Có mặt"), 70, align_right=True),
            Column("invited", self.tr("Được mời"), 75, align_right=True),
            Column("place", self.tr("Địa điểm"), 240),
        ]
        self.table = RecordTable(
            "meetings",
            columns,
            lambda: meetings.list_meetings(self.db),
            placeholder=self.tr("Tìm cuộc họp theo tên, địa điểm, chủ trì…"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
        )
        self.document_source = add_document_actions(self, self.table, "meeting")
        self.layout_.addWidget(self.warning)
        self.layout_.addWidget(self.table)

    def reload(self) -> None:
        self.table.reload()
        text = meetings.regular_meeting_warning(self.db)
        self.warning.setText(text or "")
        self.warning.setVisible(bool(text))

    def focus_search(self) -> None:
        self.table.focus_search()
