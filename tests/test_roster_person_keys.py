"""One person stays one person across roster imports: a unit merged since, a term at another
unit in an export of every term, a typo fixed in the file; namesakes stay two, and a row that
may be either of two people is asked about, never guessed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from bdcq_desktop.core import members as m
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.models import CommitteeMembership, Person
from bdcq_desktop.core.roster_io import apply_import, export_roster, preview_import
from bdcq_desktop.core.units import create_unit, list_units, merge_units
from tests.cli_run import run_bdcq

AN = "Nguyễn Văn An"
TT = "Sở Thông tin và Truyền thông"
KH = "Sở Khoa học và Công nghệ"


def _merged(db: Database) -> tuple[int, int]:
    """Nguyễn Văn An, Phó Giám đốc Sở TT&TT until 30/06/2025, the Sở merged into Sở KH&CN on
    01/07/2025; a namesake at Sở Y tế, member throughout. Returns (An, his namesake)."""
    tt = create_unit(db, name=TT)
    kh = create_unit(db, name=KH)
    yt = create_unit(db, name="Sở Y tế")
    an = m.create_person(db, full_name=AN, position="Phó Giám đốc Sở TT&TT", unit_id=tt)
    other = m.create_person(db, full_name=AN, position="Phó Giám đốc Sở Y tế", unit_id=yt)
    first = m.appoint(db, an, role="member", start_date=date(2024, 10, 2))
    m.appoint(db, other, role="member", start_date=date(2024, 10, 2))
    m.end_membership(db, first, end_date=date(2025, 6, 30), decision_number="2197/QĐ-UBND")
    merge_units(db, tt, kh, on=date(2025, 7, 1))
    return an, other


def _roster(path: Path, *rows: list[str], key: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Từ ngày"] + (["Mã người"] * key))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _people(db: Database) -> dict[int, tuple[str, int]]:
    """Every person named An: id → (their unit's name, their committee terms)."""
    with db.session() as s:
        return {
            p.id: (
                p.unit.name if p.unit else "",
                s.scalar(
                    select(func.count()).where(CommitteeMembership.person_id == p.id)
                )
                or 0,
            )
            for p in s.scalars(select(Person).where(Person.full_name == AN))
        }


def test_next_years_roster_at_the_merged_unit_is_the_same_person(db, tmp_path: Path) -> None:
    an, other = _merged(db)
    path = _roster(
        tmp_path / "2025.xlsx", [AN, "Phó Giám đốc Sở KH&CN", KH, "Thành viên", "01/07/2025"]
    )
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    assert preview.rows[0].existing_person_id == an
    apply_import(db, preview)
    # One An with two terms, now at Sở KH&CN; the namesake at Sở Y tế is untouched.
    assert _people(db) == {an: (KH, 2), other: ("Sở Y tế", 1)}


def test_the_export_of_every_term_moves_as_one_person(db, tmp_path: Path) -> None:
    _merged(db)
    apply_import(
        db,
        preview_import(
            db,
            _roster(tmp_path / "in.xlsx", [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025"]),
        ),
    )
    out = tmp_path / "all.xlsx"
    export_roster(db, out, include_former=True)
    ws = load_workbook(out).active
    keys = [row[-1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert all(keys) and len(set(keys)) == 2  # An's two terms carry one key
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        preview = preview_import(fresh, out)
        assert preview.ok, [r.problems for r in preview.rows]
        apply_import(fresh, preview)
        # His term at Sở TT&TT and his term at Sở KH&CN are one person; the namesake another.
        assert sorted(_people(fresh).values()) == [(KH, 2), ("Sở Y tế", 1)]
    finally:
        fresh.dispose()


def test_a_name_corrected_in_the_file_renames_the_person_it_keys(db, tmp_path: Path) -> None:
    typo = m.create_person(db, full_name="Nguyễn Văn Ann", position="Giám đốc")
    m.appoint(db, typo, role="member", start_date=date(2025, 1, 2))
    m.end_membership(
        db,
        next(r.id for r in m.list_committee(db)),
        end_date=date(2025, 6, 30),
        decision_number="9/QĐ-UBND",
    )
    out = tmp_path / "all.xlsx"
    export_roster(db, out, include_former=True)
    key = load_workbook(out).active.cell(row=2, column=15).value
    path = _roster(
        tmp_path / "fixed.xlsx", [AN, "Giám đốc", "", "Thành viên", "01/07/2025", key], key=True
    )
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    assert preview.rows[0].existing_person_id == typo
    assert any("Nguyễn Văn Ann" in w for _line, w in preview.warnings)
    apply_import(db, preview)
    assert _people(db) == {typo: ("", 2)}


def test_a_row_that_may_be_either_of_two_people_is_asked(db, tmp_path: Path) -> None:
    an, _other = _merged(db)
    kh = next(u for u in list_units(db) if u.name == KH).id
    namesake = m.create_person(db, full_name=AN, position="Chánh Văn phòng", unit_id=kh)
    row = [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025"]
    preview = preview_import(db, _roster(tmp_path / "a.xlsx", row))
    assert not preview.ok
    assert "Mã người" in preview.rows[0].problems[0]
    assert preview.rows[0].existing_person_id is None
    # Told which one by the key the export writes, the row is that person.
    out = tmp_path / "all.xlsx"
    export_roster(db, out, include_former=True)
    ws = load_workbook(out).active
    key = next(r[-1] for r in ws.iter_rows(min_row=2, values_only=True) if r[5] == TT)
    preview = preview_import(db, _roster(tmp_path / "b.xlsx", [*row, key], key=True))
    assert preview.ok, [r.problems for r in preview.rows]
    assert preview.rows[0].existing_person_id == an != namesake
    # So is the bare "Mã người" the lists of this database show.
    preview = preview_import(db, _roster(tmp_path / "c.xlsx", [*row, str(an)], key=True))
    assert preview.ok and preview.rows[0].existing_person_id == an


def test_the_preview_says_whom_each_row_is(qtbot: Any, db, tmp_path: Path) -> None:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    an, _other = _merged(db)
    path = _roster(
        tmp_path / "2025.xlsx",
        [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025"],
        ["Lê Thị Thu", "Giám đốc", "Sở Y tế", "Thành viên", "01/07/2025"],
    )
    dialog = ImportPreviewDialog(db, preview_import(db, path), str(path))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    model = dialog.model
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    column = titles.index("Người")
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    assert shown == [f"đã có, ID người {an}", "người mới"]
    assert "1 người đã có trong dữ liệu" in dialog.summary.text()
    dialog.reject()


def test_the_dry_run_says_whom_each_row_is(db, db_path: Path, tmp_path: Path) -> None:
    an, _other = _merged(db)
    path = _roster(tmp_path / "2025.xlsx", [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025"])
    dry = run_bdcq(["members", "import", str(path), "--dry-run"], db=db_path)
    assert dry.returncode == 0, dry.stderr
    assert f"đã có, ID người {an}" in dry.stdout and "(0 mới / new)" in dry.stdout


def _record(db: Database) -> list[tuple]:
    """Every person and committee term as stored, versions included: what must not move."""
    with db.session() as s:
        people = s.execute(select(Person).order_by(Person.id)).scalars()
        terms = s.execute(select(CommitteeMembership).order_by(CommitteeMembership.id)).scalars()
        return [
            *((p.id, p.full_name, p.unit_id, p.position, p.phone, p.version) for p in people),
            *((t.id, t.person_id, t.role, t.start_date, t.end_date, t.version) for t in terms),
        ]


def test_an_export_imported_back_changes_nothing(db, tmp_path: Path) -> None:
    _merged(db)
    apply_import(
        db,
        preview_import(
            db,
            _roster(tmp_path / "in.xlsx", [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025"]),
        ),
    )
    out = tmp_path / "all.xlsx"
    export_roster(db, out, include_former=True)
    before = _record(db)
    for _twice in range(2):
        preview = preview_import(db, out)
        # His former term at the merged Sở TT&TT is no refusal: it is recorded as it was.
        assert preview.ok, [r.problems for r in preview.rows]
        assert preview.unchanged == 3 and preview.memberships == preview.new_people == 0
        apply_import(db, preview)
        assert _record(db) == before


def test_a_person_who_left_is_found_at_the_unit_of_their_term(db, tmp_path: Path) -> None:
    """A roster file without keys (typed, or exported before the keys) lists a retired member
    at the unit they left: the change log says they were recorded there."""
    yt = create_unit(db, name="Sở Y tế")
    pid = m.create_person(db, full_name=AN, position="Giám đốc Sở Y tế", unit_id=yt)
    term = m.appoint(db, pid, role="member", start_date=date(2024, 10, 2))
    m.end_membership(db, term, end_date=date(2025, 11, 30), decision_number="9/QĐ-UBND")
    with db.session() as s:
        person = s.get(Person, pid)
        person.unit_id, person.position = None, "Nguyên Giám đốc Sở Y tế"
    path = _roster(
        tmp_path / "old.xlsx", [AN, "Giám đốc Sở Y tế", "Sở Y tế", "Thành viên", "02/10/2024"]
    )
    preview = preview_import(db, path)
    assert preview.rows[0].existing_person_id == pid
    assert "đã có trong danh sách thành viên" in " ".join(preview.rows[0].problems)


def test_a_bare_id_from_another_databases_list_names_nobody_here(db, tmp_path: Path) -> None:
    """``people list --format csv`` writes "Mã người" as a bare id: imported elsewhere, that
    number is someone else there, and must not make the row theirs."""
    here = m.create_person(db, full_name="Lê Thị Thu", position="Giám đốc")
    row = [AN, "Phó Giám đốc", "", "Thành viên", "01/07/2025", str(here)]
    path = _roster(tmp_path / "other.xlsx", row, key=True)
    preview = preview_import(db, path)
    read = preview.rows[0]
    assert read.existing_person_id is None and read.person_label == "người mới"
    assert any("Lê Thị Thu" in w for w in read.warnings)
    apply_import(db, preview)
    with db.session() as s:
        assert s.get(Person, here).full_name == "Lê Thị Thu"
    assert list(_people(db).values()) == [("", 1)]


def test_a_key_under_another_name_and_unit_is_still_its_person(db, tmp_path: Path) -> None:
    """The key is the person's uid, which no copy of the database gives anyone else (a
    person the laptop's copy adds gets a new one): under another name and another unit it
    is still them, renamed, and the warning says whom."""
    yt = create_unit(db, name="Sở Y tế")
    create_unit(db, name=KH)
    here = m.create_person(db, full_name="Lê Thị Thu", position="Giám đốc", unit_id=yt)
    m.appoint(db, here, role="member", start_date=date(2025, 1, 2))
    out = tmp_path / "all.xlsx"
    export_roster(db, out)
    key = load_workbook(out).active.cell(row=2, column=13).value
    row = [AN, "Phó Giám đốc", KH, "Thành viên", "01/07/2025", key]
    preview = preview_import(db, _roster(tmp_path / "copy.xlsx", row, key=True))
    read = preview.rows[0]
    assert read.existing_person_id == here and read.new_name == AN
    assert any("đổi họ tên" in w and "Lê Thị Thu" in w for w in read.warnings)
