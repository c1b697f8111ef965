"""Tổ công tác: the working group's sessions of concentrated work, with mobilised experts and
the drafts they produce.

The list (filters year, purpose, status; search as you type; newest first) and, beside it, the
record pane of the selected session (:mod:`.session_record`: Thông tin, Thành phần, Sản phẩm,
Văn bản). Above them, the year's figures (sessions, days of work, experts mobilised, drafts by
status) for the year filtered, else the current one.

A :class:`..record_view.RecordView` like the meetings tab: each action opens a dialog whose save
is one core call (``session_dialogs``, ``output_dialogs``). Keyboard: Ctrl+N new, Enter edit,
Delete (a session without outputs or issued documents, after confirmation), Alt+0 the list,
Alt+1… the record's sections, Ctrl+Shift+P participants, Ctrl+Shift+D attendance,
Ctrl+Shift+O a new output.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QWidget

from ...core import session_detail, session_outputs, session_people, working_group
from ...core.db import Database
from ...core.errors import BcdError
from ...core.labels import choices as vocabulary
from ...core.models import SessionPurpose
from ...core.session_detail import SessionDetail
from ...core.session_summary import year_summary, year_summary_text
from ...core.working_group import SessionRow
from .. import io_actions, messages, view_state
from ..dialogs import output_dialogs, session_dialogs
from ..export_actions import DocumentSource, open_document_dialog, record_ref
from ..list_tab import RecordTable
from ..record_view import RecordView, make_action
from ..stored_file_actions import open_stored_file
from ..table_model import Column
from .base import Tab
from .session_record import SessionRecordPane, dates_text


class SessionsView(RecordView):
    """The sessions list with its filters, the record pane and the year's figures."""

    deferred_current = True  # the record pane reads the whole record

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("sessionsView")
        self.toolbar.setObjectName("sessionsToolbar")
        self._detail: SessionDetail | None = None
        self.year_line = QLabel(self)
        self.year_line.setObjectName("yearSummary")
        self.year_line.setWordWrap(True)
        self.year_line.setStyleSheet("color: #1a237e;")
        self.layout_.insertWidget(0, self.year_line)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet("color: #1b5e20;")
        self._build_table()
        self._build_actions()
        self.pane = SessionRecordPane(self, self)
        self.splitter.addWidget(self.pane)
        self.table.setMinimumWidth(320)
        self.pane.setMinimumWidth(300)
        # The list gets the larger share: seven columns, the title among them, while the
        # record pane's facts wrap well in 560 pixels.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 560])
        view_state.restore_splitter("sessions", self.splitter)
        self.splitter.splitterMoved.connect(
            lambda *_: view_state.save_splitter("sessions", self.splitter)
        )
        self.layout_.addWidget(self.notice)
        make_action(self, "Alt+0", self.table.view.setFocus, "focusList", "Alt+0")
        for i in range(min(self.pane.sections.count(), 9)):
            make_action(
                self,
                f"Alt+{i + 1}",
                lambda i=i: self.pane.show_section(i),
                f"section{i + 1}",
                f"Alt+{i + 1}",
            )
        self.update_actions(None)

    # -- building ------------------------------------------------------------------------------
    def _combo(self, name: str, items: list[tuple[Any, str]], everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, getattr(value, "value", value))
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def _build_table(self) -> None:
        columns = [
            Column(
                "starts_on",
                self.tr("Thời gian"),
                130,
                value=lambda r: dates_text(r),
                sort_key=lambda r: (r.starts_on, r.id),
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
        self.year_filter = self._combo("yearFilter", [], self.tr("Mọi năm"))
        self.purpose_filter = self._combo(
            "purposeFilter", vocabulary(SessionPurpose), self.tr("Mọi loại")
        )
        self.status_filter = self._combo(
            "statusFilter", working_group.status_choices(), self.tr("Mọi trạng thái")
        )
        for combo in (self.year_filter, self.purpose_filter, self.status_filter):
            table.add_top_widget(combo)
        table.search.setMinimumWidth(180)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(table)
        self.set_table(table, self.splitter)
        self.document_source = DocumentSource(table, "session")

    def _build_actions(self) -> None:
        db = self.db
        self.new_action = self.add_action(
            self.tr("Triệu tập phiên làm việc…"),
            lambda: session_dialogs.new_session_dialog(db, self),
            "newAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: session_dialogs.edit_session_dialog(db, row.id, self),
            "editAction",
            tip=self.tr("Sửa thông tin phiên làm việc (Enter hoặc nhấp đúp)"),
            default=True,
        )
        self.participants_action = self.add_row_action(
            self.tr("Thêm người tham gia…"),
            lambda row: session_dialogs.ParticipantsDialog(db, row.id, self),
            "participantsAction",
            "Ctrl+Shift+P",
            tip=self.tr("Thành viên Tổ công tác, chuyên gia (chọn hoặc nhập mới)"),
        )
        self.attendance_action = self.add_row_action(
            self.tr("Điểm danh theo ngày…"),
            lambda row: session_dialogs.AttendanceDialog(db, row.id, self),
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
            lambda row: output_dialogs.OutputDialog(db, row.id, None, self),
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
        rows = working_group.list_sessions(self.db, **filters)
        self._fill_years(working_group.session_years(self.db))
        return rows

    def _fill_years(self, years: list[int]) -> None:
        have = [self.year_filter.itemData(i) for i in range(1, self.year_filter.count())]
        if have != years:
            current = self.year_filter.currentData()
            self.year_filter.blockSignals(True)
            while self.year_filter.count() > 1:
                self.year_filter.removeItem(1)
            for y in years:
                self.year_filter.addItem(str(y), y)
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(current), 0))
            self.year_filter.blockSignals(False)

    def update_year_line(self) -> None:
        year = self.year_filter.currentData() or date.today().year
        self.year_line.setText(year_summary_text(year_summary(self.db, year)))

    def detail(self, row: SessionRow | None) -> SessionDetail | None:
        if row is None:
            return None
        d = self._detail
        if d is None or d.id != row.id or d.version != row.version:
            try:
                d = session_detail.get_session(self.db, row.id)
            except BcdError:
                d = None
            self._detail = d
        return d

    def reload(self) -> None:
        self._detail = None
        super().reload()
        self.update_year_line()

    def after_save(self, result: Any = None) -> None:
        self._detail = None  # an issued document changes the record without its version
        super().after_save(result)
        self.update_year_line()

    def show_current(self, row: SessionRow | None) -> None:
        pane = getattr(self, "pane", None)  # the actions are placed before the pane exists
        if pane is not None:
            pane.show_session(self.detail(row))
        has = row is not None
        for action in (getattr(self, "remove_participants_action", None),):
            if action is not None:
                action.setEnabled(has and row.participants > 0)

    def current_session(self) -> SessionDetail | None:
        return self.detail(self.table.current_row())

    # -- participants --------------------------------------------------------------------------
    def remove_participants(self) -> None:
        d = self.current_session()
        section = self.pane.section("participants")
        ids = section.selected_ids()
        if d is None or not ids:
            return
        names = [p.name for p in d.participants if p.id in ids]
        shown = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
        self.confirm(
            self.tr("Bỏ người tham gia"),
            self.tr("Bỏ {n} người khỏi phiên làm việc (cùng điểm danh của họ): {names}?").format(
                n=len(ids), names=shown
            ),
            lambda: session_people.remove_participants(
                self.db, d.id, ids, expected_version=d.version
            ),
            yes_text=self.tr("Bỏ khỏi phiên"),
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
            self.open_dialog(output_dialogs.OutputDialog(self.db, d.id, row, self))

    def change_status(self) -> None:
        row, d = self.current_output(), self.current_session()
        if row is not None and d is not None and row.next_statuses:
            self.open_dialog(output_dialogs.status_dialog(self.db, d.id, row, self))

    def open_file(self) -> None:
        row = self.current_output()
        if row is not None and row.file_id is not None:
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
        self.notice.setText(
            self.tr("Đã lưu bản sao (đã kiểm tra SHA-256): {path}").format(path=target)
        )
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

    def open_documents(self, kind: str | None) -> QWidget | None:
        row = self.table.current_row()
        ref = record_ref("session", row)
        if ref is None:
            return None
        dialog = open_document_dialog(self, self.db, ref, kind=kind)
        session_id = row.id
        dialog.issued.connect(lambda _rec: self.after_save(session_id))
        self.last_dialog = dialog
        return None


class WorkingSessionsTab(Tab):
    """The sessions view in the main window; ``changed`` after every save in it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("workingSessionsTab")
        self.view = SessionsView(db, self)
        self.table = self.view.table
        self.document_source = self.view.document_source
        self.view.changed.connect(self.changed)
        self.layout_.addWidget(self.view)

    def reload(self) -> None:
        self.view.reload()

    def show_session(self, session_id: int) -> bool:
        """``session_id`` selected with its record (:meth:`SessionsView.select_session`)."""
        self.stale = False  # read now, not on the next paint: the row is wanted at once
        found = self.view.select_session(session_id)
        self.view.update_year_line()
        return found

    def focus_search(self) -> None:
        self.view.focus_search()
