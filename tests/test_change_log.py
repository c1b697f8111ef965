"""The per-record change log: inserts carry their record id, the core lists one record's
changes (frozen rows, newest first), ``bdcq log`` shows them."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import audit, members, units
from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import ChangeAction, ChangeLog
from tests.cli_run import run_bdcq


def test_an_inserted_row_is_logged_with_its_record_id(db: Any) -> None:
    unit_id = units.create_unit(db, name="Sở Nội vụ")
    with db.session() as s:
        rows = s.scalars(
            select(ChangeLog).where(
                ChangeLog.table_name == "unit", ChangeLog.action == ChangeAction.INSERT
            )
        ).all()
    assert [r.record_id for r in rows] == [unit_id]
    assert json.loads(rows[0].changes)["name"] == [None, "Sở Nội vụ"]


def _member(db: Any) -> int:
    return members.appoint_new(
        db,
        person={"full_name": "Trần Thị Bình", "position": "Phó Giám đốc"},
        appointment={"role": "member", "start_date": date(2026, 1, 5), "decision_number": "1/QĐ"},
    )


def test_record_changes_lists_who_when_and_what_newest_first(db: Any) -> None:
    mid = _member(db)
    row = next(r for r in members.list_committee(db) if r.id == mid)
    audit.set_current_user("Lê Văn Cường")
    try:
        members.update_member(
            db,
            mid,
            person_version=members.get_person(db, row.person_id).version,
            membership_version=row.version,
            person={"position": "Giám đốc"},
            membership={"field": "Chuyển đổi số"},
        )
    finally:
        audit.set_current_user(None)
    person_log = record_changes(db, "person", row.person_id)
    assert [c.action for c in person_log] == ["update", "insert"]
    latest = person_log[0]
    assert latest.user == "Lê Văn Cường" and latest.action_label == "Sửa"
    (change,) = latest.changes
    assert (change.field, change.label, change.before, change.after) == (
        "position",
        "Chức vụ",
        "Phó Giám đốc",
        "Giám đốc",
    )
    created = {c.field: c.after for c in person_log[1].changes}
    assert created["full_name"] == "Trần Thị Bình"
    with pytest.raises(dataclasses.FrozenInstanceError):
        latest.user = "x"  # type: ignore[misc]
    both = record_changes(db, "committee_membership", mid, related=[("person", row.person_id)])
    assert {(c.table, c.action) for c in both} == {
        ("person", "insert"),
        ("person", "update"),
        ("committee_membership", "insert"),
        ("committee_membership", "update"),
    }
    assert [c.id for c in both] == sorted((c.id for c in both), reverse=True)
    assert record_changes(db, "person", 999) == []


@pytest.mark.parametrize("table", ["persons", "change_log", "", "person; drop table person"])
def test_an_unknown_table_is_refused_naming_the_field(db: Any, table: str) -> None:
    with pytest.raises(ValidationError) as err:
        record_changes(db, table, 1)
    assert err.value.field == "table" and "Không có bảng" in err.value.message


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def test_bdcq_log(db: Any, db_path: Path) -> None:
    unit_id = units.create_unit(db, name="Sở Nội vụ")
    units.rename_unit(db, unit_id, "Sở Nội vụ tỉnh Nghệ An", expected_version=1)
    db.dispose()
    out = bdcq(db_path, "log", "--table", "unit", "--id", str(unit_id), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [r["action"] for r in data] == ["update", "insert"]
    assert data[0]["changes"]["name"] == {
        "label": "Tên cơ quan, đơn vị",
        "before": "Sở Nội vụ",
        "after": "Sở Nội vụ tỉnh Nghệ An",
    }
    assert data[0]["record_id"] == unit_id and data[0]["user"]
    table = bdcq(db_path, "log", "--table", "unit", "--id", str(unit_id))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert "Người sửa" in lines[0] and "Trước" in lines[0]
    assert any("Sửa" in x and "Sở Nội vụ tỉnh Nghệ An" in x for x in lines)
    assert any("Tạo mới" in x for x in lines)


def test_bdcq_log_refuses_an_unknown_table_in_one_line(db: Any, db_path: Path) -> None:
    db.dispose()
    out = bdcq(db_path, "log", "--table", "nguoi", "--id", "1")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Không có bảng" in out.stderr
    assert "Traceback" not in out.stderr


def test_the_officer_name_set_on_this_computer_is_who_the_log_names(
    qtbot: Any, db: Any, db_path: Path
) -> None:
    import getpass
    import unicodedata

    from bdcq_desktop.core.officer import apply_officer_name
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    db.dispose()
    name = unicodedata.normalize("NFD", "Nguyễn Thị Thư")  # as a Mac keyboard may type it
    out = bdcq(db_path, "settings", "set", "officer_name", f"  {name} ")
    assert out.returncode == 0, out.stderr
    shown = json.loads(bdcq(db_path, "settings", "show", "--format", "json").stdout)
    assert shown["officer_name"] == "Nguyễn Thị Thư"  # stored trimmed and NFC
    # The CLI applies it when it starts: its saves are logged under the name.
    assert bdcq(db_path, "units", "add", "Sở Tư pháp").returncode == 0
    unit_id = units.list_units(db)[0].id
    # So does the GUI (what its start calls): a save through a dialog.
    apply_officer_name()
    try:
        dialog = unit_dialog(db, unit=units.get_unit(db, unit_id))
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.form.editor("name").setText("Sở Tư pháp tỉnh Nghệ An")
        assert dialog.try_save(), dialog.banner_label.text()
    finally:
        audit.set_current_user(None)
    log = bdcq(db_path, "log", "--table", "unit", "--id", str(unit_id), "--format", "json")
    assert log.returncode == 0, log.stderr
    assert [(r["action"], r["user"]) for r in json.loads(log.stdout)] == [
        ("update", "Nguyễn Thị Thư"),
        ("insert", "Nguyễn Thị Thư"),
    ]
    table = bdcq(db_path, "log", "--table", "unit", "--id", str(unit_id)).stdout
    assert "Nguyễn Thị Thư" in table
    # A name too long is refused in one line, naming the key; empty goes back to the OS user.
    bad = bdcq(db_path, "settings", "set", "officer_name", "Thư" * 40)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "officer_name" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert bdcq(db_path, "settings", "set", "officer_name", "").returncode == 0
    assert bdcq(db_path, "units", "rename", str(unit_id), "Sở Tư pháp").returncode == 0
    log = bdcq(db_path, "log", "--table", "unit", "--id", str(unit_id), "--format", "json")
    assert json.loads(log.stdout)[0]["user"] == getpass.getuser()


def test_the_officer_name_is_set_from_the_file_menu(qtbot: Any, db: Any) -> None:
    from bdcq_desktop.core.officer import officer_name
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.officer_action.trigger()
    dialog = window.officer_dialog
    assert dialog.isVisible()
    dialog.form.editor("officer_name").setText("  Phạm Thu Hà ")
    try:
        assert dialog.try_save(), dialog.banner_label.text()
        assert officer_name() == "Phạm Thu Hà" and audit.current_user() == "Phạm Thu Hà"
        units.create_unit(db, name="Sở Tài chính")  # logged under the name at once
        assert record_changes(db, "unit", units.list_units(db)[0].id)[0].user == "Phạm Thu Hà"
    finally:
        audit.set_current_user(None)


def test_the_officer_dialog_goes_once_closed(qtbot: Any, db: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from bdcq_desktop.ui.main_window import MainWindow
    from bdcq_desktop.ui.record_dialog import RecordDialog

    window = MainWindow()
    qtbot.addWidget(window)
    for _ in range(4):
        window.officer_action.trigger()
        window.officer_dialog.reject()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(RecordDialog) == []
