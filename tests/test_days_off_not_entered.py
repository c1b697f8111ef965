"""A year whose days off nobody entered (the calendar ships 2024 to 2027): its working days
are Monday to Friday, Tết counted as worked. The audit of the turn of the year: on 03/01/2028
a session over Tết 2028 (24–28/01/2028) counted "5 ngày làm việc" and nothing anywhere said
2028's days off were missing. Now the count says so beside it (the session, the year's
figures, ``sessions show`` and ``summary``), ``bdcq check`` names the year, and the window's
notice does, its button opening Thiết lập › Ngày nghỉ; each goes once a day of 2028 is entered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import event

from bdcq_desktop.core import days_off
from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.units import create_unit
from bdcq_desktop.ui.dialogs.round_dialogs import AdHocRoundDialog
from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
from bdcq_desktop.ui.main_window import MainWindow
from tests.cli_run import run_bdcq

JAN_2028 = date(2028, 1, 3)
NOTE = "Chưa nhập lịch ngày nghỉ năm 2028"


def _tet_2028(db: Any) -> int:
    m.appoint_new(  # the session's convener: the group's leader on its first day
        db, body="group", person={"full_name": "Hoàng Quang Tuấn"},
        appointment={"role": "leader", "start_date": "01/01/2025"},
    )  # fmt: skip
    return wg.create_session(
        db,
        purpose="proposal",
        title="Xây dựng dự thảo Đề án dữ liệu số",
        starts_on="24/01/2028",
        ends_on="28/01/2028",
        confirm_days_off=True,
    )


def test_a_count_over_a_year_not_entered_says_so_and_check_names_the_year(
    db: Any, db_path: Path
) -> None:
    sid = _tet_2028(db)
    x = ss.session_summary(db, sid)
    assert x.working_days == 5 and x.years_not_entered == (2028,)
    assert ss.year_summary(db, 2028).years_not_entered == (2028,)
    assert ss.year_summary(db, 2027).years_not_entered == ()  # shipped: nothing to say
    shown = run_bdcq(["sessions", "show", str(sid)], db=db_path)
    assert shown.returncode == 0, shown.stderr
    assert f"Lưu ý / note: {NOTE}" in shown.stdout
    summary = run_bdcq(["sessions", "summary", "--year", "2028"], db=db_path)
    assert NOTE in summary.stdout
    # bdcq check on 03/01/2028: this year's calendar is missing.
    found = [p for p in run_checks(db, today=JAN_2028) if p.code == "days_off_not_entered"]
    assert [(p.record, p.message.startswith(NOTE)) for p in found] == [("days_off#2028", True)]
    # In 2027 already, for the session planned in 2028.
    in_2027 = run_checks(db, today=date(2027, 6, 1))
    assert [p.record for p in in_2027 if p.code == "days_off_not_entered"] == ["days_off#2028"]
    # Entered (Tết Dương lịch 2028 fell on Saturday: any day of the year will do): all quiet.
    days_off.add_day_off(db, "26/01/2028", "Tết Nguyên đán Mậu Thân")
    assert ss.session_summary(db, sid).years_not_entered == ()
    assert ss.session_summary(db, sid).working_days == 4
    assert not [p for p in run_checks(db, today=JAN_2028) if p.code == "days_off_not_entered"]
    assert "Lưu ý" not in run_bdcq(["sessions", "show", str(sid)], db=db_path).stdout


def test_the_window_s_notice_names_the_year_and_opens_the_days_off(qtbot: Any, db: Any) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    window.update_days_off(today=JAN_2028)
    notice = window.setup_notice
    shown = [(lb, b) for lb, b in notice.lines if lb.isVisibleTo(notice)]
    label, button = next((lb, b) for lb, b in shown if NOTE in lb.text())
    assert "Tết" in label.text() and button.text() == "Nhập ngày nghỉ…"
    assert notice.isVisible() and notice.geometry().bottom() <= window.tabs.geometry().top()
    button.click()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.days_off
    dialog.reject()
    days_off.add_day_off(db, "26/01/2028", "Tết Nguyên đán Mậu Thân")
    window.update_days_off(today=JAN_2028)
    assert not any(NOTE in lb.text() for lb, _b in notice.lines if lb.isVisibleTo(notice))


def test_the_window_reads_the_days_off_line_with_its_title_in_one_transaction(
    qtbot: Any, db: Any
) -> None:
    # The review: the start read the notice's days-off line in a transaction of its own beside
    # the title's one read (settings.setup_state). The session planned in January 2028 (no
    # days off entered for 2028) is named at the start, from that one read.
    _tet_2028(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    notice = window.setup_notice
    assert any(NOTE in lb.text() for lb, _b in notice.lines if not lb.isHidden())
    begun: list[object] = []

    def count(conn: object) -> None:
        begun.append(conn)

    event.listen(db.engine, "begin", count)
    try:
        window._update_title()  # what the start (and a restore, the settings saved) reads
    finally:
        event.remove(db.engine, "begin", count)
    assert len(begun) == 1, begun
    assert any(NOTE in lb.text() for lb, _b in notice.lines if not lb.isHidden())


def test_a_due_date_in_a_year_not_entered_is_not_shown_as_an_ordinary_day(
    qtbot: Any, db: Any, db_path: Path
) -> None:
    """Friday 28/01/2028 is Tết 2028 (not entered): the dialog read "Thứ Sáu", as for any day."""
    uid = create_unit(db, name="Sở Thử nghiệm")
    dialog = AdHocRoundDialog(db, today=date(2027, 12, 1))
    qtbot.addWidget(dialog)
    dialog.form.fields["due_date"].set_value(date(2028, 1, 28))
    assert dialog.due_weekday.text() == (
        "Thứ Sáu (chưa nhập lịch ngày nghỉ năm 2028: chưa biết có phải ngày nghỉ)"
    )
    dialog.form.fields["due_date"].set_value(date(2027, 12, 31))
    assert dialog.due_weekday.text() == "Thứ Sáu"  # 2027 is on the calendar
    # The command line opens it today, whatever today is: a weekday of a year far ahead.
    opened = run_bdcq(
        ["rounds", "request", "--title", "Báo cáo nhanh", "--due", "27/01/2090",
         "--unit", str(uid)],
        db=db_path,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert (
        "lưu ý: hạn gửi 27/01/2090, Thứ Sáu (chưa nhập lịch ngày nghỉ năm 2090: chưa biết có "
        "phải ngày nghỉ)"
    ) in opened.stderr
