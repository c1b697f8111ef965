"""A copy of the office database (the meeting-room laptop's, bdcq copy-for-room) keeps its
identity, so its backups are of the same database: each backup says which file it was taken
from, and a damaged file is offered its own backup first, a copy's only said as such. Real
SQLite files, real backups, the real command line and question box."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import retention
from bdcq_desktop.core.backup import backup_before, backups_dir
from bdcq_desktop.core.db import DatabaseDamagedError, open_database
from bdcq_desktop.core.members import create_person
from bdcq_desktop.core.room_copy import copy_for_room
from tests.cli_run import run_bdcq

COPY_SAID = "lập từ tệp khác: {path} (bản sao của cùng cơ sở dữ liệu, ví dụ máy phòng họp)"


def _laptop_backup(office: Any, tmp_path: Path) -> tuple[Path, Path]:
    """The room laptop's copy, changed there, then backed up into the same folder."""
    laptop_path = copy_for_room(office, tmp_path / "laptop.sqlite3")
    laptop = open_database(laptop_path)
    try:
        create_person(laptop, full_name="Người Thêm Ở Phòng Họp")
        return laptop_path, backup_before(laptop, "auto")
    finally:
        laptop.dispose()


def _damage(live: Path) -> None:
    with live.open("r+b") as f:  # four pages zeroed from the fourth on
        f.seek(4096 * 3)
        f.write(b"\0" * 4096 * 4)


def test_a_damaged_file_is_offered_its_own_backup_before_a_newer_one_of_its_copy(
    demo_db: Any, tmp_path: Path
) -> None:
    own = backup_before(demo_db, "auto")
    _laptop_path, laptops = _laptop_backup(demo_db, tmp_path)
    assert retention.name_tag(laptops.name) == retention.name_tag(own.name)  # same identity
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage(live)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    assert caught.value.backup == own  # was the laptop's, the newest of that identity
    assert caught.value.copied_from is None
    assert "Bản sao lưu tự động mới nhất của chính cơ sở dữ liệu này" in caught.value.message


def test_only_a_copys_backup_at_hand_is_offered_as_another_files(
    demo_db: Any, tmp_path: Path
) -> None:
    laptop_path, laptops = _laptop_backup(demo_db, tmp_path)
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage(live)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    assert caught.value.backup == laptops
    assert caught.value.copied_from == str(laptop_path.resolve())
    message = caught.value.message
    assert COPY_SAID.format(path=laptop_path.resolve()) in message
    assert "của chính cơ sở dữ liệu này:" not in message
    # bdcq check says the same.
    checked = run_bdcq(["check"], db=live)
    assert COPY_SAID.format(path=laptop_path.resolve()) in checked.stdout + checked.stderr


def test_the_recovery_question_on_a_copys_backup_does_not_restore_on_enter(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QPushButton

    from bdcq_desktop.ui.dialogs.backups_dialog import offer_recovery

    laptop_path, _laptops = _laptop_backup(demo_db, tmp_path)
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage(live)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    answers: list[Any] = []
    box = offer_recovery(caught.value, answers.append)
    qtbot.addWidget(box)
    assert COPY_SAID.format(path=laptop_path.resolve()) in box.text()
    assert "không phải dữ liệu của chính tệp này" in box.informativeText()
    assert "của chính cơ sở dữ liệu này" not in box.text() + box.informativeText()
    assert box.defaultButton() is box.findChild(QPushButton, "quitButton")
    box.defaultButton().click()
    assert answers == [None]
    assert live.exists() and not list(live.parent.glob("*.damaged-*"))  # nothing restored


def test_the_list_tells_a_copys_backups_and_names_every_file_whole(
    demo_db: Any, tmp_path: Path
) -> None:
    own = backup_before(demo_db, "auto")
    laptop_path, laptops = _laptop_backup(demo_db, tmp_path)
    live = demo_db.sqlite_path
    demo_db.dispose()
    listed = run_bdcq(["backups", "list", "--format", "json"], db=live)
    assert listed.returncode == 0, listed.stderr
    rows = {r["path"]: r for r in json.loads(listed.stdout)}
    tag = retention.name_tag(own.name)
    assert (rows[str(own)]["database"], rows[str(own)]["tag"]) == ("this", tag)
    assert (rows[str(laptops)]["database"], rows[str(laptops)]["tag"]) == ("copy", tag)
    assert rows[str(laptops)]["source"] == str(laptop_path.resolve())
    # The laptop's own list says the office's backup is the copy's.
    there = json.loads(run_bdcq(["backups", "list", "--format", "json"], db=laptop_path).stdout)
    assert {r["path"]: r["database"] for r in there} == {str(own): "copy", str(laptops): "this"}

    table = run_bdcq(["backups", "list"], db=live).stdout
    assert f"Thư mục sao lưu / backup folder: {backups_dir()}" in table
    lines = table.splitlines()
    mine = next(line for line in lines if own.name in line)
    theirs = next(line for line in lines if laptops.name in line)  # whole, not cut with …
    assert "này / this" in mine and "bản sao (tệp khác)" in theirs


def test_a_busy_copy_never_prunes_the_office_files_backups(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    tag = "a" * 12
    office, laptop = "0" * 8, "1" * 8
    only = folder / retention.backup_name(datetime(2026, 11, 30, 8, 0), "auto", tag, office)
    only.write_bytes(b"x")
    for minute in range(12):
        taken = datetime(2026, 11, 30, 9, minute)
        (folder / retention.backup_name(taken, "auto", tag, laptop)).write_bytes(b"x")
    removed = retention.prune_folder(folder, datetime(2026, 12, 1, 9, 0))
    assert only.exists()
    assert len(removed) == 2 and {retention.name_source(p.name) for p in removed} == {laptop}
    assert retention.parse_name(only.name)[1] == "auto"


def test_the_backups_window_marks_a_copys_backups(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    from bdcq_desktop.ui.dialogs.backups_dialog import BackupsDialog

    own = backup_before(demo_db, "manual")
    _laptop_path, laptops = _laptop_backup(demo_db, tmp_path)
    dialog = BackupsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [b.path for b in dialog.backups] == [laptops, own]  # both of this database
    assert dialog.table.item(0, 1).text().endswith("bản sao (tệp khác)")
    assert "tệp khác" not in dialog.table.item(1, 1).text()
