"""Child of the live window recovery test: the whole application typing the chair's
conclusions under the third agenda item, until it is killed.

Run as ``python tests/live_recover_child.py DB MEETING_ID``. It opens the live window (the F11
path), types :data:`FIRST` under item 1, stays on item 2 for :data:`ON_SECOND` seconds, then
types :data:`TAIL` under item 3 one key every few milliseconds, again and again, so that item
3's notes are always a prefix of ``TAIL * n``. It prints ``ITEM3`` on reaching item 3 and
``SAVED item_id length`` for each save the window reports done.
"""

from __future__ import annotations

import sys
import time

FIRST = "Khai mạc: Phó Trưởng ban nêu mục đích cuộc họp."
TAIL = "Yêu cầu các sở báo cáo tiến độ trước ngày 15 hằng tháng về Sở KH&CN. "
ON_SECOND = 2.0


def main(path: str, meeting_id: int) -> None:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from tests.live_child import report_saves, started

    app, window = started(path)
    live = window.meetings_tab.view.open_live(meeting_id)
    assert live is not None

    def type_keys(text: str) -> None:
        # Key events carrying the letter (QTest.keyClicks knows ASCII only, not "ế").
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(live.notes, event)

    report_saves(live)
    type_keys(FIRST)
    live.step(1)  # what Alt+→ does (the key needs the window active, not sure offscreen)
    end = time.monotonic() + ON_SECOND
    while time.monotonic() < end:  # the second item is presented, nothing typed
        app.processEvents()
        time.sleep(0.02)
    live.step(1)
    print("ITEM3", live.current_item(), flush=True)

    def key() -> None:
        text = live.notes.toPlainText()
        live.notes.moveCursor(live.notes.textCursor().MoveOperation.End)
        type_keys(TAIL[len(text) % len(TAIL)])

    timer = QTimer()
    timer.timeout.connect(key)
    timer.start(15)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
