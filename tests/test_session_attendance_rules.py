"""A session's attendance on a day off: a weekend day or a holiday of the calendar ticked is
asked about (sessions do work on a Saturday), in the core, in the attendance grid (a question
with Alt letters; "Không" goes back to the grid as ticked) and on the command line (refused
without ``--yes``); a day confirmed once is not asked again. Someone absent some of the days
keeps the reason typed (the grid, ``attend --day … --reason``), printed in the report's "Ghi
chú" beside the days present, as a full absence's is."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core.errors import ConfirmationRequired
from bdcq_desktop.core.session_detail import get_session
from tests import cli_run
from tests.cli_run import bdcq, state
from tests.test_cli_session_edits import group as roster
from tests.test_days_off import _session, group  # noqa: F401

D = date
TABLES = ("working_session", "session_participant", "session_attendance_day", "change_log")
refused = partial(cli_run.refused, tables=TABLES)


def _mark(db: Any, sid: int, days: tuple[date, ...], **confirm: bool) -> None:
    d = get_session(db, sid)
    rows = [sp.Attendance(p.id, days) for p in d.participants]
    sp.set_attendance(db, sid, rows, expected_version=d.version, **confirm)


def test_a_day_off_ticked_is_asked_about_once(db: Any, group: dict[str, int]) -> None:  # noqa: F811
    # Wednesday 29/4 to Monday 4/5/2026: 30/4 and 1/5 holidays, then a weekend.
    sid = _session(db, [group["leader"], group["member"]], "29/04/2026", "04/05/2026")
    with pytest.raises(ConfirmationRequired) as asked:
        _mark(db, sid, (D(2026, 4, 29), D(2026, 4, 30), D(2026, 5, 2), D(2026, 5, 4)))
    assert asked.value.parameter == "confirm_day_off_attendance"
    said = asked.value.message
    assert "30/04/2026 (Ngày Chiến thắng): Hoàng Quang Tuấn, Bùi Thị Ngân" in said, said
    assert "02/05/2026 (Thứ Bảy)" in said and "29/04/2026" not in said
    assert "04/05/2026" not in said  # a working day
    assert ss.session_summary(db, sid).person_days == 0  # nothing saved
    # Working days only: nothing to ask.
    _mark(db, sid, (D(2026, 4, 29), D(2026, 5, 4)))
    assert ss.session_summary(db, sid).person_days == 4
    # The Saturday worked, confirmed; saved again as it is, it is not asked again.
    saturday = (D(2026, 4, 29), D(2026, 5, 2), D(2026, 5, 4))
    _mark(db, sid, saturday, confirm_day_off_attendance=True)
    assert get_session(db, sid).participants[0].days == saturday
    _mark(db, sid, saturday)


def test_the_grid_asks_with_alt_letters_and_keeps_the_ticks(
    qtbot: Any, db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    sid = _session(db, [group["leader"]], "08/05/2026", "11/05/2026")  # Friday to Monday
    dialog = AttendanceDialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    saturday = dialog.days.index(D(2026, 5, 9)) + 1
    dialog.grid.item(0, saturday).setCheckState(Qt.CheckState.Checked)
    dialog.mark_all()
    assert not dialog.try_save()
    box = dialog.question
    assert box is not None and box.windowTitle() == "Điểm danh vào ngày nghỉ"
    assert "09/05/2026 (Thứ Bảy): Hoàng Quang Tuấn" in box.text()
    texts = {b.objectName(): b.text() for b in box.buttons()}
    assert texts["yesButton"].replace("&", "") == "Vẫn điểm danh" and "&" in texts["yesButton"]
    assert "&" in texts["noButton"] and box.defaultButton().objectName() == "noButton"
    box.defaultButton().click()  # Enter: "Không", back to the grid as ticked
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()
    assert dialog.grid.item(0, saturday).checkState() == Qt.CheckState.Checked
    assert get_session(db, sid).participants[0].days == ()
    assert not dialog.try_save()
    box = dialog.question
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_session(db, sid).participants[0].days == (
        D(2026, 5, 8), D(2026, 5, 9), D(2026, 5, 11)
    )  # fmt: skip


def test_the_command_line_needs_yes_for_a_day_off(demo: Path) -> None:
    out = bdcq(demo, "sessions", "add", "--purpose", "proposal", "--title", "Rà soát Đề án",
               "--start", "10/04/2026", "--end", "13/04/2026", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    sid = str(json.loads(out.stdout)["id"])
    person = str(roster(demo)[0]["person_id"])
    d = json.loads(bdcq(demo, "sessions", "participant-add", sid, "--person", person,
                        "--format", "json").stdout)  # fmt: skip
    pid = str(d["participants"][0]["id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "sessions", "attend", sid, pid, "--day", "10/04/2026",
                               "--day", "11/04/2026"),
            "ngày nghỉ", "11/04/2026 (Thứ Bảy)", "--yes")  # fmt: skip
    out = bdcq(demo, "sessions", "attend", sid, pid, "--day", "10/04/2026", "--day", "11/04/2026",
               "--yes")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "có mặt 10/04/2026, 11/04/2026" in out.stdout


# -- a partial absence keeps its reason ---------------------------------------------------------


def _report_rows(db: Any, sid: int) -> dict[str, tuple[str, str]]:
    """Name → (days present, note) of the report's table, read back from the PDF."""
    from bdcq_desktop.documents import service
    from tests.pdf_tables import page_tables

    data = service.draft(db, "wg-report", sid, today=D(2026, 5, 15))
    rows: dict[str, tuple[str, str]] = {}
    for tables in page_tables(data):
        for table in tables:
            for row in table:
                if row and row[0] and row[0].strip().isdigit() and len(row) == 6:
                    cells = [" ".join((c or "").split()) for c in row]
                    rows[cells[1]] = (cells[4], cells[5])
    return rows


def test_a_partial_absence_keeps_its_reason_in_the_record_and_the_report(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    sid = _session(db, [group["leader"], group["member"]], "04/05/2026", "08/05/2026")
    d = get_session(db, sid)
    leader, member = d.participants
    week = tuple(D(2026, 5, i) for i in range(4, 9))
    sp.set_attendance(db, sid, [
        sp.Attendance(leader.id, week, "(typed by mistake)"),  # present every day: no reason
        sp.Attendance(member.id, week[:3], "Họp Hội đồng nhân dân tỉnh."),
    ], expected_version=d.version)  # fmt: skip
    d = get_session(db, sid)
    reasons = {p.name: (p.days_present, p.absence_reason) for p in d.participants}
    assert reasons == {
        "Hoàng Quang Tuấn": (5, ""),
        "Bùi Thị Ngân": (3, "Họp Hội đồng nhân dân tỉnh."),
    }
    rows = _report_rows(db, sid)
    assert rows["Bùi Thị Ngân"] == ("3/5", "Vắng 2 ngày: họp Hội đồng nhân dân tỉnh"), rows
    assert rows["Hoàng Quang Tuấn"] == ("5/5", "")


def test_the_grid_and_the_command_line_take_a_partial_absence_reason(
    qtbot: Any, db: Any, group: dict[str, int], demo: Path  # noqa: F811
) -> None:
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    sid = _session(db, [group["member"]], "04/05/2026", "08/05/2026")
    dialog = AttendanceDialog(db, sid)
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "dialogIntro")
    assert "vắng cả phiên hoặc một số ngày: ghi lý do" in intro.text()
    for col in (1, 2):
        dialog.grid.item(0, col).setCheckState(Qt.CheckState.Checked)
    dialog.grid.item(0, len(dialog.days) + 1).setText("Ốm")
    assert dialog.try_save()
    (p,) = get_session(db, sid).participants
    assert (p.days_present, p.absence_reason) == (2, "Ốm")

    out = bdcq(demo, "sessions", "add", "--purpose", "proposal", "--title", "Rà soát Đề án",
               "--start", "13/04/2026", "--end", "15/04/2026", "--format", "json")  # fmt: skip
    cli_sid = str(json.loads(out.stdout)["id"])
    person = str(roster(demo)[0]["person_id"])
    d = json.loads(bdcq(demo, "sessions", "participant-add", cli_sid, "--person", person,
                        "--format", "json").stdout)  # fmt: skip
    pid = d["participants"][0]["id"]
    out = bdcq(demo, "sessions", "attend", cli_sid, str(pid), "--day", "13/04/2026",
               "--reason", "Đi công tác Hà Nội")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "(lý do vắng các ngày khác: Đi công tác Hà Nội)" in out.stdout.splitlines()[0]
    shown = json.loads(bdcq(demo, "sessions", "show", cli_sid, "--format", "json").stdout)
    (row,) = shown["participants"]
    assert (row["days_present"], row["absence_reason"]) == (1, "Đi công tác Hà Nội")
