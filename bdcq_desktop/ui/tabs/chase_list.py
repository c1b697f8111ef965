"""Báo cáo › Đôn đốc: who to chase, grouped by unit (overdue reports and overdue tasks), and
the reminder document (văn bản đôn đốc) for the selected unit or for all of them.

One core call per reload (:func:`..core.chase.chase_overview`), shown through
:class:`.chase_model.ChaseTreeModel` (no item object per row: ten years have thousands); Enter
on a row drafts its unit's reminder. A person of no unit with overdue tasks is listed after
the units (chased in the all-units reminder: no unit's reminder can hold them); the summary
says what is left out (units retired with no successor), so its figures add up to the tasks
page's and the overview's. The document opens in the usual document dialog (preview,
issue with the next number, save), which builds it in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core import chase
from ...core.db import Database
from .. import view_state
from ..messages import error_text
from .chase_model import ITEM_ROLE, UNIT_ROLE, ChaseTreeModel

if TYPE_CHECKING:
    from ..dialogs.document_dialog import DocumentDialog

ALL_LABEL = "Tất cả các cơ quan, đơn vị có báo cáo, nhiệm vụ quá hạn"
HEADER_KEY = "chaseTree"  # the remembered column widths


class ChaseListPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("chaseListPage")
        self.units: list[chase.ChaseUnit] = []
        self.left_out = ""  # what the list leaves out, as the summary says it
        self.tasks_left_out = self.reports_left_out = 0

        self.summary = QLabel(self)
        self.summary.setObjectName("chaseSummary")
        self.summary.setWordWrap(True)
        self.model = ChaseTreeModel(self)
        self.model.set_headers(
            [
                self.tr("Cơ quan, đơn vị / nội dung quá hạn"),
                self.tr("Loại"),
                self.tr("Hạn"),
                self.tr("Số ngày quá hạn"),
                self.tr("Nguồn, kỳ báo cáo"),
            ]
        )
        self.tree = QTreeView(self)
        self.tree.setObjectName("chaseTree")
        self.tree.setAccessibleName(self.tr("Danh sách cần đôn đốc theo đơn vị"))
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTabKeyNavigation(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((560, 90, 90, 110)):
            self.tree.setColumnWidth(column, width)
        header = self.tree.header()
        view_state.restore_header(HEADER_KEY, header)
        header.sectionResized.connect(lambda *_: view_state.save_header(HEADER_KEY, header))
        self.unit_button = QPushButton(self.tr("Soạn văn bản đôn đốc đơn &vị đang chọn…"), self)
        self.unit_button.setObjectName("remindUnitButton")
        self.all_button = QPushButton(self.tr("&Soạn văn bản đôn đốc tất cả đơn vị…"), self)
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
        # A timer object with no interval fires once the events waiting are handled, the
        # first screen's paint among them (QTimer.singleShot(0, …) is posted as one of those
        # events, and could run before the paint).
        self._open_rest = QTimer(self)
        self._open_rest.setSingleShot(True)
        self._open_rest.setInterval(0)
        self._open_rest.timeout.connect(self._open_all)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.tree.activated.connect(lambda *_: self.remind_selected())
        self._update_buttons()

    def reload(self) -> None:
        """Read the list again, keeping the current row: the same report or task if it is
        still overdue, else its unit's row, else the first unit."""
        current = self.tree.currentIndex()
        unit = self.selected_unit()
        item = current.data(ITEM_ROLE) if current.isValid() else None
        try:
            overview = chase.chase_overview(self.db)
        except Exception as exc:  # shown, never a traceback
            self.units = []
            self.left_out = ""
            self.tasks_left_out = self.reports_left_out = 0
            self.model.set_units([])
            self.summary.setText(error_text(exc))
            self._update_buttons()
            return
        self.units = overview.units
        self.left_out = chase.left_out_text(overview)
        self.tasks_left_out = overview.tasks_left_out
        self.reports_left_out = overview.reports_left_out
        self._fill(unit, item)

    def _fill(self, unit: int | None, item: tuple[str, int] | None) -> None:
        self.model.set_units(self.units)
        select = QModelIndex()
        if unit is not None and item is not None:
            select = self.model.item_index(unit, item)
        if not select.isValid() and unit is not None:
            select = self.model.unit_index(unit)
        if not select.isValid() and self.model.rowCount():
            select = self.model.index(0, 0)
        # Every unit open. Its rows have no children, so opening the units is opening all;
        # after the reset the view only notes them and lays the rows out on paint, asking
        # the model about each (twice, from C++ into Python: thousands at ten years). The
        # units the first screen can show are opened now, the others once it is painted.
        if self._open_first_screen(select) < self.model.rowCount():
            self._open_rest.start()
        if select.isValid():
            self.tree.setCurrentIndex(select)
            self.tree.scrollTo(select)
        self.summary.setText(self._summary_text())
        self._update_buttons()

    def _summary_text(self) -> str:
        reports = sum(len(u.reports) for u in self.units)
        tasks = sum(len(u.tasks) for u in self.units)
        people = sum(u.unit_id is None for u in self.units)
        units = len(self.units) - people
        if self.units:
            who = self.tr("{n} cơ quan, đơn vị").format(n=units) if units else ""
            if people:
                person = self.tr("{n} cá nhân không thuộc đơn vị nào").format(n=people)
                who = self.tr("{a} và {b}").format(a=who, b=person) if who else person
            text = self.tr(
                "{who} cần đôn đốc: {reports} báo cáo quá hạn chưa gửi, "
                "{tasks} nhiệm vụ quá hạn chưa hoàn thành."
            ).format(who=who, reports=reports, tasks=tasks)
        elif self.left_out:
            text = self.tr("Không có báo cáo hay nhiệm vụ quá hạn nào còn đơn vị để đôn đốc.")
        else:
            return self.tr("Không có báo cáo hay nhiệm vụ nào quá hạn.")
        if self.left_out:
            # Said on the page so that its figures add up to the tasks page's and the overview's.
            text += "\n" + self.tr("Không đôn đốc {what}.").format(what=self.left_out)
            if self.tasks_left_out:
                # Such tasks can be given to a unit in office, which then is chased for them.
                text += " " + self.tr(
                    "Có thể chuyển các nhiệm vụ này cho đơn vị khác tại trang Nhiệm vụ "
                    "(“Chuyển nhiệm vụ…”, Ctrl+T)."
                )
            if self.reports_left_out:
                # A report nobody is left to send is closed by the committee excusing it.
                text += " " + self.tr(
                    "Báo cáo không còn đơn vị gửi có thể ghi miễn nộp tại trang Đợt báo cáo "
                    "(“Miễn nộp…”, Ctrl+M)."
                )
        return text

    def _open_first_screen(self, select: QModelIndex) -> int:
        """Open the units up to the current row's and, after the current row, enough of them
        to fill a screen wherever scrolling to that row puts it; returns how many (the first
        ones) were opened."""
        model, tree = self.model, self.tree
        parent = select.parent()
        current = parent.row() if parent.isValid() else max(select.row(), 0)
        # The window's height bounds the view's (not laid out yet on the page's first show);
        # a text line is shorter than a row.
        screen = self.window().height() // max(1, tree.fontMetrics().height()) + 1
        below = 0  # rows from the current one down, opened so far
        for row in range(model.rowCount()):
            if row > current and below > screen:
                return row
            index = model.index(row, 0)
            tree.expand(index)
            if row == current:
                below = model.rowCount(index) + 1 - (select.row() + 1 if parent.isValid() else 0)
            elif row > current:
                below += model.rowCount(index) + 1
        return model.rowCount()

    def _open_all(self) -> None:
        # One layout of the whole tree, where expanding the units one by one laid out and
        # resized the view after each.
        self.tree.expandToDepth(0)

    def selected_unit(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.data(UNIT_ROLE) if index.isValid() else None
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
