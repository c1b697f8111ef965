"""Chế độ báo cáo: the register of reporting regimes (Decree 09/2019 fields). Add (Ctrl+N),
edit (Enter), retire and restore; a regime is never deleted, its rounds keep pointing at it."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from ...core import regimes
from ...core.db import Database
from ...core.regimes import RegimeRow
from ..list_tab import RecordTable
from ..record_view import RecordView
from ..table_model import Column

if TYPE_CHECKING:
    from .. import table_export


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_regimes", text)


def _round_dialogs() -> ModuleType:
    # Imported when first opened: the page's list needs no dialog.
    from ..dialogs import round_dialogs

    return round_dialogs


class RegimesView(RecordView):

    empty_what = "chế độ báo cáo"  # the empty list's hint (RecordView.empty_hint)
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("regimesView")
        self.toolbar.setObjectName("regimesToolbar")
        self.show_retired = QCheckBox(_tr("Cả chế độ đã thôi áp dụng"), self)
        self.show_retired.setObjectName("showRetiredRegimes")
        self.show_retired.toggled.connect(lambda _on: self.reload())
        columns = [
            Column("name", _tr("Chế độ báo cáo"), 360),
            Column("frequency_label", _tr("Tần suất"), 90),
            Column("deadline_rule", _tr("Hạn gửi"), 170),
            Column("cutoff_rule", _tr("Chốt số liệu"), 170),
            Column("units", _tr("Số đơn vị"), 75, align_right=True, searchable=False),
            Column("rounds", _tr("Số đợt"), 60, align_right=True, searchable=False),
            Column("receiving_body", _tr("Cơ quan nhận báo cáo"), 260),
        ]
        table = RecordTable(
            "regimes",
            columns,
            lambda: regimes.list_regimes(db, include_retired=self.show_retired.isChecked()),
            placeholder=_tr("Tìm chế độ báo cáo… (Ctrl+F)"),
            muted=lambda r: not r.active,
            select_first=True,
        )
        table.add_top_widget(self.show_retired)
        self.set_table(table)
        self.new_action = self.add_action(
            _tr("Thêm chế độ…"),
            lambda: _round_dialogs().RegimeDialog(db, None, self),
            "newRegimeAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            _tr("Sửa…"),
            lambda row: _round_dialogs().RegimeDialog(db, regimes.get_regime(db, row.id), self),
            "editRegimeAction",
            default=True,
        )
        self.retire_action = self.add_row_action(
            _tr("Thôi áp dụng…"),
            self.retire,
            "retireRegimeAction",
            when=lambda row: row.active,
        )
        self.restore_action = self.add_row_action(
            _tr("Áp dụng lại"),
            self.restore,
            "restoreRegimeAction",
            when=lambda row: not row.active,
        )
        self.history_action = self.add_row_action(
            _tr("Lịch sử thay đổi…"),
            self._change_log_dialog,
            "historyAction",
            "Ctrl+Shift+H",
        )
        self.export_action = self.add_action(
            _tr("Xuất Excel…"),
            self.export,
            "exportRegimesAction",
            tip=_tr("Danh sách chế độ như đang hiện: cột, tìm kiếm, thứ tự (.xlsx hoặc .csv)"),
        )
        self.place_actions(
            [
                self.new_action,
                self.edit_action,
                None,
                self.retire_action,
                self.restore_action,
                None,
                self.export_action,
            ],
            [
                self.edit_action,
                self.retire_action,
                self.restore_action,
                self.history_action,
                None,
                self.new_action,
            ],
        )
        self.table.view.setTextElideMode(Qt.TextElideMode.ElideRight)

    def export(self) -> None:
        from .. import table_export  # when an export is first asked for, not at start

        table_export.choose_and_export(
            self, self.db, "che-do-bao-cao.xlsx", "reports-export", self.sheet
        )

    def sheet(self) -> table_export.Sheet:
        from .. import table_export  # when an export is first asked for, not at start

        return table_export.record_table_sheet(self.table, _tr("Chế độ báo cáo"))

    def _change_log_dialog(self, row: RegimeRow) -> QWidget:
        from ..dialogs.change_log_dialog import ChangeLogDialog

        return ChangeLogDialog(self.db, "reporting_regime", row.id, title=row.name, parent=self)

    def retire(self, row: RegimeRow) -> None:
        self.confirm(
            _tr("Thôi áp dụng chế độ báo cáo"),
            _tr(
                "Thôi áp dụng “{name}”? Các đợt đã mở vẫn giữ nguyên; không mở đợt mới được."
            ).format(name=row.name),
            lambda: regimes.retire_regime(self.db, row.id, expected_version=row.version),
            yes_text=_tr("Thôi áp dụng"),
        )

    def restore(self, row: RegimeRow) -> None:
        from ...core.errors import BcdError
        from ...core.read_scope import saving

        try:
            with saving():  # a save, though run as an action that opens a dialog (RecordView)
                regimes.update_regime(self.db, row.id, expected_version=row.version, active=True)
        except BcdError as exc:
            self.refused(exc)
            return
        self.after_save(row.id)
