"""A throwaway PostgreSQL server for the multi-user tests.

``BDCQ_TEST_PG_URL`` points at a server to use; otherwise, when a PostgreSQL installation is
found (Debian's ``postgresql`` package), a private cluster is started on a free loopback port in
a temporary folder and removed afterwards. As root the server runs as the ``postgres`` user.

Its users are trusted, but one (:data:`PASSWORD_ROLE`) signs in with a password, as an office
server's do, so a test can change it while the application is open (:func:`password_url`).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yields a SQLAlchemy URL of an empty database, or None when no server can be had."""
    url = os.environ.get("BDCQ_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _bin_dir()
    if bindir is None:
        yield None
        return
    as_root = os.geteuid() == 0
    tmp = tempfile.mkdtemp(prefix="bdcq-pg-")
    data = os.path.join(tmp, "data")
    port = _free_port()

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        full = ["runuser", "-u", "postgres", "--", *cmd] if as_root else list(cmd)
        return subprocess.run(full, check=True, capture_output=True, text=True)

    if as_root:
        shutil.chown(tmp, "postgres")
        os.chmod(tmp, 0o700)
    run(os.path.join(bindir, "initdb"), "-D", data, "-U", "bdcq", "-A", "trust", "-E", "UTF8",
        "--no-sync")
    hba = os.path.join(data, "pg_hba.conf")
    with open(hba, encoding="utf-8") as f:
        trusted = f.read()
    with open(hba, "w", encoding="utf-8") as f:  # the first line that matches decides
        f.write(f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n{trusted}")
    run(os.path.join(bindir, "pg_ctl"), "-D", data, "-l", os.path.join(tmp, "log"), "-w",
        "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield f"postgresql+psycopg://bdcq@127.0.0.1:{port}/postgres"
    finally:
        run(os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


PASSWORD_ROLE = "bdcq_password"


def password_url(url: str, password: str) -> str:
    """The URL of ``url``'s database for :data:`PASSWORD_ROLE` (a superuser, made if need be),
    its password now ``password`` (what an administrator's ``ALTER ROLE … PASSWORD`` does to a
    user whose application is open). Only a server of the suite's own requires it: the test
    is skipped on another (``BDCQ_TEST_PG_URL``), whose pg_hba.conf is not known."""
    import pytest
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if os.environ.get("BDCQ_TEST_PG_URL"):
        pytest.skip("a password login needs the suite's own server (its pg_hba.conf)")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": PASSWORD_ROLE}
            )
            verb = "ALTER" if exists else "CREATE"
            quoted = password.replace("'", "''")
            conn.execute(text(f"{verb} ROLE {PASSWORD_ROLE} LOGIN SUPERUSER PASSWORD '{quoted}'"))
    finally:
        admin.dispose()
    return (
        make_url(url)
        .set(username=PASSWORD_ROLE, password=password)
        .render_as_string(hide_password=False)
    )


def end_sessions_of(url: str, role: str) -> int:
    """End every session ``role`` has on ``url``'s server, as a restart of the server or a
    blip of the network does: its clients' next call opens a new connection (and signs in
    again). Returns how many were ended."""
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE usename = :r AND pid <> pg_backend_pid()"
                    ),
                    {"r": role},
                ).fetchall()
            )
    finally:
        admin.dispose()


def recreate_database(url: str, name: str | None, *, template: str | None = None) -> str:
    """Drop and create the database ``name`` (None: the one ``url`` names) on ``url``'s server,
    as a copy of ``template`` when given; returns its URL. Connects to ``template1`` to do it,
    since a database cannot be dropped by its own connection."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    name = name or target.database
    assert name and name.isidentifier(), name
    admin = create_engine(
        target.set(database="template1"), isolation_level="AUTOCOMMIT"
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        admin.dispose()
    return target.set(database=name).render_as_string(hide_password=False)


def wait_for_lock_waiters(db: Any, count: int, *, seconds: float, what: str) -> None:
    """Until ``count`` sessions of ``db``'s PostgreSQL database wait for a lock; the test
    fails naming ``what`` never waited when ``seconds`` pass first."""
    import pytest
    from sqlalchemy import text

    deadline = time.monotonic() + seconds
    waiting = 0
    while time.monotonic() < deadline:
        with db.engine.connect() as conn:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                )
            ).scalar()
        if waiting >= count:
            return
        time.sleep(0.05)
    pytest.fail(f"{what} never waited ({waiting} of {count})")
