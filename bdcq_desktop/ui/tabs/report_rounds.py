"""Đợt báo cáo: the rounds, and below them the record pane of the selected round, one row per
unit asked, its status computed from the dates (text and a shaped icon, never colour alone).

Keyboard: in the rounds list Enter goes to the units of the round; in the units, Enter opens
the quick entry (received date, Enter or Tab, number, Enter: recorded, and the next unit is
selected), Ctrl+Enter the full form (summary, evaluation, file), Ctrl+O opens the file,
Ctrl+M records that the unit is excused (Miễn nộp…: the day and the reason), Ctrl+Shift+M
takes it off;
Ctrl+N opens a round of a regime, Ctrl+Shift+N an ad hoc request, F2 corrects the round
(Sửa đợt), Ctrl+Shift+H its history (Lịch sử thay đổi), Delete in the rounds list deletes one
opened by mistake; Alt+0 the rounds, Alt+1 the
units.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from ...core import reports, rounds, submissions, waivers
from ...core.db import Database
from ...core.enums import SubmissionStatus
from ...core.reports import RoundRow, SubmissionRow
from ...core.text import short_date, vi_key
from .. import messages, view_state
from ..export_actions import add_document_actions
from ..list_tab import RecordTable
from ..record_view import RecordView, make_action
from ..status_icons import status_icon
from ..table_model import Column

if TYPE_CHECKING:
    from .. import table_export

# Problems first: who has not reported, who was late, then the rest.
STATUS_ORDER = [
    SubmissionStatus.OVERDUE.value,
    SubmissionStatus.LATE.value,
    SubmissionStatus.NOT_DUE.value,
    SubmissionStatus.ON_TIME.value,
    SubmissionStatus.WAIVED.value,
]


# The dialogs are imported when first opened: the page's first screen needs none of them.
def _dialogs(name: str) -> ModuleType:
    return import_module(f"..dialogs.{name}", __package__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_rounds", text)


def round_heading(row: RoundRow | None) -> str:
    if row is None:
        return _tr("Chưa chọn đợt báo cáo.")
    parts = [
        f"<b>{row.title}</b>",
        _tr("Hạn nộp {due}").format(due=short_date(row.due_date)),
    ]
    if row.opened_on:
        parts.append(_tr("mở ngày {day}").format(day=short_date(row.opened_on)))
    counts = _tr(
        "{units} đơn vị: {on_time} đúng hạn, {late} muộn, {overdue} quá hạn chưa nộp, "
        "{not_due} chưa đến hạn"
    ).format(
        units=row.units,
        on_time=row.on_time,
        late=row.late,
        overdue=row.missing,
        not_due=row.not_due,
    )
    if row.waived:
        counts += _tr(", {waived} miễn nộp").format(waived=row.waived)
    return " · ".join(parts) + "<br>" + counts


def status_tip(row: SubmissionRow) -> str:
    """The status cell's tooltip: a waiver's day and reason, else the status text."""
    if row.status != SubmissionStatus.WAIVED.value or row.waived_on is None:
        return row.status_text
    return _tr("Miễn nộp từ ngày {day}: {reason}").format(
        day=short_date(row.waived_on), reason=row.waived_reason
    )


class SubmissionsPane(QWidget):
    """The selected round's units with their reports, and the actions on one of them."""

    def __init__(self, view: RoundsView) -> None:
        super().__init__(view)
        self.view = view
        self.db = view.db
        self.round: RoundRow | None = None
        self.force = False  # the next show_round reloads even the same round unchanged
        self._shown: tuple[int, int] | None = None  # (round id, version) loaded
        self.setObjectName("submissionsPane")
        self.heading = QLabel(self)
        self.heading.setObjectName("roundHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        columns = [
            Column("unit", _tr("Cơ quan, đơn vị"), 300, sort_key=lambda r: vi_key(r.unit)),
            Column(
                "status_text",
                _tr("Tình trạng"),
                150,
                sort_key=lambda r: (STATUS_ORDER.index(r.status), -r.days_late, vi_key(r.unit)),
                icon=lambda r: status_icon(r.status),
                tooltip=status_tip,
            ),
            Column("received_on", _tr("Ngày nhận"), 90),
            Column("document_number", _tr("Số văn bản"), 140),
            Column("document_date", _tr("Ngày văn bản"), 95, optional=True),
            Column("file_name", _tr("Tệp"), 140, optional=True),
            Column("summary", _tr("Tóm tắt kết quả"), 300),
        ]
        self.table = RecordTable(
            "submissions",
            columns,
            self._load,
            placeholder=_tr("Tìm đơn vị, số văn bản… (Ctrl+F)"),
            default_sort=(1, Qt.SortOrder.AscendingOrder),
            select_first=True,
        )
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("submissionsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self._build_actions()
        self.table.activated.connect(lambda _row: self.quick_action.trigger())
        self.table.current_changed.connect(self.update_actions)
        self.update_actions(None)

    def _build_actions(self) -> None:
        def action(text: str, slot: Any, name: str, key: Any = None, tip: str = "") -> Any:
            a = make_action(self.table, text, slot, name, key, tip)
            self.toolbar.addAction(a)
            return a

        self.quick_action = action(
            _tr("Ghi nhận nhanh"),
            self.quick_entry,
            "quickEntryAction",
            tip=_tr("Ngày nhận và số văn bản (Enter trên dòng đơn vị)"),
        )
        self.edit_action = action(
            _tr("Chi tiết, tệp…"),
            self.edit,
            "submissionAction",
            "Ctrl+Return",
            _tr("Ngày văn bản, tóm tắt kết quả, đánh giá, tệp báo cáo (Ctrl+Enter)"),
        )
        self.open_file_action = action(
            _tr("Mở tệp"), self.open_file, "openFileAction", "Ctrl+O", _tr("Mở tệp báo cáo")
        )
        self.clear_action = action(
            _tr("Hủy ghi nhận…"),
            self.clear,
            "clearSubmissionAction",
            tip=_tr("Đưa đơn vị về “chưa nộp” (ghi nhận nhầm)"),
        )
        self.waive_action = action(
            _tr("Miễn nộp…"),
            self.waive,
            "waiveAction",
            "Ctrl+M",
            _tr("Ban Chỉ đạo cho đơn vị không phải gửi báo cáo này: ngày, lý do (Ctrl+M)"),
        )
        self.unwaive_action = action(
            _tr("Bỏ miễn nộp…"),
            self.unwaive,
            "unwaiveAction",
            "Ctrl+Shift+M",
            _tr("Đơn vị lại phải gửi báo cáo này (Ctrl+Shift+M)"),
        )
        self.toolbar.addSeparator()
        self.export_action = action(
            _tr("Xuất Excel…"),
            self.export,
            "exportSubmissionsAction",
            tip=_tr("Các đơn vị của đợt như đang hiện: cột, tìm kiếm, thứ tự (.xlsx hoặc .csv)"),
        )
        self.table.add_context_actions(
            [
                self.quick_action,
                self.edit_action,
                self.open_file_action,
                None,
                self.waive_action,
                self.unwaive_action,
                None,
                self.clear_action,
            ]
        )

    # -- data ----------------------------------------------------------------------------------
    def _load(self) -> list[SubmissionRow]:
        if self.round is None:
            return []
        return reports.list_submissions(self.db, self.round.id)

    def show_round(self, row: RoundRow | None) -> None:
        """Show ``row``'s units; read again only when another round is selected or this one
        changed (a save bumps its version), or after a reload of the whole view."""
        key = (row.id, row.version) if row is not None else None
        changed = (self.round.id if self.round else None) != (row.id if row else None)
        self.round = row
        self.heading.setText(round_heading(row))
        if key == self._shown and not self.force:
            return
        self.force = False
        self._shown = key
        if changed:  # another round: start at its first unit, not at the same line number
            self.table.view.setCurrentIndex(QModelIndex())
        self.table.reload()
        self.update_actions(self.table.current_row())

    def sheet(self) -> table_export.Sheet:
        """The units of the round as they are on screen, for "Xuất Excel…"."""
        from .. import table_export  # when an export is first asked for, not at start

        return table_export.record_table_sheet(self.table, _tr("Báo cáo của đơn vị"))

    def export(self) -> None:
        from .. import table_export  # when an export is first asked for, not at start

        if self.round is None:
            return
        name = table_export.file_stem(self.round.title) + ".xlsx"
        table_export.choose_and_export(self, self.db, name, "reports-export", self.sheet)

    def update_actions(self, row: SubmissionRow | None) -> None:
        self.export_action.setEnabled(self.round is not None)
        self.quick_action.setEnabled(row is not None)
        self.edit_action.setEnabled(row is not None)
        self.open_file_action.setEnabled(row is not None and row.file_id is not None)
        self.clear_action.setEnabled(row is not None and row.received_on is not None)
        # Nothing to excuse once the report arrived (the core refuses it too).
        waivable = row is not None and row.received_on is None
        self.waive_action.setEnabled(waivable)
        self.unwaive_action.setEnabled(waivable and row is not None and row.waived_on is not None)

    # -- actions -------------------------------------------------------------------------------
    def _open(self, dialog: Any, *, next_row: bool) -> None:
        position = self.table.view.currentIndex().row()
        # Deleted once closed, as RecordView.open_dialog does: kept as hidden children of the
        # pane, a round's quick entries held some 0.6 MB each (a "Chi tiết" 2 MB) all day.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda sid: self.after_save(sid, next_row=next_row, position=position))
        self.view.last_dialog = dialog
        dialog.open()

    def quick_entry(self) -> None:
        row = self.table.current_row()
        if row is not None:
            dialog = _dialogs("submission_dialogs").QuickEntryDialog(self.db, row, self)
            self._open(dialog, next_row=True)

    def edit(self) -> None:
        row = self.table.current_row()
        if row is not None:
            dialog = _dialogs("submission_dialogs").SubmissionDialog(self.db, row, self)
            self._open(dialog, next_row=False)

    def open_file(self) -> None:
        row = self.table.current_row()
        if row is not None and row.file_id is not None:
            from ..stored_file_actions import open_stored_file

            open_stored_file(self, self.db, row.file_id)

    def clear(self) -> None:
        row = self.table.current_row()
        if row is None or row.received_on is None:
            return
        text = _tr("Hủy ghi nhận báo cáo của “{unit}” (nhận ngày {day})?").format(
            unit=row.unit, day=short_date(row.received_on)
        )

        def do() -> None:
            submissions.clear_submission(
                self.db, row.id, expected_version=row.round_version, submission_version=row.version
            )
            self.after_save(row.id, next_row=False)

        self.view.last_dialog = messages.confirm(
            self, _tr("Hủy ghi nhận"), text, lambda: self._guarded(do), destructive=True
        )

    def waive(self) -> None:
        row = self.table.current_row()
        if row is not None and row.received_on is None:
            dialog = _dialogs("submission_dialogs").WaiverDialog(self.db, row, self)
            self._open(dialog, next_row=False)

    def unwaive(self) -> None:
        row = self.table.current_row()
        if row is None or row.waived_on is None or row.received_on is not None:
            return
        text = _tr(
            "Bỏ miễn nộp báo cáo của “{unit}” (miễn nộp từ ngày {day})? Đơn vị lại phải gửi "
            "báo cáo và bị đôn đốc khi quá hạn."
        ).format(unit=row.unit, day=short_date(row.waived_on))

        def do() -> None:
            waivers.unwaive_submission(
                self.db, row.id, expected_version=row.round_version, submission_version=row.version
            )
            self.after_save(row.id, next_row=False)

        self.view.last_dialog = messages.confirm(
            self, _tr("Bỏ miễn nộp"), text, lambda: self._guarded(do), destructive=True
        )

    def _guarded(self, do: Any) -> None:
        try:
            do()
        except Exception as exc:  # a refusal of the core: shown, nothing changed
            from ...core.errors import BcdError

            if not isinstance(exc, BcdError):
                raise
            self.view.refused(exc)  # a round changed meanwhile: its units read again too

    def after_save(self, submission_id: int, *, next_row: bool, position: int = -1) -> None:
        """Reload the round (its counts and version) and its units; keep the unit saved
        selected, or, after a quick entry, go on to the unit that followed it (the list is
        sorted by status, so the unit just recorded may have moved away from its line)."""
        self.view.after_save(self.round.id if self.round else None)
        table = self.table
        table.select_where(lambda r: r.id == submission_id)
        if next_row and position >= 0:
            now = table.view.currentIndex().row()
            target = position + 1 if now == position else position
            if target < table.proxy.rowCount():
                table.view.selectRow(target)
        table.view.setFocus(Qt.FocusReason.OtherFocusReason)


class RoundsView(RecordView):
    """The rounds (newest due date first) over the selected round's pane."""

    empty_what = "đợt báo cáo"  # the empty list's hint (RecordView.empty_hint)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("roundsView")
        self.toolbar.setObjectName("roundsToolbar")
        columns = [
            Column("due_date", _tr("Hạn nộp"), 90),
            Column("period_label", _tr("Kỳ"), 150),
            Column("units", _tr("Đơn vị"), 60, align_right=True, searchable=False),
            Column("on_time", _tr("Đúng hạn"), 75, align_right=True, searchable=False),
            Column("late", _tr("Muộn"), 60, align_right=True, searchable=False),
            Column("missing", _tr("Quá hạn"), 70, align_right=True, searchable=False),
            Column("not_due", _tr("Chưa đến hạn"), 95, align_right=True, searchable=False),
            Column("waived", _tr("Miễn nộp"), 75, align_right=True, searchable=False),
            Column("title", _tr("Đợt báo cáo"), 480),
        ]
        table = RecordTable(
            "rounds",
            columns,
            lambda: reports.list_rounds(db),
            placeholder=_tr("Tìm đợt báo cáo… (Ctrl+F)"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
            select_first=True,
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(table)
        self.set_table(table, self.splitter)
        self.pane = SubmissionsPane(self)
        self.splitter.addWidget(self.pane)
        self.splitter.setSizes([230, 420])
        view_state.restore_splitter("rounds", self.splitter)
        self.splitter.splitterMoved.connect(
            lambda *_: view_state.save_splitter("rounds", self.splitter)
        )
        self.document_source = add_document_actions(self, table, "round")
        self.open_action = self.add_action(
            _tr("Mở đợt theo chế độ…"),
            lambda: _dialogs("round_open").OpenRoundDialog(db, self),
            "openRoundAction",
            "Ctrl+N",
        )
        self.ad_hoc_action = self.add_action(
            _tr("Mở đợt đột xuất…"),
            lambda: _dialogs("round_dialogs").AdHocRoundDialog(db, self),
            "adHocRoundAction",
            "Ctrl+Shift+N",
        )
        self.units_action = self.add_row_action(
            _tr("Các đơn vị của đợt"),
            lambda _row: self.focus_units(),
            "roundUnitsAction",
            default=True,
        )
        self.edit_action = self.add_row_action(
            _tr("Sửa đợt…"),
            lambda row: _dialogs("round_dialogs").EditRoundDialog(
                db, rounds.get_round(db, row.id), self
            ),
            "editRoundAction",
            "F2",
            tip=_tr(
                "Tên, ngày mở đợt, hạn nộp, ngày chốt số liệu, văn bản yêu cầu, đơn vị báo cáo (F2)"
            ),
        )
        self.delete_action = self.add_row_action(
            _tr("Xóa đợt…"),
            lambda row: _dialogs("round_delete").confirm_delete_round(self, row),
            "deleteRoundAction",
            QKeySequence.StandardKey.Delete,
            tip=_tr("Chỉ xóa được đợt mở nhầm, chưa ghi nhận báo cáo nào (Del)"),
            when=lambda row: row.on_time + row.late == 0,  # nothing received yet
            table_only=True,  # Delete never steals the key from the search box
        )
        self.history_action = self.add_row_action(
            _tr("Lịch sử thay đổi…"),
            lambda row: _dialogs("change_log_dialog").round_history(db, row, self),
            "historyAction",
            "Ctrl+Shift+H",
            tip=_tr("Ai đã sửa đợt và các báo cáo của đợt, khi nào, trước và sau (Ctrl+Shift+H)"),
        )
        self.export_action = self.add_action(
            _tr("Xuất Excel…"),
            self.export,
            "exportRoundsAction",
            tip=_tr("Danh sách đợt như đang hiện: cột, tìm kiếm, thứ tự (.xlsx hoặc .csv)"),
        )
        self.place_actions(
            [
                self.open_action,
                self.ad_hoc_action,
                None,
                self.edit_action,
                self.delete_action,
                None,
                self.history_action,
                None,
                self.export_action,
            ],
            [self.units_action, None, self.edit_action, self.delete_action, self.history_action],
        )
        # Named as the guide's Phím tắt lists them (ui/guide_window.py reads these actions).
        make_action(self, _tr("Về danh sách đợt"), table.view.setFocus, "focusRounds", "Alt+0")
        make_action(self, _tr("Sang các đơn vị của đợt"), self.focus_units, "focusUnits", "Alt+1")

    def export(self) -> None:
        """"Xuất Excel…" of the rounds as listed; opens no dialog of the view's own."""
        from .. import table_export  # when an export is first asked for, not at start

        table_export.choose_and_export(
            self, self.db, "dot-bao-cao.xlsx", "reports-export", self.sheet
        )

    def sheet(self) -> table_export.Sheet:
        from .. import table_export  # when an export is first asked for, not at start

        return table_export.record_table_sheet(self.table, _tr("Đợt báo cáo"))

    def focus_units(self) -> None:
        view = self.pane.table.view
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not view.currentIndex().isValid() and self.pane.table.proxy.rowCount():
            view.selectRow(0)

    def show_current(self, row: RoundRow | None) -> None:
        pane = getattr(self, "pane", None)  # actions are placed before the pane exists
        if pane is not None:
            pane.show_round(row)

    def reload(self) -> None:
        self.pane.force = True  # data saved elsewhere (a unit renamed) shows too
        super().reload()
