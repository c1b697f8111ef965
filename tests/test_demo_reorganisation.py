"""The demo goes through the 2025 reorganisation at its real dates: departments merged on
1/3/2025, districts gone on 1/7/2025. What a date's records name is what existed that day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bdcq_desktop.core import units
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.demo import load_demo
from bdcq_desktop.core.models import (
    AgendaItem,
    Conclusion,
    Invitee,
    Meeting,
    SessionParticipant,
    Task,
    Unit,
    WorkingSession,
)

TODAY = date(2026, 11, 30)
MERGER, TWO_LEVEL = date(2025, 3, 1), date(2025, 7, 1)
OLD = ("Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh")
DISTRICT = ("huyện", "thị xã", "thành phố Vinh", "TP Vinh")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    database = open_database(tmp_path_factory.mktemp("reorg") / "demo.sqlite3")
    load_demo(database, today=TODAY)
    yield database
    database.dispose()


def _texts(s, m: Meeting) -> list[str]:
    out = [m.title, m.place or "", m.notes or ""]
    out += [i.title for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id))]
    for c in s.scalars(select(Conclusion).where(Conclusion.meeting_id == m.id)):
        out += [c.text, *(t.content for t in c.tasks)]
    for i in s.scalars(select(Invitee).where(Invitee.meeting_id == m.id)):
        out += [i.position_snapshot or "", i.unit_snapshot or ""]
    return out


def test_meetings_after_the_reorganisation_name_only_the_units_of_their_day(db: Database) -> None:
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        late = [m for m in meetings if m.starts_at.date() >= TWO_LEVEL]
        early = [m for m in meetings if m.starts_at.date() < MERGER]
        assert len(late) >= 8 and early
        for m in late:
            for text in _texts(s, m):
                assert not any(old in text for old in OLD), (m.title, text)
                assert not any(d in text for d in DISTRICT), (m.title, text)
        # Before: the province as it was (the old documents keep their text).
        before = " ".join(t for m in early for t in _texts(s, m))
        assert "Sở Thông tin và Truyền thông" in before and "UBND huyện" in before


def test_tasks_stay_with_the_unit_of_their_day(db: Database) -> None:
    with db.session() as s:
        tasks = s.scalars(select(Task)).all()
        by_name = {u.name: u for u in s.scalars(select(Unit))}
        ict, sci = by_name["Sở Thông tin và Truyền thông"], by_name["Sở Khoa học và Công nghệ"]
        assert ict.merged_into_id == sci.id and ict.retired_on == MERGER
        old = [t for t in tasks if t.assignee_unit_id == ict.id or t.focal_unit_id == ict.id]
        new = [t for t in tasks if t.assignee_unit_id == sci.id or t.focal_unit_id == sci.id]
        assert old and new
        assert all(t.assigned_on < MERGER for t in old)
        assert any(t.assigned_on >= MERGER for t in new)
        for t in tasks:
            for unit in (t.assignee_unit, t.focal_unit):
                if unit is not None and unit.retired_on is not None:
                    assert t.assigned_on < unit.retired_on, (t.content, unit.name)


def test_sessions_after_the_merger_are_at_the_new_standing_agency(db: Database) -> None:
    with db.session() as s:
        late = [
            w for w in s.scalars(select(WorkingSession)) if w.starts_on >= MERGER
        ]
        assert late
        for w in late:
            assert "Sở Khoa học và Công nghệ" in (w.place or "")
            units_seen = s.scalars(
                select(SessionParticipant.unit_snapshot).where(
                    SessionParticipant.session_id == w.id
                )
            ).all()
            assert not any(u and any(old in u for old in OLD) for u in units_seen), w.title


def test_the_units_view_lists_today_s_units(db: Database) -> None:
    names = {u.name for u in units.list_units(db)}
    assert "Sở Khoa học và Công nghệ" in names and "UBND phường Trường Vinh" in names
    assert not names & {*OLD, "UBND huyện Kỳ Sơn", "UBND thị xã Cửa Lò", "UBND thành phố Vinh"}


def test_two_years_starting_after_the_reorganisation_have_only_the_new_units(tmp_path) -> None:
    database = open_database(tmp_path / "later.sqlite3")
    load_demo(database, today=date(2028, 2, 29))
    with database.session() as s:
        names = [u.name for u in s.scalars(select(Unit))]
        assert all(u.active for u in s.scalars(select(Unit)))
        assert "Sở Khoa học và Công nghệ" in names and "Thuế tỉnh Nghệ An" in names
        assert not any(old in n for n in names for old in OLD)
        assert not any("huyện" in n or "thị xã" in n for n in names)
        for m in s.scalars(select(Meeting)):
            for text in _texts(s, m):
                assert not any(d in text for d in DISTRICT), text
    database.dispose()
