"""The live meeting window (:mod:`.live_meeting`) reopened after the application stopped
without closing it (killed, power cut): the banner that says so (no dialog: it covers the main
window's status bar, and typing keeps its focus), the status "Đã khôi phục bản lưu lúc …", and
the items' timers written to the settings as the meeting goes on (:func:`.live_memory.
remember_timers`), which such a window goes on counting from. A mixin of
:class:`.live_meeting.LiveMeetingWindow`, kept apart so that each module stays readable.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from .live_memory import LiveTimers, recovery_notice, remember_timers, when

if TYPE_CHECKING:
    from ..core.db import Database
    from ..core.item_notes import ItemNotes


def _tr(text: str) -> str:
    # The live window's context: these texts were its own and keep their translations.
    return QCoreApplication.translate("live_meeting", text)


class Recovery:
    """The recovery banner and the timers kept for it (see the module doc)."""

    if TYPE_CHECKING:
        db: Database
        meeting_id: int
        items: list[tuple[int, str]]
        saved_label: QLabel
        _timers_written: float

        def item_seconds(self, item_id: int) -> float: ...

    def _build_recovery_banner(self) -> None:
        """The banner under the top line, hidden until :meth:`_show_recovered`."""
        self.recovery_banner = QWidget(self)
        self.recovery_banner.setObjectName("liveRecovered")
        self.recovery_banner.setStyleSheet(
            "#liveRecovered { background: #fff3cd; border: 1px solid #e0a800; }"
        )
        self.recovery_text = QLabel(self.recovery_banner)
        self.recovery_text.setObjectName("liveRecoveredText")
        self.recovery_text.setWordWrap(True)
        self.recovery_text.setStyleSheet("color: #5d4037;")
        hide_banner = QPushButton(_tr("Đã kiểm tra, ẩn"), self.recovery_banner)
        hide_banner.setObjectName("liveRecoveredHide")
        hide_banner.setAutoDefault(False)
        hide_banner.clicked.connect(lambda _c=False: self.recovery_banner.hide())
        banner = QHBoxLayout(self.recovery_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        banner.addWidget(self.recovery_text, 1)
        banner.addWidget(hide_banner)
        self.recovery_banner.hide()

    def _remember_timers(self) -> None:
        """The items' timers in the settings, for a start after a crash (the database keeps
        the notes only)."""
        self._timers_written = time.monotonic()
        spent = {item_id: self.item_seconds(item_id) for item_id, _title in self.items}
        remember_timers(self.db, self.meeting_id, spent)

    def _show_recovered(self, last: ItemNotes | None, timers: LiveTimers | None) -> None:
        """The banner and status of a window reopened after the application stopped without
        closing it (killed, power cut)."""
        if last is not None and last.saved_at is not None:
            self.saved_label.setProperty("state", "recovered")
            self.saved_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
            self.saved_label.setText(
                _tr("Đã khôi phục bản lưu lúc {at}").format(at=when(last.saved_at))
            )
        self.recovery_text.setText(recovery_notice(last, timers))
        self.recovery_banner.show()
