"""Họp trực tiếp: the focused full-screen window for the laptop in the meeting room.

Opened by F11 (or "Họp trực tiếp") on the selected meeting of the meetings tab; Esc or F11
leaves (Esc in the check-in box first clears a name typed there; the help line at the bottom
says so); "Bắt đầu cuộc họp…" (Alt+B) records the meeting's actual start (now, editable), which
late arrivals are then judged against; "Kết thúc cuộc họp…" (Alt+H) records the meeting's actual
end (now, editable) and leaves; either opens on a time already recorded, as a correction. It
shows the current agenda item with the time spent on it against the time planned (a one-second
timer), moves to the next or previous item (Alt+→ / Alt+←, Ctrl+PgDn / Ctrl+PgUp), and holds
one notes field per agenda item, the attendance checklist (absent with a reason: Ctrl+2, a
substitute: Ctrl+3; :mod:`.live_panels`) and the conclusions typed as they are spoken, with
their tasks (Alt+N; :mod:`.live_conclusions`). The agenda and its timers are
:mod:`.live_agenda`.

The notes are saved by the core's autosave (:class:`..core.live_notes.NotesAutosave`): each
keystroke only queues the text; a worker thread saves it once typing pauses (at the latest 1.5 s
after the first unsaved keystroke), at once when the focus leaves the notes or the item
changes, and everything before the window closes. The worker's reports come back to the GUI
thread through queued signals ("Đã lưu hh:mm:ss"). The open meeting is remembered in the
settings until the window closes, so a start after a crash reopens it (:func:`.live_memory.
meeting_to_reopen`) with every note saved. That window (``recovered``) says so in a banner of its
own, since it covers the main window's status bar: when the notes were saved last and which item
to check (the one typed in last, whose last words may be lost), opened on that item with the
cursor at the end; the time spent on each item goes on from what was written with the meeting
(:mod:`.live_recovery`).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.db import Database
from ..core.errors import BcdError
from ..core.live_notes import NotesAutosave, NotesSaved, item_notes, last_saved
from ..core.meetings import MeetingDetail, get_meeting
from . import messages
from .help_key import add_help_key
from .live_agenda import LiveAgenda
from .live_conclusions import ConclusionsPanel
from .live_memory import forget_live, remember_live, remembered_timers, when
from .live_panels import AttendancePanel
from .live_recovery import Recovery
from .unsaved_work import Unsaved, ask_then


def _tr(text: str) -> str:
    return QCoreApplication.translate("live_meeting", text)


# The line under the panels: what was done in the app's green; what was refused (a conflict
# included) as the app's banners show a refusal (the record dialog's conflict banner: red text
# on pink, framed), so a secretary glancing up from the chair's words cannot take one for the
# other. The same padding both ways: the line does not jump when it turns.
NOTICE_OK = "color: #1b5e20; padding: 3px 6px; border: 1px solid transparent;"
NOTICE_WARNING = (
    "color: #b71c1c; font-weight: bold; background: #fdecea; border: 1px solid #e57373;"
    " border-radius: 3px; padding: 3px 6px;"
)


class _Bridge(QObject):
    """Carries the autosave worker's reports to the GUI thread (queued: the signals are
    emitted on the worker thread, the receiver lives on the GUI thread)."""

    saved = Signal(object, int, object)
    failed = Signal(object, int, object)
    conflict = Signal(object)


class LiveMeetingWindow(LiveAgenda, Recovery, QWidget):
    """See the module doc. ``closed(meeting_id)`` once it has closed with everything saved."""

    closed = Signal(int)

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        recovered: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("liveMeeting")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db, self.meeting_id = db, meeting_id
        self.detail: MeetingDetail = get_meeting(db, meeting_id)
        self.version = self.detail.version
        self.setWindowTitle(_tr("Họp trực tiếp — {title}").format(title=self.detail.title))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)  # read from a chair's distance
        self.setFont(font)
        notes = item_notes(db, meeting_id)
        self.items = [(n.item_id, n.title) for n in notes]
        self.texts = {n.item_id: n.text for n in notes}
        self.planned = {a.id: a.planned_minutes for a in self.detail.agenda}
        self.presenters = {a.id: a.presenter for a in self.detail.agenda}
        # Read before anything of this window writes them.
        timers = remembered_timers(db, meeting_id) if recovered else None
        self.elapsed: dict[int, float] = {
            k: v for k, v in (timers.elapsed if timers else {}).items() if k in self.texts
        }
        self.current = 0
        self._since = time.monotonic()
        self._timers_written = self._since
        self._filling = False
        self.last_saved_at: datetime | None = None
        self.saved_seq: dict[int, int] = {}
        self.submitted_seq: dict[int, int] = {}
        self.error_box: QWidget | None = None
        self.end_dialog: QWidget | None = None  # "Kết thúc cuộc họp", while open
        self.start_dialog: QWidget | None = None  # "Bắt đầu cuộc họp", while open
        self._closing = False
        self._app_quitting = False
        self.draft_box: QWidget | None = None  # leaving with a conclusion not recorded

        self.bridge = _Bridge(self)
        self.bridge.saved.connect(self._saved)
        self.bridge.failed.connect(self._failed)
        self.bridge.conflict.connect(self._conflict)
        self.notes_saver = NotesAutosave(
            db,
            meeting_id,
            {n.item_id: n.version for n in notes},
            on_saved=self.bridge.saved.emit,
            on_error=self.bridge.failed.emit,
            on_conflict=self.bridge.conflict.emit,
        )
        self._build()
        self._build_keys()
        self.attendance.show_rows(self.detail.attendance)
        self.conclusions.show_rows(self.detail.conclusions)
        last = last_saved(notes)
        order = [item_id for item_id, _t in self.items]
        self.show_item(order.index(last.item_id) if recovered and last else 0)
        if recovered:
            self._show_recovered(last, timers)
        elif last is not None and last.saved_at is not None:
            self.saved_label.setText(_tr("Đã lưu {at}").format(at=when(last.saved_at)))
        self.timer = QTimer(self)
        self.timer.setObjectName("liveTimer")
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000)
        self.tick()
        remember_live(db, meeting_id)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        heading = self.heading = QLabel(self)
        heading.setObjectName("liveHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        heading.setText(self.heading_text(datetime.now()))  # the planned end, once past it
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("liveClock")
        self.saved_label = QLabel(_tr("Chưa gõ ghi chép"), self)
        self.saved_label.setObjectName("liveSaved")
        self.saved_label.setMinimumWidth(170)
        self._build_recovery_banner()
        leave = QPushButton(_tr("Thoát (Esc)"), self)
        leave.setObjectName("liveLeave")
        leave.setAutoDefault(False)
        leave.clicked.connect(lambda _c=False: self.close())
        # Opening the meeting records its actual start (now, editable): arrivals after it are
        # late, the minutes print it.
        # Alt+B by its underlined letter, as Alt+H ends it: the keys are in the help line.
        start = QPushButton(_tr("&Bắt đầu cuộc họp…"), self)
        start.setObjectName("liveStart")
        start.setAutoDefault(False)
        start.clicked.connect(lambda _c=False: self.start_meeting())
        # Ending the meeting records its actual end (now, editable), then leaves the window.
        # Alt+H ("họp"): k, t, g, d and b are the window's other letters.
        end = QPushButton(_tr("Kết thúc cuộc &họp…"), self)
        end.setObjectName("liveEnd")
        end.setAutoDefault(False)
        end.clicked.connect(lambda _c=False: self.end_meeting())
        # The heading on a line of its own: beside the buttons a long title wrapped into seven
        # lines at 150 % and squeezed the panels under it.
        top = QHBoxLayout()
        top.addWidget(self.clock_label)
        top.addSpacing(16)
        top.addWidget(self.saved_label)
        top.addStretch(1)
        top.addWidget(start)
        top.addWidget(end)
        top.addWidget(leave)

        self.item_label = QLabel(self)
        self.item_label.setObjectName("liveItemTitle")
        self.item_label.setWordWrap(True)
        big = self.item_label.font()
        big.setPointSizeF(big.pointSizeF() + 4)
        big.setBold(True)
        self.item_label.setFont(big)
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("liveElapsed")
        mid = self.timer_label.font()
        mid.setPointSizeF(mid.pointSizeF() + 2)
        self.timer_label.setFont(mid)
        self.previous_button = QPushButton(_tr("◀ Mục trước (Alt+←)"), self)
        self.previous_button.setObjectName("livePrevious")
        self.next_button = QPushButton(_tr("Mục sau (Alt+→) ▶"), self)
        self.next_button.setObjectName("liveNext")
        self.item_combo = QComboBox(self)
        self.item_combo.setObjectName("liveItems")
        # A long item title (a report's full name, 100-200 characters) must not widen the
        # window past a 1366 px screen: the closed box is elided to the room the row gives it;
        # the title is in full above it, in the list as wide as the screen allows and in the
        # tooltips.
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(16)  # the window fits 911 px wide (150 %)
        for n, (_id, title) in enumerate(self.items, start=1):
            self.item_combo.addItem(f"{n}. {title}")
            self.item_combo.setItemData(n - 1, f"{n}. {title}", Qt.ItemDataRole.ToolTipRole)
        self.item_combo.activated.connect(self.show_item)
        for b, step in ((self.previous_button, -1), (self.next_button, 1)):
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, s=step: self.step(s))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.item_combo, 1)
        nav.addWidget(self.next_button)

        notes_title = QLabel(_tr("&Ghi chép mục này (tự động lưu):"), self)
        notes_title.setStyleSheet("font-weight: bold;")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("liveNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._typed)
        self.notes.installEventFilter(self)
        notes_title.setBuddy(self.notes)
        self.notice = QLabel(self)
        self.notice.setObjectName("liveNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_OK)
        self.notice.setVisible(False)  # no empty frame before anything is said

        self.conclusions = ConclusionsPanel(self.db, self.meeting_id, lambda: self.version, self)
        self.attendance = AttendancePanel(self.db, self.meeting_id, lambda: self.version, self)
        for panel in (self.conclusions, self.attendance):
            panel.version_changed.connect(self._version_changed)
            panel.message.connect(self.say)
            panel.warning.connect(lambda text: self.say(text, warning=True))

        main = QWidget(self)
        left = QVBoxLayout(main)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.item_label)
        left.addWidget(self.timer_label)
        left.addLayout(nav)
        left.addWidget(notes_title)
        notes_split = QSplitter(Qt.Orientation.Vertical, main)
        notes_split.setChildrenCollapsible(False)
        notes_split.addWidget(self.notes)
        notes_split.addWidget(self.conclusions)
        notes_split.setStretchFactor(0, 3)
        notes_split.setStretchFactor(1, 2)
        left.addWidget(notes_split, 1)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setObjectName("liveBody")
        body.setChildrenCollapsible(False)
        body.addWidget(main)
        body.addWidget(self.attendance)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([950, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.recovery_banner)
        layout.addWidget(body, 1)
        layout.addWidget(self.notice)
        # The keys, always in view: the room's laptop is driven by keyboard.
        self.help_line = QLabel(
            _tr(
                "Alt+B: bắt đầu cuộc họp · Alt+H: kết thúc cuộc họp · Alt+D: điểm danh "
                "(Enter: có mặt, Shift+Enter: dự trực tuyến, Ctrl+2: vắng có lý do, Ctrl+3: "
                "cử người dự thay) · Alt+T: thêm người dự · Alt+G: ghi chép · Alt+K: kết luận "
                "(Ctrl+Enter ghi) · Alt+N: giao nhiệm vụ (Ctrl+N thêm nhiệm vụ, Ctrl+Enter lưu) "
                "· Alt+←/→: mục trước/sau · Esc: xóa chữ đang gõ ở ô điểm danh; ô trống thì Esc "
                "(hoặc F11) thoát màn hình họp"
            ),
            self,
        )
        self.help_line.setObjectName("liveHelp")
        self.help_line.setWordWrap(True)
        self.help_line.setStyleSheet("color: #555;")
        layout.addWidget(self.help_line)

    def _build_keys(self) -> None:
        def key(keys: list[str], slot: Any, name: str) -> None:
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        key(["Esc", "F11"], self.close, "liveLeaveAction")
        add_help_key(self, "hop-truc-tiep")  # F1: taking attendance and notes live
        key(["Alt+Right", "Ctrl+PgDown"], lambda: self.step(1), "liveNextAction")
        key(["Alt+Left", "Ctrl+PgUp"], lambda: self.step(-1), "livePreviousAction")

    # -- notes ---------------------------------------------------------------------------------
    def _typed(self) -> None:
        item_id = self.current_item()
        if self._filling or item_id is None:
            return
        text = self.notes.toPlainText()
        self.texts[item_id] = text
        self.submitted_seq[item_id] = self.notes_saver.submit(item_id, text)  # returns at once
        if self.saved_label.property("state") != "pending":
            self.saved_label.setProperty("state", "pending")
            self.saved_label.setStyleSheet("color: #555;")
            self.saved_label.setText(_tr("Đang chờ lưu…"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The cursor was put at the end before the window had a size: long notes scroll to it
        # now, so the last words typed are in sight.
        QTimer.singleShot(0, self.notes.ensureCursorVisible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.notes_saver.save_soon()  # does not wait: the focus moves on at once
        return super().eventFilter(watched, event)

    def _saved(self, item_id: Any, seq: int, _result: Any) -> None:
        self.saved_seq[item_id] = max(self.saved_seq.get(item_id, 0), seq)
        self.last_saved_at = datetime.now()
        if all(self.saved_seq.get(k, 0) >= n for k, n in self.submitted_seq.items()):
            self.saved_label.setProperty("state", "saved")
            self.saved_label.setStyleSheet("color: #1b5e20;")
            self.saved_label.setText(_tr("Đã lưu {at}").format(at=f"{self.last_saved_at:%H:%M:%S}"))

    def _failed(self, _item_id: Any, _seq: int, exc: Any) -> None:
        self.saved_label.setProperty("state", "failed")
        self.saved_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        if isinstance(exc, BcdError):
            self.saved_label.setText(_tr("Không lưu được"))
            self.say(exc.message, warning=True)
        else:
            self.saved_label.setText(_tr("Chưa lưu được — đang thử lại"))

    def _conflict(self, result: NotesSaved) -> None:
        title = dict(self.items).get(result.item_id, "")
        self.say(
            _tr(
                "Ghi chép mục “{title}” vừa được lưu ở máy khác; bản ở đây được lưu, bản của "
                "máy kia được giữ lại: «{theirs}»"
            ).format(title=title, theirs=result.displaced[:300]),
            warning=True,
        )

    # -- the rest ------------------------------------------------------------------------------
    def end_meeting(self) -> None:
        """"Kết thúc cuộc họp": the actual end, now unless changed (one core call), for the
        minutes to print; saved, the window closes with everything saved as on Esc."""
        from .tabs.minutes_dialogs import close_time_dialog

        dialog = close_time_dialog(self, self.db, self.meeting_id, ending=True)
        dialog.saved.connect(lambda _r: self.close())
        self.end_dialog = dialog
        dialog.open()

    def start_meeting(self) -> None:
        """"Bắt đầu cuộc họp": the actual start, now unless changed (one core call); saved,
        the window reads the meeting again (someone recorded late before it is present now)."""
        from .tabs.minutes_dialogs import start_time_dialog

        done: list[Any] = []
        dialog = start_time_dialog(
            self, self.db, self.meeting_id, starting=True, recorded=done.append
        )
        dialog.saved.connect(lambda _r: self._started(done[-1].text))
        self.start_dialog = dialog
        dialog.open()

    def _started(self, said: str) -> None:
        self._version_changed(-1)  # the meeting as it is now: its version, its attendance
        self.attendance.reload()
        self.say(said)  # with how many marked late before it are present now

    def say(self, text: str, *, warning: bool = False) -> None:
        """``text`` on the line under the panels: done (green), or ``warning``: refused."""
        self.notice.setProperty("warning", warning)
        self.notice.setStyleSheet(NOTICE_WARNING if warning else NOTICE_OK)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _version_changed(self, version: int) -> None:
        if version >= 0:
            self.version = version
            return
        try:  # a conflict: read the meeting as it is now
            self.detail = get_meeting(self.db, self.meeting_id)
        except BcdError as exc:
            self.say(exc.message, warning=True)
            return
        self.version = self.detail.version
        self.conclusions.show_rows(self.detail.conclusions)
        # With the marks saved beside this change (the door's check-ins), as the version says.
        self.attendance.show_rows(self.detail.attendance)

    def _quitting(self) -> None:
        # The application is going: no question can be answered now; the draft stays in the
        # settings, where the window opened again finds it.
        self._app_quitting = True
        if not self._closing:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Everything typed is saved before the window goes; if it cannot be (the database is
        unreachable), ask before leaving, and remember the meeting for the next start."""
        if self._closing:
            event.accept()
            return
        self.notes_saver.save_soon()
        if not self.notes_saver.flush(5.0) and self.notes_saver.saver.pending():
            event.ignore()
            self.error_box = messages.confirm(
                self,
                _tr("Chưa lưu được ghi chép"),
                _tr(
                    "Có ghi chép chưa lưu được vào cơ sở dữ liệu. Ở lại để ứng dụng tiếp tục "
                    "thử lưu? (Thoát thì ghi chép chưa lưu sẽ mất; lần mở sau ứng dụng sẽ mở "
                    "lại cuộc họp này.)"
                ),
                self._leave_unsaved,
                yes_text=_tr("Vẫn thoát"),
                destructive=True,
            )
            return
        draft = None if self._app_quitting else self.conclusions.unsaved()
        if draft is not None:
            event.ignore()  # asked first; the answer closes the window again
            if self.draft_box is None:  # Esc again while it is open: the same question
                self.draft_box = self._ask_draft(draft)
            return
        self._finish(forget=True)
        event.accept()

    def _ask_draft(self, draft: Unsaved) -> QWidget:
        """A conclusion typed and not recorded: leaving asks, as quitting with minutes typed
        does (:mod:`.unsaved_work`): "Lưu" records it (Ctrl+Enter's call) and leaves, "Không
        lưu" drops it, "Hủy" (Esc) stays in the box."""
        text = self.conclusions.input.toPlainText().strip()
        shown = text if len(text) <= 200 else text[:199] + "…"
        box = ask_then(
            self, [draft], _tr("Rời màn hình họp khi kết luận chưa ghi"), self.close,
            lambda note: self.say(note, warning=True),
            _tr("Kết luận đang gõ chưa được ghi (Ctrl+Enter):\n“{text}”").format(text=shown),
            _tr("Ghi kết luận này trước khi rời màn hình họp? Không ghi thì kết luận không có "
                "trong biên bản và biên ghi phòng họp."),
        )  # fmt: skip
        box.finished.connect(self._draft_answered)
        return box

    def _draft_answered(self, _result: int) -> None:
        self.draft_box = None
        if not self._closing:  # "Hủy", or a save refused: back to the conclusion
            self.conclusions.input.setFocus()

    def _leave_unsaved(self) -> None:
        self._finish(forget=False)
        self.close()

    def _finish(self, *, forget: bool) -> None:
        self._closing = True
        self.timer.stop()
        self.notes_saver.close(1.0)
        self.conclusions.close_drafts()
        if forget:
            forget_live()
        self.closed.emit(self.meeting_id)
