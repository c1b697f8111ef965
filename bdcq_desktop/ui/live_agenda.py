"""The agenda of the live meeting window (:mod:`.live_meeting`): the current item, moving to
the next or previous one (what was typed under the one left is saved at once), and the time
spent on each item against the time planned, shown by a one-second timer and written to the
settings every :data:`TIMERS_EVERY` seconds, so that a window reopened after a crash goes on
counting (:mod:`.live_recovery`). A mixin of :class:`.live_meeting.LiveMeetingWindow`, kept
apart so that each module stays readable.
"""

from __future__ import annotations

import time
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton

    from ..core.live_notes import NotesAutosave
    from ..core.meetings import MeetingDetail


def _tr(text: str) -> str:
    # The live window's context: these texts were its own and keep their translations.
    return QCoreApplication.translate("live_meeting", text)


TIMERS_EVERY = 10.0  # seconds between two writes of the items' timers (a crash loses less)


def clock(seconds: float) -> str:
    """``05:07``, ``1:02:03``."""
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class LiveAgenda:
    """The current item and the items' timers (see the module doc)."""

    if TYPE_CHECKING:
        detail: MeetingDetail
        heading: QLabel
        items: list[tuple[int, str]]
        texts: dict[int, str]
        planned: dict[int, int | None]
        presenters: dict[int, str]
        elapsed: dict[int, float]
        current: int
        _since: float
        _timers_written: float
        _filling: bool
        notes_saver: NotesAutosave
        notes: QPlainTextEdit
        item_label: QLabel
        timer_label: QLabel
        clock_label: QLabel
        item_combo: QComboBox
        previous_button: QPushButton
        next_button: QPushButton

        def _remember_timers(self) -> None: ...

    def current_item(self) -> int | None:
        return self.items[self.current][0] if self.items else None

    def step(self, step: int) -> None:
        if self.items:
            self.show_item(max(0, min(len(self.items) - 1, self.current + step)))

    def show_item(self, index: int) -> None:
        """Make item ``index`` current: what was typed under the previous one is saved now."""
        if not self.items:
            self.item_label.setText(_tr("Cuộc họp chưa có chương trình: chưa ghi chép được."))
            self.notes.setEnabled(False)
            for w in (self.previous_button, self.next_button, self.item_combo):
                w.setEnabled(False)
            return
        self.notes_saver.save_soon()
        now = time.monotonic()
        old = self.current_item()
        if old is not None:
            self.elapsed[old] = self.elapsed.get(old, 0.0) + now - self._since
        self._since = now
        self.current = index
        item_id, title = self.items[index]
        self._filling = True
        self.notes.setPlainText(self.texts.get(item_id, ""))
        self._filling = False
        cursor = self.notes.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.notes.setTextCursor(cursor)
        presenter = self.presenters.get(item_id) or ""
        self.item_label.setText(
            _tr("Mục {n}/{total}: {title}").format(n=index + 1, total=len(self.items), title=title)
            + (_tr(" — trình bày: {who}").format(who=presenter) if presenter else "")
        )
        self.item_combo.setCurrentIndex(index)
        self.item_combo.setToolTip(self.item_combo.itemText(index))  # the box may elide it
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.items) - 1)
        self._remember_timers()
        self.tick()

    def item_seconds(self, item_id: int) -> float:
        spent = self.elapsed.get(item_id, 0.0)
        if item_id == self.current_item():
            spent += time.monotonic() - self._since
        return spent

    def heading_text(self, now: datetime) -> str:
        """The title and the planned times; past the planned end, how long past it, in red:
        an arrival then is asked about, and the actual end is to be recorded when it comes."""
        d = self.detail
        start, end = d.starts_at, d.ends_at
        if end is None:
            when = f"{start:%H:%M %d/%m/%Y}"
        elif end.date() == start.date():
            when = f"{start:%H:%M}–{end:%H:%M %d/%m/%Y}"
        else:
            when = f"{start:%H:%M %d/%m/%Y} – {end:%H:%M %d/%m/%Y}"
        text = f"<b>{escape(d.title)}</b> — {when}"
        if d.ends_at is not None and now > d.ends_at:
            hours, minutes = divmod(int((now - d.ends_at).total_seconds() // 60), 60)
            over = (
                _tr("{h} giờ {m:02d} phút").format(h=hours, m=minutes)
                if hours
                else _tr("{m} phút").format(m=minutes)
            )
            text += ' · <span style="color: #b71c1c; font-weight: bold;">{}</span>'.format(
                escape(_tr("đã quá giờ kết thúc dự kiến {over}").format(over=over))
            )
        return text

    def tick(self) -> None:
        now = datetime.now()
        self.clock_label.setText(f"{now:%H:%M}")
        heading = self.heading_text(now)
        if heading != self.heading.text():
            self.heading.setText(heading)
        item_id = self.current_item()
        if item_id is None:
            self.timer_label.clear()
            return
        if time.monotonic() - self._timers_written >= TIMERS_EVERY:
            self._remember_timers()
        spent = self.item_seconds(item_id)
        planned = self.planned.get(item_id)
        text = _tr("Thời gian mục này: {spent}").format(spent=clock(spent))
        over = planned is not None and spent > planned * 60
        if planned:
            # In minutes, not as a clock: "dự kiến 10:00" read as ten o'clock.
            text += _tr(" / dự kiến {n} phút").format(n=planned)
            if over:
                text += _tr(" — quá {n}").format(n=clock(spent - planned * 60))
        else:
            text += _tr(" (không định thời lượng)")
        self.timer_label.setText(text)
        # The words say it is over; the colour only repeats it.
        self.timer_label.setStyleSheet("color: #b71c1c; font-weight: bold;" if over else "")
