"""Automatic backups belong to their database: every database opened on the computer backs up
into one folder, and the recovery offer, the pruning and the list go by the database's
identity (``organisation.database_uid``). Real SQLite files and real backups throughout."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from bdcq_desktop.core import retention
from bdcq_desktop.core.backup import backup_before, backups_dir, restore_from
from bdcq_desktop.core.backups import list_backups, prune
from bdcq_desktop.core.db import DatabaseDamagedError, open_database
from bdcq_desktop.core.members import create_person
from tests.cli_run import run_bdcq


def _uid(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("select database_uid from organisation").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A second database on the same computer: new (its own identity), one person in it."""
    db = open_database(tmp_path / "archive.sqlite3")
    create_person(db, full_name="Lưu Trữ Một")
    yield db
    db.dispose()


def _zero_pages(live: Path) -> None:
    """The audit's damage: four pages zeroed from the fourth on."""
    with live.open("r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\0" * 4096 * 4)


def test_a_backup_is_named_with_and_holds_its_database_identity(demo_db) -> None:  # type: ignore[no-untyped-def]
    uid = _uid(demo_db.sqlite_path)
    taken = backup_before(demo_db, "manual")
    assert retention.name_tag(taken.name) == uid.replace("-", "")[:12]
    assert taken.name.endswith("-manual.sqlite3")
    assert retention.parse_name(taken.name)[1] == "manual"
    assert _uid(taken) == uid  # the copy keeps it inside too


@pytest.mark.parametrize("kind", ["pages", "header", "text", "empty"])
def test_recovery_offers_only_a_backup_of_the_damaged_database(
    kind: str, demo_db, archive  # type: ignore[no-untyped-def]
) -> None:
    """The audit's case 1: the office database damaged, the folder's newest backup an
    archive's: the archive's was offered, and by the default button replaced the office."""
    office = backup_before(demo_db, "before-import")
    backup_before(archive, "before-import")  # newer, of another database
    live = demo_db.sqlite_path
    demo_db.dispose()
    if kind == "pages":
        _zero_pages(live)
    elif kind == "header":  # SQLite reads nothing: the identity is found in the bytes
        with live.open("r+b") as f:
            f.write(b"\0" * 4096)
        (backups_dir() / "databases.tsv").unlink()  # not from the path noted at backup
    elif kind == "text":
        live.write_text("không phải cơ sở dữ liệu\n", encoding="utf-8")
    else:
        live.write_bytes(b"")
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True, refuse_empty=True)
    assert caught.value.backup == office
    when = retention.parse_name(office.name)[0].strftime("%d/%m/%Y %H:%M:%S")
    assert f"lúc {when}" in caught.value.message


def test_a_damaged_database_without_a_backup_of_its_own_is_offered_none(
    demo_db, archive  # type: ignore[no-untyped-def]
) -> None:
    backup_before(archive, "manual")
    live = demo_db.sqlite_path
    demo_db.dispose()
    _zero_pages(live)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    assert caught.value.backup is None
    assert "của chính cơ sở dữ liệu này" in caught.value.message


def test_an_older_backup_without_identity_in_its_name_is_read_inside(
    demo_db, archive  # type: ignore[no-untyped-def]
) -> None:
    """A backup made by an earlier version: no identity in its name; read inside, it is
    offered for its own database and never for another."""
    tagged = backup_before(demo_db, "auto")
    taken = retention.parse_name(tagged.name)[0]
    old = tagged.with_name(retention.backup_name(taken, "auto"))
    tagged.rename(old)
    live, other = demo_db.sqlite_path, archive.sqlite_path
    demo_db.dispose()
    archive.dispose()
    _zero_pages(live)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    assert caught.value.backup == old
    _zero_pages(other)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(other, verify=True)
    assert caught.value.backup is None


def test_another_databases_backups_never_prune_this_ones(demo_db, archive) -> None:  # type: ignore[no-untyped-def]
    """The audit's /tmp/safety/mix2: ten backups of another file deleted the office
    database's only backup."""
    only = backup_before(demo_db, "before-import")
    for _ in range(11):
        backup_before(archive, "auto")
    assert only.exists()
    prune()
    assert only.exists()
    # The archive's own are thinned as ever: ten kept of eleven (the day's newest among them).
    assert len(list(backups_dir().glob(f"bcd-*-{retention.name_tag(only.name)}-*"))) == 1
    assert len(list_backups()) == 11


def test_the_copy_before_a_restore_outlives_ordinary_backups(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The audit's case 2: ten later automatic backups deleted the only copy of what a restore
    replaced."""
    create_person(demo_db, full_name="Chỉ Có Trước Khi Khôi Phục")
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(demo_db.sqlite_path, older)
    create_person(demo_db, full_name="Người Thêm Sau")
    safety = restore_from(demo_db, older)
    assert safety is not None and "before-restore" in safety.name
    for _ in range(12):
        create_person(demo_db, full_name="Người Mới")
        backup_before(demo_db, "auto")
    assert safety.exists()
    prune(open_file=demo_db.sqlite_path)
    assert safety.exists()
    # Each before-restore copy is kept a year (the newest five whatever their age).
    now = retention.parse_name(safety.name)[0]
    assert retention.keep_safety([now], now.replace(year=now.year + 2)) == [True]


def test_a_backup_opened_as_the_database_is_never_pruned_by_its_own_backups(
    demo_db,  # type: ignore[no-untyped-def]
) -> None:
    """The audit's case 7: a backup opened with --db, and the app's own backup before an
    import deleted that very file under the open window."""
    first = backup_before(demo_db, "auto")
    for _ in range(9):
        backup_before(demo_db, "auto")
    demo_db.dispose()
    opened = open_database(first)
    try:
        create_person(opened, full_name="Người Trong Bản Sao Lưu")
        backup_before(opened, "before-import")
        assert first.exists()
        prune(open_file=first)
        assert first.exists()
    finally:
        opened.dispose()
    # Opened by another program (its -wal/-shm beside it): not deleted either.
    first.with_name(first.name + "-shm").write_bytes(b"")
    assert first not in prune()
    assert first.exists()


def test_pruning_is_per_database_with_hand_made_times(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 12, 1, 9, 0)
    mine, theirs = "a" * 12, "b" * 12
    only = folder / retention.backup_name(datetime(2026, 11, 30, 8, 0), "auto", mine)
    only.write_bytes(b"x")
    for minute in range(12):
        taken = datetime(2026, 11, 30, 9, minute)
        (folder / retention.backup_name(taken, "auto", theirs)).write_bytes(b"x")
    removed = retention.prune_folder(folder, now)
    assert only.exists()
    # Theirs: the ten newest kept, the two oldest go (their day has a newer one).
    assert len(removed) == 2 and {retention.name_tag(p.name) for p in removed} == {theirs}


def _bdcq(*args: str) -> tuple[int, str, str]:
    out = run_bdcq(args)
    return out.returncode, out.stdout, out.stderr


def test_the_command_line_lists_its_own_backups_and_refuses_another_databases(
    demo_db, archive  # type: ignore[no-untyped-def]
) -> None:
    mine = backup_before(demo_db, "manual")
    theirs = backup_before(archive, "manual")
    live = demo_db.sqlite_path
    demo_db.dispose()
    code, out, err = _bdcq("--db", str(live), "backups", "list", "--format", "json")
    assert code == 0, err
    assert [r["path"] for r in json.loads(out)] == [str(mine)]
    code, out, err = _bdcq("--db", str(live), "backups", "list", "--all", "--format", "json")
    rows = {r["path"]: (r["database"], r["tag"]) for r in json.loads(out)}
    assert rows[str(mine)] == ("this", retention.name_tag(mine.name))
    assert rows[str(theirs)] == ("other", retention.name_tag(theirs.name))

    uid = _uid(live)
    # A backup of this very database restores without asking.
    code, out, err = _bdcq("--db", str(live), "restore", str(mine))
    assert code == 0, err
    code, out, err = _bdcq("--db", str(live), "restore", str(theirs))
    assert code == 2 and "cơ sở dữ liệu khác" in err and "--other-database" in err
    assert _uid(live) == uid  # untouched
    code, out, err = _bdcq("--db", str(live), "restore", str(theirs), "--other-database")
    assert code == 0, err
    assert _uid(live) == _uid(theirs)
