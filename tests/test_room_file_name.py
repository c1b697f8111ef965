"""The room record's name carries the meeting's day and the export's time
(``cuoc-hop-13-2026-12-01-0930.bcdhop``), in the window's "Lưu thành…" and in ``bdcq meetings
room-export`` given a folder: a bare ``cuoc-hop-13.bcdhop`` said no day, and the export after
a break replaced on the stick the morning's copy. Real database, real records read back."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from tests.cli_run import run_bdcq
from tests.test_meeting_docs import demo_ids


def _name_of(meeting: int, day: str) -> re.Pattern[str]:
    return re.compile(rf"cuoc-hop-{meeting}-{day}-\d{{4}}\.bcdhop")


def test_two_exports_of_a_day_are_offered_two_names(demo_db: Any) -> None:
    from bdcq_desktop.core.room_file_name import room_file_name

    meeting = demo_ids(demo_db)["held"]
    day = get_meeting(demo_db, meeting).starts_at.date().isoformat()
    morning = room_file_name(demo_db, meeting, datetime(2026, 12, 1, 9, 30))
    afternoon = room_file_name(demo_db, meeting, datetime(2026, 12, 1, 14, 5))
    assert morning == f"cuoc-hop-{meeting}-{day}-0930.bcdhop"
    assert afternoon == f"cuoc-hop-{meeting}-{day}-1405.bcdhop"


def test_the_window_offers_the_dated_name(qtbot: Any, demo_db: Any, tmp_path: Path,
                                          monkeypatch: Any) -> None:  # fmt: skip
    from bdcq_desktop.ui.room_export import export_room_record

    view_state.settings().clear()
    meeting = demo_ids(demo_db)["held"]
    day = get_meeting(demo_db, meeting).starts_at.date().isoformat()
    offered: list[str] = []

    def save_as(_parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(tmp_path / Path(start).name), "(*.bcdhop)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    assert window.meetings_tab.view.table.select_where(lambda r: r.id == meeting)
    assert export_room_record(window) is None  # no conclusion typed: exported at once
    name = Path(offered[0]).name
    assert _name_of(meeting, day).fullmatch(name), name
    written = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    assert written["format"] == "bdcq-room-record"
    view_state.settings().clear()


def test_the_cli_writes_the_dated_name_into_a_folder(demo_db: Any, tmp_path: Path) -> None:
    meeting = demo_ids(demo_db)["held"]
    day = get_meeting(demo_db, meeting).starts_at.date().isoformat()
    stick = tmp_path / "USB E"
    stick.mkdir()
    out = run_bdcq(["meetings", "room-export", str(meeting), "-o", str(stick)],
                   db=demo_db.sqlite_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    [written] = list(stick.iterdir())
    assert _name_of(meeting, day).fullmatch(written.name), written.name
    assert str(written) in out.stdout
    assert json.loads(written.read_text(encoding="utf-8"))["format"] == "bdcq-room-record"
