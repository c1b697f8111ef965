"""0019_conclusion_uid on a database made at the previous revision, with a meeting's conclusion
and its tasks: the new ``uid`` columns are added, empty on the rows made before (the office and
its laptop copy share those by id), several empty ones allowed by the unique index; a conclusion
and a task made after the upgrade get one, and two rows can never share one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Conclusion, Task

BEFORE = "0018_database_uid"
STAMP = "'2026-03-02 08:00:00', '2026-03-02 08:00:00'"


def _fill(db: Database) -> int:
    """The previous revision's columns only, in plain SQL (the models name the new column);
    the ids the database gives (PostgreSQL's sequences then go on from them). The unit's id."""
    with db.engine.begin() as conn:

        def add(sql: str) -> int:
            return int(conn.execute(text(sql + " RETURNING id")).scalar_one())

        unit = add(
            "INSERT INTO unit (name, kind, sort_order, active, version, created_at, updated_at) "
            f"VALUES ('Sở Y tế', 'department', 0, TRUE, 1, {STAMP})"
        )
        meeting = add(
            "INSERT INTO meeting (uid, kind, title, status, starts_at, version, created_at, "
            "updated_at) VALUES ('m-1', 'regular', 'Họp Ban Chỉ đạo', 'held', "
            f"'2026-03-02 08:00:00', 1, {STAMP})"
        )
        conclusion = add(
            "INSERT INTO conclusion (meeting_id, position, text, version, created_at, "
            f"updated_at) VALUES ({meeting}, 1, 'Kết luận', 1, {STAMP})"
        )
        for n in (1, 2):
            add(
                "INSERT INTO task (content, source, conclusion_id, position, assignee_unit_id, "
                f"status, version, created_at, updated_at) VALUES ('Nhiệm vụ {n}', "
                f"'conclusion', {conclusion}, {n}, {unit}, 'open', 1, {STAMP})"
            )
    return unit


def _uids(db: Database, table: str) -> list[str | None]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(f"SELECT uid FROM {table} ORDER BY id")).scalars())


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    unit = _fill(db)
    upgrade(db)
    assert current_revision(db) == HEAD
    assert _uids(db, "conclusion") == [None] and _uids(db, "task") == [None, None]
    with db.session() as s:
        meeting = s.scalar(text("SELECT id FROM meeting"))
        c = Conclusion(meeting_id=meeting, position=2, text="Kết luận mới")
        s.add(c)
        s.flush()
        s.add(Task(content="Việc mới", source="conclusion", conclusion_id=c.id, position=1,
                   assignee_unit_id=unit, status="open"))  # fmt: skip
    new_conclusion, new_task = _uids(db, "conclusion")[1], _uids(db, "task")[2]
    assert new_conclusion and new_task and new_conclusion != new_task
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        same = text("UPDATE conclusion SET uid = :u WHERE uid IS NULL")
        conn.execute(same, {"u": new_conclusion})


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    db = Database(recreate_database(pg_server, "bdcq_conclusion_uid_upgrade"))
    yield db
    db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
