"""Each database keeps its issued documents in a folder of its own (``documents/<identity>``):
two databases on one PC (the office's and the demo tried first) no longer call each other's
files orphans in ``bdcq check``, a real orphan is still found, and a database whose files were
issued into the shared folder before still reads and checks them there. Two real SQLite files
on one data folder, real PDFs read back."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import open_database
from bdcq_desktop.documents import service
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text
from tests.test_meeting_docs import demo_ids


def _docs() -> Path:
    return Path(os.environ["BDCQ_DATA_DIR"]) / "documents"


def _uid(db: Any) -> str:
    con = sqlite3.connect(db.sqlite_path)
    try:
        return con.execute("SELECT database_uid FROM organisation").fetchone()[0]
    finally:
        con.close()


def _problems(db: Any) -> list[str]:
    return [
        f"{p.code}: {p.message}"
        for p in run_checks(db, DEMO_TODAY)
        if p.code.startswith("issued_file")
    ]


# Three documents a demo database can issue, one after the other.
ISSUES = {"planned": ("convocation", "planned"), "convened": ("convocation", "convened"),
          "agenda": ("agenda", "planned")}  # fmt: skip


def _issue(db: Any, ids: dict[str, int], which: str) -> register.IssuedRecord:
    """``ids``: the demo's meetings picked before a convocation changed their status."""
    kind, meeting = ISSUES[which]
    return service.issue(db, kind, ids[meeting], today=DEMO_TODAY)


def _read_back(db: Any, record: register.IssuedRecord) -> str:
    copy = register.read_stored(record, db)
    assert copy.restored is None  # the file was where the register says, as issued
    return flat_text(copy.content)


def _forget(db: Any, record: register.IssuedRecord) -> None:
    """The register loses the entry, the file stays (a restore of an older backup did so)."""
    db.dispose()
    con = sqlite3.connect(db.sqlite_path)
    con.execute("DELETE FROM issued_document WHERE id = ?", (record.id,))
    con.commit()
    con.close()


@pytest.fixture
def other_db(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    """A second database on the same PC and data folder: the demo's data under an identity
    of its own, as any database created apart from the first has."""
    target = tmp_path / "other.sqlite3"
    shutil.copyfile(demo_template, target)
    con = sqlite3.connect(target)
    con.execute("UPDATE organisation SET database_uid = ?", (str(uuid.uuid4()),))
    con.commit()
    con.close()
    database = open_database(target)
    yield database
    database.dispose()


def test_two_databases_on_one_pc_each_check_clean_after_each_issues(
    demo_db: Any, other_db: Any
) -> None:
    a, b = demo_ids(demo_db), demo_ids(other_db)
    assert _uid(demo_db) != _uid(other_db)
    first = _issue(demo_db, a, "planned")
    assert _problems(demo_db) == [] and _problems(other_db) == []
    second = _issue(other_db, b, "planned")
    # The same number in each register: two files, each in its database's own folder.
    assert first.symbol == second.symbol
    for db, record in ((demo_db, first), (other_db, second)):
        path = register.local_path(record)
        assert path.parent.parent == _docs() / _uid(db)[:8]
        assert path.parent.name == str(DEMO_TODAY.year)
        assert record.symbol in _read_back(db, record)
    third = _issue(demo_db, a, "agenda")
    assert _problems(demo_db) == [] and _problems(other_db) == []
    assert register.local_path(third).parent == register.local_path(first).parent


def test_a_file_of_this_databases_folder_the_register_does_not_know_is_still_found(
    demo_db: Any, other_db: Any
) -> None:
    a = demo_ids(demo_db)
    kept = _issue(demo_db, a, "planned")
    lost = _issue(demo_db, a, "convened")
    file = register.local_path(lost)
    _forget(demo_db, lost)
    problems = _problems(demo_db)
    assert len(problems) == 1 and problems[0].startswith("issued_file_orphan")
    assert str(file) in problems[0] and f"{lost.number:02d}/GTT" in problems[0]
    assert file.parent.parent == _docs() / _uid(demo_db)[:8]
    # Not the other database's orphan: it never issued it.
    assert _problems(other_db) == []
    assert register.local_path(kept).is_file()


def _into_shared_folder(db: Any, record: register.IssuedRecord) -> Path:
    """The file and the register's path as a database issued them before each had a folder of
    its own: ``<year>/<name>`` in the shared documents folder."""
    own = register.local_path(record)
    legacy = f"{record.year}/{own.name}"
    target = _docs() / legacy
    target.parent.mkdir(parents=True, exist_ok=True)
    own.rename(target)
    db.dispose()
    con = sqlite3.connect(db.sqlite_path)
    con.execute("UPDATE issued_document SET file_path = ? WHERE id = ?", (legacy, record.id))
    con.commit()
    con.close()
    return target


def test_a_database_whose_files_are_in_the_shared_folder_still_reads_and_checks_them(
    demo_db: Any, other_db: Any
) -> None:
    a, b = demo_ids(demo_db), demo_ids(other_db)
    old = _issue(demo_db, a, "planned")
    gone = _issue(demo_db, a, "convened")
    old_file = _into_shared_folder(demo_db, old)
    gone_file = _into_shared_folder(demo_db, gone)
    [old] = [r for r in register.list_issued(demo_db) if r.id == old.id]
    assert register.local_path(old) == old_file
    assert _problems(demo_db) == []
    assert old.symbol in _read_back(demo_db, old)
    assert old_file.is_file() and old_file.parent == _docs() / str(old.year)
    # A new issue goes to its own folder; the old files stay where the register has them.
    new = _issue(demo_db, a, "agenda")
    assert register.local_path(new).parent.parent == _docs() / _uid(demo_db)[:8]
    assert _problems(demo_db) == []
    # The other database has nothing in the shared folder: the first one's files there are
    # not its orphans.
    _issue(other_db, b, "planned")
    assert _problems(other_db) == []
    # The shared folder is still looked in for this database: an entry lost there is found.
    _forget(demo_db, gone)
    problems = _problems(demo_db)
    assert len(problems) == 1 and str(gone_file) in problems[0]
    assert problems[0].startswith("issued_file_orphan")
