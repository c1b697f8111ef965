"""A draft (and the window's preview, which is a draft) prints what issuing it prints: one date
per document, its date of issue (today when issued now, or the date chosen), gives its header,
the committee's name in its text and its signer, however far back its meeting or session was.

The committee is renamed through the core; the audit hook stamps the change now, so each test
moves the stamp of that one log row to the day the officer is taken to have made it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.models import ChangeLog, Meeting, MeetingStatus, WorkingSession
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.conftest import DEMO_TODAY
from tests.test_other_docs import full_text

# The old name's header, as the left column wraps it (its lines read beside the right column's).
OLD_HEADER = "CHÍNH QUYỀN ĐIỆN TỬ"
NEW_NAME = (
    "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
    "tỉnh Nghệ An"
)


def _rename(db: Any, on: date) -> None:
    """The committee renamed (its name printed in every header) at 08:00 on ``on``."""
    update_organisation(db, expected_version=get_organisation(db).version, committee_name=NEW_NAME)
    with db.session() as s:
        row = s.scalars(
            select(ChangeLog)
            .where(ChangeLog.table_name == "organisation", ChangeLog.action == "update")
            .order_by(ChangeLog.id.desc())
        ).first()
        assert row is not None
        row.at = datetime.combine(on, time(8, 0))


def _held_meeting(db: Any) -> tuple[int, date]:
    """The last meeting held whose notice of conclusions is still to be issued."""
    with db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.status == MeetingStatus.HELD)
            .order_by(Meeting.starts_at.desc())
        ).first()
        assert m is not None
        return m.id, m.starts_at.date()


def _lines(pdf: bytes) -> list[str]:
    """The text's lines with the two things the clerk fills in at issue made alike: the
    number (``Số: 06/TB-BCĐ`` / ``Số: /TB-BCĐ``) and the day of the place-date line."""
    out = []
    for line in full_text(pdf).splitlines():
        line = re.sub(r"Số:\s*\d*\s*/", "Số: /", line)
        line = re.sub(r"ngày\s+\d*\s*tháng\s+\d*\s*năm", "ngày tháng năm", line)
        out.append(re.sub(r"\s+", " ", line).strip())
    return out


def test_the_draft_of_an_old_meeting_s_notice_is_the_notice_issued_from_it(demo_db: Any) -> None:
    meeting, day = _held_meeting(demo_db)
    today = date.today()
    assert day < today - timedelta(days=1)
    # Renamed after the meeting: the notice issued now carries the new name.
    _rename(demo_db, day + timedelta(days=1))

    draft = service.draft(demo_db, "conclusions", meeting)
    issued = service.issue(demo_db, "conclusions", meeting)
    assert issued.issued_on == today
    stored = register.read_stored(issued, demo_db).content

    assert _lines(draft) == _lines(stored)
    text = " ".join(_lines(stored))
    assert "CHUYỂN ĐỔI SỐ" in text and OLD_HEADER not in text
    # The committee's name in the running text is today's too, in both sentences.
    assert text.count("Ban Chỉ đạo về phát triển khoa học") >= 2


def test_a_draft_without_a_date_carries_today_in_its_header_and_its_date_line(
    demo_db: Any,
) -> None:
    """A past meeting's convocation drafted without a date is a paper of today (header and
    "năm" of today); drafted with the date it went out, it is that day's, both alike."""
    with demo_db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.starts_at < datetime(2025, 6, 1))
            .order_by(Meeting.starts_at.desc())
        ).first()
        assert m is not None
        meeting, day = m.id, m.starts_at.date()
    _rename(demo_db, date.today() - timedelta(days=2))

    now = " ".join(_lines(service.draft(demo_db, "convocation", meeting)))
    assert "CHUYỂN ĐỔI SỐ" in now and OLD_HEADER not in now
    assert f"ngày tháng năm {date.today().year}" in now

    then = " ".join(_lines(service.draft(demo_db, "convocation", meeting, today=day)))
    assert OLD_HEADER in then and "CHUYỂN ĐỔI SỐ" not in then
    assert f"ngày tháng năm {day.year}" in then


def test_the_draft_of_a_past_session_s_report_is_the_report_issued_from_it(demo_db: Any) -> None:
    """The working group's report, signed by the session's chair: the same rule. On the
    demo's own day: a session of the clock's year, in a demo loaded for 20/11/2026, is none
    from 2027 on."""
    today = DEMO_TODAY
    with demo_db.session() as s:
        w = s.scalars(
            select(WorkingSession)
            .where(
                WorkingSession.ends_on < today - timedelta(days=1),
                WorkingSession.ends_on >= date(today.year, 1, 1),
            )
            .order_by(WorkingSession.ends_on.desc())
        ).first()
        assert w is not None
        session, last = w.id, w.ends_on
    _rename(demo_db, last + timedelta(days=1))

    draft = service.draft(demo_db, "wg-report", session, today=today)
    issued = service.issue(demo_db, "wg-report", session, issued_on=today, today=today)
    stored = register.read_stored(issued, demo_db).content
    assert _lines(draft) == _lines(stored)
    assert "CHUYỂN ĐỔI SỐ" in " ".join(_lines(draft))


TYPED = "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"


def test_a_typed_issuing_body_heads_only_the_papers_of_the_name_it_was_typed_for(
    demo_db: Any,
) -> None:
    """Renamed, then the issuing body typed (``bdcq settings set issuing_body …``): a paper of
    a day before the rename names the old committee in its header as in its text."""
    _rename(demo_db, date.today() - timedelta(days=2))
    ds.set_issuing_body(demo_db, TYPED)
    with demo_db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.starts_at < datetime(2025, 6, 1))
            .order_by(Meeting.starts_at.desc())
        ).first()
        assert m is not None
        meeting, day = m.id, m.starts_at.date()

    then = " ".join(_lines(service.draft(demo_db, "convocation", meeting, today=day)))
    assert OLD_HEADER in then and "CHUYỂN ĐỔI SỐ" not in then
    assert "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An triệu tập" in then

    now = " ".join(_lines(service.draft(demo_db, "convocation", meeting)))
    assert "BAN CHỈ ĐẠO PHÁT TRIỂN" in now and OLD_HEADER not in now
    assert "Ban Chỉ đạo về phát triển khoa học" in now
