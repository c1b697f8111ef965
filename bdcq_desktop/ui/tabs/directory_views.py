"""Experts and guests, units, and the responsibility matrix (sub-views of the members tab).

The two lists are :class:`..record_view.RecordView` s: a table, actions declared with the
dialog each opens, and the base does the rest (refresh, selection, ``changed``)."""

from __future__ import annotations

import textwrap
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.enums import PersonKind, UnitKind
from ...core.text import SearchQuery, person_sort_key, short_date, unit_search_text, vi_key
from .. import view_state
from ..list_tab import RecordTable
from ..record_view import RecordView
from ..table_model import Column

if TYPE_CHECKING:
    from ...core import members, units
    from ...core.db import Database

_KIND_ORDER = {k.value: i for i, k in enumerate(UnitKind)}
_FILLED_BACKGROUND = QColor(227, 242, 253)


# The dialogs are imported when first opened, and the core's services when first used: these
# views are built with the members tab at start-up, and the first screen's rows should wait
# neither for the editing forms nor for the database layer (see ..core.first_screen).
def _members() -> ModuleType:
    from ...core import members

    return members


def _person_kinds() -> tuple[PersonKind, ...]:
    from ...core.people import EXPERT_KINDS

    return (*EXPERT_KINDS, PersonKind.OFFICIAL)


def _units() -> ModuleType:
    from ...core import units

    return units


def _member_dialogs() -> ModuleType:
    from ..dialogs import member_dialogs

    return member_dialogs


def _unit_dialogs() -> ModuleType:
    from ..dialogs import unit_dialogs

    return unit_dialogs


class ExpertsView(RecordView):
    """Chuyên gia, nhà khoa học, khách mời, and the officials of the directory (danh bạ): the
    people outside the committee and the working group (:func:`..core.experts.list_experts`),
    invited as needed."""

    # The empty list's hint (RecordView.empty_hint).
    empty_what = "chuyên gia, khách mời, người trong danh bạ"

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("expertsView")
        columns = [
            Column(
                "full_name",
                self.tr("Họ và tên"),
                190,
                sort_key=lambda r: person_sort_key(r.full_name),
            ),
            Column("kind_label", self.tr("Loại"), 110),
            Column("position", self.tr("Chức vụ, học hàm"), 230),
            # Found by the unit's short name too ("BHXH", "Sở KHCN"), as the roster's search
            # and people list --search find it (text.unit_search_text).
            Column(
                "unit",
                self.tr("Cơ quan, đơn vị"),
                260,
                search=lambda r: unit_search_text(r.unit, r.unit_short),
            ),
            Column("phone", self.tr("Điện thoại"), 110, searchable=False),
            Column("email", self.tr("Thư điện tử"), 220, searchable=False),
            Column("notes", self.tr("Ghi chú"), 200),
        ]
        self.set_table(
            RecordTable(
                "experts",
                columns,
                lambda: _members().list_experts(self.db),
                placeholder=self.tr("Tìm chuyên gia, khách mời, người trong danh bạ… (Ctrl+F)"),
                default_sort=(0, Qt.SortOrder.AscendingOrder),
                select_first=True,
            )
        )
        self.new_action = self.add_action(
            self.tr("Thêm…"),
            lambda: _member_dialogs().person_dialog(
                self.db, self, title=self.tr("Thêm chuyên gia, khách mời")
            ),
            "newAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            # An official of the directory keeps their kind: it is among the choices.
            lambda row: _member_dialogs().person_dialog(
                self.db, self, person=row, kinds=_person_kinds()
            ),
            "editAction",
            default=True,
        )
        self.delete_action = self.add_row_action(
            self.tr("Xóa"),
            lambda row: _member_dialogs().confirm_delete_person(self, row),
            "deleteAction",
            "Delete",
            tip=self.tr("Chỉ xóa được người chưa được mời họp hay tham gia công việc nào."),
            when=lambda row: not row.has_history,
            table_only=True,
        )
        self.history_action = self.add_row_action(
            self.tr("Lịch sử thay đổi…"),
            self._change_log_dialog,
            "historyAction",
            "Ctrl+Shift+H",
        )
        self.place_actions(
            [self.new_action, self.edit_action, self.delete_action],
            [self.edit_action, self.delete_action, self.history_action, None, self.new_action],
        )

    def _change_log_dialog(self, row: members.PersonRow) -> QWidget:
        from ..dialogs.change_log_dialog import ChangeLogDialog

        return ChangeLogDialog(self.db, "person", row.id, title=row.full_name, parent=self)


class UnitsView(RecordView):
    """Cơ quan, đơn vị: add, edit, retire, merge; retired units stay for history."""

    empty_what = "cơ quan, đơn vị"  # the empty list's hint (RecordView.empty_hint)

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("unitsView")
        columns = [
            Column("name", self.tr("Tên cơ quan, đơn vị"), 300, sort_key=lambda r: vi_key(r.name)),
            # Searched without its signs too ("KHCN" finds "Sở KH&CN"), as on the roster.
            Column(
                "short_name",
                self.tr("Viết tắt"),
                110,
                search=lambda r: unit_search_text("", r.short_name),
            ),
            Column("kind_label", self.tr("Loại"), 240, sort_key=self._kind_key),
            Column("head", self.tr("Người đứng đầu"), 180),
            Column("phone", self.tr("Điện thoại"), 110, searchable=False),
            Column("email", self.tr("Thư điện tử"), 200, searchable=False),
            Column("people", self.tr("Số người"), 70, align_right=True, searchable=False),
            # Short enough to be read whole on a 1366-pixel screen (the target by its short
            # name, the date never cut); the whole sentence is its tooltip. Hidden while every
            # unit shown is in office (the retired ones not shown).
            Column(
                "status",
                self.tr("Tình trạng"),
                260,
                value=self._status,
                tooltip=self._status_sentence,
                optional=True,
                whole=True,
            ),
        ]
        self._short_names: dict[int, str] = {}
        self.show_retired = QCheckBox(self.tr("Hiện cả đơn vị đã ngừng hoạt động"), self)
        self.show_retired.setObjectName("showRetired")
        self.show_retired.setChecked(view_state.bool_value("units/showRetired"))
        self.set_table(
            RecordTable(
                "units",
                columns,
                self._load,
                placeholder=self.tr("Tìm cơ quan, đơn vị… (Ctrl+F)"),
                muted=lambda r: not r.active,
                default_sort=(2, Qt.SortOrder.AscendingOrder),
                select_first=True,
            )
        )
        self.table.add_top_widget(self.show_retired)
        self.new_action = self.add_action(
            self.tr("Thêm đơn vị…"),
            lambda: _unit_dialogs().unit_dialog(self.db, self),
            "newAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: _unit_dialogs().unit_dialog(self.db, self, unit=row),
            "editAction",
            default=True,
        )
        self.retire_action = self.add_row_action(
            self.tr("Ngừng hoạt động…"),
            lambda row: _unit_dialogs().retire_unit_dialog(self.db, row, self),
            "retireAction",
            when=lambda row: row.active,
        )
        self.merge_action = self.add_row_action(
            self.tr("Sáp nhập vào đơn vị khác…"),
            lambda row: _unit_dialogs().merge_unit_dialog(self.db, row, self),
            "mergeAction",
            when=lambda row: row.active,
        )
        self.history_action = self.add_row_action(
            self.tr("Lịch sử thay đổi…"),
            self._change_log_dialog,
            "historyAction",
            "Ctrl+Shift+H",
        )
        self.place_actions(
            [self.new_action, self.edit_action, self.retire_action, self.merge_action],
            [
                self.edit_action,
                self.retire_action,
                self.merge_action,
                self.history_action,
                None,
                self.new_action,
            ],
        )
        self.show_retired.toggled.connect(self._on_show_retired)

    def _change_log_dialog(self, row: units.UnitRow) -> QWidget:
        from ..dialogs.change_log_dialog import ChangeLogDialog

        return ChangeLogDialog(self.db, "unit", row.id, title=row.name, parent=self)

    @staticmethod
    def _kind_key(u: units.UnitRow) -> tuple[int, Any]:
        """Departments, sectors, central agencies, localities…, then by name (the core's order,
        which is how official lists group units)."""
        return (_KIND_ORDER.get(u.kind, 99), vi_key(u.name))

    def _load(self) -> list[units.UnitRow]:
        rows = _units().list_units(self.db, include_retired=self.show_retired.isChecked())
        # The unit a retired one went into is listed with it (retired ones are shown only
        # beside every other): its short name, as the "Viết tắt" column shows it.
        self._short_names = {r.id: r.short_name for r in rows if r.short_name}
        return rows

    def _status(self, u: units.UnitRow) -> str:
        if u.active:
            return ""
        when = short_date(u.retired_on) if u.retired_on else ""
        if u.merged_into:
            target = self._short_names.get(u.merged_into_id or 0) or u.merged_into
            return self.tr("Sáp nhập vào {target} từ {day}").format(target=target, day=when)
        return self.tr("Ngừng hoạt động từ {day}").format(day=when)

    def _status_sentence(self, u: units.UnitRow) -> str:
        """The status in full: the tooltip of its short cell."""
        if u.active:
            return ""
        when = short_date(u.retired_on) if u.retired_on else ""
        if u.merged_into:
            sentence = self.tr("Sáp nhập vào {target} từ ngày {day}")
            return sentence.format(target=u.merged_into, day=when)
        return self.tr("Ngừng hoạt động từ ngày {day}").format(day=when)

    def _on_show_retired(self, checked: bool) -> None:
        view_state.save_value("units/showRetired", checked)
        self.reload()


class MatrixView(QWidget):
    """Ma trận trách nhiệm: lĩnh vực × địa bàn → the members answering for it.

    The first column names the field (so long names wrap); the filter keeps the fields and
    areas whose name, or whose members' names, contain what is typed (no diacritics needed).
    """

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("matrixView")
        self.matrix: members.Matrix | None = None
        self.note = QLabel(
            self.tr(
                "Thành viên Ban Chỉ đạo đương nhiệm theo lĩnh vực (hàng) và địa bàn (cột) được "
                "Trưởng ban phân công."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("matrixSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Lọc theo lĩnh vực, địa bàn hoặc tên… (Ctrl+F)"))
        self.search.textChanged.connect(self._apply_filter)
        self.table = QTableWidget(self)
        self.table.setObjectName("responsibilityMatrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.verticalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setDefaultSectionSize(160)
        self.table.horizontalHeader().setMinimumSectionSize(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)

    def attach(self, db: Database) -> None:
        self.db = db

    def reload(self) -> None:
        matrix = _members().responsibility_matrix(self.db)
        self.matrix = matrix
        # Rows fit their contents once the table is filled, not again after every header label
        # and cell (each pass measures every wrapped cell of every row).
        header = self.table.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.clear()
        self.table.setRowCount(len(matrix.fields))
        self.table.setColumnCount(len(matrix.areas))
        self.table.setHorizontalHeaderLabels(matrix.areas)
        # Field names go in the row header, which stays put while the areas scroll sideways;
        # wrapped by hand because a header does not wrap text itself.
        self.table.setVerticalHeaderLabels([textwrap.fill(f, 44) for f in matrix.fields])
        for r, field in enumerate(matrix.fields):
            for c, area in enumerate(matrix.areas):
                names = matrix.get(field, area)
                if names:
                    item = QTableWidgetItem("\n".join(names))
                    item.setBackground(_FILLED_BACKGROUND)
                    item.setToolTip(f"{field} — {area}:\n" + "\n".join(names))
                    self.table.setItem(r, c, item)
        self._apply_filter(self.search.text())
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _apply_filter(self, text: str) -> None:
        matrix = self.matrix
        if matrix is None:
            return
        query = SearchQuery(text)  # the search boxes' rule: diacritics typed must match

        def hit(*texts: str) -> bool:
            return query.finds(*texts)

        rows = {
            r
            for r, field in enumerate(matrix.fields)
            if hit(field) or any(hit(*matrix.get(field, a)) for a in matrix.areas)
        }
        cols = {
            c
            for c, area in enumerate(matrix.areas)
            if hit(area) or any(hit(*matrix.get(f, area)) for f in matrix.fields)
        }
        if query.words and not (rows and cols):
            rows, cols = set(), set()
        for r in range(len(matrix.fields)):
            self.table.setRowHidden(r, r not in rows)
        for c in range(len(matrix.areas)):
            self.table.setColumnHidden(c, c not in cols)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
