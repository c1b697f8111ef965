"""Another program's SQLite file that uses Alembic too (an ``alembic_version`` table with a
revision of its own: "0001", a hex id, even one named like ours) is said to be no database
of BCĐ Desktop, naming the file: never "created by a newer version", which would send the
officer to update the application for nothing. A later version of ours (our tables and the
database identity of 0018, a revision this one does not know) is still said to be newer.
The same words at every door: opening it, ``bdcq check``, the window's start, a restore from
it. Real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bdcq_desktop.core.backup import restore_from
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError, DatabaseVersionError
from tests.cli_run import run_bdcq

FOREIGN = "không phải cơ sở dữ liệu của BCĐ Desktop"
NEWER = "phiên bản mới hơn"
REVISIONS = ["0001", "ae1027a6acf1", "0001_initial"]


def _foreign(path: Path, revision: str, *tables: str) -> Path:
    """An invoicing program's database, migrated with Alembic (``tables``: more of its own,
    empty)."""
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
        "CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT, total REAL);"
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO invoice VALUES (1, 'Công ty A', 1250000);"
    )
    for table in tables:
        con.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, note TEXT)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("revision", REVISIONS)
def test_another_programs_alembic_file_is_not_ours_not_newer(
    tmp_path: Path, revision: str
) -> None:
    path = _foreign(tmp_path / "hoa-don.db", revision)
    with pytest.raises(DatabaseVersionError) as refused:
        open_database(path, verify=True, refuse_empty=True)
    said = refused.value.message
    assert FOREIGN in said and str(path) in said
    assert NEWER not in said and "hỏng" not in said


@pytest.mark.parametrize("revision", REVISIONS)
def test_bdcq_check_says_the_same_in_one_line(tmp_path: Path, revision: str) -> None:
    path = _foreign(tmp_path / "hoa-don.db", revision)
    out = run_bdcq(["check"], db=path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert FOREIGN in out.stderr and str(path) in out.stderr
    assert NEWER not in out.stderr and "hỏng" not in out.stdout + out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_the_windows_start_says_the_same(tmp_path: Path) -> None:
    """The window's start opens through the same call (in its background job), and its
    refusal box shows the error's message as it is."""
    from bdcq_desktop.ui import app

    path = _foreign(tmp_path / "hoa-don.db", "0001")
    with pytest.raises(DatabaseVersionError) as refused:
        app._open_checked(str(path))
    assert FOREIGN in refused.value.message and str(path) in refused.value.message
    assert NEWER not in refused.value.message


@pytest.mark.parametrize("revision", ["0001", "ae1027a6acf1"])
def test_restoring_from_it_says_it_is_no_backup_of_ours(
    db: object, tmp_path: Path, revision: str
) -> None:
    """A table named like one of ours (``meeting``: a common name) does not make it ours."""
    path = _foreign(tmp_path / "lich-hop.db", revision, "meeting")
    with pytest.raises(BcdError) as refused:
        restore_from(db, path)  # type: ignore[arg-type]
    said = refused.value.message
    assert "không phải bản sao lưu của BCĐ Desktop" in said and str(path) in said
    assert NEWER not in said


@pytest.mark.parametrize("revision", [*REVISIONS, None])
def test_refusing_it_writes_nothing_into_it(tmp_path: Path, revision: str | None) -> None:
    """Refused before the engine opens it: its first connection would switch the other
    program's file to WAL (its header rewritten) and leave side files beside it."""
    folder = tmp_path / "hoa-don"
    folder.mkdir()
    path = _foreign(folder / "hoa-don.db", revision or "0001")
    if revision is None:  # another program's file with no revision at all
        con = sqlite3.connect(path)
        con.execute("DROP TABLE alembic_version")
        con.commit()
        con.close()
    before = path.read_bytes()
    for args in (["check"], ["members", "list"], ["init"]):
        out = run_bdcq(args, db=path)
        assert out.returncode == 2 and FOREIGN in out.stderr, (args, out.stderr)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["hoa-don.db"]
