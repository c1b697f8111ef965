"""A document prints the organisation settings of its own date, read back from the change log
(:mod:`bdcq_desktop.core.settings_on`): the committee's name and the header's bodies, the
place name, the office's address, phone and e-mail as they stood then, not as today.

The settings are changed through the core; the audit hook stamps the change now, so each test
moves the stamp of that one log row to the morning the officer is taken to have made it (the
stamp is the only thing the test writes by hand).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from docx import Document
from sqlalchemy import select

from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.models import ChangeLog, Meeting, WorkingSession
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.documents.minutes_docx import write_minutes_docx
from tests.test_documents_of_their_date import text

OLD_NAME = "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An"
NEW_NAME = (
    "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 "
    "tỉnh Nghệ An"
)
CHANGED = date(2026, 3, 2)  # a Monday


def _stamp_last_change(db: Any, day: date) -> None:
    """The settings' last logged change as made at 08:00 on ``day``."""
    with db.session() as s:
        row = s.scalars(
            select(ChangeLog)
            .where(ChangeLog.table_name == "organisation", ChangeLog.action == "update")
            .order_by(ChangeLog.id.desc())
        ).first()
        assert row is not None
        row.at = datetime.combine(day, time(8, 0))


def _change(db: Any, day: date, **fields: Any) -> None:
    update_organisation(db, expected_version=get_organisation(db).version, **fields)
    _stamp_last_change(db, day)


def test_the_settings_of_a_day_undo_the_changes_made_after_it(db: Any) -> None:
    from bdcq_desktop.core.settings_on import SettingsOn, settings_on

    _change(
        db, date(2024, 1, 2),
        parent_body="UBND tỉnh Nghệ An", committee_name=OLD_NAME, place_name="Vinh",
        address="Số 16 đường Trường Thi, TP Vinh, Nghệ An", phone="0238 3844 111",
    )  # fmt: skip
    _change(
        db, CHANGED,
        committee_name=NEW_NAME, place_name="Nghệ An", email="bcd@nghean.gov.vn",
        address="Số 75 đường Nguyễn Thị Minh Khai, phường Thành Vinh, tỉnh Nghệ An",
    )  # fmt: skip
    # Cleared later: the phone stood until then.
    _change(db, date(2026, 6, 1), phone="")
    with db.session() as s:
        before = settings_on(s, CHANGED - timedelta(days=1))
        on_the_day = settings_on(s, CHANGED)
        today = settings_on(s, date.today())
        set_up = settings_on(s, date(2023, 6, 1))
    assert before == SettingsOn(
        parent_body="UBND tỉnh Nghệ An", committee_name=OLD_NAME, abbreviation="BCĐ",
        place_name="Vinh", address="Số 16 đường Trường Thi, TP Vinh, Nghệ An",
        phone="0238 3844 111",
        # Filled in for the first time on the day of the change: the only e-mail known.
        email="bcd@nghean.gov.vn",
    )  # fmt: skip
    assert (on_the_day.committee_name, on_the_day.place_name) == (NEW_NAME, "Nghệ An")
    assert on_the_day.address.endswith("phường Thành Vinh, tỉnh Nghệ An")
    assert on_the_day.phone == "0238 3844 111" and today.phone == ""
    # Before the file was set up: its first values (an empty field is never "what stood").
    assert set_up.committee_name == OLD_NAME and set_up.place_name == "Vinh"


def _session(db: Any, start: date) -> int:
    return wg.create_session(
        db, purpose="proposal", title="Rà soát danh mục dữ liệu dùng chung",
        starts_on=start, ends_on=start + timedelta(days=2),
    )  # fmt: skip


def test_the_demo_s_sessions_meet_at_the_address_of_their_day(demo_db: Any) -> None:
    """The demo's standing agency: Sở TT&TT at Số 75 Nguyễn Thị Minh Khai, TP Vinh until its
    merger on 1/3/2025, Sở KH&CN at the same address, in phường Thành Vinh from 1/7/2025."""
    places = {}
    for start in (date(2025, 2, 17), date(2025, 4, 14), date(2025, 8, 11)):
        sid = _session(demo_db, start)
        with demo_db.session() as s:
            places[start] = s.get(WorkingSession, sid).place
        convocation = text(demo_db, "wg-convocation", sid, start - timedelta(days=5))
        assert f"Địa điểm: {places[start]}" in convocation
    street = "Số 75 đường Nguyễn Thị Minh Khai"
    assert places[date(2025, 2, 17)] == f"Sở Thông tin và Truyền thông, {street}, TP Vinh, Nghệ An"
    # Between the merger and the wards: the new agency, the city's address of then.
    assert places[date(2025, 4, 14)] == f"Sở Khoa học và Công nghệ, {street}, TP Vinh, Nghệ An"
    assert places[date(2025, 8, 11)] == (
        f"Sở Khoa học và Công nghệ, {street}, phường Thành Vinh, tỉnh Nghệ An"
    )


def _meeting_after(db: Any, day: date) -> tuple[int, date]:
    with db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.starts_at >= datetime.combine(day, time.min))
            .order_by(Meeting.starts_at)
        ).first()
        assert m is not None
        return m.id, m.starts_at.date()


def test_documents_print_the_committee_and_contact_of_their_date(
    demo_db: Any, tmp_path: Path
) -> None:
    old = get_organisation(demo_db)
    _change(demo_db, CHANGED, committee_name=NEW_NAME, phone="0238 3598 888",
            email="bcdkhcn@nghean.gov.vn")  # fmt: skip
    early, late = _session(demo_db, date(2026, 2, 23)), _session(demo_db, date(2026, 3, 9))
    before = text(demo_db, "wg-convocation", early, date(2026, 2, 18))
    after = text(demo_db, "wg-convocation", late, date(2026, 3, 4))
    assert f"Thực hiện Quy chế hoạt động của {OLD_NAME}," in before
    assert f"điện thoại {old.phone}, thư điện tử {old.email}." in before
    assert NEW_NAME not in before and "0238 3598 888" not in before
    assert f"Thực hiện Quy chế hoạt động của {NEW_NAME}," in after
    assert "điện thoại 0238 3598 888, thư điện tử bcdkhcn@nghean.gov.vn." in after
    # The header's issuing body follows the committee's name of the date (none typed).
    assert "CHÍNH QUYỀN ĐIỆN TỬ" in before and "CHUYỂN ĐỔI SỐ" not in before
    assert "CHUYỂN ĐỔI SỐ" in after and "CHÍNH QUYỀN ĐIỆN TỬ" not in after

    # A meeting's conclusions notice and the roster: the same, by their own date.
    meeting, day = _meeting_after(demo_db, date(2025, 12, 1))
    assert day < CHANGED
    notice = text(demo_db, "conclusions", meeting, day + timedelta(days=3))
    assert "CHÍNH QUYỀN ĐIỆN TỬ" in notice and "CHUYỂN ĐỔI SỐ" not in notice
    # Its minutes, in the PDF and in Word: written at the meeting, under the name of then.
    minutes = text(demo_db, "minutes", meeting, day + timedelta(days=1))
    assert "CHÍNH QUYỀN ĐIỆN TỬ" in minutes and "CHUYỂN ĐỔI SỐ" not in minutes
    word = Document(str(write_minutes_docx(demo_db, meeting, tmp_path / "bien-ban.docx")))
    cells = [p.text for t in word.tables for c in t.rows[0].cells for p in c.paragraphs]
    assert "BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ" in cells
    roster = text(demo_db, "roster", None, CHANGED - timedelta(days=1))
    assert f"Thành viên {OLD_NAME}" in roster
    roster = text(demo_db, "roster", None, CHANGED)
    assert f"Thành viên {NEW_NAME}" in roster
