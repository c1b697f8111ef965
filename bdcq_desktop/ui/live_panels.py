"""The attendance panel of the live meeting window (:mod:`.live_meeting`); its conclusions
panel is :mod:`.live_conclusions`.

:class:`AttendancePanel`: the invitees as a checklist (checked: attending, in the room or
online), a check-in box (type the first letters of a name, Enter; Shift+Enter: joined online),
the counts always visible. Each tick is one core call (:func:`..core.attendance.check_in`):
present, or late once the meeting has run for a while; unticking marks the invitee not yet
checked in. The invitee's version read guards it: someone else checked in meanwhile from
another PC is no conflict (the list is read anew after each mark, with their marks), the
same invitee marked elsewhere is. A tick, or a name typed and Enter, that would replace a mark
carrying what was typed for it (absent with a reason, a substitute, a late arrival's time)
asks the Điểm danh page's question first, without blocking: "Không" leaves the mark, the tick
and the name typed as they were.

The invitee selected (by the name typed in the box, or by the arrows in the list) is marked
absent with a reason ("Vắng…", Ctrl+2) or as having sent a substitute ("Dự thay…", Ctrl+3,
name and position) by the Điểm danh page's own forms (:func:`.tabs.attendance_marks.
mark_form`), the same keys as there: one check-in call with the invitee's version, and the
same question first when the mark replaces one carrying a reason, a substitute or a time.

The panel says what it did through ``message`` and what it refused (a conflict included)
through ``warning``: the window shows the two apart.

What the application remembers of an open live window is :mod:`.live_memory`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.attendance import AttendanceRow, attendance_rows, check_in
from ..core.attendance_summary import summarise
from ..core.check_in_search import by_name
from ..core.db import Database
from ..core.errors import BcdError, ConflictError, LateArrivalWarning
from ..core.read_scope import reading
from . import messages
from .check_in_line import check_in_line, late_now
from .live_conclusions import ROW_ROLE

# Ticked: attending (online too; the tick does not change an online mark).
IN_ROOM = ("present", "online", "late", "substitute")
NOT_COUNTED = "Thư ký phục vụ cuộc họp: không điểm danh, không tính vào số dự họp."

__all__ = ["IN_ROOM", "ROW_ROLE", "AttendancePanel", "row_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("live_meeting", text)


# --- attendance -------------------------------------------------------------------------------


def row_text(r: AttendanceRow) -> str:
    if r.takes_the_minutes:
        return f"{r.name} — {r.category_label}"
    if r.status == "substitute" and r.substitute_name:
        # The minutes' words, once ("Lê Văn Nam dự thay"): after the mark's own label
        # "Cử người dự thay" they read "dự thay" twice.
        return f"{r.name} — " + _tr("{name} dự thay").format(name=r.substitute_name)
    text = f"{r.name} — {r.status_label}"
    if r.status == "late" and r.arrived_at is not None:
        text += f" {r.arrived_at:%H:%M}"
    if r.status == "absent" and r.reason:
        text += f" ({r.reason})"
    return text


class AttendancePanel(QWidget):
    """The checklist (see the module doc). ``version_changed(int)`` after each mark."""

    version_changed = Signal(int)
    message = Signal(str)
    warning = Signal(str)

    def __init__(
        self, db: Database, meeting_id: int, version: Callable[[], int], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("liveAttendancePanel")
        self.db, self.meeting_id, self.version = db, meeting_id, version
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_tr("Điểm &danh"), self)
        title.setStyleSheet("font-weight: bold;")
        self.counts = QLabel(self)
        self.counts.setObjectName("liveAttendanceCounts")
        self.counts.setWordWrap(True)
        self.check_box = QLineEdit(self)
        self.check_box.setObjectName("liveCheckIn")
        self.check_box.setPlaceholderText(
            _tr("Gõ vài chữ đầu của tên, Enter: có mặt, Shift+Enter: dự trực tuyến")
        )
        self.check_box.setClearButtonEnabled(True)
        self.check_box.returnPressed.connect(self.check_in_typed)
        self.check_box.textChanged.connect(lambda _t: self.show_match())
        # Shift+Enter is taken before the box turns it into returnPressed (which it emits
        # whatever the modifiers), and Esc before the window's shortcut (:meth:`eventFilter`).
        self.check_box.installEventFilter(self)
        title.setBuddy(self.check_box)
        # Who Enter will check in, before Enter: a name typed for a guest not invited must
        # not silently mark an invitee whose post happens to contain the words.
        self.match_label = QLabel(self)
        self.match_label.setObjectName("liveCheckInMatch")
        self.match_label.setWordWrap(True)
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rows: list[AttendanceRow] = []
        # The Điểm danh page's short label, the rest in the tooltip: the long one was wider
        # than the panel at 150 % on a 1366 px screen, cut at both ends.
        self.walk_in_button = QPushButton(_tr("&Thêm người dự…"), self)
        self.walk_in_button.setToolTip(
            _tr("Thêm người dự không có trong danh sách mời và điểm danh (Alt+T)")
        )
        self.walk_in_button.setObjectName("liveWalkIn")
        self.walk_in_button.setAutoDefault(False)
        self.walk_in_button.clicked.connect(lambda _c=False: self.add_walk_in())
        self.walk_in: Any = None  # the open walk-in dialog
        self.question: Any = None  # the open late-arrival (or replace-this-mark) question
        self.mark_dialog: Any = None  # the open absent or substitute form
        # The Điểm danh page's keys for the same marks: window-wide, so they work from the
        # check-in box (the name typed selects the invitee) as from the list.
        marks = QHBoxLayout()
        for status, text, keys, name in (
            ("absent", _tr("Vắng…"), "Ctrl+2", "liveAbsent"),
            ("substitute", _tr("Dự thay…"), "Ctrl+3", "liveSubstitute"),
        ):
            button = QPushButton(f"{text} ({keys})", self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, st=status: self.mark_with_form(st))
            action = QAction(self)
            action.setObjectName(f"{name}Action")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, st=status: self.mark_with_form(st))
            self.addAction(action)
            marks.addWidget(button)
        marks.addStretch(1)
        self.list = QListWidget(self)
        self.list.setObjectName("liveAttendance")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(300)
        self.list.itemChanged.connect(self._ticked)
        layout.addWidget(title)
        layout.addWidget(self.counts)
        layout.addWidget(self.check_box)
        layout.addWidget(self.match_label)
        layout.addWidget(self.walk_in_button)
        layout.addLayout(marks)
        layout.addWidget(self.list, 1)

    def show_rows(self, rows: list[AttendanceRow] | tuple[AttendanceRow, ...]) -> None:
        current = self.list.currentRow()
        self.rows = list(rows)
        self._filling = True
        self.list.clear()
        for r in rows:
            item = QListWidgetItem(row_text(r), self.list)
            item.setData(ROW_ROLE, r)
            item.setToolTip(f"{r.position}\n{r.unit}".strip())
            if r.takes_the_minutes:
                # Serving the meeting, counted nowhere: nothing to tick (see core.attendance).
                item.setToolTip(_tr(NOT_COUNTED) + "\n" + item.toolTip())
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                continue
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if r.status in IN_ROOM else Qt.CheckState.Unchecked
            )
        self._filling = False
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self.counts.setText(summarise(list(rows)).text)
        self.show_match()

    # Mostly right after a mark is saved: refused then, it says the list was not read, not the
    # save's "chưa lưu được gì" (the mark is saved).
    @reading()
    def reload(self) -> None:
        self.show_rows(attendance_rows(self.db, self.meeting_id))

    def mark(
        self,
        invitee_id: int,
        status: str | None,
        *,
        asked: AttendanceRow | None = None,
        **confirmed: bool,
    ) -> bool:
        """One core call; ``status`` None: present (late if the meeting started a while ago).
        ``asked``: the invitee as a question showed them (their version guards the mark);
        ``confirmed``: the core's question answered (an arrival far past the planned end)."""
        seen = self.version()
        row = asked or next((r for r in self.rows if r.invitee_id == invitee_id), None)
        try:
            # live: the window is open while the meeting sits, so a check-in past its planned
            # end (it ran over) is still an arrival until its actual end is recorded.
            version = check_in(
                self.db,
                self.meeting_id,
                invitee_id,
                expected_version=seen,
                invitee_version=row.version if row is not None else None,
                status=status,
                live=True,
                **confirmed,
            )
        except LateArrivalWarning as exc:
            # Usually the clock of a meeting whose end was not recorded: one question, kept
            # quick (Enter says yes), then the same mark confirmed.
            self.question = messages.ask_late_arrival(
                self,
                exc.message,
                lambda p=exc.parameter: self._marked_after_question(invitee_id, status, p),
            )
            self.reload()
            return False
        except ConflictError:
            self.version_changed.emit(-1)  # read the meeting again
            self.warning.emit(
                _tr(
                    "{name} vừa được điểm danh ở nơi khác; đã tải lại danh sách, hãy xem lại rồi "
                    "điểm danh lại nếu cần."
                ).format(name=row.name)
                if row is not None
                else _tr(
                    "Cuộc họp vừa được sửa ở nơi khác; đã tải lại danh sách, hãy điểm danh lại."
                )
            )
            self.reload()
            return False
        except BcdError as exc:
            self.warning.emit(exc.message)
            self.reload()
            return False
        # One more than the version read: nobody else saved the meeting meanwhile. More: the
        # mark of someone else was accepted beside ours, so the window reads the meeting anew
        # (its version with what it saw) rather than taking a version it has not seen.
        self.version_changed.emit(version if version == seen + 1 else -1)
        self.reload()
        return True

    def _marked_after_question(self, invitee_id: int, status: str | None, parameter: str) -> None:
        """The late-arrival question answered yes: the same mark, confirmed."""
        self.question = None
        if self.mark(invitee_id, status, **{parameter: True}):
            self.check_box.clear()
            name = next(
                (r.name for r in attendance_rows(self.db, self.meeting_id)
                 if r.invitee_id == invitee_id),
                "",
            )
            self.message.emit(_tr("Đã điểm danh: {name}.").format(name=name))

    def mark_asking(self, row: AttendanceRow, status: str | None, done: Callable[[], None]) -> None:
        """:meth:`mark`, then ``done()``; asked first, as on the Điểm danh page, when it
        replaces a mark carrying what was typed for it (absent with a reason, a substitute, a
        late arrival's time): the same question (:func:`.tabs.attendance_marks.ask_replace`),
        not blocking. On "Thay" the mark, guarded by the invitee's version asked about (marked
        elsewhere meanwhile: a conflict, told); on "Không" nothing changes."""
        from .tabs.attendance_marks import ask_replace

        def replace() -> None:
            self.question = None
            if self.mark(row.invitee_id, status, asked=row):
                done()

        question = ask_replace(self, row, status or "present", replace)
        if question is None:
            if self.mark(row.invitee_id, status):
                done()
            return
        self.question = question
        self.show_rows(self.rows)  # a tick shows the mark as it still is until the answer

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        row: AttendanceRow = item.data(ROW_ROLE)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked == (row.status in IN_ROOM):
            return
        said = _tr("Đã điểm danh: {name}.") if checked else _tr("Đã bỏ điểm danh: {name}.")
        self.mark_asking(
            row,
            None if checked else "unknown",
            lambda: self.message.emit(said.format(name=row.name)),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.check_box or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.check_in_typed(online=True)
            return True
        # Esc clears a name typed (mistyped, or not found) instead of closing the full-screen
        # window mid-meeting: the window's Esc is a shortcut, so the key is claimed first.
        if event.key() == Qt.Key.Key_Escape and self.check_box.text():
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.check_box.clear()
                return True
        return super().eventFilter(watched, event)

    def show_match(self) -> None:
        """The line under the box: who Enter checks in, or that nobody on the list has the
        name typed (those matched only by post or unit named as a hint, never picked)."""
        typed = self.check_box.text().strip()
        if not typed:
            self.match_label.setText("")
            self.match_label.setVisible(False)
            return
        late_at = late_now(self.db, self.meeting_id, live=True)
        matches, text = check_in_line(self.rows, typed, walk_in_key="Alt+T", late_at=late_at)
        if matches:
            for i in range(self.list.count()):
                if self.list.item(i).data(ROW_ROLE).invitee_id == matches[0].invitee_id:
                    self.list.setCurrentRow(i)
                    break
        else:
            self.list.setCurrentRow(-1)
        self.match_label.setText(text)
        self.match_label.setVisible(True)

    def check_in_typed(self, *, online: bool = False) -> None:
        """Enter: the invitee of that name is present (late, the core decides); Shift+Enter:
        online. A match by post or unit only checks nobody in (:func:`..core.check_in_search.
        by_name`)."""
        typed = self.check_box.text().strip()
        if not typed:
            return
        # The sheet shown, so Enter takes the one named under the box (their mark made
        # elsewhere meanwhile is caught by the invitee's version in mark()).
        row = by_name(self.rows, typed)
        if row is None:
            self.warning.emit(
                _tr(
                    "Chưa điểm danh ai: không có ai tên “{typed}” trong danh sách mời. Người "
                    "đến dự mà không được mời: Alt+T (Thêm người dự)."
                ).format(typed=typed)
            )
            return
        wanted = "online" if online else None
        # Marked already: kept, unless Shift+Enter says they joined online (a correction).
        if row.status in IN_ROOM and (not online or row.status == "online"):
            self.message.emit(_tr("{name} đã được điểm danh.").format(name=row.name))
            self.check_box.clear()
            return
        text = _tr("Đã điểm danh: {name} (dự trực tuyến).") if online else _tr(
            "Đã điểm danh: {name}."
        )

        def done() -> None:
            self.check_box.clear()
            self.message.emit(text.format(name=row.name))

        # Replacing an absence with its reason (or a substitute, a late time) asks first; on
        # "Không" the name typed stays in the box.
        self.mark_asking(row, wanted, done)

    def selected(self) -> AttendanceRow | None:
        """The invitee selected in the list (by the name typed in the box, or the arrows)."""
        item = self.list.currentItem()
        return item.data(ROW_ROLE) if item is not None else None

    def mark_with_form(self, status: str, *, asked: bool = False) -> Any:
        """Ctrl+2 / Ctrl+3: the selected invitee absent with a reason, or a substitute (name,
        position), by the Điểm danh page's form (one check-in call); asked first when the mark
        replaces one carrying what was typed for it. Returns the form, open."""
        from .tabs.attendance_marks import ask_replace, mark_form

        row = self.selected()
        if row is None:
            self.warning.emit(
                _tr(
                    "Chưa chọn ai: gõ vài chữ đầu của tên ở ô điểm danh (Alt+D) hoặc chọn trong "
                    "danh sách, rồi Ctrl+2 (vắng) hoặc Ctrl+3 (dự thay)."
                )
            )
            return None
        if row.takes_the_minutes or row.walk_in:
            self.warning.emit(
                _tr("{name}: {why}").format(
                    name=row.name,
                    why=_tr(NOT_COUNTED)
                    if row.takes_the_minutes
                    else _tr(
                        "người đến dự không theo giấy mời chỉ được ghi có mặt (thêm nhầm thì "
                        "xóa ở trang Điểm danh)."
                    ),
                )
            )
            return None
        if not asked:
            question = ask_replace(
                self, row, status, lambda: self.mark_with_form(status, asked=True)
            )
            if question is not None:
                self.question = question
                return None
        dialog = mark_form(self, self.db, self.meeting_id, self.version(), row, status, live=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self._marked_by_form(row.invitee_id))
        self.mark_dialog = dialog
        dialog.open()
        return dialog

    def _marked_by_form(self, invitee_id: int) -> None:
        from .tabs.attendance_marks import mark_words

        self.mark_dialog = None
        self.check_box.clear()  # the next name is typed afresh, where the cursor goes back
        self.check_box.setFocus(Qt.FocusReason.OtherFocusReason)
        # Read anew (the window's version, the list with it): a check-in at the door may have
        # been saved beside this mark.
        self.version_changed.emit(-1)
        self.reload()
        saved = next((r for r in self.rows if r.invitee_id == invitee_id), None)
        if saved is not None:
            text = _tr("Đã điểm danh: {name} — {mark}").format(
                name=saved.name, mark=mark_words(saved)
            )
            self.message.emit(text + ".")

    def add_walk_in(self) -> None:
        """Someone not on the list: invited and checked in by one call (the walk-in dialog,
        with the name typed in the box when it matched nobody)."""
        from .dialogs.walk_in_dialog import WalkInDialog, saved_text

        typed = self.check_box.text().strip()
        if typed and by_name(self.rows, typed):
            typed = ""  # a name on the list is checked in from the list, not typed again
        try:
            dialog = WalkInDialog(self.db, self.meeting_id, typed, parent=self, live=True)
        except BcdError as exc:
            self.warning.emit(exc.message)
            return

        seen = self.version()

        def saved(_result: object) -> None:
            if dialog.added is not None:
                version = dialog.added.version  # more: added beside a check-in, read anew
                self.version_changed.emit(version if version == seen + 1 else -1)
                self.check_box.clear()
                self.reload()
                self.message.emit(saved_text(dialog.added))

        dialog.saved.connect(saved)
        self.walk_in = dialog
        dialog.open()
