"""No output path replaces a database (core.files.refuse_output): an existing SQLite file, or a
side file beside one, is refused by every command that writes a file (documents, the room's
record, backups, the laptop's copy), whatever its name. The one exception is the laptop's
earlier copy of this same database, replaced only when asked (``copy_for_room(replace=True)``,
``bdcq copy-for-room --replace``), since what the room recorded there and did not export is lost.
Real files throughout: their bytes are compared before and after a refusal."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.backup import backups_dir
from bdcq_desktop.core.db import open_database, output_path
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.files import DatabaseTargetError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.room_copy import EarlierRoomCopyError, backup_copy, copy_for_room
from bdcq_desktop.core.room_record import export_meeting_record
from bdcq_desktop.core.walk_in import add_walk_in
from tests.cli_run import bdcq, demo  # noqa: F401
from tests.test_meeting_record import DURING, _meeting

OPEN = "Đang mở trên máy phòng họp"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _walk_ins(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("select guest_name from invitee")]
    finally:
        con.close()


def _another_database(tmp_path: Path, empty_template: Path) -> Path:
    """Another office's database (its own identity) on the same stick."""
    other = tmp_path / "usb" / "khac.sqlite3"
    other.parent.mkdir(exist_ok=True)
    shutil.copyfile(empty_template, other)
    con = sqlite3.connect(other)
    with con:
        con.execute("update organisation set database_uid = 'aaaaaaaa-0000-4000-8000-000000000001'")
    con.close()
    return other


def test_the_laptop_s_earlier_copy_is_replaced_only_when_asked(db: Any, tmp_path: Path) -> None:
    """A walk-in recorded on the laptop's copy and not exported survives a second copy-for-room
    onto it (refused, the file byte for byte as it was); with ``replace`` it is replaced."""
    ids = _meeting(db)
    copy = copy_for_room(db, tmp_path / "usb" / "laptop.sqlite3")
    laptop = open_database(copy)
    try:  # the room's unexported work: a walk-in
        version = get_meeting(laptop, ids["meeting"]).version
        add_walk_in(laptop, ids["meeting"], {"guest_name": "Người chưa xuất"},
                    expected_version=version, now=DURING)  # fmt: skip
    finally:
        laptop.dispose()
    before = _digest(copy)
    with pytest.raises(EarlierRoomCopyError) as caught:
        copy_for_room(db, copy)
    assert str(copy) in caught.value.message and "chưa xuất" in caught.value.message
    assert _digest(copy) == before and "Người Chưa Xuất" in _walk_ins(copy)
    # A backup is never over it either, asked or not.
    with pytest.raises(DatabaseTargetError):
        backup_copy(db, copy)
    assert _digest(copy) == before

    assert copy_for_room(db, copy, replace=True) == copy
    assert "Người Chưa Xuất" not in _walk_ins(copy)
    assert not [p for p in copy.parent.iterdir() if p != copy]  # no temporary file left


def test_another_database_is_never_replaced_by_any_output(
    db: Any, tmp_path: Path, empty_template: Path
) -> None:
    """The laptop's copy, the room's record (JSON), a backup: each refused over another BCĐ
    database, naming it; ``replace`` is for this database's own copy only. Its side files too."""
    ids = _meeting(db)
    other = _another_database(tmp_path, empty_template)
    before = _digest(other)
    writes = [
        lambda: copy_for_room(db, other),
        lambda: copy_for_room(db, other, replace=True),
        lambda: export_meeting_record(db, ids["meeting"], other),
        lambda: backup_copy(db, other),
    ]
    for write in writes:
        with pytest.raises(DatabaseTargetError) as caught:
            write()
        assert f"{other} là một tệp cơ sở dữ liệu; không ghi đè" in caught.value.message
        assert _digest(other) == before
    # Its journal beside it, and a file whose journal is there (its main file gone).
    side = other.with_name(other.name + "-wal")
    with pytest.raises(DatabaseTargetError) as caught:
        export_meeting_record(db, ids["meeting"], side)
    assert str(other) in caught.value.message and not side.exists()
    stale = tmp_path / "usb" / "cu.sqlite3"
    stale.with_name(stale.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
    with pytest.raises(DatabaseTargetError):
        copy_for_room(db, stale)
    assert not stale.exists()


def test_a_backup_is_not_written_over_an_earlier_one_nor_into_the_backup_folder(
    db: Any, tmp_path: Path
) -> None:
    first = backup_copy(db, tmp_path / "sao-luu.sqlite3")
    before = _digest(first)
    with pytest.raises(DatabaseTargetError):
        backup_copy(db, first)
    assert _digest(first) == before
    automatic = backups_dir() / "tu-dong.sqlite3"
    shutil.copyfile(first, automatic)
    with pytest.raises(BcdError):
        output_path(automatic, db)
    with pytest.raises(BcdError):
        copy_for_room(db, automatic, replace=True)
    assert _digest(automatic) == before


def test_an_earlier_copy_a_program_has_open_is_not_replaced(db: Any, tmp_path: Path) -> None:
    """The laptop's app has the copy open (write-ahead log beside it): even asked, it is left
    as it is; closed, it is replaced and no old log is left to be played into the new copy."""
    copy = copy_for_room(db, tmp_path / "laptop.sqlite3")
    laptop = open_database(copy)
    try:
        with laptop.engine.begin() as con:
            con.exec_driver_sql(f"update organisation set committee_name = '{OPEN}'")
        wal = copy.with_name(copy.name + "-wal")
        assert wal.exists()
        with pytest.raises(BcdError) as caught:
            copy_for_room(db, copy, replace=True)
        assert "đang được mở" in caught.value.message and wal.exists()
    finally:
        laptop.dispose()
    copy_for_room(db, copy, replace=True)
    assert not wal.exists()
    con = sqlite3.connect(copy)
    try:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        assert con.execute("select committee_name from organisation").fetchone() != (OPEN,)
    finally:
        con.close()


def test_the_commands_refuse_a_database_and_copy_for_room_takes_replace(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The audit's three: ``export agenda -o x.sqlite3`` (a PDF over a database),
    ``meetings room-export -o other.sqlite3`` (JSON over it), ``copy-for-room`` onto the
    laptop's copy; a PDF over an earlier PDF stays allowed."""
    room = tmp_path / "room.sqlite3"
    assert bdcq(demo, "copy-for-room", "-o", room).returncode == 0
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(demo, other)
    before = _digest(other)
    for args in (("export", "agenda", "--meeting", "1", "-o", other),
                 ("meetings", "room-export", "1", "-o", other)):  # fmt: skip
        out = bdcq(room, *args)
        assert out.returncode == 2, out.stderr
        assert "là một tệp cơ sở dữ liệu; không ghi đè" in out.stderr and str(other) in out.stderr
        assert _digest(other) == before
    pdf = tmp_path / "agenda.pdf"
    for _ in range(2):
        assert bdcq(demo, "export", "agenda", "--meeting", "1", "-o", pdf).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    kept = _digest(room)
    out = bdcq(demo, "copy-for-room", "-o", room)
    assert out.returncode == 2 and "--replace" in out.stderr and _digest(room) == kept
    assert bdcq(demo, "copy-for-room", "-o", room, "--replace").returncode == 0
