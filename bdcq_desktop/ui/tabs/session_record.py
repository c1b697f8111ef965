"""The record pane beside the working-group sessions: a heading (title, status, dates, place)
and one section per aspect of the selected session — Thông tin (with the session's figures),
Thành phần (members and experts, days present), Sản phẩm (the drafts and their files), Văn bản
(the convocation and the results report).

As in :mod:`.meeting_record`, sections are pluggable (:data:`SECTION_TYPES`) and act through
their ``host`` (the sessions view): its actions, ``open_dialog``, ``after_save``, ``confirm``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from ...core.days_off import not_entered_note
from ...core.session_detail import SessionDetail
from ...core.session_summary import session_summary_text
from ...core.stored_files import size_text
from ...core.working_group import CONVENED, FINISHED, IN_PROGRESS, PLANNED
from ..column_fit import ColumnFitter
from ..history_action import session_history
from ..record_pane import facts_html, status_badge
from ..table_model import ROW_ROLE, Column
from . import meeting_record
from .meeting_record import Host, MeetingSection, SectionsPane

STATUS_COLOURS = {
    PLANNED: "#1565c0",
    CONVENED: "#2e7d32",
    IN_PROGRESS: "#6a1b9a",
    FINISHED: "#455a64",
}
SESSION_DOCUMENT_KINDS = ("wg-convocation", "wg-report")
# Pixels up to which a participant's name and note are kept whole, the agency giving way; a
# longer one elides too, whole on hover.
NAME_WHOLE = 180
NOTE_WHOLE = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("session_record", text)


def dates_text(d: Any) -> str:
    if d.starts_on == d.ends_on:
        return f"{d.starts_on:%d/%m/%Y}"
    return f"{d.starts_on:%d/%m/%Y} – {d.ends_on:%d/%m/%Y}"


class SessionSection(MeetingSection):
    """One section of the pane: ``show_session(detail)`` (``None``: no session)."""

    def show_session(self, detail: SessionDetail | None) -> None:
        self.detail = detail  # type: ignore[assignment]

    def show_meeting(self, detail: Any) -> None:  # the base's name, for the shared helpers
        self.show_session(detail)


class InfoSection(SessionSection):
    """Thông tin: the fields, what it serves, who convened, the session's figures."""

    title = _tr("Thông tin")
    key = "sessionInfo"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.text = self.facts_label("sessionInfo")
        # The pane adds "Lịch sử thay đổi" at its end.
        self.buttons_row = self.button_row(("edit_action", "delete_action"))

    def show_session(self, detail: SessionDetail | None) -> None:
        super().show_session(detail)
        self.text.setText(self.html(detail) if detail else "")

    @staticmethod
    def html(d: SessionDetail) -> str:
        rows = [
            (_tr("Loại nhiệm vụ"), d.purpose_label),
            (_tr("Thời gian"), dates_text(d)),
            (_tr("Địa điểm"), d.place),
            (_tr("Người triệu tập"), d.convened_by),
            (_tr("Phục vụ"), d.serves_text),
            (_tr("Trạng thái"), d.status_label),
            (_tr("Tổng hợp"), session_summary_text(d.summary)),
            # Tết counted as worked would be read as a fact: said beside the count.
            (_tr("Lưu ý"), not_entered_note(d.summary.years_not_entered)),
            (_tr("Ghi chú"), d.notes),
            (_tr("Kết quả, kiến nghị"), d.result_summary),
        ]
        return facts_html(rows)


@dataclass(frozen=True)
class ParticipantLine:
    id: int
    name: str
    agency: str
    kind_label: str
    days: str
    note: str


class ParticipantsSection(SessionSection):
    """Thành phần: members and experts with their days present; add (members, experts, an
    expert typed in), attendance per day, take someone off (Delete)."""

    title = _tr("Thành phần")
    key = "participants"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.counts = QLabel(self)
        self.counts.setObjectName("participantCounts")
        self.counts.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.counts)
        columns = [
            # Fitted to what they hold (column_fit) within the pane's width: the names, the
            # roles, the days and "Ghi chú" (why absent, not yet recorded) read whole, without
            # scrolling sideways; the agency gives way, eliding, its full text on hover. With
            # fixed widths the notes were cut to "Dự hội nghị trực t…" at 1366.
            Column("name", _tr("Họ và tên"), 150, min_width=NAME_WHOLE),
            Column("agency", _tr("Cơ quan, đơn vị"), 135),
            Column("kind_label", _tr("Vai trò"), 80, whole=True),
            Column("days", _tr("Có mặt"), 55, whole=True),
            Column("note", _tr("Ghi chú"), 100, min_width=NOTE_WHOLE),
        ]
        self.view, self.model = self.table("participantList", columns)
        self.fit = ColumnFitter(self.view, self.model, remembered=False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.layout_.addWidget(self.view, 1)
        self.on_delete(self.view, self.remove)
        self.button_row(("participants_action", "attendance_action", "remove_participants_action"))

    def remove(self) -> None:
        remove = getattr(self.host, "remove_participants", None)
        if remove is not None:
            remove()

    def show_session(self, detail: SessionDetail | None) -> None:
        super().show_session(detail)
        rows = []
        if detail is not None:
            # Out of the session's days as the report prints them: the working days of the
            # days-off calendar (a weekend inside the session is no day missed) and any day off
            # someone worked (a Saturday confirmed), so nobody reads "6/5".
            total = detail.summary.working_days
            for p in detail.participants:
                days = "" if p.days_present is None else f"{p.days_present}/{total}"
                note = p.absence_reason or (p.attendance_label if p.days_present is None else "")
                kind = p.role_label
                rows.append(ParticipantLine(p.id, p.name, p.agency, kind, days, note))
            x = detail.summary
            invited = _tr(", {i} đại biểu mời").format(i=x.invited) if x.invited else ""
            self.counts.setText(
                _tr("{n} người: {m} thành viên, {e} chuyên gia{invited} · {d} ngày công có mặt")
                .format(
                    n=x.participants, m=x.members, e=x.experts, invited=invited, d=x.person_days
                )
            )
        else:
            self.counts.setText("")
        self.model.set_rows(rows)
        self.fit.rows_loaded()

    def selected_ids(self) -> list[int]:
        return [i.data(ROW_ROLE).id for i in self.view.selectionModel().selectedRows()]


class OutputsSection(SessionSection):
    """Sản phẩm: the drafts (title, kind, version, status, meeting, file); add, edit, change
    status, open the file with the system viewer, save a copy."""

    title = _tr("Sản phẩm")
    key = "outputs"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        columns = [
            # Within the pane's 540 pixels at 1366, as Thành phần: "Tệp" and "Trình tại cuộc
            # họp" are seen without scrolling sideways; long texts elide, in full on hover.
            Column("title", _tr("Tên sản phẩm"), 120),
            Column("kind_label", _tr("Loại"), 65),
            Column("version_label", _tr("Phiên bản"), 70),
            Column("status_label", _tr("Tình trạng"), 80),  # "Đã phê duyệt, ban hành" elides
            Column(
                "file_name",
                _tr("Tệp"),
                75,
                value=lambda r: (
                    f"{r.file_name} ({size_text(r.file_size or 0)})" if r.file_id else ""
                ),
            ),
            Column("submitted_meeting", _tr("Trình tại cuộc họp"), 125),
        ]
        self.view, self.model = self.table("outputList", columns)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.view.activated.connect(lambda _i: self.host_call("edit_output"))
        self.layout_.addWidget(self.view, 1)
        self.button_row(
            (
                "add_output_action",
                "edit_output_action",
                "output_status_action",
                "open_file_action",
                "save_file_action",
            )
        )

    def host_call(self, name: str) -> None:
        fn = getattr(self.host, name, None)
        if fn is not None:
            fn()

    def show_session(self, detail: SessionDetail | None) -> None:
        super().show_session(detail)
        self.model.set_rows(list(detail.outputs) if detail else [])
        if detail is not None and detail.outputs and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.update_actions()

    def current_output(self) -> Any:
        return self.current_row(self.view)

    def update_actions(self) -> None:
        update = getattr(self.host, "update_output_actions", None)
        if update is not None:
            update(self.current_output())


class DocumentsSection(meeting_record.DocumentsSection):
    """Văn bản: the convocation and the results report, issued or not yet; Enter opens one in
    the document dialog (preview, issue, PDF). The meetings' section with the session's kinds."""

    key = "sessionDocuments"
    LIST_NAME = "sessionDocumentList"
    KINDS = QUICK = SESSION_DOCUMENT_KINDS
    CONVENING = ("wg-convocation",)
    PLANNED = PLANNED
    WIDTHS = (200, 110, 100, 110)  # all four in view beside the sessions list at 1366 pixels


SECTION_TYPES: list[type[MeetingSection]] = [
    InfoSection,
    ParticipantsSection,
    OutputsSection,
    DocumentsSection,
]


class SessionRecordPane(SectionsPane):
    """Heading and sections of the selected session."""

    name = "session"
    section_types = SECTION_TYPES

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.build_history_action(session_history, InfoSection.key)

    def show_session(self, detail: SessionDetail | None) -> None:
        self.show_record(
            detail, self.heading_html(detail) if detail else _tr("Chưa chọn phiên làm việc.")
        )

    @staticmethod
    def heading_html(d: SessionDetail) -> str:
        badge = status_badge(d.status_label, STATUS_COLOURS.get(d.status, "#333"))
        # A roster change made after the session was saved: said here (as the meetings' pane
        # does), before its convocation is signed or its next save refused for it.
        convener = (
            f"<br><span style='color:#b71c1c; font-weight:bold'>"
            f"{escape(d.convener_warning)}</span>"
            if d.convener_warning
            else ""
        )
        return (
            f"<b style='font-size:11pt'>{escape(d.title)}</b><br>"
            f"{badge} &nbsp;{escape(d.purpose_label)} · {escape(dates_text(d))}"
            f" ({d.summary.working_days} " + _tr("ngày làm việc") + ")" + convener
        )
