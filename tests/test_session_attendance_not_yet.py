"""A working session's attendance is of days that have come: a day after today is refused
naming "Ngày có mặt" (the core, ``sessions attend``), and the window's grid neither offers nor
ticks it ("Có mặt đủ các ngày làm việc" included), the cell disabled with a tooltip saying
why. Nothing is written by a refusal; the year's ngày công count only days that have come."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.session_detail import get_session
from tests import cli_run
from tests.cli_run import bdcq, state
from tests.test_cli_session_edits import group as roster
from tests.test_days_off import _session, group  # noqa: F401

D = date
TABLES = ("working_session", "session_participant", "session_attendance_day", "change_log")
refused = partial(cli_run.refused, tables=TABLES)


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def test_a_day_after_today_is_refused_naming_the_field(db: Any, group: dict[str, int]) -> None:  # noqa: F811
    # Monday 07/12 to Wednesday 09/12/2026, marked on the Tuesday.
    sid = _session(db, [group["leader"]], "07/12/2026", "09/12/2026")
    d = get_session(db, sid)
    pid = d.participants[0].id
    days = (D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 9))
    with pytest.raises(ValidationError) as exc:
        sp.set_attendance(db, sid, [sp.Attendance(pid, days)], expected_version=d.version,
                          confirm_day_off_attendance=True, today=D(2026, 12, 8))  # fmt: skip
    said = exc.value.message
    assert exc.value.field == "attendance" and exc.value.label == "Ngày có mặt"
    assert '"Ngày có mặt" 09/12/2026' in said and "Hoàng Quang Tuấn" in said, said
    assert "08/12/2026" in said.split("hôm nay là")[1]
    assert ss.session_summary(db, sid).person_days == 0  # nothing saved
    sp.set_attendance(db, sid, [sp.Attendance(pid, days[:2])], expected_version=d.version,
                      today=D(2026, 12, 8))  # fmt: skip
    assert ss.session_summary(db, sid).person_days == 2


def test_the_command_refuses_a_day_to_come_even_with_yes(demo: Path) -> None:
    today = date.today()
    out = bdcq(demo, "sessions", "add", "--purpose", "other", "--title", "Phiên sắp tới",
               "--start", _day(today), "--end", _day(today + timedelta(days=3)),
               "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    sid = str(json.loads(out.stdout)["id"])
    person = str(roster(demo)[0]["person_id"])
    d = json.loads(bdcq(demo, "sessions", "participant-add", sid, "--person", person,
                        "--format", "json").stdout)  # fmt: skip
    pid = str(d["participants"][0]["id"])
    before = state(demo, TABLES)
    ahead = _day(today + timedelta(days=2))
    refused(demo, before, bdcq(demo, "sessions", "attend", sid, pid, "--day", _day(today),
                               "--day", ahead, "--yes"),
            "Ngày có mặt", ahead, "chưa đến")  # fmt: skip
    out = bdcq(demo, "sessions", "attend", sid, pid, "--day", _day(today), "--yes")
    assert out.returncode == 0, out.stderr


def test_the_grid_neither_offers_nor_ticks_a_day_to_come(
    qtbot: Any, db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    today = date.today()
    start = today - timedelta(days=3)  # a working day among them, whatever today is
    sid = _session(db, [group["leader"], group["member"]], _day(start),
                   _day(today + timedelta(days=3)))  # fmt: skip
    dialog = AttendanceDialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    for col, day in enumerate(dialog.days, 1):
        item = dialog.grid.item(0, col)
        enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        assert enabled == (day <= today), day
        if day > today:
            assert "Ngày chưa đến" in item.toolTip()
            assert "Ngày chưa đến" in dialog.grid.horizontalHeaderItem(col).toolTip()
    dialog.mark_all()
    ticked = {
        day
        for col, day in enumerate(dialog.days, 1)
        if dialog.grid.item(0, col).checkState() == Qt.CheckState.Checked
    }
    assert ticked and all(day <= today for day in ticked)
    dialog.try_save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = get_session(db, sid).participants[0].days
    assert saved and max(saved) <= today
