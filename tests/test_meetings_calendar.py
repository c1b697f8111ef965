"""Meetings as .ics read back with icalendar, and the meeting-planning migration on the fixture
databases of past versions."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.calendar_ics import event_uid, write_ics
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.meetings import cancel_meeting, create_meeting, get_meeting, update_meeting
from bdcq_desktop.core.migrations import HEAD

NOW = datetime(2026, 3, 2, 9, 0)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("db-*.sqlite3"))


@pytest.fixture
def planned(db) -> tuple[int, int]:
    head = mem.create_person(db, full_name="Vũ Duy Tiến", position="Chủ tịch UBND tỉnh")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    first = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo 6 tháng đầu năm 2026",
        starts_at=datetime(2026, 7, 6, 8, 0),
        ends_at=datetime(2026, 7, 6, 11, 30),
        place="Phòng họp tầng 3, UBND tỉnh",
        chair_id=head,
        agenda=[
            AgendaLine("Khai mạc", 10, presenter_person_id=head),
            AgendaLine("Báo cáo kết quả chuyển đổi số", 30, presenter_name="Sở TT&TT"),
        ],
        now=NOW,
    )
    second = create_meeting(
        db,
        kind="briefing",
        title="Trưởng ban làm việc với Tổ công tác",
        starts_at=datetime(2026, 8, 3, 14, 0),
        chair_id=head,
        now=NOW,
    )
    return first, second


def read(path: Path) -> list:  # type: ignore[type-arg]
    cal = Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_one_meeting_as_ics_read_back(db, planned: tuple[int, int], tmp_path: Path) -> None:
    first, _ = planned
    out = tmp_path / "lich" / "hop.ics"
    path, n = write_ics(db, out, meeting_id=first)
    assert (path, n) == (out, 1)
    assert [p.name for p in out.parent.iterdir()] == ["hop.ics"]  # no temporary file left
    cal = Calendar.from_ical(out.read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    (ev,) = read(out)
    d = get_meeting(db, first)
    assert str(ev["UID"]) == event_uid(d.uid)
    start = ev.decoded("DTSTART")
    assert start == datetime(2026, 7, 6, 8, 0, tzinfo=ZONE)
    assert start.utcoffset() == timedelta(hours=7)
    assert ev["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert ev.decoded("DTEND") == datetime(2026, 7, 6, 11, 30, tzinfo=ZONE)
    assert str(ev["SUMMARY"]) == "Họp Ban Chỉ đạo 6 tháng đầu năm 2026"
    assert str(ev["LOCATION"]) == "Phòng họp tầng 3, UBND tỉnh"
    text = str(ev["DESCRIPTION"])
    assert "1. 08:00 Khai mạc (Vũ Duy Tiến)" in text
    assert "2. 08:10 Báo cáo kết quả chuyển đổi số (Sở TT&TT)" in text
    assert str(ev["STATUS"]) == "TENTATIVE"

    # The UID survives an edit; the sequence follows the version.
    update_meeting(db, first, expected_version=d.version, place="Hội trường A", now=NOW)
    write_ics(db, out, meeting_id=first)
    (again,) = read(out)
    assert str(again["UID"]) == str(ev["UID"])
    assert int(again["SEQUENCE"]) == int(ev["SEQUENCE"]) + 1
    assert str(again["LOCATION"]) == "Hội trường A"


def test_upcoming_meetings_and_cancellations(db, planned: tuple[int, int], tmp_path: Path) -> None:
    first, second = planned
    out = tmp_path / "all.ics"
    _, n = write_ics(db, out, today=date(2026, 7, 6))
    assert n == 2
    uids = [get_meeting(db, m).uid for m in (first, second)]
    assert [str(e["UID"]) for e in read(out)] == [event_uid(u) for u in uids]  # by date
    _, n = write_ics(db, out, today=date(2026, 7, 7))
    assert n == 1
    cancel_meeting(db, second, "Trưởng ban đi công tác", expected_version=1)
    write_ics(db, out, today=date(2026, 7, 7))
    (ev,) = read(out)
    assert str(ev["STATUS"]) == "CANCELLED" and "Trưởng ban đi công tác" in str(
        ev["DESCRIPTION"]
    )
    # No planned end: the event still ends.
    assert ev.decoded("DTEND") > ev.decoded("DTSTART")


def test_ics_never_overwrites_the_database(db, db_path: Path, planned: tuple[int, int]) -> None:
    before = db_path.read_bytes()
    for target in (db_path, Path(f"{db_path}-wal")):
        with pytest.raises(BcdError, match="tệp dữ liệu đang dùng"):
            write_ics(db, target)
    with pytest.raises(BcdError, match=r"\.ics"):
        write_ics(db, db_path.with_name("lich.txt"))
    assert db_path.read_bytes() == before
    assert not db_path.with_name("lich.txt").exists()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_meeting_planning_migration_on_past_databases(fixture: Path, tmp_path: Path) -> None:
    """Every meeting gets a calendar UID; a cancelled meeting's notes become its reason."""
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    con = sqlite3.connect(copy)
    con.execute(
        "insert into meeting (kind, title, starts_at, status, notes, version, created_at,"
        " updated_at) values ('briefing', 'Buổi làm việc đã hoãn', '2024-09-10 08:00:00',"
        " 'cancelled', 'Hoãn do bão', 1, '2024-09-01 00:00:00', '2024-09-01 00:00:00')"
    )
    con.commit()
    con.close()
    db = open_database(copy)
    from bdcq_desktop.core.migrate import current_revision

    assert current_revision(db) == HEAD
    con = sqlite3.connect(copy)
    rows = con.execute("select id, uid, status, cancel_reason from meeting order by id").fetchall()
    con.close()
    assert len(rows) == 2
    assert len({r[1] for r in rows}) == 2 and all(len(r[1]) == 36 for r in rows)
    assert rows[0][3] is None and rows[1][3] == "Hoãn do bão"
    d = get_meeting(db, rows[1][0])
    assert (d.status, d.cancel_reason, d.uid) == ("cancelled", "Hoãn do bão", rows[1][1])
    db.dispose()


@pytest.mark.postgres
def test_meetings_on_postgres_with_the_planning_migration(pg_db) -> None:  # type: ignore[no-untyped-def]
    """Down to 0002 with a meeting in it, up again: the UID is filled in on PostgreSQL too; then
    two officers saving the same agenda conflict once."""
    from alembic import command
    from sqlalchemy import text

    from bdcq_desktop.core.agenda import set_agenda
    from bdcq_desktop.core.errors import ConflictError
    from bdcq_desktop.core.meetings import list_meetings
    from bdcq_desktop.core.migrate import alembic_config, upgrade

    command.downgrade(alembic_config(pg_db), "0002_document_content")
    with pg_db.engine.begin() as conn:
        conn.execute(text(
            "insert into meeting (kind, title, starts_at, status, notes, version, created_at,"
            " updated_at) values ('regular', 'Họp cũ', '2024-06-20 08:00', 'cancelled', 'Hoãn',"
            " 1, now(), now())"
        ))
    upgrade(pg_db)
    with pg_db.engine.connect() as conn:
        uid, reason = conn.execute(text("select uid, cancel_reason from meeting")).one()
    assert len(uid) == 36 and reason == "Hoãn"

    head = mem.create_person(pg_db, full_name="Vũ Duy Tiến")
    mem.appoint(pg_db, head, role="head", start_date=date(2024, 1, 1))
    meeting = create_meeting(
        pg_db, kind="regular", title="Họp định kỳ", starts_at=datetime(2026, 7, 6, 8, 0),
        chair_id=head, agenda=[AgendaLine("Khai mạc", 10)], invite_committee=True, now=NOW,
    )
    assert [m.id for m in list_meetings(pg_db, year=2026)] == [meeting]
    read = get_meeting(pg_db, meeting)
    set_agenda(pg_db, meeting, [*read.agenda_lines(), AgendaLine("Thảo luận", 60)],
               expected_version=read.version)
    with pytest.raises(ConflictError):
        set_agenda(pg_db, meeting, [AgendaLine("Bế mạc", 5)], expected_version=read.version)
    after = get_meeting(pg_db, meeting)
    assert [a.title for a in after.agenda] == ["Khai mạc", "Thảo luận"]
    assert after.counts["member"] == 1
