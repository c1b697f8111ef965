"""Whether a document was issued after a membership began (the rosters' "may be deleted"
flag) is read from the register's index, never by scanning the register: each of its rows
holds an issued PDF (about 100 KB), so a scan reads a page per document, and the rosters met
every document once per membership. With a decade's register of 1,500 documents the committee
roster took 4.7 s to read instead of 14 ms."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.first_screen_sql import ROSTER_SQL

INDEX = "ix_issued_document_issued_on_created_at"


def _plan(path: Path, sql: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + sql)]
    finally:
        con.close()


def test_the_rosters_read_the_register_from_its_index(db: Any, db_path: Path) -> None:
    for body, sql in ROSTER_SQL.items():
        plan = _plan(db_path, sql)
        register = [step for step in plan if "issued_document" in step]
        assert register, (body, plan)  # the flag does look at the register…
        assert all(INDEX in step for step in register), (body, register)  # …by its index


def _plan_of(db: Any, db_path: Path, table: str, call: Callable[[], object]) -> list[str]:
    """The query plan of the one statement on ``table`` that ``call()`` sends."""
    (plan,) = _plans_of(db, db_path, table, call)
    return plan


def _plans_of(
    db: Any, db_path: Path, table: str, call: Callable[[], object]
) -> list[list[str]]:
    """The query plans of the statements on ``table`` that ``call()`` sends."""
    from sqlalchemy import event

    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, *_rest) -> None:  # type: ignore[no-untyped-def]
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    con = sqlite3.connect(db_path)
    try:
        return [
            [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            for statement, parameters in sent
            if table in statement
        ]
    finally:
        con.close()


def test_a_records_documents_are_read_by_index(db: Any, db_path: Path) -> None:
    from bdcq_desktop.core.meeting_detail import meeting_documents

    def documents() -> None:
        with db.session() as s:
            assert meeting_documents(s, 5) == ()

    plan = _plan_of(db, db_path, "issued_document", documents)
    assert any("ix_issued_document_record_type_record_id" in step for step in plan), plan


def test_a_records_history_is_read_by_index(db: Any, db_path: Path) -> None:
    """The change log only grows (each save adds to it): a meeting's history, with its
    invitees and agenda lines (those removed, found by the meeting's key in their lines,
    included), is read by record or by table, not by scanning the whole log."""
    from bdcq_desktop.core.change_log import record_changes

    plans = _plans_of(
        db,
        db_path,
        "change_log",
        lambda: record_changes(
            db, "meeting", 5, related=[("invitee", 7), ("agenda_item", 9)], children=True
        ),
    )
    assert len(plans) >= 3, plans  # one statement per table, not one per record
    for plan in plans:
        log = [step for step in plan if "change_log" in step]
        assert log and all("ix_change_log_table_name_record_id" in step for step in log), plan


@pytest.mark.parametrize(
    ("before", "index"),
    [("0008_list_indexes", INDEX), ("0009_register_index", "ix_change_log_table_name_record_id")],
)
def test_a_database_of_before_gets_the_index(tmp_path: Path, before: str, index: str) -> None:
    """Upgraded, not only new: the migration adds it to a file made at the previous revision."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.engine import Database
    from bdcq_desktop.core.migrate import upgrade

    path = tmp_path / "old.sqlite3"
    old = Database(f"sqlite:///{path}")
    upgrade(old, before)
    old.dispose()

    def indexes() -> set[str]:
        con = sqlite3.connect(path)
        try:
            return {r[0] for r in con.execute("select name from sqlite_master")}
        finally:
            con.close()

    assert index not in indexes()
    open_database(path).dispose()
    assert index in indexes()
