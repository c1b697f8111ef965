"""Documents dated in the past print what stood on their date, across the 2025 reorganisation
(the demo: Sở Thông tin và Truyền thông merged into Sở Khoa học và Công nghệ on 1/3/2025, the
districts gone on 1/7/2025):

* the standing agency (cơ quan thường trực) of the document's date, not today's settings;
* the local governments a conclusion notice goes to: the districts before 1/7/2025, the
  communes after, "đặc khu" only in a province that has one; recipients typed as typed;
* a report "tính đến" a past date counts only what was true on it.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from bdcq_desktop.core import units
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.chase import chase_list
from bdcq_desktop.core.enums import UnitKind
from bdcq_desktop.core.models import (
    ChangeLog,
    Meeting,
    Person,
    ReportingRound,
    Submission,
    Task,
    TaskStatus,
    Unit,
    WorkingSession,
)
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.core.task_events import due_column
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.test_other_docs import flat, full_text
from tests.test_settings_kept_on_date import settings_made_on

MERGER = date(2025, 3, 1)  # Sở TT&TT into Sở KH&CN
TWO_LEVELS = date(2025, 7, 1)  # the districts gone
OLD, NEW = "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"


def text(db: Any, kind: str, record_id: int | None, on: date, **options: Any) -> str:
    """The draft dated ``on``, read back from the PDF, whitespace flattened."""
    pdf = service.draft(db, kind, record_id, today=on, options=options or None)
    return flat(full_text(pdf))


def recipients(page_text: str) -> str:
    return page_text[page_text.index("Nơi nhận:") :]


# -- A2: the standing agency of the document's date -----------------------------------------


def _org(db: Any, agency_id: int) -> None:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
        standing_agency_id=agency_id,
    )


def test_the_standing_agency_of_a_date_follows_the_setting_and_the_merger(db: Any) -> None:
    from bdcq_desktop.core.standing_agency import standing_agency_of

    old = units.create_unit(db, name=OLD, address="Số 75 Nguyễn Thị Minh Khai, TP Vinh")
    new = units.create_unit(db, name=NEW)
    home = units.create_unit(db, name="Sở Nội vụ")
    labour = units.create_unit(db, name="Sở Lao động - Thương binh và Xã hội")
    _org(db, old)
    units.merge_units(db, old, new, on=MERGER)
    _org(db, new)  # the office changes the setting after the merger
    eve = MERGER - timedelta(days=1)
    assert standing_agency_of(db, eve) == (OLD, "Số 75 Nguyễn Thị Minh Khai, TP Vinh")
    assert standing_agency_of(db, MERGER)[0] == NEW
    assert standing_agency_of(db, date(2026, 11, 30))[0] == NEW
    # A unit picked by mistake and corrected is never printed: it was no predecessor.
    _org(db, home)
    _org(db, new)
    assert standing_agency_of(db, eve)[0] == OLD
    assert standing_agency_of(db, MERGER)[0] == NEW
    # A setting left on the merged unit reads as its successor from the merger on.
    _org(db, old)
    assert standing_agency_of(db, eve)[0] == OLD
    assert standing_agency_of(db, MERGER)[0] == NEW
    # An agency that took another unit in was the agency before as well: the unit merged
    # into it never held the role (the settings never named it).
    units.merge_units(db, labour, home, on=MERGER)
    _org(db, home)
    assert standing_agency_of(db, eve)[0] == "Sở Nội vụ"


def _round(db: Any, title_part: str, due: date) -> int:
    with db.session() as s:
        return s.scalar(
            select(ReportingRound.id).where(
                ReportingRound.title.contains(title_part), ReportingRound.due_date == due
            )
        )


def _session_from(db: Any, day: date) -> tuple[int, date]:
    """The first session starting on or after ``day``, and its first day."""
    with db.session() as s:
        w = s.scalars(
            select(WorkingSession)
            .where(WorkingSession.starts_on >= day)
            .order_by(WorkingSession.starts_on)
        ).first()
        assert w is not None
        return w.id, w.starts_on


def test_documents_name_the_standing_agency_of_their_date(demo_db: Any) -> None:
    h2_2024 = _round(demo_db, "an toàn thông tin mạng", date(2024, 12, 20))
    summary = text(demo_db, "reports-summary", h2_2024, date(2024, 12, 25))
    assert f"gửi báo cáo về Ban Chỉ đạo (qua {OLD})" in summary
    assert f"(qua {NEW})" not in summary
    q1_2025 = _round(demo_db, "Quý I/2025", date(2025, 3, 20))
    later = text(demo_db, "reports-summary", q1_2025, date(2025, 3, 25))
    assert f"(qua {NEW})" in later and f"(qua {OLD})" not in later

    reminder = text(demo_db, "reminder", None, date(2025, 2, 20))
    assert f"về Ban Chỉ đạo (qua {OLD})" in reminder

    first, starts = _session_from(demo_db, date(2024, 12, 1))
    assert starts < MERGER
    convocation = text(demo_db, "wg-convocation", first, starts - timedelta(days=5))
    assert f"Đầu mối liên hệ: {OLD}," in convocation
    second, starts = _session_from(demo_db, MERGER)
    convocation = text(demo_db, "wg-convocation", second, starts - timedelta(days=5))
    assert f"Đầu mối liên hệ: {NEW}," in convocation


def test_a_session_without_a_place_meets_at_the_agency_of_its_day(demo_db: Any) -> None:
    start = date(2025, 2, 17)  # a Monday before the merger
    sid = wg.create_session(
        demo_db, purpose="proposal", title="Rà soát danh mục dữ liệu dùng chung",
        starts_on=start, ends_on=start + timedelta(days=2),
    )  # fmt: skip
    with demo_db.session() as s:
        place = s.get(WorkingSession, sid).place
    assert place.startswith(f"{OLD}, ") and "TP Vinh" in place
    convocation = text(demo_db, "wg-convocation", sid, start - timedelta(days=5))
    assert f"Địa điểm: {OLD}, Số 75 đường Nguyễn Thị Minh Khai, TP Vinh" in convocation


# -- A3: the local governments of the notice's date --------------------------------------------


def _meeting_on(db: Any, day: date) -> int:
    with db.session() as s:
        return next(
            m.id for m in s.scalars(select(Meeting)) if m.starts_at.date() == day
        )


DISTRICTS = "- UBND các huyện, thành phố, thị xã;"
COMMUNES = "- UBND các xã, phường;"


def test_conclusion_notices_go_to_the_local_governments_of_their_date(demo_db: Any) -> None:
    before = _meeting_on(demo_db, date(2025, 1, 8))
    notice = recipients(text(demo_db, "conclusions", before, date(2025, 1, 13)))
    assert DISTRICTS in notice
    assert "xã, phường" not in notice
    after = _meeting_on(demo_db, date(2025, 7, 14))
    notice = recipients(text(demo_db, "conclusions", after, date(2025, 7, 17)))
    # Nghệ An has no đặc khu.
    assert COMMUNES in notice
    assert "đặc khu" not in notice and "huyện" not in notice


def test_a_special_zone_is_named_and_typed_recipients_stand(demo_db: Any) -> None:
    units.create_unit(demo_db, name="UBND đặc khu Hòn Ngư", kind=UnitKind.LOCALITY)
    before = _meeting_on(demo_db, date(2025, 1, 8))
    after = _meeting_on(demo_db, date(2025, 7, 14))
    notice = recipients(text(demo_db, "conclusions", after, date(2025, 7, 17)))
    assert "- UBND các xã, phường, đặc khu;" in notice
    assert DISTRICTS in recipients(text(demo_db, "conclusions", before, date(2025, 1, 13)))
    # What the office typed is printed as typed, whatever the date.
    typed = ("Thành viên Ban Chỉ đạo", "UBND các xã, phường")
    ks = ds.kind_settings(ds.load(demo_db), "conclusions")
    ds.save_kind(demo_db, ds.KindSettings(**{**ks.__dict__, "recipients": typed}))
    settings_made_on(demo_db, date(2025, 1, 2))  # typed before the notice's day
    notice = recipients(text(demo_db, "conclusions", before, date(2025, 1, 13)))
    assert COMMUNES in notice and "huyện" not in notice and "Các sở, ban, ngành" not in notice


# -- A5: a report "tính đến" a past date --------------------------------------------------------


def test_a_summary_dated_back_counts_the_reports_received_by_then(demo_db: Any) -> None:
    # Around 1/3 and 1/7/2025: five days after the due dates of the security rounds.
    for due in (date(2024, 12, 20), date(2025, 6, 20)):
        on = due + timedelta(days=5)
        rid = _round(demo_db, "an toàn thông tin mạng", due)
        with demo_db.session() as s:
            later = s.execute(
                select(Unit.name, Submission.received_on)
                .join(Unit, Unit.id == Submission.unit_id)
                .where(Submission.round_id == rid, Submission.received_on > on)
            ).all()
        assert later, due  # the demo has receipts after the date: the case at hand
        page = text(demo_db, "reports-summary", rid, on)
        overdue = page[page.index("Quá hạn, chưa gửi báo cáo") : page.index("KIẾN NGHỊ")]
        for name, received in later:
            assert received.strftime("%d/%m/%Y") not in page, (name, received)
            assert name in overdue, name


def _expected_tasks(db: Any, on: date) -> tuple[int, int]:
    """(tasks given by ``on`` and not cancelled by then, of them those completed by ``on``). A
    task stopped later (the demo's overdue ones, at a regular meeting) counted then: the day
    of its stop is that of the change-log row that set its status (one stopped with no such
    row was stopped as given)."""
    with db.session() as s:
        tasks = s.scalars(select(Task)).all()
        stopped_on = {
            row.record_id: row.at.date()
            for row in s.scalars(select(ChangeLog).where(ChangeLog.table_name == "task"))
            if json.loads(row.changes or "{}").get("status", [None, None])[1] == "cancelled"
        }
        given = [
            t for t in tasks
            if t.assigned_on is not None and t.assigned_on <= on
            and not (t.status == TaskStatus.CANCELLED and stopped_on.get(t.id, on) <= on)
        ]  # fmt: skip
        done = [t for t in given if t.completed_on is not None and t.completed_on <= on]
        assert all(t.assigned_on is not None for t in tasks)  # the demo dates every task
        return len(given), len(done)


def test_the_tasks_report_dated_back_counts_the_tasks_as_they_stood(demo_db: Any) -> None:
    nothing_yet = text(demo_db, "tasks", None, date(2024, 12, 1))
    assert "Ban Chỉ đạo chưa giao nhiệm vụ nào cho các cơ quan, đơn vị." in nothing_yet
    assert "II. KIẾN NGHỊ Văn phòng Ban Chỉ đạo không có kiến nghị." in nothing_yet
    for on in (date(2025, 2, 20), date(2025, 6, 25)):
        total, done = _expected_tasks(demo_db, on)
        page = text(demo_db, "tasks", None, on)
        assert f"Tổng số nhiệm vụ: {total}," in page, on
        assert f"Đã hoàn thành: {done} (" in page, on
    # Before 1/7/2025 no task had gone to a unit made on that day, nor to one merged on 1/3.
    page = text(demo_db, "tasks", None, date(2025, 2, 20))
    for unit in ("Sở Nông nghiệp và Môi trường", "Thuế tỉnh", "phường"):
        assert unit not in page, unit
    assert not re.search(r"ngày \d\d/0[3-9]/2025", page)  # no result reported after the date


def test_a_reminder_dated_back_chases_what_was_overdue_then(demo_db: Any) -> None:
    on = date(2025, 2, 20)
    reminder = text(demo_db, "reminder", None, on)
    # Units in arrears that day, retired on 1/3 or 1/7/2025 since.
    for name in ("Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Phát triển nông thôn",
                 "UBND thị xã Hoàng Mai"):  # fmt: skip
        assert name in reminder, name
    # No task was overdue yet (the first deadline is 22/02/2025): none is counted.
    assert "báo cáo chưa gửi đã quá hạn" in reminder and "0 nhiệm vụ" not in reminder
    # A task overdue on a day and completed after it is chased on that day (by its unit of
    # that day: one still there).
    unit_id = func.coalesce(Task.assignee_unit_id, Person.unit_id)
    with demo_db.session() as s:
        rows = s.execute(
            # The deadline in force (the demo extends a few before they fall due).
            select(Task.id, due_column(), Task.completed_on, Task.assigned_on, Unit.retired_on)
            .outerjoin(Person, Person.id == Task.assignee_person_id)
            .join(Unit, Unit.id == unit_id)
            .where(Task.status == TaskStatus.DONE, Task.completed_on.is_not(None))
        ).all()
    late = [
        (tid, deadline + timedelta(days=1))
        for tid, deadline, completed, given, retired in rows
        if deadline is not None and completed > deadline + timedelta(days=1)
        and given <= deadline and (retired is None or retired > deadline + timedelta(days=1))
    ]  # fmt: skip
    assert late  # the demo has tasks completed late
    for tid, day in late:
        chased = {t.task_id for u in chase_list(demo_db, today=day) for t in u.tasks}
        assert tid in chased, (tid, day)


def _minutes_recipients(db: Any, meeting_id: int) -> str:
    """The minutes' "Nơi nhận" up to "Lưu:" (the annex follows), drafted today."""
    page = recipients(text(db, "minutes", meeting_id, date.today()))
    return page[: page.index("Lưu:")]


def test_the_minutes_read_their_default_recipients_on_the_meeting_s_day(
    demo_db: Any, monkeypatch: Any
) -> None:
    """The minutes take the settings of their meeting's day, and their default recipients too,
    as the conclusion notice of that day does: were the local governments among the minutes'
    defaults, a meeting before 1/7/2025 would send them to the districts, not the communes."""
    from bdcq_desktop.documents import settings_defaults

    monkeypatch.setitem(
        settings_defaults.DEFAULT_RECIPIENTS,
        "minutes",
        (*settings_defaults.DEFAULT_RECIPIENTS["minutes"], settings_defaults.LOCAL_GOVERNMENTS),
    )
    before = _meeting_on(demo_db, date(2025, 1, 8))
    # Drafted today, long after the meeting: still the districts of its day.
    minutes = _minutes_recipients(demo_db, before)
    assert DISTRICTS in minutes and "xã, phường" not in minutes
    assert "Phó Trưởng ban (để b/c);" in minutes  # the shipped default line stays
    after = _meeting_on(demo_db, date(2025, 7, 14))
    minutes = _minutes_recipients(demo_db, after)
    assert COMMUNES in minutes and "huyện" not in minutes
