"""An upgrade of an older version's database says where the copy taken before it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bdcq_desktop.cli import main
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD

BEFORE = "0020_task_events"


def test_init_over_an_older_version_s_file_names_the_backup_taken_before_upgrading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(sqlite_url(path))
    try:
        upgrade(db, BEFORE)  # the file as the older version left it
    finally:
        db.dispose()
    assert main(["--db", str(path), "init"]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "bản sao lưu trước khi nâng cấp" in line]
    assert said, err
    name, folder = said[0].rsplit(": ", 1)[1].removesuffix(")").split(" (thư mục ")
    backup = Path(folder) / name
    assert backup.is_file() and "upgrade-" + BEFORE in backup.name
    check = Database(sqlite_url(backup))
    try:
        assert current_revision(check) == BEFORE  # the copy is the file before the upgrade
    finally:
        check.dispose()
    db = Database(sqlite_url(path))
    try:
        assert current_revision(db) == HEAD
    finally:
        db.dispose()


def test_the_backup_before_upgrading_a_file_older_than_identities_is_that_database_s(
    tmp_path: Path,
) -> None:
    """A file of a version before database identities (0018): the copy taken before its
    upgrade is listed among the upgraded database's own backups, and offered when the
    upgraded file is later found damaged, instead of belonging to no database."""
    from bdcq_desktop.core.backup import backups_dir
    from bdcq_desktop.core.backup_identity import file_tag
    from bdcq_desktop.core.backups import list_backups
    from bdcq_desktop.core.db import DatabaseDamagedError, open_database

    path = tmp_path / "old.sqlite3"
    db = Database(sqlite_url(path))
    try:
        upgrade(db, "0017_walk_in")
    finally:
        db.dispose()
    open_database(path).dispose()
    mine = file_tag(path)
    assert mine is not None
    taken = [b for b in list_backups(backups_dir()) if b.reason == "upgrade-0017_walk_in"]
    assert [b.database for b in taken] == [mine]
    before = Database(sqlite_url(taken[0].path))
    try:
        assert current_revision(before) == "0017_walk_in"  # still the file as it was
    finally:
        before.dispose()
    with path.open("r+b") as f:  # the header and the first pages lost
        f.write(b"\0" * 8192)
    with pytest.raises(DatabaseDamagedError) as refused:
        open_database(path, verify=True)
    assert Path(str(refused.value.backup)) == taken[0].path
