"""Biên bản: the minutes of the selected meeting, as a draft edited part by part.

The draft is built from the meeting (:func:`..core.minutes_text.minutes_draft`): the opening,
the attendance (read-only here: the attendance section records it), the notes under each agenda
item (the live notes), the conclusions (read-only: their own section), the closing. The parts
the user changes are kept on screen until "Lưu bản sửa" saves them all in one core call, which
appends a revision (who, when; listed below the editor, each readable). "Ban hành…" issues the
minutes through the document engine (a number from the register, the SHA-256 of the issued PDF;
the minutes are then locked); "Mở lại…" unlocks them with a reason. A version conflict (another
officer saved meanwhile) keeps what was typed and says so; saving again stores it as a new
revision, theirs staying readable in the history.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.enums import MeetingStatus
from ...core.errors import BcdError, ConflictError
from ...core.meeting_rules import not_held_yet
from ...core.meetings import MeetingDetail
from ...core.minutes_history import RevisionRow, minutes_revisions, revision_text
from ...core.minutes_text import MinutesDraft, minutes_draft, save_minutes
from ...core.read_scope import reading
from .. import messages
from ..record_view import NOTICE_STYLE, REFUSAL_STYLE
from ..table_model import ROW_ROLE, Column
from ..wrap_fit import button_flow, hold, keep_wrapped_height
from .meeting_record import Host, MeetingSection
from .minutes_dialogs import MinutesFiles, MinutesTimes, revision_dialog
from .minutes_drafts import MinutesDrafts, changes
from .minutes_issue import MinutesIssue

PART_ROLE = Qt.ItemDataRole.UserRole + 1
EDITOR_LINES = 8  # the draft editor's least height, in lines of text
READ_ONLY = ("attendance", "conclusions")
# A meeting not held yet is looked at again this often at the longest (a timer's interval is an
# int of milliseconds: a start weeks away is reached in steps).
RECHECK_MS = 6 * 3600 * 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_minutes", text)


def original_texts(draft: MinutesDraft) -> dict[str, str]:
    """Each part of the draft by its key: ``opening``, ``attendance``, ``item:ID``,
    ``conclusions``, ``closing``."""
    texts = {"opening": draft.opening, "attendance": "\n".join(draft.attendance)}
    for item in draft.items:
        texts[f"item:{item.item_id}"] = item.notes
    lines = []
    for c in draft.conclusions:
        lines.append(f"{c.order}. {c.text}")
        lines += [f"   - {t.content}" for t in c.tasks]
    texts["conclusions"] = "\n".join(lines)
    texts["closing"] = draft.closing
    return texts


class MinutesSection(MinutesIssue, MinutesDrafts, MinutesTimes, MinutesFiles, MeetingSection):
    """Biên bản (see the module doc)."""

    title = _tr("Biên bản")
    key = "minutes"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.draft: MinutesDraft | None = None
        self.originals: dict[str, str] = {}
        self.edits: dict[str, str] = {}  # the parts changed on screen, not saved yet
        self._edits_of: dict[int, dict[str, str]] = {}  # per meeting, when another is shown
        self._stale = False
        self._filling = False
        self._busy = False
        self._init_drafts()  # typed parts kept aside until saved (:mod:`.minutes_drafts`)
        self.status = QLabel(self)
        self.status.setObjectName("minutesStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        keep_wrapped_height(self.status)  # its lines not taken from the editor's height
        self.layout_.addWidget(self.status)

        self.parts = QListWidget(self)
        self.parts.setObjectName("minutesParts")
        # Long agenda titles wrap instead of running off under a scroll bar.
        self.parts.setWordWrap(True)
        self.parts.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.parts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.parts.currentItemChanged.connect(lambda *_: self._show_part())
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("minutesEditor")
        self.editor.setTabChangesFocus(True)
        # Eight lines at the least: at 150 % the section squeezed it to one; the page scrolls.
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * EDITOR_LINES + 12)
        self.editor.textChanged.connect(self._edited)
        self.part_note = QLabel(self)
        self.part_note.setObjectName("minutesPartNote")
        self.part_note.setWordWrap(True)
        self.part_note.setStyleSheet("color: #555;")
        keep_wrapped_height(self.part_note)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.part_note)
        right_layout.addWidget(self.editor, 1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setChildrenCollapsible(False)
        top.addWidget(self.parts)
        top.addWidget(right)
        top.setStretchFactor(1, 1)
        top.setSizes([190, 460])
        self.parts.setMinimumWidth(120)

        columns = [
            Column("number", _tr("Lần"), 40, align_right=True),
            Column(
                "saved_at", _tr("Thời gian"), 125, value=lambda r: f"{r.saved_at:%H:%M %d/%m/%Y}"
            ),
            Column("author", _tr("Người lưu"), 110),
            Column("event", _tr("Việc"), 95, value=lambda r: r.event_label),
            Column("note", _tr("Ghi chú"), 150, value=lambda r: r.note),
        ]
        self.history, self.history_model = self.table("minutesRevisions", columns)
        self.history.activated.connect(lambda _i: self.show_revision())
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 90])
        self.history.setMinimumHeight(60)
        self.layout_.addWidget(split, 1)

        self.save_button = self.push(_tr("&Lưu bản sửa"), "saveMinutes", self.save)
        self.finalise_button = self.push(_tr("&Ban hành…"), "finaliseMinutes", self.finalise)
        self.reopen_button = self.push(_tr("&Mở lại…"), "reopenMinutes", self.reopen)
        self.revision_button = self.push(_tr("Xem bản &sửa…"), "showRevision", self.show_revision)
        self.start_button = self.push(_tr("Giờ bắt đầ&u…"), "recordStartTime", self.record_start)
        self.start_button.setToolTip(_tr("Giờ bắt đầu thực tế của cuộc họp, in trong biên bản"))
        self.close_button = self.push(_tr("Giờ &kết thúc…"), "recordCloseTime", self.record_close)
        self.close_button.setToolTip(_tr("Giờ kết thúc thực tế của cuộc họp, in trong biên bản"))
        self._tips = {b: b.toolTip() for b in (self.start_button, self.close_button)}
        self._tips[self.finalise_button] = ""
        # The start of a meeting not held yet: its minutes open for typing and its buttons then.
        self._held_timer = QTimer(self)
        self._held_timer.setSingleShot(True)
        self._held_timer.timeout.connect(self._start_reached)
        self.pdf_button = self.push(_tr("Xuất &PDF…"), "exportMinutesPdf", self.export_pdf)
        self.docx_button = self.push(_tr("Xuất &Word…"), "exportMinutesDocx", self.export_docx)
        self.issued_button = QToolButton(self)
        self.issued_button.setObjectName("issuedMinutes")
        self.issued_button.setText(_tr("Bản đã ban hành"))
        self.issued_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.issued_menu = QMenu(self.issued_button)
        self.issued_button.setMenu(self.issued_menu)
        self.save_button.setToolTip(_tr("Lưu các phần đã sửa thành một bản sửa (Ctrl+S)"))
        # Rows that wrap: beside the list at 150 % the two fixed rows were cut ("Bản …hành").
        self.layout_.addWidget(button_flow(self, [
            self.save_button, self.finalise_button, self.reopen_button, self.revision_button,
            self.start_button, self.close_button, self.pdf_button, self.docx_button,
            self.issued_button,
        ]))  # fmt: skip
        save = QAction(self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save)
        self.addAction(save)
        self.notice = QLabel(self)
        self.notice.setObjectName("minutesNotice")
        self.notice.setWordWrap(True)
        self.layout_.addWidget(self.notice)
        self.update_buttons()

    # -- showing -------------------------------------------------------------------------------
    def show_meeting(self, detail: MeetingDetail | None) -> None:
        previous = self.detail.id if self.detail is not None else None
        if previous is not None and (detail is None or detail.id != previous):
            self._edits_of[previous] = dict(self.edits)
            self.edits = dict(self._edits_of.pop(detail.id, {})) if detail else {}
            self.notice.clear()
        elif previous is None and detail is not None:
            self.edits = dict(self._edits_of.pop(detail.id, {}))
        super().show_meeting(detail)
        # Read when shown: every selection in the list would otherwise build a draft.
        self._stale = True
        if self.isVisible() or detail is None:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the draft and its revisions again; what was typed and not saved stays."""
        self._stale = False
        d = self.detail
        self.draft = None
        revisions: list[RevisionRow] = []
        if d is not None:
            try:
                # Shown, or after "Lưu bản sửa": only reads, its refusal never "chưa lưu được gì"
                # under minutes being typed.
                with reading():
                    self.draft = minutes_draft(self.host.db, d.id)
                    revisions = minutes_revisions(self.host.db, d.id)
                    self.read_draft_group()
            except BcdError as exc:
                self.say(exc.message, error=True)
        self.originals = original_texts(self.draft) if self.draft else {}
        self.edits = {k: t for k, t in self.edits.items() if self.originals.get(k, t) != t}
        self.history_model.set_rows(revisions)
        self._fill_parts()
        self._fill_issued()
        self.status.setText(self.status_html())
        hold(self.status)
        self.update_buttons()
        self.offer_draft()

    def _fill_parts(self) -> None:
        current = self.current_part()
        self._filling = True
        self.parts.clear()
        if self.draft is not None:
            entries = [("opening", _tr("Mở đầu")), ("attendance", _tr("Thành phần tham dự"))]
            entries += [(f"item:{i.item_id}", f"{i.order}. {i.title}") for i in self.draft.items]
            entries += [("conclusions", _tr("Kết luận")), ("closing", _tr("Kết thúc"))]
            for key, text in entries:
                item = QListWidgetItem(text, self.parts)
                item.setData(PART_ROLE, key)
                item.setToolTip(text)
        self._filling = False
        keys = [self.parts.item(i).data(PART_ROLE) for i in range(self.parts.count())]
        self.parts.setCurrentRow(keys.index(current) if current in keys else 0)
        self._show_part()
        self._mark_edited()

    def current_part(self) -> str | None:
        item = self.parts.currentItem()
        return item.data(PART_ROLE) if item is not None else None

    def select_part(self, key: str) -> None:
        for i in range(self.parts.count()):
            if self.parts.item(i).data(PART_ROLE) == key:
                self.parts.setCurrentRow(i)
                return
        raise KeyError(key)

    def text_of(self, key: str) -> str:
        return self.edits.get(key, self.originals.get(key, ""))

    def _show_part(self) -> None:
        if self._filling:
            return
        key = self.current_part()
        self._filling = True
        self.editor.setPlainText(self.text_of(key) if key else "")
        self._filling = False
        locked = self.is_locked()
        not_held = self.not_held()
        self.editor.setReadOnly(key is None or key in READ_ONLY or locked or not_held)
        if key == "attendance":
            note = _tr("Lấy từ điểm danh; sửa ở mục Điểm danh.")
        elif key == "conclusions":
            note = _tr("Lấy từ các kết luận; sửa ở mục Kết luận.")
        elif key and key.startswith("item:"):
            note = _tr("Ghi chép mục này (cũng là ghi chép trong chế độ họp trực tiếp).")
        else:
            note = ""
        if locked and self.draft is not None:
            note = _tr("Biên bản đã ban hành: chỉ xem. Mở lại để sửa.")
        elif not_held and self.detail is not None:
            # What the save would refuse, said before anything is typed.
            note = _tr("Cuộc họp chưa diễn ra (bắt đầu {at}): biên bản lập từ giờ họp.").format(
                at=f"{self.detail.starts_at:%H:%M %d/%m/%Y}"
            )
        self.part_note.setText(note)
        self.part_note.setVisible(bool(note))
        hold(self.part_note)

    def _edited(self) -> None:
        key = self.current_part()
        if self._filling or key is None or key in READ_ONLY:
            return
        text = self.editor.toPlainText()
        if text == self.originals.get(key, ""):
            self.edits.pop(key, None)
        else:
            self.edits[key] = text
        if self.detail is not None:
            self.keep_draft(self.detail.id, self.edits, self.detail.title, self.detail.starts_at)
        self._mark_edited()
        self.update_buttons()

    def _mark_edited(self) -> None:
        """A star on the parts changed and not saved (text, not colour alone)."""
        for i in range(self.parts.count()):
            item = self.parts.item(i)
            text = item.text().removesuffix(" *")
            item.setText(text + (" *" if item.data(PART_ROLE) in self.edits else ""))

    def is_locked(self) -> bool:
        return self.draft is not None and self.draft.is_final

    def not_held(self) -> bool:
        """A meeting planned or convened that has not started: no minutes typed for it."""
        d = self.detail
        return d is not None and not_held_yet(d.status, d.starts_at)

    def status_html(self) -> str:
        d = self.detail
        info = d.minutes if d is not None else None
        if d is None or info is None or self.draft is None:
            return ""
        parts = [_tr("Trạng thái: <b>{status}</b>").format(status=escape(info.status_label))]
        parts.append(_tr("{n} bản sửa").format(n=info.revisions))
        if info.issued_number:
            parts.append(_tr("số <b>{number}</b>").format(number=escape(info.issued_number)))
        # The actual times, printed in the minutes; the planned ones stand in until recorded.
        if info.opened_at is not None:
            parts.append(_tr("bắt đầu thực tế <b>{at}</b>").format(at=f"{info.opened_at:%H:%M}"))
        if info.closed_at is not None:
            end = f"{info.closed_at:%H:%M %d/%m/%Y}"
            parts.append(_tr("kết thúc thực tế <b>{end}</b>").format(end=end))
        elif d.ends_at is not None:
            end = f"{d.ends_at:%H:%M}"
            parts.append(_tr("chưa ghi giờ kết thúc thực tế (theo kế hoạch {end})").format(end=end))
        text = " · ".join(parts)
        if info.sha256:
            text += "<br>" + _tr("SHA-256 của bản PDF đã ban hành: <tt>{sha}</tt>").format(
                sha=escape(info.sha256)
            )
        if info.status == "reopened" and info.reopen_reason:
            text += "<br>" + _tr("Lý do mở lại: {reason}").format(reason=escape(info.reopen_reason))
        return text

    def _fill_issued(self) -> None:
        self.issued_menu.clear()
        info = self.detail.minutes if self.detail is not None else None
        for issue in info.issues if info is not None else ():
            text = f"{issue.symbol} — {issue.issued_on:%d/%m/%Y}"
            if issue.superseded_at is not None:
                text += _tr(" (đã bị thay thế)")
            action = self.issued_menu.addAction(text + "…")
            action.setData(issue.id)
            action.triggered.connect(lambda _c=False, i=issue.id: self.export_issued(i))
        self.issued_button.setEnabled(not self.issued_menu.isEmpty())

    def update_buttons(self) -> None:
        d, ready = self.detail, self.draft is not None and not self._busy
        cancelled = d is not None and d.status == MeetingStatus.CANCELLED.value
        can_type = not self.is_locked() and not self.not_held()
        self.save_button.setEnabled(ready and bool(self.edits) and can_type)
        self.finalise_button.setEnabled(ready and not self.is_locked() and not cancelled)
        self.reopen_button.setEnabled(ready and self.is_locked())
        self.revision_button.setEnabled(self.history_model.rowCount() > 0)
        # Before the meeting no time is recorded nor minutes issued (the core refuses them):
        # not offered, the tooltip saying why and from when.
        not_held = self.not_held()
        for button in (self.finalise_button, self.close_button, self.start_button):
            button.setEnabled(ready and not self.is_locked() and not cancelled and not not_held)
            button.setToolTip(self._not_held_tip(button) if not_held else self._tips[button])
        self.pdf_button.setEnabled(ready and not cancelled)
        self.docx_button.setEnabled(ready and not cancelled)
        self._watch_start(not_held)

    def _not_held_tip(self, button: QWidget) -> str:
        at = f"{self.detail.starts_at:%H:%M %d/%m/%Y}" if self.detail is not None else ""
        if button is self.finalise_button:
            text = _tr("Cuộc họp chưa diễn ra (bắt đầu {at}): chưa ban hành biên bản được.")
        elif button is self.start_button:
            text = _tr("Cuộc họp chưa diễn ra (bắt đầu {at}): chưa ghi giờ bắt đầu thực tế.")
        else:
            text = _tr("Cuộc họp chưa diễn ra (bắt đầu {at}): chưa ghi giờ kết thúc thực tế.")
        return text.format(at=at)

    def _watch_start(self, not_held: bool) -> None:
        """A meeting not held yet shown: looked at again at its start, which nothing else
        marks (no save, no selection), so that its minutes open then."""
        if not not_held or self.detail is None:
            self._held_timer.stop()
            return
        left = (self.detail.starts_at - datetime.now()).total_seconds() * 1000
        self._held_timer.start(max(0, min(RECHECK_MS, int(left) + 1000)))

    def _start_reached(self) -> None:
        self._show_part()  # the editor takes typing from now on
        self.update_buttons()

    # -- actions -------------------------------------------------------------------------------
    def say(self, text: str, *, error: bool = False) -> None:
        """The section's line: what was done in green, what was refused in red and bold, as
        the record views' and the attendance's lines say them (a refusal in the colour of what
        was done read as done)."""
        self.notice.setStyleSheet(REFUSAL_STYLE if error else NOTICE_STYLE)
        self.notice.setText(text)

    def save(self) -> bool:
        """The parts changed, in one core call (one revision). A conflict keeps them."""
        if not self._savable():
            return False
        refused = self.save_quietly()
        if isinstance(refused, ConflictError):
            self.host.last_dialog = messages.show_message(
                self, _tr("Biên bản vừa được người khác lưu"), refused.message, warning=True
            )
        elif refused is not None:
            self.host.last_dialog = messages.show_error(self, refused)
        return refused is None

    def _savable(self) -> bool:
        return self.detail is not None and self.draft is not None and bool(self.edits) and (
            not self.is_locked()
        )

    def save_quietly(self) -> BcdError | None:
        """:meth:`save` without a box: None once saved (or nothing to save), else why not,
        for the caller to say (a quit says every refusal in one box). Another officer's save
        meanwhile: a :class:`ConflictError` whose ``happened`` is the short form, the text
        kept on screen."""
        d, draft = self.detail, self.draft
        if d is None or draft is None or not self._savable():
            return None  # nothing typed left to save
        try:
            save_minutes(self.host.db, d.id, expected_version=draft.version, **changes(self.edits))
        except ConflictError:
            # Read theirs as the new base; what was typed here stays on screen, unsaved.
            self.refresh()
            return ConflictError(
                _tr(
                    "Trong lúc bạn sửa, biên bản đã được lưu ở nơi khác. Nội dung bạn gõ vẫn "
                    "giữ nguyên trên màn hình (các phần có dấu *). Bấm “Lưu bản sửa” lần nữa "
                    "để lưu thành bản sửa mới; bản của người kia vẫn xem được trong lịch sử."
                ),
                happened=_tr(
                    "biên bản vừa được người khác lưu; phần đã gõ vẫn giữ trên màn hình, lưu "
                    "lần nữa thành bản sửa mới."
                ),
            )
        except BcdError as exc:
            return exc
        self.edits.clear()
        self.keep_draft(d.id, {})
        self.say(_tr("Đã lưu bản sửa biên bản."))
        self.host.after_save(d.id)
        return None

    def show_revision(self) -> None:
        row = self.current_row(self.history)
        if row is None and self.history_model.rowCount():
            row = self.history_model.index(self.history_model.rowCount() - 1, 0).data(ROW_ROLE)
        if row is None:
            return
        try:
            text = revision_text(self.host.db, row.id)
        except BcdError as exc:
            self.host.last_dialog = messages.show_error(self, exc)
            return
        dialog = revision_dialog(self, row, text)
        self.host.last_dialog = dialog
        dialog.open()
