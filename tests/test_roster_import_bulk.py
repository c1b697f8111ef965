"""A roster import costs a fixed number of SQL statements whatever its size, and is one
transaction: all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, select

from bdcq_desktop.core import members as m
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import ChangeLog, CommitteeMembership, Person
from bdcq_desktop.core.roster_io import apply_import, preview_import

HEADER = "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Quyết định\n"


def roster(path: Path, n: int, *, head_at: int | None = None, name: str = "Nguyễn Văn") -> Path:
    lines = [HEADER]
    for i in range(n):
        role = "Trưởng ban" if i == head_at else ("Thành viên" if i % 3 == 0 else "")
        decision = "12/QĐ-UBND ngày 05/02/2026" if role else ""
        lines.append(f"{name} Số {i},Nam,Chuyên viên,Sở Ngành {i % 7},{role},{decision}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def statements(db: Database, action) -> int:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def import_counts(db: Database, path: Path) -> tuple[int, int]:
    box = {}
    read = statements(db, lambda: box.setdefault("p", preview_import(db, path)))
    preview = box["p"]
    assert preview.ok, [r.problems for r in preview.rows if r.problems][:3]
    write = statements(db, lambda: apply_import(db, preview, start_date=date(2026, 2, 10)))
    return read, write


def test_statements_do_not_grow_with_the_rows(tmp_path: Path) -> None:
    small, large = (open_database(tmp_path / f"{n}.sqlite3") for n in ("s", "l"))
    try:
        few = import_counts(small, roster(tmp_path / "few.csv", 30))
        many = import_counts(large, roster(tmp_path / "many.csv", 600))
        # Same units (7 new ones) on both sides: only the rows differ, 20 times more.
        assert many == few
        with large.session() as s:
            assert len(s.scalars(select(Person)).all()) == 600
            assert len(s.scalars(select(CommitteeMembership)).all()) == 200
            logged = s.scalars(select(ChangeLog).where(ChangeLog.table_name == "person")).all()
            assert len(logged) == 600 and all(c.record_id for c in logged)
    finally:
        small.dispose()
        large.dispose()


def test_ids_follow_the_ones_already_there(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = m.create_person(db, full_name="Lê Văn Sẵn")
    apply_import(db, preview_import(db, roster(tmp_path / "r.csv", 5)), start_date="10/02/2026")
    people = m.list_people(db)
    assert len(people) == 6
    assert sorted(p.id for p in people) == list(range(first, first + 6))
    again = m.create_person(db, full_name="Lê Văn Sau")  # the database's own counter follows
    assert again == first + 6


def test_a_head_appointed_meanwhile_leaves_nothing_written(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    preview = preview_import(db, roster(tmp_path / "r.csv", 300, head_at=299))
    assert preview.ok
    pid = m.create_person(db, full_name="Trần Văn Hùng")
    m.appoint(db, pid, role="head", start_date=date(2025, 1, 1))
    with pytest.raises(BcdError) as exc:
        apply_import(db, preview, start_date=date(2026, 2, 10))
    assert "Dòng 301" in exc.value.message and "Trần Văn Hùng" in exc.value.message
    assert [p.full_name for p in m.list_people(db)] == ["Trần Văn Hùng"]


def test_bulk_import_on_postgres(pg_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = m.create_person(pg_db, full_name="Lê Văn Sẵn")
    few = import_counts(pg_db, roster(tmp_path / "few.csv", 30))
    assert len(m.list_people(pg_db)) == 31
    many = statements(
        pg_db,
        lambda: apply_import(
            pg_db,
            preview_import(pg_db, roster(tmp_path / "many.csv", 300, name="Trần Thị")),
            start_date="2026-03-01",
        ),
    )
    assert many <= few[1]  # its units exist already: fewer statements, not more
    ids = {p.id for p in m.list_people(pg_db)}
    assert len(ids) == 331
    after = m.create_person(pg_db, full_name="Lê Văn Sau")  # the sequence went past the import
    assert after > before and after not in ids
