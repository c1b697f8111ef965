"""Tổ công tác: working-group sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...core import working_group
from ...core.db import Database
from ..export_actions import add_document_actions
from ..list_tab import RecordTable
from ..table_model import Column
from .base import Tab


class WorkingSessionsTab(Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("workingSessionsTab")
        columns = [
            Column("starts_on", self.tr("Từ ngày"), 90),
            Column("ends_on", self.tr("Đến ngày"), 90),
            Column("title", self.tr("Nội dung"), 420),
            Column("purpose_label", self.tr("Loại"), 110),
            Column("convened_by", self.tr("Người triệu tập"), 170),
            Column("participants", self.tr("Số người"), 70, align_right=True),
            Column("outputs", self.tr("Sản phẩm"), 70, align_right=True),
            Column("place", self.tr("Địa điểm"), 240),
        ]
        self.table = RecordTable(
            "sessions",
            columns,
            lambda: working_group.list_sessions(self.db),
            placeholder=self.tr("Tìm phiên làm việc…"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
        )
        self.document_source = add_document_actions(self, self.table, "session")
        self.layout_.addWidget(self.table)

    def reload(self) -> None:
        self.table.reload()

    def focus_search(self) -> None:
        self.table.focus_search()
