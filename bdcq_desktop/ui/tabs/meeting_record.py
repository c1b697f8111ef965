"""The record pane beside the meetings list: a heading (title, kind, status, time, warnings)
and one section per aspect of the selected meeting.

Sections are pluggable: each is a :class:`MeetingSection` (``title``, ``key``,
:meth:`MeetingSection.show_meeting`), and the pane builds one of each type in
:data:`SECTION_TYPES`; part 2 of the meetings work (attendance, minutes, conclusions) appends
its types there, or calls :meth:`MeetingRecordPane.add_section`. A section acts through its
``host`` (the meetings view): ``host.open_dialog(dialog)`` opens a dialog whose ``saved``
refreshes the list and the pane, ``host.after_save(meeting_id)`` after a direct core call,
``host.confirm(...)`` before one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...core import invitees as core_invitees
from ...core.db import Database
from ...core.enums import InviteeCategory, MeetingStatus
from ...core.errors import BcdError
from ...core.labels import MEETING_DOCUMENT_KINDS, document_label, label
from ...core.meetings import MeetingDetail
from ..history_action import history_action, meeting_history
from ..record_pane import RecordPane, RecordSection, facts_html, status_badge
from ..table_model import ROW_ROLE, Column

OPEN = (MeetingStatus.PLANNED.value, MeetingStatus.CONVENED.value)
EDITABLE = (*OPEN, MeetingStatus.HELD.value)
STATUS_COLOURS = {
    MeetingStatus.PLANNED.value: "#1565c0",
    MeetingStatus.CONVENED.value: "#2e7d32",
    MeetingStatus.HELD.value: "#6a1b9a",
    MeetingStatus.MINUTES_FINAL.value: "#455a64",
    MeetingStatus.CANCELLED.value: "#b71c1c",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_record", text)


def when_text(d: MeetingDetail) -> str:
    text = f"{d.starts_at:%H:%M} {d.starts_at:%d/%m/%Y}"
    if d.ends_at is not None:
        same_day = d.ends_at.date() == d.starts_at.date()
        text += f" – {d.ends_at:%H:%M}" + ("" if same_day else f" {d.ends_at:%d/%m/%Y}")
    return text


class Host(Protocol):
    """What a section needs from the view it lives in."""

    db: Database
    last_dialog: QWidget | None

    def open_dialog(self, dialog: QWidget) -> None: ...
    def after_save(self, result: Any = None) -> None: ...
    def confirm(self, title: str, text: str, do: Any, *, yes_text: str = "") -> Any: ...
    def refused(self, exc: BcdError) -> Any: ...


class MeetingSection(RecordSection):
    """One section of the record pane: ``show_meeting(detail)`` (``None``: no meeting)."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.detail: MeetingDetail | None = None

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        self.detail = detail


class InfoSection(MeetingSection):
    """Thông tin: the fields, who chairs, who called or proposed, status and its reason."""

    title = _tr("Thông tin")
    key = "info"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.text = self.facts_label("meetingInfo")
        # The pane adds "Lịch sử thay đổi" at its end.
        self.buttons_row = self.button_row(("edit_action", "similar_action", "cancel_action"))

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        super().show_meeting(detail)
        self.text.setText(self.html(detail) if detail else "")

    @staticmethod
    def html(d: MeetingDetail) -> str:
        def who(ref: Any) -> str:
            if ref is None:
                return ""
            return ref.name + (f" ({ref.role_label})" if ref.role_label else "")

        chair = who(d.chair)
        if d.chair_delegated_by is not None:
            chair += _tr(" — được {name} ủy quyền").format(name=who(d.chair_delegated_by))
        status = d.status_label + (
            _tr(" — lý do: {reason}").format(reason=d.cancel_reason) if d.cancel_reason else ""
        )
        rows = [
            (_tr("Loại"), d.kind_label),
            (_tr("Thời gian"), when_text(d)),
            (_tr("Địa điểm"), d.place),
            (_tr("Chủ trì"), chair),
            (_tr("Người triệu tập"), who(d.called_by)),
            (_tr("Người đề nghị"), who(d.proposed_by)),
            (_tr("Thư ký"), who(d.secretary)),
            (_tr("Trạng thái"), status),
            (_tr("Ghi chú"), d.notes),
        ]
        return facts_html(rows)


class AgendaSection(MeetingSection):
    """Chương trình: items with their computed times; edited in the agenda dialog."""

    title = _tr("Chương trình")
    key = "agenda"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        columns = [
            Column("order", _tr("TT"), 34, align_right=True),
            Column(
                "starts_at",
                _tr("Thời gian"),
                90,
                value=lambda r: (
                    f"{r.starts_at:%H:%M}–{r.ends_at:%H:%M}"
                    if r.starts_at and r.ends_at
                    else (f"{r.starts_at:%H:%M}" if r.starts_at else "")
                ),
            ),
            Column("title", _tr("Nội dung"), 300),
            Column("presenter", _tr("Trình bày"), 170),
            Column("planned_minutes", _tr("Phút"), 50, align_right=True),
        ]
        self.view, self.model = self.table("agendaList", columns)
        self.layout_.addWidget(self.view, 1)
        self.warning = QLabel(self)
        self.warning.setObjectName("agendaWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.layout_.addWidget(self.warning)
        self.button_row(("agenda_action",))

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        super().show_meeting(detail)
        self.model.set_rows(detail.agenda if detail else [])
        self.warning.setText(detail.agenda_warning or "" if detail else "")
        self.warning.setVisible(bool(detail and detail.agenda_warning))


def counts_text(counts: Any, walk_ins: int = 0) -> str:
    """``Thành viên BCĐ 25 · Thủ trưởng cơ quan 6 · Chuyên gia 3 — tổng 34`` (the invited),
    then ``; ngoài ra 1 người dự không theo giấy mời`` (the walk-ins, counted apart)."""
    parts = [
        f"{label(c)} {counts.get(c.value, 0)}" for c in InviteeCategory if counts.get(c.value, 0)
    ]
    total = sum(counts.values())
    extra = (
        _tr("; ngoài ra {n} người dự không theo giấy mời").format(n=walk_ins) if walk_ins else ""
    )
    if not parts:
        return _tr("Chưa mời ai.") if not extra else _tr("Chưa mời ai") + extra + "."
    return " · ".join(parts) + _tr(" — tổng {n}").format(n=total) + extra


class InviteesSection(MeetingSection):
    """Thành phần: who is invited (as they were on the day), counted by category; invite the
    whole committee, units, experts, guests; mark presenters; take someone off the list."""

    title = _tr("Thành phần")
    key = "invitees"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.counts = QLabel(self)
        self.counts.setObjectName("inviteeCounts")
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.counts)
        columns = [
            Column("order", _tr("TT"), 34, align_right=True),
            Column("name", _tr("Họ và tên"), 160),
            Column("position", _tr("Chức vụ"), 150),
            Column("unit", _tr("Cơ quan"), 170),
            Column("category_label", _tr("Thành phần"), 120),
            Column("presents", _tr("Báo cáo"), 50),
        ]
        self.view, self.model = self.table("inviteeList", columns)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.layout_.addWidget(self.view, 1)
        row = QHBoxLayout()
        for name in ("invite_committee_action", "invite_action"):
            action = getattr(host, name, None)
            if action is not None:
                row.addWidget(self.button(action))
        self.presenter_button = self.push(
            _tr("Báo cáo viên (bật/tắt)"), "togglePresenter", self.toggle_presenters
        )
        self.remove_button = self.push(_tr("Bỏ khỏi danh sách…"), "removeInvitees", self.remove)
        row.addWidget(self.presenter_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.on_delete(self.view, self.remove)
        self.update_buttons()

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        super().show_meeting(detail)
        self.model.set_rows(detail.invitees if detail else [])
        self.counts.setText(
            counts_text(detail.counts, sum(i.walk_in for i in detail.invitees)) if detail else ""
        )
        self.update_buttons()

    def selected(self) -> list[Any]:
        return [i.data(ROW_ROLE) for i in self.view.selectionModel().selectedRows()]

    def update_buttons(self) -> None:
        can = self.detail is not None and self.detail.status in OPEN and bool(self.selected())
        self.presenter_button.setEnabled(can)
        self.remove_button.setEnabled(can)

    def toggle_presenters(self) -> None:
        """One call: the presenters become those marked before, with the selection flipped."""
        d = self.detail
        if d is None or not self.selected():
            return
        chosen = {r.id for r in self.selected()}
        now = {i.id for i in d.invitees if i.presents} ^ chosen
        ordered = [i.id for i in d.invitees if i.id in now]
        try:
            core_invitees.mark_presenters(self.host.db, d.id, ordered, expected_version=d.version)
        except BcdError as exc:
            self.host.refused(exc)  # a meeting changed meanwhile is read again
            return
        self.host.after_save(d.id)

    def remove(self) -> None:
        d, rows = self.detail, self.selected()
        if d is None or not rows or d.status not in OPEN:
            return
        names = ", ".join(r.name for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        text = _tr("Bỏ {n} người khỏi danh sách mời của cuộc họp: {names}?").format(
            n=len(rows), names=names
        )
        # The issued convocation or invitation that names one of them: one question says it
        # all, and its yes is the core's confirmation (core.invitee_papers). Someone invited
        # after it was issued is not on it: taking only them off asks nothing more.
        named = {doc for r in rows for doc in r.named_in}
        confirmed: dict[str, bool] = {}
        for doc in (x for x in d.documents if x.id in named):
            noun = _tr("Giấy mời") if doc.kind == "invitation" else _tr("Giấy triệu tập")
            text += "\n\n" + _tr(
                "{noun} số {symbol} ngày {day} đã ban hành và có tên họ: bỏ khỏi danh sách "
                "thì văn bản đó không còn đúng, sẽ được đánh dấu bị thay thế và cần ban hành "
                "lại với số mới. Người đã được mời nhưng không dự họp thì nên ghi vắng (có lý "
                "do) khi điểm danh thay vì bỏ."
            ).format(noun=noun, symbol=doc.symbol, day=f"{doc.issued_on:%d/%m/%Y}")
            confirmed["confirm_after_convocation"] = True

        def remove(**more: bool) -> int:
            return core_invitees.remove_invitees(
                self.host.db,
                d.id,
                [r.id for r in rows],
                expected_version=d.version,
                **{**confirmed, **more},
            )

        self.host.confirm(
            _tr("Bỏ khỏi danh sách mời"), text, remove, yes_text=_tr("Bỏ khỏi danh sách")
        )


@dataclass(frozen=True)
class DocumentRow:
    kind: str
    label: str
    symbol: str
    issued_on: date | None
    note: str


class DocumentsSection(MeetingSection):
    """Văn bản: every document of the record, issued (number, date) or not yet; Enter or a
    double click opens it in the document dialog (preview, issue, PDF). Issuing one of
    :attr:`CONVENING` makes a planned record convened. The working-group sessions' section is
    this one with the session's kinds (class attributes below)."""

    title = _tr("Văn bản")
    key = "documents"
    LIST_NAME = "documentList"
    KINDS: tuple[str, ...] = MEETING_DOCUMENT_KINDS
    QUICK: tuple[str, ...] = ("convocation", "invitation", "agenda", "attendance")
    CONVENING: tuple[str, ...] = ("convocation", "invitation")
    PLANNED = MeetingStatus.PLANNED.value
    WIDTHS = (200, 130, 110, 200)

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        # Names from the core's vocabulary: the document engine loads when a document is opened.
        self.kinds = [(k, document_label(k)) for k in self.KINDS]
        titles = (_tr("Văn bản"), _tr("Số, ký hiệu"), _tr("Ngày ban hành"), _tr("Ghi chú"))
        names = ("label", "symbol", "issued_on", "note")
        columns = [Column(*c) for c in zip(names, titles, self.WIDTHS, strict=True)]
        self.view, self.model = self.table(self.LIST_NAME, columns)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Enter and a double click (a shortcut on this table would take Enter from the list).
        self.view.activated.connect(lambda _i: self.open_current())
        self.layout_.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.quick: dict[str, QPushButton] = {}
        labels = dict(self.kinds)
        for kind in self.QUICK:
            if kind in labels:
                b = self.push(labels[kind] + "…", f"doc_{kind}", lambda k=kind: self.open_kind(k))
                self.quick[kind] = b
                row.addWidget(b)
        # The chair's running script, after the agenda paper it goes with: the host's action
        # (the meetings list's; a session's host has none), reached by Tab as these buttons.
        script = getattr(host, "script_action", None)
        if script is not None:
            row.addWidget(self.button(script))
        row.addStretch(1)
        self.layout_.addLayout(row)

    def show_meeting(self, detail: Any) -> None:
        super().show_meeting(detail)
        issued = {doc.kind: doc for doc in detail.documents} if detail else {}
        planned = detail is not None and detail.status == self.PLANNED
        rows = []
        for name, kind_label in self.kinds:
            doc = issued.get(name)
            note = "" if doc else _tr("chưa ban hành")
            if doc is None and planned and name in self.CONVENING:
                note = _tr("ban hành → “Đã triệu tập”")
            # The latest issue superseded (the record changed after it): listed with its
            # number, and said to need issuing again (short: the sessions' column is narrow;
            # the day it stopped is in the register).
            if doc is not None and getattr(doc, "superseded_on", None) is not None:
                note = _tr("cần ban hành lại")
            rows.append(
                DocumentRow(
                    name,
                    kind_label,
                    doc.symbol if doc else "",
                    doc.issued_on if doc else None,
                    note,
                )
            )
        self.model.set_rows(rows if detail else [])
        for b in self.quick.values():
            b.setEnabled(detail is not None)

    def open_current(self) -> None:
        row = self.current_row(self.view)
        if row is not None:
            self.open_kind(row.kind)

    def open_kind(self, kind: str) -> None:
        opener = getattr(self.host, "open_documents", None)
        if self.detail is not None and opener is not None:
            opener(kind)


SECTION_TYPES: list[type[MeetingSection]] = [
    InfoSection,
    AgendaSection,
    InviteesSection,
    DocumentsSection,
]


class SectionsPane(RecordPane):
    """A record pane of :class:`MeetingSection` sections, one of each of
    :attr:`section_types`; ``name`` prefixes the object names."""

    name = ""
    section_types: ClassVar[list[type[MeetingSection]]] = []

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent, self.name)
        for section_type in self.section_types:
            self.add_section(section_type(host, self))

    def show_in(self, section: QWidget, detail: Any) -> None:
        if isinstance(section, MeetingSection):  # a SessionSection passes it on to show_session
            section.show_meeting(detail)

    def build_history_action(self, opener: Callable[[Any], Any], info_key: str) -> None:
        """Lịch sử thay đổi of the selected record (``opener(pane)`` opens it): a button under
        its information (section ``info_key``), an entry in the list's context menu and
        Ctrl+Shift+H anywhere in the host view."""
        owner = self.host if isinstance(self.host, QWidget) else self
        self.history_action = history_action(owner, lambda: opener(self))
        info = self.section(info_key)
        row = getattr(info, "buttons_row", None)
        if row is not None:
            row.addWidget(info.button(self.history_action))
        table = getattr(self.host, "table", None)
        if table is not None and hasattr(table, "add_context_actions"):
            table.add_context_actions([None, self.history_action])

    def show_record(self, detail: Any, heading: str) -> None:
        action = getattr(self, "history_action", None)  # built after the sections show
        if action is not None:
            action.setEnabled(detail is not None)
        super().show_record(detail, heading)


class MeetingRecordPane(SectionsPane):
    """Heading and sections of the selected meeting."""

    name = "meeting"
    section_types = SECTION_TYPES  # the list itself: part 2 may append its types to it

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.build_history_action(meeting_history, "info")

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        self.show_record(
            detail, self.heading_html(detail) if detail else _tr("Chưa chọn cuộc họp.")
        )

    @staticmethod
    def heading_html(d: MeetingDetail) -> str:
        badge = status_badge(d.status_label, STATUS_COLOURS.get(d.status, "#333"))
        # A roster change made after the meeting was saved: said here, before the next save
        # is refused for it.
        roles = (
            f"<br><span style='color:#b71c1c; font-weight:bold'>{escape(d.roles_warning)}</span>"
            if d.roles_warning
            else ""
        )
        return (
            f"<b style='font-size:11pt'>{escape(d.title)}</b><br>"
            f"{badge} &nbsp;{escape(d.kind_label)} · {escape(when_text(d))}"
            + (f" · {escape(d.place)}" if d.place else "")
            + roles
        )
