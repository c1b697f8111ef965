"""Two officers on one PostgreSQL server edit the same meeting (or working-group session) at
once, each a field of their own: the second's save is refused as stale, and "Tải lại, giữ phần
tôi đã nhập" keeps what the second typed and, as the dialog says, takes the first's save for
every other field. An audit: the meeting and session dialogs compared with an empty form (their
values are set once their people are filled), so every field counted as typed, "Khi bạn mở"
read "—" throughout, and the second save put back the title the first had just changed.
A real server (tests/pg.py), officer B a second Database on it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bdcq_desktop.core import meetings, members, units
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.ui.dialogs.meeting_dialogs import edit_meeting_dialog
from bdcq_desktop.ui.dialogs.session_dialogs import edit_session_dialog


def _both_save(qtbot: Any, first: Any, second: Any, field: str, text: str) -> Any:
    """``first`` saved (its title changed), then ``second`` with ``field`` typed: refused as
    stale, "giữ phần tôi đã nhập" chosen, saved. Returns the comparison's rows."""
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        dialog.show()
    title = first.form.editor("title")
    title.setText(title.text() + " (A sửa tên)")
    assert first.try_save() is True
    second.form.editor(field).setText(text)
    assert second.try_save() is False  # stale: the comparison is shown
    box = second.conflict
    assert box is not None and box.isVisible()
    rows = {row.key: row for row in box.rows}
    box.accept()  # Tải lại, giữ phần tôi đã nhập
    assert second.form.editor(field).text() == text
    assert second.try_save() is True
    return rows


def test_keeping_mine_on_a_meeting_keeps_the_other_officers_title(
    qtbot: Any, pg_server: str, pg_db: Any
) -> None:
    unit = units.create_unit(pg_db, name="UBND tỉnh Nghệ An")
    head = members.create_person(pg_db, full_name="Vũ Duy Tiến", unit_id=unit)
    members.appoint(pg_db, head, role="head", start_date=date(2024, 1, 1))
    mid = meetings.create_meeting(
        pg_db, kind="briefing", title="Buổi làm việc với Sở Y tế", chair_id=head,
        place="Phòng họp tầng 3", starts_at=datetime(2027, 4, 7, 8, 0),
        now=datetime(2027, 4, 1, 9, 0),
    )  # fmt: skip
    officer_b = open_database(pg_server)
    try:
        rows = _both_save(
            qtbot,
            edit_meeting_dialog(pg_db, mid),
            edit_meeting_dialog(officer_b, mid),
            "place",
            "Phòng họp tầng 2",
        )
    finally:
        officer_b.dispose()
    saved = meetings.get_meeting(pg_db, mid)
    assert (saved.title, saved.place) == ("Buổi làm việc với Sở Y tế (A sửa tên)",
                                          "Phòng họp tầng 2")  # fmt: skip
    assert set(rows) == {"title", "place"}, sorted(rows)  # what either changed, nothing else
    assert rows["title"].opened == "Buổi làm việc với Sở Y tế"


def test_keeping_mine_on_a_session_keeps_the_other_officers_title(
    qtbot: Any, pg_server: str, pg_db: Any
) -> None:
    members.appoint_new(
        pg_db, body="group", person={"full_name": "Hoàng Quang Tuấn"},
        appointment={"role": "leader", "start_date": "01/01/2025"},
    )  # fmt: skip
    sid = wg.create_session(
        pg_db, purpose="proposal", title="Xây dựng dự thảo Đề án dữ liệu số",
        starts_on="2027-04-07", ends_on="2027-04-08",
    )  # fmt: skip
    officer_b = open_database(pg_server)
    try:
        rows = _both_save(
            qtbot,
            edit_session_dialog(pg_db, sid),
            edit_session_dialog(officer_b, sid),
            "place",
            "Phòng họp Sở Khoa học và Công nghệ",
        )
    finally:
        officer_b.dispose()
    saved = get_session(pg_db, sid)
    assert (saved.title, saved.place) == ("Xây dựng dự thảo Đề án dữ liệu số (A sửa tên)",
                                          "Phòng họp Sở Khoa học và Công nghệ")  # fmt: skip
    assert set(rows) == {"title", "place"}, sorted(rows)
