"""0011_session_deputy on a database made at the previous revision, with sessions in it: the
participant role takes "deputy_leader" (SQLite copies the table in batch mode, PostgreSQL alters
the constraint in place), no row is lost, and the participants who were the group's Tổ phó on
the session's first day become "Tổ phó"; everyone else keeps the role recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import (
    GroupMembership,
    Person,
    SessionAttendanceDay,
    SessionParticipant,
    WorkingSession,
)
from tests.migration_support import inserter, sqlite_downgraded

BEFORE = "0010_change_log_index"
D = date


def _fill(db: Database) -> dict[str, Any]:
    """Sessions as the application recorded them before the role existed: the Tổ phó as a
    plain member. Returns the participants by (session, person) and the sessions' versions."""
    with db.session() as s:
        # That revision's columns only (0022 adds the person's uid to the model's table).
        add = inserter(s.connection())
        names = {
            "leader": "Hoàng Quang Tuấn",
            "deputy": "Trần Thu Thủy",
            "member": "Bùi Thị Ngân",
            "former": "Lê Văn Cũ",  # Tổ phó until May 2024, a member since
            "expert": "Nguyễn Trọng Khánh",
        }
        ids = {key: add(Person.__table__, full_name=name) for key, name in names.items()}
        for key, role, start, end in (
            ("leader", "leader", D(2025, 1, 1), None),
            ("deputy", "deputy_leader", D(2024, 6, 1), None),
            ("member", "member", D(2025, 1, 1), None),
            ("former", "deputy_leader", D(2024, 1, 1), D(2024, 5, 31)),
            ("former", "member", D(2024, 6, 1), None),
        ):
            s.add(
                GroupMembership(
                    person_id=ids[key], role=role, start_date=start, end_date=end
                )
            )
        sessions = {
            "2026": (D(2026, 3, 2), ["leader", "deputy", "member", "former", "expert"]),
            "no_leader": (D(2024, 12, 2), ["deputy", "former"]),
            "early": (D(2024, 3, 4), ["former", "expert"]),
        }
        out: dict[str, Any] = {}
        for name, (day, who) in sessions.items():
            # The previous revision's columns only (later ones add to the model's table).
            session_id = s.execute(
                insert(WorkingSession.__table__).values(
                    purpose="proposal", title=f"Phiên {name}", starts_on=day, ends_on=day
                )
            ).inserted_primary_key[0]
            for key in who:
                role = "leader" if key == "leader" else "expert" if key == "expert" else "member"
                p = SessionParticipant(
                    session_id=session_id, person_id=ids[key], role=role,
                    attendance="present", days_present=1, name_snapshot=names[key],
                )  # fmt: skip
                p.days = [SessionAttendanceDay(day=day)]
                s.add(p)
            s.flush()
            out[name] = session_id
        return {"sessions": out, "people": ids}


def _roles(db: Database) -> dict[tuple[int, int], tuple[str, int]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT session_id, person_id, role, version FROM session_participant")
        )
        return {(sid, pid): (role, version) for sid, pid, role, version in rows}


def _count(db: Database, table: Any) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    made = _fill(db)
    before = _roles(db)
    days = _count(db, SessionAttendanceDay.__table__)
    # The previous revision refuses the role: this is what the migration changes.
    pid = made["people"]["deputy"]
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text("UPDATE session_participant SET role = 'deputy_leader' WHERE person_id = :p"),
            {"p": pid},
        )

    upgrade(db)

    assert current_revision(db) == HEAD
    after = _roles(db)
    assert set(after) == set(before)  # every row kept
    assert _count(db, SessionAttendanceDay.__table__) == days  # and their days
    s, p = made["sessions"], made["people"]
    expected = {
        # The Tổ phó on each first day, with or without a Tổ trưởng that day.
        (s["2026"], p["deputy"]): "deputy_leader",
        (s["no_leader"], p["deputy"]): "deputy_leader",
        # Lê Văn Cũ was the Tổ phó in March 2024, a member from June.
        (s["early"], p["former"]): "deputy_leader",
        (s["no_leader"], p["former"]): "member",
        (s["2026"], p["former"]): "member",
    }
    for key, (role, version) in after.items():
        assert role == expected.get(key, before[key][0]), key
        # A row changed is a new version of it (a copy read before is stale).
        assert version == before[key][1] + (role != before[key][0])
    # The new role is accepted now; a value outside the vocabulary still refused.
    with db.engine.begin() as conn:
        conn.execute(
            insert(SessionParticipant.__table__).values(
                session_id=s["2026"], person_id=p["member"], role="deputy_leader",
                attendance="unknown", version=1, created_at=datetime(2026, 1, 1),
                updated_at=datetime(2026, 1, 1),
            )
        )  # fmt: skip
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE session_participant SET role = 'chief'"))
    # What the upgrade decided is what `bdcq check` reads from the roster: nothing to report
    # but the row just written by hand (a member recorded as Tổ phó).
    problems = [x for x in run_checks(db, D(2026, 11, 30)) if x.code == "session_roles"]
    assert [x.record for x in problems] == [f"session#{s['2026']}"]
    assert "Bùi Thị Ngân ghi là Tổ phó" in problems[0].message


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list(session_participant)")}
        assert {"ix_session_participant_session_id", "ix_session_participant_person_id"} <= indexes
        # And back: the deputies are members again, under the old constraint.
        sqlite_downgraded(db, BEFORE)
        assert {role for role, _ in _roles(db).values()} == {"leader", "member", "expert"}
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    db = Database(recreate_database(pg_server, "bdcq_deputy_upgrade"))
    yield db
    db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
