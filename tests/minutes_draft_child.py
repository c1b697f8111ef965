"""Child of the minutes crash test: the whole application, typing into a meeting's Biên bản.

Run as ``python tests/minutes_draft_child.py DB MEETING_ID``. It starts the main window as the
application does, opens the meeting's Biên bản, types :data:`TYPED` at the end of "Mở đầu"
(nothing saved: no "Lưu bản sửa"), then waits, idle, until the autosave has kept the draft
aside, prints ``DRAFTED`` (``NOTHING KEPT`` if nothing is kept within 30 s) and goes on
running until it is killed.
"""

from __future__ import annotations

import sys
import time

TYPED = "\nĐoạn gõ thêm trước khi mất điện: đồng chí Trưởng ban nhấn mạnh ba nội dung."


def main(path: str, meeting_id: int) -> None:
    from PySide6.QtCore import QSettings

    from bdcq_desktop.ui.tabs import minutes_drafts
    from tests.live_child import started

    app, window = started(path)
    window.resize(1366, 768)
    assert window.open_meeting(meeting_id)
    pane = window.meetings_tab.view.pane
    sec = pane.section("minutes")
    pane.sections.setCurrentWidget(sec)
    while sec.draft is None:
        app.processEvents()
    sec.select_part("opening")
    sec.editor.moveCursor(sec.editor.textCursor().MoveOperation.End)
    sec.editor.insertPlainText(TYPED)
    assert "opening" in sec.edits
    key = minutes_drafts.draft_key(window.db, meeting_id)
    deadline = time.monotonic() + 30
    while not QSettings("BCD", "bdcq-desktop").value(key):  # the idle autosave, not a flush
        if time.monotonic() > deadline:
            print("NOTHING KEPT", flush=True)
            break
        app.processEvents()
        time.sleep(0.05)
    else:
        print("DRAFTED", flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
