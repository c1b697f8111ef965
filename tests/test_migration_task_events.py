"""0020_task_events on a database made at the previous revision, with a meeting's conclusion and
its tasks (one open, one stopped): ``task.extended_to`` is added empty (nothing was extended),
the tasks keep their deadline and status, and the new ``task_event`` table takes an extension
of an old task (its check refusing one without a new deadline) and goes with its task."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.task_tracking import track_tasks

BEFORE = "0019_conclusion_uid"
STAMP = "'2026-03-02 08:00:00', '2026-03-02 08:00:00'"


def _fill(db: Database) -> list[int]:
    """The previous revision's columns only, in plain SQL (the models name the new ones);
    the tasks' ids."""
    with db.engine.begin() as conn:

        def add(sql: str) -> int:
            return int(conn.execute(text(sql + " RETURNING id")).scalar_one())

        unit = add(
            "INSERT INTO unit (name, kind, sort_order, active, version, created_at, updated_at) "
            f"VALUES ('Sở Y tế', 'department', 0, TRUE, 1, {STAMP})"
        )
        meeting = add(
            "INSERT INTO meeting (uid, kind, title, status, starts_at, version, created_at, "
            "updated_at) VALUES ('m-1', 'regular', 'Họp Ban Chỉ đạo', 'minutes_final', "
            f"'2026-03-02 08:00:00', 1, {STAMP})"
        )
        conclusion = add(
            "INSERT INTO conclusion (meeting_id, position, text, version, created_at, "
            f"updated_at) VALUES ({meeting}, 1, 'Kết luận', 1, {STAMP})"
        )
        return [
            add(
                "INSERT INTO task (content, source, conclusion_id, position, assignee_unit_id, "
                "deadline, status, version, created_at, updated_at) VALUES "
                f"('Nhiệm vụ {n}', 'conclusion', {conclusion}, {n}, {unit}, '2026-06-30', "
                f"'{status}', 1, {STAMP})"
            )
            for n, status in ((1, "open"), (2, "cancelled"))
        ]


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    tasks = _fill(db)
    upgrade(db)
    assert current_revision(db) == HEAD
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, deadline, extended_to, status FROM task ORDER BY id")
        ).all()
        assert [(r[0], str(r[1])[:10], r[2], r[3]) for r in rows] == [
            (tasks[0], "2026-06-30", None, "open"),
            (tasks[1], "2026-06-30", None, "cancelled"),
        ]
        assert conn.execute(text("SELECT count(*) FROM task_event")).scalar_one() == 0
    # The app reads the old tasks as before: overdue, and stopped.
    rows = {r.id: r for r in track_tasks(db, today=date(2026, 7, 10))}
    assert (rows[tasks[0]].status, rows[tasks[0]].days_overdue) == ("overdue", 10)
    assert rows[tasks[1]].status == "cancelled"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO task_event (task_id, kind, day, text, old_deadline, new_deadline, "
                "created_at) VALUES (:t, 'extension', '2026-07-01', 'Gia hạn', '2026-06-30', "
                "'2026-09-30', '2026-07-01 09:00:00')"
            ),
            {"t": tasks[0]},
        )
        conn.execute(
            text("UPDATE task SET extended_to = '2026-09-30' WHERE id = :t"), {"t": tasks[0]}
        )
    rows = {r.id: r for r in track_tasks(db, today=date(2026, 7, 10))}
    assert (rows[tasks[0]].status, rows[tasks[0]].given_deadline) == (
        "not_due",
        date(2026, 6, 30),
    )
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO task_event (task_id, kind, day, text, created_at) VALUES "
                "(:t, 'extension', '2026-07-02', 'Không có thời hạn mới', '2026-07-02 09:00:00')"
            ),
            {"t": tasks[0]},
        )
    with db.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("PRAGMA foreign_keys = ON"))
        conn.execute(text("DELETE FROM task WHERE id = :t"), {"t": tasks[0]})
        assert conn.execute(text("SELECT count(*) FROM task_event")).scalar_one() == 0


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    db = Database(recreate_database(pg_server, "bdcq_task_events_upgrade"))
    yield db
    db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
