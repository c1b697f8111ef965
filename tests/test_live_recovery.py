"""After a crash in the meeting room, the live window tells the officer what it recovered.

A real application (tests/live_recover_child.py) types the chair's conclusions under agenda item
3 of the live window and is killed with SIGKILL mid-sentence. The application started again on
the same SQLite file reopens the live window (pytest-qt here): a banner in that window (the
main window's status bar is hidden behind it) says it closed unexpectedly, when the notes were
saved last and to check the end of item 3; the window is on item 3 with the cursor after the
last word saved; the status says "Đã khôi phục …"; and item 2's time goes on from what it was.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.live_notes import item_notes
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.main_window import MainWindow
from tests.live_recover_child import FIRST, ON_SECOND, TAIL
from tests.test_live_crash import _line
from tests.test_meeting_record import PLANNED_AT, START

CHILD = Path(__file__).with_name("live_recover_child.py")
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def test_a_live_window_reopened_after_a_kill_says_what_to_check(
    qtbot: Any, db: Any, db_path: Path
) -> None:
    head = mem.create_person(db, full_name="Vũ Duy Tiến", position="Phó Chủ tịch UBND tỉnh")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    meeting_id = create_meeting(
        db,
        kind="regular",
        title="Phó Trưởng ban làm việc với Sở GD&ĐT",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        place="Phòng họp tầng 3",
        chair_id=head,
        agenda=[
            AgendaLine("Khai mạc", 5),
            AgendaLine("Sở GD&ĐT báo cáo", 30),
            AgendaLine("Phó Trưởng ban kết luận", 15),
        ],
        now=PLANNED_AT,
    )
    items = [a.id for a in get_meeting(db, meeting_id).agenda]
    view_state.settings().clear()
    # The child must use the settings file this process reads (Qt fixes its folder once).
    config = Path(view_state.settings().fileName()).parent.parent
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(meeting_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        while not (line := _line(proc)).startswith("ITEM3"):
            pass
        assert line == f"ITEM3 {items[2]}"
        while True:  # until a few words of item 3 are saved, then kill it mid-typing
            _, item, length = _line(proc).split()
            if int(item) == items[2] and int(length) >= 20:
                break
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)
    notes = item_notes(db, meeting_id)
    stored = {n.item_id: n.text for n in notes}
    assert stored[items[0]] == FIRST and stored[items[1]] == ""
    kept = stored[items[2]]
    assert len(kept) >= 20 and (TAIL * 3).startswith(kept)
    saved_at = notes[2].saved_at
    assert saved_at is not None

    # The application starts again on the same file.
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load_data()
    live = window.meetings_tab.view.live_window
    assert isinstance(live, LiveMeetingWindow) and live.meeting_id == meeting_id
    qtbot.waitExposed(live)
    banner = live.recovery_text.text()
    assert live.recovery_banner.isVisible()
    assert "đóng bất thường" in banner
    assert f"lưu đến {saved_at:%H:%M:%S}" in banner
    assert "mục 3 “Phó Trưởng ban kết luận”" in banner
    assert kept.rstrip()[-30:] in banner  # the words to check, quoted
    assert live.saved_label.text() == f"Đã khôi phục bản lưu lúc {saved_at:%H:%M:%S}"
    # Item 2 was presented for ON_SECOND seconds before the kill: its time goes on from there.
    assert live.item_seconds(items[1]) >= ON_SECOND
    assert live.current_item() == items[2]
    assert live.notes.textCursor().position() == len(kept)
    assert live.notes.toPlainText() == kept
    live.close()
    view_state.settings().clear()
