"""The days-off calendar and every working-day count that reads it: a session over Giỗ Tổ
(made up on Monday 27/4/2026), 30/4 and 1/5 works 7 days, not 10, in its figures, its
convocation and its report (read back from the PDF) and in the attendance grid; a Saturday
worked in exchange counts; the calendar is seeded on a new file and on the upgrade to 0015,
kept from Thiết lập and the CLI, and logged. A person present in two sessions on one day is
asked about, and counted once in the year's figures."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core import units
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import get_organisation, update_organisation
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

D = date
# 20/4–1/5/2026: Monday 27/4 is Giỗ Tổ's day off (10/3 âm lịch fell on Sunday 26/4), 30/4 and
# 1/5 are holidays; the 7 working days are these.
WORKED_2026 = (D(2026, 4, 20), D(2026, 4, 21), D(2026, 4, 22), D(2026, 4, 23), D(2026, 4, 24),
               D(2026, 4, 28), D(2026, 4, 29))


def _appoint(db: Any, name: str, role: str) -> int:
    mid = m.appoint_new(
        db, body="group", person={"full_name": name},
        appointment={"role": role, "start_date": "01/01/2025"},
    )
    return next(r.person_id for r in m.list_group(db, include_former=True) if r.id == mid)


@pytest.fixture
def group(db: Any) -> dict[str, int]:
    people = {
        "leader": _appoint(db, "Hoàng Quang Tuấn", "leader"),
        "member": _appoint(db, "Bùi Thị Ngân", "member"),
    }
    agency = units.create_unit(db, name="Sở Khoa học và Công nghệ", kind="department")
    update_organisation(
        db,
        expected_version=get_organisation(db).version,
        standing_agency_id=agency,
        address="Số 75 Nguyễn Thị Minh Khai, TP Vinh",
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        place_name="Nghệ An",
    )
    return people


def _session(db: Any, people: list[int], starts: str, ends: str, title: str = "") -> int:
    sid = wg.create_session(
        db,
        purpose="proposal",
        title=title or "Xây dựng dự thảo Đề án dữ liệu số",
        starts_on=starts,
        ends_on=ends,
    )
    sp.add_participants(db, sid, person_ids=people, expected_version=get_session(db, sid).version)
    return sid


def _present(db: Any, sid: int, days: tuple[date, ...], **confirm: bool) -> None:
    d = get_session(db, sid)
    rows = [sp.Attendance(p.id, days) for p in d.participants]
    sp.set_attendance(db, sid, rows, expected_version=d.version, **confirm)


def test_a_session_over_holidays_counts_its_working_days_in_the_documents(
    db: Any, group: dict[str, int]
) -> None:
    from bdcq_desktop.documents import service

    sid = _session(db, [group["leader"], group["member"]], "20/04/2026", "01/05/2026")
    assert ss.session_summary(db, sid).working_days == 7
    _present(db, sid, WORKED_2026)
    x = ss.session_summary(db, sid)
    assert (x.working_days, x.person_days) == (7, 14)
    period = "từ ngày 20 tháng 4 năm 2026 đến ngày 01 tháng 5 năm 2026 (7 ngày làm việc)"
    convocation = flat_text(service.draft(db, "wg-convocation", sid, today=D(2026, 4, 15)))
    assert period in convocation
    report = flat_text(service.draft(db, "wg-report", sid, today=D(2026, 5, 4)))
    assert period in report and "10 ngày" not in report
    # Both present every working day: 7 of 7 each, 14 person-days.
    assert report.count("7/7") == 2 and "7/10" not in report
    assert "Tổng hợp: 7 ngày làm việc; 2 người tham gia" in report
    assert "14 ngày công có mặt" in report
    assert "Lũy kế năm 2026 đến phiên này: 1 phiên, 7 ngày làm việc, 14 ngày công" in report


def test_a_saturday_worked_in_exchange_is_a_working_day(db: Any, group: dict[str, int]) -> None:
    # 2025: Friday 2/5 off, Saturday 26/4 worked for it; 30/4 and 1/5 holidays.
    sid = _session(db, [group["leader"]], "21/04/2025", "02/05/2025")
    d = get_session(db, sid)
    assert D(2025, 4, 26) in d.working_days and D(2025, 5, 2) not in d.working_days
    assert ss.session_summary(db, sid).working_days == 8  # 10 weekdays - 3 off + 1 Saturday


def test_the_calendar_is_kept_checked_and_logged(db: Any, group: dict[str, int]) -> None:
    from bdcq_desktop.core import days_off
    from bdcq_desktop.core.change_log import record_changes
    from bdcq_desktop.core.errors import ValidationError

    sid = _session(db, [group["leader"]], "04/01/2028", "07/01/2028")  # Tuesday to Friday
    assert ss.session_summary(db, sid).working_days == 4  # 2028 not announced yet
    row = days_off.add_day_off(db, "05/01/2028", "Ngày nghỉ thử", "off")
    assert ss.session_summary(db, sid).working_days == 3
    with pytest.raises(ValidationError) as twice:
        days_off.add_day_off(db, "05/01/2028", "Lần hai")
    assert twice.value.field == "day" and "đã có trong lịch" in twice.value.message
    with pytest.raises(ValidationError) as weekday:
        days_off.add_day_off(db, "06/01/2028", "Làm bù", "work")
    assert weekday.value.field == "kind" and "thứ Năm" in weekday.value.message
    with pytest.raises(ValidationError) as unnamed:
        days_off.add_day_off(db, "07/01/2028", " ")
    assert unnamed.value.field == "name"
    days_off.remove_day_off(db, "05/01/2028")
    assert ss.session_summary(db, sid).working_days == 4
    log = record_changes(db, "day_off", row.id)
    assert [r.action for r in log] == ["delete", "insert"]
    assert {c.label for c in log[1].changes} >= {"Ngày", "Tên ngày nghỉ", "Loại ngày"}


def test_a_new_file_and_an_upgraded_one_get_the_known_days(db: Any, tmp_path: Path) -> None:
    from bdcq_desktop.core.days_off import list_days_off
    from bdcq_desktop.core.engine import Database, sqlite_url
    from bdcq_desktop.core.migrate import upgrade

    new = {(r.day, r.kind) for r in list_days_off(db)}
    assert {(D(2026, 4, 30), "off"), (D(2027, 5, 3), "off"), (D(2025, 4, 26), "work")} <= new
    assert D(2024, 2, 10) in {d for d, _k in new}  # Tết Giáp Thìn, mùng 1
    # A file of the version before: its rows stay, and it gets the same calendar.
    path = tmp_path / "old.sqlite3"
    old = Database(sqlite_url(path))
    upgrade(old, "0014_submission_waiver")
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO unit (name, kind, sort_order, active, version, created_at, updated_at)"
            " VALUES ('Sở Tư pháp', 'department', 0, 1, 1, '2026-01-01', '2026-01-01')"
        )
    upgrade(old)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT name FROM unit").fetchall() == [("Sở Tư pháp",)]
    assert {(r.day, r.kind) for r in list_days_off(old)} == new
    old.dispose()


def test_the_cli_lists_adds_and_removes_days(db: Any, db_path: Path) -> None:
    added = run_bdcq(["settings", "days-off", "add", "01/01/2028", "Tết Dương lịch"], db=db_path)
    assert added.returncode == 0, added.stderr
    assert "01/01/2028 (Thứ Bảy) — Tết Dương lịch — Ngày nghỉ" in added.stdout
    listed = run_bdcq(["settings", "days-off", "list", "--year", "2028"], db=db_path)
    assert "Tết Dương lịch" in listed.stdout and listed.stdout.count("\n") == 3  # head, rule, row
    refused = run_bdcq(
        ["settings", "days-off", "add", "03/01/2028", "Làm bù", "--kind", "work"], db=db_path
    )
    assert refused.returncode == 2 and "chỉ dùng cho thứ Bảy hoặc Chủ nhật" in refused.stderr
    gone = run_bdcq(["settings", "days-off", "remove", "2028-01-01"], db=db_path)
    assert gone.returncode == 0 and "Đã xóa" in gone.stdout
    assert "không có dữ liệu" in run_bdcq(
        ["settings", "days-off", "list", "--year", "2028"], db=db_path
    ).stdout


def test_one_person_present_in_two_sessions_on_a_day_is_asked_and_counted_once(
    db: Any, group: dict[str, int]
) -> None:
    from bdcq_desktop.core.errors import DoubleAttendanceWarning

    member = [group["member"]]
    a = _session(db, member, "04/05/2026", "15/05/2026", "Xây dựng Đề án A")
    b = _session(db, member, "11/05/2026", "15/05/2026", "Xây dựng Quy chế B")
    _present(db, a, get_session(db, a).working_days)
    with pytest.raises(DoubleAttendanceWarning) as asked:
        _present(db, b, get_session(db, b).working_days)
    assert "Bùi Thị Ngân" in asked.value.message and "Xây dựng Đề án A" in asked.value.message
    assert "11/05/2026" in asked.value.message
    assert ss.session_summary(db, b).person_days == 0  # nothing saved
    _present(db, b, get_session(db, b).working_days, confirm_double_attendance=True)
    assert ss.session_summary(db, b).person_days == 5
    y = ss.year_summary(db, 2026)
    # 10 working days in all (11–15/5 in both), 10 person-days for 10 days of one person.
    assert (y.sessions, y.working_days, y.person_days) == (2, 10, 10)
    # Saved again as it is: the day confirmed is not asked about again.
    _present(db, b, get_session(db, b).working_days)


def test_the_attendance_grid_leaves_days_off_out(
    qtbot: Any, db: Any, group: dict[str, int]
) -> None:
    from bdcq_desktop.ui.dialogs.session_dialogs import DAY_OFF_SHADE, AttendanceDialog

    sid = _session(db, [group["leader"]], "20/04/2026", "01/05/2026")
    dialog = AttendanceDialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.mark_all()
    ticked = tuple(
        day
        for col, day in enumerate(dialog.days, 1)
        if dialog.grid.item(0, col).checkState() == Qt.CheckState.Checked
    )
    assert ticked == WORKED_2026
    col = dialog.days.index(D(2026, 4, 30)) + 1
    assert dialog.grid.item(0, col).background().color() == DAY_OFF_SHADE
    assert dialog.grid.item(0, col).toolTip() == "Ngày nghỉ: Ngày Chiến thắng"


def test_the_settings_tab_adds_and_removes_a_day(qtbot: Any, db: Any) -> None:
    from bdcq_desktop.core.days_off import list_days_off
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    panel = dialog.days_off
    assert panel.table.rowCount() == len(list_days_off(db))
    panel.form.set_values({"day": D(2028, 1, 26), "name": "Tết Nguyên đán Mậu Thân"})
    assert panel.add()
    assert (D(2028, 1, 26), "Tết Nguyên đán Mậu Thân") in {
        (r.day, r.name) for r in list_days_off(db, 2028)
    }
    assert panel.selected() is not None and panel.selected().day == D(2028, 1, 26)
    # A weekday as a day worked in exchange: refused at its field, nothing written.
    panel.form.set_values({"day": D(2028, 1, 27), "name": "Làm bù", "kind": "work"})
    assert not panel.add()
    assert panel.form.error_label("kind").isVisibleTo(panel)
    assert panel.remove(D(2028, 1, 26))
    assert list_days_off(db, 2028) == []


def test_enter_in_the_add_form_adds_the_day_and_keeps_settings_open(
    qtbot: Any, demo_db: Any
) -> None:
    from PySide6.QtTest import QTest

    from bdcq_desktop.core.days_off import list_days_off
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    panel = dialog.days_off
    # A settings file the dialog's Lưu would save and close on (the defect: Enter pressed it).
    dialog.tabs.setCurrentWidget(panel)
    # Enter in "Ngày" with no name yet: on to the name, nothing added, Thiết lập still open.
    panel.day_edit.setFocus()
    qtbot.waitUntil(panel.day_edit.hasFocus)
    QTest.keyClicks(panel.day_edit, "15/12/2028")
    QTest.keyClick(panel.day_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and panel.name_edit.hasFocus()
    QTest.keyClicks(panel.name_edit, "Nghi them")
    QTest.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert [(r.day, r.name) for r in list_days_off(demo_db, 2028) if r.day.month == 12] == [
        (D(2028, 12, 15), "Nghi them")
    ]
    assert panel.day_edit.hasFocus() and panel.day_edit.text() == ""  # ready for the next
    # Both typed, Enter in "Ngày": added at once.
    QTest.keyClicks(panel.day_edit, "18/12/2028")
    panel.name_edit.setText("Nghi bu")
    QTest.keyClick(panel.day_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible()
    assert D(2028, 12, 18) in {r.day for r in list_days_off(demo_db, 2028)}
    # A refusal (no name) stays at its field, the dialog open.
    QTest.keyClicks(panel.day_edit, "19/12/2028")
    panel.name_edit.setFocus()
    QTest.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and panel.form.error_label("name").isVisibleTo(panel)
    # The page says what Lưu and Hủy do not do here.
    from PySide6.QtWidgets import QLabel

    note = panel.findChild(QLabel, "daysOffNote")
    assert "lưu ngay" in note.text() and "Hủy không hoàn lại" in note.text()
