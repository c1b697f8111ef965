"""Cuộc họp: plan and convene every kind of meeting the regulation names.

The list (filters year, kind, status; search as you type; newest first) and, beside it, the
record pane of the selected meeting (:mod:`.meeting_record`: Thông tin, Chương trình, Thành
phần, Văn bản; part 2 adds its sections there). Above them, where the six-monthly rule stands
(when the next regular meeting is due, a warning when it is overdue, not yet planned, or
planned for after its due date).

A :class:`..list_record_view.ListRecordView`: each action names the dialog it opens
(``meeting_dialogs``, ``agenda_dialog``, ``invitees_dialog``), whose save is one core call; the
base refreshes and selects after it. Keyboard: Ctrl+N new, Enter edit, Delete (a planned
meeting without issued documents, after confirmation), Alt+0 the list, Alt+1… the record's
sections, the context menu key on a row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from ...core import meetings
from ...core.db import Database
from ...core.enums import MeetingKind, MeetingStatus
from ...core.errors import BcdError, IssuedConvocationWarning
from ...core.labels import choices as vocabulary
from ...core.meetings import MeetingDetail, MeetingRow, RegularDue, late_plan_note
from ...core.read_scope import reading, saving
from .. import io_actions, messages
from ..list_record_view import ListRecordView, fill_years
from ..list_tab import RecordTable
from ..record_view import make_action
from ..script_action import add_script_action
from ..table_model import Column
from .base import ViewTab
from .meeting_attendance import AttendanceSection
from .meeting_conclusions import ConclusionsSection
from .meeting_minutes import MinutesSection
from .meeting_record import EDITABLE, OPEN, MeetingRecordPane

ICS_FILTER = "iCalendar (*.ics)"


# The dialogs and the calendar file are imported when first used: the tab's first screen (its
# list and the selected meeting) needs none of them.
def _dialogs() -> ModuleType:
    from ..dialogs import meeting_dialogs

    return meeting_dialogs


def _agenda_dialog() -> ModuleType:
    from ..dialogs import agenda_dialog

    return agenda_dialog


def _invitees_dialog() -> ModuleType:
    from ..dialogs import invitees_dialog

    return invitees_dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("meetings_tab", text)


# The regular-meeting line's look by level. Red bold only when the rule is broken, amber when
# something is to do soon; a new file, or a due date months away, is information (the navy of
# the app's informational lines, e.g. the meeting form's rule), not an error on day one.
REGULAR_STYLES = {
    "info": "color: #1a237e; font-weight: normal;",
    "ok": "color: #1b5e20; font-weight: normal;",
    "due": "color: #8a5a00; font-weight: bold;",
    "overdue": "color: #b71c1c; font-weight: bold;",
}


def regular_text(st: RegularDue) -> tuple[str, str]:
    """The six-monthly rule in one line, and its level: ``ok`` (the next one is planned on or
    before its due date), ``info`` (none held yet, or the due date more than
    :data:`~...core.regular_meetings.DUE_SOON_DAYS` days away and not planned), ``due`` (not
    planned and due within those days, or planned for after the due date) or ``overdue``
    (past the due date, not met)."""
    if st.due is None or st.last_held is None or st.days_left is None:
        head = _tr("Chưa có cuộc họp định kỳ nào đã họp.")
    else:
        head = _tr("Họp định kỳ 6 tháng: lần gần nhất {last}; hạn lần tới {due}").format(
            last=f"{st.last_held:%d/%m/%Y}", due=f"{st.due:%d/%m/%Y}"
        )
        if st.overdue:
            head += _tr(" — đã quá hạn {n} ngày.").format(n=-st.days_left)
        else:
            head += _tr(" (còn {n} ngày).").format(n=st.days_left)
    late = late_plan_note(st)
    if late is not None:  # a plan that misses the due date does not meet the rule: said now
        return f"{head} {late}", "overdue" if st.overdue else "due"
    if st.planned_at is not None:
        planned = _tr("Đã lên lịch: {when}.").format(when=f"{st.planned_at:%H:%M %d/%m/%Y}")
        return f"{head} {planned}", "ok"
    missing = _tr("Chưa lên lịch cuộc họp định kỳ tiếp theo.")
    if st.overdue:
        return f"{head} {missing}", "overdue"
    return f"{head} {missing}", "due" if st.due_soon else "info"


class MeetingsView(ListRecordView):
    """The meetings list with its filters, the record pane, the regular-meeting line."""

    empty_what = "cuộc họp"  # the empty list's hint (RecordView.empty_hint)

    record_type = "meeting"
    pane: MeetingRecordPane

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("meetingsView")
        self.toolbar.setObjectName("meetingsToolbar")
        self._build_regular_line()
        self._build_table()
        self._build_actions()
        pane = MeetingRecordPane(self, self)
        # Part 2's sections (they import meeting_record's base, so it cannot list them itself),
        # in the order of the meeting: who came, what was concluded, then the minutes of it all.
        for section in (AttendanceSection, ConclusionsSection, MinutesSection):
            pane.add_section(section(self, pane))
        self.live_window: QWidget | None = None
        self.set_pane(pane, stretch=(1, 1), sizes=[720, 600])

    # -- building ------------------------------------------------------------------------------
    def _build_regular_line(self) -> None:
        self.regular_label = QLabel(self)
        self.regular_label.setObjectName("regularMeetingStatus")
        self.regular_label.setWordWrap(True)
        self.regular_button = QToolButton(self)
        self.regular_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        line = QHBoxLayout()
        line.setContentsMargins(4, 2, 4, 2)
        line.addWidget(self.regular_label, 1)
        line.addWidget(self.regular_button)
        self.layout_.insertLayout(0, line)

    def _build_table(self) -> None:
        columns = [
            Column("starts_at", self.tr("Thời gian"), 122),
            Column("title", self.tr("Tên cuộc họp"), 250),
            Column("kind_label", self.tr("Loại"), 105),
            Column("status_label", self.tr("Trạng thái"), 150),
            Column("chair", self.tr("Chủ trì"), 130),
            Column("invited", self.tr("Mời"), 45, align_right=True, searchable=False),
            Column("present", self.tr("Dự"), 45, align_right=True, searchable=False),
            Column("place", self.tr("Địa điểm"), 220),
        ]
        table = RecordTable(
            "meetings",
            columns,
            self._load,
            placeholder=self.tr("Tìm theo tên, địa điểm, chủ trì… (Ctrl+F)"),
            default_sort=(0, Qt.SortOrder.DescendingOrder),
            muted=lambda r: r.status == MeetingStatus.CANCELLED.value,
            select_first=True,
        )
        self.year_filter = self.filter_combo("yearFilter", [], self.tr("Mọi năm"))
        self.kind_filter = self.filter_combo(
            "kindFilter", vocabulary(MeetingKind), self.tr("Mọi loại")
        )
        self.status_filter = self.filter_combo(
            "statusFilter", vocabulary(MeetingStatus), self.tr("Mọi trạng thái")
        )
        self.set_list(table, (self.year_filter, self.kind_filter, self.status_filter))

    def invite_more(self, row: Any) -> QWidget:
        """Mời thêm: the invitation dialog while the meeting is to come; once it is held (the
        list of who was called is closed), someone who came uninvited is added and checked in
        (core.walk_in), until the minutes are final."""
        if row.status in OPEN:
            return _invitees_dialog().InviteDialog(self.db, row.id, self)
        from ..dialogs.walk_in_dialog import WalkInDialog

        return WalkInDialog(self.db, row.id, parent=self)

    def _build_actions(self) -> None:
        db = self.db
        self.new_action = self.add_action(
            self.tr("Thêm cuộc họp…"),
            lambda: _dialogs().new_meeting_dialog(db, self),
            "newAction",
            "Ctrl+N",
        )
        self.regular_action = self.add_action(
            self.tr("Lên lịch họp định kỳ…"),
            lambda: _dialogs().regular_meeting_dialog(db, self),
            "regularAction",
            tip=self.tr("Cuộc họp định kỳ tiếp theo, điền sẵn theo hạn 6 tháng và kỳ họp trước"),
        )
        self.regular_button.setDefaultAction(self.regular_action)
        self.similar_action = self.add_row_action(
            self.tr("Họp tương tự…"),
            lambda row: _dialogs().similar_meeting_dialog(db, row.id, self),
            "similarAction",
            "Ctrl+Shift+N",
            tip=self.tr("Cuộc họp mới giống cuộc họp này (chương trình, thành phần), ngày mới"),
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: _dialogs().edit_meeting_dialog(db, row.id, self),
            "editAction",
            tip=self.tr("Sửa thông tin cuộc họp (Enter hoặc nhấp đúp)"),
            when=lambda row: row.status in EDITABLE,
            default=True,
        )
        self.agenda_action = self.add_row_action(
            self.tr("Sửa chương trình…"),
            lambda row: _agenda_dialog().AgendaDialog(db, row.id, self),
            "agendaAction",
            "Ctrl+Shift+A",
            when=lambda row: row.status in EDITABLE,
        )
        self.invite_committee_action = self.add_row_action(
            self.tr("Mời toàn bộ thành viên BCĐ"),
            self.invite_committee,
            "inviteCommitteeAction",
            when=lambda row: row.status in OPEN,
        )
        self.invite_action = self.add_row_action(
            self.tr("Mời thêm…"),
            self.invite_more,
            "inviteAction",
            "Ctrl+Shift+I",
            tip=self.tr(
                "Mời cơ quan, đơn vị (người đứng đầu), chuyên gia, khách mời; cuộc họp đã họp: "
                "thêm người dự không có trong danh sách và điểm danh"
            ),
            when=lambda row: row.status in EDITABLE,
        )
        self.documents_action = self.add_row_action(
            self.tr("Văn bản (xem, ban hành, xuất PDF)…"),
            lambda row: self.open_documents(None),
            "documentsAction",
        )
        # Beside the documents: the chair's running script, a working paper never issued.
        self.script_action = add_script_action(self)
        self.live_action = self.add_row_action(
            self.tr("Họp trực tiếp"),
            lambda row: self.open_live(row.id) and None,  # a window of its own, not a dialog
            "liveAction",
            "F11",
            tip=self.tr("Màn hình họp trực tiếp: chương trình, ghi chép, điểm danh, kết luận"),
            when=lambda row: row.status in EDITABLE,
        )
        self.cancel_action = self.add_row_action(
            self.tr("Hủy họp…"),
            lambda row: _dialogs().cancel_meeting_dialog(db, row.id, row.version, row.title, self),
            "cancelAction",
            when=lambda row: row.status in OPEN,
        )
        self.delete_action = self.add_row_action(
            self.tr("Xóa"),
            lambda row: _dialogs().confirm_delete_meeting(self, row),
            "deleteAction",
            QKeySequence.StandardKey.Delete,
            tip=self.tr(
                "Chỉ xóa được cuộc họp dự kiến chưa có văn bản ban hành (nhập nhầm); cuộc họp "
                "không tổ chức nữa thì hủy."
            ),
            when=self.can_delete,
            table_only=True,  # Delete never steals the key from the search box
        )
        self.ics_action = self.add_row_action(
            self.tr("Xuất lịch cuộc họp này (.ics)…"), self.export_meeting_ics, "icsAction"
        )
        self.ics_upcoming_action = make_action(
            self,
            self.tr("Xuất lịch các cuộc họp sắp tới (.ics)…"),
            self.export_upcoming_ics,
            "icsUpcomingAction",
        )
        calendar = QToolButton(self)
        calendar.setObjectName("calendarButton")
        calendar.setText(self.tr("Lịch (.ics)"))
        calendar.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(calendar)
        menu.addAction(self.ics_action)
        menu.addAction(self.ics_upcoming_action)
        calendar.setMenu(menu)
        self.place_actions(
            [
                self.new_action,
                self.regular_action,
                self.similar_action,
                None,
                self.edit_action,
                self.live_action,
                self.cancel_action,
                self.delete_action,
            ],
            [
                self.edit_action,
                self.agenda_action,
                self.invite_action,
                self.documents_action,
                self.script_action,
                self.live_action,
                None,
                self.similar_action,
                self.ics_action,
                None,
                self.cancel_action,
                self.delete_action,
                None,
                self.new_action,
                self.ics_upcoming_action,
            ],
        )
        self.toolbar.addSeparator()
        self.toolbar.addWidget(calendar)

    # -- data ----------------------------------------------------------------------------------
    def _load(self) -> list[MeetingRow]:
        filters = {
            "kind": self.kind_filter.currentData(),
            "status": self.status_filter.currentData(),
            "year": self.year_filter.currentData(),
        }
        rows = meetings.list_meetings(self.db, **filters)
        every = rows if not any(filters.values()) else meetings.list_meetings(self.db)
        fill_years(self.year_filter, sorted({r.starts_at.year for r in every}, reverse=True))
        return rows

    def read_detail(self, record_id: int) -> MeetingDetail:
        return meetings.get_meeting(self.db, record_id)

    def show_detail(self, detail: MeetingDetail | None) -> None:
        self.pane.show_meeting(detail)

    def can_delete(self, row: MeetingRow) -> bool:
        if row.status != MeetingStatus.PLANNED.value:
            return False
        # The record read for the pane, not a read of its own: asked again once it is shown.
        d = self._detail
        return d is not None and d.id == row.id and d.version == row.version and d.can_delete

    @reading()  # after a save too: refused then, the save is done and this was not read
    def update_regular(self) -> None:
        text, level = regular_text(meetings.regular_status(self.db))
        self.regular_label.setText(text)
        self.regular_label.setProperty("level", level)
        self.regular_label.setStyleSheet(REGULAR_STYLES[level])
        self.regular_button.setVisible(level != "ok")  # the toolbar has it anyway

    def reload(self) -> None:
        self.update_regular()
        super().reload()

    def after_save(self, result: Any = None) -> None:
        self.update_regular()
        super().after_save(result)

    def current_meeting(self) -> MeetingDetail | None:
        return self.current_detail()

    def select_meeting(self, meeting_id: int) -> bool:
        """Make meeting ``meeting_id`` the current row (another tab asked for it); when the
        filters or the search hide it, they are cleared first. False if it no longer exists."""
        self.table.reload()
        if not self.table.select_where(lambda r: r.id == meeting_id):
            for combo in (self.year_filter, self.kind_filter, self.status_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.table.search.clear()
            self.reload()
            if not self.table.select_where(lambda r: r.id == meeting_id):
                return False
        self.table.view.setFocus()
        return True

    # -- actions -------------------------------------------------------------------------------
    def invite_committee(self, row: MeetingRow, **confirmed: bool) -> None:
        """One call: every member on the roster of the meeting's day (pressing it twice adds
        nobody twice). With the convocation issued, a member it does not name is asked about
        first (the core's question names it); yes calls again, confirming."""
        from ...core import invitees  # imported when first used, as the dialogs are

        try:
            with saving():  # a save, though run as an action that opens a dialog (RecordView)
                added = invitees.invite_committee(
                    self.db, row.id, expected_version=row.version, **confirmed
                )
        except IssuedConvocationWarning as exc:
            if confirmed:  # asked already: would ask forever
                self.refused(exc)
                return
            box = messages.confirm(
                self,
                self.tr("Cần xác nhận"),
                exc.message,
                lambda: self.invite_committee(row, confirm_after_convocation=True),
                yes_text=self.tr("Vẫn lưu"),
                destructive=True,
            )
            box.setObjectName("confirmationQuestion")
            self.last_dialog = box
            return
        except BcdError as exc:
            self.refused(exc)
            return
        self.after_save(row.id)
        # The count takes in a chair or presenter from outside the committee put on a list
        # made now (core.named_invitees): people, not all members.
        self.say(self.tr("Đã mời thêm {n} người vào danh sách mời.").format(n=added))

    def open_live(self, meeting_id: int, *, recovered: bool = False) -> QWidget | None:
        """The live meeting window on ``meeting_id``, full screen; closing it refreshes.
        ``recovered``: reopened after the application stopped without closing it."""
        from ..live_meeting import LiveMeetingWindow

        if self.live_window is not None:
            self.live_window.raise_()
            self.live_window.activateWindow()
            return self.live_window
        try:
            window = LiveMeetingWindow(self.db, meeting_id, self, recovered=recovered)
        except BcdError as exc:
            self.last_dialog = messages.show_error(self, exc)
            return None
        self.live_window = window

        def closed(mid: int) -> None:
            self.live_window = None
            self.after_save(mid)

        window.closed.connect(closed)
        # The whole screen even where no window manager honours "full screen".
        window.setGeometry(self.screen().geometry())
        window.showFullScreen()
        window.notes.setFocus(Qt.FocusReason.OtherFocusReason)
        return window

    def export_meeting_ics(self, row: MeetingRow) -> None:
        path = io_actions.choose_save_path(
            self,
            self.tr("Xuất lịch cuộc họp"),
            ics_name(row),
            ICS_FILTER,
            "meetings-ics",
        )
        if path:
            self.export_ics_to(path, row.id)

    def export_upcoming_ics(self) -> None:
        path = io_actions.choose_save_path(
            self,
            self.tr("Xuất lịch các cuộc họp sắp tới"),
            f"lich-hop-tu-{date.today():%Y-%m-%d}.ics",
            ICS_FILTER,
            "meetings-ics",
        )
        if path:
            self.export_ics_to(path, None)

    def export_ics_to(self, path: str, meeting_id: int | None) -> int:
        """Write the calendar file (one meeting, or every one from today on); returns the
        number of events, 0 when refused (the reason is shown)."""
        from ...core import calendar_ics

        try:
            target, n = calendar_ics.write_ics(self.db, path, meeting_id=meeting_id)
        except (BcdError, OSError) as exc:
            self.last_dialog = messages.show_error(self, exc)
            return 0
        self.say(self.tr("Đã xuất {n} cuộc họp ra {path}.").format(n=n, path=Path(target)))
        return n


def ics_name(row: MeetingRow) -> str:
    """``hop-2027-01-08-14.ics``: ASCII, so every mail client and phone keeps it."""
    return f"hop-{row.starts_at:%Y-%m-%d}-{row.id}.ics"


class MeetingsTab(ViewTab):
    """The meetings view in the main window; ``changed`` after every save in it,
    ``session_wanted`` (a session's id) when the Kết luận section asks to open the working
    group's session serving a conclusion or task."""

    session_wanted = Signal(int)
    view: MeetingsView

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, MeetingsView, "meetingsTab", parent)
        self.view.pane.section("conclusions").session_wanted.connect(self.session_wanted)

    def show_meeting(self, meeting_id: int) -> bool:
        """``meeting_id`` selected with its record (:meth:`MeetingsView.select_meeting`)."""
        self.stale = False  # read now, not on the next paint: the row is wanted at once
        return self.view.select_meeting(meeting_id)
