"""Báo cáo › Đôn đốc: who to chase, grouped by unit (overdue reports and overdue tasks), and
the reminder document (văn bản đôn đốc) for the selected unit or for all of them.

One core call per reload (:func:`..core.chase.chase_list`); the document opens in the usual
document dialog (preview, issue with the next number, save), which builds it in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import chase
from ...core.db import Database
from ..messages import error_text

if TYPE_CHECKING:
    from ..dialogs.document_dialog import DocumentDialog

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the unit id of a row (its group's for a child)
ALL_LABEL = "Tất cả các cơ quan, đơn vị có báo cáo, nhiệm vụ quá hạn"


class ChaseListPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("chaseListPage")
        self.units: list[chase.ChaseUnit] = []

        self.summary = QLabel(self)
        self.summary.setObjectName("chaseSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("chaseTree")
        self.tree.setAccessibleName(self.tr("Danh sách cần đôn đốc theo đơn vị"))
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("Cơ quan, đơn vị / nội dung quá hạn"),
                self.tr("Loại"),
                self.tr("Hạn"),
                self.tr("Số ngày quá hạn"),
                self.tr("Nguồn, kỳ báo cáo"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTabKeyNavigation(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((560, 90, 90, 110)):
            self.tree.setColumnWidth(column, width)
        self.unit_button = QPushButton(self.tr("Soạn văn bản đôn đốc &đơn vị đang chọn…"), self)
        self.unit_button.setObjectName("remindUnitButton")
        self.all_button = QPushButton(self.tr("Soạn văn bản đôn đốc &tất cả đơn vị…"), self)
        self.all_button.setObjectName("remindAllButton")
        self.unit_button.clicked.connect(self.remind_selected)
        self.all_button.clicked.connect(self.remind_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unit_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda *_: self.remind_selected())
        self._update_buttons()

    def reload(self) -> None:
        current = self.selected_unit()
        try:
            self.units = chase.chase_list(self.db)
        except Exception as exc:  # shown, never a traceback
            self.units = []
            self.summary.setText(error_text(exc))
            self.tree.clear()
            self._update_buttons()
            return
        self._fill(current)

    def _fill(self, current: int | None) -> None:
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for unit in self.units:
            head = QTreeWidgetItem(
                [
                    unit.unit,
                    self.tr("{n} việc").format(n=unit.items),
                    "",
                    self.tr("tối đa {n}").format(n=unit.most_days_late),
                    self._counts(unit),
                ]
            )
            head.setData(0, UNIT_ROLE, unit.unit_id)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            for r in unit.reports:
                child = QTreeWidgetItem(
                    [
                        r.round_title,
                        self.tr("✗ Báo cáo"),
                        f"{r.due_date:%d/%m/%Y}",
                        str(r.days_late),
                        r.period_label,
                    ]
                )
                child.setToolTip(0, r.round_title)
                head.addChild(child)
            for t in unit.tasks:
                child = QTreeWidgetItem(
                    [
                        t.content,
                        self.tr("✗ Nhiệm vụ"),
                        f"{t.deadline:%d/%m/%Y}",
                        str(t.days_overdue),
                        t.source,
                    ]
                )
                child.setToolTip(0, t.content)
                head.addChild(child)
            for i in range(head.childCount()):
                head.child(i).setData(0, UNIT_ROLE, unit.unit_id)
                head.child(i).setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
            head.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(head)
            head.setExpanded(True)
            if unit.unit_id == current:
                select = head
        if select is None and self.tree.topLevelItemCount():
            select = self.tree.topLevelItem(0)
        if select is not None:
            self.tree.setCurrentItem(select)
        reports = sum(len(u.reports) for u in self.units)
        tasks = sum(len(u.tasks) for u in self.units)
        if self.units:
            self.summary.setText(
                self.tr(
                    "{units} cơ quan, đơn vị cần đôn đốc: {reports} báo cáo quá hạn chưa gửi, "
                    "{tasks} nhiệm vụ quá hạn chưa hoàn thành."
                ).format(units=len(self.units), reports=reports, tasks=tasks)
            )
        else:
            self.summary.setText(self.tr("Không có báo cáo hay nhiệm vụ nào quá hạn."))
        self._update_buttons()

    def _counts(self, unit: chase.ChaseUnit) -> str:
        parts = []
        if unit.reports:
            parts.append(self.tr("{n} báo cáo").format(n=len(unit.reports)))
        if unit.tasks:
            parts.append(self.tr("{n} nhiệm vụ").format(n=len(unit.tasks)))
        return ", ".join(parts)

    def selected_unit(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, UNIT_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _update_buttons(self, *_: object) -> None:
        self.unit_button.setEnabled(self.selected_unit() is not None)
        self.all_button.setEnabled(bool(self.units))

    def _unit_label(self, unit_id: int) -> str:
        return next((u.unit for u in self.units if u.unit_id == unit_id), "")

    def remind_selected(self) -> DocumentDialog | None:
        """The document dialog on the reminder of the selected unit (returned for tests)."""
        unit_id = self.selected_unit()
        if unit_id is None:
            return None
        return self._open(unit_id, self._unit_label(unit_id))

    def remind_all(self) -> DocumentDialog:
        return self._open(None, self.tr(ALL_LABEL))

    def _open(self, unit_id: int | None, label: str) -> DocumentDialog:
        # Imported here: the dialog pulls in the document engine, loaded on first use only.
        from ..dialogs.document_dialog import DocumentDialog

        dialog = DocumentDialog(self.db, "unit", unit_id, label, kind="reminder", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
