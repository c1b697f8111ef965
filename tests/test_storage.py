"""Models, migrations and database opening on a real SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm.exc import StaleDataError

from bdcq_desktop.core.db import Database, is_network_path, open_database, resolve_url
from bdcq_desktop.core.errors import DatabaseVersionError
from bdcq_desktop.core.migrate import current_revision
from bdcq_desktop.core.migrations import HEAD, MIGRATIONS_DIR, REVISIONS
from bdcq_desktop.core.models import Base, ChangeLog, Person, Unit, UnitKind


def test_fresh_database_is_at_head_with_every_table(db: Database) -> None:
    assert current_revision(db) == HEAD
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_sqlite_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_revision_chain_is_linear_and_matches_the_constant() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert len(script.get_heads()) == 1
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == REVISIONS
    assert script.get_current_head() == HEAD


def test_migrations_match_the_models(migrated_db: Database) -> None:
    """Autogenerate against a database migrated from the first revision finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with migrated_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_newer_database_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseVersionError) as err:
        open_database(db_path)
    assert "phiên bản mới hơn" in err.value.message


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseVersionError):
        open_database(path)


def test_optimistic_locking_refuses_a_stale_save(db: Database) -> None:
    with db.session() as s:
        u = Unit(name="Sở Tư pháp", kind=UnitKind.DEPARTMENT)
        s.add(u)
    s1, s2 = db._factory(), db._factory()
    a = s1.get(Unit, u.id)
    b = s2.get(Unit, u.id)
    a.short_name = "STP"
    s1.commit()
    b.short_name = "Sở TP"
    with pytest.raises(StaleDataError):
        s2.commit()
    s1.close()
    s2.close()


def test_change_log_records_who_and_what(db: Database) -> None:
    with db.session() as s:
        p = Person(full_name="Nguyễn Văn An")
        s.add(p)
    with db.session() as s:
        s.get(Person, p.id).position = "Giám đốc"
    with db.session() as s:
        rows = s.scalars(select(ChangeLog).where(ChangeLog.table_name == "person")).all()
    assert [r.action.value for r in rows] == ["insert", "update"]
    assert '"position": [null, "Giám đốc"]' in rows[1].changes
    assert rows[0].user


def test_constraints_hold(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    from bdcq_desktop.core.models import CommitteeMembership, CommitteeRole

    with db.session() as s:
        p = Person(full_name="Trần Thị Bình")
        s.add(p)
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(
            CommitteeMembership(
                person_id=p.id,
                role=CommitteeRole.MEMBER,
                start_date=date(2026, 5, 1),
                end_date=date(2026, 1, 1),
            )
        )


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.db") == "sqlite:///" + str((tmp_path / "a.db").resolve())
    monkeypatch.setenv("BDCQ_DATABASE_URL", "postgresql://u@h/db")
    assert resolve_url(None) == "postgresql://u@h/db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.delenv("BDCQ_DATABASE_URL")
    assert resolve_url(None).endswith("bcd.sqlite3")


def test_network_paths_are_recognised() -> None:
    assert is_network_path(r"\\server\share\bcd.sqlite3")
    assert is_network_path("//server/share/bcd.sqlite3")
    assert not is_network_path("/home/user/bcd.sqlite3")


def test_network_path_gives_a_warning() -> None:
    db = Database("sqlite:////" + "/server/share/x.sqlite3")
    assert any("ổ mạng" in w for w in db.warnings)


def test_automatic_backup_is_a_consistent_copy(db: Database) -> None:
    from bdcq_desktop.core.backup import backup_before

    with db.session() as s:
        s.add(Unit(name="Sở Y tế", kind=UnitKind.DEPARTMENT))
    dest = backup_before(db, "test")
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("select name from unit").fetchone()[0] == "Sở Y tế"
    con.close()


def test_core_never_imports_qt() -> None:
    code = (
        "import sys, bdcq_desktop.core.db, bdcq_desktop.core.members, bdcq_desktop.core.meetings,"
        " bdcq_desktop.core.reports, bdcq_desktop.core.working_group, bdcq_desktop.core.check,"
        " bdcq_desktop.core.backup, bdcq_desktop.core.settings, bdcq_desktop.core.units,"
        " bdcq_desktop.cli;"
        " bdcq_desktop.cli.build_parser();"
        " print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "fixture", sorted((Path(__file__).parent / "fixtures").glob("db-*.sqlite3"))
)
def test_databases_of_past_versions_open_and_keep_their_data(fixture: Path, tmp_path: Path) -> None:
    """Every released schema has a fixture file; each upgrades to head with its data intact."""
    import shutil

    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    db = open_database(copy)
    assert current_revision(db) == HEAD
    with db.session() as s:
        assert s.scalar(select(Person.full_name)) == "Nguyễn Văn An"
    db.dispose()
    if not fixture.name.startswith(f"db-{HEAD}."):
        # An upgrade of a database holding data is preceded by a backup of it.
        from bdcq_desktop.core.backup import backups_dir

        backups = list(backups_dir().glob("bcd-*-upgrade-*.sqlite3"))
        assert len(backups) == 1
        con = sqlite3.connect(backups[0])
        assert con.execute("select version_num from alembic_version").fetchone()[0] != HEAD
        con.close()


def test_opening_a_current_database_does_not_import_alembic(db_path: Path) -> None:
    open_database(db_path).dispose()
    code = (
        "import sys; from bdcq_desktop.core.db import open_database;"
        f" open_database({str(db_path)!r}).dispose();"
        " print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
