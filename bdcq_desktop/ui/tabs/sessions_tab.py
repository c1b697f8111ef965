"""Tổ công tác: the working group's sessions of concentrated work, with mobilised experts and
the drafts they produce.

The list (filters year, purpose, status; search as you type; newest first) and, beside it, the
record pane of the selected session (:mod:`.session_record`: Thông tin, Thành phần, Sản phẩm,
Văn bản). Above them, the year's figures (sessions, days of work, experts mobilised, drafts by
status) for the year filtered, else the current one.

A :class:`..list_record_view.ListRecordView` like the meetings tab: each action opens a dialog
whose save is one core call (``session_dialogs``, ``output_dialogs``). Keyboard: Ctrl+N new,
Enter edit, Delete (a session without outputs or issued documents, after confirmation), Alt+0
the list, Alt+1… the record's sections, Ctrl+Shift+P participants, Ctrl+Shift+D attendance,
Ctrl+Shift+O a new output.
"""

from __future__ import annotations

from datetime import date
from types import ModuleType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from ...core import session_detail, session_list, session_outputs, session_people, working_group
from ...core.days_off import not_entered_note
from ...core.db import Database
from ...core.enums import SessionPurpose
from ...core.errors import BcdError
from ...core.labels import choices as vocabulary
from ...core.read_scope import reading
from ...core.session_detail import SessionDetail
from ...core.session_list import SessionRow
from ...core.session_summary import year_summary, year_summary_text
from .. import io_actions, messages
from ..list_record_view import ListRecordView, fill_years
from ..list_tab import RecordTable
from ..record_view import make_action
from ..table_model import Column
from .base import ViewTab
from .session_record import SessionRecordPane, dates_text


# The dialogs are imported when first opened: the tab's first screen (its list and the selected
# session) needs none of them.
def _session_dialogs() -> ModuleType:
    from ..dialogs import session_dialogs

    return session_dialogs


def _output_dialogs() -> ModuleType:
    from ..dialogs import output_dialogs

    return output_dialogs


class SessionsView(ListRecordView):
    """The sessions list with its filters, the record pane and the year's figures."""

    empty_what = "phiên làm việc"  # the empty list's hint (RecordView.empty_hint)

    record_type = "session"
    pane: SessionRecordPane

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("sessionsView")
        self.toolbar.setObjectName("sessionsToolbar")
        self.year_line = QLabel(self)
        self.year_line.setObjectName("yearSummary")
        self.year_line.setWordWrap(True)
        self.year_line.setStyleSheet("color: #1a237e;")
        self.layout_.insertWidget(0, self.year_line)
        self._build_table()
        self._build_actions()
        # The list gets the larger share: seven columns, the title among them (whole in the
        # pane's heading); the pane 600 pixels, so that its Thành phần table reads each name,
        # role, day count and note whole at 1366 (at 560 the notes were cut).
        self.set_pane(SessionRecordPane(self, self), stretch=(3, 2), sizes=[740, 600])

    # -- building ------------------------------------------------------------------------------
    def _build_table(self) -> None:
        columns = [
            Column(
                "starts_on",
                self.tr("Thời gian"),
                130,
                value=lambda r: dates_text(r),
                sort_key=lambda r: (r.starts_on, r.id),
                whole=True,  # "19/10/2026 – 27/10/2026": its end is a date too
            ),
            Column("title", self.tr("Nội dung"), 280),
            Column("purpose_label", self.tr("Loại"), 90),
            Column("status_label", self.tr("Trạng thái"), 95),
            Column("participants", self.tr("Người"), 45, align_right=True, searchable=False),
            Column("experts", self.tr("Chuyên gia"), 70, align_right=True, searchable=False),
            Column("outputs", self.tr("Sản phẩm"), 70, align_right=True, searchable=False),
            # Convener and place are in the record pane (the convener is nearly always the Tổ
            # trưởng, the place the standing agency): the title keeps the width at 1366 px.
        ]
        table = RecordTable(
            "sessions",
            columns,
            self._load,
            placeholder=self.tr("Tìm theo nội dung… (Ctrl+F)"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
            select_first=True,
        )
        self.year_filter = self.filter_combo("yearFilter", [], self.tr("Mọi năm"))
        self.purpose_filter = self.filter_combo(
            "purposeFilter", vocabulary(SessionPurpose), self.tr("Mọi loại")
        )
        self.status_filter = self.filter_combo(
            "statusFilter", working_group.status_choices(), self.tr("Mọi trạng thái")
        )
        self.set_list(table, (self.year_filter, self.purpose_filter, self.status_filter))

    def _build_actions(self) -> None:
        db = self.db
        self.new_action = self.add_action(
            self.tr("Triệu tập phiên làm việc…"),
            lambda: _session_dialogs().new_session_dialog(db, self),
            "newAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: _session_dialogs().edit_session_dialog(db, row.id, self),
            "editAction",
            tip=self.tr("Sửa thông tin phiên làm việc (Enter hoặc nhấp đúp)"),
            default=True,
        )
        self.participants_action = self.add_row_action(
            self.tr("Thêm người tham gia…"),
            lambda row: _session_dialogs().ParticipantsDialog(db, row.id, self),
            "participantsAction",
            "Ctrl+Shift+P",
            tip=self.tr("Thành viên Tổ công tác, chuyên gia (chọn hoặc nhập mới)"),
        )
        self.attendance_action = self.add_row_action(
            self.tr("Điểm danh theo ngày…"),
            lambda row: _session_dialogs().AttendanceDialog(db, row.id, self),
            "attendanceAction",
            "Ctrl+Shift+D",
            when=lambda row: row.participants > 0,
        )
        self.remove_participants_action = make_action(
            self,
            self.tr("Bỏ người đã chọn…"),
            self.remove_participants,
            "removeParticipantsAction",
        )
        self.add_output_action = self.add_row_action(
            self.tr("Thêm sản phẩm…"),
            lambda row: _output_dialogs().OutputDialog(db, row.id, None, self),
            "addOutputAction",
            "Ctrl+Shift+O",
        )
        self.edit_output_action = make_action(
            self, self.tr("Sửa sản phẩm…"), self.edit_output, "editOutputAction"
        )
        self.output_status_action = make_action(
            self, self.tr("Đổi tình trạng…"), self.change_status, "outputStatusAction"
        )
        self.open_file_action = make_action(
            self, self.tr("Mở tệp"), self.open_file, "openFileAction"
        )
        self.save_file_action = make_action(
            self, self.tr("Lưu bản sao tệp…"), self.save_file, "saveFileAction"
        )
        self.documents_action = self.add_row_action(
            self.tr("Văn bản (xem, ban hành, xuất PDF)…"),
            lambda row: self.open_documents(None),
            "documentsAction",
        )
        self.delete_action = self.add_row_action(
            self.tr("Xóa"),
            self.confirm_delete,
            "deleteAction",
            QKeySequence.StandardKey.Delete,
            tip=self.tr("Chỉ xóa được phiên chưa có sản phẩm, chưa có văn bản ban hành."),
            when=lambda row: row.outputs == 0,
            table_only=True,
        )
        self.place_actions(
            [
                self.new_action,
                self.edit_action,
                None,
                self.participants_action,
                self.attendance_action,
                self.add_output_action,
                None,
                self.delete_action,
            ],
            [
                self.edit_action,
                self.participants_action,
                self.attendance_action,
                self.add_output_action,
                self.documents_action,
                None,
                self.delete_action,
                None,
                self.new_action,
            ],
        )

    # -- data ----------------------------------------------------------------------------------
    def _load(self) -> list[SessionRow]:
        filters = {
            "year": self.year_filter.currentData(),
            "purpose": self.purpose_filter.currentData(),
            "status": self.status_filter.currentData(),
        }
        rows = session_list.list_sessions(self.db, **filters)
        fill_years(self.year_filter, session_list.session_years(self.db))
        return rows

    def update_year_line(self) -> None:
        year = self.year_filter.currentData() or date.today().year
        with reading():  # after a save too: refused, the figures were not read (not the save)
            x = year_summary(self.db, year)
        note = not_entered_note(x.years_not_entered)  # Tết counted as worked: said with it
        self.year_line.setText(year_summary_text(x) + (f" {note}" if note else ""))

    def read_detail(self, record_id: int) -> SessionDetail:
        return session_detail.get_session(self.db, record_id)

    def show_detail(self, detail: SessionDetail | None) -> None:
        self.pane.show_session(detail)

    def reload(self) -> None:
        super().reload()
        self.update_year_line()

    def after_save(self, result: Any = None) -> None:
        super().after_save(result)
        self.update_year_line()

    def show_current(self, row: SessionRow | None) -> None:
        super().show_current(row)
        has = row is not None
        for action in (getattr(self, "remove_participants_action", None),):
            if action is not None:
                action.setEnabled(has and row.participants > 0)

    def current_session(self) -> SessionDetail | None:
        return self.current_detail()

    # -- participants --------------------------------------------------------------------------
    def remove_participants(self) -> None:
        d = self.current_session()
        section = self.pane.section("participants")
        ids = section.selected_ids()
        if d is None or not ids:
            return
        names = [p.name for p in d.participants if p.id in ids]
        shown = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
        text = self.tr("Bỏ {n} người khỏi phiên làm việc (cùng điểm danh của họ): {names}?").format(
            n=len(ids), names=shown
        )
        # The convocation in force lists them: one question says it all, and its yes is the
        # core's confirmation (core.issued_changes); one issued meanwhile is asked next.
        # People added after it was issued are not on it: taking only them off asks nothing.
        issued = [
            doc
            for doc in d.documents
            if doc.kind == "wg-convocation" and doc.superseded_on is None
        ]
        confirmed: dict[str, bool] = {}
        if issued and any(p.convened for p in d.participants if p.id in ids):
            doc = issued[-1]
            text += "\n\n" + self.tr(
                "Giấy triệu tập số {symbol} ngày {day} đã ban hành và có tên họ: bỏ khỏi phiên "
                "thì giấy triệu tập không còn đúng, sẽ được đánh dấu bị thay thế và cần ban "
                "hành lại với số mới. Người đã được triệu tập nhưng không tham gia thì nên ghi "
                "vắng (có lý do) trong điểm danh thay vì bỏ."
            ).format(symbol=doc.symbol, day=f"{doc.issued_on:%d/%m/%Y}")
            confirmed["confirm_after_convocation"] = True

        def remove(**more: bool) -> int:
            return session_people.remove_participants(
                self.db, d.id, ids, expected_version=d.version, **{**confirmed, **more}
            )

        self.confirm(
            self.tr("Bỏ người tham gia"), text, remove, yes_text=self.tr("Bỏ khỏi phiên")
        )

    # -- outputs -------------------------------------------------------------------------------
    def current_output(self) -> Any:
        return self.pane.section("outputs").current_output()

    def update_output_actions(self, row: Any) -> None:
        self.edit_output_action.setEnabled(row is not None)
        self.output_status_action.setEnabled(row is not None and bool(row.next_statuses))
        self.open_file_action.setEnabled(row is not None and row.file_id is not None)
        self.save_file_action.setEnabled(row is not None and row.file_id is not None)

    def edit_output(self) -> None:
        row, d = self.current_output(), self.current_session()
        if row is not None and d is not None:
            self.open_dialog(_output_dialogs().OutputDialog(self.db, d.id, row, self))

    def change_status(self) -> None:
        row, d = self.current_output(), self.current_session()
        if row is not None and d is not None and row.next_statuses:
            self.open_dialog(_output_dialogs().status_dialog(self.db, d.id, row, self))

    def open_file(self) -> None:
        row = self.current_output()
        if row is not None and row.file_id is not None:
            from ..stored_file_actions import open_stored_file

            open_stored_file(self, self.db, row.file_id)

    def save_file(self) -> None:
        row = self.current_output()
        if row is None or row.file_id is None:
            return
        path = io_actions.choose_save_path(
            self, self.tr("Lưu bản sao tệp"), row.file_name, "", "session-files"
        )
        if path:
            self.save_file_to(path)

    def save_file_to(self, path: str) -> bool:
        row = self.current_output()
        if row is None:
            return False
        try:
            target = session_outputs.save_output_file(self.db, row.id, path)
        except (BcdError, OSError) as exc:
            self.last_dialog = messages.show_error(self, exc)
            return False
        self.say(self.tr("Đã lưu bản sao (đã kiểm tra SHA-256): {path}").format(path=target))
        return True

    # -- the session ----------------------------------------------------------------------------
    def select_session(self, session_id: int) -> bool:
        """Make session ``session_id`` the current row (another tab asked for it); when the
        filters or the search hide it, they are cleared first. False if it no longer exists."""
        self.table.reload()
        if not self.table.select_where(lambda r: r.id == session_id):
            for combo in (self.year_filter, self.purpose_filter, self.status_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.table.search.clear()
            self.reload()
            if not self.table.select_where(lambda r: r.id == session_id):
                return False
        self.update_actions(self.table.current_row())
        self.table.view.setFocus()
        return True

    def confirm_delete(self, row: SessionRow) -> None:
        self.confirm(
            self.tr("Xóa phiên làm việc"),
            self.tr("Xóa phiên làm việc “{title}”?").format(title=row.title),
            lambda: working_group.delete_session(self.db, row.id, expected_version=row.version),
            yes_text=self.tr("Xóa"),
        )


class WorkingSessionsTab(ViewTab):
    """The sessions view in the main window; ``changed`` after every save in it."""

    view: SessionsView

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, SessionsView, "workingSessionsTab", parent)

    def show_session(self, session_id: int) -> bool:
        """``session_id`` selected with its record (:meth:`SessionsView.select_session`)."""
        self.stale = False  # read now, not on the next paint: the row is wanted at once
        found = self.view.select_session(session_id)
        self.view.update_year_line()
        return found
