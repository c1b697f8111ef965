"""Holding a meeting, headless: attendance, live notes, conclusions and tasks, the minutes'
revisions and reopening, on a real SQLite file (and the record migration on past databases)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.attendance import (
    AttendanceMark,
    attendance_rows,
    check_in,
    record_attendance,
)
from bdcq_desktop.core.autosave import Autosaver
from bdcq_desktop.core.check_in_search import match_invitees
from bdcq_desktop.core.conclusions import TaskInput, add_conclusion
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.live_notes import (
    displaced_notes,
    item_notes,
    meeting_being_held,
    save_item_notes,
)
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.minutes_history import minutes_revisions, revision_text
from bdcq_desktop.core.minutes_text import minutes_draft, reopen_minutes, save_minutes
from bdcq_desktop.core.models import ChangeLog, Task, TaskStatus
from bdcq_desktop.core.tasks import complete_task, days_overdue, list_tasks, task_status
from bdcq_desktop.core.units import create_unit

PLANNED_AT = datetime(2026, 7, 1, 9, 0)
START = datetime(2026, 7, 6, 8, 0)
DURING = START + timedelta(minutes=30)
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("db-*.sqlite3"))


def _meeting(db: Any) -> dict[str, int]:
    head = mem.create_person(db, full_name="Vũ Duy Tiến", position="Chủ tịch UBND tỉnh")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    an = mem.create_person(db, full_name="Nguyễn Văn An", position="Giám đốc Sở Nội vụ")
    mem.appoint(db, an, role="member", start_date=date(2024, 1, 1))
    binh = mem.create_person(db, full_name="Trần Thị Bình", position="Giám đốc Sở Tài chính")
    mem.appoint(db, binh, role="member", start_date=date(2024, 1, 1))
    unit = create_unit(db, name="Sở Khoa học và Công nghệ", kind="department")
    focal = create_unit(db, name="Văn phòng UBND tỉnh", kind="department")
    meeting = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo 6 tháng đầu năm 2026",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        place="Phòng họp tầng 3",
        chair_id=head,
        agenda=[AgendaLine("Khai mạc", 10), AgendaLine("Báo cáo kết quả", 60)],
        invite_committee=True,
        invitations=[Invitation(guest_name="Lê Khách", position="Chuyên gia", category="guest")],
        now=PLANNED_AT,
    )
    d = get_meeting(db, meeting)
    ids = {r.name: r.id for r in d.invitees}
    return {
        "meeting": meeting,
        "head": head,
        "an": an,
        "binh": binh,
        "unit": unit,
        "focal": focal,
        "inv_head": ids["Vũ Duy Tiến"],
        "inv_an": ids["Nguyễn Văn An"],
        "inv_binh": ids["Trần Thị Bình"],
        "inv_guest": ids["Lê Khách"],
        "item1": d.agenda[0].id,
        "item2": d.agenda[1].id,
    }


@pytest.fixture
def held(db: Any) -> dict[str, int]:
    return _meeting(db)


def test_attendance_with_substitute_reason_and_late(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    version = get_meeting(db, mid).version
    version = record_attendance(
        db,
        mid,
        [
            AttendanceMark(held["inv_head"], "present"),
            AttendanceMark(
                held["inv_an"],
                "substitute",
                substitute_name="Phạm Phó",
                substitute_position="Phó Giám đốc Sở Nội vụ",
            ),
            AttendanceMark(held["inv_binh"], "absent", reason="Đi công tác Hà Nội"),
            {"invitee_id": held["inv_guest"], "status": "late", "arrived_at": "08:40"},
        ],
        expected_version=version,
        now=DURING + timedelta(minutes=15),  # an arrival is recorded once it happened
    )
    d = get_meeting(db, mid)
    assert d.version == version and d.status == "held"  # first attendance after the start
    by = {r.name: r for r in d.attendance}
    assert by["Nguyễn Văn An"].status == "substitute"
    assert (by["Nguyễn Văn An"].substitute_name, by["Nguyễn Văn An"].substitute_position) == (
        "Phạm Phó",
        "Phó Giám đốc Sở Nội vụ",
    )
    assert (by["Trần Thị Bình"].status, by["Trần Thị Bình"].reason) == (
        "absent",
        "Đi công tác Hà Nội",
    )
    assert by["Lê Khách"].status == "late"
    assert by["Lê Khách"].arrived_at == datetime(2026, 7, 6, 8, 40)
    summary = d.attendance_summary
    assert (summary.members_invited, summary.members_present, summary.members_absent) == (3, 2, 1)
    assert (summary.guests_invited, summary.guests_present) == (1, 1)
    assert "2/3" in summary.text
    # A stale copy is refused, nothing written.
    with pytest.raises(ConflictError):
        record_attendance(
            db,
            mid,
            [AttendanceMark(held["inv_binh"], "present")],
            expected_version=version - 1,
            now=DURING,
        )
    assert {r.name: r.status for r in attendance_rows(db, mid)}["Trần Thị Bình"] == "absent"


def test_bad_marks_name_the_field_and_write_nothing(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    version = get_meeting(db, mid).version
    cases = [
        ([AttendanceMark(held["inv_an"], "substitute")], "substitute_name"),
        ([AttendanceMark(held["inv_an"], "late")], "arrived_at"),
        ([AttendanceMark(held["inv_an"], "present", reason="x")], "reason"),
        ([AttendanceMark(held["inv_an"], "gone")], "status"),
        ([AttendanceMark(held["inv_an"], "late", arrived_at="07:50")], "arrived_at"),
        # After the meeting's end (11:00): 14:30 typed as 17:30, or the next day's date.
        ([AttendanceMark(held["inv_an"], "late", arrived_at="11:01")], "arrived_at"),
        (
            [AttendanceMark(held["inv_an"], "late", arrived_at=START + timedelta(days=1, hours=1))],
            "arrived_at",
        ),
        (
            [AttendanceMark(held["inv_head"], "present"), AttendanceMark(999, "present")],
            "invitee_id",
        ),
    ]
    for marks, field in cases:
        with pytest.raises(ValidationError) as exc:
            record_attendance(db, mid, marks, expected_version=version, now=DURING)
        assert exc.value.field == field
    def arrived(at: str) -> int:
        # Recorded in the evening, once they came (an arrival later than now is refused).
        marks = [AttendanceMark(held["inv_an"], "late", arrived_at=at)]
        evening = START + timedelta(hours=10)
        return record_attendance(db, mid, marks, expected_version=version, now=evening)

    with pytest.raises(ValidationError) as exc:
        arrived("17:30")
    assert '"Giờ đến" (17:30 06/07/2026) phải trước khi cuộc họp kết thúc (11:00 06/07/2026)' in (
        exc.value.message
    )
    d = get_meeting(db, mid)
    assert d.version == version and d.status == "planned"
    assert {r.status for r in d.attendance} == {"unknown"}
    version = arrived("11:00")  # arriving in the meeting's last minute is an arrival
    # A meeting that ran over has its end time corrected, then the arrival is taken.
    from bdcq_desktop.core.meetings import update_meeting

    version = update_meeting(
        db, mid, expected_version=version, now=DURING, ends_at=START + timedelta(hours=10)
    )
    version = arrived("17:30")
    with pytest.raises(BcdError):  # the day before the meeting
        check_in(db, mid, held["inv_an"], expected_version=version, now=START - timedelta(days=1))


def test_check_in_by_first_letters(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    assert [r.name for r in match_invitees(db, mid, "ng v a")] == ["Nguyễn Văn An"]
    assert next(r.name for r in match_invitees(db, mid, "an")) == "Nguyễn Văn An"
    assert [r.name for r in match_invitees(db, mid, "bì")] == ["Trần Thị Bình"]
    assert match_invitees(db, mid, "Nguyên") == []  # typed diacritics must match
    version = get_meeting(db, mid).version
    early = START - timedelta(minutes=10)  # before the start: checked in, meeting not held yet
    version = check_in(db, mid, held["inv_an"], expected_version=version, now=early)
    assert get_meeting(db, mid).status == "planned"
    version = check_in(db, mid, held["inv_binh"], expected_version=version, now=DURING)
    rows = {r.name: r for r in attendance_rows(db, mid)}
    assert rows["Nguyễn Văn An"].status == "present"
    assert rows["Trần Thị Bình"].status == "late"
    assert rows["Trần Thị Bình"].arrived_at == DURING
    assert get_meeting(db, mid).status == "held"
    # Those already checked in come after those still expected.
    names = [r.name for r in match_invitees(db, mid, "t")]
    assert names.index("Vũ Duy Tiến") < names.index("Trần Thị Bình")


def test_conclusion_with_two_tasks(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    version = get_meeting(db, mid).version
    with pytest.raises(ValidationError) as exc:  # a task without anyone assigned
        add_conclusion(
            db, mid, "Kết luận", [{"content": "Làm gì đó"}], expected_version=version, now=DURING
        )
    assert exc.value.field == "assignee"
    with pytest.raises(BcdError):  # before the meeting started
        add_conclusion(db, mid, "Kết luận", expected_version=version, now=PLANNED_AT)
    added = add_conclusion(
        db,
        mid,
        "Giao các sở đẩy nhanh tiến độ chuyển đổi số.",
        [
            TaskInput(
                "Xây dựng kho dữ liệu dùng chung",
                assignee_unit_id=held["unit"],
                assignee_person_id=held["an"],
                focal_unit_id=held["focal"],
                deadline=date(2026, 9, 30),
            ),
            {
                "content": "Rà soát thủ tục hành chính",
                "assignee_person_id": held["binh"],
                "deadline": "31/12/2026",
            },
        ],
        expected_version=version,
        now=DURING,
    )
    assert len(added.task_ids) == 2 and added.meeting_version > version
    d = get_meeting(db, mid)
    assert d.status == "held" and d.version == added.meeting_version
    (c,) = d.conclusions
    assert c.text == "Giao các sở đẩy nhanh tiến độ chuyển đổi số."
    first, second = c.tasks
    assert (first.assignee_unit, first.assignee_person, first.focal_unit) == (
        "Sở Khoa học và Công nghệ",
        "Nguyễn Văn An",
        "Văn phòng UBND tỉnh",
    )
    assert first.assigned_by == "Vũ Duy Tiến" and first.assigned_on == START.date()
    assert second.deadline == date(2026, 12, 31)
    assert [t.id for t in list_tasks(db, unit="khoa hoc", today=date(2026, 7, 6))] == [first.id]
    assert list_tasks(db, status="due_soon", today=date(2026, 9, 25))[0].id == first.id
    # A new conclusion rewrites nothing read: the meeting's version read before the first is
    # no conflict (a check-in at the door bumps it too: tests/test_room_beside_door.py).
    other = add_conclusion(db, mid, "Khác", expected_version=version, now=DURING)
    assert [c.text for c in get_meeting(db, mid).conclusions][1:] == ["Khác"]
    assert other.meeting_version == added.meeting_version + 1


class _T:
    def __init__(
        self, deadline: date | None, done: date | None = None, status: TaskStatus = TaskStatus.OPEN
    ) -> None:
        self.deadline, self.completed_on, self.status = deadline, done, status


def test_task_status_boundaries() -> None:
    dl = date(2026, 9, 30)
    assert task_status(_T(dl), dl) == "due_soon"  # deadline today: not overdue
    assert task_status(_T(dl), dl - timedelta(days=7)) == "due_soon"
    assert task_status(_T(dl), dl - timedelta(days=8)) == "not_due"
    assert task_status(_T(dl), dl + timedelta(days=1)) == "overdue"
    assert days_overdue(_T(dl), dl + timedelta(days=1)) == 1
    assert days_overdue(_T(dl), dl) == 0
    assert task_status(_T(dl, dl, TaskStatus.DONE), dl + timedelta(days=40)) == "done_on_time"
    late = _T(dl, dl + timedelta(days=1), TaskStatus.DONE)
    assert task_status(late, dl + timedelta(days=40)) == "done_late"
    assert days_overdue(late, dl + timedelta(days=40)) == 1  # counted to completion
    assert task_status(_T(None), dl) == "not_due"
    assert task_status(_T(dl, None, TaskStatus.CANCELLED), dl + timedelta(days=3)) == "cancelled"


def test_completing_a_task(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    added = add_conclusion(
        db,
        mid,
        "Kết luận",
        [TaskInput("Việc", assignee_unit_id=held["unit"], deadline=date(2026, 8, 1))],
        expected_version=get_meeting(db, mid).version,
        now=DURING,
    )
    with db.session() as s:
        version = s.get(Task, added.task_ids[0]).version
    complete_task(
        db, added.task_ids[0], date(2026, 8, 3), expected_version=version, today=date(2026, 8, 5)
    )
    (row,) = list_tasks(db, today=date(2026, 8, 5))
    assert (row.status, row.days_overdue) == ("done_late", 2)


def test_notes_save_is_idempotent_and_keeps_both_on_conflict(db: Any, held: dict[str, int]) -> None:
    mid, item = held["meeting"], held["item2"]
    base = {n.item_id: n.version for n in item_notes(db, mid)}[item]
    first = save_item_notes(db, mid, item, "Sở báo cáo ", base_version=base)
    assert first.written and not first.conflict and first.version == base + 1
    again = save_item_notes(db, mid, item, "Sở báo cáo ", base_version=base)  # a retry
    assert not again.written and not again.conflict and again.version == first.version
    other = save_item_notes(db, mid, item, "Ý kiến của PC A", base_version=first.version)
    # This PC still types on the old base: its text wins the field, the other is kept.
    mine = save_item_notes(db, mid, item, "Sở báo cáo kết quả", base_version=first.version)
    assert mine.conflict and mine.displaced == "Ý kiến của PC A"
    assert mine.version == other.version + 1
    (kept,) = displaced_notes(db, mid)
    assert (kept.item_id, kept.text) == (item, "Ý kiến của PC A")
    stored = {n.item_id: n.text for n in item_notes(db, mid)}[item]
    assert stored == "Sở báo cáo kết quả"  # trailing text kept exactly as typed


def test_meeting_being_held_after_a_restart(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    assert meeting_being_held(db, now=START + timedelta(days=1)) is None
    assert meeting_being_held(db, now=DURING).id == mid  # started today
    save_item_notes(db, mid, held["item1"], "Khai mạc", base_version=1)
    assert meeting_being_held(db).id == mid  # notes typed just now


def test_revision_history(db: Any, held: dict[str, int]) -> None:
    from bdcq_desktop.core.audit import set_current_user

    mid = held["meeting"]
    record_attendance(
        db,
        mid,
        [AttendanceMark(held["inv_binh"], "absent", reason="Ốm")],
        expected_version=get_meeting(db, mid).version,
        now=DURING,
    )
    draft = minutes_draft(db, mid)
    assert draft.version == 0 and "Trần Thị Bình" in draft.text and "(lý do: ốm)" in draft.text
    set_current_user("thuky1")
    try:
        v1 = save_minutes(db, mid, expected_version=0, items={held["item2"]: "Lần một"}, now=DURING)
        set_current_user("thuky2")
        v2 = save_minutes(
            db,
            mid,
            expected_version=v1,
            items={held["item2"]: "Lần hai"},
            closing="Bế mạc lúc 11 giờ.",
            now=DURING,
        )
        assert save_minutes(db, mid, expected_version=v2, closing="Bế mạc lúc 11 giờ.") == v2
        with pytest.raises(ConflictError):
            save_minutes(db, mid, expected_version=v1, opening="Cũ", now=DURING)
    finally:
        set_current_user(None)
    revs = minutes_revisions(db, mid)
    assert [(r.number, r.author, r.event) for r in revs] == [
        (1, "thuky1", "saved"),
        (2, "thuky2", "saved"),
    ]
    assert "Lần một" in revision_text(db, revs[0].id)
    assert "Lần hai" in revision_text(db, revs[1].id) and "Bế mạc" in revision_text(db, revs[1].id)
    assert get_meeting(db, mid).minutes.revisions == 2


def test_reopen_with_reason_keeps_the_issued_pdf(db: Any, held: dict[str, int]) -> None:
    from bdcq_desktop.core import register
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.documents import fonts as docfonts
    from bdcq_desktop.documents import service

    docfonts.register_fonts(prefer_system=False)
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    mid = held["meeting"]
    record_attendance(
        db,
        mid,
        [AttendanceMark(held["inv_head"], "present")],
        expected_version=get_meeting(db, mid).version,
        now=DURING,
    )
    save_minutes(db, mid, expected_version=0, items={held["item2"]: "Bản đầu."}, now=DURING)
    # Three invitees are left unmarked: the officer confirms issuing as they are.
    first = service.issue(
        db, "minutes", mid, issued_on=date(2026, 7, 8), today=date(2026, 7, 8),
        confirm_unmarked=True,
    )  # fmt: skip
    info = get_meeting(db, mid).minutes
    assert (info.status, info.issued_number, info.sha256) == ("final", first.symbol, first.sha256)
    with pytest.raises(BcdError):  # locked: the notes cannot change
        save_item_notes(db, mid, held["item2"], "Sửa", base_version=99)
    with pytest.raises(ValidationError):
        reopen_minutes(db, mid, "  ", expected_version=info.version)
    version = reopen_minutes(db, mid, "Ghi sai tên đại biểu", expected_version=info.version)
    d = get_meeting(db, mid)
    assert d.status == "held" and d.minutes.status == "reopened"
    assert d.minutes.reopen_reason == "Ghi sai tên đại biểu" and d.minutes.version == version
    with db.session() as s:
        log = s.scalars(select(ChangeLog.changes).where(ChangeLog.table_name == "minutes")).all()
    assert any("Ghi sai tên đại biểu" in (c or "") for c in log)
    # The issued record and its PDF stay, marked superseded.
    (old,) = d.minutes.issues
    assert old.superseded_at is not None and old.symbol == first.symbol
    assert register.stored_copy(first, db)[:5] == b"%PDF-"
    notes = {n.item_id: n.version for n in item_notes(db, mid)}
    save_item_notes(db, mid, held["item2"], "Bản sửa.", base_version=notes[held["item2"]])
    second = service.issue(
        db, "minutes", mid, issued_on=date(2026, 7, 9), today=date(2026, 7, 9),
        confirm_unmarked=True,
    )  # fmt: skip
    assert second.number == first.number + 1 and second.sha256 != first.sha256
    d = get_meeting(db, mid)
    assert d.minutes.issued_number == second.symbol and len(d.minutes.issues) == 2
    events = [r.event for r in minutes_revisions(db, mid)]
    assert events == ["saved", "issued", "reopened", "issued"]
    revs = minutes_revisions(db, mid)
    assert "Bản đầu." in revision_text(db, revs[1].id)
    assert "Bản sửa." in revision_text(db, revs[3].id)
    assert revs[1].symbol == first.symbol
    with pytest.raises(BcdError):
        reopen_minutes(db, held["meeting"], "x", expected_version=version)  # stale or final


def test_autosave_coalesces_and_flushes() -> None:
    saved: list[tuple[str, str]] = []
    reported: list[tuple[str, int]] = []
    gate = threading.Event()

    def save(key: Any, text: str) -> str:
        gate.wait(5)
        saved.append((key, text))
        return text

    saver = Autosaver(
        save, delay=0.05, max_delay=0.2, on_saved=lambda k, seq, _r: reported.append((k, seq))
    )
    for n in range(1, 6):
        last_a = saver.submit("a", "x" * n)
    last_b = saver.submit("b", "y")
    gate.set()
    assert saver.flush(5)
    assert ("a", "x" * 5) in saved and ("b", "y") in saved
    assert ("a", last_a) in reported and ("b", last_b) in reported
    assert len([k for k, _ in saved if k == "a"]) <= 2  # coalesced, not one save per keystroke
    assert saver.close(5) and saver.pending() == 0


def test_autosave_retries_a_busy_database_and_drops_a_refusal() -> None:
    calls: list[str] = []
    errors: list[type] = []

    def save(key: Any, text: str) -> None:
        calls.append(text)
        if text == "refused":
            raise BcdError("no")
        if len(calls) == 1:
            raise OSError("database is locked")

    saver = Autosaver(
        save,
        delay=0.01,
        max_delay=0.02,
        retry_delay=0.05,
        on_error=lambda k, s, e: errors.append(type(e)),
    )
    saver.submit("a", "text")
    assert saver.flush(5)
    assert calls == ["text", "text"] and errors == [OSError]
    saver.submit("a", "refused")
    assert saver.flush(5) and errors == [OSError, BcdError] and saver.pending() == 0
    saver.close(5)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_record_migration_on_past_databases(fixture: Path, tmp_path: Path) -> None:
    """The upgrade keeps every child of the tables it recreates: SQLite's batch mode drops and
    recreates ``meeting`` and ``minutes``, which with foreign keys enforced used to cascade to
    the invitees, the agenda and the minutes' revisions."""
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    con = sqlite3.connect(copy)
    con.execute(
        "insert into minutes (id, meeting_id, is_final, version, created_at, updated_at)"
        " values (1, 1, 0, 1, '2024-06-20 12:00:00', '2024-06-20 12:00:00')"
    )
    con.execute(
        "insert into minutes_revision (minutes_id, saved_at, author, content)"
        " values (1, '2024-06-20 12:00:00', 'thuky', '{\"opening\": \"Cũ\"}')"
    )
    con.commit()
    con.close()
    db = open_database(copy)
    from bdcq_desktop.core.migrate import current_revision

    assert current_revision(db) == HEAD
    assert [r.author for r in minutes_revisions(db, 1)] == ["thuky"]
    # The past database's held meeting: attendance with a late arrival, notes, a displaced note.
    d = get_meeting(db, 1)
    assert d.status == "held" and d.minutes.status in {"none", "draft"}
    (inv,) = d.attendance
    record_attendance(
        db,
        1,
        [AttendanceMark(inv.invitee_id, "late", arrived_at=time(8, 20))],
        expected_version=d.version,
        now=datetime(2024, 6, 20, 9, 0),
    )
    assert attendance_rows(db, 1)[0].status == "late"
    with db.session() as s:
        from bdcq_desktop.core.models import AgendaItem

        s.add(AgendaItem(meeting_id=1, position=1, title="Khai mạc"))
    (item,) = item_notes(db, 1)
    save_item_notes(db, 1, item.item_id, "Ghi chép", base_version=item.version)
    save_item_notes(db, 1, item.item_id, "Khác", base_version=item.version)  # displaced
    db.dispose()
    con = sqlite3.connect(copy)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    cols = {r[1] for r in con.execute("pragma table_info(invitee)")}
    assert "arrived_at" in cols
    assert con.execute("select count(*) from notes_revision").fetchone()[0] == 1
    assert {r[1] for r in con.execute("pragma table_info(issued_document)")} >= {"superseded_at"}
    con.close()


def test_revision_content_is_json(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    save_minutes(db, mid, expected_version=0, opening="Mở đầu.", now=DURING)
    from bdcq_desktop.core.models import MinutesRevision

    with db.session() as s:
        (content,) = s.scalars(select(MinutesRevision.content)).all()
    snap = json.loads(content)
    assert snap["event"] == "saved" and snap["opening"] == "Mở đầu."
    assert [i["title"] for i in snap["items"]] == ["Khai mạc", "Báo cáo kết quả"]
