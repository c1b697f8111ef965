"""A roster import costs a fixed number of SQL statements whatever its size, and is one
transaction: all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import event, select

from bdcq_desktop.core import members as m
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.errors import BcdError, ConflictError
from bdcq_desktop.core.models import ChangeLog, CommitteeMembership, Person
from bdcq_desktop.core.people import get_person, update_person
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
    write = statements(db, lambda: apply_import(db, preview, default_start=date(2026, 2, 10)))
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
    apply_import(db, preview_import(db, roster(tmp_path / "r.csv", 5)), default_start="10/02/2026")
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
        apply_import(db, preview, default_start=date(2026, 2, 10))
    assert "Dòng 301" in exc.value.message and "Trần Văn Hùng" in exc.value.message
    assert [p.full_name for p in m.list_people(db)] == ["Trần Văn Hùng"]


def test_bulk_import_on_postgres(pg_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = m.create_person(pg_db, full_name="Lê Văn Sẵn")
    few = import_counts(pg_db, roster(tmp_path / "few.csv", 30))
    assert len(m.list_people(pg_db)) == 31
    many = import_counts(pg_db, roster(tmp_path / "many.csv", 300, name="Trần Thị"))
    # Ten times the rows, the same reads; its units exist already: no more writes.
    assert many[0] == few[0] and many[1] <= few[1]
    ids = {p.id for p in m.list_people(pg_db)}
    assert len(ids) == 331
    after = m.create_person(pg_db, full_name="Lê Văn Sau")  # the sequence went past the import
    assert after > before and after not in ids


def xlsx_roster(path: Path, n: int) -> Path:
    wb = Workbook()
    wb.active.append(["Họ và tên", "Giới tính", "Đơn vị", "Vai trò", "Điện thoại", "Email"])
    for i in range(n):
        wb.active.append(
            [f"Phạm Văn Số {i}", "Nam", f"Sở Ngành {i % 9}", "Thành viên", f"0912 {i:06d}", ""]
        )
    wb.save(path)
    return path


def test_one_bad_row_in_thousands_is_named_and_nothing_is_written(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = xlsx_roster(tmp_path / "r.xlsx", 3000)
    wb = load_workbook(path)
    # Data row 2718 is sheet line 2719: a bad phone and a bad e-mail, both listed.
    wb.active["E2719"] = "không phải số"
    wb.active["F2719"] = "hoa@"
    wb.active["A2900"] = "Phạm Văn Số 5"  # the name and unit of line 7
    wb.active["C2900"] = "Sở Ngành 5"
    wb.save(path)
    preview = preview_import(db, path)
    bad = {r.line: r.problems for r in preview.rows if r.problems}
    assert sorted(bad) == [2719, 2900] and preview.errors == 2
    assert len(bad[2719]) == 2
    assert "Điện thoại" in bad[2719][0] and "Thư điện tử" in bad[2719][1]
    assert bad[2900] == ["Trùng với dòng 7 (cùng họ tên và đơn vị)."]
    with pytest.raises(BcdError, match="2 dòng lỗi"):
        apply_import(db, preview, default_start=date(2026, 2, 10))
    assert m.list_people(db) == []


def test_imported_rows_are_stamped_and_can_be_edited(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = xlsx_roster(tmp_path / "r.xlsx", 40)
    assert apply_import(db, preview_import(db, path), default_start="10/02/2026") == 40
    with db.session() as s:
        people = s.scalars(select(Person).order_by(Person.id)).all()
        members = s.scalars(select(CommitteeMembership)).all()
        stamps = {(p.version, p.created_at, p.updated_at) for p in [*people, *members]}
        assert len(people) == len(members) == 40
        assert people[0].phone == "0912 000000"
    # One action, one time: every row carries version 1 and the same creation time.
    ((version, created, updated),) = stamps
    assert version == 1 and created == updated and created is not None
    first = people[0].id
    update_person(db, first, expected_version=1, position="Giám đốc")
    assert get_person(db, first).version == 2
    with pytest.raises(ConflictError):
        update_person(db, first, expected_version=1, position="Phó Giám đốc")
