"""The office's PostgreSQL server refusing new connections (stopping, starting, recovering, or
its database closed by the administrator) is said in Vietnamese as a wait, never as a defect.

A real server (tests/pg.py): the officer's database is closed to new connections (``ALLOW_
CONNECTIONS false``, its sessions ended), as a server that is stopped refuses them, then opened
again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bdcq_desktop.core import units
from bdcq_desktop.core.backup_identity import database_identity
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.storage_errors import ServerUnreachable, StorageError


def _allow_connections(url: str, allowed: bool) -> None:
    """Open or close ``url``'s database to new connections, ending its sessions when closed
    (from ``template1``: a database's own connection would be ended with them)."""
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="template1"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}'))
            if not allowed:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = :d AND pid <> pg_backend_pid()"
                    ),
                    {"d": name},
                )
    finally:
        admin.dispose()


def test_a_server_taking_no_new_connection_is_said_as_a_wait_in_use_and_at_the_start(
    pg_server: str, pg_db: Any
) -> None:
    """The audit: a server being stopped (pg_ctl stop waiting for its sessions), starting or
    recovering refuses new connections ("the database system is shutting down"): a read in
    use met it as a defect (the driver's English, "Lỗi không mong đợi", errors.log), a start
    as "Không mở được cơ sở dữ liệu" without "Thử lại". Now both say to wait and try again."""
    officer = open_database(pg_server)
    try:
        _allow_connections(pg_server, False)
        with pytest.raises(StorageError) as in_use:
            units.list_units(officer)
        with pytest.raises(StorageError):  # what keeps typed minutes apart, read at the start
            database_identity(officer)
        with pytest.raises(ServerUnreachable) as at_start:
            open_database(pg_server)
    finally:
        _allow_connections(pg_server, True)
        officer.dispose()
    for said in (in_use.value.message, at_start.value.message):
        assert said.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:"), said
        assert "đang khởi động, đang tắt hoặc tạm không nhận kết nối" in said, said
        assert "Hãy đợi một lát rồi thử lại" in said, said
    assert "Chưa lưu được gì." in in_use.value.message
    assert units.list_units(pg_db) == []  # and once it takes them again, it is read
