"""Shared fixtures: every test gets its own data folder, SQLite file and Qt settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO_TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data folder, database or saved window state."""
    data = tmp_path / "data"
    monkeypatch.setenv("BDCQ_DATA_DIR", str(data))
    monkeypatch.delenv("BDCQ_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bcd.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from bdcq_desktop.core.db import open_database

    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database per test run; tests get a copy (loading takes a moment)."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    os.environ.setdefault("BDCQ_DATA_DIR", str(path.parent / "data"))
    database = open_database(path)
    # Documents tests need an empty register: the core's load issues nothing (`bdcq demo` issues
    # the past documents through bdcq_desktop.documents.demo, tested there).
    load_demo(database, today=DEMO_TODAY)
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[object]:
    import shutil

    from bdcq_desktop.core.db import open_database

    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    database = open_database(target)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    from tests.pg import postgres_server

    with postgres_server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("CI needs a PostgreSQL server (install the postgresql package)")
            pytest.skip("no PostgreSQL server available (install the postgresql package)")
        yield url


@pytest.fixture
def pg_db(pg_server: str) -> Iterator[object]:
    """A freshly migrated PostgreSQL database, emptied after the test."""
    from sqlalchemy import text

    from bdcq_desktop.core.db import Database, open_database

    admin = Database(pg_server)
    with admin.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    admin.dispose()
    database = open_database(pg_server)
    yield database
    database.dispose()
