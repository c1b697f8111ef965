"""Faults of the machine, not of the input: a database locked by another program for longer
than the busy timeout, a full disk (a file-size limit set on a child process: writes past
it fail as on a full disk, without root and without a loop device), and a database file or
folder that cannot be written, from the start or from the middle of the work.

In each case the save or the export says so in one Vietnamese line (the GUI's form keeps what
was typed), nothing is half-written, the database passes ``PRAGMA integrity_check`` and holds
exactly what was committed before, and the next save works once the fault is gone.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members, units
from bdcq_desktop.core.db import DatabaseDamagedError, open_database
from bdcq_desktop.core.sqlite_file import read_only_uri
from bdcq_desktop.core.storage_errors import StorageError
from tests.sqlite_lock import held_exclusively

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and rlimits")


def bdcq(db: Path, *args: str, preexec: Any = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
        preexec_fn=preexec,
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def assert_one_vietnamese_line(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("bdcq: "), err
    assert "Traceback" not in err
    for word in words:
        assert word.casefold() in err.casefold(), err


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def unit_names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM unit ORDER BY id")]
    finally:
        con.close()


@contextmanager
def locked(path: Path, *, readers_too: bool = False) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock (``readers_too``: its exclusive
    lock, which in WAL mode keeps readers out as well) with an uncommitted change."""
    with held_exclusively(path, readers_too=readers_too) as con:
        con.execute("UPDATE unit SET short_name = 'giữ khóa'")
        yield con


@pytest.fixture
def filled(db: Any, db_path: Path) -> Path:
    units.create_unit(db, name="Sở Nội vụ")
    members.create_person(db, full_name="Nguyễn Văn An")
    db.dispose()
    return db_path


# -- a locked database ----------------------------------------------------------------------------
def test_a_locked_database_is_not_called_damaged(filled: Path) -> None:
    """Opening a database another program holds exclusively must say "locked": calling it
    damaged would offer to restore a backup over data that is perfectly good."""
    with locked(filled, readers_too=True):
        cli = bdcq(filled, "units", "list")
        with pytest.raises(StorageError) as err:
            open_database(filled, verify=True)
        code, _out, stderr = finished(cli)
    assert not isinstance(err.value, DatabaseDamagedError)
    assert "khóa" in err.value.message
    assert_one_vietnamese_line(code, stderr, "khóa")
    assert "hỏng" not in stderr
    assert integrity(filled) == "ok"
    assert unit_names(filled) == ["Sở Nội vụ"]
    assert not list(filled.parent.glob("*.damaged-*"))


def test_saves_on_a_locked_database_say_so_and_keep_what_was_typed(
    qtbot: Any, filled: Path
) -> None:
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    db = open_database(filled)
    unit = units.list_units(db)[0]
    dialog = unit_dialog(db, unit=unit)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.editor("name").setText("Sở Nội vụ tỉnh Nghệ An")
    with locked(filled):
        # The command line and the GUI wait out the busy timeout side by side.
        cli = bdcq(filled, "units", "rename", str(unit.id), "Sở Nội vụ (CLI)")
        reader = bdcq(filled, "units", "list", "--format", "csv")
        assert not dialog.try_save()
        code, _out, stderr = finished(cli)
        read_code, listed, read_err = finished(reader)
    assert dialog.isVisible() and "khóa" in dialog.banner_label.text()
    assert dialog.form.editor("name").text() == "Sở Nội vụ tỉnh Nghệ An"
    assert_one_vietnamese_line(code, stderr, "khóa")
    # In WAL mode a writer's lock does not stop readers (the list, an export).
    assert read_code == 0, read_err
    assert "Sở Nội vụ" in listed and "giữ khóa" not in listed
    assert integrity(filled) == "ok"
    assert unit_names(filled) == ["Sở Nội vụ"]
    # The lock gone, the same form saves what was typed.
    assert dialog.try_save(), dialog.banner_label.text()
    assert unit_names(filled) == ["Sở Nội vụ tỉnh Nghệ An"]
    db.dispose()


# -- a full disk ----------------------------------------------------------------------------------
def _file_size_limit(limit: int) -> Any:
    def apply() -> None:
        # Past the limit a write fails (EFBIG) instead of killing the process (SIGXFSZ).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@contextmanager
def file_size_limit_here(limit: int) -> Iterator[None]:
    """The same limit on this process, for the GUI's save, lifted again afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_saves_on_a_full_disk_fail_cleanly_and_lose_nothing(qtbot: Any, filled: Path) -> None:
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    db = open_database(filled)
    unit = units.list_units(db)[0]
    dialog = unit_dialog(db, unit=unit)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.editor("name").setText("Sở Nội vụ tỉnh Nghệ An")
    # The app has the database open (its WAL index exists) and its log has just been emptied:
    # the next commit must write a page to the log, past the limit, as on a full disk.
    app = sqlite3.connect(filled)
    assert app.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0  # not busy
    assert filled.with_name(filled.name + "-wal").stat().st_size == 0
    people = app.execute("SELECT count(*) FROM person").fetchone()[0]
    try:
        cli = bdcq(filled, "units", "add", "Đơn vị mới", preexec=_file_size_limit(4096))
        code, _out, err = finished(cli)
        with file_size_limit_here(4096):
            saved = dialog.try_save()
    finally:
        app.close()
    assert_one_vietnamese_line(code, err, "ổ đĩa")
    assert not saved and dialog.isVisible() and "ổ đĩa" in dialog.banner_label.text()
    assert dialog.form.editor("name").text() == "Sở Nội vụ tỉnh Nghệ An"
    assert integrity(filled) == "ok"
    assert unit_names(filled) == ["Sở Nội vụ"]  # nothing of either save
    con = sqlite3.connect(filled)
    assert con.execute("SELECT count(*) FROM person").fetchone()[0] == people
    con.close()
    # Room again: the same form saves what was typed.
    assert dialog.try_save(), dialog.banner_label.text()
    assert unit_names(filled) == ["Sở Nội vụ tỉnh Nghệ An"]
    db.dispose()


@pytest.mark.parametrize(
    "args, name, limit, said",
    [
        (["members", "export"], "roster.xlsx", 1024, "đã đầy"),  # a few kilobytes
        # The database's size. A backup looks at the room left: the disk has room, one file
        # may not grow so big (as on a FAT32 stick), and that is what it says.
        (["backup", "-o"], "copy.sqlite3", 32_768, "FAT32"),
    ],
)
def test_exports_on_a_full_disk_leave_no_file(
    filled: Path, tmp_path: Path, args: list[str], name: str, limit: int, said: str
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / name
    target.write_bytes(b"the previous export")
    # The app has the database open meanwhile (its WAL index exists, sized): reading needs no
    # file to grow, writing the export does.
    app = sqlite3.connect(filled)
    app.execute("SELECT count(*) FROM person").fetchone()
    try:
        proc = bdcq(filled, *args, str(target), preexec=_file_size_limit(limit))
        code, _out, err = finished(proc)
    finally:
        app.close()
    assert_one_vietnamese_line(code, err, "ổ đĩa", said)
    assert target.read_bytes() == b"the previous export"  # the old file, not a torn one
    assert sorted(p.name for p in out_dir.iterdir()) == [name]  # no temporary file left
    assert integrity(filled) == "ok"


def test_a_full_disk_when_opening_is_not_called_damage(filled: Path) -> None:
    """Nothing else has the database open: SQLite cannot even create its WAL index. That is
    a full disk, not a damaged file (no backup may be offered over it)."""
    proc = bdcq(filled, "units", "list", preexec=_file_size_limit(1024))
    code, _out, err = finished(proc)
    assert_one_vietnamese_line(code, err, "ổ đĩa")
    assert "hỏng" not in err
    assert integrity(filled) == "ok" and unit_names(filled) == ["Sở Nội vụ"]
    assert not list(filled.parent.glob("*.damaged-*"))


# -- a read-only database file or folder ----------------------------------------------------------
# Made read-only with the ``immutable`` fixture (conftest): permission bits stop nothing for root.
def _unit_dialog_typed(db: Any) -> Any:
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    dialog = unit_dialog(db, unit=units.list_units(db)[0])
    dialog.open()
    dialog.form.editor("name").setText("Sở Nội vụ tỉnh Nghệ An")
    return dialog


def _no_log_frames(path: Path) -> None:
    """SQLite may leave its (empty) log and index beside a database it read: no frame of a
    refused save is in the log."""
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_for_viewing_and_refuses_saves_keeping_the_form(
    qtbot: Any, filled: Path, tmp_path: Path, immutable: Any, what: str
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "d.sqlite3"
    path.write_bytes(filled.read_bytes())
    immutable(path if what == "file" else folder)
    before = path.read_bytes()
    db = open_database(path)
    assert db.read_only and "chỉ đọc" in db.warnings[0]
    dialog = _unit_dialog_typed(db)
    qtbot.addWidget(dialog)
    code, _out, err = finished(bdcq(path, "units", "add", "Sở Tư pháp"))
    assert not dialog.try_save()
    # The CLI warns on opening that the file is read-only, then refuses in one line.
    warning, refusal = err.splitlines()
    assert code == 2 and "chỉ xem" in warning and "Traceback" not in err
    assert refusal.startswith("bdcq: ") and "chỉ đọc" in refusal
    assert dialog.isVisible() and "chỉ đọc" in dialog.banner_label.text()
    assert "UPDATE" not in dialog.banner_label.text()
    assert dialog.form.editor("name").text() == "Sở Nội vụ tỉnh Nghệ An"
    assert units.list_units(db)[0].name == "Sở Nội vụ"  # still readable: the app runs on
    db.dispose()
    assert path.read_bytes() == before  # not a byte written
    _no_log_frames(path)
    con = sqlite3.connect(read_only_uri(path), uri=True)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_database_turning_read_only_while_open_refuses_the_save_and_keeps_the_form(
    qtbot: Any, filled: Path, immutable: Any, what: str
) -> None:
    """The stick's write-protect switch flipped, or the share turned read-only, while the app
    has the database open: the save fails with the read-only message, writes nothing, and
    the same form saves once the database can be written again."""
    db = open_database(filled)
    assert not db.read_only
    dialog = _unit_dialog_typed(db)
    qtbot.addWidget(dialog)
    immutable(filled if what == "file" else filled.parent)
    before = filled.read_bytes()
    try:
        assert not dialog.try_save()
        message = dialog.banner_label.text()
        assert dialog.isVisible() and "chỉ đọc" in message, message
        assert "Errno" not in message and "sqlite" not in message.lower()
        assert dialog.form.editor("name").text() == "Sở Nội vụ tỉnh Nghệ An"
        assert filled.read_bytes() == before
        _no_log_frames(filled)
    finally:
        subprocess.run(["chattr", "-i", str(filled if what == "file" else filled.parent)])
    assert integrity(filled) == "ok"
    assert unit_names(filled) == ["Sở Nội vụ"]
    assert dialog.try_save(), dialog.banner_label.text()
    assert unit_names(filled) == ["Sở Nội vụ tỉnh Nghệ An"]
    db.dispose()
