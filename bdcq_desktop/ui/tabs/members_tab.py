"""Thành viên: the committee roster (the members issue makes this tab complete)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core import members
from ...core.db import Database
from ...core.text import person_sort_key
from ..list_tab import RecordTable
from ..table_model import Column
from .base import Tab


class MembersTab(Tab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("membersTab")
        rank = {code.value: i for code, i in members.ROLE_RANK.items()}
        columns = [
            Column("#", self.tr("TT"), 40),
            Column(
                "full_name",
                self.tr("Họ và tên"),
                190,
                sort_key=lambda r: person_sort_key(r.full_name),
            ),
            Column(
                "role_label",
                self.tr("Vai trò"),
                150,
                sort_key=lambda r: (rank.get(r.role, 99), person_sort_key(r.full_name)),
            ),
            Column("position", self.tr("Chức vụ"), 220),
            Column("unit", self.tr("Cơ quan"), 220),
            Column("field", self.tr("Lĩnh vực phụ trách"), 200),
            Column("area", self.tr("Địa bàn phụ trách"), 180),
            Column("phone", self.tr("Điện thoại"), 110),
            Column("email", self.tr("Email"), 200),
            Column("decision_number", self.tr("Quyết định"), 120),
        ]
        self.table = RecordTable(
            "committee",
            columns,
            lambda: members.list_committee(self.db),
            placeholder=self.tr("Tìm theo tên, chức vụ, cơ quan, lĩnh vực, địa bàn…"),
        )
        self.layout_.addWidget(self.table)

    def reload(self) -> None:
        self.table.reload()

    def focus_search(self) -> None:
        self.table.focus_search()
