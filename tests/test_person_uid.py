"""A person's "Mã người" in a roster file (their uid) never names two people: not the person
the meeting room's copy added under the same id as one added at the office, nor the person a
freed id was given to after a deletion. The uid is kept by the room's copy and by a backup
restored; a key found here under another name renames its person, and says so."""

from __future__ import annotations

import csv
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select

from bdcq_desktop.core import members as m
from bdcq_desktop.core.backup import backup_to, restore_from
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.member_removal import delete_mistaken_member
from bdcq_desktop.core.models import CommitteeMembership, Person
from bdcq_desktop.core.room_copy import copy_for_room
from bdcq_desktop.core.roster_io import apply_import, export_roster, preview_import
from bdcq_desktop.core.units import create_unit
from tests.cli_run import run_bdcq

START = date(2026, 11, 1)


def _member(db: Database, name: str, unit: int) -> tuple[int, int]:
    """(person id, membership id) of a new member of the committee at ``unit`` (each their
    own post: two holders of one post in one unit is a question of its own)."""
    post = f"Phó Giám đốc phụ trách {name.split()[-1]}"
    pid = m.create_person(db, full_name=name, position=post, unit_id=unit)
    return pid, m.appoint(db, pid, role="member", start_date=START)


def _person(db: Database, pid: int) -> tuple[str, int]:
    """(name, committee terms) of person ``pid``."""
    with db.session() as s:
        terms = s.scalar(select(func.count()).where(CommitteeMembership.person_id == pid))
        return s.get(Person, pid).full_name, terms or 0


def _uids(db: Database) -> dict[int, str]:
    with db.session() as s:
        return dict(s.execute(select(Person.id, Person.uid)).all())


def test_a_person_added_on_the_rooms_copy_renames_nobody_at_the_office(
    db: Any, db_path: Path, tmp_path: Path
) -> None:
    """The review's repro: the laptop's copy and the office each give their new person the
    next id at one unit; the laptop's roster imported at the office made the office's person
    the laptop's (renamed, "1 dòng đã có, giữ nguyên")."""
    unit = create_unit(db, name="Sở Tư pháp")
    _member(db, "Trần Thị Lan", unit)
    laptop = open_database(copy_for_room(db, tmp_path / "usb" / "laptop.sqlite3"))
    try:
        theirs, _t = _member(laptop, "Nguyễn Thị Phòng Họp", unit)
        ours, _o = _member(db, "Phạm Văn Chính", unit)
        assert theirs == ours  # the premise: one id, two people
        export_roster(laptop, tmp_path / "laptop.csv")
    finally:
        laptop.dispose()
    done = run_bdcq(["members", "import", str(tmp_path / "laptop.csv"), "--yes"], db=db_path)
    assert done.returncode == 0, done.stderr
    assert _person(db, ours) == ("Phạm Văn Chính", 1)
    assert "(1 mới / new)" in done.stdout and "đổi họ tên" not in done.stdout
    # The laptop's person is a person of their own, under the key the laptop gave them: the
    # same file imported again finds them by it.
    with open(tmp_path / "laptop.csv", encoding="utf-8-sig", newline="") as f:
        their_key = next(r[-1] for r in csv.reader(f) if "Nguyễn Thị Phòng Họp" in r)
    with db.session() as s:
        added = s.scalar(select(Person).where(Person.uid == their_key))
        assert added is not None and added.full_name == "Nguyễn Thị Phòng Họp"
    again = preview_import(db, tmp_path / "laptop.csv")
    assert again.ok and again.new_people == 0 and again.unchanged == 2


def test_an_export_made_before_a_deletion_renames_nobody(db: Any, tmp_path: Path) -> None:
    """The review's repro: a member deleted as entered by mistake frees an id SQLite gives the
    next person; the export made before named that id, and gave its term to the new person."""
    unit = create_unit(db, name="Sở Tư pháp")
    wrong, term = _member(db, "Lê Văn Nhầm", unit)
    export_roster(db, tmp_path / "before.xlsx")
    delete_mistaken_member(db, term)
    new, _n = _member(db, "Hồ Thị Mới", unit)
    assert new == wrong  # the premise: the id given again
    preview = preview_import(db, tmp_path / "before.xlsx")
    row = preview.rows[0]
    assert row.existing_person_id is None and not row.new_name and preview.renamed == 0
    apply_import(db, preview)
    assert _person(db, new) == ("Hồ Thị Mới", 1)


def test_a_key_under_another_name_renames_and_says_so(
    db: Any, db_path: Path, tmp_path: Path
) -> None:
    unit = create_unit(db, name="Sở Tư pháp")
    pid, _t = _member(db, "Nguyễn Văn Ann", unit)
    out = tmp_path / "all.csv"
    export_roster(db, out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][-1] == _uids(db)[pid]
    uuid.UUID(rows[1][-1])
    rows[1][1] = "Nguyễn Văn An"  # the typo fixed in the file
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    preview = preview_import(db, out)
    assert preview.renamed == 1 and preview.rows[0].existing_person_id == pid
    # The rename alone: their own post under their recorded name is no second holder of it.
    assert len(preview.rows[0].warnings) == 1
    said = " ".join(preview.rows[0].warnings)
    assert "đổi họ tên" in said and '"Nguyễn Văn Ann"' in said and '"Nguyễn Văn An"' in said
    assert preview.rows[0].person_label == f"đã có, ID người {pid}; đổi họ tên"
    done = run_bdcq(["members", "import", str(out), "--yes"], db=db_path)
    assert done.returncode == 0, done.stderr
    assert "1 người đổi họ tên" in done.stdout
    assert _person(db, pid) == ("Nguyễn Văn An", 1)


def test_a_key_of_the_first_days_form_is_refused_naming_the_column(db: Any, tmp_path: Path) -> None:
    """A key "1a2b3c4d-87" (the database's identity and an id) was written for a day, in no release:
    its number may be someone else now."""
    unit = create_unit(db, name="Sở Tư pháp")
    pid, _t = _member(db, "Hồ Thị Mới", unit)
    book = Workbook()
    book.active.append(["Họ và tên", "Đơn vị", "Vai trò", "Từ ngày", "Mã người"])
    book.active.append(["Lê Văn Nhầm", "Sở Tư pháp", "Thành viên", "01/11/2026", f"1a2b3c4d-{pid}"])
    book.save(tmp_path / "old.xlsx")
    preview = preview_import(db, tmp_path / "old.xlsx")
    assert not preview.ok
    problem = " ".join(preview.rows[0].problems)
    assert "Mã người" in problem and "dạng cũ" in problem and f"1a2b3c4d-{pid}" in problem


def test_the_uid_survives_the_rooms_copy_and_a_backup_restored(db: Any, tmp_path: Path) -> None:
    unit = create_unit(db, name="Sở Tư pháp")
    for name in ("Trần Thị Lan", "Phạm Văn Chính"):
        _member(db, name, unit)
    uids = _uids(db)
    assert all(uids.values()) and len(set(uids.values())) == len(uids)
    laptop = open_database(copy_for_room(db, tmp_path / "usb" / "laptop.sqlite3"))
    try:
        assert _uids(laptop) == uids
    finally:
        laptop.dispose()
    saved = backup_to(db, tmp_path / "saved.sqlite3")
    with db.session() as s:  # changed after the backup: the restore brings the uids back
        s.execute(Person.__table__.update().values(uid=None))
    restore_from(db, saved)
    assert _uids(db) == uids


def test_the_window_says_who_was_renamed(qtbot: Any, db: Any, tmp_path: Path) -> None:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
    from tests.test_ui_members import _tab, _wait_for

    unit = create_unit(db, name="Sở Tư pháp")
    pid, _t = _member(db, "Nguyễn Văn Ann", unit)
    out = tmp_path / "all.csv"
    export_roster(db, out)
    out.write_text(out.read_text(encoding="utf-8-sig").replace("Ann,", "An,"), encoding="utf-8")
    tab = _tab(qtbot, db)
    tab.committee.import_from(str(out))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    assert "1 người đổi họ tên" in dialog.summary.text()
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: "1 người đổi họ tên" in tab.committee.notice.text())
    assert _person(db, pid) == ("Nguyễn Văn An", 1)
