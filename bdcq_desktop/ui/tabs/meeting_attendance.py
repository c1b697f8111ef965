"""Điểm danh: the attendance of the selected meeting, taken from its invitees.

At the top, always in view, the counts (members present out of members invited, guests). Under
them the check-in box: typing the first letters of a name (``ng v an``, ``an``; diacritics may
be left out, as in every search box) selects the best invitee of that name in the sheet (never
one matched by post or unit alone; the line under the box says who Enter takes, or that nobody
has that name, in the live window's words: :mod:`..check_in_line`), ↑/↓ pick another, Enter
marks them present (late, with the time, when the meeting started more than a few
minutes ago; the core decides). Typing in the sheet goes to the box too. The buttons, and their
keys anywhere in the section, mark the selected invitee: present (Ctrl+1, or Enter in the
sheet), absent with a reason (Ctrl+2), a substitute with name and position (Ctrl+3), late with
the time (Ctrl+4), attending online (Ctrl+5: a meeting held "trực tiếp kết hợp trực tuyến"), or
not marked (Ctrl+0). After any mark saved the box is emptied, so the next name typed starts
afresh; a name matching nobody leaves nobody selected (the keys then mark nobody), and replacing
a mark that carries what was typed for it (absent with its reason, a substitute, a late
arrival's time) by another asks first. "Thêm người dự…" (Ctrl+6) records someone who came
without being invited (:mod:`..dialogs.walk_in_dialog`), from the meeting's day until its
minutes are final: their row says "không theo giấy mời", the counts take them apart from the
invited, and they take an attending mark only (absent, substitute and not marked are off on
their row); "Xóa người dự thêm nhầm" (Ctrl+7) takes one added by mistake off the list again.

The meeting's secretary serving it, on the list of a meeting whose whole committee was invited
before the core's rule (:mod:`bdcq_desktop.core.meeting_secretary`), keeps their row as recorded
but reads "Thư ký cuộc họp", not counted: listed, so that the sheet shows every row of the
record and says why the counts leave one out (the minutes print the same counts); not checked
in, since they are the one checking the others in (the box does not match them, the buttons
are off on their row).

Each mark is one call of :func:`bdcq_desktop.core.attendance.check_in` with the meeting's version
read and the invitee's own: another officer checking in someone else meanwhile (the laptop at
the door) is no conflict, the mark is saved and the sheet shown anew with theirs too. When the
same invitee was marked elsewhere meanwhile the section says so in plain words and shows the
sheet as it is now, keeping what was typed in the box.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...core import attendance as core_attendance
from ...core.attendance import AttendanceRow
from ...core.errors import BcdError, ConflictError, LateArrivalWarning
from ...core.meetings import MeetingDetail
from .. import messages
from ..check_in_line import check_in_line, late_now
from ..record_view import make_action
from ..table_model import Column
from .attendance_marks import MarkDialogs, mark_words, note_text
from .meeting_record import EDITABLE, Host, MeetingSection

__all__ = ["AttendanceSection", "conflict_text", "mark_text", "note_text"]

# The mark as text with a sign, so it never rests on colour alone.
SIGNS = {
    "unknown": "○",
    "present": "✓",
    "online": "◎",
    "late": "◷",
    "absent": "✗",
    "substitute": "⇄",
}
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_attendance", text)


def mark_text(row: AttendanceRow) -> str:
    if row.takes_the_minutes:
        return f"— {row.category_label}"
    return f"{SIGNS.get(row.status, '')} {row.status_label}"


class AttendanceSection(MarkDialogs, MeetingSection):
    """Điểm danh (see the module doc)."""

    title = _tr("Điểm danh")
    key = "attendance"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.matches: list[AttendanceRow] = []
        self.match_at = 0
        self.counts = QLabel(self)
        self.counts.setObjectName("attendanceCounts")
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.counts)

        self.box = QLineEdit(self)
        self.box.setObjectName("checkInBox")
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(_tr("Gõ vài chữ đầu của tên (vd. “ng v an”), Enter: có mặt"))
        self.box.textChanged.connect(self.find)
        self.box.installEventFilter(self)
        box_label = QLabel(_tr("Điểm danh nhanh:"), self)
        box_label.setBuddy(self.box)
        line = QHBoxLayout()
        line.addWidget(box_label)
        line.addWidget(self.box, 1)
        self.layout_.addLayout(line)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("checkInMatch")
        self.match_label.setWordWrap(True)
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed
        self.layout_.addWidget(self.match_label)

        columns = [
            Column("order", _tr("TT"), 34, align_right=True),
            Column("name", _tr("Họ và tên"), 165),
            Column("status", _tr("Điểm danh"), 125, value=mark_text),
            Column("note", _tr("Ghi chú"), 160, value=note_text),
            Column(
                "position",
                _tr("Chức vụ"),
                160,
                tooltip=lambda r: ", ".join(x for x in (r.position, r.unit) if x),
            ),
            Column("category_label", _tr("Thành phần"), 120),
        ]
        self.view, self.model = self.table("attendanceList", columns)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.view.installEventFilter(self)
        self.layout_.addWidget(self.view, 1)

        self.message = QLabel(self)
        self.message.setObjectName("attendanceMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.layout_.addWidget(self.message)

        # Each button's text with its key, and without it when the row is too narrow for all
        # six (the pane at 1366×768), and on two rows when even that is too wide: a button
        # squeezed by the layout is cut in the middle ("Đến muộ…Ctrl+4)"); the key stays in
        # its tooltip.
        self.button_texts: dict[QAction, tuple[str, str]] = {}

        def act(text: str, key: str, name: str, slot: Any) -> Any:
            action = make_action(self, f"{text} ({key})", slot, name, key)
            action.setIconText(action.text())  # a button would drop the "…" of a dialog
            action.setToolTip(f"{text} ({key})")
            self.button_texts[action] = (action.text(), text)
            return action

        self.present_action = act(_tr("Có mặt"), "Ctrl+1", "presentAction", self.mark_present)
        self.absent_action = act(_tr("Vắng…"), "Ctrl+2", "absentAction", self.mark_absent)
        self.substitute_action = act(
            _tr("Dự thay…"), "Ctrl+3", "substituteAction", self.mark_substitute
        )
        self.late_action = act(_tr("Đến muộn…"), "Ctrl+4", "lateAction", self.mark_late)
        self.online_action = act(_tr("Trực tuyến"), "Ctrl+5", "onlineAction", self.mark_online)
        self.clear_action = act(_tr("Chưa điểm danh"), "Ctrl+0", "unmarkAction", self.unmark)
        # Not a mark of the selected row: someone not on the list at all.
        self.walk_in_action = act(
            _tr("Thêm người dự…"), "Ctrl+6", "walkInAction", self.add_walk_in
        )
        self.walk_in_action.setToolTip(
            _tr("Thêm người dự không có trong danh sách mời và điểm danh (Ctrl+6)")
        )
        self.remove_walk_in_action = act(
            _tr("Xóa người dự thêm nhầm"), "Ctrl+7", "removeWalkInAction", self.remove_walk_in
        )
        self.question: Any = None  # the open "replace this mark?" question
        self.actions_ = [
            self.present_action,
            self.absent_action,
            self.substitute_action,
            self.late_action,
            self.online_action,
            self.clear_action,
            self.remove_walk_in_action,
        ]
        self.buttons = [self.button(action) for action in self.actions_]
        self.button_rows = (QHBoxLayout(), QHBoxLayout())
        for row in self.button_rows:
            row.addStretch(1)  # the buttons stay left, at their own widths
            self.layout_.addLayout(row)
        self.per_row = 0
        self.place_buttons(len(self.buttons))
        self.button_spacing = self.button_rows[0].spacing()
        # Beside the box it takes its text from, not among the marks of the selected row.
        self.walk_in_button = self.button(self.walk_in_action)
        self.walk_in_action.setIconText(self.button_texts.pop(self.walk_in_action)[1])
        line.addWidget(self.walk_in_button)
        self.setTabOrder(self.box, self.view)
        self.update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_buttons()

    def place_buttons(self, per_row: int) -> None:
        """The buttons ``per_row`` to a row (the first ``per_row`` on the first), left-aligned."""
        if per_row == self.per_row:
            return
        self.per_row = per_row
        for b in self.buttons:
            for row in self.button_rows:
                row.removeWidget(b)
        for i, b in enumerate(self.buttons):
            row = self.button_rows[i // per_row]
            row.insertWidget(row.count() - 1, b)  # before the stretch

    def fit_buttons(self) -> None:
        """The buttons on one row with their keys when all six fit the width, else without
        the keys, else on two rows."""
        margins = self.layout_.contentsMargins()
        room = self.width() - margins.left() - margins.right()

        def need(buttons: list[Any]) -> int:
            widths = [b.sizeHint().width() for b in buttons]
            return sum(widths) + self.button_spacing * (len(widths) - 1)

        for action, (full, _short) in self.button_texts.items():
            action.setIconText(full)
        if need(self.buttons) > room:
            for action, (_full, short) in self.button_texts.items():
                action.setIconText(short)
        fits = need(self.buttons) <= room
        self.place_buttons(len(self.buttons) if fits else (len(self.buttons) + 1) // 2)
        # The new widths now, not at the next layout pass: until then the buttons keep the
        # share the old texts got, which cuts the short ones.
        self.layout_.activate()

    # -- showing -------------------------------------------------------------------------------
    def show_meeting(self, detail: MeetingDetail | None) -> None:
        previous = self.detail
        keep = self.current()
        super().show_meeting(detail)
        if detail is None or previous is None or previous.id != detail.id:
            self.box.blockSignals(True)
            self.box.clear()
            self.box.blockSignals(False)
            self.say("")
            keep = None
        self.model.set_rows(detail.attendance if detail else [])
        summary = detail.attendance_summary if detail else None
        self.counts.setText(summary.text if summary and detail and detail.attendance else "")
        if detail is not None and not detail.attendance:
            self.counts.setText(_tr("Chưa mời ai: hãy lập danh sách ở mục Thành phần."))
        if keep is not None:
            self.select(keep.invitee_id)
        self.find(self.box.text())
        self.update_buttons()
        # The counts (or the line under the box) may have grown to two lines: laid out now, not
        # at the next pass, which comes after the line under the table was laid out (a
        # conflict says so first, then reads the sheet anew). Until then the counts keep the
        # one line they had, their text cut at the top and the bottom.
        self.layout_.activate()

    def can_mark(self) -> bool:
        d = self.detail
        return d is not None and d.status in EDITABLE and date.today() >= d.starts_at.date()

    def closed_reason(self) -> str:
        d = self.detail
        if d is None:
            return ""
        if d.status not in EDITABLE:
            return _tr("Cuộc họp “{status}”: điểm danh đã khóa.").format(status=d.status_label)
        if date.today() < d.starts_at.date():
            return _tr("Chưa đến ngày họp ({day}): điểm danh từ ngày họp.").format(
                day=f"{d.starts_at:%d/%m/%Y}"
            )
        return ""

    def update_buttons(self) -> None:
        can = self.can_mark()
        self.box.setEnabled(can)
        row = self.current()
        # The secretary serving the meeting is listed as recorded, not checked in.
        for action in self.actions_:
            action.setEnabled(can and row is not None and not row.takes_the_minutes)
        # A walk-in is on the list because they came: an attending mark only, or removed.
        walk_in = row is not None and row.walk_in
        for action in (self.absent_action, self.substitute_action, self.clear_action):
            action.setEnabled(action.isEnabled() and not walk_in)
        self.remove_walk_in_action.setEnabled(self.remove_walk_in_action.isEnabled() and walk_in)
        self.walk_in_action.setEnabled(can)
        if not can and self.detail is not None:
            self.match_label.setText(self.closed_reason())

    def current(self) -> AttendanceRow | None:
        return self.current_row(self.view)

    def select(self, invitee_id: int) -> None:
        row = self.model.find_row(lambda r: r.invitee_id == invitee_id)
        if row >= 0:
            index = self.model.index(row, 1)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        if self.message.isVisibleTo(self) != bool(text):
            self.message.setVisible(bool(text))
            # The line under the table changes its height: laid out now, and the current row
            # (the one just marked or added, at the bottom perhaps) kept in sight.
            self.layout().activate()
            self.view.scrollTo(self.view.currentIndex())

    # -- the check-in box ----------------------------------------------------------------------
    def find(self, typed: str) -> None:
        """Select the invitee Enter checks in: the best whose name has every typed word, as
        in the live window (the core's rule, on the sheet shown); a match by post or unit
        only is named under the box, never selected."""
        if not self.can_mark():
            self.matches = []
            return
        self.match_at = 0
        self.show_match(typed)

    def show_match(self, typed: str) -> None:
        if not typed.strip():
            self.matches = []
            self.match_label.setText("")
            return
        sheet = list(self.detail.attendance) if self.detail else []
        late_at = late_now(self.host.db, self.detail.id, live=False) if self.detail else None
        self.matches, text = check_in_line(
            sheet,
            typed.strip(),
            walk_in_key="Ctrl+6",
            at=self.match_at,
            choose=True,
            late_at=late_at,
        )
        self.match_label.setText(text)
        if self.matches:
            self.select(self.matches[self.match_at % len(self.matches)].invitee_id)
        else:
            # Nobody selected: a key pressed next must not mark whoever was selected before.
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())

    def step_match(self, delta: int) -> None:
        if self.matches:
            self.match_at = (self.match_at + delta) % len(self.matches)
            self.show_match(self.box.text())

    def check_in_typed(self) -> None:
        """Enter in the box: the selected match is present (or late; the core decides)."""
        if not self.matches or self.detail is None:
            return
        r = self.matches[self.match_at % len(self.matches)]
        if self.record(r, None):
            self.box.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            plain = mods in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.box:
                if enter and plain:
                    self.check_in_typed()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self.step_match(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key == Qt.Key.Key_Escape and self.box.text():
                    self.box.clear()
                    return True
            elif watched is self.view:
                if enter and plain:
                    self.mark_present()
                    return True
                text = event.text()
                if plain and text and text.isprintable() and not text.isspace() and self.can_mark():
                    # Typing a name in the sheet is a check-in: the letters go to the box.
                    self.box.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.box.insert(text)
                    return True
        return super().eventFilter(watched, event)

    # -- marking -------------------------------------------------------------------------------
    def record(
        self, row: AttendanceRow, status: str | None, *, asked: bool = False, **fields: Any
    ) -> bool:
        """One core call for one invitee; True when saved (the sheet is then shown anew).
        Replacing a mark with details asks first (then False: saved on yes)."""
        d = self.detail
        if d is None:
            return False
        if not asked and self.ask_replace(row, status or "present", lambda: self.record(
            row, status, asked=True, **fields
        )):
            return False
        try:
            core_attendance.check_in(
                self.host.db, d.id, row.invitee_id, expected_version=d.version, status=status,
                invitee_version=row.version, **fields,
            )
        except ConflictError:
            self.say(conflict_text(row.name), error=True)
            self.host.after_save(d.id)  # the sheet as it is now; the box keeps its text
            return False
        except LateArrivalWarning as exc:
            # Far past the planned end: usually a slip; one question, Enter says yes.
            self.host.last_dialog = messages.ask_late_arrival(
                self,
                exc.message,
                lambda p=exc.parameter: self.record(
                    row, status, asked=True, **{**fields, p: True}
                ),
            )
            return False
        except BcdError as exc:
            self.say(exc.message, error=True)
            return False
        self.host.after_save(d.id)
        self.said_saved(row.invitee_id)
        return True

    def said_saved(self, invitee_id: int) -> None:
        # The next name is typed afresh: letters added to the last one ("pham hngan") found
        # nobody and left the last person selected for the next key.
        self.box.clear()
        d = self.detail
        saved = next((r for r in d.attendance if r.invitee_id == invitee_id), None) if d else None
        if saved is not None:
            self.select(invitee_id)
            self.say(
                _tr("Đã điểm danh: {name} — {mark}").format(
                    name=saved.name, mark=mark_words(saved)
                )
            )

    def markable(self) -> AttendanceRow | None:
        """The selected invitee when they may be marked now (Enter in the sheet, the keys)."""
        row = self.current()
        if row is None or row.takes_the_minutes or not self.can_mark():
            return None
        return row

    def mark_present(self) -> None:
        row = self.markable()
        if row is not None:
            self.record(row, "present")

    def mark_online(self) -> None:
        row = self.markable()
        if row is not None:
            self.record(row, "online")

    def unmark(self) -> None:
        row = self.markable()
        if row is not None:
            self.record(row, "unknown")


def conflict_text(name: str | None = None) -> str:
    """A save refused as a conflict: ``name``'s mark was changed elsewhere meanwhile (without a
    name: the meeting's list, by a call the meeting's version guards)."""
    if name:
        # No longer than the meeting's text: the line under the sheet takes its height.
        return _tr(
            "Điểm danh của {name} vừa được người khác cập nhật, nên lần điểm danh này chưa được "
            "ghi. Danh sách đã được tải lại: hãy xem lại rồi điểm danh lại."
        ).format(name=name)
    return _tr(
        "Cuộc họp vừa được người khác cập nhật (có thể một máy khác đang điểm danh), nên lần "
        "điểm danh này chưa được ghi. Danh sách đã được tải lại: hãy điểm danh lại."
    )
